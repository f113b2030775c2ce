//! The store index at 10,000 articles (and 100,000 with `TIDINGS_BENCH_100K=1`): building it
//! cold, the first frame (open the index, read the first screen and the count, build the
//! model, draw 200x50), reading every row back, rows arriving in the reader (one swap, F2:
//! linear in the rows, where inserting them one by one was quadratic), and search.
//!
//! Set TIDINGS_BENCH_DIR to keep the generated folders and their indexes between runs
//! (the 100k folder takes minutes to write and to index). TIDINGS_BENCH_ARTICLES=DIR with
//! TIDINGS_BENCH_INDEX=FILE measures the reads on an index built already.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tidings::app::indexing::Rows;
use tidings::app::{Action, Model, update};
use tidings::article::{Entry, Store};
use tidings::config::Config;
use tidings::index::{Db, db_path, first_screen, search::search, sync};
use tidings::ui::{self, Theme, Ui};

const QUERIES: &[&str] = &[
    "council",
    "ceasefire harbour",
    "helene",
    "Hélène Okafor",
    "danon",
    "generated story 4242",
    "mark",
    "nothingatall",
    // Words and speakers of ../shared/bench/gen_corpus.py, for TIDINGS_BENCH_INDEX.
    "government",
    "zoe angstrom",
    "García",
];

fn main() {
    let keep = std::env::var_os("TIDINGS_BENCH_DIR").map(PathBuf::from);
    let tmp = tempfile::tempdir().expect("a temp dir");
    let base = keep.clone().unwrap_or_else(|| tmp.path().to_owned());
    let mut sizes = vec![10_000];
    if std::env::var_os("TIDINGS_BENCH_100K").is_some() {
        sizes.push(100_000);
    }
    // An index built already (say by the reader on a real store): measure only the reads.
    if let (Some(root), Some(index)) = (
        std::env::var_os("TIDINGS_BENCH_ARTICLES"),
        std::env::var_os("TIDINGS_BENCH_INDEX"),
    ) {
        let (root, index) = (PathBuf::from(root), PathBuf::from(index));
        let n = Db::open(&index, &root)
            .and_then(|db| db.counts())
            .expect("the index opens")
            .0;
        println!("{n} articles in an existing index");
        reads(&root, &index, n);
        return;
    }
    rows_arrive_linear();
    for n in sizes {
        bench(&base.join(format!("store-{n}")), n);
    }
}

/// Issue 15 F2: rows arriving must cost time linear in the rows (inserting them one by one
/// was quadratic, and froze a cold start for minutes). The same swap at 25,000 and 100,000
/// rows: the time per row at 100k over the time per row at 25k stays near 1 (quadratic
/// would be 4).
fn rows_arrive_linear() {
    let config = Config::defaults();
    let per_row = |n: usize| {
        let entries: Vec<Entry> = (0..n)
            .map(|i| Entry {
                path: PathBuf::from(format!("/bench/sec-{:02}/a{i:06}.md", i % 100)),
                section: format!("sec-{:02}", i % 100),
                title: format!("Generated story number {i}"),
                source: Some(format!("Bench Gazette {}", i % 10)),
                published: Some(format!(
                    "20{:02}-{:02}-{:02}",
                    10 + i % 15,
                    1 + i % 12,
                    1 + i % 28
                )),
                size: 4000,
                quote_count: i % 7,
            })
            .collect();
        let mut times = Vec::new();
        for _ in 0..7 {
            let mut m = Model::new(Store::default(), HashSet::new(), config.wide);
            let rows = Rows {
                entries: entries.clone(),
                problems: Vec::new(),
                read: HashSet::new(),
            };
            let t = Instant::now();
            update(&mut m, Action::Rows(Box::new(rows)));
            times.push(t.elapsed());
            assert_eq!(m.store.entries.len(), n);
        }
        median(&mut times) / n as f64
    };
    let small = per_row(25_000);
    let large = per_row(100_000);
    println!(
        "rows arrive (F2): {:.0} ns a row at 25k, {:.0} ns at 100k: ratio {:.2} (linear 1, quadratic 4)",
        small * 1e6,
        large * 1e6,
        large / small
    );
}

