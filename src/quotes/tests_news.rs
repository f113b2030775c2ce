//! One test per kind of error seen on real news (issue 11), on sentences written for these
//! tests.

use super::{Attribution, SpeakerKind, extract};

/// (speaker name, text) of every quotation.
fn said(a: &Attribution) -> Vec<(Option<&str>, &str)> {
    a.quotes
        .iter()
        .map(|q| {
            (
                q.speaker.map(|s| a.speakers[s].name.as_str()),
                q.text.as_str(),
            )
        })
        .collect()
}

fn speaker<'a>(a: &'a Attribution, name: &str) -> &'a super::Speaker {
    a.speakers
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no speaker {name:?} in {:?}", a.speakers))
}

#[test]
fn refusals_are_not_quotations() {
    let a = extract(
        "The harbour board declined to comment on the terms. She declined to say whether the \
         lease was signed. The ferry company refused to discuss the fares.",
    );
    assert!(a.quotes.is_empty(), "{:?}", said(&a));
}

#[test]
fn fullest_name_with_its_role_and_later_mentions_resolve_to_it() {
    let a = extract(
        "Harbour Minister Ana Ruiz said the quay would reopen in June. Ruiz added that the \
         cranes were already ordered. The minister said the cost was within budget.",
    );
    let s = speaker(&a, "Ana Ruiz");
    assert_eq!(s.role.as_deref(), Some("Harbour Minister"));
    assert_eq!(s.kind, SpeakerKind::Person);
    assert_eq!(a.speakers.len(), 1, "{:?}", a.speakers);
    assert_eq!(a.quotes.len(), 3);
}

#[test]
fn role_after_an_organisation_and_party_words_are_split_off() {
    let a = extract(
        "Senate Majority Leader Ruth Brandt said the vote would come next week. Republican \
         Tom Hale said the bill was dead. Mayor Anna de Vries said the tram would run.",
    );
    assert_eq!(
        speaker(&a, "Ruth Brandt").role.as_deref(),
        Some("Senate Majority Leader")
    );
    assert_eq!(speaker(&a, "Tom Hale").role.as_deref(), Some("Republican"));
    assert_eq!(speaker(&a, "Anna de Vries").role.as_deref(), Some("Mayor"));
}

#[test]
fn a_title_resolves_to_the_person_given_it() {
    let a = extract(
        "Bo Lindqvist, the city's mayor, opened the hearing. Later the mayor said the levy \
         would stay in place.",
    );
    assert_eq!(
        said(&a),
        [(Some("Bo Lindqvist"), "the levy would stay in place.")]
    );
}

#[test]
fn no_trailing_period_in_a_name() {
    let a = extract("“We are not done,” said Carl Doe. Doe added that the talks were slow.");
    assert_eq!(
        said(&a),
        [
            (Some("Carl Doe"), "We are not done,"),
            (Some("Carl Doe"), "the talks were slow.")
        ]
    );
}

#[test]
fn its_governor_is_the_organisations() {
    let a = extract(
        "The Harbour Authority of Kestria met on Monday. Its governor said the port would \
         reopen next week.",
    );
    assert_eq!(
        said(&a),
        [(
            Some("governor of Harbour Authority of Kestria"),
            "the port would reopen next week."
        )]
    );
    let named = extract(
        "Governor Lia Moss runs the Harbour Authority. Its governor said the port would reopen.",
    );
    assert_eq!(said(&named), [(Some("Lia Moss"), "the port would reopen.")]);
}

#[test]
fn asked_whether_is_the_question_not_the_quotation() {
    let a = extract("Asked whether he would run again, Hale said no.");
    assert!(
        a.quotes.iter().all(|q| !q.text.starts_with("Asked")),
        "{:?}",
        said(&a)
    );
    let b = extract("Asked about the levy, Tom Hale said it would stay until the end of the year.");
    assert_eq!(
        said(&b),
        [(Some("Tom Hale"), "it would stay until the end of the year.")]
    );
}

#[test]
fn one_of_them_speaks_not_the_person_named_in_the_clause() {
    let a = extract(
        "The mediators met both sides on Friday. One of them said the mediator had asked both \
         sides to wait.",
    );
    assert_eq!(
        said(&a),
        [(
            Some("one of them"),
            "the mediator had asked both sides to wait."
        )]
    );
    assert_eq!(a.speakers[0].kind, SpeakerKind::Anonymous);
}

#[test]
fn a_group_keeps_its_possessive() {
    let a = extract("A residents' group said in a letter that the plan was unfair.");
    assert_eq!(
        said(&a),
        [(Some("residents' group"), "the plan was unfair.")]
    );
}

#[test]
fn web_clutter_lines_are_not_speakers() {
    let a = extract(
        "UPDATE: The ministry said the figures would be revised.\n\nREAD MORE: Officials say \
         the tram will be late\n\nWATCH: The mayor opens the new quay\n\nCorrection: An earlier \
         version of this article misstated the levy.",
    );
    for s in &a.speakers {
        assert!(
            !["UPDATE", "READ MORE", "WATCH", "Correction"].contains(&s.name.as_str()),
            "{:?}",
            a.speakers
        );
    }
    assert_eq!(
        said(&a),
        [(Some("ministry"), "the figures would be revised.")]
    );
}

#[test]
fn an_official_at_a_ministry_is_anonymous() {
    let a = extract("A senior official at the ministry said the plan was dead.");
    assert_eq!(a.speakers.len(), 1);
    assert_eq!(a.speakers[0].kind, SpeakerKind::Anonymous);
}
