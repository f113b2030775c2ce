//! Jumps: going to a bookmark's passage, a quotation from the sources view or a place of
//! the jump list, now or once its article has been read. A jump is recorded where it is
//! made: `update::jump` and `update::open` push the place they leave, and a pending target
//! carries the place it was asked from.

use crate::app::action::Pane;
use crate::app::model::Model;
use crate::app::passages::{Goal, Target, excerpt, location};
use crate::app::update::{Effect, jump_to, open, reveal, set_focus};
use crate::bookmarks::anchor;

/// Go to `target` now if its article is open or read, else ask for it to be read.
pub fn go(m: &mut Model, target: Target) -> Effect {
    if m.open.as_ref().is_some_and(|o| o.path == target.path) {
        m.passages.target = Some(target);
        return Effect::None;
    }
    let path = target.path.clone();
    m.passages.target = Some(target);
    if let Some(loaded) = m.cache.get(&path).cloned() {
        return open(m, path, loaded);
    }
    m.loading = Some(path.clone());
    Effect::Load(path)
}

pub fn jump_list(m: &mut Model, forward: bool) -> Effect {
    let here = location(m);
    let to = if forward {
        m.passages.jumps.forward(here)
    } else {
        m.passages.jumps.back(here)
    };
    let Some(loc) = to else {
        m.status = Some(
            if forward {
                "no newer place in the jump list"
            } else {
                "no older place in the jump list"
            }
            .into(),
        );
        return Effect::None;
    };
    go(
        m,
        Target {
            path: loc.path.clone(),
            goal: Goal::Place(loc),
            from: None,
        },
    )
}

/// After every action: finish a pending jump once its article is open, drop a selection
/// left in another article, keep the bookmark marks current.
pub fn after(m: &mut Model) {
    if let Some(t) = m.passages.target.take() {
        if m.open.as_ref().is_some_and(|o| o.path == t.path) {
            arrive(m, t);
        } else if m.loading.as_ref() == Some(&t.path) {
            m.passages.target = Some(t);
        }
    }
    let here = m.open.as_ref().map(|o| &o.path);
    if m.passages
        .selection
        .as_ref()
        .is_some_and(|s| here != Some(&s.path))
    {
        m.passages.selection = None;
    }
    refresh_marks(m);
}

fn arrive(m: &mut Model, target: Target) {
    if let Some(from) = target.from {
        m.passages.jumps.push(from);
    }
    m.passages.flash = None;
    match target.goal {
        Goal::Place(loc) => {
            if let Some(o) = &mut m.open {
                o.scroll = loc.scroll;
                o.highlight = loc.highlight;
                o.quote_sel = loc.quote_sel;
            }
        }
        Goal::Bookmark(mark) => {
            let Some(open) = &m.open else { return };
            if let Some(found) = anchor(&mark, &open.loaded.article.raw).range() {
                let start = found.start;
                m.passages.flash = Some(found);
                set_focus(m, Pane::Reader);
                reveal(m, start);
            } else {
                m.status = Some(format!(
                    "this passage is no longer in the article (orphaned): {}",
                    excerpt(&mark.passage, 60)
                ));
            }
        }
        Goal::Quote(range) => {
            let Some(open) = &m.open else { return };
            let quotes = &open.loaded.attribution.quotes;
            let found = quotes
                .iter()
                .position(|q| q.start == range.start && q.end == range.end)
                .or_else(|| quotes.iter().position(|q| q.start == range.start));
            if let Some(q) = found {
                // The place left was recorded with the target.
                jump_to(m, q, false);
            } else {
                let start = range.start;
                if open.loaded.article.raw.get(range.clone()).is_some() {
                    m.passages.flash = Some(range);
                }
                reveal(m, start);
            }
            set_focus(m, Pane::Reader);
        }
    }
}

/// Find the open article's bookmarked passages again when the article or the list changed.
fn refresh_marks(m: &mut Model) {
    let path = m.open.as_ref().map(|o| o.path.clone());
    if m.passages.marks_for == path && path.is_some() {
        return;
    }
    m.passages.marks.clear();
    if let Some(o) = &m.open {
        let raw = &o.loaded.article.raw;
        m.passages.marks = crate::bookmarks::anchors_for(&m.passages.bookmarks, &o.path, raw)
            .into_iter()
            .filter_map(|(_, a)| a.range())
            .collect();
    }
    m.passages.marks_for = path;
}
