//! The store index and the speaker index built from it.
//!
//! The store index ([`db`]) is one SQLite database per articles folder, in the cache dir: one
//! record per file (its list row, its speakers and attributed quotations, its text for
//! [`search`], its stamp). One worker ([`worker`]) keeps it current while the reader runs and
//! watches the folder; the headless commands bring it up to date with [`sync`]. Each article is
//! analysed once ([`record`]) into its row and an [`ArticleRecord`]; the records merge into a
//! [`SpeakerIndex`] (who is quoted, in which articles, how often). Identity rules are in
//! [`identity`].
//!
//! ```no_run
//! # let (root, cache_dir) = (std::path::Path::new("articles"), std::path::Path::new("cache"));
//! let (store, db, _warning) = tidings::index::open_store(root, cache_dir)?;
//! let speakers = tidings::index::SpeakerIndex::from_records(&db.records()?);
//! let hits = tidings::index::search::search(&db, "ceasefire", 20)?;
//! # Ok::<(), tidings::index::DbError>(())
//! ```

pub mod db;
pub mod fresh;
pub mod identities;
pub mod identity;
pub mod record;
pub mod search;
pub mod sync;
pub mod worker;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::quotes::{Attribution, QuoteKind, SpeakerKind};

pub use db::{Db, DbError, db_path};
pub use identity::{article_keys, key_for};
pub use sync::{first_screen, open_store};

/// Quotation excerpts kept in the index are cut to this many chars.
pub const EXCERPT_CHARS: usize = 200;

/// Every quoted source of the store, most quoted first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SpeakerIndex {
    pub speakers: Vec<IndexedSpeaker>,
    /// Key -> position in `speakers`.
    #[serde(skip)]
    by_key: HashMap<String, usize>,
}

/// One source and everything it said, across articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexedSpeaker {
    /// Stable key: see [`identity`].
    pub key: String,
    /// The name as first written (articles in path order).
    pub name: String,
    pub kind: SpeakerKind,
    /// Ordered by article path, then offset.
    pub quotes: Vec<QuoteRef>,
}

impl IndexedSpeaker {
    /// In how many articles this source is quoted.
    pub fn article_count(&self) -> usize {
        let mut n = 0;
        let mut last: Option<&Path> = None;
        for q in &self.quotes {
            if last != Some(q.path.as_path()) {
                n += 1;
                last = Some(&q.path);
            }
        }
        n
    }
}

/// One quotation, where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRef {
    pub path: PathBuf,
    pub title: String,
    /// Byte offsets into the article file's text.
    pub start: usize,
    pub end: usize,
    /// The quotation, cut to [`EXCERPT_CHARS`] chars.
    pub text: String,
    #[serde(with = "QuoteKindDef")]
    pub kind: QuoteKind,
}

/// The quotations of one source in one article (see [`SpeakerIndex::occurrences`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleQuotes {
    pub path: PathBuf,
    pub title: String,
    pub quotes: Vec<QuoteRef>,
}

/// What the index keeps of one article (and caches).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub path: PathBuf,
    pub title: String,
    /// Distinct sources of the article (one per key).
    pub speakers: Vec<RecordSpeaker>,
    /// Attributed quotations.
    pub quotes: Vec<RecordQuote>,
}

/// A quotation as the cache keeps it (the article's path and title are the record's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordQuote {
    /// Index into [`ArticleRecord::speakers`].
    pub speaker: usize,
    pub start: usize,
    pub end: usize,
    /// Cut to [`EXCERPT_CHARS`] chars.
    pub text: String,
    #[serde(with = "QuoteKindDef")]
    pub kind: QuoteKind,
}

/// A source as one article names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordSpeaker {
    pub key: String,
    pub name: String,
    #[serde(with = "SpeakerKindDef")]
    pub kind: SpeakerKind,
}

impl ArticleRecord {
    /// Keep what the index needs of one article's attribution (offsets as given: into the
    /// article file's text). Unattributed quotations are left out.
    pub fn from_attribution(path: &Path, title: &str, attribution: &Attribution) -> Self {
        let keys = article_keys(path, &attribution.speakers);
        let mut speakers: Vec<RecordSpeaker> = Vec::new();
        let mut slot: HashMap<&str, usize> = HashMap::new();
        // Full names first, so a joined short form never gives the source its name.
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(attribution.speakers[i].name.len()));
        let mut of_speaker = vec![0; keys.len()];
        for i in order {
            let s = &attribution.speakers[i];
            let at = *slot.entry(keys[i].as_str()).or_insert_with(|| {
                speakers.push(RecordSpeaker {
                    key: keys[i].clone(),
                    name: s.name.clone(),
                    kind: s.kind,
                });
                speakers.len() - 1
            });
            if speakers[at].kind == SpeakerKind::Unknown {
                speakers[at].kind = s.kind;
            }
            of_speaker[i] = at;
        }
        let mut quotes: Vec<RecordQuote> = attribution
            .quotes
            .iter()
            .filter_map(|q| {
                Some(RecordQuote {
                    speaker: *of_speaker.get(q.speaker?)?,
                    start: q.start,
                    end: q.end,
                    text: excerpt(&q.text),
                    kind: q.kind,
                })
            })
            .collect();
        quotes.sort_by_key(|q| q.start);
        Self {
            path: path.to_owned(),
            title: title.to_owned(),
            speakers,
            quotes,
        }
    }
}

fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

impl SpeakerIndex {
    /// Merge article records (in any order) into the index.
    pub fn from_records<'a>(records: impl IntoIterator<Item = &'a ArticleRecord>) -> Self {
        let mut records: Vec<&ArticleRecord> = records.into_iter().collect();
        // The cache hands them over in path order already; sorting is for other callers.
        if !records.is_sorted_by(|a, b| a.path <= b.path) {
            records.sort_by(|a, b| a.path.cmp(&b.path));
        }
        let mut speakers: Vec<IndexedSpeaker> = Vec::new();
        let mut kinds: Vec<[usize; 4]> = Vec::new();
        let mut slot: HashMap<&str, usize> = HashMap::new();
        for r in &records {
            // Where each of this article's speakers goes in `speakers`.
            let at: Vec<usize> = r
                .speakers
                .iter()
                .map(|s| {
                    let i = *slot.entry(s.key.as_str()).or_insert_with(|| {
                        speakers.push(IndexedSpeaker {
                            key: s.key.clone(),
                            name: s.name.clone(),
                            kind: s.kind,
                            quotes: Vec::new(),
                        });
                        kinds.push([0; 4]);
                        speakers.len() - 1
                    });
                    kinds[i][kind_slot(s.kind)] += 1;
                    i
                })
                .collect();
            // Reading order within the article: quotations of one source stay sorted.
            for q in &r.quotes {
                if let Some(&i) = at.get(q.speaker) {
                    speakers[i].quotes.push(QuoteRef {
                        path: r.path.clone(),
                        title: r.title.clone(),
                        start: q.start,
                        end: q.end,
                        text: q.text.clone(),
                        kind: q.kind,
                    });
                }
            }
        }
        let mut speakers: Vec<IndexedSpeaker> = speakers
            .into_iter()
            .zip(kinds)
            .filter(|(s, _)| !s.quotes.is_empty())
            .map(|(mut s, k)| {
                s.kind = dominant_kind(k);
                s
            })
            .collect();
        speakers.sort_by(|a, b| {
            b.quotes
                .len()
                .cmp(&a.quotes.len())
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.key.cmp(&b.key))
        });
        let by_key = speakers
            .iter()
            .enumerate()
            .map(|(i, s)| (s.key.clone(), i))
            .collect();
        Self { speakers, by_key }
    }

    pub fn get(&self, key: &str) -> Option<&IndexedSpeaker> {
        self.speakers.get(*self.by_key.get(key)?)
    }

    /// Every quotation of the source `key`, grouped by article (articles in path order,
    /// quotations in reading order). Empty for an unknown key.
    pub fn occurrences(&self, key: &str) -> Vec<ArticleQuotes> {
        let mut groups: Vec<ArticleQuotes> = Vec::new();
        for q in self
            .get(key)
            .map(|s| s.quotes.as_slice())
            .unwrap_or_default()
        {
            match groups.last_mut() {
                Some(g) if g.path == q.path => g.quotes.push(q.clone()),
                _ => groups.push(ArticleQuotes {
                    path: q.path.clone(),
                    title: q.title.clone(),
                    quotes: vec![q.clone()],
                }),
            }
        }
        groups
    }
}

const KINDS: [SpeakerKind; 4] = [
    SpeakerKind::Unknown,
    SpeakerKind::Anonymous,
    SpeakerKind::Organization,
    SpeakerKind::Person,
];

fn kind_slot(kind: SpeakerKind) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0)
}

/// The kind most articles give a source; a known kind beats `Unknown`, and on a tie a person
/// beats an organization, which beats anonymous.
fn dominant_kind(counts: [usize; 4]) -> SpeakerKind {
    (1..4)
        .filter(|&i| counts[i] > 0)
        .max_by_key(|&i| (counts[i], i))
        .map_or(SpeakerKind::Unknown, |i| KINDS[i])
}

/// Serde mirrors of the engine's kinds, so the cache can read them back without the
/// engine's types having to implement `Deserialize`.
#[derive(Serialize, Deserialize)]
#[serde(remote = "SpeakerKind", rename_all = "lowercase")]
enum SpeakerKindDef {
    Person,
    Organization,
    Anonymous,
    Unknown,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "QuoteKind", rename_all = "lowercase")]
enum QuoteKindDef {
    Direct,
    Indirect,
    Mixed,
}
