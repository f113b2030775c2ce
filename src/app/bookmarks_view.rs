//! The bookmarks view, a layer: move, go to the passage (Enter), delete (`d`) and undo (`u`),
//! edit the note (`e`), filter (`/` or `f`: a prompt opens over it; Enter keeps the filter,
//! Esc clears it), close (Esc, `q` or `B`). The keys are those of `[keys.bookmarks]`.

use crate::app::action::Action;
use crate::app::layer::{Layer, Prompt, open_prompt, quit};
use crate::app::line::LineEditor;
use crate::app::model::Model;
use crate::app::passages::{Goal, NoteLine, NotePurpose, PassageEffect, Target, go, location};
use crate::app::update::Effect;

/// The bookmarks view.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BookmarksView {
    /// Bookmarks shown are those matching this.
    pub filter: String,
    /// Position in [`Model::visible_bookmarks`].
    pub selected: usize,
}

/// `B`: open the view, and check where each bookmark's passage is now.
pub fn open(m: &mut Model) -> Effect {
    m.passages.selection = None;
    m.push(Layer::Bookmarks(BookmarksView::default()));
    if m.passages.bookmarks.is_empty() {
        return Effect::None;
    }
    Effect::Passages(PassageEffect::CheckAnchors(m.passages.bookmarks.clone()))
}

/// Handle `action` while the bookmarks view is on top.
pub fn update(m: &mut Model, action: &Action) -> Effect {
    let n = m.visible_bookmarks().len();
    let page = usize::from(m.panes.area.height / 3).max(1);
    let current = {
        let Some(Layer::Bookmarks(view)) = m.top() else {
            return Effect::None;
        };
        m.visible_bookmarks()
            .get(view.selected)
            .map(|b| (*b).clone())
    };
    let Some(Layer::Bookmarks(view)) = m.layers.last_mut() else {
        return Effect::None;
    };
    let selected = view.selected;
    let moved = match *action {
        Action::Up => Some(selected.saturating_sub(1)),
        Action::Down => Some(selected + 1),
        Action::PageUp => Some(selected.saturating_sub(page)),
        Action::PageDown => Some(selected + page),
        Action::Top => Some(0),
        Action::Bottom => Some(n),
        Action::Wheel { down, .. } => Some(if down {
            selected + 1
        } else {
            selected.saturating_sub(1)
        }),
        _ => None,
    };
    if let Some(to) = moved {
        view.selected = to.min(n.saturating_sub(1));
        return Effect::None;
    }
    match action {
        Action::Select => {
            let Some(b) = current else {
                return Effect::None;
            };
            m.layers.pop();
            let target = Target {
                path: b.path.clone(),
                goal: Goal::Bookmark(Box::new(b)),
                from: location(m),
            };
            go(m, target)
        }
        Action::DeleteBookmark => current.map_or(Effect::None, |b| {
            Effect::Passages(PassageEffect::Remove(b.id))
        }),
        Action::Undo => {
            let Some(b) = m.passages.undo.take() else {
                m.status = Some("nothing to undo".into());
                return Effect::None;
            };
            m.status = Some("bookmark restored".into());
            Effect::Passages(PassageEffect::Restore(Box::new(b)))
        }
        Action::EditNote => {
            if let Some(b) = current {
                m.push(Layer::Note(NoteLine {
                    editor: LineEditor::new(&b.note),
                    purpose: NotePurpose::Edit { id: b.id },
                }));
            }
            Effect::None
        }
        Action::Filter | Action::Search => {
            let text = view.filter.clone();
            open_prompt(m, Prompt::Bookmarks, &text);
            Effect::None
        }
        Action::Help => {
            m.push(Layer::Help { scroll: 0 });
            Effect::None
        }
        Action::Back | Action::Bookmarks => {
            m.layers.pop();
            Effect::None
        }
        Action::Quit => quit(m),
        // The panes under the view do not take the mouse.
        _ => Effect::None,
    }
}
