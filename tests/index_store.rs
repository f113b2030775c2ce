//! The store index: the worker notices files added, changed, renamed and deleted while it
//! runs; a deleted, corrupt or other-version index is rebuilt; two processes share one index;
//! a read-only articles folder keeps its index in the cache dir.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use tidings::article::Entry;
use tidings::index::db::SCHEMA_VERSION;
use tidings::index::worker::{self, Update};
use tidings::index::{Db, db_path, open_store};

#[path = "common/store_files.rs"]
mod store_files;
use store_files::{article, write};

fn titles(entries: &[Entry]) -> Vec<String> {
    let mut t: Vec<String> = entries.iter().map(|e| e.title.clone()).collect();
    t.sort();
    t
}

/// A running worker and what it sends.
struct Watch {
    rx: mpsc::Receiver<Update>,
    rows: Vec<Entry>,
    changed: Vec<PathBuf>,
}

impl Watch {
    fn start(root: &Path, cache: &Path) -> Watch {
        let (tx, rx) = mpsc::channel();
        worker::spawn(root.to_owned(), Some(db_path(cache, root)), move |u| {
            tx.send(u).is_ok()
        })
        .unwrap();
        let mut w = Watch {
            rx,
            rows: Vec::new(),
            changed: Vec::new(),
        };
        w.until("the first pass", |_| true);
        w
    }

    /// Take updates until an `Idle` after which `done(rows)` holds, within 10 seconds.
    fn until(&mut self, what: &str, done: impl Fn(&[Entry]) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            let left = Duration::from_secs(10).saturating_sub(start.elapsed());
            match self.rx.recv_timeout(left) {
                Ok(Update::Rows { entries, .. }) => self.rows = entries,
                Ok(Update::Changed(paths)) => self.changed.extend(paths),
                Ok(Update::Idle) if done(&self.rows) => return start.elapsed(),
                Ok(Update::Failed(e)) => panic!("{what}: worker failed: {e}"),
                Ok(_) => {}
                Err(e) => panic!(
                    "{what}: not seen in 10 s ({e}); rows {:?}",
                    titles(&self.rows)
                ),
            }
        }
    }
}

#[test]
fn files_added_changed_renamed_and_deleted_while_running_show_up() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let cache = dir.path().join("cache");
    write(&root, "a/one.md", &article("One", "First text."));
    let mut w = Watch::start(&root, &cache);
    assert_eq!(titles(&w.rows), ["One"]);

    let two = write(&root, "a/two.md", &article("Two", "Second text."));
    w.until("an added file", |r| titles(r) == ["One", "Two"]);

    fs::write(&two, article("Two, revised", "Changed text, longer now.")).unwrap();
    w.until("a changed file", |r| titles(r) == ["One", "Two, revised"]);
    assert!(w.changed.contains(&two), "a changed file is reported stale");

    fs::rename(&two, root.join("a/three.md")).unwrap();
    w.until("a renamed file", |r| {
        r.iter()
            .any(|e| e.path.ends_with("a/three.md") && e.title == "Two, revised")
            && r.len() == 2
    });

    fs::rename(root.join("a"), root.join("b")).unwrap();
    w.until("a renamed folder", |r| {
        r.len() == 2 && r.iter().all(|e| e.section == "b")
    });

    fs::remove_file(root.join("b/one.md")).unwrap();
    w.until("a deleted file", |r| titles(r) == ["Two, revised"]);

    // Hidden files (an editor's or a writer's temporary file) are not articles.
    write(&root, "b/.draft.md", &article("Draft", "Not yet."));
    write(&root, "b/four.md", &article("Four", "Last."));
    w.until("a file after a hidden one", |r| {
        titles(r) == ["Four", "Two, revised"]
    });
}

#[test]
fn a_deleted_index_is_rebuilt_from_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let cache = dir.path().join("cache");
    write(
        &root,
        "x.md",
        &article("Kept", "“It stays,” said Ada Quill."),
    );
    let (store, _, warning) = open_store(&root, &cache).unwrap();
    assert_eq!(warning, None);
    assert_eq!(titles(&store.entries), ["Kept"]);
    let db = db_path(&cache, &root);
    assert!(db.is_file(), "the index is in the cache dir");
    fs::remove_file(&db).unwrap();
    let (again, db2, _) = open_store(&root, &cache).unwrap();
    assert_eq!(again.entries, store.entries);
    assert_eq!(db2.records().unwrap()[0].speakers[0].name, "Ada Quill");
}

