//! `tidings bookmarks` end to end, with TIDINGS_DATA in a temp dir.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use tidings::bookmarks::{Bookmark, BookmarkFile};

fn tidings(data: &Path, cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .env("TIDINGS_DATA", data)
        .env("TIDINGS_CACHE", cache)
        .env_remove("TIDINGS_ARTICLES")
        .output()
        .unwrap()
}

fn mark(path: &Path, text: &str, passage: &str, note: &str, when: &str) -> Bookmark {
    let start = text.find(passage).unwrap();
    Bookmark::from_selection(
        path,
        "Night trains return",
        text,
        start..start + passage.len(),
        note,
        when.parse().unwrap(),
    )
    .unwrap()
}

const ARTICLE: &str = "---\ntitle: Night trains return\n---\n\
The sleeper service to the coast restarts in June.\n\n\
“People missed waking up by the sea,” the operator’s spokeswoman said.\n\n\
Tickets go on sale next week.\n";

#[test]
fn json_reports_each_bookmark_with_its_anchor_now() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, cache) = (tmp.path().join("data"), tmp.path().join("cache"));
    let article = tmp.path().join("trains.md");
    fs::write(&article, ARTICLE).unwrap();
    let file = BookmarkFile::new(&data);
    let exact = mark(
        &article,
        ARTICLE,
        "Tickets go on sale next week.",
        "check prices",
        "2026-01-01T09:00:00Z",
    );
    let edited = mark(
        &article,
        ARTICLE,
        "The sleeper service to the coast restarts in June.",
        "",
        "2026-01-02T09:00:00Z",
    );
    let gone = mark(
        &article,
        ARTICLE,
        "“People missed waking up by the sea,”",
        "quote",
        "2026-01-03T09:00:00Z",
    );
    let missing = mark(
        &tmp.path().join("deleted.md"),
        ARTICLE,
        "Tickets",
        "",
        "2026-01-04T09:00:00Z",
    );
    for b in [&exact, &edited, &gone, &missing] {
        file.add(b.clone()).unwrap();
    }
    // The article changes: the first paragraph is reworded, the quotation is cut.
    let changed = ARTICLE
        .replace("restarts in June", "restarts in early July")
        .replace(
            "“People missed waking up by the sea,” the operator’s spokeswoman said.\n\n",
            "",
        );
    fs::write(&article, &changed).unwrap();

    let out = tidings(&data, &cache, &["bookmarks", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = json.as_array().unwrap();
    let statuses: Vec<&str> = items
        .iter()
        .map(|i| i["anchor"]["status"].as_str().unwrap())
        .collect();
    // Newest first.
    assert_eq!(statuses, ["missing", "orphaned", "fuzzy", "moved"]);
    assert_eq!(items[3]["id"], exact.id.as_str());
    assert_eq!(items[3]["note"], "check prices");
    assert_eq!(items[3]["passage"], "Tickets go on sale next week.");
    let start = items[3]["anchor"]["start"].as_u64().unwrap() as usize;
    assert_eq!(&changed[start..start + exact.passage.len()], exact.passage);
    let score = items[2]["anchor"]["score"].as_f64().unwrap();
    assert!(score > 0.6 && score < 1.0, "{score}");
    assert!(items[1]["anchor"].get("start").is_none());
}

#[test]
fn markdown_and_the_human_list() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, cache) = (tmp.path().join("data"), tmp.path().join("cache"));
    let article = tmp.path().join("trains.md");
    fs::write(&article, ARTICLE).unwrap();
    let file = BookmarkFile::new(&data);
    file.add(mark(
        &article,
        ARTICLE,
        "Tickets go on sale next week.",
        "Ask about bikes.",
        "2026-01-01T09:00:00Z",
    ))
    .unwrap();
    file.add(mark(
        &article,
        ARTICLE,
        "The sleeper service to the coast restarts in June.",
        "",
        "2026-02-01T09:00:00Z",
    ))
    .unwrap();

    let out = tidings(&data, &cache, &["bookmarks", "--markdown"]);
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    let shown = article.display();
    assert_eq!(
        md,
        format!(
            "> The sleeper service to the coast restarts in June.\n\n— *Night trains return*, `{shown}`\n\n\
             > Tickets go on sale next week.\n\nAsk about bikes.\n\n— *Night trains return*, `{shown}`\n"
        )
    );

    let out = tidings(&data, &cache, &["bookmarks"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.find("2026-02-01").unwrap();
    let second = text.find("2026-01-01").unwrap();
    assert!(first < second, "{text}");
    assert!(text.contains("note: Ask about bikes."), "{text}");
    assert!(!text.contains("not found"), "{text}");

    let both = tidings(&data, &cache, &["bookmarks", "--json", "--markdown"]);
    assert!(!both.status.success());
}

#[test]
fn a_corrupt_file_is_reported_and_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    fs::write(data.join("bookmarks.toml"), "[[bookmark]\nbroken").unwrap();
    let out = tidings(&data, &tmp.path().join("cache"), &["bookmarks", "--json"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning") && err.contains("corrupt-"), "{err}");
    let kept: Vec<_> = fs::read_dir(&data)
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    assert!(kept.iter().any(|e| {
        e.file_name()
            .to_string_lossy()
            .starts_with("bookmarks.toml.corrupt-")
            && fs::read(e.path()).unwrap() == b"[[bookmark]\nbroken"
    }));
}

#[test]
fn no_bookmarks_yet() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tidings(&tmp.path().join("d"), &tmp.path().join("c"), &["bookmarks"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "No bookmarks yet.\n");
}
