//! `update` for every action: pure, no terminal.

mod common;

use std::path::PathBuf;

use common::{bridge_path, loaded, model, opened};
use tidings::app::Layer;
use tidings::app::line::LineEdit;
use tidings::app::model::{Progress, Prompt};
use tidings::app::{Action, Effect, Pane, update};
use tidings::article::{Entry, Problem};

fn highlight(m: &tidings::app::Model) -> Option<usize> {
    m.open.as_ref().and_then(|o| o.highlight)
}

#[test]
fn quit() {
    let mut m = model(80, 24);
    assert_eq!(update(&mut m, Action::Quit), Effect::Quit);
    assert!(m.quit);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut m = model(80, 24);
    update(&mut m, Action::Help);
    assert_eq!(m.top(), Some(&Layer::Help { scroll: 0 }));
    update(&mut m, Action::Down);
    assert_eq!(m.top(), Some(&Layer::Help { scroll: 1 }));
    // the list did not move underneath
    assert_eq!(m.list.selected, 0);
    update(&mut m, Action::Help);
    assert_eq!(m.top(), None);
    update(&mut m, Action::Help);
    update(&mut m, Action::Back);
    assert_eq!(m.top(), None);
}

#[test]
fn problems_toggle() {
    let mut m = model(80, 24);
    update(&mut m, Action::Problems);
    assert_eq!(m.top(), Some(&Layer::Problems { scroll: 0 }));
    update(&mut m, Action::Down);
    assert_eq!(
        m.top(),
        Some(&Layer::Problems { scroll: 0 }),
        "one problem only"
    );
    update(&mut m, Action::Problems);
    assert_eq!(m.top(), None);
}

#[test]
fn focus_cycles_both_ways() {
    let mut m = model(140, 40);
    update(&mut m, Action::FocusNext);
    assert_eq!(m.focus, Pane::Reader);
    update(&mut m, Action::FocusNext);
    assert_eq!(m.focus, Pane::Quotes);
    update(&mut m, Action::FocusNext);
    assert_eq!(m.focus, Pane::List);
    update(&mut m, Action::FocusPrev);
    assert_eq!(m.focus, Pane::Quotes);
}

#[test]
fn list_moves_and_stays_in_bounds() {
    let mut m = model(80, 24);
    update(&mut m, Action::Up);
    assert_eq!(m.list.selected, 0);
    update(&mut m, Action::Down);
    assert_eq!(m.list.selected, 1);
    update(&mut m, Action::Bottom);
    assert_eq!(m.list.selected, 2);
    update(&mut m, Action::Down);
    assert_eq!(m.list.selected, 2);
    update(&mut m, Action::Top);
    assert_eq!(m.list.selected, 0);
    update(&mut m, Action::PageDown);
    assert_eq!(m.list.selected, 2);
    update(&mut m, Action::PageUp);
    assert_eq!(m.list.selected, 0);
}

#[test]
fn select_loads_then_opens_and_marks_read_and_reopens_from_the_cache() {
    let mut m = model(140, 40);
    assert_eq!(update(&mut m, Action::Select), Effect::Load(bridge_path()));
    assert_eq!(m.loading, Some(bridge_path()));
    assert_eq!(update(&mut m, loaded()), Effect::MarkRead(bridge_path()));
    assert!(m.loading.is_none());
    assert!(m.read.contains(&bridge_path()));
    let open = m.open.as_ref().unwrap();
    assert_eq!(
        open.loaded.groups.len(),
        3,
        "two speakers and the unattributed"
    );
    // reopening needs no load
    update(&mut m, Action::Down);
    update(&mut m, Action::Up);
    assert_eq!(
        update(&mut m, Action::Select),
        Effect::MarkRead(bridge_path())
    );
}

#[test]
fn a_load_that_arrives_after_another_choice_is_cached_not_shown() {
    let mut m = model(140, 40);
    update(&mut m, Action::Select);
    m.loading = Some(PathBuf::from("/fixture/world/grain.md"));
    assert_eq!(update(&mut m, loaded()), Effect::None);
    assert!(m.open.is_none());
    assert!(m.cache.contains_key(&bridge_path()));
}

#[test]
fn a_failed_load_is_a_message_and_a_problem() {
    let mut m = model(80, 24);
    update(&mut m, Action::Select);
    let problem = Problem {
        path: bridge_path(),
        line: None,
        reason: "gone\u{1b}[2J".into(),
    };
    update(
        &mut m,
        Action::Loaded {
            path: bridge_path(),
            result: Err(problem.clone()),
        },
    );
    let status = m.status.clone().unwrap();
    assert!(
        status.contains("gone") && !status.contains('\u{1b}'),
        "{status}"
    );
    assert!(m.store.problems.contains(&problem));
}

