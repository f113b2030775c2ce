//! Which articles have been read: `read.toml` in the data dir.
//!
//! Each article is named by its path relative to the articles folder ([`super::key`]), so the
//! marks survive moving the folder; marks of files outside the folder keep their whole path.
//! A file written by an older tidings (absolute paths) is migrated when it is loaded. Every
//! save takes the lock `read.toml.lock`, re-reads the file, replays this run's changes over it
//! and writes it atomically, so readers running at once never undo each other's marks.
//! Loading takes no lock and needs no write access.
//!
//! A mark also keeps the article's guid or url when it has one (`[identities]`, by path), so
//! that an article moved or renamed within the folder keeps its mark: see
//! [`ReadMarks::orphans`] and [`ReadMarks::follow`]. Marks written before identities were kept
//! get theirs when the article is next seen ([`ReadMarks::set_identity`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::key::{self, StoredPath};
use super::{lock, lock_path_of, read_regular, set_aside, write_atomic};

/// The file name of the read marks in the data dir.
pub const READ_MARKS_FILE: &str = "read.toml";

/// The read marks of one articles folder.
#[derive(Debug, Clone, Default)]
pub struct ReadMarks {
    file: PathBuf,
    root: PathBuf,
    /// Keys ([`key::relative`] to `root`) of the articles read.
    read: BTreeSet<PathBuf>,
    /// What this run changed, replayed over the file's current contents on save, so that two
    /// readers running at once do not undo each other's marks.
    changes: HashMap<PathBuf, bool>,
    /// The guid or url of read articles, by key.
    identities: BTreeMap<PathBuf, String>,
    /// Identities this run learnt or dropped (`None`), replayed on save like `changes`.
    identity_changes: HashMap<PathBuf, Option<String>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadFile {
    #[serde(default)]
    read: Vec<StoredPath>,
    /// Key (a UTF-8 path) -> guid or url.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    identities: BTreeMap<String, String>,
}

/// What a read-marks file holds.
#[derive(Debug, Default)]
struct Stored {
    read: BTreeSet<PathBuf>,
    identities: BTreeMap<PathBuf, String>,
}

const READ_HEADER: &str = "# Articles marked as read by tidings, by their path in the articles folder.\n\
# Safe to edit while tidings is not running.\n";

/// The marks in `file`: `Ok(None)` when it does not exist, `Err(reason)` when it does not parse.
fn read_marks_file(file: &Path) -> io::Result<Result<Option<Stored>, String>> {
    let Some(bytes) = read_regular(file)? else {
        return Ok(Ok(None));
    };
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|e| e.to_string())
        .and_then(|text| toml::from_str::<ReadFile>(text).map_err(|e| e.to_string()));
    Ok(parsed.map(|f| {
        Some(Stored {
            read: f.read.iter().filter_map(StoredPath::to_path).collect(),
            identities: f
                .identities
                .into_iter()
                .map(|(k, v)| (PathBuf::from(k), v))
                .collect(),
        })
    }))
}

/// The keys with every absolute path inside `root` made relative; whether any changed.
fn migrate(root: &Path, keys: BTreeSet<PathBuf>) -> (BTreeSet<PathBuf>, bool) {
    let mut changed = false;
    let keys = keys
        .into_iter()
        .map(|k| {
            if k.is_absolute() {
                let rel = key::relative(root, &k);
                changed |= rel != k;
                rel
            } else {
                k
            }
        })
        .collect();
    (keys, changed)
}

/// The first line of a parse error.
fn first_line(reason: &str) -> &str {
    reason.lines().next().unwrap_or("").trim()
}

impl ReadMarks {
    /// Load the marks of the articles folder `root` from `data_dir`. A missing file means
    /// nothing is read yet; a file that does not parse is set aside (never overwritten) and the
    /// warning says where it went. Marks kept by absolute path are migrated to paths relative
    /// to `root` (and the file rewritten when it can be).
    pub fn load(data_dir: &Path, root: &Path) -> (ReadMarks, Option<String>) {
        let file = data_dir.join(READ_MARKS_FILE);
        let mut marks = ReadMarks {
            file,
            root: root.to_owned(),
            read: BTreeSet::new(),
            changes: HashMap::new(),
            identities: BTreeMap::new(),
            identity_changes: HashMap::new(),
        };
        let warning = match read_marks_file(&marks.file) {
            Ok(Ok(found)) => {
                let found = found.unwrap_or_default();
                marks.identities = found.identities;
                let (read, migrated) = migrate(root, found.read);
                marks.read = read;
                if migrated {
                    // Best effort: a read-only data dir keeps the old file, and the marks
                    // still apply in memory.
                    let _ = marks.save();
                }
                None
            }
            Ok(Err(reason)) => Some(marks.set_aside_under_lock(first_line(&reason))),
            Err(e) => Some(format!("cannot read {}: {e}", marks.file.display())),
        };
        (marks, warning)
    }

