use std::fs;

use super::*;

fn article(title: &str) -> NewArticle {
    NewArticle {
        title: title.to_owned(),
        source: Some("The Ledger".to_owned()),
        url: Some("https://example.org/a".to_owned()),
        authors: vec!["Ana Ruiz".to_owned()],
        published: Some("2026-10-24T08:00:00Z".to_owned()),
        tags: vec!["port".to_owned()],
        feed: Some("https://example.org/feed.xml".to_owned()),
        guid: Some("urn:1".to_owned()),
        body: "First paragraph.\n\nSecond paragraph.".to_owned(),
    }
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_owned())
        .collect();
    out.sort();
    out
}

#[test]
fn a_saved_article_parses_back_with_its_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_new(dir.path(), "World", &article("Port strike ends")).unwrap();
    assert_eq!(
        path,
        dir.path().join("World/2026-10-24-port-strike-ends.md")
    );
    let parsed = crate::article::load(&path).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parsed.meta.title, "Port strike ends");
    assert_eq!(parsed.meta.source.as_deref(), Some("The Ledger"));
    assert_eq!(parsed.meta.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(parsed.meta.authors, ["Ana Ruiz"]);
    assert_eq!(
        parsed.meta.published.as_deref(),
        Some("2026-10-24T08:00:00Z")
    );
    assert_eq!(parsed.meta.tags, ["port"]);
    assert_eq!(parsed.paragraphs.len(), 2);
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("feed = \"https://example.org/feed.xml\""),
        "{text}"
    );
    assert!(text.contains("guid = \"urn:1\""), "{text}");
}

#[test]
fn hostile_titles_never_escape_or_break_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let long = "é".repeat(2000);
    let titles = [
        "../../etc/passwd",
        "/etc/passwd",
        "\u{1b}[2J\u{7}\r\n\t\u{0}",
        &long,
        "",
        "CON",
        "..",
        "a/b\\c:d*e?f\"g<h>i|j",
        "\u{202e}evil\u{2066}",
    ];
    for t in titles {
        let path = save_new(&root, "", &article(t)).unwrap();
        assert_eq!(path.parent().unwrap(), root, "{t:?} -> {path:?}");
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.len() <= 11 + MAX_SLUG_BYTES + 10, "{name}");
        assert!(
            name.starts_with("2026-10-24-")
                && Path::new(name).extension().is_some_and(|e| e == "md"),
            "{name}"
        );
        assert!(
            !name
                .chars()
                .any(|c| c.is_control() || crate::sanitize::is_unsafe(c))
        );
        assert!(
            !name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']),
            "{name}"
        );
        let parsed = crate::article::load(&path).unwrap();
        assert!(!parsed.meta.title.chars().any(char::is_control), "{t:?}");
    }
    assert_eq!(files(&root).len(), titles.len());
    assert!(files(dir.path()).iter().all(|p| p.starts_with("articles")));
    // Unicode is kept, bounded in bytes at a char boundary.
    assert!(slug(&long).chars().all(|c| c == 'é'));
    assert!(slug(&long).len() <= MAX_SLUG_BYTES);
    assert_eq!(slug("Ça va, 李明! Élise"), "ça-va-李明-élise");
    assert_eq!(slug("\u{1b}[2J"), "2j");
    assert_eq!(slug("!!!"), "untitled");
}

#[test]
fn the_same_title_twice_makes_two_files_and_overwrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = article("Same");
    a.body = "one".to_owned();
    let first = save_new(dir.path(), "s", &a).unwrap();
    a.body = "two".to_owned();
    let second = save_new(dir.path(), "s", &a).unwrap();
    a.body = "three".to_owned();
    let third = save_new(dir.path(), "s", &a).unwrap();
    assert_ne!(first, second);
    assert!(third.to_string_lossy().ends_with("2026-10-24-same-3.md"));
    assert!(fs::read_to_string(&first).unwrap().ends_with("one\n"));
    assert!(fs::read_to_string(&second).unwrap().ends_with("two\n"));
    // No temp file is left.
    assert_eq!(files(dir.path()).len(), 3);
}