#[test]
fn reader_scrolls_within_bounds() {
    let mut m = opened(80, 12);
    m.focus = Pane::Reader;
    let lines = m.open.as_ref().unwrap().doc.lines.len();
    let h = m.height(Pane::Reader);
    assert!(
        lines > h,
        "the fixture must overflow the pane: {lines} <= {h}"
    );
    update(&mut m, Action::Down);
    assert_eq!(m.open.as_ref().unwrap().scroll, 1);
    update(&mut m, Action::Up);
    update(&mut m, Action::Up);
    assert_eq!(m.open.as_ref().unwrap().scroll, 0);
    update(&mut m, Action::Bottom);
    assert_eq!(m.open.as_ref().unwrap().scroll, lines - h);
    update(&mut m, Action::PageUp);
    assert_eq!(
        m.open.as_ref().unwrap().scroll,
        (lines - h).saturating_sub(h - 1)
    );
    update(&mut m, Action::Top);
    update(&mut m, Action::PageDown);
    assert_eq!(m.open.as_ref().unwrap().scroll, (h - 1).min(lines - h));
}

#[test]
fn enter_in_the_quotes_pane_jumps_and_highlights() {
    let mut m = opened(140, 40);
    m.focus = Pane::Quotes;
    update(&mut m, Action::Down);
    update(&mut m, Action::Down);
    update(&mut m, Action::Down);
    // pane order: Lindqvist's three, then 王芳's, then the unattributed
    update(&mut m, Action::Select);
    assert_eq!(highlight(&m), Some(3));
    let o = m.open.as_ref().unwrap();
    let start = o.loaded.attribution.quotes[3].start;
    let line = o.doc.line_of(start).unwrap();
    assert!(o.scroll <= line && line < o.scroll + m.height(Pane::Reader));
}

#[test]
fn next_and_previous_quotation_in_reading_order() {
    let mut m = opened(140, 40);
    update(&mut m, Action::NextQuote);
    assert_eq!(highlight(&m), Some(0));
    for want in [1, 2, 3, 4] {
        update(&mut m, Action::NextQuote);
        assert_eq!(highlight(&m), Some(want));
        assert_eq!(m.status, None);
    }
    // past the last: round to the first, and say so
    update(&mut m, Action::NextQuote);
    assert_eq!(highlight(&m), Some(0));
    assert!(m.status.as_deref().unwrap().contains("back to the first"));
    // before the first: on to the last
    update(&mut m, Action::PrevQuote);
    assert_eq!(highlight(&m), Some(4));
    assert!(m.status.as_deref().unwrap().contains("on to the last"));
    update(&mut m, Action::PrevQuote);
    assert_eq!(highlight(&m), Some(3));
    assert_eq!(m.open.as_ref().unwrap().quote_sel, 3);
    update(&mut m, Action::Back);
    assert_eq!(highlight(&m), None);
}

#[test]
fn quote_navigation_without_an_article_says_so() {
    let mut m = model(80, 24);
    update(&mut m, Action::NextQuote);
    assert!(m.status.is_some());
    update(&mut m, Action::PrevSameSpeaker);
    assert!(m.open.is_none());
}

#[test]
fn same_speaker_skips_the_others() {
    let mut m = opened(140, 40);
    update(&mut m, Action::NextSameSpeaker);
    assert!(m.status.is_some(), "needs a current quotation");
    update(&mut m, Action::NextQuote); // 0, Lindqvist
    update(&mut m, Action::NextSameSpeaker);
    assert_eq!(highlight(&m), Some(1));
    update(&mut m, Action::NextSameSpeaker);
    assert_eq!(highlight(&m), Some(2));
    // past this speaker's last: round to the first, and say so
    update(&mut m, Action::NextSameSpeaker);
    assert_eq!(highlight(&m), Some(0));
    assert!(m.status.as_deref().unwrap().contains("first quotation"));
    update(&mut m, Action::PrevSameSpeaker);
    assert_eq!(highlight(&m), Some(2));
    assert!(m.status.as_deref().unwrap().contains("last quotation"));
    update(&mut m, Action::PrevSameSpeaker);
    assert_eq!(highlight(&m), Some(1));
    // a speaker quoted once has nowhere else to go
    update(&mut m, Action::NextQuote);
    update(&mut m, Action::NextQuote);
    assert_eq!(highlight(&m), Some(3));
    update(&mut m, Action::NextSameSpeaker);
    assert_eq!(highlight(&m), Some(3));
    assert!(m.status.as_deref().unwrap().contains("no other"));
}

