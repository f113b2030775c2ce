//! One test per construction, on sentences written for these tests.

use super::{QuoteKind, SpeakerKind, extract};

/// (speaker name, kind, text) of every quotation.
fn found(text: &str) -> Vec<(Option<String>, QuoteKind, String)> {
    let a = extract(text);
    for q in &a.quotes {
        assert_eq!(&text[q.start..q.end], q.text);
        if let Some(m) = &q.mention {
            assert_eq!(&text[m.start..m.end], m.text);
        }
    }
    a.quotes
        .iter()
        .map(|q| {
            (
                q.speaker.map(|s| a.speakers[s].name.clone()),
                q.kind,
                q.text.clone(),
            )
        })
        .collect()
}

fn one(text: &str) -> (Option<String>, QuoteKind, String) {
    let f = found(text);
    assert_eq!(f.len(), 1, "{f:?}");
    f.into_iter().next().unwrap()
}

#[test]
fn direct_with_attribution_after() {
    let (who, kind, text) = one("“The bridge will open in May,” Maria Okafor said.");
    assert_eq!(who.as_deref(), Some("Maria Okafor"));
    assert_eq!(kind, QuoteKind::Direct);
    assert_eq!(text, "The bridge will open in May,");
}

#[test]
fn direct_with_inverted_attribution_and_role() {
    let a =
        extract("“We have enough grain,” said Finance Minister Tomas Lind, speaking in the port.");
    assert_eq!(a.quotes.len(), 1);
    let s = &a.speakers[a.quotes[0].speaker.unwrap()];
    assert_eq!(s.name, "Tomas Lind");
    assert_eq!(s.role.as_deref(), Some("Finance Minister"));
    assert_eq!(s.kind, SpeakerKind::Person);
}

#[test]
fn direct_with_attribution_before_a_colon() {
    let (who, _, text) = one("Jo Arden said: “Nobody asked the fishermen.”");
    assert_eq!(who.as_deref(), Some("Jo Arden"));
    assert_eq!(text, "Nobody asked the fishermen.");
}

#[test]
fn attribution_between_two_parts() {
    let f = found("“It is late,” Ines Varga said. “But it is not too late.”");
    assert_eq!(f.len(), 2);
    assert!(f.iter().all(|q| q.0.as_deref() == Some("Ines Varga")));
}

#[test]
fn unclosed_paragraph_continues() {
    let f = found(
        "“The first part of the plan is roads,” said Jo Arden. “The second is water.\n\n“The third is schools.”",
    );
    assert_eq!(f.len(), 3);
    assert!(
        f.iter().all(|q| q.0.as_deref() == Some("Jo Arden")),
        "{f:?}"
    );
}

#[test]
fn reported_speech_with_that_and_addressee() {
    let (who, kind, text) = one(
        "The harbour master told The Coastal Herald on Monday that the ferries would stop in winter.",
    );
    assert_eq!(who.as_deref(), Some("harbour master"));
    assert_eq!(kind, QuoteKind::Indirect);
    assert_eq!(text, "the ferries would stop in winter.");
}

#[test]
fn reported_speech_without_that() {
    let (who, _, text) = one("Tomas Lind said the reserve would last until March.");
    assert_eq!(who.as_deref(), Some("Tomas Lind"));
    assert_eq!(text, "the reserve would last until March.");
}

#[test]
fn according_to_before_and_after() {
    let (who, _, text) = one("According to the ministry, the dam is safe.");
    assert_eq!(who.as_deref(), Some("ministry"));
    assert_eq!(text, "the dam is safe.");
    let (who, _, text) = one("The dam was built in four years, according to Maria Okafor.");
    assert_eq!(who.as_deref(), Some("Maria Okafor"));
    assert_eq!(text, "The dam was built in four years");
}

#[test]
fn saying_takes_the_sentence_subject() {
    let (who, _, text) =
        one("The Coastal Union rejected the offer, saying it ignored the night shifts.");
    assert_eq!(who.as_deref(), Some("Coastal Union"));
    assert_eq!(text, "it ignored the night shifts.");
}

#[test]
fn post_posed_attribution() {
    let (who, _, text) = one("The tunnel will close for repairs next week, the engineer said.");
    assert_eq!(who.as_deref(), Some("engineer"));
    assert_eq!(text, "The tunnel will close for repairs next week");
}

#[test]
fn mixed_quote_absorbs_its_fragment() {
    let (who, kind, text) =
        one("Jo Arden argued that the levy was “a tax on the poor” and should go.");
    assert_eq!(who.as_deref(), Some("Jo Arden"));
    assert_eq!(kind, QuoteKind::Mixed);
    assert_eq!(text, "the levy was “a tax on the poor” and should go.");
}

