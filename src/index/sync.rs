//! Bringing the index in line with the folder: which files are new, changed or gone, and
//! analysing the new and changed ones in parallel with a bound on the memory held at once.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::db::{Db, DbError};
use super::record::{FileRecord, Stamp, analyse_file};
use crate::article::{self, Problem};

/// Files at most this large are analysed side by side; a larger one is analysed alone, so the
/// text under analysis at once stays under `threads x SMALL_FILE` or one file (8 MB at most).
/// The engine holds about 40 times an article's size while it works.
pub const SMALL_FILE: u64 = 1024 * 1024;
/// Files analysed between two commits (fewer when they are large).
const CHUNK_FILES: usize = 256;
/// Bytes of article text held by one batch before it is written.
const CHUNK_BYTES: u64 = 16 * 1024 * 1024;
/// Analysis threads at most.
const MAX_THREADS: usize = 4;

/// What differs between the folder and the index.
#[derive(Debug, Default)]
pub struct Plan {
    /// New or changed files, with their stamps now.
    pub changed: Vec<(PathBuf, Stamp)>,
    /// Files the index knows that are gone.
    pub removed: Vec<PathBuf>,
    /// Problems of the walk itself (symlink loops, unreadable folders, pipes).
    pub walk_problems: Vec<Problem>,
    /// Files the index already had (changed ones among them).
    pub known: usize,
    /// The folders walked, with their stamps before their files were listed (see
    /// [`super::fresh`]): kept in the index once every change of the walk is in.
    pub folders: Vec<(PathBuf, Stamp)>,
}

/// Compare the whole folder with the index (walk and stat; no file is read).
pub fn plan(db: &Db) -> Result<Plan, DbError> {
    let root = db.root().to_owned();
    let mut known = db.stamps()?;
    let mut plan = Plan {
        known: known.len(),
        ..Plan::default()
    };
    if root.is_dir() {
        let walk = article::walk_with_folders(&root);
        plan.walk_problems = walk.problems;
        plan.folders = walk.folders;
        for (path, stamp) in walk.files {
            let Some(now) = stamp else {
                continue;
            };
            if known.remove(&path) != Some(now) {
                plan.changed.push((path, now));
            }
        }
    } else {
        plan.walk_problems.push(Problem {
            path: root.clone(),
            line: None,
            reason: if root.exists() {
                "not a folder".to_owned()
            } else {
                "folder not found".to_owned()
            },
        });
    }
    plan.removed = known.into_keys().collect();
    plan.removed.sort();
    Ok(plan)
}

/// Look at just these paths (from the folder watcher): each is new, changed, gone or the same.
pub fn plan_paths(db: &Db, paths: &[PathBuf]) -> Result<Plan, DbError> {
    let mut plan = Plan::default();
    for path in paths {
        if !is_store_article(db.root(), path) {
            continue;
        }
        let known = db.stamp(path)?;
        match Stamp::of_path(path) {
            Some(now) if known != Some(now) => plan.changed.push((path.clone(), now)),
            None if known.is_some() => plan.removed.push(path.clone()),
            Some(_) | None => {}
        }
    }
    Ok(plan)
}

/// Whether `path` is an article file the walk would list: under `root`, with an article
/// extension, and no hidden component.
pub fn is_store_article(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    article::is_article_path(path)
        && rel
            .components()
            .all(|c| !c.as_os_str().as_encoded_bytes().starts_with(b"."))
}

/// Batches of files to analyse together: small files by count and bytes, a large file alone.
fn batches(changed: &[(PathBuf, Stamp)]) -> Vec<(&[(PathBuf, Stamp)], bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, (_, stamp)) in changed.iter().enumerate() {
        if stamp.size > SMALL_FILE {
            if start < i {
                out.push((&changed[start..i], true));
            }
            out.push((&changed[i..=i], false));
            start = i + 1;
            bytes = 0;
            continue;
        }
        if i - start >= CHUNK_FILES || bytes + stamp.size > CHUNK_BYTES {
            out.push((&changed[start..i], true));
            start = i;
            bytes = 0;
        }
        bytes += stamp.size;
    }
    if start < changed.len() {
        out.push((&changed[start..], true));
    }
    out
}

/// The analysis pool: a few threads, never more than the cores.
pub fn pool() -> Option<rayon::ThreadPool> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(MAX_THREADS);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("tidings-index-{i}"))
        .build()
        .ok()
}