#[test]
fn sections_are_sanitised_and_stay_inside() {
    assert_eq!(safe_section("World News"), PathBuf::from("World News"));
    assert_eq!(safe_section("Tech/Rust"), PathBuf::from("Tech/Rust"));
    assert_eq!(safe_section("../../etc"), PathBuf::from("etc"));
    assert_eq!(safe_section("/abs/x"), PathBuf::from("abs/x"));
    assert_eq!(safe_section(".hidden"), PathBuf::from("hidden"));
    assert_eq!(safe_section("a\u{1b}[31mb"), PathBuf::from("a -31mb"));
    assert_eq!(safe_section("nul"), PathBuf::from("nul_"));
    assert_eq!(safe_section("  "), PathBuf::new());
    assert_eq!(
        safe_section("a/b/c/d/e/f").components().count(),
        MAX_SECTION_DEPTH
    );
    assert!(safe_section(&"x".repeat(500)).as_os_str().len() <= MAX_SECTION_PART_BYTES);
    let dir = tempfile::tempdir().unwrap();
    let path = save_new(dir.path(), "../../outside", &article("t")).unwrap();
    assert!(path.starts_with(dir.path().join("outside")), "{path:?}");
}

#[test]
fn rewrite_replaces_the_contents_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_new(dir.path(), "", &article("Changing")).unwrap();
    let mut a = article("Changing");
    a.body = "Updated text.".to_owned();
    rewrite(&path, &a).unwrap();
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .ends_with("Updated text.\n")
    );
    assert_eq!(files(dir.path()).len(), 1);
}

#[test]
fn missing_dates_use_today_and_bad_ones_are_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = article("No date");
    a.published = None;
    let path = save_new(dir.path(), "", &a).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with(&today()), "{name}");
    a.published = Some("yesterday-ish".to_owned());
    let text = render(&a).unwrap();
    assert!(!text.contains("published"), "{text}");
    assert_eq!(date_part(Some("2026-01-02"), "2000-01-01"), "2026-01-02");
    assert_eq!(date_part(Some("nope"), "2000-01-01"), "2000-01-01");
}

#[test]
fn metadata_lines_lose_controls_and_the_toml_stays_valid() {
    let mut a = article("Title \"quoted\" +++\nsecond line");
    a.authors = vec!["A\u{1b}]52;c;x\u{7}B".to_owned(), "  ".to_owned()];
    a.body = "+++\nnot front matter\n+++\n\nbody".to_owned();
    let text = render(&a).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.md");
    fs::write(&path, &text).unwrap();
    let parsed = crate::article::load(&path).unwrap();
    assert_eq!(parsed.meta.title, "Title \"quoted\" +++ second line");
    assert_eq!(parsed.meta.authors, ["A ]52;c;x B"]);
}

#[test]
fn a_batch_writes_new_and_changed_articles_in_one_commit() {
    let dir = tempfile::tempdir().unwrap();
    let existing = save_new(dir.path(), "s", &article("Kept")).unwrap();
    let mut batch = Batch::new(dir.path());
    batch.add_new("s", &article("Kept")).unwrap();
    batch.add_new("other", &article("Fresh")).unwrap();
    let mut changed = article("Kept");
    changed.body = "Changed.".to_owned();
    batch.add_rewrite(&existing, &changed).unwrap();
    assert_eq!(batch.len(), 3);
    // No article is visible before the commit, only hidden temp files.
    let visible = |d: &Path| {
        files(d)
            .into_iter()
            .filter(|f| !f.file_name().unwrap().to_string_lossy().starts_with('.'))
            .count()
    };
    assert_eq!(visible(dir.path()), 1);
    let paths: Vec<PathBuf> = batch.commit().into_iter().map(Result::unwrap).collect();
    assert_eq!(paths[0], dir.path().join("s/2026-10-24-kept-2.md"));
    assert_eq!(paths[1], dir.path().join("other/2026-10-24-fresh.md"));
    assert_eq!(paths[2], existing);
    assert!(
        fs::read_to_string(&existing)
            .unwrap()
            .ends_with("Changed.\n")
    );
    assert!(
        fs::read_to_string(&paths[0])
            .unwrap()
            .ends_with("Second paragraph.\n")
    );
    assert_eq!(files(dir.path()).len(), 3, "{:?}", files(dir.path()));
    assert_eq!(first_path(dir.path(), "s", &article("Kept")), existing);
}
