//! The headless commands and the reader's entry point: each a thin layer over the library.

use std::path::PathBuf;

pub mod add;
pub mod bookmarks;
pub mod check;
pub mod extract;
pub mod feed;
pub mod fetch;
pub mod list;
pub mod quotes;
pub mod read;
pub mod search;
pub mod speakers;
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
