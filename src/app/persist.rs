//! The I/O behind [`PassageEffect`]s: the bookmarks file, re-anchoring bookmarks in their
//! articles, and the speaker index built on a worker thread with progress.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crate::app::action::Action;
use crate::app::passages::{AnchorStatus, Done, PassageEffect};
use crate::bookmarks::{BookmarkError, BookmarkFile, Loaded, anchor};
use crate::index;

/// Where the bookmarks and the speaker index live.
#[derive(Debug, Clone)]
pub struct PassageIo {
    pub file: BookmarkFile,
    pub cache_dir: PathBuf,
    /// The articles folder whose store index the speaker index is read from (without it,
    /// the speaker index is built from the files).
    pub store: Option<PathBuf>,
}

/// How often the index worker reports progress at most.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

fn bookmarks(result: Result<Loaded, BookmarkError>, what: &str) -> Action {
    match result {
        Ok(l) => Action::Passages(Done::Bookmarks {
            list: l.bookmarks,
            warning: l.warning,
            removed: None,
        }),
        Err(e) => Action::Failed(format!("{what}: {e}")),
    }
}

impl PassageIo {
    pub fn new(data_dir: &Path, cache_dir: &Path) -> PassageIo {
        PassageIo {
            file: BookmarkFile::new(data_dir),
            cache_dir: cache_dir.to_owned(),
            store: None,
        }
    }

    /// Read the speaker index from the store index of `root`.
    #[must_use]
    pub fn with_store(mut self, root: &Path) -> PassageIo {
        self.store = Some(root.to_owned());
        self
    }

    /// The bookmarks on disk, as an action for `update` (at start).
    pub fn load(&self) -> Action {
        bookmarks(self.file.load(), "bookmarks not read")
    }

    /// Perform `effect`; the action to feed back, if one is ready now (the workers that
    /// check anchors and build the index send theirs through `tx`).
    pub fn perform(&self, effect: PassageEffect, tx: &mpsc::Sender<Action>) -> Option<Action> {
        Some(match effect {
            PassageEffect::Save(mut b) => {
                b.created = jiff::Timestamp::now().to_string();
                bookmarks(self.file.add(*b), "bookmark not saved")
            }
            PassageEffect::Remove(id) => match self.file.remove(&id) {
                Ok((l, removed)) => Action::Passages(Done::Bookmarks {
                    list: l.bookmarks,
                    warning: l.warning,
                    removed: removed.map(Box::new),
                }),
                Err(e) => Action::Failed(format!("bookmark not deleted: {e}")),
            },
            PassageEffect::Restore(b) => bookmarks(self.file.restore(*b), "bookmark not restored"),
            PassageEffect::SetNote { id, note } => {
                bookmarks(self.file.set_note(&id, &note), "note not saved")
            }
            PassageEffect::CheckAnchors(list) => {
                // Reading every bookmarked article (and a fuzzy search for a changed passage)
                // may take a moment: off the UI thread.
                let tx = tx.clone();
                std::thread::spawn(move || {
                    let _ = tx.send(Action::Passages(Done::Anchors(check(&list))));
                });
                return None;
            }
            PassageEffect::BuildIndex(paths) => {
                match &self.store {
                    Some(root) => {
                        spawn_from_store(root.clone(), self.cache_dir.clone(), tx.clone());
                    }
                    None => spawn_index(paths, tx.clone()),
                }
                return None;
            }
        })
    }
}

/// Where each bookmark's passage is now: each article read once.
fn check(list: &[crate::bookmarks::Bookmark]) -> Vec<(String, AnchorStatus)> {
    let mut by_path: BTreeMap<&Path, Vec<&crate::bookmarks::Bookmark>> = BTreeMap::new();
    for b in list {
        by_path.entry(b.path.as_path()).or_default().push(b);
    }
    let mut out = Vec::new();
    for (path, marks) in by_path {
        let text = crate::article::load(path).ok().map(|a| a.raw);
        for b in marks {
            let status = text
                .as_deref()
                .map_or(AnchorStatus::Missing, |t| AnchorStatus::of(&anchor(b, t)));
            out.push((b.id.clone(), status));
        }
    }
    out
}

/// Read the speaker index from the store index (kept current by its own worker).
fn spawn_from_store(root: PathBuf, cache_dir: PathBuf, tx: mpsc::Sender<Action>) {
    std::thread::spawn(move || {
        let db = index::Db::open(&index::db_path(&cache_dir, &root), &root);
        match db.and_then(|db| db.records()) {
            Ok(records) => {
                let built = index::SpeakerIndex::from_records(&records);
                let _ = tx.send(Action::Passages(Done::IndexReady(Arc::new(built))));
            }
            Err(e) => {
                let _ = tx.send(Action::Failed(format!("speaker index not read: {e}")));
            }
        }
    });
}

