//! The help overlay, generated from the live keymap: each context's keys under its heading
//! (the view the help was opened from first), then the keys of the line editor. Rebinding a
//! key changes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::app::action::{Action, Context};
use crate::keymap::LINE_KEYS;
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

/// The help rows: each context's heading and its actions with their keys, `first` first,
/// then the line editor's keys. As many rows as `app::layer::help_len` counts.
pub fn rows(ui: &Ui, first: Context) -> Vec<Row> {
    let mut order = vec![first];
    order.extend(Context::ALL.into_iter().filter(|&c| c != first));
    let mut rows = Vec::new();
    for c in order {
        rows.push(Row::Heading(c.title().to_owned()));
        for a in c.actions() {
            let keys = ui.keymap.keys_for(c, &a);
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
        let rows = rows(self.ui, self.under);
        let key_w = rows
            .iter()
            .map(|r| match r {
                Row::Keys(k, _) => k.chars().count(),
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        let help_w = rows
            .iter()
            .map(|r| match r {
                Row::Keys(_, h) => h.chars().count(),
                Row::Heading(h) => h.chars().count(),
                Row::Blank => 0,
            })
            .max()
            .unwrap_or(0);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mut lines: Vec<Line> = rows
            .into_iter()
            .skip(self.scroll)
            .map(|r| match r {
                Row::Heading(h) => Line::from(Span::styled(format!(" {h}"), self.ui.theme.focus)),
                Row::Keys(k, h) => Line::from(vec![
                    Span::styled(format!(" {k:<key_w$}  "), bold),
                    Span::raw(h),
                ]),
                Row::Blank => Line::default(),
            })
            .collect();
        lines.push(Line::default());
        let legend = " Quotes: » direct, ~ reported (italics), ≈ mixed; one colour per speaker.";
        lines.push(Line::from(Span::styled(legend, self.ui.theme.dim)));
        let width = (key_w + help_w + 5).max(legend.chars().count() + 3) as u16;
        let r = crate::ui::centered(area, width, lines.len() as u16 + 2);
        Clear.render(r, buf);
        let close = self.ui.key_in(Context::Help, &Action::Back);
        let down = self.ui.key_in(Context::Help, &Action::Down);
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_style(self.ui.theme.focus)
                    .title(" Help ")
                    .title_bottom(
                        Line::from(format!(" {down} scrolls · {close} closes ")).right_aligned(),
                    ),
            )
            .render(r, buf);
    }
}
