use super::*;

const RSS2: &str = include_str!("../../tests/fixtures/feeds/rss2.xml");
const ATOM: &str = include_str!("../../tests/fixtures/feeds/atom.xml");
const RDF: &str = include_str!("../../tests/fixtures/feeds/rdf.xml");
const JSON: &str = include_str!("../../tests/fixtures/feeds/feed.json");
const HOSTILE: &str = include_str!("../../tests/fixtures/feeds/hostile.xml");
const MALFORMED: &str = include_str!("../../tests/fixtures/feeds/malformed.xml");
const PAGE: &str = include_str!("../../tests/fixtures/feeds/page.html");

fn ctx(url: &str) -> Context<'_> {
    Context {
        url,
        content_type: Some("application/xml"),
        name: None,
        tags: &[],
    }
}

#[test]
fn rss2_with_content_encoded_and_relative_links() {
    let feed = parse(RSS2.as_bytes(), &ctx("https://ledger.example/rss.xml")).unwrap();
    assert_eq!(feed.title.as_deref(), Some("The Harbour Ledger"));
    assert_eq!(feed.items.len(), 3);
    let first = &feed.items[0];
    assert_eq!(first.identity, "ledger-4411");
    let a = &first.article;
    assert_eq!(a.title, "Port strike ends after overnight deal");
    assert_eq!(
        a.url.as_deref(),
        Some("https://ledger.example/2026/10/24/port-deal")
    );
    assert_eq!(a.source.as_deref(), Some("The Harbour Ledger"));
    assert_eq!(a.authors, ["Marta Quillan"]);
    assert_eq!(a.published.as_deref(), Some("2026-10-24T08:30:00Z"));
    assert_eq!(a.tags, ["labour"]);
    assert_eq!(a.feed.as_deref(), Some("https://ledger.example/rss.xml"));
    // The full content, not the description; markup made readable.
    assert!(
        a.body.starts_with("The strike ended on Friday."),
        "{}",
        a.body
    );
    assert!(a.body.contains("\n\n- More pay\n\n- Rosters"), "{}", a.body);
    assert!(
        a.body.contains("> “Nobody wins a strike,” he said."),
        "{}",
        a.body
    );
    assert!(a.body.contains("Cranes at dawn & more."), "{}", a.body);
    assert!(
        !a.body.contains("alert") && !a.body.contains('<'),
        "{}",
        a.body
    );
    // No guid: the link is the identity; HTML in a description is converted too.
    assert_eq!(
        feed.items[1].identity,
        "https://ledger.example/2026/10/23/tram"
    );
    assert_eq!(
        feed.items[1].article.body,
        "The new tram line opened.\n\nSecond paragraph."
    );
    // Neither guid nor link: a hash of title and date, stable across parses.
    let third = &feed.items[2].identity;
    assert!(third.starts_with("sha256:"), "{third}");
    let again = parse(RSS2.as_bytes(), &ctx("https://ledger.example/rss.xml")).unwrap();
    assert_eq!(&again.items[2].identity, third);
}

#[test]
fn atom_with_xhtml_content_and_xml_base() {
    let feed = parse(ATOM.as_bytes(), &ctx("https://science.example/atom")).unwrap();
    assert_eq!(feed.title.as_deref(), Some("Science Desk"));
    let a = &feed.items[0].article;
    assert_eq!(a.title, "Comet seen at dusk");
    assert_eq!(
        a.url.as_deref(),
        Some("https://science.example/blog/posts/comet")
    );
    assert_eq!(a.authors, ["Ana Ruiz"]);
    assert_eq!(a.published.as_deref(), Some("2026-11-01T18:00:00Z"));
    assert_eq!(
        a.body,
        "The comet was visible at dusk.\n\n“It was bright,” said Ana Ruiz."
    );
    assert_eq!(feed.items[0].identity, "tag:science.example,2026:comet");
    // The feed's author stands in for an entry without one; the summary for missing content.
    let b = &feed.items[1].article;
    assert_eq!(b.authors, ["Desk Editor"]);
    assert_eq!(b.body, "Only a summary.");
    assert_eq!(b.published.as_deref(), Some("2026-11-02T10:00:00Z"));
}