#[test]
fn search_types_finds_moves_between_hits_and_leaves() {
    let mut m = opened(80, 24);
    update(&mut m, Action::Search);
    assert_eq!(m.prompt(), Some(Prompt::Search));
    assert_eq!(m.focus, Pane::Reader);
    for c in "THE".chars() {
        update(&mut m, Action::Edit(LineEdit::Insert(c)));
    }
    let hits = m.search.as_ref().unwrap().hits.len();
    assert!(hits >= 5, "case-insensitive hits: {hits}");
    update(&mut m, Action::Edit(LineEdit::DeleteBack));
    assert_eq!(m.search.as_ref().unwrap().query, "TH");
    update(&mut m, Action::Edit(LineEdit::Insert('e')));
    update(&mut m, Action::Edit(LineEdit::Submit));
    assert_eq!(m.prompt(), None);
    assert_eq!(m.search.as_ref().unwrap().current, Some(0));
    update(&mut m, Action::NextQuote);
    assert_eq!(m.search.as_ref().unwrap().current, Some(1));
    update(&mut m, Action::PrevQuote);
    update(&mut m, Action::PrevQuote);
    assert_eq!(m.search.as_ref().unwrap().current, Some(hits - 1), "wraps");
    assert!(highlight(&m).is_none(), "n/N move between hits, not quotes");
    update(&mut m, Action::Back);
    assert!(m.search.is_none());
}

#[test]
fn search_matches_non_ascii_and_needs_an_article() {
    let mut m = opened(80, 24);
    update(&mut m, Action::Search);
    for c in "王芳".chars() {
        update(&mut m, Action::Edit(LineEdit::Insert(c)));
    }
    let s = m.search.as_ref().unwrap();
    let raw = &m.open.as_ref().unwrap().loaded.article.raw;
    assert_eq!(s.hits.len(), 1);
    assert_eq!(&raw[s.hits[0].clone()], "王芳");
    update(&mut m, Action::Back);
    assert!(m.search.is_none() && m.prompt().is_none());
    let mut m = model(80, 24);
    update(&mut m, Action::Search);
    assert!(m.prompt().is_none() && m.status.is_some());
}

#[test]
fn an_empty_search_confirmed_is_dropped() {
    let mut m = opened(80, 24);
    update(&mut m, Action::Search);
    update(&mut m, Action::Edit(LineEdit::Submit));
    assert!(m.search.is_none());
}

#[test]
fn filter_narrows_the_list_and_back_clears_it() {
    let mut m = model(80, 24);
    update(&mut m, Action::Filter);
    assert_eq!(m.prompt(), Some(Prompt::Filter));
    for c in "farm".chars() {
        update(&mut m, Action::Edit(LineEdit::Insert(c)));
    }
    assert_eq!(m.list.visible, [1], "matches the source");
    update(&mut m, Action::Edit(LineEdit::Submit));
    assert_eq!(m.list.filter, "farm");
    update(&mut m, Action::Back);
    assert!(m.list.filter.is_empty());
    assert_eq!(m.list.visible.len(), 3);
    update(&mut m, Action::Filter);
    update(&mut m, Action::Edit(LineEdit::Insert('z')));
    assert!(m.list.visible.is_empty());
    assert_eq!(update(&mut m, Action::Select), Effect::None);
    update(&mut m, Action::Back);
    assert_eq!(m.list.visible.len(), 3);
}

#[test]
fn click_selects_in_the_list_then_opens() {
    let mut m = model(140, 40);
    let inner = tidings::ui::layout::inner(m.panes.list.unwrap());
    // second article: rows 2-3 of the list
    update(
        &mut m,
        Action::Click {
            col: inner.x + 2,
            row: inner.y + 2,
        },
    );
    assert_eq!(m.list.selected, 1);
    let e = update(
        &mut m,
        Action::Click {
            col: inner.x + 2,
            row: inner.y + 3,
        },
    );
    assert_eq!(e, Effect::Load(PathBuf::from("/fixture/world/grain.md")));
}

