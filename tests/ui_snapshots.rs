//! Screens drawn with `TestBackend` at 80x24 and 140x40, snapshotted with insta; colours that
//! carry meaning are asserted on the buffer's cells.

mod common;

use common::{find, find_in, model, opened, render, text, theme};
use insta::assert_snapshot;
use ratatui::style::Modifier;
use tidings::app::{Action, Pane, update};

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

#[test]
fn main_screen() {
    for (w, h) in SIZES {
        let m = opened(w, h);
        assert_snapshot!(format!("main_{w}x{h}"), text(&render(&m, w, h)));
    }
}

#[test]
fn empty_reader_before_opening() {
    let m = model(140, 40);
    let out = text(&render(&m, 140, 40));
    assert!(out.contains("Select an article and press enter"), "{out}");
    assert!(out.contains("1 skipped (p)"), "{out}");
}

#[test]
fn help_overlay() {
    for (w, h) in SIZES {
        let mut m = opened(w, h);
        update(&mut m, Action::Help);
        assert_snapshot!(format!("help_{w}x{h}"), text(&render(&m, w, h)));
    }
}

#[test]
fn help_follows_the_live_keymap() {
    let mut config = tidings::config::Config::defaults();
    config
        .merge(
            std::path::Path::new("mine.toml"),
            "[keys]\nquit = [\"ctrl-q\"]\n",
        )
        .unwrap();
    let keymap = config.keymap().unwrap();
    let mut m = opened(140, 40);
    update(&mut m, Action::Help);
    let th = theme();
    let draw = |m: &tidings::app::Model| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(140, 40)).unwrap();
        t.draw(|f| {
            tidings::ui::draw(
                f,
                &tidings::ui::Ui {
                    model: m,
                    theme: &th,
                    keymap: &keymap,
                },
            );
        })
        .unwrap();
        text(t.backend().buffer())
    };
    let out = draw(&m);
    assert!(out.contains("ctrl-q"), "{out}");
    update(&mut m, Action::Back);
    let out = draw(&m);
    assert!(
        out.contains("ctrl-q quit"),
        "status hint follows too: {out}"
    );
}

#[test]
fn highlighted_quote() {
    for (w, h) in SIZES {
        let mut m = opened(w, h);
        // at 80 columns the quotes pane takes the list's place once focused
        update(&mut m, Action::FocusPrev);
        assert_eq!(m.focus, Pane::Quotes);
        update(&mut m, Action::Down);
        update(&mut m, Action::Down);
        update(&mut m, Action::Down);
        update(&mut m, Action::Select);
        let buf = render(&m, w, h);
        assert_snapshot!(format!("highlight_{w}x{h}"), text(&buf));
        // the highlighted quotation carries the highlight background in the reading pane
        let reader = m.panes.reader.unwrap();
        let (x, y) = find_in(&buf, reader, "“I walk").expect("quote on screen");
        assert_eq!(buf[(x + 1, y)].bg, theme().highlight.bg.unwrap());
    }
}

#[test]
fn a_speaker_has_one_colour_in_both_panes() {
    let m = opened(140, 40);
    let buf = render(&m, 140, 40);
    let th = theme();
    let reader = m.panes.reader.unwrap();
    let quotes = m.panes.quotes.unwrap();
    let first = th.speaker(Some(0)).fg.unwrap();
    let second = th.speaker(Some(1)).fg.unwrap();
    assert_ne!(first, second);
    // Lindqvist: his quotation in the reading pane, his name in the quotes pane
    let (x, y) = find_in(&buf, reader, "\"We finished").unwrap();
    assert_eq!(buf[(x + 2, y)].fg, first);
    let (x, y) = find_in(&buf, quotes, "Tomás Lindqvist, chief engineer").unwrap();
    assert_eq!(buf[(x, y)].fg, first);
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    // reported speech: same colour, italics
    let (x, y) = find_in(&buf, reader, "the crews had").unwrap();
    assert_eq!(buf[(x, y)].fg, first);
    assert!(buf[(x, y)].modifier.contains(Modifier::ITALIC));
    // 王芳: another colour in both panes
    let (x, y) = find_in(&buf, reader, "“I walk").unwrap();
    assert_eq!(buf[(x, y)].fg, second);
    let (qx, qy) = find_in(&buf, quotes, "王芳 (1)").unwrap();
    assert_eq!(buf[(qx, qy)].fg, second);
    // the words around a quotation are not coloured
    let (x, y) = find(&buf, "said Tomás").unwrap();
    assert_eq!(buf[(x, y)].fg, ratatui::style::Color::Reset);
    // the caption is dimmed
    let (x, y) = find(&buf, "Photo: the bridge").unwrap();
    assert_eq!(buf[(x, y)].fg, th.dim.fg.unwrap());
}

