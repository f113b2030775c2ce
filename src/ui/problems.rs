//! The overlay listing the files that were skipped, with the reason.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::app::action::Action;
use crate::sanitize::clean_line;
use crate::ui::Ui;

pub struct ProblemsView<'a, 'b> {
    pub ui: &'b Ui<'a>,
    pub scroll: usize,
}

impl Widget for ProblemsView<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.ui.model;
        let root = &m.store.root;
        let lines: Vec<Line> = if m.store.problems.is_empty() {
            vec![Line::from(Span::styled(
                "No file was skipped.",
                self.ui.theme.dim,
            ))]
        } else {
            m.store
                .problems
                .iter()
                .skip(self.scroll)
                .map(|p| {
                    let path = p.path.strip_prefix(root).unwrap_or(&p.path);
                    let place = match p.line {
                        Some(l) => format!("{}:{l}", path.display()),
                        None => path.display().to_string(),
                    };
                    Line::from(vec![
                        Span::styled(clean_line(&place).into_owned(), self.ui.theme.focus),
                        Span::raw(": "),
                        Span::raw(clean_line(&p.reason).into_owned()),
                    ])
                })
                .collect()
        };
        let r = crate::ui::centered(area, 100, lines.len() as u16 + 2);
        Clear.render(r, buf);
        let close = self
            .ui
            .key_in(crate::app::action::Context::Problems, &Action::Back);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .border_style(self.ui.theme.focus)
                    .title(format!(" Skipped files ({}) ", m.store.problems.len()))
                    .title_bottom(Line::from(format!(" {close} closes ")).right_aligned()),
            )
            .render(r, buf);
    }
}
