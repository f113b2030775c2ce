//! Search across the store from the reader: a line to type the query (results come as it is
//! typed, from a worker) and the ranked results over the panes; enter lands on the passage.

use crate::app::action::Action;
use crate::app::line::{LineEdit, LineEditor};
use crate::app::model::Model;
use crate::app::passages::{Goal, Target, after_results, location};
use crate::app::update::Effect;
use crate::index::search::Hit;

/// The store search view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoreSearch {
    pub line: LineEditor,
    /// Keys go to the line (else they move in the results).
    pub typing: bool,
    /// The query the results are for.
    pub shown: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
    pub error: Option<String>,
}

/// Results of a query, from the search worker.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub query: String,
    pub hits: Result<Vec<Hit>, String>,
}

impl Model {
    /// Whether the store search takes typed keys.
    pub fn store_search_typing(&self) -> bool {
        self.store_search.as_ref().is_some_and(|s| s.typing)
    }
}

/// Open the view (or go back to typing in it).
pub fn open(m: &mut Model) -> Effect {
    let s = m.store_search.get_or_insert_with(StoreSearch::default);
    s.typing = true;
    Effect::None
}

/// Handle `action` while the view is open; anything else goes on.
pub fn before(m: &mut Model, action: Action) -> Result<Effect, Action> {
    if let Action::Found(results) = action {
        if let Some(s) = &mut m.store_search
            && s.line.text() == results.query
        {
            s.shown = results.query;
            match results.hits {
                Ok(hits) => {
                    s.hits = hits;
                    s.error = None;
                }
                Err(e) => {
                    s.hits.clear();
                    s.error = Some(e);
                }
            }
            s.selected = s.selected.min(s.hits.len().saturating_sub(1));
        }
        return Ok(Effect::None);
    }
    if action == Action::SearchStore {
        return Ok(open(m));
    }
    let Some(s) = &mut m.store_search else {
        return Err(action);
    };
    if s.typing {
        return match action {
            Action::Edit(LineEdit::Submit) => {
                s.typing = false;
                Ok(Effect::None)
            }
            Action::Edit(LineEdit::Cancel) => {
                m.store_search = None;
                Ok(Effect::None)
            }
            Action::Edit(e) => {
                let before = s.line.text().to_owned();
                s.line.apply(e);
                if s.line.text() == before {
                    return Ok(Effect::None);
                }
                s.selected = 0;
                Ok(Effect::SearchStore(s.line.text().to_owned()))
            }
            a if a.name().is_some() => Ok(Effect::None),
            a => Err(a),
        };
    }
    let n = s.hits.len();
    let page = usize::from(m.panes.area.height / 2).max(1);
    let to = match action {
        Action::Up => Some(s.selected.saturating_sub(1)),
        Action::Down => Some(s.selected + 1),
        Action::PageUp => Some(s.selected.saturating_sub(page)),
        Action::PageDown => Some(s.selected + page),
        Action::Top => Some(0),
        Action::Bottom => Some(n),
        _ => None,
    };
    if let Some(to) = to {
        s.selected = to.min(n.saturating_sub(1));
        return Ok(Effect::None);
    }
    match action {
        Action::Select => {
            let Some(hit) = s.hits.get(s.selected).cloned() else {
                return Ok(Effect::None);
            };
            m.store_search = None;
            let (start, end) = (hit.start.unwrap_or(0), hit.end.unwrap_or(0));
            let target = Target {
                path: hit.path,
                goal: Goal::Quote(start..end.max(start)),
                from: location(m),
            };
            Ok(crate::app::arrive::go(m, target))
        }
        Action::Back => {
            m.store_search = None;
            Ok(Effect::None)
        }
        Action::Quit => Err(Action::Quit),
        a if a.name().is_some() || matches!(a, Action::Click { .. } | Action::Wheel { .. }) => {
            Ok(Effect::None)
        }
        a => after_results(m, a),
    }
}
