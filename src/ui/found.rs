//! The store search view: the query line, then the results, two lines each (what and where,
//! then the passage).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::app::action::{Action, Context};
use crate::app::found::StoreSearch;
use crate::app::layer::Prompt;
use crate::index::search::Found;
use crate::sanitize::clean_line;
use crate::ui::Ui;

pub struct StoreSearchOverlay<'a, 'b> {
    pub ui: &'b Ui<'a>,
    pub search: &'b StoreSearch,
}

impl Widget for StoreSearchOverlay<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.search;
        // The prompt over the view takes the typed keys.
        let typing = self.ui.model.prompt() == Some(Prompt::Store);
        let theme = self.ui.theme;
        let rect = crate::ui::bookmarks::big(area);
        Clear.render(rect, buf);
        let title = if s.shown.is_empty() {
            " Search every article ".to_owned()
        } else {
            format!(" Search: {} result(s) ", s.hits.len())
        };
        let hints = if typing {
            " enter: to the results · esc: close ".to_owned()
        } else {
            let k = |a: &Action| self.ui.key_in(Context::Found, a);
            format!(
                " {} go there · {} type again · {} close ",
                k(&Action::Select),
                k(&Action::SearchStore),
                k(&Action::Back)
            )
        };
        let block = Block::bordered()
            .border_style(theme.focus)
            .title(title)
            .title_bottom(Line::from(hints).right_aligned());
        let inner = block.inner(rect);
        block.render(rect, buf);
        // The query is typed in the prompt at the bottom; here, what the results are for.
        let query = vec![
            Span::styled("search: ", theme.dim),
            Span::raw(clean_line(&s.query).into_owned()),
        ];
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
            let sel = i == s.selected && !typing;
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
