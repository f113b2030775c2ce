//! Configuration: defaults embedded from `config/default.toml`, the user's file merged over
//! them key by key. Any mistake in a file is an error naming the file, the line and the key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use crate::app::action::Action;
use crate::keymap::{Keymap, Sequence, parse_sequence, sequence_to_string};

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
    /// Each bindable action with its sequences, in help order.
    pub keys: Vec<(Action, Vec<Sequence>)>,
}

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

/// A configuration that cannot be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{}: cannot read: {source}", file.display())]
    Read {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}: {key}: {message}", file.display())]
    Invalid {
        file: PathBuf,
        line: usize,
        key: String,
        message: String,
    },
}

/// `[keys]` as written: action name -> key names, with their places in the file.
type RawKeys = BTreeMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>;
/// Parsed bindings of one file, each sequence with its place.
type UserKeys = Vec<(Action, Vec<(Sequence, std::ops::Range<usize>)>)>;

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
            keys: Action::BINDABLE
                .iter()
                .map(|a| (a.clone(), Vec::new()))
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
            let a = a.into_inner();
            self.articles = (!a.is_empty()).then(|| PathBuf::from(a));
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
        // Parse everything first, then replace.
        let mut mine: UserKeys = Vec::new();
        for (name, list) in keys {
            let key = format!("keys.{}", name.get_ref());
            let action = Action::from_name(name.get_ref()).ok_or_else(|| {
                src.err(
                    name.span(),
                    &key,
                    format!("unknown action `{}`", name.get_ref()),
                )
            })?;
            let mut seqs = Vec::new();
            for k in list.into_inner() {
                let seq = parse_sequence(k.get_ref())
                    .map_err(|e| src.err(k.span(), &key, format!("`{}`: {e}", k.get_ref())))?;
                seqs.push((seq, k.span()));
            }
            mine.push((action, seqs));
        }
        let taken: Vec<&Sequence> = mine
            .iter()
            .flat_map(|(_, s)| s.iter().map(|(q, _)| q))
            .collect();
        for (action, seqs) in &mut self.keys {
            if let Some((_, new)) = mine.iter().find(|(a, _)| a == action) {
                *seqs = new.iter().map(|(q, _)| q.clone()).collect();
            } else {
                seqs.retain(|q| !taken.contains(&q));
            }
        }
        if let Err(clash) = self.keymap() {
            let span = mine
                .iter()
                .flat_map(|(_, s)| s.iter())
                .find(|(q, _)| {
                    let s = sequence_to_string(q);
                    s == clash.first || s == clash.second
                })
                .map_or(0..0, |(_, span)| span.clone());
            return Err(src.err(span, "keys", clash.to_string()));
        }
        Ok(())
    }

    /// The keymap these bindings make.
    pub fn keymap(&self) -> Result<Keymap, crate::keymap::Clash> {
        Keymap::new(
            self.keys
                .iter()
                .flat_map(|(a, seqs)| seqs.iter().map(move |s| (s.clone(), a.clone())))
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
mod tests {
    use super::*;

    fn merged(text: &str) -> Result<Config, ConfigError> {
        let mut c = Config::defaults();
        c.merge(Path::new("user.toml"), text).map(|()| c)
    }

    fn invalid(text: &str) -> (usize, String, String) {
        match merged(text) {
            Err(ConfigError::Invalid {
                file,
                line,
                key,
                message,
            }) => {
                assert_eq!(file, Path::new("user.toml"));
                (line, key, message)
            }
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn the_embedded_defaults_parse_and_bind_every_action() {
        let raw: RawConfig = toml::from_str(DEFAULT_TOML).unwrap();
        assert!(raw.theme.is_some() && raw.keys.is_some());
        let c = Config::defaults();
        for (action, seqs) in &c.keys {
            assert!(!seqs.is_empty(), "{action:?} has no default key");
        }
        assert!(c.mouse);
        assert!(c.articles.is_none());
        assert!(c.theme.speakers.len() >= 6);
        c.keymap().unwrap();
    }

    #[test]
    fn a_user_file_overrides_key_by_key() {
        let c = merged("mouse = false\n[theme]\nfocus = \"#ff0000\"\n[keys]\nquit = [\"x\"]\ndown = [\"q\", \"ctrl-n\"]\n").unwrap();
        assert!(!c.mouse);
        assert_eq!(c.theme.focus, Color::Rgb(255, 0, 0));
        assert_eq!(c.theme.border, Config::defaults().theme.border);
        let km = c.keymap().unwrap();
        assert_eq!(km.keys_for(&Action::Quit), ["x"]);
        assert_eq!(km.keys_for(&Action::Down), ["q", "ctrl-n"]);
        // untouched actions keep their keys
        assert_eq!(km.keys_for(&Action::Up), ["k", "up"]);
    }

    #[test]
    fn a_key_taken_by_the_user_leaves_its_default_action() {
        let c = merged("[keys]\nquit = [\"j\"]\n").unwrap();
        let km = c.keymap().unwrap();
        assert_eq!(km.keys_for(&Action::Down), ["down"]);
        assert_eq!(km.keys_for(&Action::Quit), ["j"]);
    }

    #[test]
    fn sequences_can_replace_single_keys() {
        let c = merged("[keys]\ntop = [\"g g\", \"home\"]\n").unwrap();
        assert_eq!(c.keymap().unwrap().keys_for(&Action::Top), ["g g", "home"]);
    }

    #[test]
    fn bad_toml_names_the_line() {
        let (line, _, msg) = invalid("mouse = true\n\n[keys\nquit = 1\n");
        assert_eq!(line, 3, "{msg}");
    }

    #[test]
    fn an_unknown_setting_names_its_line_and_key() {
        let (line, key, msg) = invalid("mouse = true\ncolour = \"red\"\n");
        assert_eq!((line, key.as_str()), (2, "colour"), "{msg}");
        let (line, key, _) = invalid("[theme]\n\nborderr = \"red\"\n");
        assert_eq!((line, key.as_str()), (3, "borderr"));
    }

    #[test]
    fn an_unknown_action_names_its_line() {
        let (line, key, msg) = invalid("[keys]\nup = [\"k\"]\nfly = [\"x\"]\n");
        assert_eq!((line, key.as_str()), (3, "keys.fly"));
        assert!(msg.contains("unknown action"), "{msg}");
    }

    #[test]
    fn an_unparseable_key_names_its_line() {
        let (line, key, msg) = invalid("[keys]\n\nquit = [\"q\",\n  \"hyper-q\"]\n");
        assert_eq!((line, key.as_str()), (4, "keys.quit"));
        assert!(msg.contains("hyper"), "{msg}");
    }

    #[test]
    fn a_wrong_type_and_a_bad_colour_are_errors() {
        let (line, key, _) = invalid("\nmouse = \"yes\"\n");
        assert_eq!(line, 2);
        assert!(key.contains("yes"), "{key}");
        let (line, key, msg) = invalid("[theme]\nfocus = \"blurple\"\n");
        assert_eq!((line, key.as_str()), (2, "theme.focus"));
        assert!(msg.contains("blurple"));
    }

    #[test]
    fn a_clash_in_the_users_keys_is_an_error_with_a_line() {
        let (line, _, msg) = invalid("[keys]\nquit = [\"x\"]\nhelp = [\"x\"]\n");
        assert!(line == 2 || line == 3, "{line}");
        assert!(msg.contains("clash"), "{msg}");
    }

    #[test]
    fn load_reads_the_named_file_or_falls_back_to_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Config::load(None, dir.path()).unwrap(), Config::defaults());
        std::fs::write(dir.path().join("config.toml"), "mouse = false\n").unwrap();
        assert!(!Config::load(None, dir.path()).unwrap().mouse);
        let missing = dir.path().join("nope.toml");
        assert!(matches!(
            Config::load(Some(&missing), dir.path()),
            Err(ConfigError::Read { .. })
        ));
        std::fs::write(dir.path().join("bad.toml"), "mouse = 3\n").unwrap();
        let err = Config::load(Some(&dir.path().join("bad.toml")), dir.path()).unwrap_err();
        assert!(err.to_string().contains("bad.toml:1:"), "{err}");
    }
}
