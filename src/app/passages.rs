//! Passages: what the model keeps of bookmarks, the selection, the speaker index and the jump
//! list (issue 4), the effects the run loop performs for them and the results it feeds back.
//!
//! The behaviour lives by concept: [`selection`](crate::app::selection) (sentences picked with
//! `v`), [`bookmark`](crate::app::bookmark) (`b`, the note line, the bookmarks view opening),
//! [`arrive`](crate::app::arrive) (going to a bookmark, a quotation or a place of the jump
//! list, recording jumps), [`sources`](crate::app::sources) (a speaker across articles).

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::app::jumps::{JumpList, Location};
use crate::app::layer::Layer;
use crate::app::model::Model;
use crate::app::update::Effect;
use crate::bookmarks::Anchor;
use crate::bookmarks::Bookmark;
use crate::index::SpeakerIndex;

pub use crate::app::arrive::{after, go};
pub use crate::app::bookmark::{NoteLine, NotePurpose};
pub use crate::app::bookmarks_view::BookmarksView;
pub use crate::app::selection::{Selection, sentences};

/// Everything of issue 4 the model keeps (the views themselves are layers).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Passages {
    /// The bookmarks as on disk (oldest first).
    pub bookmarks: Vec<Bookmark>,
    pub selection: Option<Selection>,
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
    /// Where each bookmark's passage is now, by id, as last checked.
    pub anchors: HashMap<String, AnchorStatus>,
    /// The bookmarked ranges of the open article (for `marks_for`).
    pub marks: Vec<Range<usize>>,
    pub marks_for: Option<PathBuf>,
}

/// Where a bookmark's passage was found when last checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorStatus {
    /// At its saved place.
    Exact,
    /// The same text elsewhere.
    Moved,
    /// A changed version of the passage.
    Fuzzy,
    /// Not in the article any more: the saved text is kept.
    Orphaned,
    /// The article cannot be read.
    Missing,
}

impl AnchorStatus {
    pub fn of(anchor: &Anchor) -> AnchorStatus {
        match anchor {
            Anchor::Exact(_) => AnchorStatus::Exact,
            Anchor::Moved(_) => AnchorStatus::Moved,
            Anchor::Fuzzy(..) => AnchorStatus::Fuzzy,
            Anchor::Orphaned => AnchorStatus::Orphaned,
        }
    }
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
    Anchors(Vec<(String, AnchorStatus)>),
    IndexProgress {
        done: usize,
        total: usize,
    },
    IndexReady(Arc<SpeakerIndex>),
}

/// The bookmarks matching `query`, newest first.
pub fn visible<'a>(bookmarks: &'a [Bookmark], query: &str) -> Vec<&'a Bookmark> {
    let mut list: Vec<&Bookmark> = bookmarks.iter().filter(|b| b.matches(query)).collect();
    list.sort_by(|a, b| {
        b.created_at()
            .cmp(&a.created_at())
            .then_with(|| b.created.cmp(&a.created))
            .then_with(|| a.id.cmp(&b.id))
    });
    list
}

impl Model {
    /// The bookmarks the bookmarks view lists: newest first, through its filter.
    pub fn visible_bookmarks(&self) -> Vec<&Bookmark> {
        let query = self.bookmarks_view().map_or("", |v| v.filter.as_str());
        visible(&self.passages.bookmarks, query)
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

/// A result of a passage effect.
pub fn done(m: &mut Model, done: Done) -> Effect {
    match done {
        Done::Bookmarks {
            list,
            warning,
            removed,
        } => {
            m.passages.bookmarks = list;
            m.passages.marks_for = None;
            if let Some(b) = removed {
                let undo = m.keys.get(
                    crate::app::action::Context::Bookmarks,
                    &crate::app::Action::Undo,
                );
                m.status = Some(format!(
                    "bookmark deleted: {} ({undo} puts it back)",
                    excerpt(&b.passage, 40)
                ));
                m.passages.undo = Some(*b);
            }
            if let Some(w) = warning {
                m.status = Some(crate::sanitize::clean_line(&w).into_owned());
            }
            let n = m.visible_bookmarks().len();
            for layer in &mut m.layers {
                if let Layer::Bookmarks(v) = layer {
                    v.selected = v.selected.min(n.saturating_sub(1));
                }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_one_line_and_cut_on_chars() {
        assert_eq!(excerpt("a\nb   c", 10), "a b c");
        assert_eq!(excerpt("日本語のテキスト", 3), "日本語…");
    }
}
