//! Passage bookmarks: what a bookmark keeps, how it is found again in a changed article
//! ([`anchor`]), and how the list is kept on disk without loss ([`BookmarkFile`]).
//!
//! Everything here except [`BookmarkFile`] is pure: plain data in, plain data out, so the
//! app's `update` can build a [`Bookmark`] and re-anchor it without touching the disk. The app
//! loop performs the file operations as effects.
//!
//! Offsets are byte offsets into the article's text as stored (`Article::raw`).
//!
//! How the app uses it (`update` stays pure; the loop performs the effects):
//! - start: effect -> `BookmarkFile::new(&dirs.data).load()` -> action with the [`Loaded`]
//!   list (show [`Loaded::warning`] in the status bar when set);
//! - `b`: `update` calls [`Bookmark::from_selection`] with `&article.raw`, the selected range
//!   and a timestamp carried by the action (the loop reads the clock), and returns an effect
//!   -> [`BookmarkFile::add`];
//! - a note: effect -> [`BookmarkFile::set_note`]; `d`: effect -> [`BookmarkFile::remove`],
//!   which hands back the removed bookmark to keep for `u` -> [`BookmarkFile::restore`];
//! - every write returns the whole list as it is on disk now (other processes included):
//!   replace the model's list with it;
//! - the reading pane: [`anchors_for`] gives each bookmark of the article with its [`Anchor`];
//!   the bookmarks view: [`newest_first`] and [`Bookmark::matches`] for the typed filter.
//!
//! Store the article path the same way every time (as the store names it): bookmarks are
//! matched to articles by path equality. [`BookmarkFile::relative_to`] keeps them relative to
//! the articles folder on disk, so moving the folder loses nothing.

mod anchor;
mod follow;
mod store;

use std::ops::Range;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use anchor::{Anchor, FUZZY_THRESHOLD, anchor};
pub use store::{BookmarkError, BookmarkFile, FILE_NAME, Loaded};

/// How many chars of context a bookmark keeps on each side of its passage.
pub const CONTEXT_CHARS: usize = 32;

/// One bookmarked passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Stable identifier: 16 hex digits.
    pub id: String,
    /// The article's path (in the file: relative to the articles folder, kept exactly even
    /// when it is not UTF-8).
    #[serde(with = "crate::state::key::path")]
    pub path: PathBuf,
    /// The article's title when the bookmark was made.
    pub title: String,
    /// The passage, exactly as it was in the article.
    pub passage: String,
    /// Up to [`CONTEXT_CHARS`] chars just before the passage.
    pub before: String,
    /// Up to [`CONTEXT_CHARS`] chars just after the passage.
    pub after: String,
    /// Byte offsets of the passage when the bookmark was made.
    pub start: usize,
    pub end: usize,
    /// Creation time, RFC 3339.
    pub created: String,
    #[serde(default)]
    pub note: String,
    /// The article's feed guid or url when it has one: the bookmark follows the article when
    /// it moves within the folder (see [`BookmarkFile::follow_moved`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
}

/// Why a selection cannot become a bookmark.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    #[error(
        "the selection {start}..{end} is not a range of char boundaries in a text of {len} bytes"
    )]
    OutOfText {
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("the selection is empty")]
    Empty,
}

impl Bookmark {
    /// A bookmark of `text[range]`, with its context taken from `text`. Surrounding
    /// whitespace is trimmed off the passage (the offsets follow). Pure: the caller passes the
    /// clock's reading.
    pub fn from_selection(
        path: impl Into<PathBuf>,
        title: impl Into<String>,
        text: &str,
        range: Range<usize>,
        note: impl Into<String>,
        now: jiff::Timestamp,
    ) -> Result<Self, SelectionError> {
        let out = || SelectionError::OutOfText {
            start: range.start,
            end: range.end,
            len: text.len(),
        };
        let raw = text.get(range.clone()).ok_or_else(out)?;
        let lead = raw.len() - raw.trim_start().len();
        let passage = raw.trim();
        if passage.is_empty() {
            return Err(SelectionError::Empty);
        }
        let start = range.start + lead;
        let end = start + passage.len();
        let path = path.into();
        Ok(Self {
            id: new_id(&path, start, passage, now),
            path,
            title: title.into(),
            passage: passage.to_owned(),
            before: context_before(text, start),
            after: context_after(text, end),
            start,
            end,
            created: now.to_string(),
            note: note.into(),
            identity: None,
        })
    }

    /// Whether the bookmark matches a filter typed in the bookmarks view: every
    /// whitespace-separated word of `query` occurs (ignoring case) in the title, the passage,
    /// the note or the path.
    pub fn matches(&self, query: &str) -> bool {
        let hay = format!(
            "{}\n{}\n{}\n{}",
            self.title,
            self.passage,
            self.note,
            self.path.display()
        )
        .to_lowercase();
        query
            .split_whitespace()
            .all(|w| hay.contains(&w.to_lowercase()))
    }

    /// The creation time, when it parses.
    pub fn created_at(&self) -> Option<jiff::Timestamp> {
        self.created.parse().ok()
    }
}

