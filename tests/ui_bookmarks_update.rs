//! `update` tests for issue 4: selection by sentence, bookmarking (the effect and its range),
//! the note line, the bookmarks view (filter, delete and undo, edit the note, open the
//! passage), the sources view and the jump list. No terminal, no files.

mod common;
mod passages_fixture;

use common::{bridge, bridge_path, loaded, model, opened};
use passages_fixture::{grain_loaded, grain_path, index, list, mark};
use tidings::app::line::LineEdit;
use tidings::app::passages::{Done, Goal, IndexState, NotePurpose, PassageEffect};
use tidings::app::{Action, Effect, Pane, update};
use tidings::keymap::{Keymap, Mode, Outcome};

fn type_text(m: &mut tidings::app::Model, s: &str) {
    for c in s.chars() {
        assert_eq!(update(m, Action::Edit(LineEdit::Insert(c))), Effect::None);
    }
}

fn selected_text(m: &tidings::app::Model) -> String {
    let sel = m.passages.selection.as_ref().expect("a selection");
    let raw = &m.open.as_ref().unwrap().loaded.article.raw;
    raw[sel.range()].to_owned()
}

fn saved(effect: Effect) -> tidings::bookmarks::Bookmark {
    match effect {
        Effect::Passages(PassageEffect::Save(b)) => *b,
        other => panic!("expected a Save effect, got {other:?}"),
    }
}

#[test]
fn v_selects_the_first_sentence_shown_and_j_k_extend_by_sentence() {
    let mut m = opened(140, 12);
    update(&mut m, Action::SelectPassage);
    assert_eq!(m.focus, Pane::Reader);
    assert_eq!(
        selected_text(&m),
        "The old harbour bridge will reopen to traffic on Monday, the city said."
    );
    update(&mut m, Action::Down);
    let two = selected_text(&m);
    assert!(two.starts_with("The old harbour"), "{two}");
    assert!(two.ends_with("the chief engineer."), "{two}");
    assert!(!two.contains("deck"), "one sentence more, not two: {two}");
    update(&mut m, Action::Down);
    assert!(selected_text(&m).ends_with("\"The deck is sound.\""));
    assert_eq!(
        m.status.as_deref(),
        Some("3 sentences selected: j/k extend, b bookmarks, esc cancels")
    );
    // back up past the start: the selection extends upwards from where it began
    update(&mut m, Action::Up);
    update(&mut m, Action::Up);
    update(&mut m, Action::Up);
    assert_eq!(
        selected_text(&m),
        "The old harbour bridge will reopen to traffic on Monday, the city said."
    );
    // j/k did not scroll or move anything else
    assert_eq!(m.open.as_ref().unwrap().scroll, 0);
    update(&mut m, Action::Back);
    assert!(m.passages.selection.is_none());
    // with no selection, j scrolls again
    update(&mut m, Action::Down);
    assert_eq!(m.open.as_ref().unwrap().scroll, 1);
}

#[test]
fn the_selection_starts_at_the_top_of_the_page_and_extends_upwards() {
    let mut m = opened(140, 12);
    update(&mut m, Action::FocusNext);
    assert_eq!(m.focus, Pane::Reader);
    for _ in 0..6 {
        update(&mut m, Action::Down);
    }
    update(&mut m, Action::SelectPassage);
    let first = selected_text(&m);
    update(&mut m, Action::Up);
    let more = selected_text(&m);
    assert!(more.len() > first.len() && more.ends_with(&first), "{more}");
    // in another pane, j and k are that pane's again; the selection stays
    update(&mut m, Action::FocusNext);
    update(&mut m, Action::Down);
    assert_eq!(m.open.as_ref().unwrap().quote_sel, 1);
    assert_eq!(selected_text(&m), more);
}

