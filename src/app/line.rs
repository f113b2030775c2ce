//! A one-line text editor for the note line and the bookmarks filter: the cursor moves by
//! grapheme cluster (an accented letter typed as two code points, a flag or a family emoji
//! is one step), and the usual shell keys edit it.
//!
//! Why not a crate: `ratatui-textarea` 0.9 (the well-kept one built on ratatui 0.30) is a
//! multi-line editor whose Enter inserts a newline and whose ctrl-u is undo, moves by `char`
//! rather than by grapheme, and is not `PartialEq`, which the model needs for its tests.
//! One line with a byte cursor is small enough to own and test here.
//!
//! It is the one editor for every line a user types: the search and filter prompts, the note
//! line and the bookmarks filter. Every step costs time in proportion to the text it touches
//! near the cursor, never to the whole line, and a line holds at most [`MAX_LEN`] bytes, so a
//! large paste is cut rather than slow.
//!
//! Pure: the keymap turns keys into [`LineEdit`]s (see `keymap::line_edit`), `update`
//! applies them.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// Most bytes a line holds; typing or pasting past it is ignored.
pub const MAX_LEN: usize = 4096;

/// One editing step, as the keymap sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineEdit {
    Insert(char),
    /// A paste: inserted in one step (line breaks and other control chars as spaces).
    InsertText(String),
    /// Backspace: the grapheme before the cursor.
    DeleteBack,
    /// Delete: the grapheme under the cursor.
    DeleteForward,
    Left,
    Right,
    /// Home, ctrl-a.
    Home,
    /// End, ctrl-e.
    End,
    /// alt-left, alt-b.
    WordLeft,
    /// alt-right, alt-f.
    WordRight,
    /// ctrl-u: everything before the cursor.
    KillToStart,
    /// ctrl-k: everything after the cursor.
    KillToEnd,
    /// ctrl-w: the word before the cursor (and the spaces after it).
    KillWordBack,
    /// Enter.
    Submit,
    /// Esc, ctrl-c.
    Cancel,
}

/// The text and a cursor (a byte offset into it, always on a grapheme boundary).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineEditor {
    text: String,
    cursor: usize,
}

impl LineEditor {
    /// An editor holding `text`, the cursor at its end.
    pub fn new(text: &str) -> LineEditor {
        let mut e = LineEditor::default();
        e.insert(text);
        e
    }

