//! End-to-end: `tidings extract` and `tidings add` on pages served from 127.0.0.1 by the
//! test (and from files), isolated from the user's folders. No test touches the internet.

#[path = "common/http.rs"]
mod http;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use http::{Reply, Server};
use predicates::prelude::*;

/// A news page in Windows-1252 (declared only in the HTTP header), with metadata, clutter
/// and a hostile escape sequence in its title.
fn story_page() -> Vec<u8> {
    let mut html = b"<!doctype html><html><head><title>Ferry fares \x96 the vote\x1b[2J | Harbour Times</title>\
        <meta property=\"og:site_name\" content=\"Harbour Times\">\
        <meta name=\"author\" content=\"Mara Lind\">\
        <meta property=\"article:published_time\" content=\"2026-03-04T09:30:00Z\">\
        <link rel=\"canonical\" href=\"/news/ferry-fares\"></head><body>\
        <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>\
        <h1>Ferry fares \x96 the vote</h1>\
        <p>The caf\xe9 owners on the pier said \x93no\x94 to the new fares on Tuesday.</p>"
        .to_vec();
    for i in 0..5 {
        html.extend_from_slice(
            format!(
                "<p>Paragraph {i}: the council voted on the ferry budget after a long debate, \
                 and the minister said the plan would go ahead next winter.</p>"
            )
            .as_bytes(),
        );
    }
    html.extend_from_slice(
        b"<p>READ MORE: Tram works delayed again</p><p>Story continues below advertisement</p>\
          <p>The last paragraph of the story.</p></article>\
          <footer><a href=\"/about\">About us</a></footer></body></html>",
    );
    html
}

fn login_page() -> &'static str {
    "<html><head><title>Sign in</title></head><body><form><p>Please sign in.</p>\
     <input name=user><button>Sign in</button></form></body></html>"
}

fn serve() -> Server {
    Server::start(|req| match req.path.as_str() {
        "/news/story" => Reply::ok("text/html; charset=windows-1252", story_page()),
        "/old" => Reply::redirect(301, "/news/story"),
        "/login" => Reply::ok("text/html", login_page()),
        "/plain" => Reply::ok(
            "text/html",
            String::from_utf8_lossy(&story_page()).replace(
                "<meta property=\"og:site_name\" content=\"Harbour Times\">",
                "",
            ),
        ),
        _ => Reply::status(404),
    })
}

struct Env {
    home: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Self {
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn articles(&self) -> PathBuf {
        self.home.path().join("articles")
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("tidings").unwrap();
        let h = self.home.path();
        cmd.env("TIDINGS_DATA", h.join("data"))
            .env("TIDINGS_CACHE", h.join("cache"))
            .env("TIDINGS_CONFIG_DIR", h.join("config"))
            .env_remove("TIDINGS_ARTICLES")
            .env_remove("TIDINGS_CONFIG")
            .env("NO_PROXY", "*")
            .env("no_proxy", "*")
            .current_dir(h);
        for var in [
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "http_proxy",
            "https_proxy",
            "all_proxy",
        ] {
            cmd.env_remove(var);
        }
        cmd
    }
}

impl Env {
    /// `tidings add URL --section SECTION` into the articles folder; it must succeed.
    fn add(&self, url: &str, section: &str) -> std::process::Output {
        let out = self
            .cmd()
            .args(["--articles", self.articles().to_str().unwrap()])
            .args(["add", url, "--section", section])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }
}

fn files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(root) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn extract_prints_title_blank_line_and_paragraphs() {
    let server = serve();
    let env = Env::new();
    let out = env
        .cmd()
        .args(["extract", &server.url("/old")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let title = lines.next().unwrap();
    assert!(title.starts_with("Ferry fares – the vote"), "{title:?}");
    assert!(!title.contains("Harbour Times"), "{title:?}");
    assert_eq!(lines.next(), Some(""));
    assert!(
        !text.contains('\u{1b}'),
        "escape reached the terminal: {text:?}"
    );
    assert!(
        text.contains("The café owners on the pier said “no” to the new fares"),
        "{text}"
    );
    assert!(
        text.contains("\n\nParagraph 4: the council voted"),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("The last paragraph of the story."),
        "{text}"
    );
    assert!(
        !text.contains("READ MORE") && !text.contains("advertisement"),
        "{text}"
    );
    assert!(
        !text.contains("About us") && !text.contains("World"),
        "{text}"
    );
}

#[test]
fn extract_reads_a_saved_file_and_names_bad_ones() {
    let env = Env::new();
    let file = env.home.path().join("saved page.html");
    fs::write(&file, story_page()).unwrap();
    env.cmd()
        .args(["extract", file.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Paragraph 2: the council"));
    let login = env.home.path().join("login.html");
    fs::write(&login, login_page()).unwrap();
    env.cmd()
        .args(["extract", login.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains("login.html").and(predicate::str::contains("no article")));
    env.cmd()
        .args(["extract", "missing.html"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("missing.html"));
}

#[test]
fn add_saves_the_article_with_its_metadata() {
    let server = serve();
    let env = Env::new();
    let articles = env.articles();
    let out = env.add(&server.url("/news/story"), "harbour");
    let saved = files(&articles);
    assert_eq!(saved.len(), 1, "{saved:?}");
    let path = &saved[0];
    assert!(
        path.starts_with(articles.join("harbour")),
        "{}",
        path.display()
    );
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("2026-03-04-ferry-fares"), "{name}");
    assert!(String::from_utf8_lossy(&out.stdout).contains(name));
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains("source = \"Harbour Times\""), "{text}");
    assert!(
        text.contains(&format!("url = \"{}\"", server.url("/news/ferry-fares"))),
        "{text}"
    );
    assert!(text.contains("authors = [\"Mara Lind\"]"), "{text}");
    assert!(
        text.contains("published = \"2026-03-04T09:30:00Z\""),
        "{text}"
    );
    assert!(
        text.contains("The café owners on the pier said “no”"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "{text:?}");
    // A page without a site name has its host as the source.
    env.add(&server.url("/plain"), "plain");
    let plain = files(&articles.join("plain"));
    let text = fs::read_to_string(&plain[0]).unwrap();
    assert!(text.contains("source = \"127.0.0.1\""), "{text}");
    // The saved file is a valid article for the store.
    env.cmd()
        .args(["--articles", articles.to_str().unwrap(), "check"])
        .assert()
        .success();
}

#[test]
fn add_saves_nothing_for_a_page_without_an_article() {
    let server = serve();
    let env = Env::new();
    let articles = env.articles();
    for path in ["/login", "/gone"] {
        let url = server.url(path);
        env.cmd()
            .args(["--articles", articles.to_str().unwrap(), "add", &url])
            .assert()
            .failure()
            .stderr(predicate::str::contains(url.as_str()));
    }
    assert!(files(&articles).is_empty());
}
