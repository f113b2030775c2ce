//! End-to-end: `tidings fetch` against feeds served on 127.0.0.1 by a server started here.
//! What a user sees: the files and their front matter, no duplicates on a second fetch,
//! per-feed errors with the other feeds saved, no partial file, the exit code.

#[path = "common/feeds_env.rs"]
mod feeds_env;
#[path = "common/http.rs"]
mod http;

use std::fs;
use std::sync::{Arc, Mutex};

use feeds_env::Env;
use http::{Reply, Request, Server};

const RSS2: &[u8] = include_bytes!("fixtures/feeds/rss2.xml");
const ATOM: &[u8] = include_bytes!("fixtures/feeds/atom.xml");
const RDF: &[u8] = include_bytes!("fixtures/feeds/rdf.xml");
const JSON: &[u8] = include_bytes!("fixtures/feeds/feed.json");
const HOSTILE: &[u8] = include_bytes!("fixtures/feeds/hostile.xml");
const MALFORMED: &[u8] = include_bytes!("fixtures/feeds/malformed.xml");

fn run(env: &Env) -> (i32, String, String) {
    let out = env.cmd().arg("fetch").output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A server for the good fixtures, with ETag validation on each.
fn good_server() -> Server {
    Server::start(|req: &Request| {
        let (body, tag) = match req.path.as_str() {
            "/rss2.xml" => (RSS2, "\"r\""),
            "/atom.xml" => (ATOM, "\"a\""),
            "/rdf.xml" => (RDF, "\"d\""),
            "/feed.json" => (JSON, "\"j\""),
            _ => return Reply::status(404),
        };
        Reply::cached(req, "application/xml", body, tag)
    })
}

#[test]
fn every_format_is_saved_once_with_its_front_matter() {
    let server = good_server();
    let env = Env::new();
    let feeds: Vec<(&str, String)> = ["rss2.xml", "atom.xml", "rdf.xml", "feed.json"]
        .iter()
        .map(|p| (*p, server.url(&format!("/{p}"))))
        .collect();
    env.subscribe("", &feeds);
    let (code, stdout, stderr) = run(&env);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.starts_with("8 new, 0 updated, 0 unchanged from 4 feeds; 0 failed"),
        "{stdout}"
    );
    let files = env.files();
    assert_eq!(files.len(), 8, "{files:?}");
    let port = env.read("rss2.xml/2026-10-24-port-strike-ends-after-overnight-deal.md");
    for line in [
        "title = \"Port strike ends after overnight deal\"",
        "source = \"rss2.xml\"",
        "authors = [\"Marta Quillan\"]",
        "published = \"2026-10-24T08:30:00Z\"",
        "tags = [\"labour\"]",
        "guid = \"ledger-4411\"",
    ] {
        assert!(port.contains(line), "{line} missing in:\n{port}");
    }
    assert!(port.contains(&format!("feed = \"{}\"", server.url("/rss2.xml"))));
    // A relative link is resolved against the feed's own url.
    let link = server.url("/2026/10/24/port-deal");
    assert!(port.contains(&format!("url = \"{link}\"")), "{port}");
    assert!(port.contains("- More pay") && !port.contains("<p>") && !port.contains("alert"));
    assert!(
        env.read("atom.xml/2026-11-01-comet-seen-at-dusk.md")
            .contains("The comet was visible at dusk.")
    );
    assert!(
        env.read("rdf.xml/2026-09-01-council-votes-on-budget.md")
            .contains("voted 7 to 2")
    );
    assert!(
        env.read("feed.json/2026-08-01-first-json-story.md")
            .contains("Hello JSON.")
    );
    // The files are articles the store reads without a warning.
    let list = env.cmd().args(["list", "--json"]).output().unwrap();
    assert!(list.status.success());
    assert!(
        String::from_utf8_lossy(&list.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );

    // Again: conditional GETs, 304s, nothing new, no duplicate.
    let before = server.requests().len();
    let (code, stdout, _) = run(&env);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("0 new, 0 updated, 8 unchanged"),
        "{stdout}"
    );
    assert_eq!(env.files(), files);
    let again = &server.requests()[before..];
    assert_eq!(again.len(), 4);
    assert!(again.iter().all(|r| r.header("If-None-Match").is_some()));
}

