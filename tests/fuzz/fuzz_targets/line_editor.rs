//! Any sequence of edits on the one line editor (the note line, the prompts, the filters):
//! never a panic; the text stays within `MAX_LEN` bytes, holds no control char, and the cursor
//! stays on a grapheme boundary inside it; the drawn line fits the width it is given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::app::line::{LineEdit, LineEditor, MAX_LEN};
use tidings::ui::note::editor_spans;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

fuzz_target!(|data: &[u8]| {
    let Some((&width, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut e = LineEditor::default();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let edit = match u32::from(c) % 17 {
            0 => LineEdit::DeleteBack,
            1 => LineEdit::DeleteForward,
            2 => LineEdit::Left,
            3 => LineEdit::Right,
            4 => LineEdit::Home,
            5 => LineEdit::End,
            6 => LineEdit::WordLeft,
            7 => LineEdit::WordRight,
            8 => LineEdit::KillToStart,
            9 => LineEdit::KillToEnd,
            10 => LineEdit::KillWordBack,
            11 => {
                // a paste of what follows, up to a NUL
                let s: String = chars.by_ref().take_while(|&c| c != '\0').collect();
                LineEdit::InsertText(s.repeat(1 + usize::from(width % 4) * 1000))
            }
            _ => LineEdit::Insert(chars.next().unwrap_or(c)),
        };
        e.apply(edit);
        let t = e.text();
        assert!(t.len() <= MAX_LEN, "{}", t.len());
        assert!(!t.chars().any(char::is_control), "{t:?}");
        let cursor = e.cursor();
        assert!(cursor <= t.len() && t.is_char_boundary(cursor));
        let boundaries: Vec<usize> = t
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain([t.len()])
            .collect();
        assert!(boundaries.contains(&cursor), "cursor {cursor} in {t:?}");
    }
    let w = usize::from(width);
    let shown: String = editor_spans(&e, w)
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    assert!(shown.width() <= w.max(3), "{} > {w}: {shown:?}", shown.width());
});
