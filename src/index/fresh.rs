//! Whether the index is behind the folder, told cheaply, so that a command can query at once
//! when it is current instead of walking the whole store first.
//!
//! Two checks, cheapest first. A file added, removed or renamed changes the mtime of its
//! folder, so the folders of the last full walk are compared with the disk (a hundred
//! `stat`s for 100,000 articles in 100 folders). A file rewritten in place changes only its
//! own stamp, so the files the index knows are then compared with the disk in parallel,
//! within a time budget: a check that runs out of time says how far it got.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::db::{Db, DbError, rel_bytes};
use super::record::Stamp;

/// What [`check`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// Every folder and every file is as the index has it.
    Current,
    /// Files were added, removed or renamed (or the folder was never walked whole): only a
    /// full pass brings the index up to date. The path is a folder that changed.
    Behind(Option<PathBuf>),
    /// These files were rewritten in place or are gone (and nothing else changed).
    Changed(Vec<PathBuf>),
    /// The folders are as they were, but only `checked` of `total` files were compared in the
    /// time given; `changed` are those found changed among them.
    Partial {
        checked: usize,
        total: usize,
        changed: Vec<PathBuf>,
    },
}

impl Db {
    /// The folders of the last full walk, with their stamps then.
    pub fn folders(&self) -> Result<Vec<(PathBuf, Stamp)>, DbError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT rel, size, mtime_ns FROM folders")
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| {
            Ok((
                self.join(r.get(0)?),
                Stamp {
                    size: r.get::<_, i64>(1)? as u64,
                    mtime_ns: r.get(2)?,
                },
            ))
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// Remember the folders of a full walk whose every change is now in the index.
    pub fn set_folders(&mut self, folders: &[(PathBuf, Stamp)]) -> Result<(), DbError> {
        let root = self.root().to_owned();
        let write = |conn: &rusqlite::Connection| -> rusqlite::Result<()> {
            let tx = conn.unchecked_transaction()?;
            tx.execute("DELETE FROM folders", [])?;
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO folders(rel, size, mtime_ns) VALUES (?1, ?2, ?3)",
            )?;
            for (path, stamp) in folders {
                let rel = rel_bytes(path.strip_prefix(&root).unwrap_or(path));
                insert.execute(rusqlite::params![
                    rel,
                    i64::try_from(stamp.size).unwrap_or(i64::MAX),
                    stamp.mtime_ns
                ])?;
            }
            drop(insert);
            tx.commit()
        };
        write(self.conn()).map_err(|e| self.err(e))
    }
}

/// The stamp of the folder at `path` now (`None` when it is gone or not a folder).
fn folder_stamp(path: &std::path::Path) -> Option<Stamp> {
    std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_dir)
        .and_then(|m| Stamp::of(&m))
}

/// Compare the index with the folder, spending about `budget` on the files at most.
pub fn check(db: &Db, budget: Duration) -> Result<Freshness, DbError> {
    let folders = db.folders()?;
    if folders.is_empty() {
        return Ok(Freshness::Behind(None));
    }
    if let Some((path, _)) = folders
        .iter()
        .find(|(path, stamp)| folder_stamp(path) != Some(*stamp))
    {
        return Ok(Freshness::Behind(Some(path.clone())));
    }
    let files = db.stamps()?;
    let total = files.len();
    let until = Instant::now() + budget;
    let out_of_time = AtomicBool::new(false);
    let files: Vec<(PathBuf, Stamp)> = files.into_iter().collect();
    // Each chunk looks at the clock once; a chunk not started in time is not checked.
    let results: Vec<Option<Vec<PathBuf>>> = files
        .par_chunks(256)
        .map(|chunk| {
            if out_of_time.load(Ordering::Relaxed) || Instant::now() >= until {
                out_of_time.store(true, Ordering::Relaxed);
                return None;
            }
            Some(
                chunk
                    .iter()
                    .filter(|(path, stamp)| Stamp::of_path(path) != Some(*stamp))
                    .map(|(path, _)| path.clone())
                    .collect(),
            )
        })
        .collect();
    let checked = results
        .iter()
        .zip(files.chunks(256))
        .filter(|(r, _)| r.is_some())
        .map(|(_, c)| c.len())
        .sum::<usize>();
    let mut changed: Vec<PathBuf> = results.into_iter().flatten().flatten().collect();
    changed.sort();
    Ok(if checked < total {
        Freshness::Partial {
            checked,
            total,
            changed,
        }
    } else if changed.is_empty() {
        Freshness::Current
    } else {
        Freshness::Changed(changed)
    })
}
