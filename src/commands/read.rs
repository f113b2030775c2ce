//! `tidings` with no command: the reader.

use std::collections::HashSet;
use std::process::ExitCode;

pub use super::EXIT_BAD_CONFIG;
use super::{Env, Globals};
use crate::app::Model;
use crate::app::run::{Io, Setup};
use crate::article::Store;
use crate::sanitize::clean;
use crate::state::ReadMarks;
use crate::ui::Theme;

pub fn run(globals: &Globals) -> anyhow::Result<ExitCode> {
    // A bad configuration, or no folder of articles, stops us before the terminal is touched.
    let Env { dirs, config } = match Env::load(globals) {
        Ok(env) => env,
        Err(e) => return Ok(e.report()),
    };
    let keymap = match config.keymap() {
        Ok(k) => k,
        Err(e) => {
            eprintln!("tidings: {}", clean(&e.to_string()));
            return Ok(ExitCode::from(EXIT_BAD_CONFIG));
        }
    };
    let env = Env { dirs, config };
    let root = match env.articles(globals) {
        Ok(root) => root,
        Err(e) => return Ok(e.report()),
    };
    let Env { dirs, config } = env;
    let scan = Store::scan(&root, Some(&dirs.cache));
    let (mut marks, warning) = ReadMarks::load(&dirs.data);
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
    let passages = crate::app::persist::PassageIo::new(&dirs.data, &dirs.cache);
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
    Ok(ExitCode::SUCCESS)
}