    /// Take the lock, and set the file aside if it still does not parse.
    fn set_aside_under_lock(&self, reason: &str) -> String {
        let file = self.file.display();
        let _lock = match lock(&lock_path_of(&self.file)) {
            Ok(l) => l,
            Err(e) => {
                return format!("{file} did not parse ({reason}); it was left as it is: {e}");
            }
        };
        match read_marks_file(&self.file) {
            Ok(Err(_)) => match set_aside(&self.file) {
                Ok(to) => format!(
                    "{file} did not parse ({reason}); it was moved to {} and a new one will be written",
                    to.display()
                ),
                Err(e) => {
                    format!("{file} did not parse ({reason}) and could not be moved aside: {e}")
                }
            },
            // Another process set it aside or rewrote it meanwhile: nothing to move.
            _ => format!("{file} did not parse ({reason}); another process replaced it"),
        }
    }

    /// Where the marks are kept.
    pub fn file(&self) -> &Path {
        &self.file
    }

    fn key(&self, path: &Path) -> PathBuf {
        key::relative(&self.root, path)
    }

    /// Whether the article at `path` (in the articles folder, or relative to the working
    /// folder) is marked read.
    pub fn is_read(&self, path: &Path) -> bool {
        self.read.contains(&self.key(path))
    }

    pub fn set_read(&mut self, path: &Path, read: bool) {
        let key = self.key(path);
        if read {
            self.read.insert(key.clone());
        } else {
            self.read.remove(&key);
            if self.identities.remove(&key).is_some() {
                self.identity_changes.insert(key.clone(), None);
            }
        }
        self.changes.insert(key, read);
    }

    /// Mark the article at `path` read or not, keeping its guid or url with the mark so that
    /// the mark follows the file when it moves within the folder.
    pub fn set_read_as(&mut self, path: &Path, identity: Option<&str>, read: bool) {
        self.set_read(path, read);
        if read && let Some(id) = identity {
            self.set_identity(path, id);
        }
    }

    /// Remember the guid or url of a read article (a mark written before identities were
    /// kept gets one this way). Nothing for an article not marked read, or a path that is
    /// not UTF-8 (the file keeps identities by path as text).
    pub fn set_identity(&mut self, path: &Path, identity: &str) {
        let key = self.key(path);
        if !self.read.contains(&key)
            || key.to_str().is_none()
            || self.identities.get(&key).map(String::as_str) == Some(identity)
        {
            return;
        }
        self.identities.insert(key.clone(), identity.to_owned());
        self.identity_changes.insert(key, Some(identity.to_owned()));
    }

    /// Read marks without a guid or url yet, whose file is still there (as full paths).
    pub fn without_identity(&self) -> Vec<PathBuf> {
        self.read
            .iter()
            .filter(|k| !self.identities.contains_key(*k))
            .map(|k| key::resolve(&self.root, k))
            .filter(|p| p.is_file())
            .collect()
    }

    /// Read marks whose file is gone but whose guid or url is known: (key, identity). The
    /// article may have moved; [`ReadMarks::follow`] moves the mark after it.
    pub fn orphans(&self) -> Vec<(PathBuf, String)> {
        self.identities
            .iter()
            .filter(|(k, _)| self.read.contains(*k) && !key::resolve(&self.root, k).exists())
            .map(|(k, id)| (k.clone(), id.clone()))
            .collect()
    }

    /// The article marked read under `old` (a key from [`ReadMarks::orphans`]) is now at
    /// `path`: move the mark and its identity there.
    pub fn follow(&mut self, old: &Path, path: &Path) {
        let Some(id) = self.identities.get(old).cloned() else {
            return;
        };
        let old = key::resolve(&self.root, old);
        self.set_read(&old, false);
        self.set_read_as(path, Some(&id), true);
    }

    /// How many articles are marked read.
    pub fn len(&self) -> usize {
        self.read.len()
    }

    pub fn is_empty(&self) -> bool {
        self.read.is_empty()
    }

    /// Write the marks atomically, under the lock: the file as it is now on disk, with this
    /// run's changes replayed over it. A file that no longer parses is set aside first, never
    /// overwritten.
    pub fn save(&self) -> io::Result<()> {
        let _lock = lock(&lock_path_of(&self.file))?;
        let stored = match read_marks_file(&self.file)? {
            Ok(stored) => stored.unwrap_or_default(),
            Err(reason) => {
                set_aside(&self.file).map_err(|e| {
                    io::Error::other(format!(
                        "{} did not parse ({}) and could not be moved aside: {e}",
                        self.file.display(),
                        first_line(&reason)
                    ))
                })?;
                Stored::default()
            }
        };
        let (mut marks, _) = migrate(&self.root, stored.read);
        let mut identities = stored.identities;
        for (path, &read) in &self.changes {
            if read {
                marks.insert(path.clone());
            } else {
                marks.remove(path);
            }
        }
        for (path, id) in &self.identity_changes {
            match id {
                Some(id) => identities.insert(path.clone(), id.clone()),
                None => identities.remove(path),
            };
        }
        identities.retain(|k, _| marks.contains(k));
        let file = ReadFile {
            read: marks.iter().map(|p| StoredPath::of(p)).collect(),
            identities: identities
                .into_iter()
                .filter_map(|(k, v)| Some((k.to_str()?.to_owned(), v)))
                .collect(),
        };
        let body = toml::to_string(&file).map_err(io::Error::other)?;
        write_atomic(&self.file, format!("{READ_HEADER}{body}").as_bytes())
    }
}

#[cfg(test)]
#[path = "read_marks_tests.rs"]
mod tests;