fn median(times: &mut [Duration]) -> f64 {
    common::ms(common::percentile(times, 50.0))
}

fn bench(dir: &Path, n: usize) {
    let root = dir.join("articles");
    let cache = dir.join("cache");
    let t = Instant::now();
    common::generate(&root, n);
    println!(
        "{n} articles (written in {:.1} s)",
        t.elapsed().as_secs_f64()
    );
    let path = db_path(&cache, &root);
    let t = Instant::now();
    let mut db = Db::open(&path, &root).expect("the index opens");
    let plan = sync::plan(&db).expect("a plan");
    let pool = sync::pool();
    let changed = plan.changed.len();
    sync::carry_out(&mut db, &plan, pool.as_ref(), |_, _, _, _| true).expect("indexed");
    println!(
        "  index: {changed} files analysed and written in {:.2} s, peak RSS so far {:.0} MB",
        t.elapsed().as_secs_f64(),
        common::peak_mb()
    );
    let t = Instant::now();
    let plan = sync::plan(&db).expect("a plan");
    println!(
        "  warm check of the folder (walk and stat, {} changed): {:.0} ms",
        plan.changed.len(),
        common::ms(t.elapsed())
    );
    drop(db);
    reads(&root, &path, n);
}

/// What the reader and `tidings search` read from a built index.
fn reads(root: &Path, path: &Path, n: usize) {
    let root = root.to_owned();
    let path = path.to_owned();
    let config = Config::defaults();
    let keymap = config.keymap().expect("default keys");
    let theme = Theme::new(&config.theme, false);
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let (entries, total) = first_screen(&path, &root, 50);
        let store = Store {
            root: root.clone(),
            entries,
            problems: Vec::new(),
        };
        let mut m = Model::new(store, HashSet::new(), config.wide);
        m.rows_total = Some(total);
        update(
            &mut m,
            Action::Resize {
                width: 200,
                height: 50,
            },
        );
        let mut term = Terminal::new(TestBackend::new(200, 50)).expect("a test terminal");
        term.draw(|f| {
            ui::draw(
                f,
                &Ui {
                    model: &m,
                    theme: &theme,
                    keymap: &keymap,
                },
            );
        })
        .expect("draw");
        times.push(t.elapsed());
        assert_eq!(total, n);
    }
    println!(
        "  first frame (index opened, first screen and count read, model, 200x50 drawn): median {:.2} ms",
        median(&mut times)
    );

    let db = Db::open(&path, &root).expect("the index opens");
    let t = Instant::now();
    let entries = db.rows(None).expect("rows");
    println!(
        "  every row read back (worker): {:.0} ms",
        common::ms(t.elapsed())
    );
    let mut m = Model::new(Store::default(), HashSet::new(), config.wide);
    let mut swap = Vec::new();
    for _ in 0..5 {
        let rows = Rows {
            entries: entries.clone(),
            problems: Vec::new(),
            read: HashSet::new(),
        };
        let t = Instant::now();
        update(&mut m, Action::Rows(Box::new(rows)));
        swap.push(t.elapsed());
    }
    println!(
        "  rows arrive in the reader (one swap, on the UI thread): median {:.1} ms for {} rows",
        median(&mut swap),
        m.store.entries.len()
    );

    for q in QUERIES {
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..15 {
            let t = Instant::now();
            found = search(&db, q, 20).expect("search").len();
            times.push(t.elapsed());
        }
        let p50 = median(&mut times);
        let worst = common::ms(common::percentile(&mut times, 100.0));
        println!("  search {q:<22} {found:>3} results  median {p50:.1} ms  worst {worst:.1} ms");
    }
    println!("  peak RSS {:.0} MB", common::peak_mb());
}
