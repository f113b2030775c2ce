//! `bookmarks.toml`: human-readable, written atomically, never lost.
//!
//! Every change takes an exclusive lock on `bookmarks.toml.lock` beside the file, re-reads the
//! file, applies the change and writes the whole list atomically before letting go, so two
//! tidings processes at once keep each other's bookmarks. Reading takes no lock (a write is
//! one rename, so a reader sees a whole file) and needs no write access. A file that does not
//! parse is moved aside (`bookmarks.toml.corrupt-<time>`) with its bytes intact, the caller
//! gets a warning to show, and the list starts empty; it is never overwritten.
//!
//! With [`BookmarkFile::relative_to`], articles inside the articles folder are written by their
//! path relative to it ([`crate::state::key`]), so bookmarks survive moving the folder; in
//! memory every bookmark keeps the article's full path. Older files with absolute paths are
//! read as they are and written relative on the next change.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Bookmark;
use crate::state;

/// The file's name in the data dir.
pub const FILE_NAME: &str = "bookmarks.toml";
const HEADER: &str = "# tidings bookmarks: one [[bookmark]] table each; offsets are bytes into the article file.\n\n";

/// What can go wrong with the bookmarks file. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum BookmarkError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}: cannot write the bookmarks: {source}", path.display())]
    Encode {
        path: PathBuf,
        #[source]
        source: toml::ser::Error,
    },
    #[error("{}: no bookmark with id {id}", path.display())]
    NotFound { path: PathBuf, id: String },
}

/// The bookmarks as they are on disk after an operation, and a warning to show the user when
/// the file had to be set aside.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// In the file's order: oldest first.
    pub bookmarks: Vec<Bookmark>,
    pub warning: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct FileFormat {
    #[serde(default, rename = "bookmark")]
    bookmarks: Vec<Bookmark>,
}

#[derive(Serialize)]
struct FileRef<'a> {
    #[serde(rename = "bookmark")]
    bookmarks: &'a [Bookmark],
}

/// The bookmarks file of one data dir. Cheap to make; holds no open file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkFile {
    path: PathBuf,
    /// The articles folder that relative paths in the file are relative to.
    root: Option<PathBuf>,
}

impl BookmarkFile {
    /// The bookmarks file in `data_dir` (created on the first write). Paths are written as
    /// they are given.
    pub fn new(data_dir: &Path) -> Self {
        Self {
            path: data_dir.join(FILE_NAME),
            root: None,
        }
    }