/// Build the speaker index from the files themselves, on a worker thread: progress, then
/// the index (when there is no store index to read it from).
fn spawn_index(paths: Vec<PathBuf>, tx: mpsc::Sender<Action>) {
    std::thread::spawn(move || {
        let total = paths.len();
        let mut last = Instant::now();
        let mut records = Vec::with_capacity(total);
        for (done, path) in paths.iter().enumerate() {
            let Some(stamp) = index::record::Stamp::of_path(path) else {
                continue;
            };
            let root = path.parent().unwrap_or(path);
            if let Ok(a) = index::record::analyse_file(root, path, stamp).outcome {
                records.push(a.record);
            }
            if done + 1 == total || last.elapsed() >= PROGRESS_EVERY {
                last = Instant::now();
                let progress = Done::IndexProgress {
                    done: done + 1,
                    total,
                };
                if tx.send(Action::Passages(progress)).is_err() {
                    return;
                }
            }
        }
        let built = index::SpeakerIndex::from_records(&records);
        let _ = tx.send(Action::Passages(Done::IndexReady(Arc::new(built))));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookmarks::Bookmark;

    fn saved(a: Option<Action>) -> (Vec<Bookmark>, Option<Box<Bookmark>>) {
        match a {
            Some(Action::Passages(Done::Bookmarks { list, removed, .. })) => (list, removed),
            other => panic!("expected bookmarks, got {other:?}"),
        }
    }

    /// Check anchors on the worker and wait for its answer.
    fn anchors(io: &PassageIo, list: &[Bookmark]) -> Vec<(String, AnchorStatus)> {
        let (tx, rx) = mpsc::channel();
        assert_eq!(
            io.perform(PassageEffect::CheckAnchors(list.to_vec()), &tx),
            None
        );
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(Action::Passages(Done::Anchors(found))) => found,
            other => panic!("anchors: {other:?}"),
        }
    }

    #[test]
    fn effects_reach_the_file_and_come_back_as_actions() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.md");
        let text = "The pier reopens in June. Nobody objected.";
        std::fs::write(&article, text).unwrap();
        let io = PassageIo::new(&dir.path().join("data"), &dir.path().join("cache"));
        let (tx, _rx) = mpsc::channel();
        let b = Bookmark::from_selection(
            &article,
            "Pier",
            text,
            0..25,
            "n",
            jiff::Timestamp::UNIX_EPOCH,
        )
        .unwrap();
        // update has no clock: the loop stamps the creation time
        let (list, _) = saved(io.perform(PassageEffect::Save(Box::new(b.clone())), &tx));
        assert_eq!(list.len(), 1);
        assert!(list[0].created.starts_with("20"), "{}", list[0].created);
        let (list, _) = saved(io.perform(
            PassageEffect::SetNote {
                id: b.id.clone(),
                note: "call the council".into(),
            },
            &tx,
        ));
        assert_eq!(list[0].note, "call the council");
        let found = anchors(&io, &list);
        assert_eq!(found, vec![(b.id.clone(), AnchorStatus::Exact)]);
        std::fs::write(&article, "Something else entirely now.").unwrap();
        let found = anchors(&io, &list);
        assert_eq!(found, vec![(b.id.clone(), AnchorStatus::Orphaned)]);
        std::fs::remove_file(&article).unwrap();
        let found = anchors(&io, &list);
        assert_eq!(found, vec![(b.id.clone(), AnchorStatus::Missing)]);
        let (list, removed) = saved(io.perform(PassageEffect::Remove(b.id.clone()), &tx));
        assert!(list.is_empty());
        let removed = removed.expect("the removed bookmark");
        let (list, _) = saved(io.perform(PassageEffect::Restore(removed), &tx));
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].note, "call the council");
        // a second process's view of the file agrees
        assert_eq!(saved(Some(io.load())).0, list);
    }

    #[test]
    fn the_index_is_built_on_a_worker_with_progress() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.md");
        std::fs::write(&article, "\"It works,\" said Ada Quill.").unwrap();
        let io = PassageIo::new(dir.path(), &dir.path().join("cache"));
        let (tx, rx) = mpsc::channel();
        assert_eq!(
            io.perform(PassageEffect::BuildIndex(vec![article]), &tx),
            None
        );
        let mut progress = false;
        loop {
            match rx
                .recv_timeout(Duration::from_secs(20))
                .expect("the worker reports")
            {
                Action::Passages(Done::IndexProgress { done, total }) => {
                    assert!(done <= total);
                    progress = true;
                }
                Action::Passages(Done::IndexReady(_)) => break,
                Action::Failed(e) => panic!("{e}"),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(progress);
    }
}
