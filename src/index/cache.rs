//! The speaker index's cache: one [`ArticleRecord`] per article file, reused while the file's
//! size and mtime are unchanged, so only new and changed articles are analysed again.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::{ArticleRecord, SpeakerIndex};
use crate::{article, quotes, state};

/// The cache file's name in the cache dir.
pub const CACHE_FILE: &str = "speakers.json";

/// Bump when the record format or the identity rules change: older caches are then ignored.
const FORMAT: u32 = 3;

/// What identifies one version of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    mtime_secs: u64,
    mtime_nanos: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Cached {
    stamp: Stamp,
    record: ArticleRecord,
}

/// Article records by path, with the file stamps they were made from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexCache {
    format: u32,
    /// The build that wrote it (see [`build_stamp`]): the engine's rules change with it.
    version: String,
    articles: BTreeMap<PathBuf, Cached>,
}

impl IndexCache {
    /// Read the cache from `cache_dir`. A missing, unreadable or outdated cache is an empty
    /// one: the cache holds nothing that cannot be rebuilt.
    pub fn load(cache_dir: &Path) -> Self {
        fs::read(cache_dir.join(CACHE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Self>(&bytes).ok())
            .filter(|c| c.format == FORMAT && c.version == build_stamp())
            .unwrap_or_default()
    }

    /// Write the cache to `cache_dir` atomically.
    pub fn save(&self, cache_dir: &Path) -> io::Result<()> {
        // Stamped with the current format and version, without cloning the records.
        let json = serde_json::to_vec(&CacheRef {
            format: FORMAT,
            version: &build_stamp(),
            articles: &self.articles,
        })
        .map_err(io::Error::other)?;
        state::write_atomic(&cache_dir.join(CACHE_FILE), &json)
    }

    /// The cached records.
    pub fn records(&self) -> impl Iterator<Item = &ArticleRecord> {
        self.articles.values().map(|c| &c.record)
    }

    /// How many articles the cache holds.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }
}

#[derive(Serialize)]
struct CacheRef<'a> {
    format: u32,
    version: &'a str,
    articles: &'a BTreeMap<PathBuf, Cached>,
}

/// Which build of tidings this is: the package version plus the running executable's size and
/// mtime, so a rebuilt or upgraded engine never reuses records made by an older one.
fn build_stamp() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| fs::metadata(p).ok())
        .map(|m| {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs());
            format!(" {} {mtime}", m.len())
        })
        .unwrap_or_default();
    format!("{}{exe}", env!("CARGO_PKG_VERSION"))
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = fs::metadata(path).ok()?;
    let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(Stamp {
        size: meta.len(),
        mtime_secs: mtime.as_secs(),
        mtime_nanos: mtime.subsec_nanos(),
    })
}

/// Read one article file and analyse it (quotations attributed to speakers). `None` when the
/// file cannot be read as an article, or when the engine fails on it (a panic in the engine
/// costs that file only).
pub fn analyse(path: &Path) -> Option<ArticleRecord> {
    let article = article::load(path).ok()?;
    let body = article.raw.get(article.body.clone())?;
    let attribution = std::panic::catch_unwind(|| quotes::extract(body))
        .ok()?
        .shifted(article.body.start);
    Some(ArticleRecord::from_attribution(
        path,
        &article.meta.title,
        &attribution,
    ))
}

/// Bring `cache` up to date with `paths` (analysing only new and changed files, on every
/// core; forgetting files no longer listed) and build the index. `progress(done, total)` is
/// called on the calling thread as files are done. Safe to run on a worker thread; save the
/// cache afterwards with [`IndexCache::save`].
pub fn build(
    paths: &[PathBuf],
    cache: &mut IndexCache,
    progress: impl FnMut(usize, usize),
) -> SpeakerIndex {
    build_with(paths, cache, analyse, progress)
}

