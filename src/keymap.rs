//! Key parsing ("j", "ctrl-d", "shift-tab", "g g") and key -> Action.
//!
//! Only this module sees a terminal `KeyEvent`. Keys are normalised before matching: press
//! events only; a letter typed with Shift is the upper-case letter ("G" and "shift-g" are the
//! same key); `BackTab` is `shift-tab`.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use thiserror::Error;

use crate::app::action::{Action, Context};
use crate::app::line::LineEdit;

/// A key that can be named, without a SHIFT flag on printable chars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: Code,
    pub ctrl: bool,
    pub alt: bool,
    /// Only for named keys (`shift-tab`); a shifted char is its own char.
    pub shift: bool,
}

/// The base of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    Char(char),
    F(u8),
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Enter,
    Esc,
    Tab,
    Backspace,
    Delete,
    Insert,
}

const NAMED: &[(&str, Code)] = &[
    ("up", Code::Up),
    ("down", Code::Down),
    ("left", Code::Left),
    ("right", Code::Right),
    ("pageup", Code::PageUp),
    ("pagedown", Code::PageDown),
    ("home", Code::Home),
    ("end", Code::End),
    ("enter", Code::Enter),
    ("esc", Code::Esc),
    ("tab", Code::Tab),
    ("backspace", Code::Backspace),
    ("delete", Code::Delete),
    ("insert", Code::Insert),
    ("space", Code::Char(' ')),
];

/// Why a key name was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    #[error("empty key")]
    Empty,
    #[error("unknown key name `{0}`")]
    Unknown(String),
    #[error("unknown modifier `{0}` (use ctrl, alt or shift)")]
    Modifier(String),
    #[error("`shift-{0}`: write the character the shift produces instead")]
    ShiftedSymbol(char),
}

impl Key {
    pub const fn plain(code: Code) -> Self {
        Key {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// Normalise a terminal event; `None` for releases and keys tidings never binds.
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        if ev.kind != KeyEventKind::Press {
            return None;
        }
        let m = ev.modifiers;
        let mut shift = m.contains(KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) => {
                let c = if shift && c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c
                };
                shift = false;
                Code::Char(c)
            }
            KeyCode::F(n) => Code::F(n),
            KeyCode::Up => Code::Up,
            KeyCode::Down => Code::Down,
            KeyCode::Left => Code::Left,
            KeyCode::Right => Code::Right,
            KeyCode::PageUp => Code::PageUp,
            KeyCode::PageDown => Code::PageDown,
            KeyCode::Home => Code::Home,
            KeyCode::End => Code::End,
            KeyCode::Enter => Code::Enter,
            KeyCode::Esc => Code::Esc,
            KeyCode::Tab => Code::Tab,
            KeyCode::BackTab => {
                shift = true;
                Code::Tab
            }
            KeyCode::Backspace => Code::Backspace,
            KeyCode::Delete => Code::Delete,
            KeyCode::Insert => Code::Insert,
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: m.contains(KeyModifiers::CONTROL),
            alt: m.contains(KeyModifiers::ALT),
            shift,
        })
    }

    /// The char typed, for text prompts (no ctrl or alt).
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            Code::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }
}

impl std::str::FromStr for Key {
    type Err = KeyError;

