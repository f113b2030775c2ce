//! Passages marked over the reading pane, after it is drawn: bookmarked passages are
//! underlined with a mark in the pane's left border, the selection is reversed and a passage
//! reached from a bookmark or the sources view is highlighted. The columns are found from
//! the same layout the reading pane draws (display widths of the line's text).

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::app::passages::NotePurpose;
use crate::geometry::doc::{Doc, DocLine, display};
use crate::ui::Ui;

/// The mark drawn in the left border beside a bookmarked line.
pub const GUTTER: &str = "▌";

pub struct ReaderMarks<'a, 'b> {
    pub ui: &'b Ui<'a>,
}

/// The style of a bookmarked passage.
pub fn bookmark_style(ui: &Ui) -> Style {
    ui.theme.focus.add_modifier(Modifier::UNDERLINED)
}

impl Widget for ReaderMarks<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.ui.model;
        let Some(open) = &m.open else { return };
        let p = &m.passages;
        // The selection; while the note of a new bookmark is typed, its passage.
        let selection = p
            .selection
            .as_ref()
            .filter(|s| s.path == open.path)
            .map(crate::app::selection::Selection::range)
            .or_else(|| match m.note().map(|n| &n.purpose) {
                Some(NotePurpose::New(b)) if b.path == open.path => Some(b.start..b.end),
                _ => None,
            });
        if p.marks.is_empty() && selection.is_none() && p.flash.is_none() {
            return;
        }
        let inner = crate::geometry::layout::inner(area);
        let doc = Doc::of_open(open, inner.width);
        let h = usize::from(inner.height);
        let scroll = open.scroll.min(doc.lines.len().saturating_sub(h));
        let raw = &open.loaded.article.raw;
        let gutter = self.ui.theme.focus;
        let marked = bookmark_style(self.ui);
        let mut layers: Vec<(Range<usize>, Style, bool)> =
            p.marks.iter().map(|r| (r.clone(), marked, true)).collect();
        layers.extend(p.flash.clone().map(|r| (r, self.ui.theme.highlight, false)));
        layers.extend(selection.map(|r| (r, self.ui.theme.selected, false)));
        for (i, line) in doc.lines.iter().skip(scroll).take(h).enumerate() {
            let DocLine::Text { range, .. } = line else {
                continue;
            };
            let y = inner.y + i as u16;
            for (r, style, is_mark) in &layers {
                let from = r.start.max(range.start);
                let to = r.end.min(range.end);
                if from >= to {
                    continue;
                }
                let col = |at: usize| display(raw, range.start..at).map(|s| s.width() as u16);
                let (Some(c0), Some(c1)) = (col(from), col(to)) else {
                    continue;
                };
                let x0 = inner.x.saturating_add(c0).min(inner.right());
                let x1 = inner.x.saturating_add(c1).min(inner.right());
                buf.set_style(Rect::new(x0, y, x1 - x0, 1), *style);
                if *is_mark && area.x < inner.x {
                    buf[(area.x, y)].set_symbol(GUTTER).set_style(gutter);
                }
            }
        }
    }
}
