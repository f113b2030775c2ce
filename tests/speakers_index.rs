//! The cross-article speaker index: identity rules and grouping, from hand-built attributions.

use std::path::Path;

use tidings::index::{ArticleRecord, SpeakerIndex, article_keys, key_for};
use tidings::quotes::{Attribution, Quote, QuoteKind, Speaker, SpeakerKind};

fn speaker(name: &str, kind: SpeakerKind, aliases: &[&str]) -> Speaker {
    Speaker {
        name: name.into(),
        kind,
        role: None,
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
    }
}

/// An article whose quotations are `(speaker index, words)`, laid out one after another.
fn record(path: &str, speakers: Vec<Speaker>, quotes: &[(usize, &str)]) -> ArticleRecord {
    let mut at = 0;
    let quotes = quotes
        .iter()
        .map(|&(s, words)| {
            let q = Quote {
                speaker: Some(s),
                kind: QuoteKind::Direct,
                text: words.into(),
                start: at,
                end: at + words.len(),
                cue: "said".into(),
                mention: None,
            };
            at += words.len() + 1;
            q
        })
        .collect();
    let attribution = Attribution {
        speakers,
        quotes,
        captions: vec![],
    };
    ArticleRecord::from_attribution(Path::new(path), &format!("About {path}"), &attribution)
}

fn names_and_counts(index: &SpeakerIndex) -> Vec<(String, usize, usize)> {
    index
        .speakers
        .iter()
        .map(|s| (s.name.clone(), s.quotes.len(), s.article_count()))
        .collect()
}

#[test]
fn a_surname_joins_the_full_name_only_where_the_article_names_it_in_full() {
    use SpeakerKind::Person;
    let a = record(
        "a.md",
        vec![speaker("Marta Kowalczyk", Person, &["Kowalczyk"])],
        &[(0, "The bridge opens in spring."), (0, "It was on budget.")],
    );
    // The engine left the surname as its own speaker here: the index joins it.
    let b = record(
        "b.md",
        vec![
            speaker("Kowalczyk", Person, &[]),
            speaker("Marta Kowalczyk", Person, &[]),
        ],
        &[
            (0, "We expect traffic to ease."),
            (1, "Cyclists get a lane."),
        ],
    );
    // Never named in full here: stays on its own.
    let c = record(
        "c.md",
        vec![speaker("Kowalczyk", Person, &[])],
        &[(0, "No comment at this time.")],
    );
    let index = SpeakerIndex::from_records([&a, &b, &c]);
    assert_eq!(
        names_and_counts(&index),
        [
            ("Marta Kowalczyk".to_owned(), 4, 2),
            ("Kowalczyk".to_owned(), 1, 1)
        ]
    );
    let full = key_for(&speaker("Marta Kowalczyk", Person, &[])).unwrap();
    let groups = index.occurrences(&full);
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].path, Path::new("a.md"));
    assert_eq!(groups[0].quotes.len(), 2);
    assert_eq!(groups[1].title, "About b.md");
    assert_eq!(groups[1].quotes[0].text, "We expect traffic to ease.");
    assert!(groups[0].quotes[0].start < groups[0].quotes[1].start);
}

#[test]
fn an_ambiguous_surname_is_not_joined() {
    use SpeakerKind::Person;
    let keys = article_keys(
        Path::new("x.md"),
        &[
            speaker("Anna Lindqvist", Person, &[]),
            speaker("Bo Lindqvist", Person, &[]),
            speaker("Lindqvist", Person, &[]),
        ],
    );
    assert_eq!(keys[2], "name:lindqvist");
    assert_ne!(keys[0], keys[1]);
}

#[test]
fn an_organization_does_not_swallow_a_person_with_the_same_word() {
    let keys = article_keys(
        Path::new("x.md"),
        &[
            speaker("Ford Motor Company", SpeakerKind::Organization, &[]),
            speaker("Ford", SpeakerKind::Person, &[]),
        ],
    );
    assert_eq!(keys[1], "name:ford");
}

