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
#[path = "keymap_tests.rs"]
mod tests;