#[test]
fn click_in_the_quotes_pane_jumps() {
    let mut m = opened(140, 40);
    let inner = tidings::ui::layout::inner(m.panes.quotes.unwrap());
    // row 0 Lindqvist, 1-3 his quotes, 4 王芳, 5 her quote
    update(
        &mut m,
        Action::Click {
            col: inner.x + 3,
            row: inner.y + 5,
        },
    );
    assert_eq!(highlight(&m), Some(3));
    assert_eq!(m.focus, Pane::Quotes);
    // a click on a header only focuses
    update(
        &mut m,
        Action::Click {
            col: inner.x + 3,
            row: inner.y,
        },
    );
    assert_eq!(highlight(&m), Some(3));
}

#[test]
fn click_closes_an_overlay() {
    let mut m = model(80, 24);
    update(&mut m, Action::Help);
    update(&mut m, Action::Click { col: 1, row: 1 });
    assert_eq!(m.top(), None);
}

#[test]
fn wheel_scrolls_the_pane_under_the_pointer() {
    let mut m = opened(80, 12);
    let r = m.panes.reader.unwrap();
    update(
        &mut m,
        Action::Wheel {
            col: r.x + 2,
            row: r.y + 2,
            down: true,
        },
    );
    assert_eq!(m.open.as_ref().unwrap().scroll, 3);
    assert_eq!(m.focus, Pane::List, "the wheel does not move the focus");
    update(
        &mut m,
        Action::Wheel {
            col: r.x + 2,
            row: r.y + 2,
            down: false,
        },
    );
    assert_eq!(m.open.as_ref().unwrap().scroll, 0);
}

#[test]
fn resize_changes_the_layout_and_rewraps() {
    let mut m = opened(140, 40);
    let wide = m.open.as_ref().unwrap().doc.width;
    update(
        &mut m,
        Action::Resize {
            width: 50,
            height: 20,
        },
    );
    assert!(m.panes.reader.is_none(), "narrow: only the focused list");
    update(&mut m, Action::FocusNext);
    let narrow = m.open.as_ref().unwrap().doc.width;
    assert!(narrow < wide, "{narrow} < {wide}");
    assert!(m.panes.reader.is_some() && m.panes.list.is_none());
    update(
        &mut m,
        Action::Resize {
            width: 10,
            height: 3,
        },
    );
    assert!(m.panes.too_small);
}

#[test]
fn opening_on_a_narrow_screen_shows_the_reader() {
    let mut m = model(50, 20);
    update(&mut m, Action::Select);
    update(&mut m, loaded());
    assert_eq!(m.focus, Pane::Reader);
}

#[test]
fn indexed_rows_arrive_and_keep_the_selection() {
    let mut m = model(80, 24);
    m.indexing = Some(Progress { done: 0, total: 2 });
    update(&mut m, Action::Down); // grain
    let row = Entry {
        path: PathBuf::from("/fixture/new.md"),
        section: String::new(),
        title: "A new arrival".into(),
        source: None,
        published: None,
        size: 10,
        quote_count: 0,
    };
    let bad = Problem {
        path: PathBuf::from("/fixture/bad.md"),
        line: None,
        reason: "not UTF-8".into(),
    };
    update(&mut m, Action::Indexed(vec![Ok(row), Err(bad)]));
    assert_eq!(m.indexing, Some(Progress { done: 2, total: 2 }));
    assert_eq!(m.store.problems.len(), 2);
    assert!(
        m.store
            .entries
            .iter()
            .any(|e| e.path == std::path::Path::new("/fixture/new.md"))
    );
    assert_eq!(
        m.selected_entry().unwrap().path,
        PathBuf::from("/fixture/world/grain.md")
    );
    assert_eq!(update(&mut m, Action::IndexDone), Effect::None);
    assert!(m.indexing.is_none());
}

#[test]
fn failures_are_shown_cleaned() {
    let mut m = model(80, 24);
    update(&mut m, Action::Failed("disk\u{7} full".into()));
    assert_eq!(m.status.as_deref(), Some("disk␇ full"));
    // the next key clears the message
    update(&mut m, Action::Down);
    assert!(m.status.is_none());
}

#[test]
fn every_bindable_action_is_handled_without_an_article_and_with_one() {
    for open in [false, true] {
        for a in Action::BINDABLE {
            for focus in Pane::ALL {
                let mut m = if open { opened(80, 24) } else { model(80, 24) };
                m.focus = focus;
                let _ = update(&mut m, a.clone());
            }
        }
    }
}
