//! `update`: the only place the model changes. Pure: no terminal, no files, no clock. It
//! returns the `Effect` the run loop must perform; results come back as actions.
//!
//! Results from the run loop go to the model whatever is open. A user's action goes to the
//! top layer when one is open (see `app::layer`), else to the reader's three panes here.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;

use crate::app::action::{Action, Context, Pane};
use crate::app::layer::{self, Layer, Prompt, open_prompt};
use crate::app::model::{Loaded, Model, Open, QuoteRow, Search};
use crate::app::passages::{self, location};
use crate::app::selection;
use crate::geometry::doc::Doc;
use crate::geometry::layout;

/// I/O for the run loop to perform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Read and analyse this article, then send `Action::Loaded`.
    Load(PathBuf),
    /// Persist that this article was read.
    MarkRead(PathBuf),
    /// Search the store for this query, then send `Action::Found`.
    SearchStore(String),
    /// Bookmarks and the speaker index (see `app::passages`).
    Passages(crate::app::passages::PassageEffect),
    /// Fetch the feeds on a worker; progress comes back as `Action::FetchProgress`, new and
    /// changed articles as `Action::Indexed`, the end as `Action::FetchDone`.
    Fetch,
    /// Open this (http or https) url in the browser.
    OpenUrl(String),
}

/// Most search hits kept for one query.
pub const MAX_HITS: usize = 10_000;
/// Lines or rows the wheel moves.
const WHEEL: isize = 3;

/// Apply `action` to the model.
pub fn update(m: &mut Model, action: Action) -> Effect {
    if action.name().is_some() || matches!(action, Action::Click { .. }) {
        m.status = None;
    }
    let effect = match action {
        Action::Loaded { .. }
        | Action::Indexed(_)
        | Action::IndexDone
        | Action::Passages(_)
        | Action::Failed(_)
        | Action::Rows(_)
        | Action::Index(_)
        | Action::Found(_)
        | Action::FetchProgress { .. }
        | Action::FetchDone(_)
        | Action::Resize { .. } => result(m, action),
        action if m.layers.is_empty() => step(m, &action),
        action => layer::update(m, action),
    };
    passages::after(m);
    let area = m.panes.area;
    m.relayout(area);
    effect
}

/// A result fed back by the run loop.
fn result(m: &mut Model, action: Action) -> Effect {
    match action {
        Action::Resize { width, height } => m.relayout(Rect::new(0, 0, width, height)),
        Action::Loaded { path, result } => {
            let wanted = m.loading.as_ref() == Some(&path);
            if wanted {
                m.loading = None;
            }
            match result {
                Ok(pair) => {
                    let (article, attribution) = *pair;
                    let loaded = Arc::new(Loaded::new(article, attribution));
                    m.cache.insert(path.clone(), Arc::clone(&loaded));
                    if wanted {
                        return open(m, path, loaded);
                    }
                }
                Err(problem) => {
                    m.status = Some(
                        crate::sanitize::clean_line(&format!(
                            "cannot open {}: {}",
                            problem.path.display(),
                            problem.reason
                        ))
                        .into_owned(),
                    );
                    if !m.store.problems.contains(&problem) {
                        m.store.problems.push(problem);
                    }
                }
            }
        }
        Action::Indexed(results) => {
            let n = results.len();
            // Keep the selected article selected, on the same row of the screen.
            let keep = m.selected_entry().map(|e| e.path.clone());
            let (selected, offset) = (m.list.selected, m.list.offset);
            m.store.record_all(results);
            m.refilter_keeping(keep);
            m.list.offset = (offset + m.list.selected).saturating_sub(selected);
            if let Some(p) = &mut m.indexing {
                p.done = (p.done + n).min(p.total);
            }
        }
        Action::IndexDone => {
            m.indexing = None;
            // New articles were indexed: the speaker index is rebuilt at its next use.
            if matches!(m.passages.index, passages::IndexState::Ready(_)) {
                m.passages.index = passages::IndexState::Idle;
            }
        }
        Action::Rows(rows) => return crate::app::indexing::rows(m, *rows),
        Action::Index(u) => return crate::app::indexing::update(m, u),
        Action::Found(results) => crate::app::found::results(m, *results),
        Action::FetchProgress { .. } | Action::FetchDone(_) => {
            return crate::app::fetch::update(m, action);
        }
        Action::Passages(done) => return passages::done(m, done),
        Action::Failed(msg) => m.status = Some(crate::sanitize::clean_line(&msg).into_owned()),
        _ => {}
    }
    Effect::None
}

