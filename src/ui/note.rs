//! The note line, drawn over the status bar while it is open; and the line editor's text
//! with its cursor, shared with the bookmarks filter.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::app::line::LineEditor;
use crate::app::passages::{NoteLine, NotePurpose};
use crate::sanitize::clean_line;
use crate::ui::Ui;

/// The editor's text with the cursor drawn as a reversed cell, in at most `width` columns
/// (3 at least): when the text before the cursor is too wide, its start gives way ("…") so
/// the cursor stays in view, and the text after it is cut at the edge. Linear in the text.
pub fn editor_spans(e: &LineEditor, width: usize) -> Vec<Span<'static>> {
    let (before, after) = e.split();
    let (before, after) = (clean_line(before), clean_line(after));
    let room = width.max(3);
    let mut rest = after.graphemes(true);
    let under = rest.next().unwrap_or(" ");
    let under_w = under.width().max(1);
    let before_room = room.saturating_sub(under_w);
    // The widest tail of `before` that fits, found from the cursor backwards; when it is cut,
    // the "…" takes a column.
    let (cut, lead) = if before.width() <= before_room {
        (0, "")
    } else {
        let mut cut = before.len();
        let mut used = 0;
        for (i, g) in before.grapheme_indices(true).rev() {
            used += g.width();
            if used > before_room.saturating_sub(1) {
                break;
            }
            cut = i;
        }
        (cut, "…")
    };
    let before = &before[cut..];
    // What fits after the cursor.
    let mut left = room.saturating_sub(lead.len().min(1) + before.width() + under_w);
    let rest_text = rest.as_str();
    let mut tail_end = 0;
    for (i, g) in rest_text.grapheme_indices(true) {
        let w = g.width();
        if w > left {
            break;
        }
        left -= w;
        tail_end = i + g.len();
    }
    let cursor = Style::new().add_modifier(Modifier::REVERSED);
    vec![
        Span::raw(format!("{lead}{before}")),
        Span::styled(under.to_owned(), cursor),
        Span::raw(rest_text[..tail_end].to_owned()),
    ]
}

pub struct NoteBar<'a, 'b> {
    pub ui: &'b Ui<'a>,
    pub note: &'b NoteLine,
}

impl Widget for NoteBar<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let note = self.note;
        let hint = match note.purpose {
            NotePurpose::New(_) => "saved · enter adds the note · esc: none",
            NotePurpose::Edit { .. } => "enter saves · esc: keep old",
        };
        Clear.render(area, buf);
        let rw = (hint.chars().count() as u16 + 1).min(area.width / 2);
        let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(rw)]).areas(area);
        let mut spans = vec![Span::styled("note: ", self.ui.theme.focus)];
        spans.extend(editor_spans(
            &note.editor,
            usize::from(l.width).saturating_sub(6),
        ));
        Paragraph::new(Line::from(spans)).render(l, buf);
        Paragraph::new(Line::from(Span::styled(hint, self.ui.theme.dim)).right_aligned())
            .render(r, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::line::LineEdit;

    fn shown(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_long_line_keeps_the_cursor_in_view() {
        let mut e = LineEditor::default();
        for c in "日本語のメモをここに書きます and more".chars() {
            e.apply(LineEdit::Insert(c));
        }
        let spans = editor_spans(&e, 12);
        let text = shown(&spans);
        assert!(text.starts_with('…'), "{text}");
        assert!(text.width() <= 12, "{text}");
        // the cursor cell (a space at the end) is shown
        assert_eq!(spans[1].content, " ");
        e.apply(LineEdit::Home);
        let text = shown(&editor_spans(&e, 12));
        assert!(text.starts_with('日'), "{text}");
    }

    proptest::proptest! {
        #[test]
        fn the_drawn_line_fits_its_width(
            text in "\\PC{0,60}",
            back in 0usize..70,
            width in 0usize..30,
        ) {
            let mut e = LineEditor::new(&text);
            for _ in 0..back {
                e.apply(LineEdit::Left);
            }
            let shown = shown(&editor_spans(&e, width));
            proptest::prop_assert!(shown.width() <= width.max(3), "{shown:?} in {width}");
        }
    }
}