#[test]
fn coreference_surname_pronoun_and_office() {
    let text = "Senator Jo Arden said the vote was close.\n\nArden added that she would try again.\n\nShe said the bill would return in spring.\n\nLater, Arden spoke again and insisted that nothing had changed, her office stated.";
    let a = extract(text);
    assert_eq!(a.speakers.len(), 1, "{:?}", a.speakers);
    assert_eq!(a.speakers[0].name, "Jo Arden");
    assert_eq!(a.quotes.len(), 4);
    assert!(a.quotes.iter().all(|q| q.speaker == Some(0)));
}

#[test]
fn anonymous_sources_stay_apart() {
    let text = "A senior health official said the clinics were full.\n\nThe official added that more nurses were coming.\n\nAnother official who spoke with reporters said the numbers were falling.\n\nA diplomatic source told the paper that talks had resumed.";
    let a = extract(text);
    let names: Vec<&str> = a.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "senior health official",
            "another official",
            "diplomatic source"
        ]
    );
    assert!(a.speakers.iter().all(|s| s.kind == SpeakerKind::Anonymous));
    let who: Vec<Option<usize>> = a.quotes.iter().map(|q| q.speaker).collect();
    assert_eq!(who, [Some(0), Some(0), Some(1), Some(2)]);
}

#[test]
fn addressee_credits_and_captions_are_never_speakers() {
    let text = "A fisherman told The Coastal Herald that the catch was poor.\n\nBoats wait in the harbour at dawn, in Port Lind, March 3.\nBoats wait in the harbour at dawn, in Port Lind, March 3. (credit: SOME AGENCY/A PHOTOGRAPHER)\n\nAna Ruiz and Wire Services contributed to this report.";
    let a = extract(text);
    let names: Vec<&str> = a.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["fisherman"]);
    assert_eq!(a.captions.len(), 2);
}

#[test]
fn crlf_and_bom_keep_offsets() {
    let text = "\u{feff}Intro line.\r\n\r\n“We are ready,” Ana Ruiz said.\r\n";
    let a = extract(text);
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(&text[a.quotes[0].start..a.quotes[0].end], "We are ready,");
}

#[test]
fn apostrophes_are_not_quote_marks() {
    let f =
        found("The union’s chief said the ’90s were the members’ best years and didn’t end well.");
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].2,
        "the ’90s were the members’ best years and didn’t end well."
    );
}

#[test]
fn colon_headline() {
    let (who, _, text) = one("Ana Ruiz: The Port Will Stay Open");
    assert_eq!(who.as_deref(), Some("Ana Ruiz"));
    assert_eq!(text, "The Port Will Stay Open");
}

#[test]
fn according_to_figures_gives_the_agency_that_published_them() {
    let (who, _, _) = one(
        "According to figures released by the regional water board on Friday, the reservoir is half empty.",
    );
    assert_eq!(who.as_deref(), Some("regional water board"));
}

#[test]
fn possessive_own_gives_the_possessor() {
    let (who, _, _) =
        one("According to the agency’s own forecasts, prices will keep rising until the summer.");
    assert_eq!(who.as_deref(), Some("agency"));
}

