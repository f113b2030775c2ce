//! Following a source across articles: `o` on a quotation (or its speaker) in the quotes pane
//! shows every quotation by that speaker in every article, grouped by article; Enter jumps
//! there. The speaker index is built on first use by the run loop's worker, with progress in
//! the status bar; anonymous sources stay within their article.

use std::path::PathBuf;

use crate::app::action::{Action, Pane};
use crate::app::layer::{Layer, quit};
use crate::app::model::{Model, Open};
use crate::app::passages::{Goal, IndexState, PassageEffect, Target, go, location};
use crate::app::update::Effect;
use crate::index::{ArticleQuotes, QuoteRef, article_keys, identity::is_anonymous_key};

/// Told when the source is anonymous.
pub const ANONYMOUS: &str = "anonymous sources are not followed across articles";

/// The sources overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcesView {
    pub name: String,
    pub groups: Vec<ArticleQuotes>,
    /// Position among all the quotations listed.
    pub selected: usize,
    /// Only the open article's quotations are shown (anonymous source).
    pub local_only: bool,
}

impl SourcesView {
    /// Every quotation listed, in order.
    pub fn quotes(&self) -> impl Iterator<Item = &QuoteRef> {
        self.groups.iter().flat_map(|g| g.quotes.iter())
    }

    pub fn count(&self) -> usize {
        self.groups.iter().map(|g| g.quotes.len()).sum()
    }
}

/// A source asked for before the index was ready.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub key: String,
    pub name: String,
    /// The open article's quotations, shown if the index knows none.
    pub local: ArticleQuotes,
    /// Where the quotation followed starts (the view opens on it).
    pub from_start: usize,
}

/// The open article's quotations by the source `key`.
fn local_quotes(o: &Open, key: &str) -> ArticleQuotes {
    let attr = &o.loaded.attribution;
    let keys = article_keys(&o.path, &attr.speakers);
    let title = o.loaded.article.meta.title.clone();
    let mut quotes: Vec<QuoteRef> = attr
        .quotes
        .iter()
        .filter(|q| {
            q.speaker
                .and_then(|s| keys.get(s))
                .is_some_and(|k| k == key)
        })
        .map(|q| QuoteRef {
            path: o.path.clone(),
            title: title.clone(),
            start: q.start,
            end: q.end,
            text: q.text.clone(),
            kind: q.kind,
        })
        .collect();
    quotes.sort_by_key(|q| q.start);
    ArticleQuotes {
        path: o.path.clone(),
        title,
        quotes,
    }
}

/// `o`: show everything the selected quotation's speaker said.
pub fn follow(m: &mut Model) -> Effect {
    let Some(o) = &m.open else {
        m.status = Some("open an article, then pick a quotation to follow its source".into());
        return Effect::None;
    };
    let order_sel = o.loaded.pane_order().nth(o.quote_sel);
    let q = if m.focus == Pane::Quotes {
        order_sel
    } else {
        o.highlight.or(order_sel)
    };
    let attr = &o.loaded.attribution;
    let Some(quote) = q.and_then(|q| attr.quotes.get(q)) else {
        m.status = Some("no quotation selected".into());
        return Effect::None;
    };
    let Some(s) = quote.speaker.filter(|&s| s < attr.speakers.len()) else {
        m.status = Some("this quotation has no known speaker".into());
        return Effect::None;
    };
    let keys = article_keys(&o.path, &attr.speakers);
    let key = keys[s].clone();
    let name = attr.speakers[s].name.clone();
    let local = local_quotes(o, &key);
    let from_start = quote.start;
    if is_anonymous_key(&key) {
        m.status = Some(ANONYMOUS.into());
        let selected = local
            .quotes
            .iter()
            .position(|q| q.start == from_start)
            .unwrap_or(0);
        m.push(Layer::Sources(SourcesView {
            name,
            groups: vec![local],
            selected,
            local_only: true,
        }));
        return Effect::None;
    }
    let wanted = Wanted {
        key,
        name,
        local,
        from_start,
    };
    match &m.passages.index {
        IndexState::Ready(_) => {
            m.passages.wanted = Some(wanted);
            index_ready(m)
        }
        IndexState::Building { done, total } => {
            m.status = Some(format!("indexing speakers {done}/{total}"));
            m.passages.wanted = Some(wanted);
            Effect::None
        }
        IndexState::Idle => {
            m.passages.wanted = Some(wanted);
            let paths: Vec<PathBuf> = m.store.entries.iter().map(|e| e.path.clone()).collect();
            m.passages.index = IndexState::Building {
                done: 0,
                total: paths.len(),
            };
            m.status = Some(format!("indexing speakers 0/{}", paths.len()));
            Effect::Passages(PassageEffect::BuildIndex(paths))
        }
    }
}

/// The index is ready: show the source asked for, if any.
pub fn index_ready(m: &mut Model) -> Effect {
    let IndexState::Ready(index) = &m.passages.index else {
        return Effect::None;
    };
    let Some(w) = m.passages.wanted.take() else {
        return Effect::None;
    };
    let mut groups = index.occurrences(&w.key);
    if groups.is_empty() {
        groups = vec![w.local];
    }
    let here = m.open.as_ref().map(|o| o.path.clone());
    let articles = groups.len();
    // Start on the quotation followed (else the open article's first).
    let flat: Vec<&QuoteRef> = groups.iter().flat_map(|g| g.quotes.iter()).collect();
    let selected = flat
        .iter()
        .position(|q| Some(&q.path) == here.as_ref() && q.start == w.from_start)
        .or_else(|| flat.iter().position(|q| Some(&q.path) == here.as_ref()))
        .unwrap_or(0);
    m.status = Some(format!(
        "{} quoted in {articles} article{}",
        crate::sanitize::clean_line(&w.name),
        if articles == 1 { "" } else { "s" }
    ));
    m.push(Layer::Sources(SourcesView {
        name: w.name,
        groups,
        selected,
        local_only: false,
    }));
    Effect::None
}

/// Keys while the sources view is on top.
pub fn view_update(m: &mut Model, action: &Action) -> Effect {
    let page = usize::from(m.panes.area.height / 2).max(1);
    let Some(Layer::Sources(view)) = m.layers.last_mut() else {
        return Effect::None;
    };
    let n = view.count();
    let to = match *action {
        Action::Up => Some(view.selected.saturating_sub(1)),
        Action::Down => Some(view.selected + 1),
        Action::PageUp => Some(view.selected.saturating_sub(page)),
        Action::PageDown => Some(view.selected + page),
        Action::Top => Some(0),
        Action::Bottom => Some(n),
        Action::Wheel { down, .. } => Some(if down {
            view.selected + 1
        } else {
            view.selected.saturating_sub(1)
        }),
        _ => None,
    };
    if let Some(to) = to {
        view.selected = to.min(n.saturating_sub(1));
        return Effect::None;
    }
    match action {
        Action::Select => {
            let Some(q) = view.quotes().nth(view.selected).cloned() else {
                return Effect::None;
            };
            m.layers.pop();
            let target = Target {
                path: q.path.clone(),
                goal: Goal::Quote(q.start..q.end),
                from: location(m),
            };
            go(m, target)
        }
        Action::Help => {
            m.push(Layer::Help { scroll: 0 });
            Effect::None
        }
        Action::Back | Action::Sources => {
            m.layers.pop();
            Effect::None
        }
        Action::Quit => quit(m),
        // The panes under the view do not take the mouse.
        _ => Effect::None,
    }
}
