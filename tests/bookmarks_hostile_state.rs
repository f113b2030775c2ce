//! Issue 15 (F9, F10, F13, F15) and issue 12 for `bookmarks.toml`: a read-only data folder,
//! a symlinked file, a FIFO where the file or its lock should be, a file name that is not
//! UTF-8, and bookmarks that survive moving the articles folder.

use std::fs;
use std::path::Path;

use tidings::bookmarks::{Bookmark, BookmarkFile, FILE_NAME};

const TEXT: &str = "Opening words. The ferry runs all winter. Closing words.";

fn mark(path: &Path) -> Bookmark {
    let start = TEXT.find("The ferry").unwrap();
    let end = TEXT.find(" Closing").unwrap();
    Bookmark::from_selection(
        path,
        "Ferry",
        TEXT,
        start..end,
        "note",
        "2026-02-03T04:05:06Z".parse().unwrap(),
    )
    .unwrap()
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(ok.success());
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn bookmarks_survive_moving_the_articles_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let old = dir.path().join("news");
    let article = old.join("world").join("ferry.md");
    let file = BookmarkFile::new(&data).relative_to(&old);
    let saved = file.add(mark(&article)).unwrap();
    assert_eq!(saved.bookmarks[0].path, article, "in memory: the full path");
    let text = fs::read_to_string(data.join(FILE_NAME)).unwrap();
    assert!(text.contains("path = \"world/ferry.md\""), "{text}");
    let new = dir.path().join("moved");
    let loaded = BookmarkFile::new(&data).relative_to(&new).load().unwrap();
    assert_eq!(loaded.bookmarks[0].path, new.join("world/ferry.md"));
}

#[test]
fn absolute_paths_of_an_older_tidings_are_read_and_made_relative_on_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    let old = mark(&root.join("a.md"));
    BookmarkFile::new(dir.path()).add(old.clone()).unwrap();
    let file = BookmarkFile::new(dir.path()).relative_to(&root);
    assert_eq!(file.load().unwrap().bookmarks, vec![old.clone()]);
    file.add(mark(Path::new("/elsewhere/b.md"))).unwrap();
    let text = fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
    assert!(text.contains("path = \"a.md\""), "{text}");
    assert!(text.contains("path = \"/elsewhere/b.md\""), "{text}");
}

#[test]
fn reading_needs_no_write_access() {
    // F9: loading created the lock file, so a read-only data folder hid the bookmarks.
    let dir = tempfile::tempdir().unwrap();
    let file = BookmarkFile::new(dir.path());
    file.add(mark(Path::new("/n/a.md"))).unwrap();
    fs::remove_file(dir.path().join("bookmarks.toml.lock")).unwrap();
    let before = names(dir.path());
    assert_eq!(file.load().unwrap().bookmarks.len(), 1);
    assert_eq!(names(dir.path()), before, "loading wrote a file");
    // A corrupt file in a folder where nothing can be locked is reported, not moved.
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    fs::write(ro.join(FILE_NAME), "[[[").unwrap();
    // The lock's place is taken by a folder: the lock cannot be made, as in a read-only folder.
    fs::create_dir(ro.join("bookmarks.toml.lock")).unwrap();
    let loaded = BookmarkFile::new(&ro).load().unwrap();
    assert!(loaded.bookmarks.is_empty());
    let warning = loaded.warning.expect("a warning");
    assert!(warning.contains("left as it is"), "{warning}");
    assert_eq!(fs::read(ro.join(FILE_NAME)).unwrap(), b"[[[");
}

#[test]
#[cfg(unix)]
fn a_read_only_data_folder_still_shows_the_bookmarks() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    BookmarkFile::new(&data)
        .add(mark(Path::new("/n/a.md")))
        .unwrap();
    fs::remove_file(data.join("bookmarks.toml.lock")).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o555)).unwrap();
    let loaded = BookmarkFile::new(&data).load();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(loaded.unwrap().bookmarks.len(), 1);
}

#[test]
#[cfg(unix)]
fn a_symlinked_file_is_written_through_to_its_target_with_its_mode() {
    // F10: the link was replaced by a regular file and the mode became 0600.
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let synced = dir.path().join("synced");
    fs::create_dir_all(&data).unwrap();
    fs::create_dir_all(&synced).unwrap();
    let target = synced.join("my-bookmarks.toml");
    BookmarkFile::new(&synced)
        .add(mark(Path::new("/n/a.md")))
        .unwrap();
    fs::rename(synced.join(FILE_NAME), &target).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
    let link = data.join(FILE_NAME);
    std::os::unix::fs::symlink(&target, &link).unwrap();

    let file = BookmarkFile::new(&data);
    assert_eq!(file.load().unwrap().bookmarks.len(), 1);
    file.add(mark(Path::new("/n/b.md"))).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = fs::read_to_string(&target).unwrap();
    assert!(
        text.contains("/n/a.md") && text.contains("/n/b.md"),
        "{text}"
    );
    let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}

#[test]
#[cfg(unix)]
fn a_fifo_as_the_file_or_its_lock_is_an_error_not_a_hang() {
    // F13: `bookmarks.toml.lock` as a FIFO made `tidings bookmarks` hang.
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("bookmarks.toml.lock"));
    let file = BookmarkFile::new(dir.path());
    assert!(file.load().unwrap().bookmarks.is_empty());
    let e = file.add(mark(Path::new("/n/a.md"))).unwrap_err();
    assert!(e.to_string().contains("not a regular file"), "{e}");
    assert!(e.to_string().contains("bookmarks.toml.lock"), "{e}");

    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join(FILE_NAME));
    let e = BookmarkFile::new(dir.path()).load().unwrap_err();
    assert!(e.to_string().contains("not a regular file"), "{e}");
}

#[test]
#[cfg(unix)]
fn an_article_whose_name_is_not_utf8_can_be_bookmarked() {
    // F15: `b` failed: the path could not be written as TOML.
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    let odd = root.join(std::ffi::OsStr::from_bytes(b"caf\xe9.md"));
    let file = BookmarkFile::new(&dir.path().join("data")).relative_to(&root);
    file.add(mark(&odd)).unwrap();
    let loaded = file.load().unwrap();
    assert_eq!(loaded.warning, None);
    assert_eq!(loaded.bookmarks[0].path, odd);
}