#[test]
fn a_firm_called_name_is_naming_not_speech() {
    let f = found(
        "The mill, bought by a cooperative called Grain Union last year, grinds oats for the whole valley.",
    );
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn asked_not_to_be_named_is_not_speech() {
    let f = found(
        "A second official, who asked not to be named because the matter is sensitive, told reporters that the audit would be delayed.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].2.starts_with("the audit"), "{f:?}");
}

#[test]
fn relative_that_after_an_adjunct_is_not_a_reported_clause() {
    let f = found(
        "The ferry line said on Tuesday, a sign of faith in a harbour that was closed by storms in May.",
    );
    assert!(f.iter().all(|q| !q.2.starts_with("was closed")), "{f:?}");
}

#[test]
fn surname_written_first_joins_the_full_name_and_pronouns_follow_it() {
    let text = "The survey is led by Professor Wang Lei, who came to the city in 2018. \
                Wang said the data were clean.\n\n\
                Dr. Sara Holt said the method was sound. She said more work was needed.\n\n\
                Wang agreed. “We will publish everything,” he said.";
    let f = found(text);
    let wang: Vec<_> = f
        .iter()
        .filter(|q| q.0.as_deref() == Some("Wang Lei"))
        .collect();
    assert_eq!(wang.len(), 2, "{f:?}");
    assert!(
        f.iter().any(|q| q.0.as_deref() == Some("Sara Holt")),
        "{f:?}"
    );
}

#[test]
fn sentence_adverb_is_not_part_of_the_name() {
    let (who, _, _) = one("Meanwhile Tarek Osei said the vote would be close.");
    assert_eq!(who.as_deref(), Some("Tarek Osei"));
}

#[test]
fn pronoun_skips_a_person_of_the_other_gender() {
    let text = "Ms. Irena Valk said the plan was late.\n\n\
                Mr. Tomas Brill said the audit was overdue. He said the board agreed.\n\n\
                She said the board had been told.";
    let f = found(text);
    let last = f.last().expect("quotes");
    assert!(last.2.starts_with("the board had"), "{f:?}");
    assert_eq!(last.0.as_deref(), Some("Irena Valk"), "{f:?}");
}

#[test]
fn plural_possessive_stays_inside_an_organisation_name() {
    let (who, _, _) = one("The Harbour Pilots’ Guild said the new berths were too narrow.");
    assert_eq!(who.as_deref(), Some("Harbour Pilots’ Guild"));
}

#[test]
fn a_coordinated_speech_verb_ends_the_clause() {
    let f = found("Ana Ruiz said the budget was balanced and added that taxes would not rise.");
    let texts: Vec<&str> = f.iter().map(|q| q.2.as_str()).collect();
    assert_eq!(
        texts,
        ["the budget was balanced", "taxes would not rise."],
        "{f:?}"
    );
    assert!(f.iter().all(|q| q.0.as_deref() == Some("Ana Ruiz")));
    let f = found(
        "The mayor said the bridge would reopen in June, though she noted that the ferry would keep running.",
    );
    let texts: Vec<&str> = f.iter().map(|q| q.2.as_str()).collect();
    assert_eq!(
        texts,
        [
            "the bridge would reopen in June",
            "the ferry would keep running."
        ],
        "{f:?}"
    );
    let f = found(
        "The minister said the harbour was safe, and local fishing crews warned that the ice was thin.",
    );
    let got: Vec<(Option<&str>, &str)> = f.iter().map(|q| (q.0.as_deref(), q.2.as_str())).collect();
    assert_eq!(
        got,
        [
            (Some("minister"), "the harbour was safe"),
            (Some("local fishing crews"), "the ice was thin."),
        ]
    );
    // Two subjects joined by "and" before one verb are not two clauses.
    let (_, _, text) = one("Jo Arden said the pilots and the owners agreed on a new rota.");
    assert_eq!(text, "the pilots and the owners agreed on a new rota.");
}

#[test]
fn a_next_sentence_with_its_own_clause_is_not_a_trailing_attribution() {
    let f = found(
        "The choir ended with an old refrain: “We shall not be moved.” Governor Lee Park said it was a fine evening.",
    );
    assert!(
        f.iter()
            .all(|q| !q.2.contains("moved") || q.0.as_deref() != Some("Lee Park")),
        "{f:?}"
    );
    assert!(f.iter().any(|q| q.2 == "it was a fine evening."), "{f:?}");
    let (who, _, _) = one("“Where is the money?” Lee Park asked, looking at the crowd.");
    assert_eq!(who.as_deref(), Some("Lee Park"));
}

#[test]
fn a_role_noun_before_a_name_after_a_quotation() {
    let (who, _, _) =
        one("“The lights will stay on,” utility spokeswoman Dana Reyes said on Friday.");
    assert_eq!(who.as_deref(), Some("Dana Reyes"));
    let (who, _, _) = one("“We appeal,” Harbour lawyer Iva Brandt said.");
    assert_eq!(who.as_deref(), Some("Iva Brandt"));
    let (who, _, _) = one("“The road is safe,” Mr. Odum of the Valley Road Trust said.");
    assert_eq!(who.as_deref(), Some("Odum"));
}

#[test]
fn trailing_attribution_after_a_quotation_reads_plain_nouns() {
    let (who, _, _) = one("“Prices will fall,” the Lisbon shopkeeper said.");
    assert_eq!(who.as_deref(), Some("Lisbon shopkeeper"));
    let (who, _, _) = one("“Nobody was told,” the film’s narrator says.");
    assert_eq!(who.as_deref(), Some("film’s narrator"));
    let (who, _, _) = one("“The pumps failed twice,” the report says.");
    assert_eq!(who.as_deref(), Some("report"));
    let (who, _, _) = one(
        "“The pumps failed twice,” Ola Berg, head of the regional water authority and a former engineer at the Northern Canal Company of Bergen, said of the storm.",
    );
    assert_eq!(who.as_deref(), Some("Ola Berg"));
}

#[test]
fn a_relative_pronoun_is_the_mention_and_its_antecedent_the_speaker() {
    let a = extract("The plan was backed by Ada Moss, who later said the costs were fair.");
    assert_eq!(a.quotes.len(), 1, "{a:?}");
    let q = &a.quotes[0];
    assert_eq!(a.speakers[q.speaker.unwrap()].name, "Ada Moss");
    assert_eq!(q.mention.as_ref().unwrap().text, "who");
    // A relative clause before the cue leaves the noun phrase as the mention.
    let a = extract("An engineer who worked on the dam said the concrete was poor.");
    assert_eq!(a.quotes.len(), 1, "{a:?}");
    assert_eq!(a.quotes[0].mention.as_ref().unwrap().text, "An engineer");
}

#[test]
fn a_progressive_speech_verb_is_finite() {
    let (who, _, text) = one("The governor is warning that the river will flood.");
    assert_eq!(who.as_deref(), Some("governor"));
    assert_eq!(text, "the river will flood.");
    let (who, _, text) = one("Ana Ruiz was now telling reporters that the deal was close.");
    assert_eq!(who.as_deref(), Some("Ana Ruiz"));
    assert_eq!(text, "the deal was close.");
    assert!(found("Nobody on the board is complaining, since the profits are high.").is_empty());
}

#[test]
fn an_attribution_before_an_adverbial_clause_is_post_posed() {
    let (who, _, text) =
        one("The harbour will close in winter, the pilot said, because the ice is thick.");
    assert_eq!(who.as_deref(), Some("pilot"));
    assert_eq!(text, "The harbour will close in winter");
    let f = found("Those talks are continuing, she said.");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].2, "Those talks are continuing");
}

