//! The Articles pane: two rows per article (unread mark and title; source, date, folder and
//! number of quotations).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::action::Pane;
use crate::sanitize::clean_line;
use crate::ui::Ui;

pub struct ListView<'a, 'b> {
    pub ui: &'b Ui<'a>,
}

impl Widget for ListView<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.ui.model;
        let t = self.ui.theme;
        let total = m.rows_total.unwrap_or(m.store.entries.len());
        let mut title = if m.list.filter.is_empty() {
            format!(" Articles ({total}) ")
        } else {
            format!(
                " Articles ({}/{total}) filter: {} ",
                m.list.visible.len(),
                clean_line(&m.list.filter)
            )
        };
        if m.store.entries.is_empty() && m.indexing.is_some() {
            title = " Articles (indexing…) ".into();
        }
        let block = self.ui.block(Pane::List, title);
        let inner = block.inner(area);
        block.render(area, buf);
        if m.list.visible.is_empty() {
            let msg = if total == 0 {
                "No articles in this folder."
            } else {
                "No article matches the filter."
            };
            Paragraph::new(Span::styled(msg, t.dim)).render(inner, buf);
            return;
        }
        let focused = m.focus == Pane::List;
        let mut lines = Vec::new();
        for (pos, &i) in m
            .list
            .visible
            .iter()
            .enumerate()
            .skip(m.list.offset)
            .take(usize::from(inner.height).div_ceil(2))
        {
            let e = &m.store.entries[i];
            let selected = pos == m.list.selected;
            let sel = if selected && focused {
                t.selected
            } else if selected {
                Style::new().add_modifier(ratatui::style::Modifier::BOLD)
            } else {
                Style::new()
            };
            let unread = !m.read.contains(&e.path);
            let mark = if unread {
                Span::styled("● ", t.unread)
            } else {
                Span::raw("  ")
            };
            let open = m.open.as_ref().is_some_and(|o| o.path == e.path);
            let title = Span::styled(
                format!("{}{}", clean_line(&e.title), if open { " ◂" } else { "" }),
                sel,
            );
            lines.push(Line::from(vec![mark, title]).style(sel));
            // Date and quotation count first: they stay visible when the pane is narrow.
            let mut info: Vec<String> = Vec::new();
            info.extend(e.published.as_deref().map(|s| {
                // the date part of an RFC 3339 stamp is enough here
                clean_line(s.get(..10).unwrap_or(s)).into_owned()
            }));
            info.push(match e.quote_count {
                1 => "1 quote".into(),
                n => format!("{n} quotes"),
            });
            info.extend(e.source.as_deref().map(|s| clean_line(s).into_owned()));
            if !e.section.is_empty() {
                info.push(clean_line(&e.section).into_owned());
            }
            lines.push(Line::from(Span::styled(
                format!("  {}", info.join(" · ")),
                t.dim,
            )));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}
