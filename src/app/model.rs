//! The reader's state. Plain data: `update` changes it, the view reads it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;

use crate::app::action::Pane;
use crate::article::{Article, Store};
use crate::geometry::doc::Doc;
use crate::geometry::layout::{self, Panes};
use crate::quotes::Attribution;

/// An article read and analysed, kept for the session.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub article: Article,
    pub attribution: Attribution,
    /// Speakers in order of first appearance, then the unattributed quotations.
    pub groups: Vec<Group>,
    /// The quotes pane's rows and the quotations in reading order, worked out once: a
    /// keystroke in a long article must not rebuild them.
    rows: Vec<QuoteRow>,
    reading: Vec<usize>,
}

/// One speaker's quotations in the quotes pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Index into `Attribution::speakers`; `None` for the unattributed ones.
    pub speaker: Option<usize>,
    /// Indices into `Attribution::quotes`, in reading order.
    pub quotes: Vec<usize>,
}

impl Loaded {
    pub fn new(article: Article, attribution: Attribution) -> Loaded {
        let mut groups: Vec<Group> = Vec::new();
        let mut order: Vec<usize> = (0..attribution.quotes.len()).collect();
        order.sort_by_key(|&i| (attribution.quotes[i].start, i));
        let reading = order.clone();
        let mut unattributed = Vec::new();
        for qi in order {
            match attribution.quotes[qi].speaker {
                Some(s) if s < attribution.speakers.len() => {
                    if let Some(g) = groups.iter_mut().find(|g| g.speaker == Some(s)) {
                        g.quotes.push(qi);
                    } else {
                        groups.push(Group {
                            speaker: Some(s),
                            quotes: vec![qi],
                        });
                    }
                }
                _ => unattributed.push(qi),
            }
        }
        if !unattributed.is_empty() {
            groups.push(Group {
                speaker: None,
                quotes: unattributed,
            });
        }
        let mut rows = Vec::new();
        for (gi, g) in groups.iter().enumerate() {
            rows.push(QuoteRow::Header(gi));
            rows.extend(g.quotes.iter().map(|&q| QuoteRow::Quote(q)));
        }
        Loaded {
            article,
            attribution,
            groups,
            rows,
            reading,
        }
    }

    /// Quote indices in reading order (by start, then index).
    pub fn reading_order(&self) -> &[usize] {
        &self.reading
    }

    /// Quote indices in the order the quotes pane lists them.
    pub fn pane_order(&self) -> impl Iterator<Item = usize> + '_ {
        self.groups.iter().flat_map(|g| g.quotes.iter().copied())
    }

    /// The colour slot of a speaker: its rank by first appearance.
    pub fn speaker_rank(&self, speaker: Option<usize>) -> Option<usize> {
        speaker.and_then(|s| self.groups.iter().position(|g| g.speaker == Some(s)))
    }

    /// Rows of the quotes pane: a header per group, then one row per quotation.
    pub fn rows(&self) -> &[QuoteRow] {
        &self.rows
    }
}

/// A row of the quotes pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteRow {
    Header(usize),
    Quote(usize),
}

/// The open article and where the reader is in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Open {
    pub path: PathBuf,
    pub section: String,
    pub loaded: Arc<Loaded>,
    /// Laid out at the reading pane's width.
    pub doc: Doc,
    /// First line shown.
    pub scroll: usize,
    /// The quotation jumped to.
    pub highlight: Option<usize>,
    /// Selected position in the quotes pane's order.
    pub quote_sel: usize,
    /// First row shown in the quotes pane.
    pub quote_offset: usize,
}

pub use crate::app::layer::{Layer, Prompt};

impl Open {
    /// The byte offset of the text line at the top of the reading pane.
    pub fn top_offset(&self) -> Option<usize> {
        self.doc.lines.get(self.scroll).and_then(|l| match l {
            crate::geometry::doc::DocLine::Text { range, .. } => Some(range.start),
            _ => None,
        })
    }
}

/// A search in the open article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    /// Byte ranges of the hits in the article's text.
    pub hits: Vec<Range<usize>>,
    pub current: Option<usize>,
}

/// The article list: filter and selection.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListState {
    pub filter: String,
    /// Indices into `store.entries` that pass the filter.
    pub visible: Vec<usize>,
    /// Position in `visible`.
    pub selected: usize,
    /// First item shown.
    pub offset: usize,
}

/// Background indexing progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// The whole state of the reader.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub store: Store,
    /// Paths of the articles already read.
    pub read: HashSet<PathBuf>,
    pub focus: Pane,
    /// The list or the quotes: whichever shares a medium-width screen with the reading pane.
    pub side: Pane,
    /// Columns from which three panes stand side by side (config `wide`).
    pub wide: u16,
    pub list: ListState,
    pub open: Option<Open>,
    /// The article being read by the run loop.
    pub loading: Option<PathBuf>,
    /// Every article opened this session.
    pub cache: HashMap<PathBuf, Arc<Loaded>>,
    /// What is open over the panes, bottom first: the top layer takes the keys.
    pub layers: Vec<Layer>,
    pub search: Option<Search>,
    /// The first key of each action in force, for the hints in status messages.
    pub keys: crate::app::layer::KeyNames,
    /// A message for the status bar.
    pub status: Option<String>,
    pub indexing: Option<Progress>,
    /// How many rows the index holds while only the first screen of them is in `store`.
    pub rows_total: Option<usize>,
    /// The background fetch of the feeds, while it runs (`total` 0 until it is known).
    pub fetching: Option<Progress>,
    /// The pane rectangles for the last known terminal size.
    pub panes: Panes,
    pub quit: bool,
    /// Selection, bookmarks, the speaker index and the jump list (issue 4).
    pub passages: crate::app::passages::Passages,
}

