//! The sources overlay: every quotation by one speaker, grouped under its article's title.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::app::action::Action;
use crate::app::action::Context;
use crate::app::sources::{ANONYMOUS, SourcesView};
use crate::sanitize::clean_line;
use crate::ui::Ui;
use crate::ui::quotes::kind_mark;

pub struct SourcesOverlay<'a, 'b> {
    pub ui: &'b Ui<'a>,
    pub view: &'b SourcesView,
}

impl Widget for SourcesOverlay<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.ui.model;
        let view = self.view;
        let theme = self.ui.theme;
        let rect = crate::ui::bookmarks::big(area);
        Clear.render(rect, buf);
        let here = m.open.as_ref().map(|o| o.path.as_path());
        let n = view.count();
        let title = format!(
            " {}: {n} quotation{} in {} article{} ",
            clean_line(&view.name),
            if n == 1 { "" } else { "s" },
            view.groups.len(),
            if view.groups.len() == 1 { "" } else { "s" },
        );
        let hints = format!(
            " {} go there · {} back after · {} close ",
            self.ui.key_in(Context::Sources, &Action::Select),
            self.ui.key(&Action::JumpBack),
            self.ui.key_in(Context::Sources, &Action::Back)
        );
        let block = Block::bordered()
            .border_style(theme.focus)
            .title(title)
            .title_bottom(Line::from(hints).right_aligned());
        let inner = block.inner(rect);
        block.render(rect, buf);
        let mut lines: Vec<Line> = Vec::new();
        let mut selected_row = 0;
        if view.local_only {
            lines.push(Line::from(Span::styled(
                format!("{ANONYMOUS}: only this article's quotations are shown."),
                theme.dim,
            )));
        }
        let mut i = 0;
        for g in &view.groups {
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            let mark = if Some(g.path.as_path()) == here {
                "  (open)"
            } else {
                ""
            };
            lines.push(Line::from(vec![
                Span::styled(
                    clean_line(&g.title).into_owned(),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::styled(
                    format!("  {}{mark}", clean_line(&g.path.to_string_lossy())),
                    theme.dim,
                ),
            ]));
            for q in &g.quotes {
                let sel = i == view.selected;
                if sel {
                    selected_row = lines.len();
                }
                let mut line = Line::from(vec![
                    Span::raw(if sel { "▸ " } else { "  " }),
                    Span::styled(format!("{} ", kind_mark(q.kind)), theme.dim),
                    Span::raw(clean_line(&q.text).into_owned()),
                ]);
                if sel {
                    line = line.style(theme.selected);
                }
                lines.push(line);
                i += 1;
            }
        }
        if n == 0 {
            lines.push(Line::from(Span::styled("No quotations found.", theme.dim)));
        }
        let h = usize::from(inner.height).max(1);
        let skip = (selected_row + 1).saturating_sub(h);
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()).render(inner, buf);
    }
}
