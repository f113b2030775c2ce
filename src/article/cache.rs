//! The metadata cache: one JSON file per store root in the cache dir, holding each file's list
//! row (or its problem) with the size and mtime it was read at. It is only a cache: a file that
//! is missing, unreadable, corrupt or written by another build is ignored and rebuilt.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::{Entry, Problem};

/// Bumped when the layout changes.
const FORMAT: u32 = 2;

/// What a file looked like when it was indexed: a changed size or mtime means read it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since the Unix epoch.
    pub mtime_ns: u128,
}

impl Stamp {
    /// The stamp of a file's metadata; `None` when the platform gives no usable mtime.
    pub fn of(meta: &fs::Metadata) -> Option<Self> {
        let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Self {
            size: meta.len(),
            mtime_ns: mtime.as_nanos(),
        })
    }
}

/// The cached outcome for one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Entry(Entry),
    Problem(Problem),
}

impl Outcome {
    /// The file's path as the walk produced it (root joined with the relative path).
    pub fn path(&self) -> &Path {
        match self {
            Outcome::Entry(e) => &e.path,
            Outcome::Problem(p) => &p.path,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Row {
    stamp: Stamp,
    outcome: Outcome,
}

#[derive(Debug, Serialize, Deserialize)]
struct CacheFile {
    format: u32,
    /// Rows depend on the parser and the quote engine: any other build starts afresh.
    build: String,
    root: String,
    rows: Vec<Row>,
}

/// Cached rows by path.
pub type Rows = HashMap<PathBuf, (Stamp, Outcome)>;

/// The cache file for `root` in `cache_dir`.
pub fn cache_path(cache_dir: &Path, root: &Path) -> PathBuf {
    cache_dir.join(format!(
        "store-{:016x}.json",
        fnv1a(root.as_os_str().as_encoded_bytes())
    ))
}

/// FNV-1a: stable across builds and platforms, unlike the std hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Identifies the running build: the executable's size and mtime, so that a rebuilt parser or
/// quote engine never trusts rows counted by an older one.
fn build_stamp() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| fs::metadata(p).ok())
        .and_then(|m| Stamp::of(&m));
    match exe {
        Some(s) => format!("{}+{}+{}", env!("CARGO_PKG_VERSION"), s.size, s.mtime_ns),
        None => env!("CARGO_PKG_VERSION").to_owned(),
    }
}

/// Read the cached rows for `root`; anything wrong gives an empty cache.
pub fn read(cache_dir: &Path, root: &Path) -> Rows {
    let Ok(bytes) = fs::read(cache_path(cache_dir, root)) else {
        return Rows::new();
    };
    let Ok(file) = serde_json::from_slice::<CacheFile>(&bytes) else {
        return Rows::new();
    };
    if file.format != FORMAT
        || file.build != build_stamp()
        || Some(file.root.as_str()) != root.to_str()
    {
        return Rows::new();
    }
    file.rows
        .into_iter()
        .map(|r| (r.outcome.path().to_owned(), (r.stamp, r.outcome)))
        .collect()
}

/// Write rows for `root` atomically. Rows whose path is not UTF-8 are left out (they are simply
/// indexed again next time).
pub fn write(
    cache_dir: &Path,
    root: &Path,
    rows: impl IntoIterator<Item = (Stamp, Outcome)>,
) -> std::io::Result<()> {
    let Some(root_str) = root.to_str() else {
        return Ok(());
    };
    let rows = rows
        .into_iter()
        .filter(|(_, outcome)| outcome.path().to_str().is_some())
        .map(|(stamp, outcome)| Row { stamp, outcome })
        .collect();
    let file = CacheFile {
        format: FORMAT,
        build: build_stamp(),
        root: root_str.to_owned(),
        rows,
    };
    let json = serde_json::to_vec(&file).map_err(std::io::Error::other)?;
    crate::state::write_atomic(&cache_path(cache_dir, root), &json)
}
