//! Tests of `keymap`.

#[test]
fn a_paste_is_typed_text_with_line_breaks_as_spaces() {
    use crate::app::line::LineEdit::InsertText;
    let typed = |actions: Vec<Action>| -> String {
        actions
            .into_iter()
            .map(|a| match a {
                Action::Edit(InsertText(s)) => s,
                other => panic!("not typing: {other:?}"),
            })
            .collect()
    };
    assert_eq!(
        typed(paste(Mode::Line, "call the\r\nport\toffice\n")),
        "call the port office "
    );
    assert_eq!(typed(paste(Mode::Line, "Okafor\u{1b}[2J")), "Okafor [2J");
    assert!(paste(READER, "qqq").is_empty());
}

use super::*;

const READER: Mode = Mode::Keys(Context::Reader);

fn k(s: &str) -> Key {
    s.parse().unwrap()
}

#[test]
fn parses_plain_named_and_modified_keys() {
    assert_eq!(k("j"), Key::plain(Code::Char('j')));
    assert_eq!(k("down"), Key::plain(Code::Down));
    assert_eq!(k("PageDown"), Key::plain(Code::PageDown));
    assert_eq!(k("space"), Key::plain(Code::Char(' ')));
    assert_eq!(k("f5"), Key::plain(Code::F(5)));
    let cd = k("ctrl-d");
    assert!(cd.ctrl && cd.code == Code::Char('d'));
    let st = k("shift-tab");
    assert!(st.shift && st.code == Code::Tab);
    assert_eq!(k("-"), Key::plain(Code::Char('-')));
    let cm = k("ctrl--");
    assert!(cm.ctrl && cm.code == Code::Char('-'));
    assert_eq!(k("é"), Key::plain(Code::Char('é')));
}

#[test]
fn shift_letter_is_the_capital_letter() {
    assert_eq!(k("G"), k("shift-g"));
    assert_eq!(k("shift-G"), k("G"));
    let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(Key::from_event(&ev), Some(k("G")));
    let ev = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::SHIFT);
    assert_eq!(Key::from_event(&ev), Some(k("G")));
    let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(Key::from_event(&ev), Some(k("shift-tab")));
    let ev = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(Key::from_event(&ev), Some(k("?")));
}

#[test]
fn releases_are_ignored() {
    let mut ev = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    ev.kind = KeyEventKind::Release;
    assert_eq!(Key::from_event(&ev), None);
}

#[test]
fn bad_keys_are_refused_with_a_reason() {
    assert_eq!("".parse::<Key>(), Err(KeyError::Empty));
    assert_eq!(
        "hyper-j".parse::<Key>(),
        Err(KeyError::Modifier("hyper".into()))
    );
    assert_eq!("pgdn".parse::<Key>(), Err(KeyError::Unknown("pgdn".into())));
    assert_eq!("f99".parse::<Key>(), Err(KeyError::Unknown("f99".into())));
    assert_eq!("shift-1".parse::<Key>(), Err(KeyError::ShiftedSymbol('1')));
    assert_eq!(parse_sequence("  "), Err(KeyError::Empty));
    assert!(parse_sequence("g bogus").is_err());
}

#[test]
fn display_round_trips() {
    for s in [
        "j",
        "G",
        "ctrl-d",
        "alt-x",
        "shift-tab",
        "space",
        "pagedown",
        "f12",
        "ctrl--",
        "?",
    ] {
        assert_eq!(k(s).to_string(), s);
        assert_eq!(k(&k(s).to_string()), k(s));
    }
    assert_eq!(sequence_to_string(&parse_sequence("g  g").unwrap()), "g g");
}

#[test]
fn sequences_wait_then_fire_and_a_broken_one_retries_the_last_key() {
    let mut km = Keymap::new(vec![
        (Context::Reader, parse_sequence("g g").unwrap(), Action::Top),
        (Context::Reader, parse_sequence("j").unwrap(), Action::Down),
    ])
    .unwrap();
    assert_eq!(km.feed(READER, k("g")), Outcome::Pending);
    assert_eq!(km.feed(READER, k("g")), Outcome::Action(Action::Top));
    assert_eq!(km.feed(READER, k("g")), Outcome::Pending);
    assert_eq!(km.feed(READER, k("j")), Outcome::Action(Action::Down));
    assert!(km.pending().is_empty());
    assert_eq!(km.feed(READER, k("x")), Outcome::None);
}

#[test]
fn clashing_bindings_are_refused() {
    let err = Keymap::new(vec![
        (Context::Reader, parse_sequence("g").unwrap(), Action::Top),
        (
            Context::Reader,
            parse_sequence("g g").unwrap(),
            Action::Bottom,
        ),
    ])
    .unwrap_err();
    assert_eq!(err.first, "g");
    assert_eq!(err.second_action, "bottom");
    assert!(
        Keymap::new(vec![
            (Context::Reader, parse_sequence("q").unwrap(), Action::Quit),
            (Context::Reader, parse_sequence("q").unwrap(), Action::Help),
        ])
        .is_err()
    );
    // The same key in two contexts is two bindings.
    let mut km = Keymap::new(vec![
        (Context::Reader, parse_sequence("q").unwrap(), Action::Quit),
        (Context::Help, parse_sequence("q").unwrap(), Action::Back),
    ])
    .unwrap();
    assert_eq!(km.feed(READER, k("q")), Outcome::Action(Action::Quit));
    assert_eq!(
        km.feed(Mode::Keys(Context::Help), k("q")),
        Outcome::Action(Action::Back)
    );
    assert_eq!(
        km.feed(Mode::Keys(Context::Bookmarks), k("q")),
        Outcome::None
    );
}

proptest::proptest! {
    #[test]
    fn any_text_parses_or_is_refused_and_parsed_keys_print_back(text in "\\PC{0,24}") {
        if let Ok(seq) = parse_sequence(&text) {
            let printed = sequence_to_string(&seq);
            proptest::prop_assert_eq!(parse_sequence(&printed), Ok(seq));
        }
    }

    #[test]
    fn modifier_soup_never_panics(
        parts in proptest::collection::vec("(ctrl|alt|shift|meta|x|G|-|tab|f1|space|é|)", 1..6)
    ) {
        let _ = parse_sequence(&parts.join("-"));
        let _ = parse_sequence(&parts.join(" "));
    }
}

#[test]
fn line_mode_types_text_and_the_listed_line_keys_are_read() {
    let mut km = Keymap::new(vec![(
        Context::Reader,
        parse_sequence("q").unwrap(),
        Action::Quit,
    )])
    .unwrap();
    assert_eq!(
        km.feed(Mode::Line, k("q")),
        Outcome::Action(Action::Edit(LineEdit::Insert('q')))
    );
    assert_eq!(
        km.feed(Mode::Line, k("enter")),
        Outcome::Action(Action::Edit(LineEdit::Submit))
    );
    assert_eq!(km.feed(READER, k("q")), Outcome::Action(Action::Quit));
    for (keys, what) in LINE_KEYS {
        for name in keys.split(", ") {
            let edit = line_edit(k(name));
            assert!(
                edit.as_ref()
                    .is_some_and(|e| !matches!(e, LineEdit::Insert(_))),
                "{name} ({what}) is not a line key: {edit:?}"
            );
        }
    }
}