#[test]
fn a_corrupt_index_is_rebuilt_not_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let cache = dir.path().join("cache");
    write(&root, "x.md", &article("Real", "Text."));
    let db = db_path(&cache, &root);
    fs::create_dir_all(&cache).unwrap();
    fs::write(
        &db,
        b"this is not a database, just noise that fills a page".repeat(200),
    )
    .unwrap();
    let (store, _, warning) = open_store(&root, &cache).unwrap();
    assert_eq!(warning, None);
    assert_eq!(titles(&store.entries), ["Real"]);
    // A database truncated halfway through is no better.
    let bytes = fs::read(&db).unwrap();
    fs::write(&db, &bytes[..bytes.len() / 2]).unwrap();
    let _ = fs::remove_file(db.with_extension("sqlite-wal"));
    let (store, _, _) = open_store(&root, &cache).unwrap();
    assert_eq!(titles(&store.entries), ["Real"]);
}

#[test]
fn an_index_from_another_version_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let cache = dir.path().join("cache");
    write(&root, "x.md", &article("Current", "Text."));
    open_store(&root, &cache).unwrap();
    let path = db_path(&cache, &root);
    {
        // Another version's rows: the same stamps, another title.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute("UPDATE files SET title = 'Stale'", [])
            .unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let (store, _, _) = open_store(&root, &cache).unwrap();
    assert_eq!(titles(&store.entries), ["Current"]);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION);
}

#[test]
fn two_processes_share_one_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    for i in 0..300 {
        write(
            &root,
            &format!("s{}/a{i}.md", i % 7),
            &article(
                &format!("Story {i}"),
                "“We agree,” said Ada Quill. Talks go on.",
            ),
        );
    }
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_tidings"))
            .args(["--articles"])
            .arg(&root)
            .args(["list", "--json"])
            .env("TIDINGS_CACHE", dir.path().join("cache"))
            .env("TIDINGS_DATA", dir.path().join("data"))
            .env("TIDINGS_CONFIG_DIR", dir.path().join("config"))
            .env_remove("TIDINGS_ARTICLES")
            .spawn_and_wait_later()
    };
    let (a, b, c) = (run(), run(), run());
    let outs: Vec<std::process::Output> = [a, b, c]
        .into_iter()
        .map(|p| p.wait_with_output().unwrap())
        .collect();
    for o in &outs {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(
            o.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&outs[0].stdout).unwrap();
    assert_eq!(rows.len(), 300);
    assert_eq!(outs[0].stdout, outs[1].stdout);
    assert_eq!(outs[1].stdout, outs[2].stdout);
    let db = Db::open(&db_path(&dir.path().join("cache"), &root), &root).unwrap();
    assert_eq!(db.counts().unwrap(), (300, 0));
}

trait SpawnLater {
    fn spawn_and_wait_later(&mut self) -> std::process::Child;
}

impl SpawnLater for std::process::Command {
    fn spawn_and_wait_later(&mut self) -> std::process::Child {
        self.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_keeps_its_index_in_the_cache_dir() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let cache = dir.path().join("cache");
    write(&root, "sec/x.md", &article("Read only", "Text."));
    let listing = |p: &Path| -> Vec<PathBuf> {
        walkdir::WalkDir::new(p)
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .collect()
    };
    let before = listing(&root);
    for d in [root.join("sec"), root.clone()] {
        fs::set_permissions(&d, fs::Permissions::from_mode(0o555)).unwrap();
    }
    let (store, _, warning) = open_store(&root, &cache).unwrap();
    for d in [root.clone(), root.join("sec")] {
        fs::set_permissions(&d, fs::Permissions::from_mode(0o755)).unwrap();
    }
    assert_eq!(warning, None);
    assert_eq!(titles(&store.entries), ["Read only"]);
    assert_eq!(
        listing(&root),
        before,
        "nothing written in the articles folder"
    );
    assert!(db_path(&cache, &root).starts_with(&cache));
    assert!(db_path(&cache, &root).is_file());
}

#[test]
fn an_unwritable_cache_dir_keeps_the_index_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    write(&root, "x.md", &article("Still listed", "Text."));
    // A file where the cache dir should be: nothing can be created under it.
    let cache = dir.path().join("cache");
    fs::write(&cache, "not a folder").unwrap();
    let (store, _, warning) = open_store(&root, &cache).unwrap();
    assert_eq!(titles(&store.entries), ["Still listed"]);
    assert!(warning.unwrap().contains("in memory"));
}

#[test]
fn the_same_folder_by_another_path_shares_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let cache = dir.path().join("cache");
    write(&root, "x.md", &article("Shared", "Text."));
    let other = root.join("..").join("articles");
    assert_eq!(db_path(&cache, &root), db_path(&cache, &other));
}
