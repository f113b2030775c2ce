//! Read marks that follow an article moved or renamed within the folder: the glue between
//! the read marks (`crate::state`) and the store index, for the reader's workers. A mark keeps
//! the article's guid or url; when its file is gone, the index says where an article with that
//! guid or url is now, and the mark moves there.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::index::Db;
use crate::state::ReadMarks;

/// How often the marks whose file is gone are looked for again (rows arrive many times
/// during a long pass of the index).
const EVERY: Duration = Duration::from_secs(1);

pub struct Follow {
    root: PathBuf,
    db_path: PathBuf,
    db: Option<Db>,
    /// Where moved articles are now -> the key their mark has.
    moved: HashMap<PathBuf, PathBuf>,
    last: Option<Instant>,
    /// Whether marks kept without a guid or url were given theirs this run.
    filled: bool,
}

impl Follow {
    pub fn new(root: &Path, db_path: &Path) -> Follow {
        Follow {
            root: root.to_owned(),
            db_path: db_path.to_owned(),
            db: None,
            moved: HashMap::new(),
            last: None,
            filled: false,
        }
    }

    fn db(&mut self) -> Option<&Db> {
        if self.db.is_none() {
            self.db = Db::open(&self.db_path, &self.root).ok();
        }
        self.db.as_ref()
    }

    /// Mark the article at `path` read, with its guid or url when the index has one.
    pub fn mark_read(&mut self, marks: &mut ReadMarks, path: &Path) {
        let id = self.db().and_then(|db| db.identity_of(path).ok().flatten());
        marks.set_read_as(path, id.as_deref(), true);
    }

    /// Whether the article at `path` is read, by its path or, when it moved, by its guid or
    /// url (the mark then moves to it and is saved).
    pub fn is_read(&mut self, marks: &mut ReadMarks, path: &Path) -> bool {
        if marks.is_read(path) {
            return true;
        }
        self.refresh(marks);
        match self.moved.remove(path) {
            Some(old) => {
                marks.follow(&old, path);
                // Best effort: a read-only data dir keeps the mark in memory.
                let _ = marks.save();
                true
            }
            None => false,
        }
    }

    fn refresh(&mut self, marks: &mut ReadMarks) {
        if self.last.is_some_and(|t| t.elapsed() < EVERY) {
            return;
        }
        self.last = Some(Instant::now());
        let fill = !self.filled;
        self.filled = true;
        let Some(db) = self.db() else {
            return;
        };
        // Marks from before identities were kept get theirs, once a run.
        let mut learnt = Vec::new();
        if fill {
            for path in marks.without_identity() {
                if let Ok(Some(id)) = db.identity_of(&path) {
                    learnt.push((path, id));
                }
            }
        }
        let mut moved = HashMap::new();
        for (old, id) in marks.orphans() {
            let now = db.paths_with_identity(&id).unwrap_or_default();
            if let Some(p) = now.into_iter().find(|p| p.is_file() && !marks.is_read(p)) {
                moved.insert(p, old);
            }
        }
        self.moved = moved;
        if !learnt.is_empty() {
            for (path, id) in &learnt {
                marks.set_identity(path, id);
            }
            let _ = marks.save();
        }
    }
}

/// Move the bookmarks of articles moved within the folder after them, and give bookmarks
/// made before identities were kept their article's guid or url, from the store index as it
/// is now (an article moved while the reader was closed is followed once the index has seen
/// it). Best effort: an error is a warning for the status bar.
pub fn follow_bookmarks(
    file: &crate::bookmarks::BookmarkFile,
    root: &Path,
    db_path: &Path,
) -> Option<String> {
    let db = Db::open(db_path, root).ok()?;
    file.follow_moved(
        |path| db.identity_of(path).ok().flatten(),
        |id| db.paths_with_identity(id).unwrap_or_default(),
    )
    .err()
    .map(|e| e.to_string())
}
