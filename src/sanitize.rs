//! Neutralising untrusted text before it reaches a terminal.
//!
//! Article text, titles, front matter, file names and speaker names come from anywhere. Every
//! character that a terminal would act on rather than print (C0 controls other than newline and
//! tab, DEL, C1 controls, and the bidi overrides and isolates that reorder what follows) is
//! replaced by one visible character. The replacement is char for char, so a byte range of
//! the original maps to the same run of chars in the cleaned text: callers may split text at
//! offsets first and clean each piece.

use std::borrow::Cow;

/// Whether `c` must never be sent to a terminal as is.
pub const fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // bidi embeddings, overrides and isolates (Trojan Source)
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// The visible stand-in for an unsafe char: the Control Pictures block for C0 and DEL
/// ("␛" for ESC, "␍" for CR), U+FFFD for the rest.
pub const fn visible(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => match char::from_u32(0x2400 + c as u32) {
            Some(p) => p,
            None => '\u{fffd}',
        },
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// `s` with every unsafe char replaced by its visible stand-in. Newlines and tabs are kept.
pub fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_unsafe) {
        Cow::Owned(
            s.chars()
                .map(|c| if is_unsafe(c) { visible(c) } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// Like [`clean`], for one line of a display: newlines and tabs become spaces as well.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    if s.chars().any(|c| c == '\n' || c == '\t' || is_unsafe(c)) {
        Cow::Owned(
            s.chars()
                .map(|c| match c {
                    '\n' | '\t' => ' ',
                    c if is_unsafe(c) => visible(c),
                    c => c,
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_escape() {
        let hostile = "a\u{1b}]52;c;aGk=\u{7}b\u{1b}[2Jc\u{9b}31md\u{1b}P1$r\u{1b}\\";
        let out = clean(hostile);
        assert!(!out.chars().any(is_unsafe), "{out:?}");
        assert_eq!(out, "a␛]52;c;aGk=␇b␛[2Jc\u{fffd}31md␛P1$r␛\\");
    }

    #[test]
    fn carriage_return_and_bidi_overrides_are_shown_not_obeyed() {
        assert_eq!(clean("paid\rfree"), "paid␍free");
        assert_eq!(clean("x\u{202e}y\u{2066}z"), "x\u{fffd}y\u{fffd}z");
    }

    #[test]
    fn plain_text_is_borrowed_and_unchanged() {
        let s = "“Ça va,” said 李明 — fine\tand\nwell é";
        assert!(matches!(clean(s), Cow::Borrowed(_)));
        assert_eq!(clean_line(s), "“Ça va,” said 李明 — fine and well é");
    }

    #[test]
    fn replacement_keeps_the_char_count() {
        let s = "a\u{0}\u{85}\u{7f}é\u{1b}";
        assert_eq!(clean(s).chars().count(), s.chars().count());
    }
}
