//! Passages: selection by sentence, bookmarks with a note, the bookmarks view, the sources
//! view across articles and the jump list (issue 4).
//!
//! `update` calls [`before`] first: it handles the actions that belong here (and the keys a
//! view or the note line takes while open) and passes every other action on to the reader's
//! own `step`. Then [`after`] records jumps, finishes a pending jump once its article is open
//! and keeps the bookmark marks of the open article up to date. Both are pure, like `update`.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

use crate::app::action::{Action, Pane};
use crate::app::arrive::jump_list;
pub use crate::app::arrive::{after, go};
use crate::app::jumps::{JumpList, Location};
use crate::app::line::{LineEdit, LineEditor};
use crate::app::model::{Model, Overlay};
use crate::app::sources::SourcesView;
use crate::app::update::{Effect, set_focus};
use crate::bookmarks::Bookmark;
use crate::index::SpeakerIndex;
use crate::ui::doc::DocLine;

/// Everything of issue 4 the model keeps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Passages {
    /// The bookmarks as on disk (oldest first).
    pub bookmarks: Vec<Bookmark>,
    pub selection: Option<Selection>,
    /// The note line, when open: keys go to it.
    pub note: Option<NoteLine>,
    pub view: Option<BookmarksView>,
    pub sources: Option<SourcesView>,
    /// A source to show once the speaker index is ready.
    pub wanted: Option<crate::app::sources::Wanted>,
    pub index: IndexState,
    pub jumps: JumpList,
    /// Where to go once its article is open.
    pub target: Option<Target>,
    /// A passage shown highlighted after following a bookmark or a source.
    pub flash: Option<Range<usize>>,
    /// The last bookmark deleted, for undo.
    pub undo: Option<Bookmark>,
    /// Where each bookmark's passage is now, by id ("exact", "moved", "fuzzy", "orphaned",
    /// "missing"), as last checked.
    pub anchors: HashMap<String, &'static str>,
    /// The bookmarked ranges of the open article (for `marks_for`).
    pub marks: Vec<Range<usize>>,
    pub marks_for: Option<PathBuf>,
}

/// A selection of whole sentences in the open article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub path: PathBuf,
    /// Every sentence of the article (byte ranges, trimmed).
    pub sentences: Vec<Range<usize>>,
    /// The sentence where the selection started.
    pub anchor: usize,
    /// The sentence it was extended to.
    pub head: usize,
}

impl Selection {
    /// The selected bytes: from the first sentence's start to the last one's end.
    pub fn range(&self) -> Range<usize> {
        let (a, b) = (self.anchor.min(self.head), self.anchor.max(self.head));
        self.sentences[a].start..self.sentences[b].end
    }
}

/// What the note line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotePurpose {
    /// A new bookmark, saved when the note is done (with or without it).
    New(Box<Bookmark>),
    /// Changing the note of bookmark `id`.
    Edit { id: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteLine {
    pub editor: LineEditor,
    pub purpose: NotePurpose,
}

/// The bookmarks overlay.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BookmarksView {
    pub filter: LineEditor,
    /// Typed keys go to the filter.
    pub filtering: bool,
    /// Position in [`Passages::visible`].
    pub selected: usize,
}

/// The speaker index: not built, building, or ready.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum IndexState {
    #[default]
    Idle,
    Building {
        done: usize,
        total: usize,
    },
    Ready(Arc<SpeakerIndex>),
}

/// A jump waiting for its article to open.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub path: PathBuf,
    pub goal: Goal,
    /// Where the reader was: pushed on the jump list once there (`None`: going back or
    /// forward, which must not record).
    pub from: Option<Location>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Goal {
    /// A bookmark's passage, found again in the article's current text.
    Bookmark(Box<Bookmark>),
    /// A quotation by its byte range (from the speaker index).
    Quote(Range<usize>),
    /// A place from the jump list.
    Place(Location),
}

/// I/O the run loop performs for passages; results come back as [`Done`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PassageEffect {
    /// Add this bookmark (the loop stamps its creation time: `update` has no clock).
    Save(Box<Bookmark>),
    Remove(String),
    Restore(Box<Bookmark>),
    SetNote {
        id: String,
        note: String,
    },
    /// Find each bookmark's passage in its article as it is now.
    CheckAnchors(Vec<Bookmark>),
    /// Build the speaker index over these articles on a worker thread.
    BuildIndex(Vec<PathBuf>),
}

