//! What the store index keeps of one file, made in one pass: the file is read once and the
//! quotation engine runs once for both the list row and the speaker record.

use std::path::{Path, PathBuf};

use super::ArticleRecord;
use crate::article::{self, Entry, Problem};

pub use crate::article::Stamp;

/// One file as the index keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    pub path: PathBuf,
    pub stamp: Stamp,
    pub outcome: Result<Analysed, Problem>,
}

/// A file read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysed {
    pub entry: Entry,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    /// The guid or url that names the article wherever its file is ([`article::Meta::identity`]).
    pub identity: Option<String>,
    /// The body's text, for the full-text index.
    pub body: String,
    /// Speakers and attributed quotations.
    pub record: ArticleRecord,
}

/// Read and analyse the file at `path` (a file of the store at `root`, last seen at `stamp`).
/// A panic in the quotation engine costs this file only.
pub fn analyse_file(root: &Path, path: &Path, stamp: Stamp) -> FileRecord {
    let outcome = article::load(path).and_then(|a| {
        let body_range = a.body.clone();
        let body = a.raw.get(body_range.clone()).unwrap_or_default();
        let attribution = std::panic::catch_unwind(|| crate::quotes::extract(body))
            .map_err(|_| Problem {
                path: path.to_owned(),
                line: None,
                reason: "internal error while finding quotations".to_owned(),
            })?
            .shifted(body_range.start);
        let record = ArticleRecord::from_attribution(path, &a.meta.title, &attribution);
        let entry = Entry {
            path: path.to_owned(),
            section: article::section_of(root, path),
            title: a.meta.title.clone(),
            source: a.meta.source.clone(),
            published: a.meta.published.clone(),
            size: a.raw.len() as u64,
            quote_count: attribution.quotes.len(),
        };
        Ok(Analysed {
            identity: a.meta.identity().map(str::to_owned),
            entry,
            authors: a.meta.authors,
            tags: a.meta.tags,
            body: body.to_owned(),
            record,
        })
    });
    FileRecord {
        path: path.to_owned(),
        stamp,
        outcome,
    }
}
