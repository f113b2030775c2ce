//! End-to-end: `tidings feed add|list|remove|import|export` against pages and feeds served on
//! 127.0.0.1 by a server started here.

#[path = "common/feeds_env.rs"]
mod feeds_env;
#[path = "common/http.rs"]
mod http;

use std::fs;

use feeds_env::Env;
use http::{Reply, Request, Server};

const RSS2: &[u8] = include_bytes!("fixtures/feeds/rss2.xml");
const ATOM: &[u8] = include_bytes!("fixtures/feeds/atom.xml");
const PAGE: &[u8] = include_bytes!("fixtures/feeds/page.html");

fn server() -> Server {
    Server::start(|req: &Request| match req.path.as_str() {
        "/rss2.xml" => Reply::ok("application/rss+xml", RSS2),
        "/atom.xml" => Reply::ok("application/atom+xml", ATOM),
        "/" => Reply::ok("text/html; charset=utf-8", PAGE),
        "/bare" => Reply::ok(
            "text/html",
            "<html><head></head><body>no feed</body></html>",
        ),
        _ => Reply::status(404),
    })
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn add_finds_the_feed_of_a_page_and_list_and_remove_follow() {
    let server = server();
    let env = Env::new();
    let out = env
        .cmd()
        .args(["feed", "add", &server.url("/")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("subscribed to The Harbour Ledger"), "{said}");
    assert!(said.contains(&server.url("/rss2.xml")), "{said}");
    let out = env
        .cmd()
        .args([
            "feed",
            "add",
            &server.url("/atom.xml"),
            "--name",
            "Sci",
            "--section",
            "Science",
            "--full-text",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let toml = fs::read_to_string(env.home.path().join("config/feeds.toml")).unwrap();
    assert!(
        toml.contains("name = \"Sci\"") && toml.contains("full_text = true"),
        "{toml}"
    );
    // The same feed twice is refused, by its page or by its url.
    for again in [server.url("/"), server.url("/rss2.xml")] {
        let out = env.cmd().args(["feed", "add", &again]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(text(&out).contains("already subscribed"), "{}", text(&out));
    }
    let out = env.cmd().args(["feed", "list", "--json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["name"], "The Harbour Ledger");
    assert_eq!(rows[1]["section"], "Science");
    assert_eq!(rows[1]["full_text"], true);
    assert!(rows[0]["last_fetch"].is_null());
    // Fetch, then the list shows the time, status and item count. The Atom items link to
    // pages elsewhere: a proxy that refuses keeps the test off the internet, and full text
    // falls back to the summary with the reason.
    let out = env
        .cmd()
        .arg("fetch")
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("saved as the feed's summary"),
        "{}",
        text(&out)
    );
    let out = env.cmd().args(["feed", "list"]).output().unwrap();
    let listed = text(&out);
    assert!(
        listed.contains("Sci") && listed.contains("2 items") && listed.contains("fetched "),
        "{listed}"
    );
    // A feed given no name goes by the title `feed list` shows, in any case.
    let out = env
        .cmd()
        .args(["fetch", "the harbour ledger"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("from 1 feed;"), "{}", text(&out));
    let out = env.cmd().args(["feed", "remove", "sci"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let out = env.cmd().args(["feed", "remove", "sci"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = env
        .cmd()
        .args(["feed", "remove", "The Harbour Ledger"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let out = env.cmd().args(["feed", "list", "--json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rows.as_array().unwrap().is_empty(), "{rows}");
}

#[test]
fn add_refuses_bad_urls_pages_without_feeds_and_errors() {
    let server = server();
    let env = Env::new();
    for (url, want) in [
        ("ftp://example.org/feed".to_owned(), "only http and https"),
        ("file:///etc/passwd".to_owned(), "only http and https"),
        (server.url("/bare"), "announces no feed"),
        (server.url("/gone"), "HTTP 404"),
    ] {
        let out = env.cmd().args(["feed", "add", &url]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{url}");
        assert!(text(&out).contains(want), "{url}: {}", text(&out));
    }
    assert!(!env.home.path().join("config/feeds.toml").exists());
}

#[test]
fn opml_from_newsboat_and_back() {
    let env = Env::new();
    let opml = env.home.path().join("feeds.opml");
    fs::write(
        &opml,
        r#"<?xml version="1.0"?>
<opml version="1.0">
  <head><title>newsboat - Exported feeds</title></head>
  <body>
    <outline type="rss" xmlUrl="https://a.example/rss" htmlUrl="https://a.example/" title="Alpha"/>
    <outline title="News">
      <outline title="World">
        <outline type="rss" xmlUrl="https://b.example/atom" title="Bravo"/>
      </outline>
      <outline type="rss" xmlUrl="https://c.example/feed" title="Charlie"/>
    </outline>
    <outline type="rss" xmlUrl="gopher://d.example/" title="Delta"/>
  </body>
</opml>"#,
    )
    .unwrap();
    let out = env
        .cmd()
        .args(["feed", "import"])
        .arg(&opml)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("imported 3 feeds"), "{}", text(&out));
    assert!(text(&out).contains("skipped a feed"), "{}", text(&out));
    // Importing again adds nothing.
    let out = env
        .cmd()
        .args(["feed", "import"])
        .arg(&opml)
        .output()
        .unwrap();
    assert!(text(&out).contains("imported 0 feeds"), "{}", text(&out));
    let out = env.cmd().args(["feed", "list", "--json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sections: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["section"].clone())
        .collect();
    assert_eq!(
        sections,
        [serde_json::Value::Null, "News/World".into(), "News".into()]
    );
    let out = env.cmd().args(["feed", "export"]).output().unwrap();
    let exported = String::from_utf8(out.stdout).unwrap();
    assert!(exported.contains("<opml version=\"2.0\">"), "{exported}");
    assert!(
        exported.contains("xmlUrl=\"https://b.example/atom\""),
        "{exported}"
    );
    // The export imports into a fresh home with the same feeds and sections.
    let other = Env::new();
    let file = other.home.path().join("back.opml");
    fs::write(&file, &exported).unwrap();
    let out = other
        .cmd()
        .args(["feed", "import"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(text(&out).contains("imported 3 feeds"), "{}", text(&out));
    let out = other
        .cmd()
        .args(["feed", "list", "--json"])
        .output()
        .unwrap();
    let back: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let key = |v: &serde_json::Value| {
        let mut k: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|r| format!("{} {}", r["url"], r["section"]))
            .collect();
        k.sort();
        k
    };
    assert_eq!(key(&back), key(&rows));
    // A file that is not OPML is an error naming it.
    let out = env
        .cmd()
        .args(["feed", "import", "missing.opml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("missing.opml"), "{}", text(&out));
}

#[test]
fn a_bad_feeds_file_is_an_error_naming_it() {
    let env = Env::new();
    let dir = env.home.path().join("config");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("feeds.toml"),
        "[[feed]]\nurl = \"https://x.example/\"\nfulltext = true\n",
    )
    .unwrap();
    for args in [&["fetch"][..], &["feed", "list"]] {
        let out = env.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let said = text(&out);
        assert!(
            said.contains("feeds.toml") && said.contains("fulltext"),
            "{said}"
        );
    }
}
