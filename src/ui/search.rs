//! The prompt line of the search and the filters, drawn over the status bar while it is
//! open, and the search still in force once it is closed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use crate::app::action::{Action, Context};
use crate::app::layer::{Prompt, PromptLine};
use crate::app::model::Search;
use crate::sanitize::clean_line;
use crate::ui::Ui;
use crate::ui::note::editor_spans;

/// The search still in force (its prompt closed), for the status bar's left side.
pub fn search_line(ui: &Ui) -> Option<Line<'static>> {
    let s = ui.model.search.as_ref()?;
    if ui.model.prompt() == Some(Prompt::Search) {
        return None;
    }
    Some(Line::from(format!(
        "/{}  {}  {}/{}: next/previous hit",
        clean_line(&s.query),
        hits_label(s),
        ui.key_in(Context::Reader, &Action::NextQuote),
        ui.key_in(Context::Reader, &Action::PrevQuote),
    )))
}

/// A prompt being typed.
pub struct PromptBar<'a, 'b> {
    pub ui: &'b Ui<'a>,
    pub prompt: &'b PromptLine,
}

impl Widget for PromptBar<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (label, extra) = match self.prompt.kind {
            Prompt::Search => (
                "/",
                self.ui
                    .model
                    .search
                    .as_ref()
                    .map(hits_label)
                    .unwrap_or_default(),
            ),
            Prompt::Filter => ("filter: ", String::new()),
            Prompt::Bookmarks => ("filter bookmarks: ", String::new()),
            Prompt::Store => ("search every article: ", String::new()),
        };
        let room = usize::from(area.width)
            .saturating_sub(label.len() + extra.chars().count() + 2)
            .max(4);
        let mut spans = vec![Span::styled(label, self.ui.theme.focus)];
        spans.extend(editor_spans(&self.prompt.editor, room));
        if !extra.is_empty() {
            spans.push(Span::raw(format!("  {extra}")));
        }
        Clear.render(area, buf);
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}

fn hits_label(s: &Search) -> String {
    if s.query.is_empty() {
        String::new()
    } else if s.hits.is_empty() {
        "no match".into()
    } else {
        format!("{}/{}", s.current.map_or(0, |c| c + 1), s.hits.len())
    }
}
