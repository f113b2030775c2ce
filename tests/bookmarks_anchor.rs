//! Re-anchoring a bookmarked passage after the article changed.

use tidings::bookmarks::{Anchor, Bookmark, FUZZY_THRESHOLD, anchor};

const ORIGINAL: &str = "The council met on Tuesday evening in the old library.\n\n\
The ferry to the island will run twice a day from the first of May, the mayor announced.\n\n\
Residents asked about parking near the pier, and nobody had an answer yet.\n";

fn mark(text: &str, passage: &str) -> Bookmark {
    let start = text.find(passage).expect("passage in text");
    Bookmark::from_selection(
        "news/ferry.md",
        "Ferry",
        text,
        start..start + passage.len(),
        "",
        "2026-05-01T08:00:00Z".parse().unwrap(),
    )
    .unwrap()
}

const PASSAGE: &str = "The ferry to the island will run twice a day from the first of May";

#[test]
fn unchanged_text_is_exact() {
    let b = mark(ORIGINAL, PASSAGE);
    assert_eq!(anchor(&b, ORIGINAL), Anchor::Exact(b.start..b.end));
}

#[test]
fn insertion_before_the_passage_moves_it() {
    let b = mark(ORIGINAL, PASSAGE);
    let changed = format!("UPDATED: a correction was added at the top.\n\n{ORIGINAL}");
    let found = anchor(&b, &changed);
    let shift = changed.len() - ORIGINAL.len();
    assert_eq!(found, Anchor::Moved(b.start + shift..b.end + shift));
    assert_eq!(&changed[found.range().unwrap()], PASSAGE);
}

#[test]
fn an_edit_inside_the_passage_is_found_fuzzily() {
    let b = mark(ORIGINAL, PASSAGE);
    let changed = ORIGINAL.replace("twice a day", "three times a day");
    let Anchor::Fuzzy(range, score) = anchor(&b, &changed) else {
        panic!("expected a fuzzy anchor, got {:?}", anchor(&b, &changed));
    };
    assert!((FUZZY_THRESHOLD..1.0).contains(&score), "score {score}");
    assert_eq!(
        &changed[range],
        "The ferry to the island will run three times a day from the first of May"
    );
}

#[test]
fn fuzzy_keeps_the_punctuation_around_the_passage() {
    let text = "Before. “We will not close the school,” she said. After.";
    let b = mark(text, "“We will not close the school,”");
    let changed = text.replace("not close", "never close");
    let found = anchor(&b, &changed);
    assert_eq!(found.status(), "fuzzy");
    assert_eq!(
        &changed[found.range().unwrap()],
        "“We will never close the school,”"
    );
}

#[test]
fn a_removed_passage_is_orphaned() {
    let b = mark(ORIGINAL, PASSAGE);
    let changed = ORIGINAL.replace(
        "The ferry to the island will run twice a day from the first of May, the mayor announced.\n\n",
        "",
    );
    assert_eq!(anchor(&b, &changed), Anchor::Orphaned);
    assert_eq!(anchor(&b, ""), Anchor::Orphaned);
}

#[test]
fn an_unrelated_sentence_sharing_words_is_not_taken() {
    let b = mark(ORIGINAL, PASSAGE);
    let changed = "The island of the May fair: the first day will run late.";
    assert_eq!(anchor(&b, changed), Anchor::Orphaned);
}

#[test]
fn context_decides_between_repeated_passages() {
    let text = "In March the board said: prices will rise. \
        In June the union said: prices will rise. \
        In July the bank said: prices will rise.";
    let second = text.find("union said: ").unwrap() + "union said: ".len();
    let b = Bookmark::from_selection(
        "p.md",
        "Prices",
        text,
        second..second + "prices will rise.".len(),
        "",
        "2026-05-01T08:00:00Z".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(anchor(&b, text), Anchor::Exact(b.start..b.end));
    // Shuffle the sentences: the union's one is now first, at another offset.
    let changed = "In July the bank said: prices will rise. \
        In June the union said: prices will rise. \
        In March the board said: prices will rise. Extra words at the end.";
    let range = anchor(&b, changed).range().unwrap();
    assert!(changed[..range.start].ends_with("the union said: "));
}

#[test]
fn the_old_offset_breaks_ties_between_identical_contexts() {
    let unit = "a long stretch of filler words around it. Yes. a long stretch of filler words around it.\n";
    let text = unit.repeat(3);
    let second = unit.len() + unit.find("Yes.").unwrap();
    let when = "2026-05-01T08:00:00Z".parse().unwrap();
    let b = Bookmark::from_selection("r", "r", &text, second..second + 4, "", when).unwrap();
    assert_eq!(anchor(&b, &text), Anchor::Exact(second..second + 4));
    // Shift everything by a few bytes: the occurrence nearest the old offset is still chosen.
    let changed = format!("Hi. {text}");
    assert_eq!(anchor(&b, &changed), Anchor::Moved(second + 4..second + 8));
}

#[test]
fn multibyte_text_is_never_sliced_inside_a_char() {
    let text = "前文。東京で会議が開かれた、と彼女は語った。後文です。";
    let b = mark(text, "東京で会議が開かれた");
    let changed = format!("追加の段落。{text}");
    let r = anchor(&b, &changed).range().unwrap();
    assert_eq!(&changed[r], "東京で会議が開かれた");
}

#[test]
fn multibyte_fuzzy_ranges_stay_on_char_boundaries() {
    let text = "前文です。東京で大きな会議が開かれた、と彼女は語った。後文です。";
    let b = mark(text, "東京で大きな会議が開かれた、と彼女は語った。");
    let changed = text.replace("大きな", "小さな");
    let found = anchor(&b, &changed);
    assert_eq!(found.status(), "fuzzy", "{found:?}");
    assert!(changed[found.range().unwrap()].starts_with("東京"));
}