    /// One key: `j`, `G`, `shift-g`, `ctrl-d`, `alt-x`, `shift-tab`, `pagedown`, `f5`, `space`, `-`.
    fn from_str(s: &str) -> Result<Key, KeyError> {
        if s.is_empty() {
            return Err(KeyError::Empty);
        }
        let mut key = Key::plain(Code::Esc);
        let mut rest = s;
        // Peel modifiers while a '-' follows a word and something remains ("ctrl--" is ctrl + '-').
        while let Some((head, tail)) = rest.split_once('-') {
            if head.is_empty() || tail.is_empty() {
                break;
            }
            match head.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => key.ctrl = true,
                "alt" | "meta" => key.alt = true,
                "shift" => key.shift = true,
                _ => return Err(KeyError::Modifier(head.to_owned())),
            }
            rest = tail;
        }
        let mut chars = rest.chars();
        key.code = if let (Some(c), None) = (chars.next(), chars.next()) {
            Code::Char(c)
        } else {
            let lower = rest.to_ascii_lowercase();
            if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
                *code
            } else if let Some(n) = lower
                .strip_prefix('f')
                .and_then(|d| d.parse::<u8>().ok())
                .filter(|n| (1..=24).contains(n))
            {
                Code::F(n)
            } else {
                return Err(KeyError::Unknown(rest.to_owned()));
            }
        };
        if let Code::Char(c) = key.code
            && key.shift
        {
            if c.is_ascii_alphabetic() {
                key.code = Code::Char(c.to_ascii_uppercase());
                key.shift = false;
            } else if c != ' ' {
                return Err(KeyError::ShiftedSymbol(c));
            }
        }
        Ok(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if self.shift {
            f.write_str("shift-")?;
        }
        match self.code {
            Code::Char(' ') => f.write_str("space"),
            Code::Char(c) => write!(f, "{c}"),
            Code::F(n) => write!(f, "f{n}"),
            other => {
                let name = NAMED
                    .iter()
                    .find(|(_, c)| *c == other)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

/// A binding: one key or a sequence ("g g").
pub type Sequence = Vec<Key>;

/// Parse a binding: keys separated by spaces.
pub fn parse_sequence(s: &str) -> Result<Sequence, KeyError> {
    let keys = s
        .split(' ')
        .filter(|p| !p.is_empty())
        .map(str::parse)
        .collect::<Result<Vec<Key>, _>>()?;
    if keys.is_empty() {
        return Err(KeyError::Empty);
    }
    Ok(keys)
}

pub fn sequence_to_string(seq: &[Key]) -> String {
    seq.iter().map(Key::to_string).collect::<Vec<_>>().join(" ")
}

/// How keys are read right now: as commands of a context, or as text for the line being
/// edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Keys are commands, bound in this context.
    Keys(Context),
    /// A line editor takes text (a prompt, the note line, the bookmarks filter): every key is a
    /// [`LineEdit`], shell style.
    Line,
}

/// The actions a bracketed paste gives: its text typed into the line being edited in one
/// step, line breaks and other control chars as spaces, so a pasted newline never submits.
/// Outside a line a paste does nothing (it is not a string of commands).
pub fn paste(mode: Mode, text: &str) -> Vec<Action> {
    match mode {
        Mode::Line => {
            let text: String = text
                .replace("\r\n", "\n")
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            vec![Action::Edit(LineEdit::InsertText(text))]
        }
        Mode::Keys(_) => Vec::new(),
    }
}

/// The line editor's keys, in help order, with what they do; every one is read by
/// [`line_edit`] (a test checks it).
pub const LINE_KEYS: &[(&str, &str)] = &[
    ("enter", "confirm"),
    ("esc, ctrl-c", "cancel"),
    ("left, right, ctrl-b, ctrl-f", "move by character"),
    ("alt-left, alt-right, alt-b, alt-f", "move by word"),
    ("home, end, ctrl-a, ctrl-e", "to the start, to the end"),
    ("backspace, ctrl-h", "delete before the cursor"),
    ("delete, ctrl-d", "delete under the cursor"),
    ("ctrl-w", "delete the word before the cursor"),
    ("ctrl-u", "delete to the start"),
    ("ctrl-k", "delete to the end"),
];

/// The line edit a key makes in [`Mode::Line`]: chars are typed; Enter submits, Esc and
/// ctrl-c cancel; left/right, home/end (ctrl-a/ctrl-e), alt-left/alt-right (alt-b/alt-f)
/// move; backspace (ctrl-h), delete (ctrl-d), ctrl-u, ctrl-k and ctrl-w delete.
pub fn line_edit(key: Key) -> Option<LineEdit> {
    use LineEdit as E;
    let word = key.alt && !key.ctrl;
    Some(match key.code {
        Code::Enter => E::Submit,
        Code::Esc => E::Cancel,
        Code::Backspace => E::DeleteBack,
        Code::Delete => E::DeleteForward,
        Code::Left if word => E::WordLeft,
        Code::Right if word => E::WordRight,
        Code::Left => E::Left,
        Code::Right => E::Right,
        Code::Home => E::Home,
        Code::End => E::End,
        Code::Char(c) if key.ctrl && !key.alt => match c {
            'c' => E::Cancel,
            'a' => E::Home,
            'e' => E::End,
            'b' => E::Left,
            'f' => E::Right,
            'h' => E::DeleteBack,
            'd' => E::DeleteForward,
            'u' => E::KillToStart,
            'k' => E::KillToEnd,
            'w' => E::KillWordBack,
            _ => return None,
        },
        Code::Char('b') if word => E::WordLeft,
        Code::Char('f') if word => E::WordRight,
        Code::Char(c) if !key.ctrl && !key.alt => E::Insert(c),
        _ => return None,
    })
}

/// What a key did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Action(Action),
    /// The start of a sequence: wait for the next key.
    Pending,
    None,
}

/// One binding: in this context, this sequence does this action.
pub type Binding = (Context, Sequence, Action);

/// Bindings from sequences to actions in each context, plus the keys typed so far of a
/// sequence.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: Vec<Binding>,
    pending: Vec<Key>,
}

