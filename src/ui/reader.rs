//! The Reading pane: title, metadata line, wrapped paragraphs. Quotations take their
//! speaker's colour (reported speech in italics), the quotation jumped to is highlighted,
//! captions and credit lines are dimmed, search hits are marked.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::action::{Action, Pane};
use crate::app::model::{Model, Open};
use crate::geometry::doc::{Doc, DocLine, display};
use crate::quotes::QuoteKind;
use crate::ui::Ui;

pub struct ReaderView<'a, 'b> {
    pub ui: &'b Ui<'a>,
}

/// Scroll position in percent.
pub fn percent(scroll: usize, lines: usize, height: usize) -> usize {
    let max = lines.saturating_sub(height);
    (scroll.min(max) * 100).checked_div(max).unwrap_or(100)
}

impl Widget for ReaderView<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.ui.model;
        let Some(open) = &m.open else {
            let block = self.ui.block(Pane::Reader, " Reading ".into());
            let inner = block.inner(area);
            block.render(area, buf);
            let msg = if m.loading.is_some() {
                "Opening…".to_owned()
            } else {
                format!(
                    "Select an article and press {} to read it.",
                    self.ui.key(&Action::Select)
                )
            };
            Paragraph::new(Span::styled(msg, self.ui.theme.dim))
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(inner, buf);
            return;
        };
        let inner = crate::geometry::layout::inner(area);
        let doc = Doc::of_open(open, inner.width);
        let h = usize::from(inner.height);
        let scroll = open.scroll.min(doc.lines.len().saturating_sub(h));
        let pct = percent(scroll, doc.lines.len(), h);
        let block = self
            .ui
            .block(Pane::Reader, " Reading ".into())
            .title_bottom(Line::from(format!(" {pct}% ")).right_aligned());
        block.render(area, buf);
        let lines: Vec<Line> = doc
            .lines
            .iter()
            .skip(scroll)
            .take(h)
            .map(|l| self.line(m, open, l))
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

impl ReaderView<'_, '_> {
    fn line<'l>(&self, m: &Model, open: &Open, line: &'l DocLine) -> Line<'l> {
        let t = self.ui.theme;
        match line {
            DocLine::Title(s) => Line::from(Span::styled(
                s.as_str(),
                Style::new().add_modifier(Modifier::BOLD),
            )),
            DocLine::Meta(s) => Line::from(Span::styled(s.as_str(), t.dim)),
            DocLine::Blank => Line::default(),
            DocLine::Text { range, .. } => self.text_line(m, open, range.clone()),
        }
    }

    fn text_line(&self, m: &Model, open: &Open, range: Range<usize>) -> Line<'static> {
        let t = self.ui.theme;
        let loaded = &open.loaded;
        let raw = &loaded.article.raw;
        let attr = &loaded.attribution;
        let overlaps = |r: &Range<usize>| r.start < range.end && r.end > range.start;
        let caption = attr.captions.iter().any(overlaps);
        let base = if caption {
            t.dim.add_modifier(Modifier::ITALIC)
        } else {
            Style::new()
        };
        let quotes: Vec<usize> = (0..attr.quotes.len())
            .filter(|&i| overlaps(&(attr.quotes[i].start..attr.quotes[i].end)))
            .collect();
        let hits: Vec<(usize, Range<usize>)> = m
            .search
            .as_ref()
            .map(|s| {
                s.hits
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| overlaps(h))
                    .map(|(i, h)| (i, h.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let current_hit = m.search.as_ref().and_then(|s| s.current);
        // cut points inside the line, on char boundaries
        let mut cuts = vec![range.start, range.end];
        for &q in &quotes {
            cuts.extend([attr.quotes[q].start, attr.quotes[q].end]);
        }
        for (_, h) in &hits {
            cuts.extend([h.start, h.end]);
        }
        cuts.retain(|&c| c >= range.start && c <= range.end && raw.is_char_boundary(c));
        cuts.sort_unstable();
        cuts.dedup();
        let mut spans = Vec::new();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let Some(text) = display(raw, a..b) else {
                continue;
            };
            let mut style = base;
            if let Some(&q) = quotes
                .iter()
                .find(|&&q| attr.quotes[q].start <= a && attr.quotes[q].end >= b)
            {
                let quote = &attr.quotes[q];
                style = style.patch(t.speaker(loaded.speaker_rank(quote.speaker)));
                if quote.kind == QuoteKind::Indirect {
                    style = style.add_modifier(Modifier::ITALIC);
                }
                if open.highlight == Some(q) {
                    style = style.patch(t.highlight);
                }
            }
            if let Some((i, _)) = hits.iter().find(|(_, h)| h.start <= a && h.end >= b) {
                style = style.patch(if Some(*i) == current_hit {
                    t.current_hit
                } else {
                    t.search
                });
            }
            spans.push(Span::styled(text, style));
        }
        Line::from(spans)
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percent_is_bounded() {
        assert_eq!(percent(0, 10, 20), 100);
        assert_eq!(percent(0, 100, 10), 0);
        assert_eq!(percent(90, 100, 10), 100);
        assert_eq!(percent(45, 100, 10), 50);
        assert_eq!(percent(500, 100, 10), 100);
    }
}
