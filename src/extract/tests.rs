//! Extraction on pages written for these tests.

use std::fmt::Write as _;

use super::*;

/// Sentences enough to make an article of `n` paragraphs.
fn body(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let _ = write!(
            out,
            "<p>Paragraph {i} of the harbour story: the council voted on the ferry budget \
             after a long debate, and the minister said the plan would go ahead next \
             winter, with the bridge works finished before the season begins.</p>"
        );
    }
    out
}

fn page(head: &str, article: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=utf-8>{head}</head><body>\
         <nav><ul><li><a href=/a>Home</a></li><li><a href=/b>World</a></li>\
         <li><a href=/c>Sport</a></li></ul></nav>\
         <main><article>{article}</article></main>\
         <footer><a href=/about>About us</a> <a href=/terms>Terms</a></footer></body></html>"
    )
}

fn get(html: &str) -> Page {
    extract(
        html.as_bytes(),
        None,
        Some("https://news.example/2026/story"),
    )
    .unwrap()
}

#[test]
fn metadata_from_open_graph_and_article_tags() {
    let head = "<title>Ferry budget passes | Harbour Times</title>\
        <meta property=og:title content=\"Ferry budget passes\">\
        <meta property=og:site_name content=\"Harbour Times\">\
        <meta name=author content=\"Mara Lind\">\
        <meta property=\"article:author\" content=\"https://facebook.example/maralind\">\
        <meta property=\"article:published_time\" content=\"2026-03-04T09:30:00Z\">\
        <link rel=canonical href=\"/2026/ferry-budget\">";
    let p = get(&page(head, &body(4)));
    assert_eq!(p.title, "Ferry budget passes");
    assert_eq!(p.site_name.as_deref(), Some("Harbour Times"));
    assert_eq!(p.authors, ["Mara Lind"]);
    assert_eq!(p.published.as_deref(), Some("2026-03-04T09:30:00Z"));
    assert_eq!(
        p.url.as_deref(),
        Some("https://news.example/2026/ferry-budget")
    );
    assert!(
        p.text.starts_with("Paragraph 0 of the harbour story"),
        "{}",
        p.text
    );
    assert!(!p.text.contains("About us") && !p.text.contains("World"));
}

#[test]
fn metadata_from_json_ld_graph() {
    let head = r#"<title>Tram line opens</title><script type="application/ld+json">
        {"@context": "https://schema.org", "@graph": [
          {"@type": "WebSite", "name": "Not the headline"},
          {"@type": ["NewsArticle"], "headline": "Tram line opens",
           "datePublished": "2026-01-02T08:00:00+01:00",
           "author": [{"@type": "Person", "name": "Ines Okafor"}, {"name": "Chen Wei"}],
           "publisher": {"@type": "Organization", "name": "City Wire"}}]}
        </script>"#;
    let p = get(&page(head, &body(4)));
    assert_eq!(p.title, "Tram line opens");
    assert_eq!(p.authors, ["Ines Okafor", "Chen Wei"]);
    assert_eq!(p.published.as_deref(), Some("2026-01-02T08:00:00+01:00"));
    assert_eq!(p.site_name.as_deref(), Some("City Wire"));
    assert_eq!(p.url.as_deref(), Some("https://news.example/2026/story"));
}

#[test]
fn broken_json_ld_is_ignored() {
    let head = r#"<title>Story</title><script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>"#;
    let p = get(&page(head, &body(4)));
    assert!(p.authors.is_empty());
    assert!(p.text.contains("Paragraph 3"));
}

#[test]
fn byline_in_the_page_gives_the_authors() {
    let article = format!(
        "<h1>Budget vote</h1><p class=\"byline\">By Tomas Vey and Rosa Quint</p>{}",
        body(4)
    );
    let p = get(&page("<title>Budget vote</title>", &article));
    assert_eq!(p.authors, ["Tomas Vey", "Rosa Quint"]);
}