/// A user's action on the three panes (no layer open).
fn step(m: &mut Model, action: &Action) -> Effect {
    // While selecting sentences, up and down in the reading pane extend the selection.
    if m.passages.selection.is_some()
        && m.focus == Pane::Reader
        && matches!(action, Action::Up | Action::Down)
    {
        selection::extend(m, *action == Action::Down);
        return Effect::None;
    }
    match *action {
        Action::Quit => return layer::quit(m),
        Action::Help => m.push(Layer::Help { scroll: 0 }),
        Action::Problems => m.push(Layer::Problems { scroll: 0 }),
        Action::Back => back(m),
        Action::FocusNext | Action::FocusPrev => {
            let i = Pane::ALL.iter().position(|&p| p == m.focus).unwrap_or(0);
            let next = if *action == Action::FocusNext {
                i + 1
            } else {
                i + 2
            };
            set_focus(m, Pane::ALL[next % 3]);
        }
        Action::Up => move_by(m, -1),
        Action::Down => move_by(m, 1),
        Action::PageUp => move_by(m, -page(m)),
        Action::PageDown => move_by(m, page(m)),
        Action::Top => move_by(m, isize::MIN / 2),
        Action::Bottom => move_by(m, isize::MAX / 2),
        Action::Select => return select(m),
        Action::NextQuote => step_quote(m, true),
        Action::PrevQuote => step_quote(m, false),
        Action::NextSameSpeaker => same_speaker(m, true),
        Action::PrevSameSpeaker => same_speaker(m, false),
        Action::Search => {
            if m.open.is_some() {
                m.search = Some(Search::default());
                open_prompt(m, Prompt::Search, "");
                set_focus(m, Pane::Reader);
            } else {
                m.status = Some("open an article to search in it".into());
            }
        }
        Action::Filter => {
            let text = m.list.filter.clone();
            open_prompt(m, Prompt::Filter, &text);
            set_focus(m, Pane::List);
        }
        Action::SelectPassage if m.passages.selection.take().is_none() => selection::start(m),
        Action::Bookmark => return crate::app::bookmark::bookmark(m),
        Action::Bookmarks => return crate::app::bookmarks_view::open(m),
        Action::Sources => return crate::app::sources::follow(m),
        Action::JumpBack => return crate::app::arrive::jump_list(m, false),
        Action::JumpForward => return crate::app::arrive::jump_list(m, true),
        Action::SearchStore => return crate::app::found::open(m),
        Action::Fetch | Action::OpenInBrowser => {
            return crate::app::fetch::update(m, action.clone());
        }
        Action::Click { col, row } => return click(m, col, row),
        Action::Wheel { col, row, down } => {
            if let Some(pane) = m.panes.at(col, row) {
                let d = if down { WHEEL } else { -WHEEL };
                let keep = m.focus;
                m.focus = pane;
                move_by(m, d);
                m.focus = keep;
            }
        }
        // Keys of the bookmarks view, and results (handled by `update`): nothing here.
        _ => {}
    }
    Effect::None
}

pub(crate) fn set_focus(m: &mut Model, pane: Pane) {
    m.focus = pane;
    if pane != Pane::Reader {
        m.side = pane;
    }
}

/// Esc in the reader: undo the last thing that is still in force, one at a time.
fn back(m: &mut Model) {
    if m.passages.selection.take().is_some() {
    } else if m.search.is_some() {
        m.search = None;
    } else if m.passages.flash.is_some() {
        m.passages.flash = None;
    } else if let Some(open) = m.open.as_mut().filter(|o| o.highlight.is_some()) {
        open.highlight = None;
    } else if m.focus != Pane::List && m.panes.list.is_none() {
        // The panes take turns: back from the article (or the quotes) to the list.
        set_focus(m, Pane::List);
    } else if !m.list.filter.is_empty() {
        m.list.filter.clear();
        m.refilter();
    }
}

/// One page of the focused pane.
fn page(m: &Model) -> isize {
    let h = m.height(m.focus);
    let h = if m.focus == Pane::List { h / 2 } else { h };
    isize::try_from(h.saturating_sub(1).max(1)).unwrap_or(1)
}

fn shift(v: usize, d: isize, len: usize) -> usize {
    v.saturating_add_signed(d).min(len.saturating_sub(1))
}

/// Move the cursor (or scroll) of the focused pane by `d`.
fn move_by(m: &mut Model, d: isize) {
    match m.focus {
        Pane::List => m.list.selected = shift(m.list.selected, d, m.list.visible.len()),
        Pane::Reader => {
            if let Some(o) = &mut m.open {
                o.scroll = shift(o.scroll, d, o.doc.lines.len());
            }
        }
        Pane::Quotes => {
            if let Some(o) = &mut m.open {
                let n = o.loaded.attribution.quotes.len();
                o.quote_sel = shift(o.quote_sel, d, n);
            }
        }
    }
}