/// [`build`] with the analysis given: tests and benchmarks use hand-built attributions.
pub fn build_with(
    paths: &[PathBuf],
    cache: &mut IndexCache,
    analyse: impl Fn(&Path) -> Option<ArticleRecord> + Sync,
    mut progress: impl FnMut(usize, usize),
) -> SpeakerIndex {
    let total = paths.len();
    let mut fresh = BTreeMap::new();
    let mut pending: Vec<(&PathBuf, Stamp)> = Vec::new();
    for path in paths {
        let Some(now) = stamp(path) else { continue };
        match cache.articles.remove(path) {
            Some(c) if c.stamp == now => {
                fresh.insert(path.clone(), c);
            }
            _ => pending.push((path, now)),
        }
    }
    let mut done = total - pending.len();
    if done > 0 {
        progress(done, total);
    }
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(pending.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (pending, next, analyse) = (&pending, &next, &analyse);
            scope.spawn(move || {
                while let Some((path, stamp)) = pending.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let cached = analyse(path).map(|record| Cached {
                        stamp: *stamp,
                        record,
                    });
                    if tx.send(((*path).clone(), cached)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (path, cached) in rx {
            if let Some(c) = cached {
                fresh.insert(path, c);
            }
            done += 1;
            progress(done, total);
        }
    });
    cache.articles = fresh;
    SpeakerIndex::from_records(cache.records())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::{Attribution, Quote, QuoteKind, Speaker, SpeakerKind};

    fn record_for(path: &Path) -> Option<ArticleRecord> {
        let text = fs::read_to_string(path).ok()?;
        let name = text.lines().next()?.to_owned();
        let attribution = Attribution {
            speakers: vec![Speaker {
                name,
                kind: SpeakerKind::Person,
                role: None,
                aliases: vec![],
            }],
            quotes: vec![Quote {
                speaker: Some(0),
                kind: QuoteKind::Direct,
                text: text.clone(),
                start: 0,
                end: text.len(),
                cue: "said".into(),
                mention: None,
            }],
            captions: vec![],
        };
        Some(ArticleRecord::from_attribution(path, "t", &attribution))
    }

    #[test]
    fn only_changed_files_are_analysed_again() {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = dir.path().join("cache");
        let paths: Vec<PathBuf> = (0..3)
            .map(|i| {
                let p = dir.path().join(format!("{i}.md"));
                fs::write(&p, format!("Speaker {i}\nwords")).unwrap();
                p
            })
            .collect();
        let calls = AtomicUsize::new(0);
        let counting = |p: &Path| {
            calls.fetch_add(1, Ordering::Relaxed);
            record_for(p)
        };
        let mut seen = Vec::new();
        let mut cache = IndexCache::load(&cache_dir);
        let index = build_with(&paths, &mut cache, counting, |d, t| seen.push((d, t)));
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        assert_eq!(seen, vec![(1, 3), (2, 3), (3, 3)]);
        assert_eq!(index.speakers.len(), 3);
        cache.save(&cache_dir).unwrap();

        // A new process: nothing changed, nothing analysed.
        let mut cache = IndexCache::load(&cache_dir);
        assert_eq!(cache.len(), 3);
        let again = build_with(&paths, &mut cache, counting, |_, _| {});
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        assert_eq!(again, index);

        // One file grows, one is gone: one analysis, two speakers left.
        fs::write(&paths[1], "Speaker Changed\nmore words").unwrap();
        let fewer = [paths[0].clone(), paths[1].clone()];
        let index = build_with(&fewer, &mut cache, counting, |_, _| {});
        assert_eq!(calls.load(Ordering::Relaxed), 4);
        let names: Vec<&str> = index.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Speaker 0", "Speaker Changed"]);
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn a_cache_from_another_build_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        fs::write(&p, "Someone\nwords").unwrap();
        let mut cache = IndexCache::default();
        build_with(&[p], &mut cache, record_for, |_, _| {});
        cache.save(dir.path()).unwrap();
        assert_eq!(IndexCache::load(dir.path()).len(), 1);
        let file = dir.path().join(CACHE_FILE);
        let text = fs::read_to_string(&file).unwrap();
        let other = text.replace(&build_stamp(), "0.0.0 1 2");
        assert_ne!(other, text);
        fs::write(&file, other).unwrap();
        assert!(IndexCache::load(dir.path()).is_empty());
    }

    #[test]
    fn a_bad_cache_file_is_an_empty_cache() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CACHE_FILE), b"{not json").unwrap();
        assert!(IndexCache::load(dir.path()).is_empty());
    }
}
