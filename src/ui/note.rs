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

/// The editor's text with the cursor drawn as a reversed cell, in `width` columns: when the
/// text before the cursor is too wide, its start gives way ("…") so the cursor stays in view.
pub fn editor_spans(e: &LineEditor, width: usize) -> Vec<Span<'static>> {
    let (before, after) = e.split();
    let room = width.saturating_sub(2).max(1);
    // The widest tail of `before` that fits, found from the cursor backwards.
    let mut cut = before.len();
    let mut used = 0;
    for (i, g) in before.grapheme_indices(true).rev() {
        used += g.width();
        if used > room {
            break;
        }
        cut = i;
    }
    let lead = if cut > 0 { "…" } else { "" };
    let before = &before[cut..];
    let mut rest = after.graphemes(true);
    let under = rest.next().unwrap_or(" ");
    // What fits after the cursor.
    let mut tail_end = 0;
    let mut tail_w = 0;
    let rest_text = rest.as_str();
    for (i, g) in rest_text.grapheme_indices(true) {
        tail_w += g.width();
        if tail_w > width {
            break;
        }
        tail_end = i + g.len();
    }
    let rest = &rest_text[..tail_end];
    let cursor = Style::new().add_modifier(Modifier::REVERSED);
    vec![
        Span::raw(format!("{lead}{}", clean_line(before))),
        Span::styled(clean_line(under).into_owned(), cursor),
        Span::raw(clean_line(rest).into_owned()),
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
}