fn select(m: &mut Model) -> Effect {
    match m.focus {
        Pane::List => {
            let Some(path) = m.selected_entry().map(|e| e.path.clone()) else {
                return Effect::None;
            };
            if let Some(loaded) = m.cache.get(&path).cloned() {
                return open(m, path, loaded);
            }
            m.loading = Some(path.clone());
            Effect::Load(path)
        }
        Pane::Quotes => {
            if let Some(q) = m
                .open
                .as_ref()
                .and_then(|o| o.loaded.pane_order().nth(o.quote_sel))
            {
                jump(m, q);
            }
            Effect::None
        }
        Pane::Reader => Effect::None,
    }
}

/// Show the article at `path`. Opening is a jump: the place left is recorded here, unless a
/// pending target (a bookmark, a source, the jump list) records its own.
pub(crate) fn open(m: &mut Model, path: PathBuf, loaded: Arc<Loaded>) -> Effect {
    if m.passages.target.is_none()
        && let Some(from) = location(m)
        && from.path != path
    {
        m.passages.jumps.push(from);
    }
    if m.open.as_ref().is_some_and(|o| o.path != path) {
        m.passages.flash = None;
    }
    let section = m
        .store
        .entries
        .iter()
        .find(|e| e.path == path)
        .map(|e| e.section.clone())
        .unwrap_or_default();
    let width = m.panes.reader.map_or(80, |r| layout::inner(r).width.max(1));
    let doc = Doc::layout(&loaded.article, Some(&section), width);
    m.open = Some(Open {
        path: path.clone(),
        section,
        loaded,
        doc,
        scroll: 0,
        highlight: None,
        quote_sel: 0,
        quote_offset: 0,
    });
    m.search = None;
    // A search prompt belonged to the article left.
    m.layers
        .retain(|l| !matches!(l, Layer::Prompt(p) if p.kind == Prompt::Search));
    if m.panes.reader.is_none() {
        set_focus(m, Pane::Reader);
    }
    m.read.insert(path.clone());
    Effect::MarkRead(path)
}

/// Scroll the reading pane so that byte `offset` is a third of the way down.
pub(crate) fn reveal(m: &mut Model, offset: usize) {
    let third = m.height(Pane::Reader) / 3;
    if let Some(o) = &mut m.open
        && let Some(line) = o.doc.line_of(offset)
    {
        o.scroll = line.saturating_sub(third);
    }
}

/// Highlight quotation `q`, select it in the quotes pane and scroll to it; the place left
/// goes on the jump list when the reader moved.
pub(crate) fn jump(m: &mut Model, q: usize) {
    jump_to(m, q, true);
}

/// [`jump`], recording the place left only when `record` is set.
pub(crate) fn jump_to(m: &mut Model, q: usize, record: bool) {
    let from = location(m);
    let Some(o) = &mut m.open else { return };
    let Some(start) = o.loaded.attribution.quotes.get(q).map(|x| x.start) else {
        return;
    };
    o.highlight = Some(q);
    o.quote_sel = o.loaded.pane_order().position(|x| x == q).unwrap_or(0);
    reveal(m, start);
    if record
        && let Some(from) = from
        && location(m).as_ref() != Some(&from)
    {
        m.passages.jumps.push(from);
    }
}

/// Quote indices in reading order.
fn reading_order(l: &Loaded) -> Vec<usize> {
    l.reading_order().to_vec()
}

fn step_quote(m: &mut Model, forward: bool) {
    if let Some(s) = m.search.as_ref().filter(|s| !s.query.is_empty()) {
        if s.hits.is_empty() {
            m.status = Some(format!(
                "no match for “{}”",
                crate::sanitize::clean_line(&s.query)
            ));
        } else {
            step_hit(m, forward);
        }
        return;
    }
    let Some(o) = &m.open else {
        m.status = Some("no article open".into());
        return;
    };
    let order = reading_order(&o.loaded);
    if order.is_empty() {
        m.status = Some("no quotations in this article".into());
        return;
    }
    let last = order.len() - 1;
    let mut wrapped = None;
    let pos = match o.highlight.and_then(|h| order.iter().position(|&q| q == h)) {
        // Past either end: round to the other, and say so (as search does).
        Some(p) if forward && p == last => {
            wrapped = Some("past the last quotation: back to the first");
            0
        }
        Some(0) if !forward => {
            wrapped = Some("before the first quotation: on to the last");
            last
        }
        Some(p) if forward => p + 1,
        Some(p) => p - 1,
        None => {
            // from the top line shown
            let top = o.top_offset().unwrap_or(0);
            let quotes = &o.loaded.attribution.quotes;
            if forward {
                order
                    .iter()
                    .position(|&q| quotes[q].end > top)
                    .unwrap_or(order.len() - 1)
            } else {
                order
                    .iter()
                    .rposition(|&q| quotes[q].start < top)
                    .unwrap_or(0)
            }
        }
    };
    jump(m, order[pos]);
    if let Some(w) = wrapped {
        m.status = Some(w.into());
    }
}

