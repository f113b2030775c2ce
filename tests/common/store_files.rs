//! Articles written into a test store.

use std::fs;
use std::path::{Path, PathBuf};

/// Write `text` to `root/rel`, making its folders.
pub fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

/// An article file with this title and body.
pub fn article(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\npublished = 2025-03-04\n+++\n\n{body}\n")
}