#[test]
fn dates_from_time_elements_and_rfc_2822_meta() {
    let article = format!(
        "<time datetime=\"2025-11-30\">30 November</time>{}",
        body(4)
    );
    let p = get(&page("<title>T</title>", &article));
    assert_eq!(p.published.as_deref(), Some("2025-11-30"));
    let head = "<title>T</title><meta name=date content=\"Wed, 30 Sep 2015 17:12:00 GMT\">";
    let p = get(&page(head, &body(4)));
    assert_eq!(p.published.as_deref(), Some("2015-09-30T17:12:00Z"));
    let head = "<title>T</title><meta property=article:published_time content=\"2015-09-30T17:12:00+0000\">";
    let p = get(&page(head, &body(4)));
    assert_eq!(p.published.as_deref(), Some("2015-09-30T17:12:00+0000"));
    let head =
        "<title>T</title><meta property=article:published_time content=\"2015-09-30 17:12 CET\">";
    let p = get(&page(head, &body(4)));
    assert_eq!(p.published.as_deref(), Some("2015-09-30"));
    let head = "<title>T</title><meta property=article:published_time content=\"yesterday\">";
    assert_eq!(get(&page(head, &body(4))).published, None);
}

#[test]
fn site_name_is_cut_from_the_title() {
    let head = "<title>Harbour Times - Ferry budget passes</title>\
        <meta property=og:site_name content=\"Harbour Times\">";
    let p = get(&page(head, &body(4)));
    assert_eq!(p.title, "Ferry budget passes");
}

#[test]
fn tables_figures_and_code_blocks_keep_their_text() {
    let article = format!(
        "{}<table><tr><th>District</th><th>Votes</th></tr><tr><td>North</td><td>1204</td></tr>\
         <tr><td>South</td><td>988</td></tr></table>\
         <figure><img src=p.jpg alt=\"Alt text is not article text\">\
         <figcaption>The new ferry leaves the north pier.</figcaption></figure>\
         <pre><code>fare = base + 2 * zones\nprint(fare)</code></pre>{}",
        body(3),
        body(2)
    );
    let p = get(&page("<title>T</title>", &article));
    assert!(
        p.text
            .contains("District | Votes\n\nNorth | 1204\n\nSouth | 988"),
        "{}",
        p.text
    );
    assert!(
        p.text.contains("The new ferry leaves the north pier."),
        "{}",
        p.text
    );
    assert!(!p.text.contains("Alt text"), "{}", p.text);
    assert!(
        p.text.contains("fare = base + 2 * zones\nprint(fare)"),
        "{}",
        p.text
    );
}

#[test]
fn clutter_lines_are_left_out() {
    let article = format!(
        "{}<p>READ MORE: Council fights over the tram</p><p>WATCH: The ferry at dawn</p>\
         <p>Story continues below advertisement</p><p>Advertisement</p>\
         <p>Sign up for our newsletter to get the morning briefing in your inbox.</p>\
         <p>Photo: Ana Ruiz/Reuters</p><p>(Image credit: Getty Images)</p>\
         <p>Share this article</p><p>Page 1 of 2</p><p>Next page »</p>{}\
         <h3>Related stories</h3><ul><li>Another story about trams</li>\
         <li>A second story about bridges</li></ul>",
        body(3),
        body(2)
    );
    let p = get(&page("<title>T</title>", &article));
    for clutter in [
        "READ MORE",
        "WATCH",
        "continues below",
        "Advertisement",
        "newsletter",
        "Reuters",
        "Getty",
        "Share",
        "Page 1",
        "Next",
        "Related",
        "Another story",
    ] {
        assert!(!p.text.contains(clutter), "{clutter:?} kept in {}", p.text);
    }
    assert!(p.text.contains("Paragraph 1 of the harbour story"));
}

#[test]
fn sentences_that_mention_clutter_words_are_kept() {
    let article = format!(
        "{}<p>Watch: the mayor said the word twice, and readers asked to read more about \
         the photo of the newsletter editor, who asked residents to share their views on \
         the next page of the plan before the vote on Tuesday.</p>",
        body(3)
    );
    let p = get(&page("<title>T</title>", &article));
    assert!(
        p.text.contains("the mayor said the word twice"),
        "{}",
        p.text
    );
}

#[test]
fn headline_repeated_at_the_top_is_dropped_once() {
    let article = format!("<h2>Ferry budget passes</h2>{}", body(4));
    let p = get(&page("<title>Ferry budget passes</title>", &article));
    assert_eq!(p.title, "Ferry budget passes");
    assert!(!p.text.contains("Ferry budget passes"), "{}", p.text);
}

