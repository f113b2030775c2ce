//! The bookmarks overlay: newest first, each with its date and article title, the passage
//! and the note; a passage that can no longer be found is shown as orphaned with its saved
//! text. The filter line sits on top.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::app::action::{Action, Context};
use crate::app::passages::{AnchorStatus, BookmarksView, excerpt};
use crate::bookmarks::Bookmark;
use crate::sanitize::clean_line;
use crate::ui::Ui;

pub struct BookmarksOverlay<'a, 'b> {
    pub ui: &'b Ui<'a>,
    pub view: &'b BookmarksView,
}

/// The rectangle of a big overlay.
pub fn big(area: Rect) -> Rect {
    crate::ui::centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(3),
    )
}

/// What a bookmark's anchor status adds to its heading.
fn status_tag(status: Option<AnchorStatus>) -> Option<&'static str> {
    match status? {
        AnchorStatus::Orphaned => Some(" [orphaned: saved text]"),
        AnchorStatus::Missing => Some(" [article unreadable]"),
        AnchorStatus::Fuzzy => Some(" [the passage changed]"),
        AnchorStatus::Moved => Some(" [moved]"),
        AnchorStatus::Exact => None,
    }
}

impl BookmarksOverlay<'_, '_> {
    fn item(&self, b: &Bookmark, width: usize, selected: bool) -> Vec<Line<'static>> {
        let t = self.ui.theme;
        let date = b.created.get(..10).unwrap_or(&b.created).to_owned();
        let status = self.ui.model.passages.anchors.get(&b.id).copied();
        let mut head = vec![
            Span::raw(if selected { "▸ " } else { "  " }),
            Span::styled(format!("{date}  "), t.dim),
            Span::styled(
                clean_line(&b.title).into_owned(),
                Style::new().add_modifier(Modifier::BOLD),
            ),
        ];
        if let Some(tag) = status_tag(status) {
            head.push(Span::styled(tag, t.focus));
        }
        let mut lines = vec![
            Line::from(head),
            Line::from(format!(
                "    “{}”",
                excerpt(&b.passage, width.saturating_sub(8).max(10))
            )),
        ];
        if !b.note.is_empty() {
            lines.push(Line::from(Span::styled(
                format!(
                    "    ✎ {}",
                    excerpt(&b.note, width.saturating_sub(8).max(10))
                ),
                t.focus,
            )));
        }
        if selected {
            lines = lines.into_iter().map(|l| l.style(t.selected)).collect();
        }
        lines
    }
}

impl Widget for BookmarksOverlay<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.ui.model;
        let view = self.view;
        let r = big(area);
        Clear.render(r, buf);
        let list = crate::app::passages::visible(&m.passages.bookmarks, &view.filter);
        let k = |a: &Action| self.ui.key_in(Context::Bookmarks, a);
        let hints = format!(
            " {} open · {} delete · {} undo · {} note · {} filter · {} close ",
            k(&Action::Select),
            k(&Action::DeleteBookmark),
            k(&Action::Undo),
            k(&Action::EditNote),
            k(&Action::Filter),
            k(&Action::Back)
        );
        let k = |a: &Action| self.ui.key(a);
        let block = Block::bordered()
            .border_style(self.ui.theme.focus)
            .title(format!(" Bookmarks ({}) ", m.passages.bookmarks.len()))
            .title_bottom(Line::from(hints).right_aligned());
        let inner = block.inner(r);
        block.render(r, buf);
        let mut lines: Vec<Line> = Vec::new();
        if !view.filter.is_empty() {
            lines.push(Line::from(vec![
                Span::styled("filter: ", self.ui.theme.focus),
                Span::raw(clean_line(&view.filter).into_owned()),
            ]));
        }
        let width = usize::from(inner.width);
        if m.passages.bookmarks.is_empty() {
            lines.push(Line::from(Span::styled(
                format!(
                    "No bookmarks yet. In the reading pane, {} bookmarks the paragraph at the top \
                     and {} selects sentences; in the quotes pane, {} bookmarks the quotation.",
                    k(&Action::Bookmark),
                    k(&Action::SelectPassage),
                    k(&Action::Bookmark)
                ),
                self.ui.theme.dim,
            )));
        } else if list.is_empty() {
            lines.push(Line::from(Span::styled(
                "No bookmark matches the filter.",
                self.ui.theme.dim,
            )));
        }
        let items: Vec<Vec<Line>> = list
            .iter()
            .enumerate()
            .map(|(i, b)| self.item(b, width, i == view.selected))
            .collect();
        // Skip items from the top until the selected one fits.
        let room = usize::from(inner.height).saturating_sub(lines.len());
        let mut first = 0;
        let end_of = |upto: usize| -> usize { items[..=upto].iter().map(|it| it.len() + 1).sum() };
        let sel = view.selected.min(items.len().saturating_sub(1));
        if !items.is_empty() {
            while first < sel && end_of(sel) - end_of(first) + items[first].len() + 1 > room {
                first += 1;
            }
        }
        for it in items.into_iter().skip(first) {
            lines.extend(it);
            lines.push(Line::default());
        }
        Paragraph::new(lines).render(inner, buf);
    }
}
