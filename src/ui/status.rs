//! The status bar: the prompt or the last message on the left; indexing progress, the
//! number of skipped files and key hints (from the keymap) on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::action::Action;
use crate::ui::Ui;

pub struct StatusBar<'a, 'b> {
    pub ui: &'b Ui<'a>,
}

/// Key hints shown on the right, generated from the keymap.
pub fn hints(ui: &Ui) -> String {
    [
        (Action::Help, "help"),
        (Action::Search, "search"),
        (Action::Filter, "filter"),
        (Action::Quit, "quit"),
    ]
    .iter()
    .map(|(a, what)| format!("{} {what}", ui.key(a)))
    .collect::<Vec<_>>()
    .join("  ")
}

impl Widget for StatusBar<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.ui.model;
        let t = self.ui.theme;
        let mut right: Vec<String> = Vec::new();
        if let Some(p) = m.indexing {
            right.push(format!("indexing {}/{}", p.done, p.total));
        }
        if !m.store.problems.is_empty() {
            right.push(format!(
                "{} skipped ({})",
                m.store.problems.len(),
                self.ui.key(&Action::Problems)
            ));
        }
        right.push(hints(self.ui));
        let right = right.join(" │ ");
        let left = crate::ui::search::prompt_line(m).unwrap_or_else(|| {
            let msg = m.status.clone().unwrap_or_default();
            Line::from(Span::styled(msg, t.focus))
        });
        let rw = (right.chars().count() as u16 + 1).min(area.width / 2);
        let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(rw)]).areas(area);
        Paragraph::new(left).render(l, buf);
        Paragraph::new(Line::from(Span::styled(right, t.dim)).right_aligned()).render(r, buf);
    }
}
