//! The reader's fetch and open-in-browser actions (issue 9), through `update` and a
//! `TestBackend` frame: no terminal, no network.

mod common;

use std::path::PathBuf;

use common::*;
use tidings::app::{Action, Effect, update};
use tidings::article::Entry;

fn entry(path: &str, title: &str, date: &str) -> Entry {
    Entry {
        path: PathBuf::from(path),
        section: "news".into(),
        title: title.into(),
        source: Some("Feed".into()),
        published: Some(date.into()),
        size: 10,
        quote_count: 0,
    }
}

#[test]
fn fetch_runs_once_in_the_background_and_reports_progress_and_the_result() {
    let mut m = model(140, 40);
    assert_eq!(update(&mut m, Action::Fetch), Effect::Fetch);
    assert!(text(&render(&m, 140, 40)).contains("fetching…"));
    // A second press while it runs starts nothing.
    assert_eq!(update(&mut m, Action::Fetch), Effect::None);
    assert!(m.status.as_deref().unwrap().contains("already running"));
    update(&mut m, Action::FetchProgress { done: 2, total: 5 });
    assert!(text(&render(&m, 140, 40)).contains("fetching 2/5"));
    let effect = update(
        &mut m,
        Action::FetchDone(
            "fetched 5 feeds: 3 new, 0 updated; 1 failed (X\u{1b}[2J: HTTP 404)".into(),
        ),
    );
    assert_eq!(effect, Effect::None);
    assert!(m.fetching.is_none());
    let screen = text(&render(&m, 140, 40));
    assert!(screen.contains("fetched 5 feeds: 3 new"), "{screen}");
    assert!(
        !screen.contains('\u{1b}') && !screen.contains("fetching"),
        "{screen}"
    );
    assert_eq!(update(&mut m, Action::Fetch), Effect::Fetch);
}

#[test]
fn new_articles_join_the_list_with_the_selection_and_the_article_kept() {
    let mut m = opened(140, 40);
    update(&mut m, Action::Down);
    let selected = m.selected_entry().unwrap().path.clone();
    let scroll_before = m.open.as_ref().unwrap().scroll;
    update(&mut m, Action::Fetch);
    update(
        &mut m,
        Action::Indexed(vec![
            Ok(entry(
                "/fixture/news/a.md",
                "Newest story from a feed",
                "2026-04-01",
            )),
            Ok(entry(
                "/fixture/news/b.md",
                "Older story from a feed",
                "2026-01-01",
            )),
        ]),
    );
    update(
        &mut m,
        Action::FetchDone("fetched 1 feed: 2 new, 0 updated".into()),
    );
    assert_eq!(m.store.entries.len(), 5);
    assert_eq!(m.selected_entry().unwrap().path, selected);
    assert_eq!(m.open.as_ref().unwrap().scroll, scroll_before);
    assert_eq!(m.open.as_ref().unwrap().loaded.article.path, bridge_path());
    let screen = text(&render(&m, 140, 40));
    assert!(screen.contains("Newest story from a feed"), "{screen}");
    // Two rows came in above it.
    assert_eq!(m.list.selected, 2);
}

#[test]
fn open_in_browser_needs_an_article_with_a_url() {
    let mut m = model(140, 40);
    assert_eq!(update(&mut m, Action::OpenInBrowser), Effect::None);
    assert_eq!(m.status.as_deref(), Some("open an article first"));
    let mut m = opened(140, 40);
    assert_eq!(update(&mut m, Action::OpenInBrowser), Effect::None);
    assert_eq!(m.status.as_deref(), Some("this article has no url"));
    let (mut article, attribution) = bridge();
    article.meta.url = Some("https://ledger.example/bridge\u{1b}[2J".into());
    article.meta.authors = vec!["Mira Okafor".into(), "Tomás Lindqvist".into()];
    let mut m = model(140, 40);
    update(&mut m, Action::Select);
    update(
        &mut m,
        Action::Loaded {
            path: bridge_path(),
            result: Ok(Box::new((article, attribution))),
        },
    );
    assert_eq!(
        update(&mut m, Action::OpenInBrowser),
        Effect::OpenUrl("https://ledger.example/bridge\u{1b}[2J".into())
    );
    // The reading pane's header shows the url and the authors, cleaned.
    let screen = text(&render(&m, 140, 40));
    assert!(
        screen.contains("https://ledger.example/bridge␛[2J"),
        "{screen}"
    );
    assert!(screen.contains("by Mira Okafor, Tomás"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
}

#[test]
fn the_keys_are_bound_by_default() {
    let keymap = keymap();
    let m = model(140, 40);
    let ui = tidings::ui::Ui {
        model: &m,
        theme: &theme(),
        keymap: &keymap,
    };
    assert_eq!(ui.key(&Action::Fetch), "r");
    assert_eq!(ui.key(&Action::OpenInBrowser), "O");
}
