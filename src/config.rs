//! Configuration: defaults embedded from `config/default.toml`, the user's file merged over
//! them key by key. Any mistake in a file is an error naming the file, the line and the key.
//! Every command loads it once, through [`Config::load`], with the same errors.
//!
//! Keys are bound per context: `[keys]` holds the reader's bindings and `[keys.<context>-view]`
//! (help-view, problems-view, bookmarks-view, sources-view) those of the views that open over it.

use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use thiserror::Error;
use toml::Spanned;

use crate::app::action::{Action, Context};
use crate::keymap::{Keymap, Sequence, parse_sequence, sequence_to_string};
use crate::sanitize::clean_line;

/// The defaults, documented.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

/// The settings in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The `articles` key; `None` when empty.
    pub articles: Option<PathBuf>,
    pub mouse: bool,
    /// Columns from which the three panes stand side by side.
    pub wide: u16,
    pub theme: ThemeColors,
    /// Each context's actions with their sequences, in help order.
    pub keys: Vec<(Context, Bindings)>,
}

/// The actions of one context, each with its sequences.
pub type Bindings = Vec<(Action, Vec<Sequence>)>;

/// The `[theme]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeColors {
    pub border: Color,
    pub focus: Color,
    pub dim: Color,
    pub unread: Color,
    pub highlight: Color,
    pub search: Color,
    pub speakers: Vec<Color>,
    pub unattributed: Color,
}

/// A configuration that cannot be used. Its message is safe to print: the file name, the key
/// and the message (which may quote the file) pass through the sanitiser.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{}: cannot read: {source}", clean_line(&file.to_string_lossy()))]
    Read {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}:{line}: {}: {}",
        clean_line(&file.to_string_lossy()),
        clean_line(key),
        clean_line(message)
    )]
    Invalid {
        file: PathBuf,
        line: usize,
        key: String,
        message: String,
    },
}

/// Action name -> key names, with their places in the file.
type RawTable = Vec<(Spanned<String>, Vec<Spanned<String>>)>;

/// `[keys]` as written: the reader's bindings, and the tables of the other contexts.
#[derive(Debug, Default)]
struct RawKeys {
    reader: RawTable,
    tables: Vec<(Spanned<String>, RawTable)>,
}

/// A value of `[keys]`: a list of keys, or a context's table.
enum RawEntry {
    Keys(Vec<Spanned<String>>),
    Table(RawTable),
}

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = RawEntry;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of keys, or a table of actions")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawEntry, A::Error> {
        let mut keys = Vec::new();
        while let Some(k) = seq.next_element::<Spanned<String>>()? {
            keys.push(k);
        }
        Ok(RawEntry::Keys(keys))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEntry, A::Error> {
        let mut table = Vec::new();
        while let Some(name) = map.next_key::<Spanned<String>>()? {
            table.push((name, map.next_value::<Vec<Spanned<String>>>()?));
        }
        Ok(RawEntry::Table(table))
    }
}

impl<'de> Deserialize<'de> for RawEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawEntry, D::Error> {
        d.deserialize_any(EntryVisitor)
    }
}

struct KeysVisitor;

impl<'de> Visitor<'de> for KeysVisitor {
    type Value = RawKeys;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a table of actions and their keys")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawKeys, A::Error> {
        let mut out = RawKeys::default();
        while let Some(name) = map.next_key::<Spanned<String>>()? {
            match map.next_value::<RawEntry>()? {
                RawEntry::Keys(keys) => out.reader.push((name, keys)),
                RawEntry::Table(t) => out.tables.push((name, t)),
            }
        }
        Ok(out)
    }
}

impl<'de> Deserialize<'de> for RawKeys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawKeys, D::Error> {
        d.deserialize_map(KeysVisitor)
    }
}

/// A sequence of the user's file with its place.
type Placed = (Sequence, std::ops::Range<usize>);
/// Parsed bindings of one table of a file.
type UserKeys = Vec<(Action, Vec<Placed>, std::ops::Range<usize>)>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    articles: Option<Spanned<String>>,
    mouse: Option<Spanned<bool>>,
    wide: Option<Spanned<u16>>,
    theme: Option<RawTheme>,
    keys: Option<RawKeys>,
}

type SpannedColor = Option<Spanned<String>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    border: SpannedColor,
    focus: SpannedColor,
    dim: SpannedColor,
    unread: SpannedColor,
    highlight: SpannedColor,
    search: SpannedColor,
    speakers: Option<Spanned<Vec<Spanned<String>>>>,
    unattributed: SpannedColor,
}

/// 1-based line of byte `offset` in `src`.
fn line_of(src: &str, offset: usize) -> usize {
    src.get(..offset.min(src.len()))
        .unwrap_or(src)
        .matches('\n')
        .count()
        + 1
}

struct Source<'a> {
    file: &'a Path,
    text: &'a str,
}

