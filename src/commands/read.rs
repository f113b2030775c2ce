//! `tidings` with no command: the reader.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Globals;
use crate::app::Model;
use crate::app::run::{Io, Setup};
use crate::article::Store;
use crate::config::Config;
use crate::paths::Dirs;
use crate::ui::Theme;

/// Exit status for a configuration that cannot be used.
pub const EXIT_BAD_CONFIG: u8 = 2;

/// The folder of articles: the flag, `TIDINGS_ARTICLES`, the config's `articles`,
/// `./articles` when it exists, else `articles` in the data folder.
fn articles_dir(flag: Option<&Path>, config: Option<&Path>, dirs: &Dirs) -> PathBuf {
    if let Some(f) = flag {
        return f.to_owned();
    }
    if let Some(v) = std::env::var_os("TIDINGS_ARTICLES").filter(|v| !v.is_empty()) {
        return PathBuf::from(v);
    }
    if let Some(c) = config {
        return c.to_owned();
    }
    let local = PathBuf::from("articles");
    if local.is_dir() {
        return local;
    }
    dirs.data.join("articles")
}

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
    let root = articles_dir(
        globals.articles.as_deref(),
        config.articles.as_deref(),
        &dirs,
    );
    let scan = Store::scan(&root, Some(&dirs.cache));
    let model = Model::new(scan.store, HashSet::new(), config.wide);
    let cache_dir = dirs.cache.clone();
    let setup = Setup {
        model,
        keymap,
        theme: Theme::new(&config.theme, Theme::no_color_from_env()),
        mouse: config.mouse,
        pending: scan.pending,
        io: Io {
            mark_read: Box::new(|_| Ok(())),
            save_cache: Box::new(move |store| {
                store.save_cache(&cache_dir).map_err(|e| e.to_string())
            }),
        },
    };
    crate::app::run::run(setup)?;
    Ok(ExitCode::SUCCESS)
}