#[test]
fn b_bookmarks_the_selection_then_the_note_is_typed_and_saved_with_enter() {
    let mut m = opened(140, 40);
    update(&mut m, Action::SelectPassage);
    update(&mut m, Action::Down);
    let text = selected_text(&m);
    // The bookmark is saved at once (a signal while the note is typed cannot lose it).
    let b = saved(update(&mut m, Action::Bookmark));
    assert!(m.passages.selection.is_none());
    assert!(m.takes_line());
    let Some(NotePurpose::New(waiting)) = m.note().map(|n| n.purpose.clone()) else {
        panic!("the note line is open for the new bookmark");
    };
    assert_eq!(*waiting, b);
    let raw = bridge().0.raw;
    assert_eq!(b.passage, text);
    assert_eq!(&raw[b.start..b.end], text);
    assert_eq!(b.path, bridge_path());
    assert_eq!(b.title, "Harbour bridge to reopen");
    assert_eq!(b.note, "");
    // typing, editing like a shell
    type_text(&mut m, "check the welds");
    update(&mut m, Action::Edit(LineEdit::KillWordBack));
    type_text(&mut m, "dates");
    update(&mut m, Action::Edit(LineEdit::Home));
    update(&mut m, Action::Edit(LineEdit::DeleteForward));
    type_text(&mut m, "C");
    // bindable actions do nothing while the note is open
    assert_eq!(update(&mut m, Action::Bookmarks), Effect::None);
    assert!(m.bookmarks_view().is_none());
    // Enter attaches the note to the bookmark saved
    assert_eq!(
        update(&mut m, Action::Edit(LineEdit::Submit)),
        Effect::Passages(PassageEffect::SetNote {
            id: b.id.clone(),
            note: "Check the dates".into()
        })
    );
    assert!(m.note().is_none() && !m.takes_line());
}

#[test]
fn esc_in_the_note_line_keeps_the_bookmark_without_a_note() {
    let mut m = opened(140, 40);
    update(&mut m, Action::FocusNext);
    let b = saved(update(&mut m, Action::Bookmark));
    type_text(&mut m, "draft");
    assert_eq!(update(&mut m, Action::Edit(LineEdit::Cancel)), Effect::None);
    assert!(!m.takes_line());
    assert_eq!(b.note, "");
    // nothing selected: the paragraph at the top of the reading pane
    assert_eq!(
        b.passage,
        "The old harbour bridge will reopen to traffic on Monday, the city said."
    );
    // Enter on an empty note changes nothing either
    saved(update(&mut m, Action::Bookmark));
    assert_eq!(update(&mut m, Action::Edit(LineEdit::Submit)), Effect::None);
}

#[test]
fn b_in_the_quotes_pane_bookmarks_the_selected_quotation() {
    let mut m = opened(140, 40);
    update(&mut m, Action::FocusPrev);
    assert_eq!(m.focus, Pane::Quotes);
    update(&mut m, Action::Down);
    let b = saved(update(&mut m, Action::Bookmark));
    update(&mut m, Action::Edit(LineEdit::Submit));
    let (a, attr) = bridge();
    let q = &attr.quotes[1];
    assert_eq!(b.passage, "\"The deck is sound.\"");
    assert_eq!((b.start, b.end), (q.start, q.end));
    assert_eq!(&a.raw[b.start..b.end], q.text);
}

#[test]
fn the_keymap_sends_line_edits_while_a_line_is_open() {
    let mut km: Keymap = common::keymap();
    let key = |s: &str| s.parse().unwrap();
    assert_eq!(
        km.feed(Mode::Line, key("q")),
        Outcome::Action(Action::Edit(LineEdit::Insert('q')))
    );
    assert_eq!(
        km.feed(Mode::Line, key("ctrl-w")),
        Outcome::Action(Action::Edit(LineEdit::KillWordBack))
    );
    assert_eq!(
        km.feed(Mode::Line, key("ctrl-u")),
        Outcome::Action(Action::Edit(LineEdit::KillToStart))
    );
    assert_eq!(
        km.feed(Mode::Line, key("esc")),
        Outcome::Action(Action::Edit(LineEdit::Cancel))
    );
    assert_eq!(
        km.feed(Mode::Keys(tidings::app::Context::Reader), key("q")),
        Outcome::Action(Action::Quit)
    );
    assert_eq!(
        km.feed(Mode::Keys(tidings::app::Context::Reader), key("ctrl-o")),
        Outcome::Action(Action::JumpBack)
    );
    assert_eq!(
        km.feed(Mode::Keys(tidings::app::Context::Reader), key("alt-o")),
        Outcome::Action(Action::JumpForward)
    );
}

