//! `feeds.toml` in the config dir: the subscriptions, a file a person can edit. Commands that
//! change it (`feed add`, `remove`, `import`) edit it in place with toml_edit, so comments and
//! layout stay; writes are atomic.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::net::{NetConfig, parse_url};

/// The file's name in the config dir.
pub const FEEDS_FILE: &str = "feeds.toml";

/// One subscription.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedSpec {
    pub url: String,
    /// Shown in lists and used as the articles' `source`; the feed's own title when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The folder under the articles folder; the feed's name or title when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Save the linked page's article text instead of the feed's summary.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub full_text: bool,
}

/// How fetching behaves: the optional `[fetch]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FetchSettings {
    /// Seconds for a whole request, redirects and body included.
    pub timeout: u64,
    /// Seconds to connect.
    pub connect_timeout: u64,
    /// The largest feed or page accepted, in bytes.
    pub max_bytes: u64,
    /// Requests at once.
    pub concurrency: usize,
    /// Requests at once to one host.
    pub per_host: usize,
}

impl Default for FetchSettings {
    fn default() -> Self {
        let net = NetConfig::default();
        Self {
            timeout: net.timeout.as_secs(),
            connect_timeout: net.connect_timeout.as_secs(),
            max_bytes: net.max_body_bytes,
            concurrency: 6,
            per_host: 2,
        }
    }
}

impl FetchSettings {
    pub fn net_config(&self) -> NetConfig {
        NetConfig {
            connect_timeout: Duration::from_secs(self.connect_timeout.max(1)),
            timeout: Duration::from_secs(self.timeout.max(1)),
            max_body_bytes: self.max_bytes.max(1024),
            ..NetConfig::default()
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    #[serde(default)]
    fetch: FetchSettings,
    #[serde(default)]
    feed: Vec<FeedSpec>,
}

/// What can go wrong with `feeds.toml`. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum ListError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {reason}", path.display())]
    Invalid { path: PathBuf, reason: String },
    #[error("{}: already subscribed to {url}", path.display())]
    Duplicate { path: PathBuf, url: String },
    #[error("{}: no feed named or at {what:?}", path.display())]
    NotFound { path: PathBuf, what: String },
}

/// The subscriptions as loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedList {
    pub path: PathBuf,
    pub settings: FetchSettings,
    pub feeds: Vec<FeedSpec>,
}

