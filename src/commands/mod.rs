//! The headless commands and the reader's entry point: each a thin layer over the library.
//!
//! Every command starts the same way, through [`Env::load`]: the folders, then the
//! configuration loaded once (a bad one is exit status 2, naming the file, the line and the
//! key), then, for the commands that read the store, [`Env::articles`].

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::article::resolve_articles_dir;
use crate::config::{Config, ConfigError};
use crate::paths::Dirs;
use crate::sanitize::clean;

pub mod add;
pub mod bookmarks;
pub mod check;
pub mod extract;
pub mod feed;
pub mod fetch;
pub mod follow;
pub mod list;
pub mod quotes;
pub mod read;
pub mod search;
pub mod speakers;
#[cfg(feature = "test-hooks")]
pub mod state_writer;

/// `n` and the noun, singular for one: "1 quote", "2 quotes", "0 warnings".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// Options shared by every command.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Globals {
    /// The folder of articles (else TIDINGS_ARTICLES, the config's `articles`, ./articles, the data dir).
    #[arg(long, global = true, value_name = "DIR")]
    pub articles: Option<PathBuf>,
    /// The configuration file (else TIDINGS_CONFIG, then config.toml in the config dir).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Exit status for a configuration that cannot be used.
pub const EXIT_BAD_CONFIG: u8 = 2;

/// What every command starts from.
#[derive(Debug, Clone)]
pub struct Env {
    pub dirs: Dirs,
    pub config: Config,
}

/// Why a command could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(
        "no articles folder at {} (give one with --articles DIR, TIDINGS_ARTICLES or `articles` in the configuration)",
        clean(&.0.to_string_lossy())
    )]
    NoArticles(PathBuf),
    #[error(
        "{} is not a folder: --articles, TIDINGS_ARTICLES and `articles` name the folder of articles",
        clean(&.0.to_string_lossy())
    )]
    NotAFolder(PathBuf),
}

impl StartError {
    /// Print the error (sanitised) and give the exit status: 2 for the configuration, 1 for
    /// the rest.
    pub fn report(&self) -> ExitCode {
        eprintln!("tidings: {}", clean(&self.to_string()));
        match self {
            StartError::Config(_) => ExitCode::from(EXIT_BAD_CONFIG),
            _ => ExitCode::FAILURE,
        }
    }
}

impl Env {
    /// The folders from the environment and the configuration from `--config`,
    /// `TIDINGS_CONFIG` or the config folder.
    pub fn load(globals: &Globals) -> Result<Env, StartError> {
        let dirs = Dirs::from_env();
        let config = Config::load(globals.config.as_deref(), &dirs.config)?;
        Ok(Env { dirs, config })
    }

    /// The folder of articles: `--articles`, `TIDINGS_ARTICLES`, the configuration's
    /// `articles` (relative to its file), `./articles`, the data folder. It must be a
    /// folder that exists.
    pub fn articles(&self, globals: &Globals) -> Result<PathBuf, StartError> {
        let root = self.articles_path(globals);
        check_folder(&root)?;
        Ok(root)
    }

    /// Where the folder of articles is, whether it exists or not (`fetch` makes it).
    pub fn articles_path(&self, globals: &Globals) -> PathBuf {
        resolve_articles_dir(
            globals.articles.as_deref(),
            self.config.articles.as_deref(),
            &self.dirs,
        )
    }
}

/// The store index of the articles folder, brought up to date with the folder, for a command
/// that reads it (`list`, `search`, `speakers`): the configuration loaded, the folder found,
/// the index's warning printed. `Err` is the exit status when the command cannot start.
pub fn open_index(
    globals: &Globals,
) -> anyhow::Result<Result<(crate::article::Store, crate::index::Db), ExitCode>> {
    let env = match Env::load(globals) {
        Ok(env) => env,
        Err(e) => return Ok(Err(e.report())),
    };
    let root = match env.articles(globals) {
        Ok(root) => root,
        Err(e) => return Ok(Err(e.report())),
    };
    let (store, db, warning) = crate::index::open_store(&root, &env.dirs.cache)?;
    if let Some(w) = warning {
        eprintln!("warning: {}", crate::sanitize::clean_line(&w));
    }
    Ok(Ok((store, db)))
}

/// `root` must be an existing folder.
pub fn check_folder(root: &Path) -> Result<(), StartError> {
    if root.is_dir() {
        Ok(())
    } else if root.exists() {
        Err(StartError::NotAFolder(root.to_owned()))
    } else {
        Err(StartError::NoArticles(root.to_owned()))
    }
}