#[test]
fn say_after_any_noun_is_a_verb_when_a_clause_follows() {
    let (who, _, text) = one("Analysts in the capital say that the deal is weak.");
    assert_eq!(who.as_deref(), Some("Analysts in the capital"));
    assert_eq!(text, "the deal is weak.");
    assert!(found("The decision says something about the council.").is_empty());
}

#[test]
fn a_naming_passive_is_not_speech() {
    assert!(found("The plan was called a disaster by critics in the north.").is_empty());
    let (who, _, _) = one("The ferry company is calling the strike “a disgrace.”");
    assert_eq!(who.as_deref(), Some("ferry company"));
}

#[test]
fn a_number_or_no_opens_the_reported_clause() {
    let (_, _, text) = one("Ana Ruiz said no decision had been made.");
    assert_eq!(text, "no decision had been made.");
    let (_, _, text) = one("Ana Ruiz said about 40 homes were flooded.");
    assert_eq!(text, "about 40 homes were flooded.");
}

#[test]
fn addressees_appositives_and_participles_around_a_clause() {
    let (_, _, text) = one("Jo Arden told Radio North’s “Morning Desk” that the ferry would run.");
    assert_eq!(text, "the ferry would run.");
    let (who, _, _) =
        one("Ola Berg -- a co-author of the report, with two others -- said the water was clean.");
    assert_eq!(who.as_deref(), Some("Ola Berg"));
    let (who, _, text) = one(
        "The levee will hold, said Ola Berg, a senior engineer with the regional water board that manages the northern canals and the coastal pumps.",
    );
    assert_eq!(who.as_deref(), Some("Ola Berg"));
    assert_eq!(text, "The levee will hold");
    let f = found("Ana Ruiz said the plan was sound, aside from saying the dates were loose.");
    let texts: Vec<&str> = f.iter().map(|q| q.2.as_str()).collect();
    assert_eq!(texts, ["the plan was sound", "the dates were loose."]);
}

#[test]
fn more_speech_verbs_from_the_lexicon() {
    let (who, _, text) = one("The mayor proclaimed that the port was open again.");
    assert_eq!(who.as_deref(), Some("mayor"));
    assert_eq!(text, "the port was open again.");
    let (who, _, _) = one("Senator Jo Arden likened the new levy to “a fine on work.”");
    assert_eq!(who.as_deref(), Some("Jo Arden"));
    let (who, _, _) = one("Ana Ruiz criticized the tender as rushed and unfair.");
    assert_eq!(who.as_deref(), Some("Ana Ruiz"));
}

#[test]
fn a_state_abbreviation_in_brackets_ends_no_sentence() {
    let (who, _, text) = one("Rep. Ana Ruiz (D-N.Y.) said the tax was fair.");
    assert_eq!(who.as_deref(), Some("Ana Ruiz"));
    assert_eq!(text, "the tax was fair.");
}
