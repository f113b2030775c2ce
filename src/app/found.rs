//! Search across the store from the reader: a layer with the ranked results over the panes,
//! and over it a prompt to type the query (results come as it is typed, from a worker);
//! Enter in the prompt goes to the results, Enter on a result lands on the passage. The keys
//! of the results are those of `[keys.search-view]`.

use crate::app::action::Action;
use crate::app::layer::{Layer, Prompt, open_prompt, quit};
use crate::app::model::Model;
use crate::app::passages::{Goal, Target, location};
use crate::app::update::Effect;
use crate::index::search::Hit;

/// The store search view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoreSearch {
    /// The query typed.
    pub query: String,
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
    /// The store search view, if open.
    pub fn store_search(&self) -> Option<&StoreSearch> {
        self.layers.iter().rev().find_map(|l| match l {
            Layer::Found(s) => Some(s),
            _ => None,
        })
    }

    fn store_search_mut(&mut self) -> Option<&mut StoreSearch> {
        self.layers.iter_mut().rev().find_map(|l| match l {
            Layer::Found(s) => Some(s),
            _ => None,
        })
    }
}

/// Open the view (or, from it, type the query again).
pub fn open(m: &mut Model) -> Effect {
    if !matches!(m.top(), Some(Layer::Found(_))) {
        m.push(Layer::Found(StoreSearch::default()));
    }
    let query = m
        .store_search()
        .map(|s| s.query.clone())
        .unwrap_or_default();
    open_prompt(m, Prompt::Store, &query);
    Effect::None
}

/// The prompt's text changed: search for it.
pub fn set_query(m: &mut Model, text: &str) -> Effect {
    let Some(s) = m.store_search_mut() else {
        return Effect::None;
    };
    if s.query == text {
        return Effect::None;
    }
    text.clone_into(&mut s.query);
    s.selected = 0;
    Effect::SearchStore(text.to_owned())
}

/// Results from the worker, kept when they are for the query typed.
pub fn results(m: &mut Model, results: Results) {
    let Some(s) = m.store_search_mut() else {
        return;
    };
    if s.query != results.query {
        return;
    }
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

/// Keys while the results are on top.
pub fn update(m: &mut Model, action: &Action) -> Effect {
    let page = usize::from(m.panes.area.height / 2).max(1);
    let Some(Layer::Found(s)) = m.layers.last_mut() else {
        return Effect::None;
    };
    let n = s.hits.len();
    let to = match *action {
        Action::Up => Some(s.selected.saturating_sub(1)),
        Action::Down => Some(s.selected + 1),
        Action::PageUp => Some(s.selected.saturating_sub(page)),
        Action::PageDown => Some(s.selected + page),
        Action::Top => Some(0),
        Action::Bottom => Some(n),
        Action::Wheel { down, .. } => Some(if down {
            s.selected + 1
        } else {
            s.selected.saturating_sub(1)
        }),
        _ => None,
    };
    if let Some(to) = to {
        s.selected = to.min(n.saturating_sub(1));
        return Effect::None;
    }
    match action {
        Action::Select => {
            let Some(hit) = s.hits.get(s.selected).cloned() else {
                return Effect::None;
            };
            m.layers.pop();
            let (start, end) = (hit.start.unwrap_or(0), hit.end.unwrap_or(0));
            let target = Target {
                path: hit.path,
                goal: Goal::Quote(start..end.max(start)),
                from: location(m),
            };
            crate::app::arrive::go(m, target)
        }
        Action::SearchStore | Action::Search => open(m),
        Action::Help => {
            m.push(Layer::Help { scroll: 0 });
            Effect::None
        }
        Action::Back => {
            m.layers.pop();
            Effect::None
        }
        Action::Quit => quit(m),
        _ => Effect::None,
    }
}
