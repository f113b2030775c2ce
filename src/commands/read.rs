//! `tidings` with no command: the reader.

use std::collections::HashSet;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

pub use super::EXIT_BAD_CONFIG;
use super::{Env, Globals};
use crate::app::Model;
use crate::app::model::Progress;
use crate::app::run::{IndexSetup, Io, Setup};
use crate::article::Store;
use crate::sanitize::clean;
use crate::state::ReadMarks;
use crate::ui::Theme;

pub fn run(globals: &Globals) -> anyhow::Result<ExitCode> {
    // A bad configuration, or no folder of articles, stops us before the terminal is touched.
    let env = match Env::load(globals) {
        Ok(env) => env,
        Err(e) => return Ok(e.report()),
    };
    let keymap = match env.config.keymap() {
        Ok(k) => k,
        Err(e) => {
            eprintln!("tidings: {}", clean(&e.to_string()));
            return Ok(ExitCode::from(EXIT_BAD_CONFIG));
        }
    };
    let root = match env.articles(globals) {
        Ok(root) => root,
        Err(e) => return Ok(e.report()),
    };
    let Env { dirs, config } = env;
    // The first frame reads only what it shows from the index; the index's worker brings
    // the rest and checks the folder.
    let db_path = crate::index::db_path(&dirs.cache, &root);
    let height = ratatui::crossterm::terminal::size().map_or(100, |(_, h)| usize::from(h));
    let (entries, total) = crate::index::first_screen(&db_path, &root, height.max(50));
    let (marks, warning) = ReadMarks::load(&dirs.data, &root);
    let read: HashSet<_> = entries
        .iter()
        .map(|e| &e.path)
        .filter(|p| marks.is_read(p))
        .cloned()
        .collect();
    let store = Store {
        root: root.clone(),
        entries,
        problems: Vec::new(),
    };
    let mut model = Model::new(store, read, config.wide);
    model.rows_total = Some(total);
    if total == 0 && root.is_dir() {
        model.indexing = Some(Progress { done: 0, total: 0 });
    }
    let mut passages =
        crate::app::persist::PassageIo::new(&dirs.data, &dirs.cache).with_store(&root);
    // Bookmarks are kept relative to the articles folder, so they survive moving it.
    passages.file = crate::bookmarks::BookmarkFile::new(&dirs.data).relative_to(&root);
    let moved_warning = super::follow::follow_bookmarks(&passages.file, &root, &db_path);
    crate::app::update(&mut model, passages.load());
    // Both warnings (read marks, bookmarks) are shown when both files were set aside.
    let warning = match (warning, moved_warning) {
        (Some(a), Some(b)) => Some(format!("{a} · {b}")),
        (a, b) => a.or(b),
    };
    model.status = match (model.status.take(), warning) {
        (Some(a), Some(b)) => Some(format!("{b} · {a}")),
        (a, b) => a.or(b),
    };
    let marks = Arc::new(Mutex::new(marks));
    let reading = Arc::clone(&marks);
    // Marks keep the article's guid or url, so they follow it when it moves in the folder.
    let follow = Arc::new(Mutex::new(super::follow::Follow::new(&root, &db_path)));
    let following = Arc::clone(&follow);
    let setup = Setup {
        model,
        keymap,
        draw: {
            let theme = Theme::new(&config.theme, Theme::no_color_from_env());
            Box::new(move |frame, model, keymap| {
                crate::ui::draw(
                    frame,
                    &crate::ui::Ui {
                        model,
                        theme: &theme,
                        keymap,
                    },
                );
            })
        },
        mouse: config.mouse,
        index: Some(IndexSetup {
            root,
            db: Some(db_path),
        }),
        io: Io {
            mark_read: Box::new(move |path| {
                let mut marks = marks.lock().map_err(|e| e.to_string())?;
                let mut follow = follow.lock().map_err(|e| e.to_string())?;
                follow.mark_read(&mut marks, path);
                marks.save().map_err(|e| e.to_string())
            }),
            is_read: Arc::new(move |path| {
                let (Ok(mut marks), Ok(mut follow)) = (reading.lock(), following.lock()) else {
                    return false;
                };
                follow.is_read(&mut marks, path)
            }),
            passages,
        },
    };
    crate::app::run::run(setup)?;
    // Ended by a signal: the usual status for it, 128 + its number.
    Ok(
        crate::app::signals::received().map_or(ExitCode::SUCCESS, |s| {
            ExitCode::from(crate::app::signals::exit_status(s))
        }),
    )
}
