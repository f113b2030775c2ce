//! Feeds: subscriptions in `feeds.toml`, fetching them into the store, OPML import and export,
//! and autodiscovery. No UI: the commands and the reader call these functions.

pub mod discover;
pub mod fetch;
pub mod item;
pub mod list;
pub mod opml;
pub mod state;

pub use fetch::{Counts, Event, FeedReport, Options, Summary, fetch};
pub use list::{FEEDS_FILE, FeedList, FeedSpec, FetchSettings};

use std::path::PathBuf;

/// `feeds.toml`: `TIDINGS_FEEDS` when set, else in the config dir.
pub fn feeds_file(dirs: &crate::paths::Dirs) -> PathBuf {
    std::env::var_os("TIDINGS_FEEDS")
        .filter(|v| !v.is_empty())
        .map_or_else(|| dirs.config.join(FEEDS_FILE), PathBuf::from)
}
