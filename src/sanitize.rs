//! Neutralising untrusted text before it reaches a terminal.
//!
//! Article text, titles, front matter, file names and speaker names come from anywhere. Every
//! character that a terminal would act on rather than print (C0 controls other than newline and
//! tab, DEL, C1 controls, and the bidi overrides and isolates that reorder what follows) is
//! replaced by one visible character. The replacement is char for char, so a byte range of
//! the original maps to the same run of chars in the cleaned text: callers may split text at
//! offsets first and clean each piece.

use std::borrow::Cow;
use std::fmt::Write as _;

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

/// JSON text with every unsafe char written as a `\uXXXX` escape. serde_json escapes the C0
/// controls itself but passes DEL, C1 and the bidi controls through raw; a terminal showing
/// the output must never receive them. Such chars only occur inside JSON strings, where the
/// escape means the same char, so the JSON is unchanged in meaning.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    if json.chars().any(is_unsafe) {
        let mut out = String::with_capacity(json.len() + 16);
        for c in json.chars() {
            if is_unsafe(c) {
                // Every unsafe char is in the Basic Multilingual Plane: one escape suffices.
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            } else {
                out.push(c);
            }
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(json)
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
    fn json_escapes_the_controls_serde_json_leaves_raw() {
        let value = "a\u{7f}b\u{9b}31m\u{202e}c\u{1b}";
        let json = serde_json::to_string(&value).unwrap();
        let escaped = escape_json(&json);
        assert!(!escaped.chars().any(is_unsafe), "{escaped}");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn replacement_keeps_the_char_count() {
        let s = "a\u{0}\u{85}\u{7f}é\u{1b}";
        assert_eq!(clean(s).chars().count(), s.chars().count());
    }
}