/// Two bindings of one context that cannot both hold.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "`{first}` ({first_action}) and `{second}` ({second_action}) clash in [{table}]: one is the other or starts it"
)]
pub struct Clash {
    pub table: String,
    pub first: String,
    pub first_action: &'static str,
    pub second: String,
    pub second_action: &'static str,
}

fn is_prefix(a: &[Key], b: &[Key]) -> bool {
    a.len() <= b.len() && b[..a.len()] == *a
}

impl Keymap {
    /// Build from (context, sequence, action); a sequence bound twice in a context, or bound
    /// alone and as the start of a longer one, is a clash.
    pub fn new(bindings: Vec<Binding>) -> Result<Keymap, Clash> {
        for (i, (ctx, a, act_a)) in bindings.iter().enumerate() {
            for (ctx_b, b, act_b) in &bindings[i + 1..] {
                if ctx == ctx_b && (is_prefix(a, b) || is_prefix(b, a)) {
                    return Err(Clash {
                        table: ctx.table(),
                        first: sequence_to_string(a),
                        first_action: act_a.name().unwrap_or("?"),
                        second: sequence_to_string(b),
                        second_action: act_b.name().unwrap_or("?"),
                    });
                }
            }
        }
        Ok(Keymap {
            bindings,
            pending: Vec::new(),
        })
    }

    /// Every sequence bound to `action` in `context`, in the order given.
    pub fn keys_for(&self, context: Context, action: &Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|(c, _, a)| *c == context && a == action)
            .map(|(_, s, _)| sequence_to_string(s))
            .collect()
    }

    /// The keys typed so far of an unfinished sequence.
    pub fn pending(&self) -> &[Key] {
        &self.pending
    }

    /// Feed one key.
    pub fn feed(&mut self, mode: Mode, key: Key) -> Outcome {
        let context = match mode {
            Mode::Line => {
                self.pending.clear();
                return line_edit(key).map_or(Outcome::None, |e| Outcome::Action(Action::Edit(e)));
            }
            Mode::Keys(c) => c,
        };
        self.pending.push(key);
        let mut longer = false;
        for (_, seq, action) in self.bindings.iter().filter(|(c, ..)| *c == context) {
            if *seq == self.pending {
                self.pending.clear();
                return Outcome::Action(action.clone());
            }
            longer |= is_prefix(&self.pending, seq);
        }
        if longer {
            return Outcome::Pending;
        }
        // A broken sequence: drop it, and try the last key on its own.
        let retry = self.pending.len() > 1;
        self.pending.clear();
        if retry {
            return self.feed(mode, key);
        }
        Outcome::None
    }

    /// Map a terminal event.
    pub fn handle(&mut self, mode: Mode, ev: &KeyEvent) -> Outcome {
        Key::from_event(ev).map_or(Outcome::None, |k| self.feed(mode, k))
    }
}

#[cfg(test)]
mod tests {
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
}
