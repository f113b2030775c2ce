//! The status bar: the prompt or the last message on the left; indexing progress, the
//! number of skipped files and key hints (from the keymap) on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::action::{Action, Context};
use crate::ui::Ui;

pub struct StatusBar<'a, 'b> {
    pub ui: &'b Ui<'a>,
}

/// Key hints shown on the right, generated from the keymap.
/// Key hints for the context on top, generated from the keymap.
pub fn hints_list(ui: &Ui) -> Vec<String> {
    let Some(context) = ui.model.context() else {
        return Vec::new();
    };
    let wanted: &[(Action, &str)] = if context == Context::Reader {
        &[
            (Action::Help, "help"),
            (Action::Search, "search"),
            (Action::Filter, "filter"),
            (Action::Quit, "quit"),
        ]
    } else {
        &[(Action::Help, "help"), (Action::Back, "close")]
    };
    wanted
        .iter()
        .filter(|(a, _)| context.actions().contains(a))
        .map(|(a, what)| format!("{} {what}", ui.key_in(context, a)))
        .collect()
}

impl Widget for StatusBar<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.ui.model;
        let t = self.ui.theme;
        let left = crate::ui::search::search_line(self.ui).unwrap_or_else(|| {
            // Messages carry file names and errors: cleaned like everything else drawn.
            let msg =
                crate::sanitize::clean_line(m.status.as_deref().unwrap_or_default()).into_owned();
            Line::from(Span::styled(msg, t.focus))
        });
        // What must be said first, then as many key hints as fit beside the left part.
        let mut right: Vec<String> = Vec::new();
        if let Some(p) = m.fetching {
            right.push(if p.total == 0 {
                "fetching…".to_owned()
            } else {
                format!("fetching {}/{}", p.done, p.total)
            });
        }
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
        let room = usize::from(area.width).saturating_sub(left.width() + 2);
        let mut text = right.join(" │ ");
        let mut hints = String::new();
        for h in hints_list(self.ui) {
            let more = if hints.is_empty() {
                h.clone()
            } else {
                format!("{hints}  {h}")
            };
            let sep = if text.is_empty() { 0 } else { 3 };
            if text.chars().count() + sep + more.chars().count() > room {
                break;
            }
            hints = more;
        }
        if !hints.is_empty() {
            if !text.is_empty() {
                text.push_str(" │ ");
            }
            text.push_str(&hints);
        }
        let right = text;
        let rw = (right.chars().count() as u16).min(area.width);
        let l = Rect::new(area.x, area.y, area.width - rw, area.height);
        let r = Rect::new(area.x + area.width - rw, area.y, rw, area.height);
        Paragraph::new(left).render(l, buf);
        Paragraph::new(Line::from(Span::styled(right, t.dim)).right_aligned()).render(r, buf);
    }
}
