//! The bookmarks overlay's keys: move, open (Enter), delete (`d`) and undo (`u`), edit the
//! note (`e`), filter (`/` or `f`, then type; Enter keeps the filter, Esc clears it), close
//! (Esc or `B`).

use crate::app::action::Action;
use crate::app::line::LineEdit;
use crate::app::model::Model;
use crate::app::passages::{
    Goal, NoteLine, NotePurpose, PassageEffect, Target, after_results, go, location,
};
use crate::app::update::Effect;

/// Handle `action` while the bookmarks view is open.
pub fn update(m: &mut Model, action: Action) -> Result<Effect, Action> {
    let Some(view) = &mut m.passages.view else {
        return Err(action);
    };
    if view.filtering {
        return match action {
            Action::Edit(LineEdit::Submit) => {
                view.filtering = false;
                Ok(Effect::None)
            }
            Action::Edit(LineEdit::Cancel) => {
                view.filtering = false;
                view.filter = crate::app::line::LineEditor::default();
                Ok(Effect::None)
            }
            Action::Edit(e) => {
                view.filter.apply(e);
                view.selected = 0;
                Ok(Effect::None)
            }
            a if a.name().is_some() && a != Action::Quit => Ok(Effect::None),
            a => after_results(m, a),
        };
    }
    let n = m.passages.visible().len();
    let page = usize::from(m.panes.area.height / 3).max(1);
    let selected = m.passages.view.as_ref().map_or(0, |v| v.selected);
    let moved = match action {
        Action::Up => Some(selected.saturating_sub(1)),
        Action::Down => Some(selected + 1),
        Action::PageUp => Some(selected.saturating_sub(page)),
        Action::PageDown => Some(selected + page),
        Action::Top => Some(0),
        Action::Bottom => Some(n),
        _ => None,
    };
    if let Some(to) = moved {
        if let Some(v) = &mut m.passages.view {
            v.selected = to.min(n.saturating_sub(1));
        }
        return Ok(Effect::None);
    }
    let current = m.passages.visible().get(selected).map(|b| (*b).clone());
    match action {
        Action::Select => {
            let Some(b) = current else {
                return Ok(Effect::None);
            };
            m.passages.view = None;
            let target = Target {
                path: b.path.clone(),
                goal: Goal::Bookmark(Box::new(b)),
                from: location(m),
            };
            Ok(go(m, target))
        }
        Action::DeleteBookmark => Ok(current.map_or(Effect::None, |b| {
            Effect::Passages(PassageEffect::Remove(b.id))
        })),
        Action::Undo => {
            let Some(b) = m.passages.undo.take() else {
                m.status = Some("nothing to undo".into());
                return Ok(Effect::None);
            };
            m.status = Some("bookmark restored".into());
            Ok(Effect::Passages(PassageEffect::Restore(Box::new(b))))
        }
        Action::EditNote => {
            if let Some(b) = current {
                m.passages.note = Some(NoteLine {
                    editor: crate::app::line::LineEditor::new(&b.note),
                    purpose: NotePurpose::Edit { id: b.id },
                });
            }
            Ok(Effect::None)
        }
        Action::Search | Action::Filter => {
            if let Some(v) = &mut m.passages.view {
                v.filtering = true;
            }
            Ok(Effect::None)
        }
        Action::Back | Action::Bookmarks => {
            m.passages.view = None;
            Ok(Effect::None)
        }
        Action::Quit => Err(Action::Quit),
        // The panes under the overlay do not take the mouse.
        a if a.name().is_some() || matches!(a, Action::Click { .. } | Action::Wheel { .. }) => {
            Ok(Effect::None)
        }
        a => after_results(m, a),
    }
}