#[test]
fn pages_without_an_article_are_errors_naming_the_page() {
    let login = page(
        "<title>Sign in</title>",
        "<form><p>Please sign in to continue.</p><input name=user><input type=password>\
         <button>Sign in</button></form>",
    );
    let mut links = String::new();
    for i in 0..60 {
        let _ = write!(
            links,
            "<li><a href=\"/s/{i}\">Headline number {i} today</a></li>"
        );
    }
    let index = page("<title>Front page</title>", &format!("<ul>{links}</ul>"));
    for html in [
        login.as_str(),
        index.as_str(),
        "",
        "<html><body></body></html>",
    ] {
        let err = extract(html.as_bytes(), None, Some("https://news.example/x")).unwrap_err();
        assert!(
            matches!(err, ExtractError::NoArticle { .. }),
            "{err:?} for {html:.60}"
        );
        assert!(err.to_string().contains("https://news.example/x"), "{err}");
    }
    let err = extract(b"", None, None).unwrap_err().for_page("saved.html");
    assert!(
        err.to_string().starts_with("saved.html: no article"),
        "{err}"
    );
}

#[test]
fn windows_1252_page_comes_out_as_utf8() {
    let mut html = b"<html><head><meta charset=windows-1252><title>Caf\xe9</title></head>\
        <body><article><p>The caf\xe9 owner said \x93no\x94.</p>"
        .to_vec();
    html.extend_from_slice(body(4).as_bytes());
    html.extend_from_slice(b"</article></body></html>");
    let p = extract(&html, None, None).unwrap();
    assert!(p.text.contains("The café owner said “no”."), "{}", p.text);
}

#[test]
fn shift_jis_page_from_the_http_header() {
    let html = format!(
        "<html><head><title>日本の港</title></head><body><article><p>{}</p></article></body></html>",
        "港の新しいフェリーは来月から運航を始めると市長が述べた。".repeat(8)
    );
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&html);
    let p = extract(&bytes, Some("text/html; charset=Shift_JIS"), None).unwrap();
    assert_eq!(p.title, "日本の港");
    assert!(p.text.contains("港の新しいフェリー"), "{}", p.text);
}

#[test]
fn undecodable_bytes_do_not_panic() {
    let mut html = page("<title>T</title>", &body(4)).into_bytes();
    html.extend_from_slice(b"<p>\xff\xfe\xc3\x28 \xe2\x82</p>");
    assert!(extract(&html, Some("text/html; charset=utf-8"), None).is_ok());
}

#[test]
fn deep_nesting_finishes() {
    let depth = 10_000;
    let html = format!(
        "<html><body>{}{}{}</body></html>",
        "<div>".repeat(depth),
        body(4),
        "</div>".repeat(depth)
    );
    let p = extract(html.as_bytes(), None, None).unwrap();
    assert!(p.text.contains("Paragraph 3"), "{}", p.text);
}

#[test]
fn many_empty_divs_finish() {
    let html = format!(
        "<html><body><article>{}</article>{}</body></html>",
        body(4),
        "<div></div>".repeat(100_000)
    );
    let p = extract(html.as_bytes(), None, None).unwrap();
    assert!(p.text.contains("Paragraph 3"));
}

/// `cargo test --release -- --ignored huge`: the sizes the issue names.
#[test]
#[ignore = "big inputs: run in release"]
fn huge_pages_finish() {
    let start = std::time::Instant::now();
    let html = format!(
        "<html><body><article>{}</article>{}</body></html>",
        body(4),
        "<div></div>".repeat(1_000_000)
    );
    assert!(extract(html.as_bytes(), None, None).is_ok());
    eprintln!("a million empty divs: {:?}", start.elapsed());
    let start = std::time::Instant::now();
    let html = format!(
        "<html><body><article>{}</article></body></html>",
        body(100_000)
    );
    assert!(html.len() > 20_000_000);
    assert!(extract(html.as_bytes(), None, None).is_ok());
    eprintln!(
        "a {} MB page: {:?}",
        html.len() / 1_000_000,
        start.elapsed()
    );
    let start = std::time::Instant::now();
    let html = format!("{}{}", "<div>".repeat(1_000_000), body(4));
    assert!(extract(html.as_bytes(), None, None).is_ok());
    eprintln!("a million unclosed divs: {:?}", start.elapsed());
}
