//! The read marks: saved and loaded, merged between runs, kept relative to the articles
//! folder, set aside when corrupt, and safe with many writers at once.

use std::fs;
use std::path::Path;

use super::*;

/// The articles folder of the tests that do not care where it is.
const ROOT_STR: &str = "/x";

#[test]
fn marks_survive_a_save_and_load() {
    let dir = tempfile::tempdir().unwrap();
    let (mut marks, warning) = ReadMarks::load(dir.path(), Path::new(ROOT_STR));
    assert!(warning.is_none());
    assert!(marks.is_empty());
    let a = dir.path().join("a.md");
    let b = dir.path().join("caf\u{e9} \u{201c}b\u{201d}.md");
    marks.set_read(&a, true);
    marks.set_read(&b, true);
    marks.save().unwrap();
    let (mut again, warning) = ReadMarks::load(dir.path(), Path::new(ROOT_STR));
    assert!(warning.is_none());
    assert!(again.is_read(&a) && again.is_read(&b));
    again.set_read(&a, false);
    again.save().unwrap();
    let (third, _) = ReadMarks::load(dir.path(), Path::new(ROOT_STR));
    assert!(!third.is_read(&a) && third.is_read(&b));
    let text = fs::read_to_string(dir.path().join(READ_MARKS_FILE)).unwrap();
    assert!(text.starts_with('#'), "{text}");
}

#[test]
fn save_merges_with_marks_written_by_another_run() {
    let dir = tempfile::tempdir().unwrap();
    let (mut one, _) = ReadMarks::load(dir.path(), Path::new(ROOT_STR));
    let (mut two, _) = ReadMarks::load(dir.path(), Path::new(ROOT_STR));
    one.set_read(Path::new("/x/one.md"), true);
    one.save().unwrap();
    two.set_read(Path::new("/x/two.md"), true);
    two.set_read(Path::new("/x/one.md"), true);
    two.set_read(Path::new("/x/one.md"), false);
    two.save().unwrap();
    let (both, _) = ReadMarks::load(dir.path(), Path::new(ROOT_STR));
    assert!(both.is_read(Path::new("/x/two.md")));
    assert!(!both.is_read(Path::new("/x/one.md")));
    assert_eq!(both.len(), 1);
}

#[test]
fn relative_paths_are_taken_from_the_working_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (mut marks, _) = ReadMarks::load(dir.path(), Path::new("articles"));
    marks.set_read(Path::new("articles/a.md"), true);
    let abs = std::env::current_dir().unwrap().join("articles/a.md");
    assert!(marks.is_read(&abs));
    assert!(marks.is_read(Path::new("articles/a.md")));
    assert!(marks.is_read(Path::new("./articles/a.md")));
}

#[test]
fn a_corrupt_file_is_set_aside_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(READ_MARKS_FILE);
    for bad in [
        &b"read = [\"a\""[..],
        b"\xff\xfe",
        b"read = 5",
        b"other = 1",
    ] {
        fs::write(&file, bad).unwrap();
        let (mut marks, warning) = ReadMarks::load(dir.path(), Path::new(ROOT_STR));
        let warning = warning.expect("a warning");
        assert!(warning.contains("corrupt-"), "{warning}");
        assert!(marks.is_empty());
        assert!(!file.exists());
        marks.set_read(Path::new("/x/a.md"), true);
        marks.save().unwrap();
    }
    let kept = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("corrupt")
        })
        .count();
    assert_eq!(kept, 4);
}

#[test]
fn save_sets_aside_a_file_corrupted_after_load() {
    let dir = tempfile::tempdir().unwrap();
    let (mut marks, _) = ReadMarks::load(dir.path(), Path::new(ROOT_STR));
    fs::write(dir.path().join(READ_MARKS_FILE), b"[[[").unwrap();
    marks.set_read(Path::new("/x/a.md"), true);
    marks.save().unwrap();
    let (again, warning) = ReadMarks::load(dir.path(), Path::new(ROOT_STR));
    assert!(warning.is_none());
    assert!(again.is_read(Path::new("/x/a.md")));
}

