//! Issue 14: `tidings bookmarks --markdown` cites a quotation bookmark with its speaker, and
//! every bookmark with the article's title and url, never an absolute local path.

use std::path::Path;
use std::process::Command;

use tidings::bookmarks::{Bookmark, BookmarkFile};

const ARTICLE: &str = "+++\ntitle = \"Ferry back on winter hours\"\nurl = \"https://ledger.example/ferry\"\n+++\n\n\
The timetable changes on Monday.\n\n\
\u{201c}The last boat leaves at six,\u{201d} said Finance Minister Ana Ruiz.\n";

const PLAIN: &str = "+++\ntitle = \"Tram works\"\n+++\n\nThe tram stops at the bridge until May.\n";

fn title_of(text: &str) -> &str {
    let line = text.lines().find(|l| l.starts_with("title = ")).unwrap();
    line.trim_start_matches("title = ").trim_matches('"')
}

fn mark(path: &Path, text: &str, passage: &str) -> Bookmark {
    let start = text.find(passage).unwrap();
    Bookmark::from_selection(
        path,
        title_of(text),
        text,
        start..start + passage.len(),
        "",
        "2026-01-01T09:00:00Z".parse().unwrap(),
    )
    .unwrap()
}

#[test]
fn markdown_cites_speaker_title_and_url_not_the_local_path() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    std::fs::create_dir_all(root.join("local")).unwrap();
    let ferry = root.join("local/ferry.md");
    let tram = root.join("tram.md");
    std::fs::write(&ferry, ARTICLE).unwrap();
    std::fs::write(&tram, PLAIN).unwrap();
    let data = dir.path().join("data");
    let file = BookmarkFile::new(&data).relative_to(&root);
    file.add(mark(&ferry, ARTICLE, "The last boat leaves at six,"))
        .unwrap();
    file.add(mark(
        &tram,
        PLAIN,
        "The tram stops at the bridge until May.",
    ))
    .unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["bookmarks", "--markdown", "--articles"])
        .arg(&root)
        .env("TIDINGS_DATA", &data)
        .env("TIDINGS_CACHE", dir.path().join("cache"))
        .env("TIDINGS_CONFIG_DIR", dir.path().join("config"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("Ana Ruiz")
            && md.contains("*Ferry back on winter hours*, <https://ledger.example/ferry>"),
        "{md}"
    );
    assert!(md.contains("— *Tram works*, `tram.md`"), "{md}");
    let local = dir.path().to_string_lossy().into_owned();
    assert!(!md.contains(&local), "an absolute local path: {md}");
}