#[test]
fn the_bookmarks_view_lists_newest_first_filters_deletes_and_undoes() {
    let mut m = model(140, 40);
    let old = mark(false, "The deck is sound.", "older", "2026-03-01T10:00:00Z");
    let new = mark(true, "Grain prices eased", "newer", "2026-03-05T10:00:00Z");
    update(&mut m, list(vec![old.clone(), new.clone()]));
    let effect = update(&mut m, Action::Bookmarks);
    assert_eq!(
        effect,
        Effect::Passages(PassageEffect::CheckAnchors(vec![old.clone(), new.clone()]))
    );
    let ids = |m: &tidings::app::Model| -> Vec<String> {
        m.visible_bookmarks().iter().map(|b| b.id.clone()).collect()
    };
    assert_eq!(ids(&m), [new.id.clone(), old.id.clone()]);
    // filter
    update(&mut m, Action::Filter);
    assert!(m.takes_line());
    type_text(&mut m, "DECK");
    assert_eq!(ids(&m), vec![old.id.clone()]);
    update(&mut m, Action::Edit(LineEdit::Submit));
    assert!(!m.takes_line());
    assert_eq!(ids(&m), vec![old.id.clone()]);
    update(&mut m, Action::Filter);
    update(&mut m, Action::Edit(LineEdit::Cancel));
    assert_eq!(ids(&m).len(), 2);
    // delete the second (the older), then undo
    update(&mut m, Action::Down);
    assert_eq!(
        update(&mut m, Action::DeleteBookmark),
        Effect::Passages(PassageEffect::Remove(old.id.clone()))
    );
    update(
        &mut m,
        Action::Passages(Done::Bookmarks {
            list: vec![new.clone()],
            warning: None,
            removed: Some(Box::new(old.clone())),
        }),
    );
    assert_eq!(ids(&m), vec![new.id.clone()]);
    assert_eq!(m.bookmarks_view().unwrap().selected, 0);
    assert!(m.status.as_deref().unwrap().contains("deleted"));
    assert_eq!(
        update(&mut m, Action::Undo),
        Effect::Passages(PassageEffect::Restore(Box::new(old.clone())))
    );
    assert_eq!(update(&mut m, Action::Undo), Effect::None);
    assert_eq!(m.status.as_deref(), Some("nothing to undo"));
    update(&mut m, Action::Back);
    assert!(m.bookmarks_view().is_none());
}

#[test]
fn e_edits_the_note_and_esc_keeps_the_old_one() {
    let mut m = model(140, 40);
    let b = mark(
        false,
        "The deck is sound.",
        "first thought",
        "2026-03-01T10:00:00Z",
    );
    update(&mut m, list(vec![b.clone()]));
    update(&mut m, Action::Bookmarks);
    update(&mut m, Action::EditNote);
    assert_eq!(m.note().unwrap().editor.text(), "first thought");
    update(&mut m, Action::Edit(LineEdit::Cancel));
    assert!(m.note().is_none());
    update(&mut m, Action::EditNote);
    update(&mut m, Action::Edit(LineEdit::KillToStart));
    type_text(&mut m, "second thought");
    assert_eq!(
        update(&mut m, Action::Edit(LineEdit::Submit)),
        Effect::Passages(PassageEffect::SetNote {
            id: b.id.clone(),
            note: "second thought".into()
        })
    );
    assert!(m.bookmarks_view().is_some(), "the view stays open");
}

