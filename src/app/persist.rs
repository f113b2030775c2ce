//! The I/O behind [`PassageEffect`]s: the bookmarks file, re-anchoring bookmarks in their
//! articles, and the speaker index built on a worker thread with progress.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crate::app::action::Action;
use crate::app::passages::{Done, PassageEffect};
use crate::bookmarks::{BookmarkError, BookmarkFile, Loaded, anchor};
use crate::index::{self, IndexCache};

/// Where the bookmarks and the speaker index live.
#[derive(Debug, Clone)]
pub struct PassageIo {
    pub file: BookmarkFile,
    pub cache_dir: PathBuf,
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
        }
    }

    /// The bookmarks on disk, as an action for `update` (at start).
    pub fn load(&self) -> Action {
        bookmarks(self.file.load(), "bookmarks not read")
    }

    /// Perform `effect`; the action to feed back, if one is ready now (the index worker
    /// sends its own through `tx`).
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
            PassageEffect::CheckAnchors(list) => Action::Passages(Done::Anchors(check(&list))),
            PassageEffect::BuildIndex(paths) => {
                spawn_index(paths, self.cache_dir.clone(), tx.clone());
                return None;
            }
        })
    }
}

/// Where each bookmark's passage is now: each article read once.
fn check(list: &[crate::bookmarks::Bookmark]) -> Vec<(String, &'static str)> {
    let mut by_path: BTreeMap<&Path, Vec<&crate::bookmarks::Bookmark>> = BTreeMap::new();
    for b in list {
        by_path.entry(b.path.as_path()).or_default().push(b);
    }
    let mut out = Vec::new();
    for (path, marks) in by_path {
        let text = crate::article::load(path).ok().map(|a| a.raw);
        for b in marks {
            let status = text.as_deref().map_or("missing", |t| anchor(b, t).status());
            out.push((b.id.clone(), status));
        }
    }
    out
}

/// Build the speaker index on a worker thread: progress, then the index.
fn spawn_index(paths: Vec<PathBuf>, cache_dir: PathBuf, tx: mpsc::Sender<Action>) {
    std::thread::spawn(move || {
        let mut cache = IndexCache::load(&cache_dir);
        let mut last = Instant::now();
        let built = index::build(&paths, &mut cache, |done, total| {
            if done == total || last.elapsed() >= PROGRESS_EVERY {
                last = Instant::now();
                let _ = tx.send(Action::Passages(Done::IndexProgress { done, total }));
            }
        });
        if let Err(e) = cache.save(&cache_dir) {
            let _ = tx.send(Action::Failed(format!("speaker cache not saved: {e}")));
        }
        let _ = tx.send(Action::Passages(Done::IndexReady(Arc::new(built))));
    });
}