/// Up to [`CONTEXT_CHARS`] chars of `text` ending at byte `at` (a char boundary).
pub(crate) fn context_before(text: &str, at: usize) -> String {
    let head = text.get(..at).unwrap_or("");
    let from = head
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    head[from..].to_owned()
}

/// Up to [`CONTEXT_CHARS`] chars of `text` starting at byte `at` (a char boundary).
pub(crate) fn context_after(text: &str, at: usize) -> String {
    text.get(at..)
        .unwrap_or("")
        .chars()
        .take(CONTEXT_CHARS)
        .collect()
}

/// A fresh identifier: a hash of what makes this bookmark, the time, the process and a
/// counter, so two bookmarks made at once (even by two processes) do not collide.
fn new_id(path: &std::path::Path, start: usize, passage: &str, now: jiff::Timestamp) -> String {
    use std::hash::{Hash, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (path, start, passage, now.as_nanosecond()).hash(&mut h);
    std::process::id().hash(&mut h);
    COUNTER.fetch_add(1, Ordering::Relaxed).hash(&mut h);
    format!("{:016x}", h.finish())
}

/// The bookmarks of the article at `path`, each with where its passage is in `text` (the
/// article's `raw`), in the order of `list`. For marking passages in the reading pane.
pub fn anchors_for<'a>(
    list: &'a [Bookmark],
    path: &std::path::Path,
    text: &str,
) -> Vec<(&'a Bookmark, Anchor)> {
    list.iter()
        .filter(|b| b.path == path)
        .map(|b| (b, anchor(b, text)))
        .collect()
}

/// Newest first, then by id, for display.
pub fn newest_first(list: &mut [Bookmark]) {
    list.sort_by(|a, b| {
        b.created_at()
            .cmp(&a.created_at())
            .then_with(|| b.created.cmp(&a.created))
            .then_with(|| a.id.cmp(&b.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> jiff::Timestamp {
        "2026-03-01T10:00:00Z".parse().unwrap()
    }

    #[test]
    fn selection_keeps_passage_context_and_offsets() {
        let text = "Alpha beta gamma. The harbour will reopen on Monday. Delta epsilon.";
        let start = text.find("The harbour").unwrap();
        let end = text.find(" Delta").unwrap();
        let b =
            Bookmark::from_selection("a.md", "A", text, start - 1..end + 1, "n", now()).unwrap();
        assert_eq!(b.passage, "The harbour will reopen on Monday.");
        assert_eq!(&text[b.start..b.end], b.passage);
        assert_eq!(b.before, "Alpha beta gamma. ");
        assert_eq!(b.after, " Delta epsilon.");
        assert_eq!(b.created, "2026-03-01T10:00:00Z");
        assert_eq!(b.id.len(), 16);
    }

    #[test]
    fn context_stops_at_32_chars_on_char_boundaries() {
        let text = format!("{}[x]{}", "é".repeat(40), "日本".repeat(30));
        let start = text.find('[').unwrap();
        let b = Bookmark::from_selection("a", "t", &text, start..start + 3, "", now()).unwrap();
        assert_eq!(b.before, "é".repeat(32));
        assert_eq!(b.after.chars().count(), 32);
        assert!(b.after.starts_with("日本"));
    }

    #[test]
    fn bad_ranges_are_refused() {
        let text = "né";
        assert!(Bookmark::from_selection("a", "t", text, 0..2, "", now()).is_err());
        assert!(Bookmark::from_selection("a", "t", text, 0..9, "", now()).is_err());
        assert_eq!(
            Bookmark::from_selection("a", "t", "a   b", 1..3, "", now()),
            Err(SelectionError::Empty)
        );
    }

    #[test]
    fn filter_words_must_all_match_ignoring_case() {
        let text = "Prices of Bread rose again.";
        let b = Bookmark::from_selection(
            "food/bread.md",
            "Bakeries",
            text,
            0..text.len(),
            "ask Émile",
            now(),
        )
        .unwrap();
        assert!(b.matches(""));
        assert!(b.matches("bread émile"));
        assert!(b.matches("BAKERIES food/"));
        assert!(!b.matches("bread butter"));
    }

    #[test]
    fn anchors_for_keeps_only_the_article_s_bookmarks() {
        let text = "One two three. Four five six.";
        let a = Bookmark::from_selection("x.md", "X", text, 0..14, "", now()).unwrap();
        let b = Bookmark::from_selection("y.md", "Y", text, 15..29, "", now()).unwrap();
        let list = [a.clone(), b];
        let found = anchors_for(&list, std::path::Path::new("x.md"), text);
        assert_eq!(found, vec![(&a, Anchor::Exact(0..14))]);
    }

    #[test]
    fn ids_differ_for_the_same_selection_twice() {
        let a = Bookmark::from_selection("a", "t", "word", 0..4, "", now()).unwrap();
        let b = Bookmark::from_selection("a", "t", "word", 0..4, "", now()).unwrap();
        assert_ne!(a.id, b.id);
    }
}
