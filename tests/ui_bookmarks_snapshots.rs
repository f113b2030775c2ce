//! Snapshots of issue 4's screens at 80x24 and 140x40: the bookmarks view, the sources view
//! across articles, a marked passage with a selection, and the note line. Models are built
//! by hand (engine-independent); styles that carry meaning are checked on the cells.
#![allow(clippy::many_single_char_names)] // w, h, x, y, m: sizes, cells and the model

mod common;

use tidings::app::passages::AnchorStatus;
mod passages_fixture;

use common::{find, model, opened, render, text};
use passages_fixture::{index, list, mark};
use ratatui::style::Modifier;
use tidings::app::line::LineEdit;
use tidings::app::passages::Done;
use tidings::app::{Action, Model, update};
use tidings::ui::marks::GUTTER;

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

fn with_bookmarks(w: u16, h: u16) -> Model {
    let mut m = model(w, h);
    let a = mark(
        false,
        "\"We finished the welding two weeks early,\" said Tomás Lindqvist, the chief engineer.",
        "ask for the inspection report",
        "2026-03-14T08:00:00Z",
    );
    let b = mark(
        true,
        "Grain prices eased this week",
        "价格 — compare with 2025",
        "2026-03-15T09:30:00Z",
    );
    let mut c = mark(
        false,
        "Residents welcomed the news.",
        "",
        "2026-03-16T18:45:00Z",
    );
    c.passage = "A paragraph about ferry fares that the paper later removed.".into();
    let ids = [
        (a.id.clone(), AnchorStatus::Exact),
        (b.id.clone(), AnchorStatus::Moved),
        (c.id.clone(), AnchorStatus::Orphaned),
    ];
    update(&mut m, list(vec![a, b, c]));
    update(&mut m, Action::Bookmarks);
    update(
        &mut m,
        Action::Passages(Done::Anchors(ids.into_iter().collect())),
    );
    update(&mut m, Action::Down);
    m
}

#[test]
fn bookmarks_view() {
    for (w, h) in SIZES {
        let m = with_bookmarks(w, h);
        let buf = render(&m, w, h);
        insta::assert_snapshot!(format!("bookmarks_{w}x{h}"), text(&buf));
        // newest first; the selected one (the second) is reversed
        let (x, y) = find(&buf, "Grain prices ease").expect("the selected title");
        assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
        assert!(find(&buf, "orphaned").is_some());
    }
}

#[test]
fn bookmarks_view_filtering() {
    let (w, h) = (80, 24);
    let mut m = with_bookmarks(w, h);
    update(&mut m, Action::Filter);
    for c in "ferry".chars() {
        update(&mut m, Action::Edit(LineEdit::Insert(c)));
    }
    let buf = render(&m, w, h);
    insta::assert_snapshot!("bookmarks_filter_80x24", text(&buf));
}

#[test]
fn empty_bookmarks_view_says_how_to_make_one() {
    let mut m = model(80, 24);
    update(&mut m, Action::Bookmarks);
    let t = text(&render(&m, 80, 24));
    assert!(t.contains("No bookmarks yet"), "{t}");
}

fn sources(w: u16, h: u16) -> Model {
    let mut m = opened(w, h);
    update(&mut m, Action::FocusPrev);
    update(&mut m, Action::Sources);
    update(&mut m, Action::Passages(Done::IndexReady(index())));
    m
}

#[test]
fn sources_view() {
    for (w, h) in SIZES {
        let m = sources(w, h);
        let buf = render(&m, w, h);
        insta::assert_snapshot!(format!("sources_{w}x{h}"), text(&buf));
        assert!(find(&buf, "Grain prices ease as harvest nears").is_some());
        let (x, y) = find(&buf, "▸").expect("the selected quotation");
        assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    }
}

fn marked(w: u16, h: u16) -> Model {
    let mut m = opened(w, h);
    let b = mark(
        false,
        "\"We finished the welding two weeks early,\" said Tomás Lindqvist, the chief engineer.",
        "",
        "2026-03-14T08:00:00Z",
    );
    update(&mut m, list(vec![b]));
    // re-anchor for the open article
    update(&mut m, Action::Down);
    update(&mut m, Action::Up);
    m
}

#[test]
fn marked_passage() {
    for (w, h) in SIZES {
        let m = marked(w, h);
        assert_eq!(m.passages.marks.len(), 1);
        let buf = render(&m, w, h);
        insta::assert_snapshot!(format!("marked_{w}x{h}"), text(&buf));
        let reader = m.panes.reader.expect("a reading pane");
        let (x, y) = common::find_in(&buf, reader, "finished the").expect("the passage");
        assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
        assert_eq!(buf[(reader.x, y)].symbol(), GUTTER);
        // text outside the passage is not underlined
        let (x, y) = common::find_in(&buf, reader, "reopen to traffic").expect("first line");
        assert!(!buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
        assert_ne!(buf[(reader.x, y)].symbol(), GUTTER);
    }
}

#[test]
fn selection_and_note_line() {
    let (w, h) = (80, 24);
    let mut m = opened(w, h);
    update(&mut m, Action::FocusNext);
    update(&mut m, Action::SelectPassage);
    let buf = render(&m, w, h);
    let reader = m.panes.reader.expect("a reading pane");
    let (x, y) = common::find_in(&buf, reader, "old harbour").expect("selected text");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    update(&mut m, Action::Bookmark);
    for c in "weld 日本 ok".chars() {
        update(&mut m, Action::Edit(LineEdit::Insert(c)));
    }
    update(&mut m, Action::Edit(LineEdit::Left));
    update(&mut m, Action::Edit(LineEdit::Left));
    let buf = render(&m, w, h);
    insta::assert_snapshot!("note_line_80x24", text(&buf));
    // the passage being bookmarked stays marked while the note is typed
    let (px, py) = common::find_in(&buf, reader, "old harbour").expect("the passage");
    assert!(buf[(px, py)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find(&buf, "note: ").expect("the note line");
    assert_eq!(y, h - 1);
    // the cursor is on the 'o' of "ok"
    let cursor = x + 6 + 10;
    assert_eq!(buf[(cursor, y)].symbol(), "o");
    assert!(buf[(cursor, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_selected_bookmark_stays_in_view_in_a_long_list() {
    let (w, h) = (80, 24);
    let mut m = model(w, h);
    let marks: Vec<_> = (1..=12)
        .map(|d| {
            let mut b = mark(
                false,
                "The deck is sound.",
                &format!("note number {d}"),
                &format!("2026-04-{d:02}T10:00:00Z"),
            );
            b.title = format!("Article {d}");
            b
        })
        .collect();
    update(&mut m, list(marks));
    update(&mut m, Action::Bookmarks);
    update(&mut m, Action::Bottom);
    let t = text(&render(&m, w, h));
    // newest first: the oldest (1) is last, selected and shown
    assert!(t.contains("▸ 2026-04-01  Article 1"), "{t}");
    assert!(!t.contains("Article 12"), "{t}");
    update(&mut m, Action::Top);
    let t = text(&render(&m, w, h));
    assert!(t.contains("▸ 2026-04-12  Article 12"), "{t}");
}
