//! Robustness: any UTF-8 input gives no panic, and every offset is a char boundary whose
//! slice is exactly the reported text.

use proptest::prelude::*;
use tidings::quotes::extract;

fn check(text: &str) {
    let a = extract(text);
    for q in &a.quotes {
        assert!(q.start <= q.end && q.end <= text.len());
        assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
        assert_eq!(&text[q.start..q.end], q.text);
        if let Some(s) = q.speaker {
            assert!(s < a.speakers.len());
        }
        if let Some(m) = &q.mention {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            assert_eq!(&text[m.start..m.end], m.text);
        }
    }
    for c in &a.captions {
        assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
    }
}

/// Pieces that exercise the grammar: marks, cues, names, punctuation, odd whitespace.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("''".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("«".to_string()),
        Just(" said ".to_string()),
        Just(" told ".to_string()),
        Just(" according to ".to_string()),
        Just(", saying ".to_string()),
        Just(" that ".to_string()),
        Just("Mr. Ana Ruiz".to_string()),
        Just(" the official".to_string()),
        Just(" he ".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just(": ".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("(credit: X/Y)".to_string()),
        Just(" ― ".to_string()),
        "[a-zA-Z]{1,8}",
        "\\PC{1,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_is_safe(s in "\\PC*") {
        check(&s);
    }

    #[test]
    fn any_mix_of_grammar_pieces_is_safe(parts in prop::collection::vec(piece(), 0..60)) {
        check(&parts.concat());
    }
}

#[test]
fn pathological_inputs() {
    for s in [
        "",
        "“",
        "”",
        "\"",
        "''",
        "“”",
        "said",
        "according to",
        "said:",
        "“a,” said",
        ", saying",
        "A said that",
        "\n\n\n",
        "(",
        ")",
        "Mr.",
        "“x\n\n“y\n\n“z",
        "— Ana",
        "WALLACE:",
        "“WALLACE: ”",
    ] {
        check(s);
    }
}
