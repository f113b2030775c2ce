//! The Quotes pane: speakers in order of first appearance with their number of quotations,
//! each quotation beneath on one row. Direct, reported and mixed speech are told apart by a
//! mark ("»", "~", "≈") and reported speech by italics, as in the reading pane.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::action::Pane;
use crate::app::model::QuoteRow;
use crate::quotes::QuoteKind;
use crate::sanitize::clean_line;
use crate::ui::Ui;

pub struct QuotesView<'a, 'b> {
    pub ui: &'b Ui<'a>,
}

/// The mark that tells how a quotation is given.
pub fn kind_mark(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "»",
        QuoteKind::Indirect => "~",
        QuoteKind::Mixed => "≈",
    }
}

impl Widget for QuotesView<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.ui.model;
        let t = self.ui.theme;
        let count = m
            .open
            .as_ref()
            .map_or(0, |o| o.loaded.attribution.quotes.len());
        let title = if m.open.is_some() {
            format!(" Quotes ({count}) ")
        } else {
            " Quotes ".into()
        };
        let block = self.ui.block(Pane::Quotes, title);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(open) = &m.open else {
            Paragraph::new(Span::styled("No article open.", t.dim)).render(inner, buf);
            return;
        };
        let loaded = &open.loaded;
        let attr = &loaded.attribution;
        if attr.quotes.is_empty() {
            Paragraph::new(Span::styled("No quotations found.", t.dim))
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        let selected = loaded.pane_order().nth(open.quote_sel);
        let focused = m.focus == Pane::Quotes;
        let lines: Vec<Line> = loaded
            .rows()
            .iter()
            .copied()
            .skip(open.quote_offset)
            .take(usize::from(inner.height))
            .map(|row| match row {
                QuoteRow::Header(gi) => {
                    let g = &loaded.groups[gi];
                    let style = t
                        .speaker(loaded.speaker_rank(g.speaker))
                        .add_modifier(Modifier::BOLD);
                    let name = g.speaker.and_then(|s| attr.speakers.get(s)).map_or_else(
                        || "Unattributed".to_owned(),
                        |s| match &s.role {
                            Some(role) => format!("{}, {}", clean_line(&s.name), clean_line(role)),
                            None => clean_line(&s.name).into_owned(),
                        },
                    );
                    Line::from(vec![
                        Span::styled(name, style),
                        Span::styled(format!(" ({})", g.quotes.len()), t.dim),
                    ])
                }
                QuoteRow::Quote(q) => {
                    let quote = &attr.quotes[q];
                    let mut style = t.speaker(loaded.speaker_rank(quote.speaker));
                    if quote.kind == QuoteKind::Indirect {
                        style = style.add_modifier(Modifier::ITALIC);
                    }
                    let here = open.highlight == Some(q);
                    let mut line = Line::from(vec![
                        Span::raw(if here { "▸" } else { " " }),
                        Span::styled(format!("{} ", kind_mark(quote.kind)), t.dim),
                        Span::styled(clean_line(&quote.text).into_owned(), style),
                    ]);
                    if selected == Some(q) {
                        line = line.style(if focused {
                            t.selected
                        } else {
                            Style::new().add_modifier(Modifier::BOLD)
                        });
                    }
                    line
                }
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
