//! The layers over the reader's three panes: help, the skipped files, the bookmarks view, a
//! source's quotations, the note line and the prompts (search, filter, the bookmarks filter).
//! They are one stack on the model: actions go to the top layer, the view draws the panes and
//! then each layer from the bottom up, and the top layer decides the key context. A layer that
//! closes pops itself, and what was under it is in force again.

use std::sync::LazyLock;

use crate::app::action::{Action, Context, Pane};
use crate::app::bookmarks_view::BookmarksView;
use crate::app::found::StoreSearch;
use crate::app::line::{LineEdit, LineEditor};
use crate::app::model::{Model, Search};
use crate::app::passages::NoteLine;
use crate::app::sources::SourcesView;
use crate::app::update::{Effect, find_hits, reveal};
use crate::keymap::Keymap;

/// One layer over the panes.
#[derive(Debug, Clone, PartialEq)]
pub enum Layer {
    Help {
        scroll: usize,
    },
    Problems {
        scroll: usize,
    },
    Bookmarks(BookmarksView),
    Sources(SourcesView),
    /// The results of a search across the store.
    Found(StoreSearch),
    /// The note of a bookmark, typed over the status bar.
    Note(NoteLine),
    /// A prompt typed over the status bar.
    Prompt(PromptLine),
}

/// Which prompt takes typed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// Search in the open article: hits follow the typing.
    Search,
    /// Filter the article list.
    Filter,
    /// Filter the bookmarks view under it.
    Bookmarks,
    /// Search the store (the results view under it).
    Store,
}

/// A prompt: what it is for, and its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptLine {
    pub kind: Prompt,
    pub editor: LineEditor,
}

impl Layer {
    /// The key context of this layer; `None` for a line that takes typed text.
    pub fn context(&self) -> Option<Context> {
        match self {
            Layer::Help { .. } => Some(Context::Help),
            Layer::Problems { .. } => Some(Context::Problems),
            Layer::Bookmarks(_) => Some(Context::Bookmarks),
            Layer::Sources(_) => Some(Context::Sources),
            Layer::Found(_) => Some(Context::Found),
            Layer::Note(_) | Layer::Prompt(_) => None,
        }
    }

    /// Whether this layer is a line over the status bar (the panes stay visible).
    pub fn is_line(&self) -> bool {
        self.context().is_none()
    }
}

impl Model {
    /// The layer on top, if any.
    pub fn top(&self) -> Option<&Layer> {
        self.layers.last()
    }

    /// The key context: the top layer's, else the reader's; `None` while a line takes text.
    pub fn context(&self) -> Option<Context> {
        self.top().map_or(Some(Context::Reader), Layer::context)
    }

    /// Whether typed keys go to a line (the keymap sends line edits).
    pub fn takes_line(&self) -> bool {
        self.context().is_none()
    }

    /// The prompt on top, if one is.
    pub fn prompt(&self) -> Option<Prompt> {
        match self.top() {
            Some(Layer::Prompt(p)) => Some(p.kind),
            _ => None,
        }
    }

    /// The note line, if open.
    pub fn note(&self) -> Option<&NoteLine> {
        self.layers.iter().rev().find_map(|l| match l {
            Layer::Note(n) => Some(n),
            _ => None,
        })
    }

    /// The topmost bookmarks view, if open.
    pub fn bookmarks_view(&self) -> Option<&BookmarksView> {
        self.layers.iter().rev().find_map(|l| match l {
            Layer::Bookmarks(v) => Some(v),
            _ => None,
        })
    }

    /// The topmost sources view, if open.
    pub fn sources_view(&self) -> Option<&SourcesView> {
        self.layers.iter().rev().find_map(|l| match l {
            Layer::Sources(v) => Some(v),
            _ => None,
        })
    }

    /// Open `layer` on top. A view that arrives late (the sources, once the speaker index is
    /// ready) goes under a line being typed, so that it does not take the typed keys.
    pub fn push(&mut self, layer: Layer) {
        let lines_on_top = self.layers.iter().rev().take_while(|l| l.is_line()).count();
        let at = if layer.is_line() {
            self.layers.len()
        } else {
            self.layers.len() - lines_on_top
        };
        self.layers.insert(at, layer);
    }
}

/// The first key of each action in each context, for the hints in status messages: `update`
/// does not see the keymap, so the caller gives it these names.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KeyNames(Vec<(Context, Action, String)>);

static DEFAULT_KEYS: LazyLock<KeyNames> = LazyLock::new(|| {
    crate::config::Config::defaults()
        .keymap()
        .map(|k| KeyNames::from_keymap(&k))
        .unwrap_or_default()
});

impl KeyNames {
    pub fn from_keymap(km: &Keymap) -> KeyNames {
        let mut v = Vec::new();
        for c in Context::ALL {
            for a in c.actions() {
                if let Some(k) = km.keys_for(c, &a).into_iter().next() {
                    v.push((c, a, k));
                }
            }
        }
        KeyNames(v)
    }

    /// The names of the built-in keys.
    pub fn defaults() -> KeyNames {
        DEFAULT_KEYS.clone()
    }

    /// The first key of `action` in `context`, or "(unbound)".
    pub fn get(&self, context: Context, action: &Action) -> String {
        self.0
            .iter()
            .find(|(c, a, _)| *c == context && a == action)
            .map_or_else(|| "(unbound)".into(), |(_, _, k)| k.clone())
    }
}

