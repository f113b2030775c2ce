//! Generated articles for the benchmarks: deterministic, words and names made up here.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

const WORDS: &[&str] = &[
    "council",
    "harbour",
    "budget",
    "river",
    "plan",
    "tram",
    "school",
    "minister",
    "vote",
    "week",
    "season",
    "market",
    "bridge",
    "report",
    "union",
    "price",
    "district",
    "ferry",
    "museum",
    "winter",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "on",
    "after",
    "before",
    "with",
    "ceasefire",
    "would",
    "could",
    "new",
    "late",
    "quiet",
    "costly",
    "local",
    "small",
    "early",
    "café",
];
const NAMES: &[&str] = &[
    "Mara Lind",
    "Tomas Vey",
    "Hélène Okafor",
    "Lars Brun",
    "Chen Wei",
    "Rosa Quint",
    "Danny Danon",
];

/// xorshift: runs stay comparable.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// A paragraph of four sentences, one in four a quotation.
pub fn paragraph(rng: &mut Rng, out: &mut String) {
    for _ in 0..4 {
        let n = 8 + rng.next() % 10;
        let words: Vec<&str> = (0..n).map(|_| rng.pick(WORDS)).collect();
        let text = words.join(" ");
        let mut cap = text[..1].to_uppercase();
        cap.push_str(&text[1..]);
        if rng.next().is_multiple_of(4) {
            let _ = write!(out, "\u{201c}{cap},\u{201d} {} said. ", rng.pick(NAMES));
        } else {
            let _ = write!(out, "{cap}. ");
        }
    }
    out.push_str("\n\n");
}

/// Article number `i` of about `size` bytes.
pub fn article(i: usize, size: usize, rng: &mut Rng) -> String {
    let mut s = format!(
        "+++\ntitle = \"Generated story number {i}\"\nsource = \"Bench Gazette {}\"\n\
         published = \"20{:02}-{:02}-{:02}\"\nauthors = [\"{}\"]\ntags = [\"bench\"]\n+++\n\n",
        i % 10,
        10 + i % 15,
        1 + i % 12,
        1 + i % 28,
        rng.pick(NAMES)
    );
    while s.len() < size {
        paragraph(rng, &mut s);
    }
    s
}

/// `count` articles of about 4 KB in 100 sections under `root` (kept when already there).
pub fn generate(root: &Path, count: usize) {
    let marker = root.join(format!(".generated-{count}"));
    if marker.exists() {
        return;
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for i in 0..count {
        let dir = root.join(format!("sec-{:02}", i % 100));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("a{i:06}.md")), article(i, 4000, &mut rng)).unwrap();
    }
    std::fs::write(marker, "").unwrap();
}

/// The `p`th percentile of `times` (sorted in place).
pub fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    let i = ((times.len() as f64 - 1.0) * p / 100.0).round() as usize;
    times[i.min(times.len() - 1)]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Peak resident memory of this process so far, in MB.
pub fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
        / 1024.0
}

/// Time this thread has spent on a core (from /proc/thread-self/schedstat, in ns): on a
/// shared, loaded machine wall time also counts the waits for a core.
pub fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}
