//! The store at scale: 10,000 generated articles of about 5 KB each.
//!
//! `cargo bench --bench store` prints, for each phase, the wall time and the peak resident
//! memory (VmHWM). Each phase runs in its own child process so the peaks are separate:
//!
//! - cold: no metadata cache: walk, read and parse every file, count quotations, write the
//!   cache (`Store::open`). The reader does the indexing part in the background.
//! - cold-scan / warm: what the reader does before its first frame, without and with the
//!   cache: `Store::scan` (walk and stat; rows of unchanged files from the cache), build the
//!   reader's model and draw one 120x40 frame. Without a cache the list fills in from a worker
//!   thread after that first frame.
//!
//! Set TIDINGS_BENCH_ARTICLES to change the number of articles, TIDINGS_BENCH_DIR to keep the
//! generated folder (and its cache) there after the run.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use tidings::app::Model;
use tidings::article::Store;
use tidings::config::Config;
use tidings::ui::{self, Theme, Ui};

const WORDS: &[&str] = &[
    "council", "harbour", "budget", "river", "plan", "tram", "school", "minister", "vote", "week",
    "season", "market", "bridge", "report", "union", "price", "district", "ferry", "museum",
    "winter", "the", "a", "of", "and", "to", "in", "on", "after", "before", "with", "said",
    "would", "could", "new", "late", "quiet", "costly", "local", "small", "early",
];
const NAMES: &[&str] = &[
    "Mara Lind",
    "Tomas Vey",
    "Ines Okafor",
    "Lars Brun",
    "Chen Wei",
    "Rosa Quint",
];

/// A small deterministic generator (xorshift) so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn sentence(rng: &mut Rng, out: &mut String) {
    let n = 8 + rng.next() % 10;
    let mut words: Vec<&str> = (0..n).map(|_| rng.pick(WORDS)).collect();
    let first = words[0].to_owned();
    let mut cap = first[..1].to_uppercase();
    cap.push_str(&first[1..]);
    words[0] = &cap;
    if rng.next().is_multiple_of(4) {
        let _ = write!(
            out,
            "\u{201c}{},\u{201d} {} said. ",
            words.join(" "),
            rng.pick(NAMES)
        );
    } else {
        let _ = write!(out, "{}. ", words.join(" "));
    }
}

fn article(i: usize, rng: &mut Rng) -> String {
    let mut s = format!(
        "+++\ntitle = \"Generated story number {i}\"\nsource = \"Bench Gazette\"\n\
         published = \"20{:02}-{:02}-{:02}\"\nauthors = [\"{}\"]\ntags = [\"bench\"]\n+++\n",
        10 + i % 15,
        1 + i % 12,
        1 + i % 28,
        rng.pick(NAMES)
    );
    while s.len() < 5_000 {
        for _ in 0..4 {
            sentence(rng, &mut s);
        }
        s.push_str("\n\n");
    }
    s
}

fn generate(root: &Path, count: usize) -> u64 {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut bytes = 0;
    for i in 0..count {
        let dir = root.join(format!("section-{}", i % 20));
        std::fs::create_dir_all(&dir).unwrap();
        let text = article(i, &mut rng);
        bytes += text.len() as u64;
        std::fs::write(dir.join(format!("story-{i}.md")), text).unwrap();
    }
    bytes
}

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// CPU time of this process so far (user + system, all threads, 10 ms steps), from
/// /proc/self/stat: on a loaded machine wall time includes waiting for a core, CPU time does not.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    let ticks: u64 = fields
        .get(11..13)
        .map_or(0, |f| f.iter().filter_map(|v| v.parse::<u64>().ok()).sum());
    ticks as f64 / 100.0
}

/// Build the reader's model over `store` and draw one 120x40 frame, as the reader does first.
fn first_frame(store: Store) {
    let config = Config::defaults();
    let keymap = config.keymap().expect("the default keymap");
    let theme = Theme::new(&config.theme, false);
    let model = Model::new(store, HashSet::new(), config.wide);
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    ui::render(
        &Ui {
            model: &model,
            theme: &theme,
            keymap: &keymap,
        },
        area,
        &mut buf,
    );
    std::hint::black_box(&buf);
}

/// Child: run one phase and print `entries pending seconds peak_kib cpu_seconds`.
fn phase(name: &str, root: &Path, cache: &Path) {
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let (entries, pending) = match name {
        "cold" => (Store::open(root, Some(cache)).entries.len(), 0),
        "read-cache" => {
            let rows = tidings::article::cache::read(cache, root);
            (rows.len(), 0)
        }
        "walk" => {
            let (files, _) = tidings::article::walk(root);
            (files.len(), 0)
        }
        "warm" | "cold-scan" => {
            // What the reader does before its first frame: scan, build the model, draw.
            let scan = Store::scan(root, Some(cache));
            let (entries, pending) = (scan.store.entries.len(), scan.pending.len());
            first_frame(scan.store);
            (entries, pending)
        }
        _ => panic!("unknown phase {name}"),
    };
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_start;
    println!("{entries} {pending} {secs} {} {cpu}", peak_kib());
}

fn run_child(name: &str, root: &Path, cache: &Path) -> (usize, usize, f64, u64, f64) {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .args(["--phase", name])
        .arg(root)
        .arg(cache)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let f: Vec<&str> = text.split_whitespace().collect();
    (
        f[0].parse().unwrap(),
        f[1].parse().unwrap(),
        f[2].parse().unwrap(),
        f[3].parse().unwrap(),
        f[4].parse().unwrap(),
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--phase") {
        phase(
            &args[i + 1],
            Path::new(&args[i + 2]),
            Path::new(&args[i + 3]),
        );
        return;
    }
    if args.iter().any(|a| a == "--list") {
        return; // cargo's bench discovery
    }
    let count: usize = std::env::var("TIDINGS_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    // TIDINGS_BENCH_DIR keeps the generated folder for repeated runs.
    let base =
        std::env::var_os("TIDINGS_BENCH_DIR").map_or_else(|| dir.path().to_owned(), PathBuf::from);
    let root: PathBuf = base.join("articles");
    let cache = base.join("cache");
    let _ = std::fs::remove_dir_all(&cache);
    let _ = std::fs::remove_dir_all(&root);
    let start = Instant::now();
    let bytes = generate(&root, count);
    println!(
        "generated {count} articles, {:.1} MB, in {:.2} s",
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!("cores available: {cores}");
    for name in ["cold-scan", "cold", "warm", "walk", "read-cache", "warm"] {
        let (entries, pending, secs, kib, cpu) = run_child(name, &root, &cache);
        let what = match name {
            "cold-scan" => "first frame, no cache (walk + stat + model + draw; rows fill in after)",
            "cold" => "open, no cache (walk + read + parse + quotes + write cache)",
            "walk" => "walk + stat only",
            "read-cache" => "read and decode the cache file only",
            _ => "first frame, warm cache (walk + stat + rows from cache + model + draw)",
        };
        println!(
            "{name:>10}: {:>7.1} ms wall {:>7.1} ms cpu  peak {:>5.1} MB  rows {entries:>5} pending {pending:>5}  {what}",
            secs * 1e3,
            cpu * 1e3,
            kib as f64 / 1024.0
        );
        if name == "cold-scan" {
            // The scan phase must not leave a cache behind for the cold phase.
            assert!(!cache.exists() || std::fs::read_dir(&cache).unwrap().count() == 0);
        }
    }
    let cache_size: u64 = std::fs::read_dir(&cache)
        .unwrap()
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!("cache file: {:.1} MB", cache_size as f64 / 1e6);
}
