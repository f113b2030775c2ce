//! The help overlay, generated from the live keymap: rebinding a key changes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::app::action::Action;
use crate::ui::Ui;

pub struct HelpView<'a, 'b> {
    pub ui: &'b Ui<'a>,
    pub scroll: usize,
}

/// The help rows: keys, then what they do.
pub fn rows(ui: &Ui) -> Vec<(String, &'static str)> {
    Action::BINDABLE
        .iter()
        .map(|a| {
            let keys = ui.keymap.keys_for(a);
            let keys = if keys.is_empty() {
                "(unbound)".to_owned()
            } else {
                keys.join(", ")
            };
            (keys, a.help())
        })
        .collect()
}

impl Widget for HelpView<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rows = rows(self.ui);
        let key_w = rows
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        let mut lines: Vec<Line> = rows
            .into_iter()
            .skip(self.scroll)
            .map(|(k, h)| {
                Line::from(vec![
                    Span::styled(
                        format!(" {k:<key_w$}  "),
                        Style::new().add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(h),
                ])
            })
            .collect();
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            " Quotes: » direct, ~ reported (italics), ≈ mixed. Each speaker has one colour.",
            self.ui.theme.dim,
        )));
        let width = (key_w as u16 + 50).max(60);
        let r = crate::ui::centered(area, width, lines.len() as u16 + 2);
        Clear.render(r, buf);
        let close = self.ui.key(&Action::Back);
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_style(self.ui.theme.focus)
                    .title(" Help ")
                    .title_bottom(Line::from(format!(" {close} closes ")).right_aligned()),
            )
            .render(r, buf);
    }
}