fn same_speaker(m: &mut Model, forward: bool) {
    let Some(open) = &m.open else { return };
    let Some(h) = open.highlight else {
        let select = m.keys.get(Context::Reader, &Action::Select);
        let next = m.keys.get(Context::Reader, &Action::NextQuote);
        m.status = Some(format!(
            "jump to a quotation first ({select} in the quotes pane, or {next})"
        ));
        return;
    };
    let quotes = &open.loaded.attribution.quotes;
    let who = quotes[h].speaker;
    let same: Vec<usize> = reading_order(&open.loaded)
        .into_iter()
        .filter(|&q| quotes[q].speaker == who)
        .collect();
    let Some(p) = same.iter().position(|&q| q == h) else {
        return;
    };
    if same.len() == 1 {
        m.status = Some("no other quotation by this speaker".into());
        return;
    }
    // Past either end: round to the other, and say so.
    let (next, wrapped) = match (forward, p) {
        (true, p) if p + 1 == same.len() => (0, Some("back to this speaker's first quotation")),
        (true, p) => (p + 1, None),
        (false, 0) => (same.len() - 1, Some("on to this speaker's last quotation")),
        (false, p) => (p - 1, None),
    };
    jump(m, same[next]);
    if let Some(w) = wrapped {
        m.status = Some(w.into());
    }
}

fn step_hit(m: &mut Model, forward: bool) {
    let Some(s) = &mut m.search else { return };
    let n = s.hits.len();
    let cur = s.current.map_or(0, |c| {
        if forward {
            (c + 1) % n
        } else {
            (c + n - 1) % n
        }
    });
    s.current = Some(cur);
    let start = s.hits[cur].start;
    reveal(m, start);
}

fn chars_match(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// Every place in the paragraphs where `query` occurs, ignoring case char by char.
pub fn find_hits(raw: &str, paragraphs: &[Range<usize>], query: &str) -> Vec<Range<usize>> {
    let mut hits = Vec::new();
    if query.is_empty() {
        return hits;
    }
    let q: Vec<char> = query.chars().collect();
    for para in paragraphs {
        let Some(text) = raw.get(para.clone()) else {
            continue;
        };
        let mut skip_until = 0;
        for (i, _) in text.char_indices() {
            if i < skip_until {
                continue;
            }
            let mut it = text[i..].char_indices();
            let mut end = None;
            for (k, &qc) in q.iter().enumerate() {
                match it.next() {
                    Some((off, c)) if chars_match(c, qc) => {
                        if k == q.len() - 1 {
                            end = Some(i + off + c.len_utf8());
                        }
                    }
                    _ => break,
                }
            }
            if let Some(e) = end {
                hits.push(para.start + i..para.start + e);
                skip_until = e;
                if hits.len() >= MAX_HITS {
                    return hits;
                }
            }
        }
    }
    hits
}

fn click(m: &mut Model, col: u16, row: u16) -> Effect {
    let Some(pane) = m.panes.at(col, row) else {
        return Effect::None;
    };
    set_focus(m, pane);
    let Some(rect) = m.panes.get(pane).map(layout::inner) else {
        return Effect::None;
    };
    if row < rect.y || row >= rect.y + rect.height {
        return Effect::None;
    }
    let r = usize::from(row - rect.y);
    match pane {
        Pane::List => {
            let i = m.list.offset + r / 2;
            if i < m.list.visible.len() {
                if i == m.list.selected {
                    return select(m);
                }
                m.list.selected = i;
            }
        }
        Pane::Quotes => {
            let Some(o) = &m.open else {
                return Effect::None;
            };
            if let Some(QuoteRow::Quote(q)) = o.loaded.rows().get(o.quote_offset + r).copied() {
                jump(m, q);
            }
        }
        Pane::Reader => {}
    }
    Effect::None
}