/// Results of [`PassageEffect`]s, fed back by the run loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    /// The bookmarks file after a change; the bookmark removed, if any.
    Bookmarks {
        list: Vec<Bookmark>,
        warning: Option<String>,
        removed: Option<Box<Bookmark>>,
    },
    Anchors(Vec<(String, &'static str)>),
    IndexProgress {
        done: usize,
        total: usize,
    },
    IndexReady(Arc<SpeakerIndex>),
}

impl Passages {
    /// The bookmarks the view lists: newest first, through the filter.
    pub fn visible(&self) -> Vec<&Bookmark> {
        let query = self.view.as_ref().map_or("", |v| v.filter.text());
        let mut list: Vec<&Bookmark> = self.bookmarks.iter().filter(|b| b.matches(query)).collect();
        list.sort_by(|a, b| {
            b.created_at()
                .cmp(&a.created_at())
                .then_with(|| b.created.cmp(&a.created))
                .then_with(|| a.id.cmp(&b.id))
        });
        list
    }

    /// Whether typed keys go to a line (the note, or the bookmarks filter).
    pub fn takes_line(&self) -> bool {
        self.note.is_some() || self.view.as_ref().is_some_and(|v| v.filtering)
    }
}

impl Model {
    /// Whether the keymap must send line edits (`keymap::Mode::Line`).
    pub fn takes_line(&self) -> bool {
        self.passages.takes_line() || self.store_search_typing()
    }
}

/// Where the reader is, for the jump list.
pub fn location(m: &Model) -> Option<Location> {
    m.open.as_ref().map(|o| Location {
        path: o.path.clone(),
        scroll: o.scroll,
        highlight: o.highlight,
        quote_sel: o.quote_sel,
    })
}

/// Whether `action` may jump (and so must be recorded when it moves the reader).
pub fn is_jump(action: &Action) -> bool {
    matches!(
        action,
        Action::Select
            | Action::NextQuote
            | Action::PrevQuote
            | Action::NextSameSpeaker
            | Action::PrevSameSpeaker
            | Action::Loaded { .. }
            | Action::Click { .. }
    )
}

/// Handle `action` if it belongs here; otherwise give it back for the reader's `step`.
pub fn before(m: &mut Model, action: Action) -> Result<Effect, Action> {
    if m.passages.note.is_some() {
        return match action {
            Action::Edit(e) => Ok(note_edit(m, e)),
            a if a.name().is_some() && a != Action::Quit => Ok(Effect::None),
            a => after_results(m, a),
        };
    }
    if m.passages.view.is_some() {
        return crate::app::bookmarks_view::update(m, action);
    }
    if m.passages.sources.is_some() {
        return crate::app::sources::view_update(m, action);
    }
    if m.passages.selection.is_some() && m.overlay == Overlay::None && m.prompt.is_none() {
        match action {
            Action::Down | Action::Up if m.focus == Pane::Reader => {
                extend(m, action == Action::Down);
                return Ok(Effect::None);
            }
            Action::Back | Action::SelectPassage => {
                m.passages.selection = None;
                return Ok(Effect::None);
            }
            _ => {}
        }
    }
    match action {
        Action::SelectPassage => Ok(start_selection(m)),
        Action::Bookmark => Ok(bookmark(m)),
        Action::Bookmarks => Ok(open_view(m)),
        Action::Sources => Ok(crate::app::sources::follow(m)),
        Action::JumpBack => Ok(jump_list(m, false)),
        Action::JumpForward => Ok(jump_list(m, true)),
        Action::DeleteBookmark | Action::Undo | Action::EditNote => {
            m.status = Some("this works in the bookmarks view".into());
            Ok(Effect::None)
        }
        Action::Back
            if m.passages.flash.is_some()
                && m.prompt.is_none()
                && m.overlay == Overlay::None
                && m.search.is_none() =>
        {
            m.passages.flash = None;
            Ok(Effect::None)
        }
        Action::Edit(_) => Ok(Effect::None),
        a => after_results(m, a),
    }
}

/// Results fed back by the run loop; anything else goes on to `step`.
pub(crate) fn after_results(m: &mut Model, action: Action) -> Result<Effect, Action> {
    match action {
        Action::Passages(done) => Ok(done_update(m, done)),
        Action::IndexDone => {
            // New articles were indexed: the speaker index is rebuilt at its next use.
            if matches!(m.passages.index, IndexState::Ready(_)) {
                m.passages.index = IndexState::Idle;
            }
            Err(Action::IndexDone)
        }
        a => Err(a),
    }
}

fn done_update(m: &mut Model, done: Done) -> Effect {
    match done {
        Done::Bookmarks {
            list,
            warning,
            removed,
        } => {
            m.passages.bookmarks = list;
            m.passages.marks_for = None;
            if let Some(b) = removed {
                m.status = Some(format!(
                    "bookmark deleted: {} (u puts it back)",
                    excerpt(&b.passage, 40)
                ));
                m.passages.undo = Some(*b);
            }
            if let Some(w) = warning {
                m.status = Some(crate::sanitize::clean_line(&w).into_owned());
            }
            if let Some(v) = &mut m.passages.view {
                let n = m.passages.bookmarks.len();
                v.selected = v.selected.min(n.saturating_sub(1));
            }
        }
        Done::Anchors(found) => m.passages.anchors.extend(found),
        Done::IndexProgress { done, total } => {
            m.passages.index = IndexState::Building { done, total };
            m.status = Some(format!("indexing speakers {done}/{total}"));
        }
        Done::IndexReady(index) => {
            m.passages.index = IndexState::Ready(index);
            m.status = None;
            return crate::app::sources::index_ready(m);
        }
    }
    Effect::None
}

/// The first `n` chars of `s` on one line, with "…" when cut.
pub fn excerpt(s: &str, n: usize) -> String {
    let line = crate::sanitize::clean_line(s);
    let flat: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

/// Every sentence of the article's paragraphs, trimmed, in order.
pub fn sentences(raw: &str, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for p in paragraphs {
        let Some(text) = raw.get(p.clone()) else {
            continue;
        };
        for (off, s) in text.split_sentence_bound_indices() {
            let lead = s.len() - s.trim_start().len();
            let t = s.trim();
            if !t.is_empty() {
                let start = p.start + off + lead;
                out.push(start..start + t.len());
            }
        }
    }
    out
}

/// The byte offset of the first text line shown in the reading pane.
fn top_offset(m: &Model) -> Option<(usize, usize)> {
    let o = m.open.as_ref()?;
    o.doc.lines.iter().skip(o.scroll).find_map(|l| match l {
        DocLine::Text { para, range } => Some((*para, range.start)),
        _ => None,
    })
}

fn start_selection(m: &mut Model) -> Effect {
    let Some(o) = &m.open else {
        m.status = Some("open an article to select a passage".into());
        return Effect::None;
    };
    let a = &o.loaded.article;
    let sentences = sentences(&a.raw, &a.paragraphs);
    if sentences.is_empty() {
        m.status = Some("this article has no text to select".into());
        return Effect::None;
    }
    let top = top_offset(m).map_or(0, |(_, off)| off);
    let first = sentences
        .iter()
        .position(|s| s.end > top)
        .unwrap_or(sentences.len() - 1);
    m.passages.selection = Some(Selection {
        path: o.path.clone(),
        sentences,
        anchor: first,
        head: first,
    });
    set_focus(m, Pane::Reader);
    m.status = Some("1 sentence selected: j/k extend, b bookmarks, esc cancels".into());
    Effect::None
}

fn extend(m: &mut Model, down: bool) {
    let Some(sel) = &mut m.passages.selection else {
        return;
    };
    sel.head = if down {
        (sel.head + 1).min(sel.sentences.len() - 1)
    } else {
        sel.head.saturating_sub(1)
    };
    let head = sel.sentences[sel.head].clone();
    let n = sel.anchor.abs_diff(sel.head) + 1;
    m.status = Some(format!(
        "{n} sentence{} selected: j/k extend, b bookmarks, esc cancels",
        if n == 1 { "" } else { "s" }
    ));
    // Keep the moving end in view.
    let h = m.height(Pane::Reader).max(1);
    if let Some(o) = &mut m.open {
        let first = o.doc.line_of(head.start).unwrap_or(0);
        let last = o.doc.line_of(head.end.saturating_sub(1)).unwrap_or(first);
        if first < o.scroll {
            o.scroll = first;
        } else if last >= o.scroll + h {
            o.scroll = last + 1 - h;
        }
    }
}

/// What `b` bookmarks: the selected quotation in the quotes pane; else the selection; else
/// the paragraph at the top of the reading pane.
fn bookmark_range(m: &Model) -> Option<Range<usize>> {
    let o = m.open.as_ref()?;
    if m.focus == Pane::Quotes {
        let q = o.loaded.pane_order().nth(o.quote_sel)?;
        let q = o.loaded.attribution.quotes.get(q)?;
        return Some(q.start..q.end);
    }
    if let Some(sel) = m.passages.selection.as_ref().filter(|s| s.path == o.path) {
        return Some(sel.range());
    }
    let (para, _) = top_offset(m)?;
    o.loaded.article.paragraphs.get(para).cloned()
}

fn bookmark(m: &mut Model) -> Effect {
    let Some(o) = &m.open else {
        m.status = Some("open an article to bookmark a passage".into());
        return Effect::None;
    };
    let Some(range) = bookmark_range(m) else {
        m.status = Some("nothing to bookmark here".into());
        return Effect::None;
    };
    let a = &o.loaded.article;
    match Bookmark::from_selection(
        o.path.clone(),
        a.meta.title.clone(),
        &a.raw,
        range,
        "",
        jiff::Timestamp::UNIX_EPOCH,
    ) {
        Ok(b) => {
            m.passages.selection = None;
            m.passages.note = Some(NoteLine {
                editor: LineEditor::default(),
                purpose: NotePurpose::New(Box::new(b)),
            });
        }
        Err(e) => m.status = Some(format!("cannot bookmark: {e}")),
    }
    Effect::None
}

fn note_edit(m: &mut Model, e: LineEdit) -> Effect {
    let Some(note) = &mut m.passages.note else {
        return Effect::None;
    };
    match e {
        LineEdit::Submit | LineEdit::Cancel => {
            let text = note.editor.text().trim().to_owned();
            let Some(note) = m.passages.note.take() else {
                return Effect::None;
            };
            match note.purpose {
                NotePurpose::New(mut b) => {
                    if e == LineEdit::Submit {
                        b.note = text;
                    }
                    m.status = Some("bookmarked".into());
                    Effect::Passages(PassageEffect::Save(b))
                }
                NotePurpose::Edit { id } if e == LineEdit::Submit => {
                    Effect::Passages(PassageEffect::SetNote { id, note: text })
                }
                NotePurpose::Edit { .. } => Effect::None,
            }
        }
        e => {
            note.editor.apply(e);
            Effect::None
        }
    }
}

fn open_view(m: &mut Model) -> Effect {
    m.passages.selection = None;
    m.passages.view = Some(BookmarksView::default());
    if m.passages.bookmarks.is_empty() {
        return Effect::None;
    }
    Effect::Passages(PassageEffect::CheckAnchors(m.passages.bookmarks.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_trimmed_in_order_inside_their_paragraphs() {
        let raw = "Intro line.\n\nFirst one here. 第二句在这里。 Third — with “quotes” ok?  \
                   Last 🇫🇷 e\u{301}!\n\n   \n\nSolo";
        let paragraphs = [
            0..11,
            13..raw.find("\n\n   ").unwrap(),
            raw.len() - 4..raw.len(),
        ];
        let s = sentences(raw, &paragraphs);
        let texts: Vec<&str> = s.iter().map(|r| &raw[r.clone()]).collect();
        assert_eq!(texts[0], "Intro line.");
        assert_eq!(texts[1], "First one here.");
        assert!(texts.contains(&"Last 🇫🇷 e\u{301}!"), "{texts:?}");
        assert_eq!(texts.last(), Some(&"Solo"));
        for w in s.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        for (r, t) in s.iter().zip(&texts) {
            assert_eq!(t.trim(), *t);
            assert!(!t.is_empty());
            assert!(
                paragraphs
                    .iter()
                    .any(|p| p.start <= r.start && r.end <= p.end)
            );
        }
    }

    #[test]
    fn excerpts_are_one_line_and_cut_on_chars() {
        assert_eq!(excerpt("a\nb   c", 10), "a b c");
        assert_eq!(excerpt("日本語のテキスト", 3), "日本語…");
    }
}