    /// Insert `s` at the cursor: control chars (line breaks would break the status bar) as
    /// spaces, cut at [`MAX_LEN`].
    fn insert(&mut self, s: &str) {
        let room = MAX_LEN.saturating_sub(self.text.len());
        let mut add = String::with_capacity(s.len().min(room));
        for c in s.chars() {
            let c = if c.is_control() { ' ' } else { c };
            if add.len() + c.len_utf8() > room {
                break;
            }
            add.push(c);
        }
        if add.is_empty() {
            return;
        }
        self.text.insert_str(self.cursor, &add);
        // A combining mark joins the grapheme before: keep the cursor after it.
        self.cursor = self.snap(self.cursor + add.len());
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a byte offset into [`text`](Self::text).
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The text before and after the cursor.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    /// Start of the word before the cursor (skipping spaces first).
    fn word_start(&self) -> usize {
        let head = &self.text[..self.cursor];
        let trimmed = head.trim_end();
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// End of the word after the cursor (skipping spaces first).
    fn word_end(&self) -> usize {
        let tail = &self.text[self.cursor..];
        let lead = tail.len() - tail.trim_start().len();
        let rest = &tail[lead..];
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        self.cursor + lead + word
    }

    /// Apply one step. `Submit` and `Cancel` change nothing: the caller acts on them.
    pub fn apply(&mut self, edit: LineEdit) {
        match edit {
            LineEdit::Insert(c) => {
                if !c.is_control() {
                    self.insert(c.encode_utf8(&mut [0; 4]));
                }
            }
            LineEdit::InsertText(s) => self.insert(&s),
            LineEdit::DeleteBack => {
                let from = self.prev_boundary();
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            LineEdit::DeleteForward => {
                let to = self.next_boundary();
                self.text.replace_range(self.cursor..to, "");
            }
            LineEdit::Left => self.cursor = self.prev_boundary(),
            LineEdit::Right => self.cursor = self.next_boundary(),
            LineEdit::Home => self.cursor = 0,
            LineEdit::End => self.cursor = self.text.len(),
            LineEdit::WordLeft => self.cursor = self.word_start(),
            LineEdit::WordRight => self.cursor = self.word_end(),
            LineEdit::KillToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            LineEdit::KillToEnd => self.text.truncate(self.cursor),
            LineEdit::KillWordBack => {
                let from = self.word_start();
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            LineEdit::Submit | LineEdit::Cancel => {}
        }
        // An edit next to the cursor can join what stands on either side of it into one
        // grapheme (a deleted base before a combining mark): the cursor never rests inside one.
        self.cursor = self.snap(self.cursor.min(self.text.len()));
    }

    /// The grapheme boundary at or after byte `at` (a char boundary), found near `at`.
    fn snap(&self, at: usize) -> usize {
        let mut c = GraphemeCursor::new(at, self.text.len(), true);
        match c.is_boundary(&self.text, 0) {
            Ok(true) => at,
            _ => c
                .next_boundary(&self.text, 0)
                .ok()
                .flatten()
                .unwrap_or(self.text.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LineEdit::*;
    use super::*;

    fn typed(s: &str) -> LineEditor {
        let mut e = LineEditor::default();
        for c in s.chars() {
            e.apply(Insert(c));
        }
        e
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        let mut e = typed("helo");
        e.apply(Left);
        e.apply(Insert('l'));
        assert_eq!(e.text(), "hello");
        assert_eq!(e.split(), ("hell", "o"));
        e.apply(Insert('\u{7}'));
        assert_eq!(e.text(), "hello");
    }

    #[test]
    fn the_cursor_moves_by_grapheme() {
        // e + combining acute, a flag, a CJK char
        let mut e = typed("ae\u{301}🇫🇷日");
        e.apply(Left);
        assert_eq!(e.split().1, "日");
        e.apply(Left);
        assert_eq!(e.split().1, "🇫🇷日");
        e.apply(Left);
        assert_eq!(e.split().1, "e\u{301}🇫🇷日");
        e.apply(DeleteForward);
        assert_eq!(e.text(), "a🇫🇷日");
        e.apply(End);
        e.apply(DeleteBack);
        e.apply(DeleteBack);
        assert_eq!(e.text(), "a");
        e.apply(Right);
        e.apply(Home);
        e.apply(DeleteBack);
        assert_eq!((e.text(), e.cursor()), ("a", 0));
    }

    #[test]
    fn a_combining_mark_typed_after_a_letter_stays_with_it() {
        let mut e = typed("e");
        e.apply(Insert('\u{301}'));
        assert_eq!(e.cursor(), e.text().len());
        e.apply(DeleteBack);
        assert_eq!(e.text(), "");
    }

    #[test]
    fn shell_kills_and_word_moves() {
        let mut e = typed("ask the  mayor again");
        e.apply(KillWordBack);
        assert_eq!(e.text(), "ask the  mayor ");
        e.apply(KillWordBack);
        assert_eq!(e.text(), "ask the  ");
        e.apply(WordLeft);
        assert_eq!(e.split(), ("ask ", "the  "));
        e.apply(WordRight);
        assert_eq!(e.split(), ("ask the", "  "));
        e.apply(WordLeft);
        e.apply(KillToEnd);
        assert_eq!(e.text(), "ask ");
        e.apply(Insert('x'));
        e.apply(Left);
        e.apply(KillToStart);
        assert_eq!((e.text(), e.cursor()), ("x", 0));
    }

    #[test]
    fn a_paste_is_one_step_and_a_line_is_capped() {
        let mut e = typed("ab");
        e.apply(Left);
        e.apply(InsertText("x\ny".into()));
        assert_eq!(e.split(), ("ax y", "b"));
        e.apply(InsertText("é".repeat(MAX_LEN)));
        assert!(e.text().len() <= MAX_LEN, "{}", e.text().len());
        assert!(e.text().ends_with('b'));
        e.apply(InsertText("x".repeat(MAX_LEN)));
        assert_eq!(e.text().len(), MAX_LEN);
        let full = e.text().to_owned();
        e.apply(Insert('z'));
        assert_eq!(e.text(), full, "typing past the cap is ignored");
        e.apply(DeleteBack);
        assert!(e.text().len() < full.len());
    }

    #[test]
    fn new_puts_the_cursor_at_the_end_and_flattens_newlines() {
        let e = LineEditor::new("two\nlines");
        assert_eq!(e.text(), "two lines");
        assert_eq!(e.cursor(), 9);
    }
}