impl FeedList {
    /// Load `path`; a missing file is an empty list. Bad TOML, an unknown key or a bad url is
    /// an error naming the file (and the line, for TOML errors).
    pub fn load(path: &Path) -> Result<Self, ListError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self {
                    path: path.to_owned(),
                    ..Self::default()
                });
            }
            Err(source) => {
                return Err(ListError::Io {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        let invalid = |reason: String| ListError::Invalid {
            path: path.to_owned(),
            reason,
        };
        let file: FileFormat = toml::from_str(&text).map_err(|e| invalid(e.to_string()))?;
        for (i, feed) in file.feed.iter().enumerate() {
            parse_url(&feed.url).map_err(|e| invalid(format!("feed {}: {e}", i + 1)))?;
        }
        Ok(Self {
            path: path.to_owned(),
            settings: file.fetch,
            feeds: file.feed,
        })
    }

    /// The feed whose name (case folded) or url is `what`.
    pub fn find(&self, what: &str) -> Option<&FeedSpec> {
        self.feeds.iter().find(|f| matches(f, what))
    }

    /// The feed whose name or url is `what`, else the one whose title learned when it was
    /// fetched (`title`, the name `feed list` shows for a feed given no name) is `what`.
    pub fn find_titled(
        &self,
        what: &str,
        title: &dyn Fn(&FeedSpec) -> Option<String>,
    ) -> Option<&FeedSpec> {
        self.position(what, title).map(|i| &self.feeds[i])
    }

    fn position(&self, what: &str, title: &dyn Fn(&FeedSpec) -> Option<String>) -> Option<usize> {
        let folded = what.trim().to_lowercase();
        self.feeds
            .iter()
            .position(|f| matches(f, what))
            .or_else(|| {
                self.feeds
                    .iter()
                    .position(|f| title(f).is_some_and(|t| t.trim().to_lowercase() == folded))
            })
    }

    /// Append subscriptions (skipping urls already there) and write the file, keeping its
    /// comments. Returns how many were added.
    pub fn add(&mut self, specs: &[FeedSpec]) -> Result<usize, ListError> {
        let mut doc = self.document()?;
        let mut added = 0;
        for spec in specs {
            if self.feeds.iter().any(|f| same_url(&f.url, &spec.url)) {
                if specs.len() == 1 {
                    return Err(ListError::Duplicate {
                        path: self.path.clone(),
                        url: spec.url.clone(),
                    });
                }
                continue;
            }
            let table = to_table(spec);
            let feeds = doc
                .entry("feed")
                .or_insert_with(|| toml_edit::Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
            let Some(array) = feeds.as_array_of_tables_mut() else {
                return Err(ListError::Invalid {
                    path: self.path.clone(),
                    reason: "`feed` must be an array of tables ([[feed]])".to_owned(),
                });
            };
            array.push(table);
            self.feeds.push(spec.clone());
            added += 1;
        }
        if added > 0 {
            self.write(&doc)?;
        }
        Ok(added)
    }

    /// Remove the feed named `what` (its name, url or learned title, as in [`Self::find_titled`])
    /// and write the file. Returns it.
    pub fn remove(
        &mut self,
        what: &str,
        title: &dyn Fn(&FeedSpec) -> Option<String>,
    ) -> Result<FeedSpec, ListError> {
        let index = self
            .position(what, title)
            .ok_or_else(|| ListError::NotFound {
                path: self.path.clone(),
                what: what.to_owned(),
            })?;
        let mut doc = self.document()?;
        if let Some(array) = doc.get_mut("feed").and_then(|f| f.as_array_of_tables_mut()) {
            array.remove(index);
        }
        self.write(&doc)?;
        Ok(self.feeds.remove(index))
    }

    fn document(&self) -> Result<toml_edit::DocumentMut, ListError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => {
                return Err(ListError::Io {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        text.parse()
            .map_err(|e: toml_edit::TomlError| ListError::Invalid {
                path: self.path.clone(),
                reason: e.to_string(),
            })
    }

    fn write(&self, doc: &toml_edit::DocumentMut) -> Result<(), ListError> {
        let mut text = doc.to_string();
        if !self.path.exists() {
            text.insert_str(0, HEADER);
        }
        crate::state::write_atomic(&self.path, text.as_bytes()).map_err(|source| ListError::Io {
            path: self.path.clone(),
            source,
        })
    }
}

const HEADER: &str = "# tidings subscriptions: one [[feed]] table per feed. Every field is \
described in config/feeds.toml of the tidings sources.\n\n";

fn to_table(spec: &FeedSpec) -> toml_edit::Table {
    let mut t = toml_edit::Table::new();
    t["url"] = toml_edit::value(spec.url.as_str());
    if let Some(name) = &spec.name {
        t["name"] = toml_edit::value(name.as_str());
    }
    if let Some(section) = &spec.section {
        t["section"] = toml_edit::value(section.as_str());
    }
    if !spec.tags.is_empty() {
        let tags: toml_edit::Array = spec.tags.iter().map(String::as_str).collect();
        t["tags"] = toml_edit::value(tags);
    }
    if spec.full_text {
        t["full_text"] = toml_edit::value(true);
    }
    t
}

fn matches(feed: &FeedSpec, what: &str) -> bool {
    let what = what.trim();
    same_url(&feed.url, what)
        || feed
            .name
            .as_deref()
            .is_some_and(|n| n.trim().to_lowercase() == what.to_lowercase())
}

/// Urls compared after parsing (so `HTTP://Host/x` and `http://host/x` are one feed).
pub fn same_url(a: &str, b: &str) -> bool {
    match (url::Url::parse(a.trim()), url::Url::parse(b.trim())) {
        (Ok(a), Ok(b)) => a == b,
        _ => a.trim() == b.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_file_parses_and_documents_every_field() {
        let text = include_str!("../../config/feeds.toml");
        let file: FileFormat = toml::from_str(text).unwrap();
        assert!(!file.feed.is_empty());
        for field in [
            "url",
            "name",
            "section",
            "tags",
            "full_text",
            "timeout",
            "connect_timeout",
            "max_bytes",
            "concurrency",
            "per_host",
        ] {
            assert!(
                text.contains(&format!("{field} =")),
                "{field} is not documented"
            );
        }
    }

    #[test]
    fn add_and_remove_keep_comments_and_reject_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FEEDS_FILE);
        std::fs::write(&path, "# my feeds\n[fetch]\ntimeout = 9 # short\n").unwrap();
        let mut list = FeedList::load(&path).unwrap();
        assert_eq!(list.settings.timeout, 9);
        let spec = FeedSpec {
            url: "https://example.org/feed".into(),
            name: Some("Example".into()),
            tags: vec!["a".into()],
            ..FeedSpec::default()
        };
        assert_eq!(list.add(std::slice::from_ref(&spec)).unwrap(), 1);
        assert!(matches!(
            list.add(std::slice::from_ref(&spec)),
            Err(ListError::Duplicate { .. })
        ));
        let again = FeedList::load(&path).unwrap();
        assert_eq!(again.feeds, std::slice::from_ref(&spec));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("# my feeds") && text.contains("# short"),
            "{text}"
        );
        assert!(again.find("example").is_some());
        assert!(again.find("HTTPS://EXAMPLE.ORG/feed").is_some());
        let mut again = again;
        assert_eq!(again.remove("Example", &|_| None).unwrap(), spec);
        assert!(FeedList::load(&path).unwrap().feeds.is_empty());
        assert!(matches!(
            again.remove("nope", &|_| None),
            Err(ListError::NotFound { .. })
        ));
    }

    #[test]
    fn bad_files_name_the_file_and_the_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FEEDS_FILE);
        for (text, want) in [
            ("[[feed]]\nurl = \"ftp://x/\"\n", "only http and https"),
            ("[[feed]]\nurl = \"https://x/\"\ncolour = 1\n", "colour"),
            ("[[feed]\n", "line 1"),
            ("[[feed]]\nname = \"no url\"\n", "url"),
        ] {
            std::fs::write(&path, text).unwrap();
            let err = FeedList::load(&path).unwrap_err().to_string();
            assert!(
                err.contains(FEEDS_FILE) && err.contains(want),
                "{text:?}: {err}"
            );
        }
        assert!(
            FeedList::load(&dir.path().join("missing.toml"))
                .unwrap()
                .feeds
                .is_empty()
        );
    }
}