impl Source<'_> {
    fn err(
        &self,
        span: std::ops::Range<usize>,
        key: &str,
        message: impl Into<String>,
    ) -> ConfigError {
        ConfigError::Invalid {
            file: self.file.to_owned(),
            line: line_of(self.text, span.start),
            key: key.to_owned(),
            message: message.into(),
        }
    }

    fn color(&self, key: &str, value: &Spanned<String>) -> Result<Color, ConfigError> {
        value.get_ref().parse::<Color>().map_err(|_| {
            self.err(
                value.span(),
                key,
                format!("unknown colour `{}`", value.get_ref()),
            )
        })
    }
}

/// The `articles` setting of `file`: empty is unset; `~/` is the home folder; a relative
/// path is relative to the folder of the file that says it, as in any configuration file
/// (not to wherever the command happens to run).
fn articles_path(file: &Path, value: &str) -> Option<PathBuf> {
    if value.is_empty() {
        return None;
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    let path = match (value.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(value),
    };
    if path.is_absolute() {
        return Some(path);
    }
    Some(match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(path),
        _ => path,
    })
}

/// One table of the user's keys, parsed and checked against the context's actions.
fn parse_table(src: &Source, context: Context, table: RawTable) -> Result<UserKeys, ConfigError> {
    let allowed = context.actions();
    let mut mine: UserKeys = Vec::new();
    for (name, list) in table {
        let key = format!("{}.{}", context.table(), name.get_ref());
        let action = Action::from_name(name.get_ref()).ok_or_else(|| {
            src.err(
                name.span(),
                &key,
                format!("unknown action `{}`", name.get_ref()),
            )
        })?;
        if !allowed.contains(&action) {
            let homes: Vec<String> = Context::ALL
                .iter()
                .filter(|c| c.actions().contains(&action))
                .map(|c| format!("[{}]", c.table()))
                .collect();
            return Err(src.err(
                name.span(),
                &key,
                format!(
                    "`{}` does nothing in [{}]; it belongs in {}",
                    name.get_ref(),
                    context.table(),
                    homes.join(", ")
                ),
            ));
        }
        let mut seqs = Vec::new();
        for k in list {
            let seq = parse_sequence(k.get_ref())
                .map_err(|e| src.err(k.span(), &key, format!("`{}`: {e}", k.get_ref())))?;
            seqs.push((seq, k.span()));
        }
        mine.push((action, seqs, name.span()));
    }
    Ok(mine)
}

impl Config {
    /// The embedded defaults alone.
    pub fn defaults() -> Config {
        let mut config = Config {
            articles: None,
            mouse: true,
            wide: 120,
            theme: ThemeColors {
                border: Color::Reset,
                focus: Color::Reset,
                dim: Color::Reset,
                unread: Color::Reset,
                highlight: Color::Reset,
                search: Color::Reset,
                speakers: Vec::new(),
                unattributed: Color::Reset,
            },
            keys: Context::ALL
                .into_iter()
                .map(|c| {
                    (
                        c,
                        c.actions().into_iter().map(|a| (a, Vec::new())).collect(),
                    )
                })
                .collect(),
        };
        config
            .merge(Path::new("config/default.toml (built in)"), DEFAULT_TOML)
            .expect("the built-in defaults parse (tested)");
        config
    }