/// Lines the help lists: a heading and one row per action for each context, a blank line
/// between contexts, then the line editor's keys.
pub fn help_len() -> usize {
    let contexts: usize = Context::ALL.iter().map(|c| c.actions().len() + 2).sum();
    contexts + 1 + crate::keymap::LINE_KEYS.len()
}

/// Handle `action` in the top layer.
pub fn update(m: &mut Model, action: Action) -> Effect {
    match m.top() {
        None => Effect::None,
        Some(Layer::Help { .. } | Layer::Problems { .. }) => scroll_view(m, &action),
        Some(Layer::Bookmarks(_)) => crate::app::bookmarks_view::update(m, &action),
        Some(Layer::Sources(_)) => crate::app::sources::view_update(m, &action),
        Some(Layer::Found(_)) => crate::app::found::update(m, &action),
        Some(Layer::Note(_)) => crate::app::bookmark::note_update(m, action),
        Some(Layer::Prompt(_)) => prompt_update(m, action),
    }
}

/// Help and the skipped files: scroll, close.
fn scroll_view(m: &mut Model, action: &Action) -> Effect {
    let page = usize::from(m.panes.area.height.saturating_sub(5)).max(1);
    let len = match m.top() {
        Some(Layer::Problems { .. }) => m.store.problems.len(),
        _ => help_len(),
    };
    let Some(Layer::Help { scroll } | Layer::Problems { scroll }) = m.layers.last_mut() else {
        return Effect::None;
    };
    let last = len.saturating_sub(1);
    match *action {
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Down => *scroll = (*scroll + 1).min(last),
        Action::PageUp => *scroll = scroll.saturating_sub(page),
        Action::PageDown => *scroll = (*scroll + page).min(last),
        Action::Top => *scroll = 0,
        Action::Bottom => *scroll = last,
        Action::Wheel { down, .. } => {
            *scroll = if down {
                (*scroll + 3).min(last)
            } else {
                scroll.saturating_sub(3)
            };
        }
        Action::Back | Action::Select | Action::Click { .. } => {
            m.layers.pop();
        }
        // Its own key again closes it.
        Action::Help if matches!(m.top(), Some(Layer::Help { .. })) => {
            m.layers.pop();
        }
        Action::Problems if matches!(m.top(), Some(Layer::Problems { .. })) => {
            m.layers.pop();
        }
        Action::Quit => return quit(m),
        _ => {}
    }
    Effect::None
}

pub(crate) fn quit(m: &mut Model) -> Effect {
    m.quit = true;
    Effect::Quit
}

/// Open a prompt of `kind`, its line starting with `text`.
pub fn open_prompt(m: &mut Model, kind: Prompt, text: &str) {
    m.push(Layer::Prompt(PromptLine {
        kind,
        editor: LineEditor::new(text),
    }));
}

/// Keys while a prompt is on top: each edit takes effect at once (the list narrows, hits are
/// found); Enter keeps the text and closes the prompt, Esc drops it.
fn prompt_update(m: &mut Model, action: Action) -> Effect {
    let edit = match action {
        Action::Edit(e) => e,
        Action::Back => LineEdit::Cancel,
        _ => return Effect::None,
    };
    let Some(Layer::Prompt(p)) = m.layers.last_mut() else {
        return Effect::None;
    };
    let kind = p.kind;
    match edit {
        LineEdit::Submit => {
            m.layers.pop();
            if kind == Prompt::Search && m.search.as_ref().is_some_and(|s| s.query.is_empty()) {
                m.search = None;
            }
        }
        LineEdit::Cancel => {
            m.layers.pop();
            match kind {
                Prompt::Search => m.search = None,
                // Esc while typing the query closes the search.
                Prompt::Store => {
                    if matches!(m.top(), Some(Layer::Found(_))) {
                        m.layers.pop();
                    }
                }
                Prompt::Filter | Prompt::Bookmarks => {
                    set_text(m, kind, "");
                }
            }
        }
        e => {
            p.editor.apply(e);
            let text = p.editor.text().to_owned();
            return set_text(m, kind, &text);
        }
    }
    Effect::None
}

/// What a prompt's text does.
fn set_text(m: &mut Model, kind: Prompt, text: &str) -> Effect {
    match kind {
        Prompt::Store => return crate::app::found::set_query(m, text),
        Prompt::Filter => {
            if m.list.filter != text {
                text.clone_into(&mut m.list.filter);
                m.refilter();
            }
        }
        Prompt::Bookmarks => {
            if let Some(Layer::Bookmarks(v)) = m
                .layers
                .iter_mut()
                .rev()
                .find(|l| matches!(l, Layer::Bookmarks(_)))
            {
                if v.filter != text {
                    v.selected = 0;
                }
                text.clone_into(&mut v.filter);
            }
        }
        Prompt::Search => search_for(m, text),
    }
    Effect::None
}

/// Find `query` in the open article; the current hit is the first at or after the top line.
fn search_for(m: &mut Model, query: &str) {
    let Some(o) = &m.open else { return };
    let s = m.search.get_or_insert_with(Search::default);
    if s.query == query && !query.is_empty() {
        return;
    }
    query.clone_into(&mut s.query);
    s.hits = find_hits(
        &o.loaded.article.raw,
        &o.loaded.article.paragraphs,
        &s.query,
    );
    let top = o.top_offset().unwrap_or(0);
    s.current = s
        .hits
        .iter()
        .position(|h| h.start >= top)
        .or((!s.hits.is_empty()).then_some(0));
    if let Some(c) = s.current {
        let start = s.hits[c].start;
        reveal(m, start);
    }
    if m.focus != Pane::Reader {
        crate::app::update::set_focus(m, Pane::Reader);
    }
}
