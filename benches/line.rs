//! The one line editor under a paste (issue 15, F8): before, pasting into the note line was
//! quadratic (20 KB took 3 s, 40 KB 12 s, 1.1 MB did not finish in 4 minutes).
//!
//! `cargo bench --bench line` pastes 20 KB, 40 KB and 1.1 MB into the note line of a model
//! (the paste as the run loop receives it: `keymap::paste`, then `update`), then draws the
//! note line in a 120-column frame, and prints the time of each size per byte pasted, and
//! that figure as a ratio to the 20 KB one. Linear means the ratio stays near 1 (below, as the
//! line is capped at 4 KB and only the paste's mapping grows); quadratic would make it grow
//! with the size (x55 for 1.1 MB). A ratio above 4 exits with status 1. It also types 4,000
//! keys one by one into the search prompt of an open article.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use tidings::app::line::LineEdit;
use tidings::app::{Action, Model, update};
use tidings::article::{Entry, Store};
use tidings::config::Config;
use tidings::keymap::{Mode, paste};
use tidings::ui::{self, Theme, Ui};

fn model() -> Model {
    let path = PathBuf::from("/bench/a.md");
    let store = Store {
        root: PathBuf::from("/bench"),
        entries: vec![Entry {
            path: path.clone(),
            section: String::new(),
            title: "A".into(),
            source: None,
            published: None,
            size: 0,
            quote_count: 0,
        }],
        problems: vec![],
    };
    let mut m = Model::new(store, HashSet::new(), 120);
    update(
        &mut m,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    let raw = "The pier reopens in June, the council said. ".repeat(200);
    let article = tidings::article::parse(&path, raw.as_bytes()).expect("the bench article parses");
    let attribution = tidings::quotes::extract(&raw);
    update(&mut m, Action::Select);
    update(
        &mut m,
        Action::Loaded {
            path,
            result: Ok(Box::new((article, attribution))),
        },
    );
    m
}

/// Paste `bytes` of text into the note line and draw it; the time taken.
fn paste_into_note(bytes: usize) -> Duration {
    let config = Config::defaults();
    let keymap = config.keymap().expect("the default keys");
    let theme = Theme::new(&config.theme, true);
    let mut m = model();
    update(&mut m, Action::FocusNext);
    update(&mut m, Action::Bookmark);
    assert!(m.takes_line(), "the note line is open");
    let text = "lorem ipsum ".repeat(bytes / 12 + 1);
    let start = Instant::now();
    for a in paste(Mode::Line, &text[..bytes]) {
        update(&mut m, a);
    }
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    ui::render(
        &Ui {
            model: &m,
            theme: &theme,
            keymap: &keymap,
        },
        area,
        &mut buf,
    );
    start.elapsed()
}

fn best_of(n: usize, f: impl Fn() -> Duration) -> Duration {
    (0..n).map(|_| f()).min().unwrap_or_default()
}

fn main() {
    let sizes = [20_000, 40_000, 1_100_000];
    let times: Vec<Duration> = sizes
        .iter()
        .map(|&s| best_of(5, || paste_into_note(s)))
        .collect();
    let per_byte: Vec<f64> = sizes
        .iter()
        .zip(&times)
        .map(|(&s, t)| t.as_secs_f64() * 1e9 / s as f64)
        .collect();
    let base = per_byte[0].max(1e-9);
    for ((s, t), b) in sizes.iter().zip(&times).zip(&per_byte) {
        println!(
            "paste {:>9} bytes into the note: {:>8.3} ms, {:>6.2} ns/byte (x{:.2} the 20 KB paste per byte)",
            s,
            t.as_secs_f64() * 1e3,
            b,
            b / base
        );
    }
    // Typing key by key into the search prompt.
    let mut m = model();
    update(&mut m, Action::Search);
    let start = Instant::now();
    for i in 0..4000 {
        let c = if i % 7 == 6 { ' ' } else { 'e' };
        update(&mut m, Action::Edit(LineEdit::Insert(c)));
    }
    println!(
        "4000 keys typed into the search prompt: {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    let ratio = per_byte[2] / base;
    if ratio > 4.0 {
        eprintln!("1.1 MB took {ratio:.1} times the 20 KB paste per byte: not linear");
        std::process::exit(1);
    }
}
