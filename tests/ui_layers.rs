//! The layer stack (issue 13): keys go to the top layer, bound per context; `q` closes a view
//! and quits only from the reader; Esc and Backspace go back from the article to the list
//! where the panes take turns; every typed line has a cursor; a search with no hits says so.
//! Keys are fed through the default keymap, in the context the model says is on top, as the
//! run loop does.

mod common;
mod passages_fixture;

use common::{bridge_path, model, opened};
use tidings::app::line::MAX_LEN;
use tidings::app::model::Prompt;
use tidings::app::{Action, Context, Effect, Layer, Model, Pane, update};
use tidings::keymap::{Keymap, Mode, Outcome, paste};

/// Press `keys` (space separated key names) as a user would; the last effect.
fn press(m: &mut Model, km: &mut Keymap, keys: &str) -> Effect {
    let mut effect = Effect::None;
    for k in keys.split(' ') {
        let mode = m.context().map_or(Mode::Line, Mode::Keys);
        if let Outcome::Action(a) = km.feed(mode, k.parse().unwrap()) {
            effect = update(m, a);
        }
    }
    effect
}

/// Type text into the line on top.
fn type_text(m: &mut Model, km: &mut Keymap, text: &str) {
    for c in text.chars() {
        let k = if c == ' ' {
            "space".to_owned()
        } else {
            c.to_string()
        };
        press(m, km, &k);
    }
}

fn kinds(m: &Model) -> Vec<&'static str> {
    m.layers
        .iter()
        .map(|l| match l {
            Layer::Help { .. } => "help",
            Layer::Problems { .. } => "problems",
            Layer::Bookmarks(_) => "bookmarks",
            Layer::Sources(_) => "sources",
            Layer::Found(_) => "found",
            Layer::Note(_) => "note",
            Layer::Prompt(_) => "prompt",
        })
        .collect()
}

#[test]
fn bookmarks_do_not_open_over_help_and_esc_closes_help() {
    let mut km = common::keymap();
    let mut m = opened(140, 40);
    press(&mut m, &mut km, "?");
    assert_eq!(kinds(&m), ["help"]);
    assert_eq!(m.context(), Some(Context::Help));
    // B means nothing in help
    press(&mut m, &mut km, "B");
    assert_eq!(kinds(&m), ["help"]);
    press(&mut m, &mut km, "esc");
    assert!(m.layers.is_empty(), "{:?}", kinds(&m));
    // Help over the bookmarks view: esc closes the help, then the view
    press(&mut m, &mut km, "B ?");
    assert_eq!(kinds(&m), ["bookmarks", "help"]);
    press(&mut m, &mut km, "esc");
    assert_eq!(kinds(&m), ["bookmarks"]);
    press(&mut m, &mut km, "esc");
    assert!(m.layers.is_empty());
}

#[test]
fn q_closes_the_view_on_top_and_quits_only_from_the_reader() {
    let mut km = common::keymap();
    let mut m = opened(140, 40);
    for (open, kind) in [("?", "help"), ("p", "problems"), ("B", "bookmarks")] {
        press(&mut m, &mut km, open);
        assert_eq!(kinds(&m), [kind]);
        assert_eq!(press(&mut m, &mut km, "q"), Effect::None, "{kind}");
        assert!(m.layers.is_empty() && !m.quit, "{kind}");
    }
    // the sources view, once the speaker index is ready
    press(&mut m, &mut km, "shift-tab");
    assert_eq!(m.focus, Pane::Quotes);
    press(&mut m, &mut km, "o");
    update(
        &mut m,
        Action::Passages(tidings::app::passages::Done::IndexReady(
            passages_fixture::index(),
        )),
    );
    assert_eq!(kinds(&m), ["sources"]);
    press(&mut m, &mut km, "q");
    assert!(m.layers.is_empty() && !m.quit);
    // the bookmarks view's filter takes q as text
    press(&mut m, &mut km, "B /");
    assert_eq!(kinds(&m), ["bookmarks", "prompt"]);
    press(&mut m, &mut km, "q");
    assert_eq!(m.bookmarks_view().unwrap().filter, "q");
    assert!(!m.quit);
    press(&mut m, &mut km, "esc q");
    assert!(m.layers.is_empty() && !m.quit);
    // ctrl-c still quits from a view
    press(&mut m, &mut km, "?");
    assert_eq!(press(&mut m, &mut km, "ctrl-c"), Effect::Quit);
    // and q from the reader
    let mut m = opened(140, 40);
    assert_eq!(press(&mut m, &mut km, "q"), Effect::Quit);
    assert!(m.quit);
}

#[test]
fn esc_and_backspace_go_back_from_the_article_to_the_list_where_panes_take_turns() {
    let mut km = common::keymap();
    for back in ["esc", "backspace"] {
        let mut m = model(50, 20);
        assert_eq!(press(&mut m, &mut km, "enter"), Effect::Load(bridge_path()));
        update(&mut m, common::loaded());
        assert_eq!(m.focus, Pane::Reader);
        assert!(m.panes.list.is_none(), "one pane at a time at 50 columns");
        press(&mut m, &mut km, back);
        assert_eq!(m.focus, Pane::List, "{back}");
        assert!(m.panes.list.is_some(), "{back}");
        // from the quotes pane too
        press(&mut m, &mut km, "shift-tab");
        assert_eq!(m.focus, Pane::Quotes);
        press(&mut m, &mut km, back);
        assert_eq!(m.focus, Pane::List, "{back}");
    }
    // With the list on screen, esc leaves the focus where it is.
    let mut m = opened(140, 40);
    press(&mut m, &mut km, "tab esc");
    assert_eq!(m.focus, Pane::Reader);
}

