//! bookmarks.toml: round trip, a corrupt file set aside, concurrent writers, undo.

use std::fs;
use std::sync::Arc;

use tidings::bookmarks::{Bookmark, BookmarkError, BookmarkFile, FILE_NAME};

fn make(n: usize, note: &str) -> Bookmark {
    let text = format!("Opening words. Passage number {n} says “something” here. Closing words.");
    let start = text.find("Passage").unwrap();
    let end = text.find(" Closing").unwrap();
    let when: jiff::Timestamp = format!("2026-02-03T04:05:{:02}Z", n % 60).parse().unwrap();
    Bookmark::from_selection(
        format!("dir/art-{n}.md"),
        format!("Title {n}"),
        &text,
        start..end,
        note,
        when,
    )
    .unwrap()
}

#[test]
fn round_trip_keeps_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = BookmarkFile::new(dir.path());
    assert!(file.load().unwrap().bookmarks.is_empty());
    let a = make(1, "first note with \"quotes\" and a\nnewline");
    let b = make(2, "");
    file.add(a.clone()).unwrap();
    file.add(b.clone()).unwrap();
    let loaded = BookmarkFile::new(dir.path()).load().unwrap();
    assert_eq!(loaded.warning, None);
    assert_eq!(loaded.bookmarks, vec![a, b]);
    let text = fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
    assert!(text.contains("[[bookmark]]"), "{text}");
    assert!(text.contains("passage = "), "{text}");
}

#[test]
fn notes_change_and_unknown_ids_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = BookmarkFile::new(dir.path());
    let a = make(1, "old");
    file.add(a.clone()).unwrap();
    let after = file.set_note(&a.id, "new note").unwrap();
    assert_eq!(after.bookmarks[0].note, "new note");
    assert_eq!(file.load().unwrap().bookmarks[0].note, "new note");
    let err = file.set_note("0000000000000000", "x").unwrap_err();
    assert!(matches!(err, BookmarkError::NotFound { .. }));
    assert!(err.to_string().contains(FILE_NAME), "{err}");
}

#[test]
fn delete_then_restore_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = BookmarkFile::new(dir.path());
    let (a, b) = (make(1, "a"), make(2, "b"));
    file.add(a.clone()).unwrap();
    file.add(b.clone()).unwrap();
    let (after, removed) = file.remove(&a.id).unwrap();
    assert_eq!(after.bookmarks, vec![b.clone()]);
    assert_eq!(removed.as_ref(), Some(&a));
    let (_, again) = file.remove(&a.id).unwrap();
    assert_eq!(again, None);
    let restored = file.restore(removed.unwrap()).unwrap();
    assert_eq!(restored.bookmarks, vec![a.clone(), b.clone()]);
    // Restoring twice does not duplicate.
    assert_eq!(file.restore(a).unwrap().bookmarks.len(), 2);
}

#[test]
fn a_corrupt_file_is_set_aside_with_its_bytes_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let garbage = b"[[bookmark]]\nid = \"abc\"\npassage = unterminated \xff\n".to_vec();
    fs::write(&path, &garbage).unwrap();
    let file = BookmarkFile::new(dir.path());
    let loaded = file.load().unwrap();
    assert!(loaded.bookmarks.is_empty());
    let warning = loaded.warning.expect("a warning for the user");
    assert!(warning.contains("corrupt-"), "{warning}");
    let aside: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read(&aside[0]).unwrap(), garbage);
    assert!(!path.exists());
    // Writing afterwards starts a new file and leaves the set-aside one alone.
    file.add(make(3, "")).unwrap();
    assert_eq!(file.load().unwrap().bookmarks.len(), 1);
    assert_eq!(fs::read(&aside[0]).unwrap(), garbage);
}

#[test]
fn a_file_with_a_missing_field_is_also_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    fs::write(&path, "[[bookmark]]\nid = \"1\"\n").unwrap();
    let file = BookmarkFile::new(dir.path());
    // An add on a bad file tells the caller too, and keeps the old bytes.
    let loaded = file.add(make(1, "")).unwrap();
    assert!(loaded.warning.is_some());
    assert_eq!(loaded.bookmarks.len(), 1);
}

#[test]
fn two_writers_at_once_lose_nothing() {
    const N: usize = 40;
    let dir = tempfile::tempdir().unwrap();
    let root = Arc::new(dir.path().to_owned());
    let handles: Vec<_> = (0..2)
        .map(|w| {
            let root = Arc::clone(&root);
            std::thread::spawn(move || {
                // Each writer has its own BookmarkFile, as two processes would.
                let file = BookmarkFile::new(&root);
                for i in 0..N {
                    file.add(make(w * 1000 + i, &format!("writer {w}")))
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let all = BookmarkFile::new(&root).load().unwrap().bookmarks;
    assert_eq!(all.len(), 2 * N);
    for w in 0..2 {
        let note = format!("writer {w}");
        assert_eq!(all.iter().filter(|b| b.note == note).count(), N);
    }
}

/// Run by [`two_processes_at_once_lose_nothing`] in child processes: adds bookmarks to the
/// data dir named by the environment, then exits. Does nothing when run as an ordinary test.
#[test]
fn child_writer() {
    let (Ok(dir), Ok(who)) = (
        std::env::var("BOOKMARKS_CHILD_DIR"),
        std::env::var("BOOKMARKS_CHILD_ID"),
    ) else {
        return;
    };
    let who: usize = who.parse().unwrap();
    let file = BookmarkFile::new(std::path::Path::new(&dir));
    for i in 0..25 {
        file.add(make(who * 1000 + i, &format!("process {who}")))
            .unwrap();
    }
}

#[test]
fn two_processes_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..2)
        .map(|who| {
            std::process::Command::new(&exe)
                .args(["--exact", "child_writer", "--test-threads=1"])
                .env("BOOKMARKS_CHILD_DIR", dir.path())
                .env("BOOKMARKS_CHILD_ID", who.to_string())
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let all = BookmarkFile::new(dir.path()).load().unwrap().bookmarks;
    assert_eq!(all.len(), 50);
    for who in 0..2 {
        let note = format!("process {who}");
        assert_eq!(all.iter().filter(|b| b.note == note).count(), 25);
    }
}
