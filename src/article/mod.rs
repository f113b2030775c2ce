//! Articles and the store: parsing files (front matter, .txt/.md), the folder scan, the
//! order of rows. No UI.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

mod parse;
#[cfg(test)]
mod parse_tests;
mod store;
#[cfg(test)]
mod store_tests;
pub mod write;

pub use parse::{
    MAX_TITLE_CHARS, MAX_WARNINGS, is_valid_date, load, offset_date_time, parse,
    title_from_file_name,
};
pub use store::{
    EXTENSIONS, Walk, index_all, is_article_path, published_seconds, resolve_articles_dir, walk,
    walk_with_folders,
};

/// Front-matter metadata, plus what is derived when it is missing (the title).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    /// Normalised to `YYYY-MM-DD` or RFC 3339 as written.
    pub published: Option<String>,
    pub tags: Vec<String>,
    /// The feed item's guid, for an article fetched from a feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
}

impl Meta {
    /// What names the article wherever its file is: the feed item's guid, else its url.
    pub fn identity(&self) -> Option<&str> {
        self.guid.as_deref().or(self.url.as_deref())
    }
}

/// A parsed article file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub path: PathBuf,
    /// The file's text as stored (after UTF-8 validation; a BOM is kept so offsets match bytes).
    pub raw: String,
    pub meta: Meta,
    /// Byte range of the body in `raw`: everything after the front matter (a title taken from
    /// the first line stays inside the body, so quotations in it keep their offsets).
    pub body: Range<usize>,
    /// Byte ranges of the paragraphs in `raw` that the reading pane shows, in order (a first
    /// line taken as the title is not among them).
    pub paragraphs: Vec<Range<usize>>,
    /// Non-fatal problems (unknown front-matter key...).
    pub warnings: Vec<String>,
}

/// One row of the article list: what is shown without reading the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub path: PathBuf,
    /// Folder relative to the store root ("" at top level), shown as the section.
    pub section: String,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub size: u64,
    pub quote_count: usize,
}

/// A file that could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub reason: String,
}

/// Articles larger than this are skipped with a warning.
pub const MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;

/// The articles of one folder: list rows and the files that were skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Store {
    pub root: PathBuf,
    /// Sorted newest first (by `published`, then title).
    pub entries: Vec<Entry>,
    pub problems: Vec<Problem>,
}

/// What a file looked like when it was read: another size or mtime means read it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
}

impl Stamp {
    /// The stamp of a file's metadata; `None` when the platform gives no usable mtime.
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Some(Stamp {
            size: meta.len(),
            mtime_ns: i64::try_from(mtime.as_nanos()).ok()?,
        })
    }

    /// The stamp of the regular file at `path` (following symlinks).
    pub fn of_path(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path)
            .ok()
            .filter(std::fs::Metadata::is_file)?;
        Stamp::of(&meta)
    }
}

/// Read, parse and analyse one file into its list row (title, quote count...). Pure of the
/// store: safe to call from a worker thread.
pub fn index_file(root: &Path, path: &Path) -> Result<Entry, Problem> {
    entry_of(root, &load(path)?)
}

/// The list row of a loaded article (runs the quote engine for the count).
pub fn entry_of(root: &Path, article: &Article) -> Result<Entry, Problem> {
    let path = article.path.as_path();
    // The quote engine is analysed text from anywhere: a panic in it costs this file only.
    let body = &article.raw[article.body.clone()];
    let quote_count = std::panic::catch_unwind(|| crate::quotes::extract(body).quotes.len())
        .map_err(|_| Problem {
            path: path.to_owned(),
            line: None,
            reason: "internal error while finding quotations".to_owned(),
        })?;
    let size = article.raw.len() as u64;
    Ok(Entry {
        path: path.to_owned(),
        section: section_of(root, path),
        title: article.meta.title.clone(),
        source: article.meta.source.clone(),
        published: article.meta.published.clone(),
        size,
        quote_count,
    })
}

/// The folder of `path` relative to `root`, with `/` separators ("" at top level).
pub fn section_of(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.parent()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default()
}
