//! Read marks keep the article's guid or url, so an article moved or renamed within the
//! folder keeps its mark; marks written before identities were kept get theirs.

use std::fs;
use std::path::{Path, PathBuf};

use tidings::commands::follow::Follow;
use tidings::index::{db_path, open_store};
use tidings::state::ReadMarks;

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

fn with_url(title: &str, url: &str) -> String {
    format!("+++\ntitle = \"{title}\"\nurl = \"{url}\"\n+++\n\nText.\n")
}

fn with_guid(title: &str, guid: &str) -> String {
    format!("+++\ntitle = \"{title}\"\nguid = \"{guid}\"\n+++\n\nText.\n")
}

#[test]
fn a_moved_article_keeps_its_read_mark() {
    let dir = tempfile::tempdir().unwrap();
    let (root, cache, data) = (
        dir.path().join("articles"),
        dir.path().join("cache"),
        dir.path().join("data"),
    );
    let a = write(
        &root,
        "world/a.md",
        &with_url("A", "https://example.invalid/a"),
    );
    let b = write(&root, "world/b.md", &with_guid("B", "urn:b"));
    let plain = write(
        &root,
        "world/plain.md",
        "+++\ntitle = \"Plain\"\n+++\n\nText.\n",
    );
    open_store(&root, &cache).unwrap();
    let index = db_path(&cache, &root);
    {
        let (mut marks, _) = ReadMarks::load(&data, &root);
        let mut follow = Follow::new(&root, &index);
        for p in [&a, &b, &plain] {
            follow.mark_read(&mut marks, p);
        }
        marks.save().unwrap();
    }
    // Moved to another folder, and renamed.
    fs::create_dir_all(root.join("archive")).unwrap();
    let a2 = root.join("archive/a-old.md");
    let b2 = root.join("b-renamed.md");
    let plain2 = root.join("archive/plain.md");
    fs::rename(&a, &a2).unwrap();
    fs::rename(&b, &b2).unwrap();
    fs::rename(&plain, &plain2).unwrap();
    open_store(&root, &cache).unwrap();

    let (mut marks, _) = ReadMarks::load(&data, &root);
    let mut follow = Follow::new(&root, &index);
    assert!(follow.is_read(&mut marks, &a2), "followed by url");
    assert!(follow.is_read(&mut marks, &b2), "followed by guid");
    assert!(
        !follow.is_read(&mut marks, &plain2),
        "no url or guid: the mark stays with the old path"
    );
    // The marks moved on disk too.
    let (again, _) = ReadMarks::load(&data, &root);
    assert!(again.is_read(&a2) && again.is_read(&b2));
    assert!(!again.is_read(&a) && !again.is_read(&b));
}

#[test]
fn marks_from_before_identities_get_theirs_and_then_follow() {
    let dir = tempfile::tempdir().unwrap();
    let (root, cache, data) = (
        dir.path().join("articles"),
        dir.path().join("cache"),
        dir.path().join("data"),
    );
    let a = write(&root, "a.md", &with_url("A", "https://example.invalid/a"));
    let other = write(
        &root,
        "other.md",
        &with_url("Other", "https://example.invalid/o"),
    );
    fs::create_dir_all(&data).unwrap();
    // A read-marks file as the previous version wrote it: paths only.
    fs::write(data.join("read.toml"), "read = [\"a.md\"]\n").unwrap();
    open_store(&root, &cache).unwrap();
    let index = db_path(&cache, &root);
    {
        let (mut marks, _) = ReadMarks::load(&data, &root);
        let mut follow = Follow::new(&root, &index);
        assert!(follow.is_read(&mut marks, &a));
        // Asking about an unread article looks the marks over: a.md gets its url.
        assert!(!follow.is_read(&mut marks, &other));
    }
    let text = fs::read_to_string(data.join("read.toml")).unwrap();
    assert!(text.contains("https://example.invalid/a"), "{text}");

    let moved = root.join("moved/a.md");
    fs::create_dir_all(moved.parent().unwrap()).unwrap();
    fs::rename(&a, &moved).unwrap();
    open_store(&root, &cache).unwrap();
    let (mut marks, _) = ReadMarks::load(&data, &root);
    let mut follow = Follow::new(&root, &index);
    assert!(follow.is_read(&mut marks, &moved));
}

#[test]
fn a_moved_article_keeps_its_bookmarks() {
    use tidings::bookmarks::{Bookmark, BookmarkFile};
    use tidings::commands::follow::follow_bookmarks;
    let dir = tempfile::tempdir().unwrap();
    let (root, cache, data) = (
        dir.path().join("articles"),
        dir.path().join("cache"),
        dir.path().join("data"),
    );
    let text = with_url("A", "https://example.invalid/a");
    let a = write(&root, "a.md", &text);
    let plain_text = "+++\ntitle = \"Plain\"\n+++\n\nText.\n";
    let plain = write(&root, "plain.md", plain_text);
    open_store(&root, &cache).unwrap();
    let index = db_path(&cache, &root);
    let file = BookmarkFile::new(&data).relative_to(&root);
    let now = jiff::Timestamp::now();
    for (path, body) in [(&a, text.as_str()), (&plain, plain_text)] {
        let at = body.find("Text").unwrap();
        file.add(Bookmark::from_selection(path, "t", body, at..at + 4, "", now).unwrap())
            .unwrap();
    }
    // A bookmark made before identities were kept gets its article's url.
    assert!(follow_bookmarks(&file, &root, &index).is_none());
    let loaded = file.load().unwrap().bookmarks;
    let with_id: Vec<_> = loaded.iter().filter(|b| b.identity.is_some()).collect();
    assert_eq!(with_id.len(), 1);
    assert_eq!(with_id[0].path, a);

    fs::create_dir_all(root.join("old")).unwrap();
    let moved = root.join("old/a-renamed.md");
    fs::rename(&a, &moved).unwrap();
    open_store(&root, &cache).unwrap();
    assert!(follow_bookmarks(&file, &root, &index).is_none());
    let mut paths: Vec<PathBuf> = file
        .load()
        .unwrap()
        .bookmarks
        .into_iter()
        .map(|b| b.path)
        .collect();
    paths.sort();
    assert_eq!(paths, [moved, plain]);
}
