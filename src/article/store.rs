//! The store: walking the articles folder, reading the articles, keeping the rows sorted.
//! Also where the articles folder is found.

use std::cmp::Reverse;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Entry, Problem, Stamp, Store, index_file};

/// File extensions read as articles (compared case-insensitively).
pub const EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

/// The articles folder: `--articles DIR`, then `TIDINGS_ARTICLES`, then the config's
/// `articles` key, then `./articles` when it exists, else `articles` in the data dir.
pub fn resolve_articles_dir(
    flag: Option<&Path>,
    config_value: Option<&Path>,
    dirs: &crate::paths::Dirs,
) -> PathBuf {
    let env = std::env::var_os("TIDINGS_ARTICLES").map(PathBuf::from);
    resolve_with(
        flag,
        env.as_deref(),
        config_value,
        Path::new("articles"),
        dirs,
    )
}

/// [`resolve_articles_dir`] with the environment and the working folder's `articles` given.
pub(super) fn resolve_with(
    flag: Option<&Path>,
    env: Option<&Path>,
    config_value: Option<&Path>,
    local: &Path,
    dirs: &crate::paths::Dirs,
) -> PathBuf {
    let given = |p: Option<&Path>| p.filter(|p| !p.as_os_str().is_empty()).map(Path::to_owned);
    given(flag)
        .or_else(|| given(env))
        .or_else(|| given(config_value))
        .or_else(|| local.is_dir().then(|| local.to_owned()))
        .unwrap_or_else(|| dirs.data.join("articles"))
}

/// Whether `path` has one of the article extensions.
pub fn is_article_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().as_encoded_bytes().starts_with(b".")
}

/// File systems that are not storage: their files are made up by the kernel and can be
/// endless (`/proc/<pid>/cwd` leads into another process's folders).
const VIRTUAL_ROOTS: [&str; 3] = ["/proc", "/sys", "/dev"];

/// Why the walk must not enter `entry` (a folder or a symlink), if it must not: it lies on
/// another file system than the store (`root_dev`), or in a virtual one.
fn out_of_bounds(entry: &walkdir::DirEntry, root_dev: Option<u64>) -> Option<String> {
    if entry.depth() == 0 || !(entry.path_is_symlink() || entry.file_type().is_dir()) {
        return None;
    }
    if entry.path_is_symlink() {
        // Both where the link says it goes (`/proc/self/cwd`) and where that ends up.
        let written = std::fs::read_link(entry.path())
            .ok()
            .map(|t| entry.path().parent().unwrap_or(Path::new("/")).join(t));
        let resolved = std::fs::canonicalize(entry.path()).ok();
        let is_virtual = |t: &PathBuf| VIRTUAL_ROOTS.iter().any(|v| t.starts_with(v));
        if let Some(target) = written.iter().chain(&resolved).find(|t| is_virtual(t)) {
            return Some(format!(
                "symlink into {} (a virtual file system): not followed",
                target.display()
            ));
        }
    }
    let dev = device(entry.metadata().ok()?)?;
    (Some(dev) != root_dev)
        .then(|| "on another file system than the articles folder: not followed".to_owned())
}

/// The device a file is on (`None` where that cannot be known).
#[allow(clippy::unnecessary_wraps, clippy::needless_pass_by_value)] // `None` off Unix
fn device(meta: std::fs::Metadata) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(meta.dev())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Every article file under `root` with its stamp, plus the walk's problems (symlink loops,
/// unreadable folders, links out of bounds). Hidden files and folders are skipped. Symlinks
/// are followed only within the store's file system, and never into `/proc`, `/sys` or `/dev`.
pub fn walk(root: &Path) -> (Vec<(PathBuf, Option<Stamp>)>, Vec<Problem>) {
    let w = walk_with_folders(root);
    (w.files, w.problems)
}

/// What [`walk_with_folders`] found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Every article file with its stamp.
    pub files: Vec<(PathBuf, Option<Stamp>)>,
    pub problems: Vec<Problem>,
    /// Every folder walked (the root first) with its stamp, taken before its entries were
    /// listed: a file added, removed or renamed in it since then changes the folder's mtime.
    pub folders: Vec<(PathBuf, Stamp)>,
}