#[test]
fn changed_items_are_rewritten_and_deleted_ones_stay_deleted() {
    let version = Arc::new(Mutex::new(1));
    let v = Arc::clone(&version);
    let server = Server::start(move |_| {
        let n = *v.lock().unwrap();
        let body = String::from_utf8_lossy(RSS2).replace(
            "<description>Rain later.</description>",
            &format!("<description>Rain later, version {n}.</description>"),
        );
        Reply::ok("application/rss+xml", body)
    });
    let env = Env::new();
    env.subscribe("", &[("Ledger", server.url("/f"))]);
    assert_eq!(run(&env).0, 0);
    let weather = "Ledger/2026-10-22-weather-note.md";
    assert!(env.read(weather).contains("version 1"));
    fs::remove_file(env.articles().join("Ledger/2026-10-23-tram-line-opens.md")).unwrap();
    *version.lock().unwrap() = 2;
    let (code, stdout, _) = run(&env);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("0 new, 1 updated, 1 unchanged from 1 feed; 0 failed"),
        "{stdout}"
    );
    assert!(env.read(weather).contains("version 2"));
    assert_eq!(
        env.files().len(),
        2,
        "the deleted article came back: {:?}",
        env.files()
    );
}

#[test]
fn failures_are_named_per_feed_and_the_others_are_saved() {
    let big = vec![b' '; 100_000];
    let server = Server::start(move |req: &Request| match req.path.as_str() {
        "/ok.xml" => Reply::ok("application/rss+xml", RSS2),
        "/gzip.xml" => Reply::gzip("application/atom+xml", ATOM),
        "/r1" => Reply::redirect(301, "/r2"),
        "/r2" => Reply::redirect(302, "/rdf.xml"),
        "/rdf.xml" => Reply::ok("application/rdf+xml", RDF),
        "/loop" => Reply::redirect(302, "/loop"),
        "/broken" => Reply::status(500),
        "/hang" => Reply::hang(),
        "/big" => Reply::ok("application/rss+xml", big.clone()),
        "/malformed" => Reply::ok("application/rss+xml", MALFORMED),
        "/page" => Reply::ok("text/html", "<html><body><p>Hello</p></body></html>"),
        _ => Reply::status(404),
    });
    let env = Env::new();
    let names = [
        ("Good", "/ok.xml"),
        ("Zipped", "/gzip.xml"),
        ("Moved", "/r1"),
        ("Loop", "/loop"),
        ("Missing", "/missing"),
        ("Broken", "/broken"),
        ("Silent", "/hang"),
        ("Huge", "/big"),
        ("Bad XML", "/malformed"),
        ("A page", "/page"),
    ];
    let feeds: Vec<(&str, String)> = names.iter().map(|(n, p)| (*n, server.url(p))).collect();
    env.subscribe("[fetch]\ntimeout = 1\nmax_bytes = 65536\n", &feeds);
    let started = std::time::Instant::now();
    let (code, stdout, stderr) = run(&env);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.starts_with("6 new, 0 updated, 0 unchanged from 10 feeds; 7 failed"),
        "{stdout}"
    );
    for (name, reason) in [
        ("Loop", "redirect loop"),
        ("Missing", "HTTP 404"),
        ("Broken", "HTTP 500"),
        ("Silent", "timed out"),
        ("Huge", "too large"),
        ("Bad XML", "malformed feed"),
        ("A page", "not a feed (text/html)"),
    ] {
        let line = stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} (")))
            .unwrap_or_else(|| panic!("{name} not reported:\n{stdout}"));
        assert!(line.contains(reason), "{line}");
    }
    // The good ones are saved; no temp or partial file anywhere.
    let files = env.files();
    assert_eq!(files.len(), 6, "{files:?}");
    assert!(
        files
            .iter()
            .all(|f| f.extension().is_some_and(|e| e == "md")),
        "{files:?}"
    );
    assert!(files.iter().any(|f| f.starts_with("Zipped")));
    assert!(files.iter().any(|f| f.starts_with("Moved")));
    // feed list shows each feed's status and error.
    let list = env.cmd().args(["feed", "list", "--json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let missing = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Missing")
        .unwrap();
    assert_eq!(missing["status"], "error");
    assert_eq!(missing["error_kind"], "http-4xx");
    let good = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Good")
        .unwrap();
    assert_eq!(good["status"], "ok");
    assert_eq!(good["items"], 3);
}