#[test]
fn a_set_aside_warning_is_shown_in_the_status_bar() {
    let mut m = model(80, 24);
    update(
        &mut m,
        Action::Passages(Done::Bookmarks {
            list: vec![],
            warning: Some("bookmarks.toml could not be read; it was moved".into()),
            removed: None,
        }),
    );
    assert!(m.status.as_deref().unwrap().contains("moved"));
}

#[test]
fn enter_in_the_bookmarks_view_opens_the_passage_found_again_and_highlights_it() {
    let mut m = model(140, 40);
    // The bookmark was made when the article had a line more at the top: its offsets are
    // stale, its text is still there.
    let mut b = mark(false, "The deck is sound.", "", "2026-03-01T10:00:00Z");
    b.start += 40;
    b.end += 40;
    update(&mut m, list(vec![b.clone()]));
    update(&mut m, Action::Bookmarks);
    assert_eq!(update(&mut m, Action::Select), Effect::Load(bridge_path()));
    assert!(m.bookmarks_view().is_none());
    update(&mut m, loaded());
    let raw = bridge().0.raw;
    let at = raw.find("The deck is sound.").unwrap();
    assert_eq!(m.passages.flash, Some(at..at + "The deck is sound.".len()));
    assert_eq!(m.focus, Pane::Reader);
    assert!(m.passages.target.is_none());
    // the bookmarked passage is marked
    assert_eq!(m.passages.marks, vec![at..at + 18]);
    // esc clears the highlight
    update(&mut m, Action::Back);
    assert_eq!(m.passages.flash, None);
}

#[test]
fn an_orphaned_bookmark_opens_its_article_and_says_so() {
    let mut m = opened(140, 40);
    let mut b = mark(false, "The deck is sound.", "", "2026-03-01T10:00:00Z");
    b.passage = "A sentence that was taken out of the article entirely.".into();
    update(&mut m, list(vec![b]));
    update(&mut m, Action::Bookmarks);
    update(&mut m, Action::Select);
    assert_eq!(m.passages.flash, None);
    assert!(m.status.as_deref().unwrap().contains("orphaned"));
}

#[test]
fn the_jump_list_goes_back_and_forward_and_a_new_jump_drops_what_was_ahead() {
    let mut m = opened(140, 40);
    let hl = |m: &tidings::app::Model| m.open.as_ref().unwrap().highlight;
    update(&mut m, Action::NextQuote);
    update(&mut m, Action::NextQuote);
    update(&mut m, Action::NextQuote);
    assert_eq!(hl(&m), Some(2));
    assert_eq!(m.passages.jumps.behind(), 3);
    update(&mut m, Action::JumpBack);
    assert_eq!(hl(&m), Some(1));
    update(&mut m, Action::JumpBack);
    update(&mut m, Action::JumpBack);
    assert_eq!(hl(&m), None);
    assert_eq!(update(&mut m, Action::JumpBack), Effect::None);
    assert_eq!(m.status.as_deref(), Some("no older place in the jump list"));
    update(&mut m, Action::JumpForward);
    assert_eq!(hl(&m), Some(0));
    assert_eq!(m.passages.jumps.ahead(), 2);
    // a new jump from here forgets the places ahead
    update(&mut m, Action::NextSameSpeaker);
    assert_eq!(hl(&m), Some(1));
    assert_eq!(m.passages.jumps.ahead(), 0);
    update(&mut m, Action::JumpForward);
    assert_eq!(hl(&m), Some(1));
    update(&mut m, Action::JumpBack);
    assert_eq!(hl(&m), Some(0));
}

