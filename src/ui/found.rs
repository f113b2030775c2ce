//! The store search view: the query line, then the results, two lines each (what and where,
//! then the passage).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::app::action::Action;
use crate::index::search::Found;
use crate::sanitize::clean_line;
use crate::ui::Ui;

pub struct StoreSearchOverlay<'a, 'b> {
    pub ui: &'b Ui<'a>,
}

impl Widget for StoreSearchOverlay<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.ui.model;
        let Some(s) = &m.store_search else { return };
        let theme = self.ui.theme;
        let rect = crate::ui::bookmarks::big(area);
        Clear.render(rect, buf);
        let title = if s.shown.is_empty() {
            " Search every article ".to_owned()
        } else {
            format!(" Search: {} result(s) ", s.hits.len())
        };
        let hints = if s.typing {
            " enter: to the results · esc: close ".to_owned()
        } else {
            format!(
                " {} go there · {} type again · {} close ",
                self.ui.key(&Action::Select),
                self.ui.key(&Action::SearchStore),
                self.ui.key(&Action::Back)
            )
        };
        let block = Block::bordered()
            .border_style(theme.focus)
            .title(title)
            .title_bottom(Line::from(hints).right_aligned());
        let inner = block.inner(rect);
        block.render(rect, buf);
        let (before, after) = s.line.split();
        let mut query = vec![
            Span::styled("search: ", theme.dim),
            Span::raw(clean_line(before).into_owned()),
        ];
        if s.typing {
            let mut tail = after.chars();
            let under = tail.next().map_or(" ".to_owned(), String::from);
            query.push(Span::styled(
                clean_line(&under).into_owned(),
                Style::new().add_modifier(Modifier::REVERSED),
            ));
            query.push(Span::raw(clean_line(tail.as_str()).into_owned()));
        } else {
            query.push(Span::raw(clean_line(after).into_owned()));
        }
        let mut lines = vec![Line::from(query), Line::default()];
        if let Some(e) = &s.error {
            lines.push(Line::from(Span::styled(
                clean_line(e).into_owned(),
                theme.dim,
            )));
        } else if s.hits.is_empty() && !s.shown.trim().is_empty() {
            lines.push(Line::from(Span::styled("Nothing found.", theme.dim)));
        }
        let top = lines.len();
        let width = usize::from(inner.width);
        for (i, h) in s.hits.iter().enumerate() {
            let sel = i == s.selected && !s.typing;
            let what = match &h.found {
                Found::Quote { speaker, .. } if !speaker.is_empty() => {
                    format!("“” {}", clean_line(speaker))
                }
                Found::Quote { .. } => "“”".to_owned(),
                Found::Article => "▤".to_owned(),
            };
            let mut head = Line::from(vec![
                Span::raw(if sel { "▸ " } else { "  " }),
                Span::styled(format!("{what}  "), theme.dim),
                Span::styled(
                    clean_line(&h.title).into_owned(),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::styled(format!("  {}", clean_line(&h.section)), theme.dim),
            ]);
            if sel {
                head = head.style(theme.selected);
            }
            lines.push(head);
            let snippet: String = clean_line(&h.snippet)
                .chars()
                .take(width.saturating_sub(4))
                .collect();
            lines.push(Line::from(Span::raw(format!("    {snippet}"))));
        }
        let h = usize::from(inner.height).max(1);
        let selected_row = top + 2 * s.selected + 1;
        let skip = (selected_row + 1).saturating_sub(h);
        // The query line stays on top.
        let mut shown: Vec<Line> = lines.iter().take(top).cloned().collect();
        shown.extend(lines.into_iter().skip(top + skip));
        Paragraph::new(shown).render(inner, buf);
    }
}