/// [`walk`], also giving the stamp of every folder walked.
pub fn walk_with_folders(root: &Path) -> Walk {
    let mut folders = Vec::new();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let root_dev = std::fs::metadata(root).ok().and_then(device);
    let refused = std::cell::RefCell::new(Vec::new());
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            if is_hidden(e) {
                return false;
            }
            match out_of_bounds(e, root_dev) {
                Some(reason) => {
                    refused.borrow_mut().push(Problem {
                        path: e.path().to_owned(),
                        line: None,
                        reason,
                    });
                    false
                }
                None => true,
            }
        });
    for item in walker {
        match item {
            Ok(entry) => {
                if entry.file_type().is_dir() {
                    // Yielded before its entries are read: the stamp predates the listing.
                    if let Some(stamp) = entry.metadata().ok().and_then(|m| Stamp::of(&m)) {
                        folders.push((entry.into_path(), stamp));
                    }
                    continue;
                }
                if !is_article_path(entry.path()) {
                    continue;
                }
                if !entry.file_type().is_file() {
                    // A named pipe or a device: reading it could block or never end.
                    problems.push(Problem {
                        path: entry.into_path(),
                        line: None,
                        reason: "not a regular file".to_owned(),
                    });
                    continue;
                }
                let stamp = entry.metadata().ok().and_then(|m| Stamp::of(&m));
                files.push((entry.into_path(), stamp));
            }
            Err(err) => {
                // A dangling symlink or an unreadable entry that does not look like an article
                // is not our business.
                let path = err.path().unwrap_or(root).to_owned();
                let is_loop = err.loop_ancestor().is_some();
                if !is_loop && err.depth() > 0 && !is_article_path(&path) && !path.is_dir() {
                    continue;
                }
                let reason = match (err.loop_ancestor(), err.io_error()) {
                    (Some(a), _) => format!("symlink loop (back to {})", a.display()),
                    (None, Some(io)) => format!("cannot read: {io}"),
                    (None, None) => err.to_string(),
                };
                problems.push(Problem {
                    path,
                    line: None,
                    reason,
                });
            }
        }
    }
    problems.extend(refused.into_inner());
    Walk {
        files,
        problems,
        folders,
    }
}

/// How rows are ordered: newest published first, undated after, then title, then path.
fn sort_key(e: &Entry) -> (Reverse<Option<i64>>, String, PathBuf) {
    (
        Reverse(e.published.as_deref().and_then(published_seconds)),
        e.title.to_lowercase(),
        e.path.clone(),
    )
}

/// Seconds since the epoch of a `published` value (a date counts as midnight UTC, a local
/// date-time as UTC).
pub fn published_seconds(s: &str) -> Option<i64> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Some(t.as_second());
    }
    if let Some((dt, offset)) = super::parse::offset_date_time(s) {
        // Past jiff's timestamp range: count from the epoch in civil time.
        let epoch = jiff::civil::date(1970, 1, 1).to_datetime(jiff::civil::Time::midnight());
        return Some(dt.duration_since(epoch).as_secs() - i64::from(offset.seconds()));
    }
    let dt = s.parse::<jiff::civil::DateTime>().ok().or_else(|| {
        s.parse::<jiff::civil::Date>()
            .ok()
            .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
    })?;
    jiff::tz::Offset::UTC
        .to_timestamp(dt)
        .ok()
        .map(jiff::Timestamp::as_second)
}

impl Store {
    /// Walk `root` and read every article, blocking (the reader and the commands use the
    /// store index instead; this is the index-free path, for tests and tools).
    pub fn open(root: &Path) -> Store {
        let mut store = Store {
            root: root.to_owned(),
            ..Store::default()
        };
        if !root.is_dir() {
            store.problems.push(Problem {
                path: root.to_owned(),
                line: None,
                reason: if root.exists() {
                    "not a folder".to_owned()
                } else {
                    "folder not found".to_owned()
                },
            });
            return store;
        }
        let (files, walk_problems) = walk(root);
        store.problems = walk_problems;
        let paths: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
        for result in index_all(root, &paths) {
            match result {
                Ok(entry) => store.entries.push(entry),
                Err(problem) => store.problems.push(problem),
            }
        }
        store.entries.sort_by_cached_key(sort_key);
        store
    }

    /// Add (or replace) the row of one indexed file, keeping the order. A problem recorded for
    /// the same file is dropped.
    pub fn insert(&mut self, entry: Entry) {
        self.entries.retain(|e| e.path != entry.path);
        self.problems.retain(|p| p.path != entry.path);
        let key = sort_key(&entry);
        let at = self.entries.partition_point(|e| sort_key(e) < key);
        self.entries.insert(at, entry);
    }

    /// Record that one file is bad (replacing its row or an older problem for it).
    pub fn insert_problem(&mut self, problem: Problem) {
        self.entries.retain(|e| e.path != problem.path);
        self.problems.retain(|p| p.path != problem.path);
        self.problems.push(problem);
    }

    /// Record many outcomes at once: one pass to drop the old rows of those files, one sort.
    pub fn record_all(&mut self, outcomes: Vec<Result<Entry, Problem>>) {
        let paths: std::collections::HashSet<PathBuf> = outcomes
            .iter()
            .map(|o| match o {
                Ok(e) => e.path.clone(),
                Err(p) => p.path.clone(),
            })
            .collect();
        self.entries.retain(|e| !paths.contains(&e.path));
        self.problems.retain(|p| !paths.contains(&p.path));
        for outcome in outcomes {
            match outcome {
                Ok(entry) => self.entries.push(entry),
                Err(problem) => self.problems.push(problem),
            }
        }
        self.entries.sort_by_cached_key(sort_key);
    }

    /// Record the outcome of [`index_file`] for one file.
    pub fn record(&mut self, outcome: Result<Entry, Problem>) {
        match outcome {
            Ok(entry) => self.insert(entry),
            Err(problem) => self.insert_problem(problem),
        }
    }
}

/// Index `paths` in parallel (rayon); results in the order of `paths`.
pub fn index_all(root: &Path, paths: &[PathBuf]) -> Vec<Result<Entry, Problem>> {
    paths.par_iter().map(|p| index_file(root, p)).collect()
}