#[test]
fn hostile_feeds_stay_inside_and_print_no_escapes() {
    let server = Server::start(|_| Reply::ok("application/rss+xml", HOSTILE));
    let env = Env::new();
    let dir = env.home.path().join("config");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("feeds.toml"),
        format!(
            "[[feed]]\nurl = \"{}\"\nsection = \"../../escape\"\n",
            server.url("/evil")
        ),
    )
    .unwrap();
    let (code, stdout, stderr) = run(&env);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let files = env.files();
    assert_eq!(files.len(), 4, "{files:?}");
    assert!(files.iter().all(|f| f.starts_with("escape")), "{files:?}");
    assert!(!env.home.path().join("escape").exists());
    for out in [&stdout, &stderr] {
        assert!(
            !out.chars()
                .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{202e}'),
            "{out:?}"
        );
    }
    let list = env.cmd().args(["feed", "list"]).output().unwrap();
    assert!(
        !list.stdout.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&list.stdout)
    );
    for f in files {
        let text = fs::read_to_string(env.articles().join(&f)).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains("document.write"),
            "{text}"
        );
    }
}

#[test]
fn only_the_named_feeds_are_fetched_and_an_unknown_name_is_an_error() {
    let server = good_server();
    let env = Env::new();
    env.subscribe(
        "",
        &[
            ("One", server.url("/rss2.xml")),
            ("Two", server.url("/atom.xml")),
        ],
    );
    let out = env.cmd().args(["fetch", "two"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(server.requests().len(), 1);
    assert_eq!(server.requests()[0].path, "/atom.xml");
    let out = env.cmd().args(["fetch", "Three"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no feed named or at \"Three\""));
}

#[test]
fn the_proxy_from_the_environment_is_used() {
    // The test server stands in for the proxy: the request reaches it whatever the host.
    let proxy = Server::start(|req: &Request| {
        if req.path.starts_with("http://feed.example") {
            Reply::ok("application/rss+xml", RSS2)
        } else {
            Reply::status(502)
        }
    });
    let env = Env::new();
    env.subscribe("", &[("Far", "http://feed.example/rss.xml".to_owned())]);
    let out = env
        .cmd()
        .arg("fetch")
        .env_remove("NO_PROXY")
        .env("HTTP_PROXY", proxy.url(""))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.starts_with("3 new"), "{said}");
    let seen = proxy.requests();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].path.starts_with("http://feed.example"), "{seen:?}");
}

#[test]
fn full_text_saves_the_linked_page_or_the_summary_with_the_reason() {
    let sentence = "The harbour council voted on Tuesday to rebuild the old pier with money from the port fund, and work will start in the spring after the storms have passed.";
    let page = format!(
        "<html><head><title>Pier to be rebuilt</title><meta name=\"author\" content=\"Ana Ruiz\"></head>\
         <body><nav>Home | News</nav><article><h1>Pier to be rebuilt</h1><p>{sentence}</p><p>{sentence}</p><p>{sentence}</p></article></body></html>"
    );
    let feed = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>Pier to be rebuilt</title><link>/pier</link><guid>p1</guid><description>Short summary of the pier.</description></item>
<item><title>Gone story</title><link>/gone</link><guid>p2</guid><description>Summary of the gone story.</description></item>
<item><title>Login wall</title><link>/login</link><guid>p3</guid><description>Summary behind a wall.</description></item>
</channel></rss>"#;
    let server = Server::start(move |req: &Request| match req.path.as_str() {
        "/feed" => Reply::ok("application/rss+xml", feed),
        "/pier" => Reply::ok("text/html; charset=utf-8", page.clone()),
        "/login" => Reply::ok(
            "text/html",
            "<html><body><form>Sign in</form></body></html>",
        ),
        _ => Reply::status(404),
    });
    let env = Env::new();
    let dir = env.home.path().join("config");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("feeds.toml"),
        format!(
            "[[feed]]\nurl = \"{}\"\nsection = \"local\"\nfull_text = true\n",
            server.url("/feed")
        ),
    )
    .unwrap();
    let (code, stdout, stderr) = run(&env);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("2 articles saved as the feed's summary"),
        "{stdout}"
    );
    assert!(stdout.contains("HTTP 404"), "{stdout}");
    assert!(stdout.contains("no article found"), "{stdout}");
    let pier = fs::read_to_string(
        env.articles()
            .join("local")
            .read_dir()
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().contains("pier"))
            .unwrap(),
    )
    .unwrap();
    assert!(pier.contains("voted on Tuesday to rebuild"), "{pier}");
    assert!(!pier.contains("Short summary"), "{pier}");
    let gone = fs::read_dir(env.articles().join("local"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("gone"))
        .unwrap();
    assert!(
        fs::read_to_string(gone)
            .unwrap()
            .contains("Summary of the gone story.")
    );
    // Unchanged items are not fetched again, nor their pages.
    let before = server.requests().len();
    let (code, stdout, _) = run(&env);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("0 new, 0 updated, 3 unchanged"),
        "{stdout}"
    );
    assert_eq!(server.requests().len(), before + 1);
}