    /// Merge the TOML text `text`, read from `file`, over `self`.
    pub fn merge(&mut self, file: &Path, text: &str) -> Result<(), ConfigError> {
        let src = Source { file, text };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let key = text
                .get(span.clone())
                .map(str::trim)
                .filter(|k| !k.is_empty() && !k.contains('\n'))
                .unwrap_or("(file)")
                .to_owned();
            src.err(span, &key, e.message().trim().to_owned())
        })?;
        if let Some(a) = raw.articles {
            self.articles = articles_path(file, a.get_ref());
        }
        if let Some(m) = raw.mouse {
            self.mouse = m.into_inner();
        }
        if let Some(w) = raw.wide {
            self.wide = w.into_inner();
        }
        if let Some(t) = raw.theme {
            self.merge_theme(&src, t)?;
        }
        if let Some(keys) = raw.keys {
            self.merge_keys(&src, keys)?;
        }
        Ok(())
    }

    /// The bindings of `context`.
    pub fn bindings(&self, context: Context) -> &Bindings {
        let i = Context::ALL.iter().position(|&c| c == context).unwrap_or(0);
        &self.keys[i].1
    }

    fn merge_theme(&mut self, src: &Source, t: RawTheme) -> Result<(), ConfigError> {
        let th = &mut self.theme;
        for (name, value, slot) in [
            ("border", t.border, &mut th.border),
            ("focus", t.focus, &mut th.focus),
            ("dim", t.dim, &mut th.dim),
            ("unread", t.unread, &mut th.unread),
            ("highlight", t.highlight, &mut th.highlight),
            ("search", t.search, &mut th.search),
            ("unattributed", t.unattributed, &mut th.unattributed),
        ] {
            if let Some(v) = value {
                *slot = src.color(&format!("theme.{name}"), &v)?;
            }
        }
        if let Some(list) = t.speakers {
            let span = list.span();
            let colors = list
                .into_inner()
                .iter()
                .map(|c| src.color("theme.speakers", c))
                .collect::<Result<Vec<_>, _>>()?;
            if colors.is_empty() {
                return Err(src.err(span, "theme.speakers", "give at least one colour"));
            }
            th.speakers = colors;
        }
        Ok(())
    }

    fn merge_keys(&mut self, src: &Source, keys: RawKeys) -> Result<(), ConfigError> {
        let mut tables = vec![(Context::Reader, keys.reader, 0..0)];
        for (name, table) in keys.tables {
            let context = Context::from_name(name.get_ref())
                .filter(|&c| c != Context::Reader)
                .ok_or_else(|| {
                    let known: Vec<String> = Context::ALL[1..].iter().map(|c| c.table()).collect();
                    src.err(
                        name.span(),
                        &format!("keys.{}", name.get_ref()),
                        format!(
                            "unknown table (the tables of keys are [keys] and [{}])",
                            known.join("], [")
                        ),
                    )
                })?;
            tables.push((context, table, name.span()));
        }
        for (context, table, _) in tables {
            let mine = parse_table(src, context, table)?;
            self.apply_table(src, context, &mine)?;
        }
        Ok(())
    }

    /// Put one table of the user's bindings in force, then check that the keys still leave a
    /// way out: `quit` in the reader, `back` in every view.
    fn apply_table(
        &mut self,
        src: &Source,
        context: Context,
        mine: &UserKeys,
    ) -> Result<(), ConfigError> {
        if mine.is_empty() {
            return Ok(());
        }
        // Parse everything first, then replace.
        let taken: Vec<&Sequence> = mine
            .iter()
            .flat_map(|(_, s, _)| s.iter().map(|(q, _)| q))
            .collect();
        let Some((_, bindings)) = self.keys.iter_mut().find(|(c, _)| *c == context) else {
            return Ok(());
        };
        for (action, seqs) in bindings.iter_mut() {
            if let Some((_, new, _)) = mine.iter().find(|(a, _, _)| a == action) {
                *seqs = new.iter().map(|(q, _)| q.clone()).collect();
            } else {
                seqs.retain(|q| !taken.contains(&q));
            }
        }
        let way_out = if context == Context::Reader {
            Action::Quit
        } else {
            Action::Back
        };
        if bindings
            .iter()
            .any(|(a, seqs)| *a == way_out && seqs.is_empty())
        {
            let span = mine
                .iter()
                .find(|(a, _, _)| *a == way_out)
                .or_else(|| mine.first())
                .map_or(0..0, |(_, _, span)| span.clone());
            let what = if context == Context::Reader {
                "quit the reader"
            } else {
                "close this view"
            };
            return Err(src.err(
                span,
                &format!("{}.{}", context.table(), way_out.name().unwrap_or("?")),
                format!("no key is left to {what}: bind at least one"),
            ));
        }
        if let Err(clash) = self.keymap() {
            let span = mine
                .iter()
                .flat_map(|(_, s, _)| s.iter())
                .find(|(q, _)| {
                    let s = sequence_to_string(q);
                    s == clash.first || s == clash.second
                })
                .map_or(0..0, |(_, span)| span.clone());
            return Err(src.err(span, &context.table(), clash.to_string()));
        }
        Ok(())
    }

    /// The keymap these bindings make.
    pub fn keymap(&self) -> Result<Keymap, crate::keymap::Clash> {
        Keymap::new(
            self.keys
                .iter()
                .flat_map(|(c, bindings)| {
                    bindings.iter().flat_map(move |(a, seqs)| {
                        seqs.iter().map(move |s| (*c, s.clone(), a.clone()))
                    })
                })
                .collect(),
        )
    }

    /// Defaults, then the user's file: `flag`, else `TIDINGS_CONFIG`, else `config.toml` in
    /// `config_dir` when it exists. A file named by the flag or the variable must exist.
    pub fn load(flag: Option<&Path>, config_dir: &Path) -> Result<Config, ConfigError> {
        let named = flag.map(Path::to_owned).or_else(|| {
            std::env::var_os("TIDINGS_CONFIG")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        let path = if let Some(p) = named {
            p
        } else {
            let p = config_dir.join("config.toml");
            if !p.exists() {
                return Ok(Config::defaults());
            }
            p
        };
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
            file: path.clone(),
            source,
        })?;
        let mut config = Config::defaults();
        config.merge(&path, &text)?;
        Ok(config)
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