#[test]
fn bookmark_keys_belong_to_the_bookmarks_view() {
    let mut km = common::keymap();
    let mut m = opened(140, 40);
    for k in ["d", "u", "e"] {
        assert_eq!(
            km.feed(Mode::Keys(Context::Reader), k.parse().unwrap()),
            Outcome::None,
            "{k}"
        );
        assert_eq!(press(&mut m, &mut km, k), Effect::None);
        assert_eq!(m.status, None, "{k} says nothing in the reader");
    }
    assert_eq!(
        km.feed(Mode::Keys(Context::Bookmarks), "d".parse().unwrap()),
        Outcome::Action(Action::DeleteBookmark)
    );
    assert_eq!(km.keys_for(Context::Bookmarks, &Action::Undo), ["u"],);
}

#[test]
fn search_and_filter_edit_with_a_cursor() {
    let mut km = common::keymap();
    let mut m = opened(80, 24);
    press(&mut m, &mut km, "/");
    assert_eq!(m.prompt(), Some(Prompt::Search));
    type_text(&mut m, &mut km, "brdge");
    press(&mut m, &mut km, "left left left");
    type_text(&mut m, &mut km, "i");
    assert_eq!(m.search.as_ref().unwrap().query, "bridge");
    let hits = m.search.as_ref().unwrap().hits.len();
    assert!(hits >= 1);
    type_text(&mut m, &mut km, " ");
    assert_eq!(m.search.as_ref().unwrap().query, "bri dge");
    press(&mut m, &mut km, "end ctrl-w");
    assert_eq!(m.search.as_ref().unwrap().query, "bri ");
    press(&mut m, &mut km, "ctrl-u");
    assert_eq!(m.search.as_ref().unwrap().query, "");
    press(&mut m, &mut km, "esc");
    assert!(m.search.is_none() && m.layers.is_empty());
    // the filter
    press(&mut m, &mut km, "f");
    assert_eq!(m.prompt(), Some(Prompt::Filter));
    type_text(&mut m, &mut km, "frm");
    press(&mut m, &mut km, "left left");
    type_text(&mut m, &mut km, "a");
    assert_eq!(m.list.filter, "farm");
    assert_eq!(m.list.visible, [1]);
    press(&mut m, &mut km, "ctrl-w");
    assert_eq!(m.list.filter, "rm");
    press(&mut m, &mut km, "ctrl-a ctrl-k enter");
    assert_eq!(m.list.filter, "");
    assert!(m.layers.is_empty());
}

#[test]
fn n_after_a_search_with_no_hits_says_no_match() {
    let mut km = common::keymap();
    let mut m = opened(80, 24);
    press(&mut m, &mut km, "/");
    type_text(&mut m, &mut km, "zzzqq");
    press(&mut m, &mut km, "enter");
    assert!(m.layers.is_empty());
    press(&mut m, &mut km, "n");
    assert_eq!(
        m.open.as_ref().unwrap().highlight,
        None,
        "no jump to a quotation"
    );
    assert_eq!(m.status.as_deref(), Some("no match for “zzzqq”"));
    press(&mut m, &mut km, "N");
    assert_eq!(m.open.as_ref().unwrap().highlight, None);
    // Esc drops the search; n goes to quotations again
    press(&mut m, &mut km, "esc n");
    assert!(m.open.as_ref().unwrap().highlight.is_some());
}

#[test]
fn a_big_paste_into_the_note_is_one_edit_and_is_capped() {
    let mut km = common::keymap();
    let mut m = opened(140, 40);
    press(&mut m, &mut km, "tab b");
    assert!(m.takes_line());
    let text = "word ".repeat(220_000); // 1.1 MB
    let actions = paste(Mode::Line, &text);
    assert_eq!(actions.len(), 1, "one action for the whole paste");
    for a in actions {
        update(&mut m, a);
    }
    let note = m.note().unwrap().editor.text().len();
    assert!(note <= MAX_LEN && note > MAX_LEN - 8, "{note}");
    // Enter attaches the (capped) note to the bookmark saved on b
    let Effect::Passages(tidings::app::passages::PassageEffect::SetNote { note, .. }) =
        press(&mut m, &mut km, "enter")
    else {
        panic!("the note is attached");
    };
    assert!(note.len() <= MAX_LEN);
}

#[test]
fn hints_name_the_keys_in_force() {
    let mut config = tidings::config::Config::defaults();
    config
        .merge(
            std::path::Path::new("mine.toml"),
            "[keys]\nbookmark = [\"m\"]\nback = [\"x\"]\n[keys.bookmarks-view]\nundo = [\"U\"]\n",
        )
        .unwrap();
    let mut km = config.keymap().unwrap();
    let mut m = opened(140, 40);
    m.keys = tidings::app::layer::KeyNames::from_keymap(&km);
    press(&mut m, &mut km, "tab v");
    let status = m.status.clone().unwrap();
    assert!(status.contains("m bookmarks"), "{status}");
    assert!(status.contains("x cancels"), "{status}");
    assert!(!status.contains("b bookmarks"), "{status}");
    press(&mut m, &mut km, "x");
    // a deleted bookmark says which key undoes it
    update(
        &mut m,
        Action::Passages(tidings::app::passages::Done::Bookmarks {
            list: vec![],
            warning: None,
            removed: Some(Box::new(
                tidings::bookmarks::Bookmark::from_selection(
                    bridge_path(),
                    "t",
                    "The pier.",
                    0..9,
                    "",
                    jiff::Timestamp::UNIX_EPOCH,
                )
                .unwrap(),
            )),
        }),
    );
    let status = m.status.clone().unwrap();
    assert!(status.contains("(U puts it back)"), "{status}");
}