#[test]
fn rdf_and_json_feed() {
    let feed = parse(RDF.as_bytes(), &ctx("https://old.example/index.rdf")).unwrap();
    assert_eq!(feed.title.as_deref(), Some("Old Gazette"));
    assert_eq!(feed.items[0].article.title, "Council votes on budget");
    assert_eq!(
        feed.items[0].article.url.as_deref(),
        Some("https://old.example/a")
    );
    assert_eq!(feed.items[0].article.body, "The council voted 7 to 2.");
    let tags = ["mine".to_owned()];
    let json_ctx = Context {
        url: "https://json.example/feed.json",
        content_type: Some("application/feed+json"),
        name: Some("My JSON"),
        tags: &tags,
    };
    let feed = parse(JSON.as_bytes(), &json_ctx).unwrap();
    assert_eq!(feed.title.as_deref(), Some("JSON Times"));
    let one = &feed.items[0].article;
    assert_eq!(
        one.source.as_deref(),
        Some("My JSON"),
        "the name given wins"
    );
    assert_eq!(one.body, "Hello JSON.\n\nTwo.");
    assert_eq!(one.authors, ["Lee Park"]);
    assert_eq!(one.tags, ["mine", "tech"]);
    assert_eq!(feed.items[1].article.body, "Line one.\n\nLine two.");
    assert_eq!(feed.items[1].identity, "j-2");
}

#[test]
fn malformed_and_non_feeds_are_named() {
    let err = parse(MALFORMED.as_bytes(), &ctx("https://x.example/")).unwrap_err();
    assert!(matches!(err, ParseError::Malformed(_)), "{err}");
    let html = Context {
        content_type: Some("text/html; charset=utf-8"),
        ..ctx("https://x.example/")
    };
    let err = parse(PAGE.as_bytes(), &html).unwrap_err();
    assert!(
        matches!(err, ParseError::NotAFeed(_)) || matches!(err, ParseError::Malformed(_)),
        "{err}"
    );
    for junk in [
        &b""[..],
        b"plain words",
        b"\xff\xfe\x00<",
        b"{\"version\": 5}",
        b"<rss version=\"2.0\">",
    ] {
        assert!(parse(junk, &ctx("https://x.example/")).is_err(), "{junk:?}");
    }
}

#[test]
fn hostile_titles_and_bodies_lose_their_controls() {
    let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"E\u001b[2Jvil",
        "items":[{"id":"1","title":"\u001b]52;c;aGk=\u0007 ../../x","content_text":"a\u001b[31mb\u009b"}]}"#;
    let feed = parse(json.as_bytes(), &ctx("https://evil.example/f.json")).unwrap();
    let a = &feed.items[0].article;
    for s in [
        feed.title.as_deref().unwrap(),
        a.title.as_str(),
        a.body.as_str(),
    ] {
        assert!(!s.chars().any(crate::sanitize::is_unsafe), "{s:?}");
    }
    assert_eq!(a.title, "␛]52;c;aGk=␇ ../../x");
    let feed = parse(HOSTILE.as_bytes(), &ctx("https://evil.example/rss")).unwrap();
    assert_eq!(feed.items.len(), 4);
    {
        for item in &feed.items {
            let a = &item.article;
            assert!(
                !a.title.chars().any(crate::sanitize::is_unsafe),
                "{:?}",
                a.title
            );
            assert!(
                !a.body.chars().any(crate::sanitize::is_unsafe),
                "{:?}",
                a.body
            );
            assert!(!a.body.contains("document.write"), "{:?}", a.body);
            // Only http(s) links are kept.
            assert!(
                a.url.as_deref().is_none_or(|u| u.starts_with("http")),
                "{:?}",
                a.url
            );
        }
    }
}

/// An RSS 2.0 `<author>` is an email address, often with the name in parentheses.
#[test]
fn rss_authors_are_names_not_addresses() {
    let rss = |author: &str| {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>\
             <item><title>One</title><link>https://x.example/1</link>\
             <author>{author}</author><description>Text.</description></item>\
             </channel></rss>"
        )
    };
    let authors = |author: &str| {
        let feed = parse(rss(author).as_bytes(), &ctx("https://x.example/rss")).unwrap();
        feed.items[0].article.authors.clone()
    };
    assert_eq!(authors("desk@ledger.example (Ana Ruiz)"), ["Ana Ruiz"]);
    assert_eq!(authors("Ana Ruiz"), ["Ana Ruiz"]);
    assert_eq!(authors("(Ana Ruiz)"), ["Ana Ruiz"]);
    // An address alone says who, if not by name: kept.
    assert_eq!(authors("desk@ledger.example"), ["desk@ledger.example"]);
    assert!(authors("()").is_empty());
}
