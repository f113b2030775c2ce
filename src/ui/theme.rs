//! Styles from the `[theme]` colours; with `NO_COLOR` only attributes (bold, dim, reverse,
//! underline, italic) tell things apart.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeColors;

/// The styles the panes draw with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub focus: Style,
    pub dim: Style,
    pub unread: Style,
    pub highlight: Style,
    pub search: Style,
    pub current_hit: Style,
    pub selected: Style,
    speakers: Vec<Style>,
    unattributed: Style,
}

impl Theme {
    pub fn new(c: &ThemeColors, no_color: bool) -> Theme {
        if no_color {
            return Theme {
                border: Style::new(),
                focus: Style::new().add_modifier(Modifier::BOLD),
                dim: Style::new().add_modifier(Modifier::DIM),
                unread: Style::new().add_modifier(Modifier::BOLD),
                highlight: Style::new().add_modifier(Modifier::REVERSED),
                search: Style::new().add_modifier(Modifier::UNDERLINED),
                current_hit: Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                speakers: vec![Style::new().add_modifier(Modifier::BOLD)],
                unattributed: Style::new(),
            };
        }
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            border: fg(c.border),
            focus: fg(c.focus).add_modifier(Modifier::BOLD),
            dim: fg(c.dim),
            unread: fg(c.unread).add_modifier(Modifier::BOLD),
            highlight: Style::new().bg(c.highlight).add_modifier(Modifier::BOLD),
            search: Style::new().bg(c.search),
            current_hit: Style::new()
                .bg(c.search)
                .add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            speakers: c.speakers.iter().map(|&c| fg(c)).collect(),
            unattributed: fg(c.unattributed),
        }
    }

    /// `NO_COLOR` set to anything non-empty.
    pub fn no_color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    /// The style of a speaker by rank of first appearance; `None`: unattributed.
    pub fn speaker(&self, rank: Option<usize>) -> Style {
        match rank {
            Some(r) if !self.speakers.is_empty() => self.speakers[r % self.speakers.len()],
            _ => self.unattributed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn speakers_cycle_and_no_color_drops_every_colour() {
        let c = Config::defaults().theme;
        let t = Theme::new(&c, false);
        assert_eq!(t.speaker(Some(0)).fg, Some(c.speakers[0]));
        assert_eq!(t.speaker(Some(c.speakers.len())), t.speaker(Some(0)));
        assert_ne!(t.speaker(Some(0)), t.speaker(Some(1)));
        let n = Theme::new(&c, true);
        for s in [
            n.border,
            n.focus,
            n.dim,
            n.highlight,
            n.search,
            n.speaker(Some(3)),
        ] {
            assert_eq!((s.fg, s.bg), (None, None));
        }
    }
}