impl Model {
    pub fn new(store: Store, read: HashSet<PathBuf>, wide: u16) -> Model {
        let mut m = Model {
            store,
            read,
            focus: Pane::List,
            side: Pane::List,
            wide,
            list: ListState::default(),
            open: None,
            loading: None,
            cache: HashMap::new(),
            layers: Vec::new(),
            search: None,
            keys: crate::app::layer::KeyNames::defaults(),
            status: None,
            indexing: None,
            rows_total: None,
            fetching: None,
            panes: Panes::default(),
            quit: false,
            passages: crate::app::passages::Passages::default(),
        };
        m.refilter();
        m
    }

    /// The entry under the list's cursor.
    pub fn selected_entry(&self) -> Option<&crate::article::Entry> {
        self.list
            .visible
            .get(self.list.selected)
            .and_then(|&i| self.store.entries.get(i))
    }

    /// Recompute the visible rows after the filter or the entries changed, keeping the
    /// selected article selected when it is still shown.
    pub fn refilter(&mut self) {
        let keep = self.selected_entry().map(|e| e.path.clone());
        self.refilter_keeping(keep);
    }

    /// [`refilter`](Self::refilter) with the article to keep selected given: taken before
    /// the entries changed, since `visible` indexes into them.
    pub fn refilter_keeping(&mut self, keep: Option<PathBuf>) {
        let needle = self.list.filter.to_lowercase();
        self.list.visible = self
            .store
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                needle.is_empty()
                    || e.title.to_lowercase().contains(&needle)
                    || e.source
                        .as_ref()
                        .is_some_and(|s| s.to_lowercase().contains(&needle))
            })
            .map(|(i, _)| i)
            .collect();
        self.list.selected = keep
            .and_then(|p| {
                self.list
                    .visible
                    .iter()
                    .position(|&i| self.store.entries[i].path == p)
            })
            .unwrap_or(0)
            .min(self.list.visible.len().saturating_sub(1));
    }

    /// Lay the panes out again for `area` and the focus; re-wrap the open article when the
    /// reading pane's width changed; keep the cursors in view.
    pub fn relayout(&mut self, area: Rect) {
        self.panes = layout::panes(area, self.wide, self.focus, self.side);
        let width = self.panes.reader.map_or(0, |r| layout::inner(r).width);
        if let Some(open) = &mut self.open
            && open.doc.width != width
            && width > 0
        {
            // Keep the same text at the top.
            let top = open.top_offset();
            open.doc = Doc::layout(&open.loaded.article, Some(&open.section), width);
            open.scroll = top.and_then(|o| open.doc.line_of(o)).unwrap_or(0);
        }
        self.clamp();
    }

    /// Inner height of a pane (0 when hidden).
    pub fn height(&self, pane: Pane) -> usize {
        self.panes
            .get(pane)
            .map_or(0, |r| usize::from(layout::inner(r).height))
    }

    /// Keep scroll positions and selections within bounds and in view.
    pub fn clamp(&mut self) {
        let n = self.list.visible.len();
        self.list.selected = self.list.selected.min(n.saturating_sub(1));
        // two rows per article
        let shown = (self.height(Pane::List) / 2).max(1);
        if self.list.selected < self.list.offset {
            self.list.offset = self.list.selected;
        } else if self.list.selected >= self.list.offset + shown {
            self.list.offset = self.list.selected + 1 - shown;
        }
        self.list.offset = self.list.offset.min(n.saturating_sub(shown));
        let rh = self.height(Pane::Reader).max(1);
        let qh = self.height(Pane::Quotes).max(1);
        if let Some(open) = &mut self.open {
            let max = open.doc.lines.len().saturating_sub(rh);
            open.scroll = open.scroll.min(max);
            let count = open.loaded.attribution.quotes.len();
            open.quote_sel = open.quote_sel.min(count.saturating_sub(1));
            let rows = open.loaded.rows();
            if let Some(q) = open.loaded.pane_order().nth(open.quote_sel)
                && let Some(row) = rows.iter().position(|r| *r == QuoteRow::Quote(q))
            {
                // show the speaker's header too when it is just above
                let top = row.saturating_sub(1);
                if top < open.quote_offset {
                    open.quote_offset = top;
                } else if row >= open.quote_offset + qh {
                    open.quote_offset = row + 1 - qh;
                }
            }
            open.quote_offset = open.quote_offset.min(rows.len().saturating_sub(qh));
        }
    }
}
