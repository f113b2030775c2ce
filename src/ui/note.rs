//! The note line, drawn over the status bar while it is open; and the line editor's text
//! with its cursor, shared with the bookmarks filter.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;

use crate::app::line::LineEditor;
use crate::app::passages::NotePurpose;
use crate::sanitize::clean_line;
use crate::ui::Ui;

/// The editor's text with the cursor drawn as a reversed cell.
pub fn editor_spans(e: &LineEditor) -> Vec<Span<'static>> {
    let (before, after) = e.split();
    let mut rest = after.graphemes(true);
    let under = rest.next().unwrap_or(" ");
    let cursor = Style::new().add_modifier(Modifier::REVERSED);
    vec![
        Span::raw(clean_line(before).into_owned()),
        Span::styled(clean_line(under).into_owned(), cursor),
        Span::raw(clean_line(rest.as_str()).into_owned()),
    ]
}

pub struct NoteBar<'a, 'b> {
    pub ui: &'b Ui<'a>,
}

impl Widget for NoteBar<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(note) = &self.ui.model.passages.note else {
            return;
        };
        let hint = match note.purpose {
            NotePurpose::New(_) => "enter saves · esc: no note",
            NotePurpose::Edit { .. } => "enter saves · esc: keep old",
        };
        Clear.render(area, buf);
        let mut spans = vec![Span::styled("note: ", self.ui.theme.focus)];
        spans.extend(editor_spans(&note.editor));
        let rw = (hint.chars().count() as u16 + 1).min(area.width / 2);
        let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(rw)]).areas(area);
        Paragraph::new(Line::from(spans)).render(l, buf);
        Paragraph::new(Line::from(Span::styled(hint, self.ui.theme.dim)).right_aligned())
            .render(r, buf);
    }
}