#[test]
fn anonymous_sources_are_never_merged_across_articles() {
    let anon = || speaker("a senior official", SpeakerKind::Anonymous, &[]);
    let a = record(
        "a.md",
        vec![anon()],
        &[(0, "Talks will resume."), (0, "Soon.")],
    );
    let b = record("b.md", vec![anon()], &[(0, "Talks have stalled.")]);
    let index = SpeakerIndex::from_records([&a, &b]);
    assert_eq!(index.speakers.len(), 2);
    assert!(index.speakers.iter().all(|s| s.article_count() == 1));
    assert_eq!(
        index.speakers[0].quotes.len(),
        2,
        "one source within its article"
    );
    assert_eq!(key_for(&anon()), None);
}

#[test]
fn names_match_across_case_diacritics_and_curly_quotes() {
    use SpeakerKind::{Organization, Person, Unknown};
    let one = |path: &str, name: &str, kind| {
        record(path, vec![speaker(name, kind, &[])], &[(0, "Words.")])
    };
    let records = [
        one("e.md", "Harbour Authority", Organization),
        one("d.md", "the Harbour Authority", Organization),
        one("c.md", "Zoe Darcy", Person),
        one("b.md", "ZOE D'ARCY", Unknown),
        one("a.md", "Zoë D’Arcy", Person),
    ];
    let index = SpeakerIndex::from_records(&records);
    assert_eq!(
        names_and_counts(&index),
        [
            ("Zoë D’Arcy".to_owned(), 3, 3),
            ("the Harbour Authority".to_owned(), 2, 2)
        ]
    );
    // A known kind wins over Unknown.
    assert_eq!(index.speakers[0].kind, Person);
}

#[test]
fn unattributed_quotes_are_left_out_and_unknown_keys_give_nothing() {
    let quote = |speaker, text: &str, start| Quote {
        speaker,
        kind: QuoteKind::Indirect,
        text: text.into(),
        start,
        end: start + text.len(),
        cue: "said".into(),
        mention: None,
    };
    let attribution = Attribution {
        speakers: vec![speaker("Ines Varga", SpeakerKind::Person, &[])],
        quotes: vec![
            quote(None, "Nobody's words.", 0),
            quote(Some(0), "Hers.", 20),
            quote(Some(7), "Bad index.", 40),
        ],
        captions: vec![],
    };
    let r = ArticleRecord::from_attribution(Path::new("a.md"), "A", &attribution);
    let index = SpeakerIndex::from_records([&r]);
    assert_eq!(index.speakers.len(), 1);
    assert_eq!(index.speakers[0].quotes.len(), 1);
    assert_eq!(index.speakers[0].quotes[0].text, "Hers.");
    assert!(index.occurrences("name:nobody").is_empty());
}

#[test]
fn descriptions_are_not_merged_across_articles_but_names_in_any_case_are() {
    use SpeakerKind::{Organization, Person};
    let union = |path| {
        record(
            path,
            vec![speaker("union", Organization, &["the union"])],
            &[(0, "We want a deal.")],
        )
    };
    let (a, b) = (union("a.md"), union("b.md"));
    let index = SpeakerIndex::from_records([&a, &b]);
    assert_eq!(index.speakers.len(), 2);
    assert_eq!(
        key_for(&speaker(
            "senior official at the ministry",
            Organization,
            &[]
        )),
        None
    );
    // Names without case (CJK) and in capitals are names.
    assert!(key_for(&speaker("山田花子", Person, &[])).is_some());
    assert!(key_for(&speaker("NATO", Organization, &[])).is_some());
}

#[test]
fn a_role_in_an_alias_does_not_change_who_it_is() {
    use SpeakerKind::Person;
    let with_role = record(
        "a.md",
        vec![speaker(
            "Lena Vogt",
            Person,
            &["Finance Minister Lena Vogt", "Vogt"],
        )],
        &[(0, "The budget is balanced.")],
    );
    let plain = record(
        "b.md",
        vec![speaker("Lena Vogt", Person, &[])],
        &[(0, "Taxes stay.")],
    );
    let index = SpeakerIndex::from_records([&with_role, &plain]);
    assert_eq!(names_and_counts(&index), [("Lena Vogt".to_owned(), 2, 2)]);
}
