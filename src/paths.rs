//! Where tidings keeps its files: an explicit flag first, then an environment variable, then
//! the platform's project directories from the `directories` crate.

use std::path::PathBuf;

use directories::ProjectDirs;

/// The folders tidings reads and writes besides the articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirs {
    /// Where `config.toml` is looked for.
    pub config: PathBuf,
    /// State that must survive: bookmarks, read marks (`TIDINGS_DATA`).
    pub data: PathBuf,
    /// What can be rebuilt: the metadata cache, the speaker index (`TIDINGS_CACHE`).
    pub cache: PathBuf,
}

impl Dirs {
    /// Resolve from the environment and the platform's conventions.
    pub fn from_env() -> Self {
        let project = ProjectDirs::from("", "", "tidings");
        let fallback = || std::env::temp_dir().join("tidings");
        let pick = |var: &str, default: Option<PathBuf>| {
            std::env::var_os(var)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or(default)
                .unwrap_or_else(fallback)
        };
        Self {
            config: pick(
                "TIDINGS_CONFIG_DIR",
                project.as_ref().map(|p| p.config_dir().to_owned()),
            ),
            data: pick(
                "TIDINGS_DATA",
                project.as_ref().map(|p| p.data_dir().to_owned()),
            ),
            cache: pick(
                "TIDINGS_CACHE",
                project.as_ref().map(|p| p.cache_dir().to_owned()),
            ),
        }
    }
}