#[test]
fn the_focused_border_stands_out() {
    let m = opened(140, 40);
    let buf = render(&m, 140, 40);
    let th = theme();
    let list = m.panes.list.unwrap();
    let reader = m.panes.reader.unwrap();
    assert_eq!(buf[(list.x, list.y)].fg, th.focus.fg.unwrap());
    assert_eq!(buf[(reader.x, reader.y)].fg, th.border.fg.unwrap());
}

#[test]
fn search() {
    for (w, h) in SIZES {
        let mut m = opened(w, h);
        update(&mut m, Action::Search);
        for c in "bridge".chars() {
            update(
                &mut m,
                Action::Edit(tidings::app::line::LineEdit::Insert(c)),
            );
        }
        let buf = render(&m, w, h);
        assert_snapshot!(format!("search_{w}x{h}"), text(&buf));
        let (x, y) = find(&buf, "bridge will").unwrap();
        assert!(
            buf[(x, y)].modifier.contains(Modifier::REVERSED),
            "current hit"
        );
    }
}

#[test]
fn problems_overlay() {
    let mut m = opened(80, 24);
    update(&mut m, Action::Problems);
    let out = text(&render(&m, 80, 24));
    assert!(out.contains("broken.md:3"), "{out}");
    assert!(out.contains("expected a string"), "{out}");
}

#[test]
fn too_small() {
    let m = opened(20, 5);
    assert_snapshot!("too_small_20x5", text(&render(&m, 20, 5)));
}

#[test]
fn narrow_terminal_shows_one_pane() {
    let m = opened(50, 20);
    assert_snapshot!("narrow_50x20", text(&render(&m, 50, 20)));
}

#[test]
fn hostile_text_never_reaches_the_buffer() {
    let (mut article, attribution) = common::bridge();
    article.meta.title = "Evil\u{1b}]0;pwned\u{7} title\u{202e}".into();
    let at = article.paragraphs[0].start;
    article.raw.replace_range(at..at + 3, "\u{1b}[H");
    let mut m = model(140, 40);
    update(&mut m, Action::Select);
    update(
        &mut m,
        Action::Loaded {
            path: common::bridge_path(),
            result: Ok(Box::new((article, attribution))),
        },
    );
    let buf = render(&m, 140, 40);
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(tidings::sanitize::is_unsafe),
            "{:?}",
            cell.symbol()
        );
    }
    assert!(text(&buf).contains("Evil␛]0;pwned␇ title"));
}

#[test]
fn no_color_draws_without_any_colour_but_keeps_the_highlight_visible() {
    let mut m = opened(140, 40);
    update(&mut m, Action::NextQuote);
    let th = tidings::ui::Theme::new(&tidings::config::Config::defaults().theme, true);
    let km = common::keymap();
    let buf = common::paint(&m, &th, &km, 140, 40);
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
    let (x, y) = find_in(&buf, m.panes.reader.unwrap(), "\"We finished").unwrap();
    assert!(buf[(x + 1, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn help_is_readable_at_40x12_and_scrolls_with_an_indicator() {
    let mut m = opened(40, 12);
    update(&mut m, Action::Help);
    let out = text(&render(&m, 40, 12));
    assert_snapshot!("help_40x12", out);
    assert!(out.contains("k, up"), "keys shown in full: {out}");
    assert!(out.contains("move up"), "descriptions shown: {out}");
    assert!(out.contains("1–"), "position shown: {out}");
    assert!(out.contains('↓'), "more below: {out}");
    for _ in 0..200 {
        update(&mut m, Action::Down);
    }
    let out = text(&render(&m, 40, 12));
    assert!(!out.contains('↓'), "at the end: {out}");
    assert!(out.contains("delete to the end"), "the last row: {out}");
}
