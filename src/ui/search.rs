//! The prompt line of the search and the filter, drawn in the status bar.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::model::{Model, Prompt};
use crate::sanitize::clean_line;

/// The prompt being typed, or the search still in force; `None` otherwise.
pub fn prompt_line(m: &Model) -> Option<Line<'static>> {
    let cursor = Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED));
    match (m.prompt, &m.search) {
        (Some(Prompt::Filter), _) => Some(Line::from(vec![
            Span::raw("filter: "),
            Span::raw(clean_line(&m.list.filter).into_owned()),
            cursor,
        ])),
        (Some(Prompt::Search), s) => {
            let q = s.as_ref().map_or("", |s| s.query.as_str());
            let mut spans = vec![
                Span::raw("/"),
                Span::raw(clean_line(q).into_owned()),
                cursor,
            ];
            if let Some(s) = s {
                spans.push(Span::raw(format!("  {}", hits_label(s))));
            }
            Some(Line::from(spans))
        }
        (None, Some(s)) => Some(Line::from(format!(
            "/{}  {}  n/N: next/previous hit",
            clean_line(&s.query),
            hits_label(s)
        ))),
        (None, None) => None,
    }
}

fn hits_label(s: &crate::app::model::Search) -> String {
    if s.query.is_empty() {
        String::new()
    } else if s.hits.is_empty() {
        "no match".into()
    } else {
        format!("{}/{}", s.current.map_or(0, |c| c + 1), s.hits.len())
    }
}