/// Carry out `plan`: forget removed files, analyse and write changed ones batch by batch.
/// `after(db, done, total, paths)` runs after each write with the paths just written; it returns
/// false to stop early.
pub fn carry_out(
    db: &mut Db,
    plan: &Plan,
    pool: Option<&rayon::ThreadPool>,
    mut after: impl FnMut(&Db, usize, usize, &[PathBuf]) -> bool,
) -> Result<(), DbError> {
    let total = plan.changed.len() + plan.removed.len();
    if !plan.removed.is_empty() {
        db.apply(&[], &plan.removed)?;
        if !after(db, plan.removed.len(), total, &plan.removed) {
            return Ok(());
        }
    }
    let root = db.root().to_owned();
    let mut done = plan.removed.len();
    for (batch, parallel) in batches(&plan.changed) {
        let analyse = |(path, stamp): &(PathBuf, Stamp)| analyse_file(&root, path, *stamp);
        let records: Vec<FileRecord> = match pool {
            Some(pool) if parallel => pool.install(|| batch.par_iter().map(analyse).collect()),
            _ => batch.iter().map(analyse).collect(),
        };
        db.apply(&records, &[])?;
        done += batch.len();
        let paths: Vec<PathBuf> = batch.iter().map(|(p, _)| p.clone()).collect();
        if !after(db, done, total, &paths) {
            return Ok(());
        }
    }
    Ok(())
}

/// Bring the index fully up to date, blocking (for the headless commands).
pub fn sync(db: &mut Db) -> Result<Vec<Problem>, DbError> {
    let plan = plan(db)?;
    let pool = pool();
    carry_out(db, &plan, pool.as_ref(), |_, _, _, _| true)?;
    db.set_folders(&plan.folders)?;
    Ok(plan.walk_problems)
}

/// Bring the index up to date as `fresh` found it, blocking: a full pass when files were
/// added, removed or renamed, just the changed files when they were rewritten in place.
/// Returns how many files were written or forgotten.
pub fn catch_up(db: &mut Db, fresh: &super::fresh::Freshness) -> Result<usize, DbError> {
    use super::fresh::Freshness;
    let plan = match fresh {
        Freshness::Current => return Ok(0),
        Freshness::Behind(_) => plan(db)?,
        Freshness::Changed(paths) | Freshness::Partial { changed: paths, .. } => {
            plan_paths(db, paths)?
        }
    };
    let pool = pool();
    carry_out(db, &plan, pool.as_ref(), |_, _, _, _| true)?;
    if matches!(fresh, Freshness::Behind(_)) {
        db.set_folders(&plan.folders)?;
    }
    Ok(plan.changed.len() + plan.removed.len())
}

/// The index of the store at `root` (in `cache_dir`, or in memory when that cannot be
/// written: the warning says so), brought up to date, and the store's rows and problems.
pub fn open_store(
    root: &Path,
    cache_dir: &Path,
) -> Result<(crate::article::Store, Db, Option<String>), DbError> {
    let path = super::db::db_path(cache_dir, root);
    let (db, warning) = super::worker::open(root, Some(&path));
    let mut db = db?;
    let mut problems = sync(&mut db)?;
    problems.extend(db.problems()?);
    let store = crate::article::Store {
        root: root.to_owned(),
        entries: db.rows(None)?,
        problems,
    };
    Ok((store, db, warning))
}

/// What the first frame needs, and nothing more: the first `limit` rows in list order and
/// how many rows there are. Whatever goes wrong gives nothing (the worker says why).
pub fn first_screen(
    db_path: &Path,
    root: &Path,
    limit: usize,
) -> (Vec<crate::article::Entry>, usize) {
    let Ok(db) = Db::open(db_path, root) else {
        return (Vec::new(), 0);
    };
    let rows = db.rows(Some(limit)).unwrap_or_default();
    let total = db.counts().map_or(rows.len(), |(n, _)| n);
    (rows, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(size: u64) -> Stamp {
        Stamp { size, mtime_ns: 0 }
    }

    #[test]
    fn batches_hold_a_large_file_alone_and_bound_the_bytes() {
        let mut changed: Vec<(PathBuf, Stamp)> = (0..600)
            .map(|i| (PathBuf::from(format!("{i}.md")), stamp(4096)))
            .collect();
        changed.insert(10, (PathBuf::from("big.md"), stamp(5 * SMALL_FILE)));
        let b = batches(&changed);
        assert_eq!(b.iter().map(|(x, _)| x.len()).sum::<usize>(), changed.len());
        assert_eq!(b[1].0.len(), 1);
        assert!(!b[1].1, "a large file is analysed alone");
        for (batch, parallel) in &b {
            let bytes: u64 = batch.iter().map(|(_, s)| s.size).sum();
            assert!(batch.len() <= CHUNK_FILES + 1);
            assert!(!parallel || bytes <= CHUNK_BYTES);
        }
        let mut many: Vec<(PathBuf, Stamp)> = (0..100)
            .map(|i| (PathBuf::from(format!("{i}.md")), stamp(SMALL_FILE)))
            .collect();
        many.push((PathBuf::from("x.md"), stamp(1)));
        for (batch, _) in batches(&many) {
            assert!(batch.iter().map(|(_, s)| s.size).sum::<u64>() <= CHUNK_BYTES);
        }
    }
}