    /// Write the paths of articles inside `root` relative to it, and read relative paths as
    /// inside it.
    #[must_use]
    pub fn relative_to(mut self, root: &Path) -> Self {
        self.root = Some(root.to_owned());
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read the bookmarks. A missing file is an empty list; a file that does not parse is
    /// set aside and reported in [`Loaded::warning`].
    /// Takes no lock and writes nothing unless the file must be set aside.
    pub fn load(&self) -> Result<Loaded, BookmarkError> {
        match self.parse()? {
            Ok(bookmarks) => Ok(Loaded {
                bookmarks,
                warning: None,
            }),
            // Setting aside is a change: under the lock, after reading again.
            Err(reason) => match self.lock() {
                Ok(_lock) => self.read(),
                Err(e) => Ok(Loaded {
                    bookmarks: Vec::new(),
                    warning: Some(format!(
                        "{} could not be read ({reason}) and was left as it is: {e}",
                        self.path.display()
                    )),
                }),
            },
        }
    }

    /// Add a bookmark (replacing one with the same id).
    pub fn add(&self, bookmark: Bookmark) -> Result<Loaded, BookmarkError> {
        self.change(|list| {
            match list.iter_mut().find(|b| b.id == bookmark.id) {
                Some(old) => *old = bookmark,
                None => list.push(bookmark),
            }
            Ok(true)
        })
    }

    /// Remove a bookmark; returns the list and the bookmark removed (keep it to
    /// [`restore`](Self::restore) it). Removing an id that is not there changes nothing.
    pub fn remove(&self, id: &str) -> Result<(Loaded, Option<Bookmark>), BookmarkError> {
        let mut removed = None;
        let loaded = self.change(|list| {
            if let Some(i) = list.iter().position(|b| b.id == id) {
                removed = Some(list.remove(i));
            }
            Ok(removed.is_some())
        })?;
        Ok((loaded, removed))
    }

    /// Put back a removed bookmark (undo). Nothing changes if its id is already there.
    pub fn restore(&self, bookmark: Bookmark) -> Result<Loaded, BookmarkError> {
        self.change(|list| {
            if list.iter().any(|b| b.id == bookmark.id) {
                return Ok(false);
            }
            list.push(bookmark);
            Ok(true)
        })
    }

    /// Replace a bookmark's note.
    pub fn set_note(&self, id: &str, note: &str) -> Result<Loaded, BookmarkError> {
        self.change(|list| match list.iter_mut().find(|b| b.id == id) {
            Some(b) => {
                note.clone_into(&mut b.note);
                Ok(true)
            }
            None => Err(BookmarkError::NotFound {
                path: self.path.clone(),
                id: id.to_owned(),
            }),
        })
    }

    /// Under the lock: read, apply `f` (which says whether it changed anything), write.
    pub(super) fn change(
        &self,
        f: impl FnOnce(&mut Vec<Bookmark>) -> Result<bool, BookmarkError>,
    ) -> Result<Loaded, BookmarkError> {
        let _lock = self.lock()?;
        let mut loaded = self.read()?;
        if f(&mut loaded.bookmarks)? {
            loaded
                .bookmarks
                .sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
            let stored: Vec<Bookmark> = loaded.bookmarks.iter().map(|b| self.stored(b)).collect();
            let body = toml::to_string(&FileRef { bookmarks: &stored }).map_err(|source| {
                BookmarkError::Encode {
                    path: self.path.clone(),
                    source,
                }
            })?;
            state::write_atomic(&self.path, format!("{HEADER}{body}").as_bytes())
                .map_err(|e| self.io(e))?;
        }
        Ok(loaded)
    }

    /// A bookmark as it is written: its path relative to the articles folder when inside.
    fn stored(&self, b: &Bookmark) -> Bookmark {
        let mut b = b.clone();
        if let Some(root) = &self.root {
            b.path = crate::state::key::relative(root, &b.path);
        }
        b
    }

    /// The bookmarks in the file (`Err` with the reason when it does not parse), each with the
    /// article's full path. Only a file that cannot be read at all is an error.
    pub(super) fn parse(&self) -> Result<Result<Vec<Bookmark>, String>, BookmarkError> {
        let Some(bytes) = state::read_regular(&self.path).map_err(|e| self.io(e))? else {
            return Ok(Ok(Vec::new()));
        };
        let parsed = std::str::from_utf8(&bytes)
            .map_err(|e| e.to_string())
            .and_then(|s| toml::from_str::<FileFormat>(s).map_err(|e| e.to_string()));
        Ok(parsed.map(|file| {
            let mut list = file.bookmarks;
            if let Some(root) = &self.root {
                for b in &mut list {
                    b.path = crate::state::key::resolve(root, &b.path);
                }
            }
            list
        }))
    }

    /// Read and parse, setting a bad file aside. Call with the lock held.
    fn read(&self) -> Result<Loaded, BookmarkError> {
        match self.parse()? {
            Ok(bookmarks) => Ok(Loaded {
                bookmarks,
                warning: None,
            }),
            Err(reason) => {
                let aside = state::set_aside(&self.path).map_err(|e| self.io(e))?;
                let reason = reason.lines().next().unwrap_or_default().to_owned();
                Ok(Loaded {
                    bookmarks: Vec::new(),
                    warning: Some(format!(
                        "{} could not be read ({reason}); it was moved to {} and bookmarks start empty",
                        self.path.display(),
                        aside.display()
                    )),
                })
            }
        }
    }

    /// Take the exclusive lock; it is released when the returned file is dropped.
    fn lock(&self) -> Result<File, BookmarkError> {
        let lock_path = state::lock_path_of(&self.path);
        state::lock(&lock_path).map_err(|source| BookmarkError::Io {
            path: lock_path,
            source,
        })
    }

    fn io(&self, source: io::Error) -> BookmarkError {
        BookmarkError::Io {
            path: self.path.clone(),
            source,
        }
    }
}