#[test]
fn marks_survive_moving_the_articles_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let old = dir.path().join("news");
    let (mut marks, _) = ReadMarks::load(&data, &old);
    marks.set_read(&old.join("world/a.md"), true);
    marks.set_read(Path::new("/elsewhere/b.md"), true);
    marks.save().unwrap();
    let text = fs::read_to_string(data.join(READ_MARKS_FILE)).unwrap();
    assert!(text.contains("\"world/a.md\""), "{text}");
    let new = dir.path().join("moved");
    let (moved, _) = ReadMarks::load(&data, &new);
    assert!(moved.is_read(&new.join("world/a.md")));
    assert!(!moved.is_read(&new.join("world/b.md")));
    assert!(moved.is_read(Path::new("/elsewhere/b.md")));
}

#[test]
fn absolute_marks_of_an_older_tidings_are_migrated_on_load() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    let file = dir.path().join(READ_MARKS_FILE);
    let inside = root.join("a.md");
    fs::write(
        &file,
        format!(
            "read = [{:?}, \"/other/store/b.md\"]\n",
            inside.to_str().unwrap()
        ),
    )
    .unwrap();
    let (marks, warning) = ReadMarks::load(dir.path(), &root);
    assert!(warning.is_none(), "{warning:?}");
    assert!(marks.is_read(&inside));
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"a.md\""), "{text}");
    assert!(text.contains("\"/other/store/b.md\""), "{text}");
    // The migrated file still works once the folder has moved.
    let (moved, _) = ReadMarks::load(dir.path(), &dir.path().join("moved"));
    assert!(moved.is_read(&dir.path().join("moved/a.md")));
}

#[test]
fn many_writers_at_once_lose_no_mark() {
    // F11: 8 readers, each marking 100 articles and saving after each one.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_owned();
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let data = data.clone();
            std::thread::spawn(move || {
                let (mut marks, warning) = ReadMarks::load(&data, Path::new(ROOT_STR));
                assert!(warning.is_none(), "{warning:?}");
                for i in 0..100 {
                    marks.set_read(&Path::new(ROOT_STR).join(format!("w{w}/{i}.md")), true);
                    marks.save().unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let (all, _) = ReadMarks::load(&data, Path::new(ROOT_STR));
    assert_eq!(all.len(), 800);
}

#[test]
#[cfg(unix)]
fn a_file_name_that_is_not_utf8_keeps_its_mark() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let odd = Path::new(ROOT_STR).join(std::ffi::OsStr::from_bytes(b"caf\xe9.md"));
    let (mut marks, _) = ReadMarks::load(dir.path(), Path::new(ROOT_STR));
    marks.set_read(&odd, true);
    marks.save().unwrap();
    let (again, warning) = ReadMarks::load(dir.path(), Path::new(ROOT_STR));
    assert!(warning.is_none(), "{warning:?}");
    assert!(again.is_read(&odd));
    assert!(!again.is_read(&Path::new(ROOT_STR).join("caf\u{e9}.md")));
}

#[test]
fn loading_writes_nothing() {
    // F9: reading needs no write access: no lock file, no new file.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(READ_MARKS_FILE), "read = [\"a.md\"]\n").unwrap();
    let (marks, warning) = ReadMarks::load(dir.path(), Path::new(ROOT_STR));
    assert!(warning.is_none() && marks.is_read(&Path::new(ROOT_STR).join("a.md")));
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
#[cfg(unix)]
fn a_fifo_as_read_toml_is_a_warning_not_a_hang() {
    // F13
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join(READ_MARKS_FILE);
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (mut marks, warning) = ReadMarks::load(dir.path(), Path::new(ROOT_STR));
    let warning = warning.expect("a warning");
    assert!(warning.contains("not a regular file"), "{warning}");
    marks.set_read(&Path::new(ROOT_STR).join("a.md"), true);
    assert!(marks.save().is_err());
    let lock = dir.path().join("read.toml.lock");
    fs::remove_file(&lock).ok();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&lock)
            .status()
            .unwrap()
            .success()
    );
    fs::remove_file(&fifo).unwrap();
    let e = marks.save().unwrap_err();
    assert!(e.to_string().contains("not a regular file"), "{e}");
}
