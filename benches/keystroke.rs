//! Keystroke to drawn frame with a 1 MB article open, on a 200x60 `TestBackend`: `update`
//! plus one `draw`, for scrolling, the next quotation and the next search hit.
//!
//! `cargo bench --bench keystroke` runs each sequence of presses five times and prints p50,
//! p99 and the worst over the presses of each one's best run (a shared machine's waits for a
//! core left out), and the p99 over every run. The goal is p99 at most 2 ms.

mod common;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tidings::app::line::LineEdit;
use tidings::app::{Action, Model, update};
use tidings::article::{Entry, Store};
use tidings::config::Config;
use tidings::ui::{self, Theme, Ui};

const PRESSES: usize = 2000;
const REPEATS: usize = 5;

fn main() {
    let mut rng = common::Rng(0x2545_f491_4f6c_dd1d);
    let text = common::article(0, 1024 * 1024, &mut rng);
    let path = PathBuf::from("/bench/big.md");
    let article = tidings::article::parse(&path, text.as_bytes()).expect("the article parses");
    let body = article.body.clone();
    let attribution = tidings::quotes::extract(&article.raw[body.clone()]).shifted(body.start);
    let quotes = attribution.quotes.len();
    let store = Store {
        root: PathBuf::from("/bench"),
        entries: vec![Entry {
            path: path.clone(),
            section: String::new(),
            title: article.meta.title.clone(),
            source: None,
            published: None,
            size: text.len() as u64,
            quote_count: quotes,
        }],
        problems: Vec::new(),
    };
    let config = Config::defaults();
    let keymap = config.keymap().expect("default keys");
    let theme = Theme::new(&config.theme, false);
    let mut m = Model::new(store, HashSet::new(), config.wide);
    update(
        &mut m,
        Action::Resize {
            width: 200,
            height: 60,
        },
    );
    update(&mut m, Action::Select);
    update(
        &mut m,
        Action::Loaded {
            path,
            result: Ok(Box::new((article, attribution))),
        },
    );
    update(&mut m, Action::FocusNext);
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    let lines = m.open.as_ref().map_or(0, |o| o.doc.lines.len());
    println!(
        "keystroke to frame, 200x60, article of {} KB, {lines} lines, {quotes} quotations, {PRESSES} presses x {REPEATS}",
        text.len() / 1024
    );
    let mut run = |m: &mut Model, name: &str, step: &dyn Fn(usize) -> Action| {
        // Each sequence of presses runs REPEATS times; a press's figure is its best run, so
        // that the waits for a core of a shared machine are left out (the worst is kept too).
        let mut best = vec![Duration::MAX; PRESSES];
        let mut all: Vec<Duration> = Vec::with_capacity(PRESSES * REPEATS);
        for _ in 0..REPEATS {
            for (i, b) in best.iter_mut().enumerate() {
                let t = Instant::now();
                update(m, step(i));
                term.draw(|f| {
                    ui::draw(
                        f,
                        &Ui {
                            model: m,
                            theme: &theme,
                            keymap: &keymap,
                        },
                    );
                })
                .expect("draw");
                let d = t.elapsed();
                *b = (*b).min(d);
                all.push(d);
            }
        }
        let p50 = common::percentile(&mut best, 50.0);
        let p99 = common::percentile(&mut best, 99.0);
        let max = common::percentile(&mut best, 100.0);
        let raw99 = common::percentile(&mut all, 99.0);
        println!(
            "  {name:<12} p50 {:.3} ms  p99 {:.3} ms  max {:.3} ms  (every run: p99 {:.3} ms)",
            common::ms(p50),
            common::ms(p99),
            common::ms(max),
            common::ms(raw99)
        );
    };
    // Down through the article and back: every press moves.
    let half = PRESSES / 2;
    run(&mut m, "scroll", &|i| {
        if i < half { Action::Down } else { Action::Up }
    });
    run(&mut m, "next-quote", &|i| {
        if i < half {
            Action::NextQuote
        } else {
            Action::PrevQuote
        }
    });
    update(&mut m, Action::Search);
    for c in "council".chars() {
        update(&mut m, Action::Edit(LineEdit::Insert(c)));
    }
    update(&mut m, Action::Edit(LineEdit::Submit));
    let hits = m.search.as_ref().map_or(0, |s| s.hits.len());
    println!("  (search: {hits} hits for \"council\")");
    run(&mut m, "search-next", &|_| Action::NextQuote);
}
