//! Article extraction speed: pages per second, one thread, one process.
//!
//! `cargo bench --bench extract` runs `tidings::extract::extract` over a set of generated
//! news pages (about 55 KB each: navigation, a headline, metadata, an article of twenty
//! paragraphs with a figure and clutter lines, a related-stories list, a footer and scripts).
//! `EXTRACT_BENCH_DIR=../shared/eval/html cargo bench --bench extract` runs it over real pages
//! instead: every `*.html` file in the folder and every `*/source.html` under it.
//! The figures printed are the best of several rounds (other work on the machine only slows a
//! round down), with the median beside it, by the wall clock and, on Linux, by the thread's
//! own CPU time (`/proc/thread-self/schedstat`), which time spent waiting for a busy core
//! does not inflate.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

const WORDS: &[&str] = &[
    "council", "harbour", "budget", "river", "plan", "tram", "school", "minister", "vote", "week",
    "season", "market", "bridge", "report", "union", "price", "district", "ferry", "museum",
    "winter", "the", "a", "of", "and", "to", "in", "on", "after", "before", "with", "said",
    "would", "could", "new", "late", "quiet", "costly", "local", "small", "early",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn words(&mut self, n: u64, out: &mut String) {
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(WORDS[(self.next() % WORDS.len() as u64) as usize]);
        }
    }
}

/// Nanoseconds this thread has run on a CPU (Linux), if the kernel says.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// One generated page, about 55 KB.
fn page(rng: &mut Rng, n: usize) -> Vec<u8> {
    let mut h = String::with_capacity(110_000);
    let _ = write!(
        h,
        "<!doctype html><html><head><meta charset=utf-8><title>Story {n} | The Daily Bench</title>\
         <meta property=\"og:title\" content=\"Story {n}\"><meta property=\"og:site_name\" \
         content=\"The Daily Bench\"><meta name=\"author\" content=\"Mara Lind\">\
         <meta property=\"article:published_time\" content=\"2026-03-0{}T10:00:00Z\">\
         <link rel=canonical href=\"https://bench.example/story-{n}\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"Story {n}\"}}</script>\
         <style>",
        1 + n % 9
    );
    for i in 0..400 {
        let _ = write!(h, ".c{i} {{ margin: {i}px; color: #{i:03}; }} ");
    }
    h.push_str("</style></head><body><header><nav><ul>");
    for i in 0..60 {
        let _ = write!(
            h,
            "<li class=\"menu-item\"><a href=\"/s{i}\">Section {i}</a></li>"
        );
    }
    h.push_str("</ul></nav></header><main><article><h1>Story ");
    let _ = write!(h, "{n}</h1><p class=byline>By Mara Lind</p>");
    for p in 0..20 {
        h.push_str("<p>");
        for _ in 0..4 {
            let n = 12 + rng.next() % 10;
            rng.words(n, &mut h);
            h.push_str(". ");
        }
        h.push_str("</p>");
        if p == 5 {
            h.push_str("<figure><img src=a.jpg alt=x><figcaption>");
            rng.words(10, &mut h);
            h.push_str(" Photo: Agency</figcaption></figure><p>READ MORE: ");
            rng.words(8, &mut h);
            h.push_str("</p>");
        }
    }
    h.push_str("</article><aside><h2>Related</h2><ul>");
    for i in 0..30 {
        let _ = write!(h, "<li><a href=\"/r{i}\">");
        rng.words(8, &mut h);
        h.push_str("</a></li>");
    }
    h.push_str("</ul></aside></main><footer>");
    for i in 0..200 {
        let _ = write!(
            h,
            "<div class=\"f{i}\"><a href=\"/f{i}\">Footer link {i}</a></div>"
        );
    }
    h.push_str("</footer><script>");
    for i in 0..300 {
        let _ = writeln!(h, "window.x{i} = {{ a: {i}, b: '<div>{i}</div>' }};");
    }
    h.push_str("</script></body></html>");
    h.into_bytes()
}

fn real_pages(dir: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = Vec::new();
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() && p.join("source.html").is_file() {
            paths.push(p.join("source.html"));
        } else if p.extension().is_some_and(|e| e == "html" || e == "htm") {
            paths.push(p);
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

fn main() {
    let (label, pages) = match std::env::var("EXTRACT_BENCH_DIR") {
        Ok(dir) if !dir.is_empty() => (dir.clone(), real_pages(&dir)),
        _ => {
            let mut rng = Rng(0x5eed_1234);
            (
                "generated".to_owned(),
                (0..50).map(|n| page(&mut rng, n)).collect(),
            )
        }
    };
    assert!(!pages.is_empty(), "no pages in {label}");
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let rounds = 7;
    let mut rates = Vec::new();
    let mut cpu_rates = Vec::new();
    let mut failed = 0;
    for _ in 0..rounds {
        let cpu_start = cpu_ns();
        let start = Instant::now();
        failed = 0;
        for p in &pages {
            match tidings::extract::extract(p, None, None) {
                Ok(page) => {
                    std::hint::black_box(page);
                }
                Err(_) => failed += 1,
            }
        }
        rates.push(pages.len() as f64 / start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu_start, cpu_ns()) {
            cpu_rates.push(pages.len() as f64 / ((b.saturating_sub(a)).max(1) as f64 / 1e9));
        }
    }
    rates.sort_by(f64::total_cmp);
    cpu_rates.sort_by(f64::total_cmp);
    let best = rates[rates.len() - 1];
    let median = rates[rates.len() / 2];
    println!(
        "extract {label}: {} pages, {:.1} MB, {failed} without an article; \
         best {best:.0} pages/s ({:.0} MB/s), median {median:.0} pages/s, one thread",
        pages.len(),
        bytes as f64 / 1e6,
        best * bytes as f64 / pages.len() as f64 / 1e6,
    );
    if let (Some(best), Some(median)) = (cpu_rates.last(), cpu_rates.get(cpu_rates.len() / 2)) {
        println!("  by CPU time: best {best:.0} pages/s, median {median:.0} pages/s");
    }
}
