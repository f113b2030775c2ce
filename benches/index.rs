//! Timings for the speaker index and bookmark re-anchoring: `cargo bench --bench index`.
//!
//! Builds a store of 10,000 generated articles in a temp dir, analyses them with a stand-in
//! engine giving 8 speakers and 20 quotations per article (so the merge carries a realistic
//! load), merges the records into the speaker index (the records themselves live in the store
//! index: see `cargo bench --bench store_index`), and times the re-anchoring of a passage in a
//! long article.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tidings::bookmarks::{Bookmark, anchor};
use tidings::index::ArticleRecord;
use tidings::quotes::{Attribution, Quote, QuoteKind, Speaker, SpeakerKind};

const ARTICLES: usize = 10_000;
const SPEAKERS_PER_ARTICLE: usize = 8;
const QUOTES_PER_ARTICLE: usize = 20;
const NAME_POOL: usize = 2_000;

fn article_text(i: usize) -> String {
    let mut s = format!("---\ntitle: Generated story {i}\npublished: 2026-01-01\n---\n");
    for p in 0..QUOTES_PER_ARTICLE {
        let _ = write!(
            s,
            "Paragraph {p} of story {i} reports on the works at the depot. \
             “We expect the line to reopen after the checks,” one of them said.\n\n"
        );
    }
    s
}

/// A stand-in for the engine: speakers from a shared pool so names repeat across articles.
fn fake_analysis(path: &Path) -> Option<ArticleRecord> {
    let text = fs::read_to_string(path).ok()?;
    let n: usize = path.file_stem()?.to_str()?.parse().ok()?;
    let speakers = (0..SPEAKERS_PER_ARTICLE)
        .map(|k| Speaker {
            name: format!("Person{} Surname{}", (n * 7 + k * 13) % NAME_POOL, k),
            kind: if k == 0 {
                SpeakerKind::Anonymous
            } else {
                SpeakerKind::Person
            },
            role: None,
            aliases: vec![format!("Surname{k}")],
        })
        .collect();
    let quotes = text
        .match_indices('“')
        .take(QUOTES_PER_ARTICLE)
        .enumerate()
        .map(|(q, (start, _))| {
            let end = text[start..]
                .find('”')
                .map_or(text.len(), |e| start + e + '”'.len_utf8());
            Quote {
                speaker: Some(q % SPEAKERS_PER_ARTICLE),
                kind: QuoteKind::Direct,
                text: text[start..end].to_owned(),
                start,
                end,
                cue: "said".into(),
                mention: None,
            }
        })
        .collect();
    let attribution = Attribution {
        speakers,
        quotes,
        captions: vec![],
    };
    Some(ArticleRecord::from_attribution(
        path,
        "Generated",
        &attribution,
    ))
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    let d = t.elapsed();
    println!("{label:<58} {:>9.1} ms", d.as_secs_f64() * 1000.0);
    (out, d)
}

fn index_bench() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let paths: Vec<PathBuf> = (0..ARTICLES)
        .map(|i| {
            let p = tmp.path().join(format!("{i}.md"));
            fs::write(&p, article_text(i)).expect("write article");
            p
        })
        .collect();
    let (records, _) = time("analyse 10,000 articles (stand-in engine)", || {
        paths
            .iter()
            .filter_map(|p| fake_analysis(p))
            .collect::<Vec<ArticleRecord>>()
    });
    let (index, _) = time("merge (SpeakerIndex::from_records)", || {
        tidings::index::SpeakerIndex::from_records(&records)
    });
    println!("  {} speakers", index.speakers.len());
    let key = index.speakers[1].key.clone();
    time("occurrences of the most quoted named speaker", || {
        index.occurrences(&key).len()
    });
}

fn anchor_bench() {
    let mut text = String::new();
    for i in 0..3_000 {
        let _ = write!(
            text,
            "Sentence {i} talks about the weather over the hills and the roads. "
        );
        if i % 10 == 9 {
            text.push_str("\n\n");
        }
    }
    let passage_at = text.find("Sentence 1500 ").expect("sentence");
    let passage_end = text.find("Sentence 1508 ").expect("sentence");
    let b = Bookmark::from_selection(
        "long.md",
        "Long",
        &text,
        passage_at..passage_end,
        "",
        jiff::Timestamp::UNIX_EPOCH,
    )
    .expect("selection");
    println!(
        "long article: {} KB, passage {} chars",
        text.len() / 1000,
        b.passage.len()
    );
    time("anchor: exact", || anchor(&b, &text));
    let moved = format!("A new first paragraph.\n\n{text}");
    time("anchor: moved", || anchor(&b, &moved));
    let edited = text.replace("Sentence 1503 talks about", "Sentence 1503 speaks of");
    let (found, _) = time("anchor: fuzzy (one clause reworded)", || {
        anchor(&b, &edited)
    });
    println!("  -> {}", found.status());
    let removed = text.replace(&b.passage, "");
    let (found, _) = time("anchor: removed (orphaned or nearest look-alike)", || {
        anchor(&b, &removed)
    });
    println!("  -> {}", found.status());
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent; keep that fast.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    index_bench();
    anchor_bench();
}
