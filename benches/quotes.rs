//! Throughput of `quotes::extract` on one core over a large generated text of news-like
//! sentences written for this benchmark. Run: `cargo bench --bench quotes`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

const NAMES: [&str; 6] = [
    "Maria Okafor",
    "Finance Minister Tomas Lind",
    "Senator Jo Arden",
    "a senior health official",
    "the union",
    "Dr. Ines Varga",
];

const TEMPLATES: [&str; 10] = [
    "“We will not accept a budget that leaves the harbour towns behind,” {N} said on Tuesday.",
    "{N} told reporters that the new bridge would open before the winter storms arrive.",
    "The council met for three hours but reached no decision on the water tariffs.",
    "According to {N}, the river crossing has cost twice what the planners first predicted.",
    "{N} warned that the grain reserve could run out by March, adding that imports were slow.",
    "“It is a fair deal, and it is the only deal,” said {N}. “Nobody else offered anything.”",
    "Traffic on the coastal road fell by a fifth after the tolls were raised in the spring.",
    "The ministry issued a statement saying the inspections would continue through the summer.",
    "{N} argued that the schools needed more teachers, not more buildings.",
    "Mr. Lind, who spoke after the vote, said the U.S. delegation had been “constructive.”",
];

fn corpus(target: usize) -> String {
    let mut text = String::with_capacity(target + 4096);
    let mut i = 0usize;
    while text.len() < target {
        let mut para = String::new();
        for k in 0..4 {
            let t = TEMPLATES[(i * 7 + k * 3) % TEMPLATES.len()];
            let n = NAMES[(i + k) % NAMES.len()];
            let _ = write!(para, "{} ", t.replace("{N}", n));
        }
        text.push_str(para.trim_end());
        text.push_str("\n\n");
        i += 1;
    }
    text
}

/// The articles of a folder (QUOTES_BENCH_DIR: `.txt` and `.md` files), repeated until they
/// reach about `target` bytes: a measure on real news kept outside the repository.
fn folder(dir: &str, target: usize) -> Vec<String> {
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    texts.sort();
    let size: usize = texts.iter().map(String::len).sum();
    assert!(size > 0, "{dir}: no .txt or .md article");
    let copies = target.div_ceil(size);
    let one = texts.clone();
    for _ in 1..copies {
        texts.extend(one.iter().cloned());
    }
    texts
}

/// The generated corpus split into article-sized pieces of 12 paragraphs.
fn generated(target: usize) -> Vec<String> {
    let text = corpus(target);
    text.split_inclusive("\n\n")
        .collect::<Vec<_>>()
        .chunks(12)
        .map(<[&str]>::concat)
        .collect()
}

fn main() {
    // QUOTES_BENCH_MB sets a smaller corpus, e.g. for a run under callgrind.
    let target = std::env::var("QUOTES_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16usize)
        * 1024
        * 1024;
    // Articles are analysed one at a time.
    let articles = match std::env::var("QUOTES_BENCH_DIR") {
        Ok(dir) => folder(&dir, target),
        Err(_) => generated(target),
    };
    let bytes: usize = articles.iter().map(String::len).sum();
    // Warm up (lexicon load).
    black_box(tidings::quotes::extract(&articles[0]));
    // QUOTES_BENCH_RUNS passes over the corpus (5 by default); the median pass is the figure,
    // the best shows what a quiet machine gives.
    let runs: usize = std::env::var("QUOTES_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1);
    let mb = bytes as f64 / 1_000_000.0;
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    let mut quotes = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let cpu0 = cpu_seconds();
        quotes = 0;
        for a in &articles {
            quotes += black_box(tidings::quotes::extract(a)).quotes.len();
        }
        wall.push(start.elapsed().as_secs_f64());
        if let Some(c) = cpu_seconds().zip(cpu0).map(|(b, a)| b - a) {
            cpu.push(c);
        }
    }
    println!(
        "quotes::extract: {mb:.1} MB in {} articles, {quotes} quotations, {runs} passes",
        articles.len()
    );
    println!("wall:   {}", rates(mb, &mut wall));
    if !cpu.is_empty() {
        // On a shared machine the wall clock counts time spent waiting for the core.
        println!("on-CPU: {} on one core", rates(mb, &mut cpu));
    }
    // QUOTES_BENCH_SCALING=0 skips the per-size figures (for a run under callgrind).
    if std::env::var("QUOTES_BENCH_SCALING").as_deref() != Ok("0") {
        scaling();
    }
}

/// The paragraph of the hostile-input report (issue 15, F1): every quotation by a new
/// person, who is named again by surname and then by a pronoun.
fn distinct_names(target: usize) -> String {
    const FIRST: [&str; 6] = ["Ada", "Bruno", "Cleo", "Dario", "Edda", "Fen"];
    const LAST: [&str; 6] = ["Morrow", "Quill", "Sandoval", "Tarrant", "Ulm", "Vance"];
    let mut text = String::with_capacity(target + 256);
    let mut i = 0usize;
    while text.len() < target {
        let (first, last) = (FIRST[i % 6], LAST[(i / 6) % 6]);
        let _ = write!(
            text,
            "“We will see number {i},” said {first} {last}{i}. {last}{i} told the Ledger that \
             things were fine. She said it was over. "
        );
        i += 1;
    }
    text
}

/// Time per MB of one file of 1, 2, 4 and 8 MB (the store's limit): flat when the engine is
/// linear. Printed per kind of text, with the ratio of the 8 MB figure to the 1 MB one.
fn scaling() {
    type Maker = fn(usize) -> String;
    let kinds: [(&str, Maker); 2] = [
        ("distinct names (F1)", distinct_names),
        ("generated news", corpus),
    ];
    for (kind, make) in kinds {
        let mut per_mb = Vec::new();
        for mb in [1usize, 2, 4, 8] {
            // Just under the size: the texts stop at the first sentence past the target.
            let text = make(mb * 1024 * 1024 - 4096);
            let start = Instant::now();
            let cpu0 = cpu_seconds();
            black_box(tidings::quotes::extract(&text));
            let secs = cpu_seconds()
                .zip(cpu0)
                .map_or_else(|| start.elapsed().as_secs_f64(), |(b, a)| b - a);
            per_mb.push(secs * 1_000_000.0 / text.len() as f64);
        }
        let shown: Vec<String> = per_mb
            .iter()
            .map(|s| format!("{:.1} ms", s * 1000.0))
            .collect();
        println!(
            "one file, {kind}: per MB at 1/2/4/8 MB: {}; 8 MB / 1 MB = {:.2}",
            shown.join(" / "),
            per_mb[3] / per_mb[0]
        );
    }
}

/// "median X MB/s (best Y)" for `mb` megabytes taking each of `secs`.
fn rates(mb: f64, secs: &mut [f64]) -> String {
    secs.sort_by(f64::total_cmp);
    let median = secs[secs.len() / 2];
    format!(
        "median {:.1} MB/s ({median:.3} s), best {:.1} MB/s",
        mb / median,
        mb / secs[0]
    )
}

/// This thread's time on a CPU (Linux `/proc/thread-self/schedstat`), when available.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
