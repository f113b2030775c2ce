//! Articles and the store: parsing files (front matter, .txt/.md), the folder scan, the
//! metadata cache. No UI.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

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
}

/// A parsed article file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub path: PathBuf,
    /// The file's text as stored (after UTF-8 validation; a BOM is kept so offsets match bytes).
    pub raw: String,
    pub meta: Meta,
    /// Byte range of the body in `raw` (after front matter and a derived title line).
    pub body: Range<usize>,
    /// Byte ranges of paragraphs in `raw`, in order.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub reason: String,
}

/// Parse an article from its bytes.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Article, Problem> {
    let _ = bytes;
    Err(Problem {
        path: path.to_owned(),
        line: None,
        reason: "PLACEHOLDER: parser not written yet".into(),
    })
}