#[test]
fn o_follows_a_speaker_to_another_article_and_ctrl_o_comes_back() {
    let mut m = opened(140, 40);
    update(&mut m, Action::FocusPrev);
    assert_eq!(m.focus, Pane::Quotes);
    // the index is built on first use, with progress
    let Effect::Passages(PassageEffect::BuildIndex(paths)) = update(&mut m, Action::Sources) else {
        panic!("the index is asked for");
    };
    assert_eq!(paths.len(), 3);
    update(
        &mut m,
        Action::Passages(Done::IndexProgress { done: 1, total: 3 }),
    );
    assert_eq!(m.status.as_deref(), Some("indexing speakers 1/3"));
    assert_eq!(m.passages.index, IndexState::Building { done: 1, total: 3 });
    update(&mut m, Action::Passages(Done::IndexReady(index())));
    let view = m.sources_view().expect("the sources view");
    assert_eq!(view.groups.len(), 2);
    assert_eq!(view.count(), 4);
    // starts on the quotation followed (the first of the quotes pane)
    let first = view.quotes().nth(view.selected).unwrap();
    assert_eq!(first.path, bridge_path());
    assert_eq!(first.start, bridge().1.quotes[0].start);
    // the other article's quotation
    let i = view.quotes().position(|q| q.path == grain_path()).unwrap();
    let from_scroll = m.open.as_ref().unwrap().scroll;
    for _ in 0..4 {
        update(&mut m, Action::Down);
    }
    assert_eq!(m.sources_view().unwrap().selected, 3);
    for _ in 0..(3 - i) {
        update(&mut m, Action::Up);
    }
    assert_eq!(update(&mut m, Action::Select), Effect::Load(grain_path()));
    assert!(matches!(
        m.passages.target.as_ref().map(|t| &t.goal),
        Some(Goal::Quote(_))
    ));
    update(&mut m, grain_loaded());
    let open = m.open.as_ref().unwrap();
    assert_eq!(open.path, grain_path());
    assert_eq!(open.highlight, Some(0));
    assert_eq!(m.focus, Pane::Reader);
    // ctrl-o: back in the bridge article where we were (read already: no load)
    assert_eq!(
        update(&mut m, Action::JumpBack),
        Effect::MarkRead(bridge_path())
    );
    let open = m.open.as_ref().unwrap();
    assert_eq!(open.path, bridge_path());
    assert_eq!(open.scroll, from_scroll);
    // and forward again
    update(&mut m, Action::JumpForward);
    assert_eq!(m.open.as_ref().unwrap().path, grain_path());
    assert_eq!(m.open.as_ref().unwrap().highlight, Some(0));
}

#[test]
fn the_sources_view_opens_on_the_quotation_followed() {
    let mut m = opened(140, 40);
    update(&mut m, Action::FocusPrev);
    update(&mut m, Action::Down);
    update(&mut m, Action::Down);
    update(&mut m, Action::Sources);
    update(&mut m, Action::Passages(Done::IndexReady(index())));
    let view = m.sources_view().unwrap();
    let q = view.quotes().nth(view.selected).unwrap();
    assert_eq!(q.text, "the crews had worked through the night");
    // and the index, once built, is used again without asking the run loop
    update(&mut m, Action::Back);
    assert_eq!(update(&mut m, Action::Sources), Effect::None);
    assert!(m.sources_view().is_some());
}

#[test]
fn anonymous_sources_stay_in_their_article() {
    let mut m = model(140, 40);
    update(&mut m, Action::Down);
    // open the grain article
    update(&mut m, Action::Select);
    update(&mut m, grain_loaded());
    assert_eq!(m.open.as_ref().unwrap().path, grain_path());
    update(&mut m, Action::FocusPrev);
    update(&mut m, Action::Down);
    assert_eq!(update(&mut m, Action::Sources), Effect::None);
    assert_eq!(
        m.status.as_deref(),
        Some("anonymous sources are not followed across articles")
    );
    let view = m.sources_view().unwrap();
    assert!(view.local_only);
    assert_eq!(view.groups.len(), 1);
    assert_eq!(view.count(), 1);
    assert_eq!(m.passages.index, IndexState::Idle, "no index needed");
    update(&mut m, Action::Back);
    assert!(m.sources_view().is_none());
}
