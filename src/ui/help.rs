//! The help overlay, generated from the live keymap: each context's keys under its heading
//! (the view the help was opened from first), then the keys of the line editor. Rebinding a
//! key changes it.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::app::action::{Action, Context};
use crate::keymap::{Keymap, LINE_KEYS};
use crate::ui::Ui;

pub struct HelpView<'a, 'b> {
    pub ui: &'b Ui<'a>,
    pub scroll: usize,
    /// The context the help was opened from: listed first.
    pub under: Context,
}

/// One row of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Heading(String),
    Keys(String, &'static str),
    Blank,
}

/// What the mouse does (when `mouse = true`).
pub const MOUSE: &[(&str, &str)] = &[
    (
        "click",
        "select in the list or the quotes pane (a second click opens the article); close help",
    ),
    (
        "wheel",
        "scroll the pane under the pointer, or the view on top",
    ),
];

/// The help rows: each context's heading and its actions with their keys, `first` first,
/// then the line editor's keys. As many rows as `app::layer::help_len` counts.
pub fn rows(keymap: &Keymap, first: Context) -> Vec<Row> {
    let mut order = vec![first];
    order.extend(Context::ALL.into_iter().filter(|&c| c != first));
    let mut rows = Vec::new();
    for c in order {
        rows.push(Row::Heading(c.title().to_owned()));
        for a in c.actions() {
            let keys = keymap.keys_for(c, &a);
            let keys = if keys.is_empty() {
                "(unbound)".to_owned()
            } else {
                keys.join(", ")
            };
            rows.push(Row::Keys(keys, c.help(&a)));
        }
        rows.push(Row::Blank);
    }
    rows.push(Row::Heading(
        "Typing (search, filters, the note)".to_owned(),
    ));
    for (keys, what) in LINE_KEYS {
        rows.push(Row::Keys((*keys).to_owned(), what));
    }
    rows
}

impl Widget for HelpView<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rows = rows(self.ui.keymap, self.under);
        let total = rows.len();
        let width_of = |r: &Row| match r {
            Row::Keys(k, _) => k.chars().count(),
            _ => 0,
        };
        let key_full = rows.iter().map(width_of).max().unwrap_or(0);
        let help_w = rows
            .iter()
            .map(|r| match r {
                Row::Keys(_, h) => h.chars().count(),
                Row::Heading(h) => h.chars().count(),
                Row::Blank => 0,
            })
            .max()
            .unwrap_or(0);
        let legend = " Quotes: » direct, ~ reported (italics), ≈ mixed; one colour per speaker.";
        let want_w = (key_full + help_w + 5).max(legend.chars().count() + 3) as u16;
        let r = crate::ui::centered(area, want_w, total as u16 + 4);
        let inner_w = usize::from(r.width.saturating_sub(2));
        // The key column fits its content, but leaves the larger part to the description.
        let key_w = key_full.min((inner_w / 3).max(6));
        let shown = usize::from(r.height.saturating_sub(2)).max(1);
        let scroll = self.scroll.min(total.saturating_sub(1));
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mut lines: Vec<Line> = rows
            .into_iter()
            .skip(scroll)
            .map(|r| match r {
                Row::Heading(h) => Line::from(Span::styled(format!(" {h}"), self.ui.theme.focus)),
                Row::Keys(k, h) => {
                    let k = if k.chars().count() > key_w {
                        let cut: String = k.chars().take(key_w.saturating_sub(1)).collect();
                        format!("{cut}…")
                    } else {
                        k
                    };
                    Line::from(vec![
                        Span::styled(format!(" {k:<key_w$}  "), bold),
                        Span::raw(h),
                    ])
                }
                Row::Blank => Line::default(),
            })
            .collect();
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(legend, self.ui.theme.dim)));
        Clear.render(r, buf);
        let close = self.ui.key_in(Context::Help, &Action::Back);
        let down = self.ui.key_in(Context::Help, &Action::Down);
        let last = (scroll + shown).min(total);
        let position = if scroll == 0 && last >= total {
            String::new()
        } else {
            let more = if last < total { " ↓" } else { "" };
            format!(" {}–{last} of {total}{more} ", scroll + 1)
        };
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_style(self.ui.theme.focus)
                    .title(" Help ")
                    .title(Line::from(position).right_aligned())
                    .title_bottom(
                        Line::from(format!(" {down} scrolls · {close} closes ")).right_aligned(),
                    ),
            )
            .render(r, buf);
    }
}

/// The key tables of the README, generated from `keymap`: one table per context, the line
/// editor's keys and the mouse. A test keeps the README's copy in step with the defaults.
pub fn markdown(keymap: &Keymap) -> String {
    let code = |keys: &str| -> String {
        keys.split(", ")
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::new();
    let mut open = false;
    for row in rows(keymap, Context::Reader) {
        match row {
            Row::Heading(h) => {
                if open {
                    out.push('\n');
                }
                let _ = write!(out, "**{h}**\n\n| Key | Action |\n| --- | --- |\n");
                open = true;
            }
            Row::Keys(k, what) => {
                let _ = writeln!(out, "| {} | {what} |", code(&k));
            }
            Row::Blank => {}
        }
    }
    out.push_str("\n**Mouse**\n\n| Mouse | Action |\n| --- | --- |\n");
    for (m, what) in MOUSE {
        let _ = writeln!(out, "| {m} | {what} |");
    }
    out
}
