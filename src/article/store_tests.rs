//! The folder walk, the order of rows and where the folder is found.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Entry, Store};

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

fn article(title: &str, published: Option<&str>) -> String {
    let date = published.map_or(String::new(), |d| format!("published = \"{d}\"\n"));
    format!("+++\ntitle = \"{title}\"\nsource = \"Desk\"\n{date}+++\nSome text here.\n\nMore.\n")
}

fn titles(store: &Store) -> Vec<&str> {
    store.entries.iter().map(|e| e.title.as_str()).collect()
}

#[test]
fn open_finds_articles_in_nested_folders_with_sections() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "top.md", &article("Top", None));
    write(root, "world/europe/far.markdown", &article("Far", None));
    write(root, "world/near.TXT", "Near news\n\nPlain text body.\n");
    write(root, "notes.pdf", "not an article");
    write(root, ".hidden/secret.md", &article("Hidden", None));
    write(root, ".draft.md", &article("Draft", None));
    let store = Store::open(root);
    assert!(store.problems.is_empty(), "{:?}", store.problems);
    let mut got: Vec<(&str, &str)> = store
        .entries
        .iter()
        .map(|e| (e.title.as_str(), e.section.as_str()))
        .collect();
    got.sort_unstable();
    assert_eq!(
        got,
        [("Far", "world/europe"), ("Near news", "world"), ("Top", "")]
    );
    let top = store.entries.iter().find(|e| e.title == "Top").unwrap();
    assert_eq!(top.source.as_deref(), Some("Desk"));
    assert_eq!(top.size, fs::metadata(root.join("top.md")).unwrap().len());
    assert_eq!(top.path, root.join("top.md"));
}

#[test]
fn rows_are_newest_first_then_undated_then_by_title() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.md", &article("beta undated", None));
    write(root, "b.md", &article("Alpha undated", None));
    write(root, "c.md", &article("Old", Some("2020-01-02")));
    write(root, "d.md", &article("New", Some("2025-06-01T08:00:00Z")));
    write(root, "e.md", &article("Middle", Some("2024-12-31")));
    // Later in UTC than the plain date of the same day.
    write(
        root,
        "f.md",
        &article("Late evening", Some("2024-12-31T23:00:00-05:00")),
    );
    let store = Store::open(root);
    assert_eq!(
        titles(&store),
        [
            "New",
            "Late evening",
            "Middle",
            "Old",
            "Alpha undated",
            "beta undated"
        ]
    );
}

#[test]
fn insert_replaces_the_row_and_keeps_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.md", &article("A", Some("2024-01-01")));
    write(root, "b.md", &article("B", Some("2023-01-01")));
    let c = write(root, "c.md", &article("C", Some("2022-01-01")));
    let mut store = Store::open(root);
    assert_eq!(titles(&store), ["A", "B", "C"]);
    let mut moved: Entry = store.entries[2].clone();
    moved.published = Some("2025-01-01".into());
    moved.title = "C again".into();
    store.insert(moved);
    assert_eq!(titles(&store), ["C again", "A", "B"]);
    assert_eq!(store.entries.iter().filter(|e| e.path == c).count(), 1);

    write(root, "c.md", "\u{0}\u{1}binary");
    store.record(super::index_file(root, &c));
    assert_eq!(titles(&store), ["A", "B"]);
    assert_eq!(store.problems.len(), 1);
    store.record(super::index_file(root, &root.join("a.md")));
    assert_eq!(titles(&store), ["A", "B"]);
}

#[test]
fn bad_files_are_problems_and_good_files_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "good.md", &article("Good", None));
    fs::write(root.join("bad-utf8.txt"), b"caf\xe9\n").unwrap();
    write(root, "open.md", "+++\ntitle = \"x\"\n");
    write(
        root,
        "types.md",
        "+++\ntitle = \"x\"\ntags = \"one\"\n+++\nBody.\n",
    );
    fs::create_dir(root.join("folder.md")).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere.md"), root.join("dangling.md")).unwrap();
    let store = Store::open(root);
    assert_eq!(titles(&store), ["Good"]);
    let mut bad: Vec<String> = store
        .problems
        .iter()
        .map(|p| p.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    bad.sort();
    assert_eq!(bad, ["bad-utf8.txt", "dangling.md", "open.md", "types.md"]);
    let types = store
        .problems
        .iter()
        .find(|p| p.path.ends_with("types.md"))
        .unwrap();
    assert_eq!(types.line, Some(3));
}

#[test]
fn symlink_loops_are_problems_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "sub/a.md", &article("A", None));
    std::os::unix::fs::symlink(root, root.join("sub/back")).unwrap();
    std::os::unix::fs::symlink(root.join("self"), root.join("self")).unwrap();
    let store = Store::open(root);
    assert_eq!(titles(&store), ["A"]);
    assert!(
        store.problems.iter().any(|p| p.reason.contains("loop")),
        "{:?}",
        store.problems
    );
}

#[test]
fn very_deep_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let rel: String = "d/".repeat(300) + "deep.md";
    write(root, &rel, &article("Deep", None));
    let store = Store::open(root);
    assert_eq!(titles(&store), ["Deep"]);
    assert_eq!(store.entries[0].section.matches('d').count(), 300);
}

#[test]
fn missing_root_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("absent"));
    assert!(store.entries.is_empty());
    assert_eq!(store.problems.len(), 1);
}

#[test]
fn articles_folder_resolution_order() {
    let dirs = crate::paths::Dirs {
        config: "/c".into(),
        data: "/d".into(),
        cache: "/k".into(),
    };
    let here = tempfile::tempdir().unwrap();
    let local = here.path().join("articles");
    let resolve = |flag: Option<&str>, env: Option<&str>, config: Option<&str>| {
        super::store::resolve_with(
            flag.map(Path::new),
            env.map(Path::new),
            config.map(Path::new),
            &local,
            &dirs,
        )
    };
    assert_eq!(resolve(Some("/f"), Some("/e"), Some("/g")), Path::new("/f"));
    assert_eq!(resolve(None, Some("/e"), Some("/g")), Path::new("/e"));
    assert_eq!(resolve(None, Some(""), Some("/g")), Path::new("/g"));
    assert_eq!(resolve(None, None, None), Path::new("/d/articles"));
    fs::create_dir(&local).unwrap();
    assert_eq!(resolve(None, None, None), local);
}

#[test]
fn file_names_that_are_not_utf8_are_read() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "plain.md", &article("Plain", None));
    let odd = root.join(std::ffi::OsStr::from_bytes(b"caf\xe9.md"));
    fs::write(&odd, article("Odd name", None)).unwrap();
    let store = Store::open(root);
    assert_eq!(titles(&store), ["Odd name", "Plain"]);
}

#[test]
fn named_pipes_and_devices_are_problems_not_hangs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "good.md", &article("Good", None));
    let fifo = root.join("pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.txt")).unwrap();
    let store = Store::open(root);
    assert_eq!(titles(&store), ["Good"]);
    let mut bad: Vec<(String, &str)> = store
        .problems
        .iter()
        .map(|p| {
            (
                p.path.file_name().unwrap().to_string_lossy().into_owned(),
                p.reason.as_str(),
            )
        })
        .collect();
    bad.sort_unstable();
    assert_eq!(
        bad,
        [
            ("pipe.md".to_owned(), "not a regular file"),
            (
                "zero.txt".to_owned(),
                "symlink into /dev/zero (a virtual file system): not followed"
            )
        ]
    );
    assert!(super::load(&fifo).is_err());
}
