//! `tidings` with no command: the reader.

use std::collections::HashSet;
use std::process::ExitCode;

use super::Globals;
use crate::app::Model;
use crate::app::run::{Io, Setup};
use crate::article::{Store, resolve_articles_dir};
use crate::config::Config;
use crate::paths::Dirs;
use crate::state::ReadMarks;
use crate::ui::Theme;

/// Exit status for a configuration that cannot be used.
pub const EXIT_BAD_CONFIG: u8 = 2;

pub fn run(globals: &Globals) -> anyhow::Result<ExitCode> {
    let dirs = Dirs::from_env();
    // A bad configuration stops us before the terminal is touched.
    let config = match Config::load(globals.config.as_deref(), &dirs.config) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("tidings: {e}");
            return Ok(ExitCode::from(EXIT_BAD_CONFIG));
        }
    };
    let keymap = match config.keymap() {
        Ok(k) => k,
        Err(e) => {
            eprintln!("tidings: {e}");
            return Ok(ExitCode::from(EXIT_BAD_CONFIG));
        }
    };
    let root = resolve_articles_dir(
        globals.articles.as_deref(),
        config.articles.as_deref(),
        &dirs,
    );
    let scan = Store::scan(&root, Some(&dirs.cache));
    let (mut marks, warning) = ReadMarks::load(&dirs.data, &root);
    let read: HashSet<_> = scan
        .store
        .entries
        .iter()
        .map(|e| &e.path)
        .chain(&scan.pending)
        .filter(|p| marks.is_read(p))
        .cloned()
        .collect();
    let mut model = Model::new(scan.store, read, config.wide);
    let mut passages = crate::app::persist::PassageIo::new(&dirs.data, &dirs.cache);
    // Bookmarks are kept relative to the articles folder, so they survive moving it.
    passages.file = crate::bookmarks::BookmarkFile::new(&dirs.data).relative_to(&root);
    crate::app::update(&mut model, passages.load());
    // Both warnings (read marks, bookmarks) are shown when both files were set aside.
    model.status = match (model.status.take(), warning) {
        (Some(a), Some(b)) => Some(format!("{b} · {a}")),
        (a, b) => a.or(b),
    };
    let cache_dir = dirs.cache.clone();
    let setup = Setup {
        model,
        keymap,
        theme: Theme::new(&config.theme, Theme::no_color_from_env()),
        mouse: config.mouse,
        pending: scan.pending,
        io: Io {
            mark_read: Box::new(move |path| {
                marks.set_read(path, true);
                marks.save().map_err(|e| e.to_string())
            }),
            save_cache: Box::new(move |store| {
                store.save_cache(&cache_dir).map_err(|e| e.to_string())
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
