//! Properties of re-anchoring on arbitrary text: found where it is, never a slice inside a
//! char, never a panic.

use proptest::prelude::*;
use tidings::bookmarks::{Anchor, Bookmark, anchor};

/// Text from a mix of scripts, spaces, punctuation and newlines.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            "[a-z]{1,8}",
            "[A-Z][a-z]{0,6}",
            Just(" ".to_owned()),
            Just(". ".to_owned()),
            Just("\n\n".to_owned()),
            Just("“".to_owned()),
            Just("”".to_owned()),
            Just("é".to_owned()),
            Just("東京".to_owned()),
            Just("👍🏽".to_owned()),
            Just("e\u{301}".to_owned()),
        ],
        1..120,
    )
    .prop_map(|parts| parts.concat())
}

/// A char-boundary range of `s` chosen by two fractions.
fn range_in(text: &str, from: f64, to: f64) -> std::ops::Range<usize> {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let pick = |f: f64| bounds[((bounds.len() - 1) as f64 * f) as usize];
    let (start, end) = (pick(from), pick(to));
    start.min(end)..start.max(end)
}

fn when() -> jiff::Timestamp {
    jiff::Timestamp::UNIX_EPOCH
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn unchanged_text_is_found_exactly_and_a_prefix_only_moves_it(
        t in text(), a in 0.0..1.0f64, b in 0.0..1.0f64, prefix in text()
    ) {
        let r = range_in(&t, a, b);
        let Ok(bm) = Bookmark::from_selection("p", "t", &t, r, "", when()) else {
            return Ok(());
        };
        prop_assert_eq!(anchor(&bm, &t), Anchor::Exact(bm.start..bm.end));
        let moved = format!("{prefix}{t}");
        let found = anchor(&bm, &moved);
        let range = found.range().expect("still there");
        prop_assert_eq!(&moved[range], bm.passage.as_str());
    }

    #[test]
    fn any_edit_gives_a_char_boundary_range_or_an_orphan(
        t in text(), a in 0.0..1.0f64, b in 0.0..1.0f64, edit in text(), c in 0.0..1.0f64, d in 0.0..1.0f64
    ) {
        let r = range_in(&t, a, b);
        let Ok(bm) = Bookmark::from_selection("p", "t", &t, r, "", when()) else {
            return Ok(());
        };
        let cut = range_in(&t, c, d);
        let changed = format!("{}{edit}{}", &t[..cut.start], &t[cut.end..]);
        match anchor(&bm, &changed) {
            Anchor::Orphaned => {}
            Anchor::Fuzzy(range, score) => {
                prop_assert!(changed.get(range).is_some());
                prop_assert!((0.0..=1.0).contains(&score));
            }
            Anchor::Exact(range) | Anchor::Moved(range) => {
                prop_assert_eq!(changed.get(range), Some(bm.passage.as_str()));
            }
        }
    }
}
