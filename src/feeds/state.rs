//! What was fetched, kept in `feeds-state.json` in the data dir: per feed its validators (ETag,
//! Last-Modified), last fetch time, status and error, and every item's identity with the file
//! it was saved to. Written atomically under a lock beside the file, like the bookmarks; a file
//! that does not parse is set aside, never trusted or overwritten.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::state::{set_aside, write_atomic};

/// The state file's name in the data dir.
pub const STATE_FILE: &str = "feeds-state.json";
/// Held for a whole fetch, so that two fetches never save the same item twice.
const RUN_LOCK: &str = "feeds-fetch.lock";
const VERSION: u32 = 1;

/// Everything fetched so far, by feed url.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FetchState {
    pub version: u32,
    #[serde(default)]
    pub feeds: BTreeMap<String, FeedState>,
}

/// One feed's record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeedState {
    /// The feed's own title, learned when fetched.
    pub title: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// RFC 3339, UTC.
    pub last_fetch: Option<String>,
    /// `ok`, `not-modified` or `error`.
    pub last_status: Option<String>,
    /// The kind of the last failure (`timeout`, `http-4xx`, `malformed`...).
    pub error_kind: Option<String>,
    pub last_error: Option<String>,
    /// Items in the feed at the last successful fetch.
    pub item_count: usize,
    /// Every item ever saved, by identity (guid, link or hash).
    pub items: BTreeMap<String, ItemState>,
}

/// Where one item went.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemState {
    /// The article file, relative to the articles folder.
    pub file: String,
    /// A hash of the text written, to tell a changed item.
    pub hash: String,
    /// Why the summary was saved when full text was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The last day (`YYYY-MM-DD`, UTC) the item was in its feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<String>,
}

/// How long an item that has left its feed is remembered. While it is remembered, deleting its
/// article keeps it deleted; after, the state forgets it, so the file stays small however long
/// the feed runs. An item that comes back that late and whose article is gone is saved again.
pub const FORGET_AFTER_DAYS: i16 = 90;

impl FeedState {
    /// Mark the items now in the feed (`current`) as seen `today`, and forget the ones that
    /// have not been in it for [`FORGET_AFTER_DAYS`]. An item from a state written before
    /// days were kept counts as seen today.
    pub fn forget_old_items(
        &mut self,
        current: &std::collections::HashSet<String>,
        today: jiff::civil::Date,
    ) {
        let day = today.to_string();
        let cutoff = today
            .checked_sub(jiff::Span::new().days(FORGET_AFTER_DAYS))
            .map_or_else(|_| String::new(), |d| d.to_string());
        for (identity, item) in &mut self.items {
            if item.seen.is_none() || current.contains(identity) {
                item.seen = Some(day.clone());
            }
        }
        // ISO dates compare as strings.
        self.items
            .retain(|_, item| item.seen.as_deref().is_some_and(|d| d >= cutoff.as_str()));
    }
}

/// The state file of one data dir.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateFile {
    path: PathBuf,
}

/// The fetch lock: released when dropped.
#[derive(Debug)]
pub struct RunLock {
    _file: File,
}

impl StateFile {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            path: data_dir.join(STATE_FILE),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Take the fetch lock without waiting: `Ok(None)` when another fetch holds it.
    pub fn try_lock_run(&self) -> io::Result<Option<RunLock>> {
        let file = open_lock(&self.path.with_file_name(RUN_LOCK))?;
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => Ok(Some(RunLock { _file: file })),
            Err(fs4::TryLockError::WouldBlock) => Ok(None),
            Err(fs4::TryLockError::Error(e)) => Err(e),
        }
    }

    /// Read the state. A missing file is an empty state; one that does not parse is set
    /// aside and the warning says where it went.
    pub fn load(&self) -> io::Result<(FetchState, Option<String>)> {
        let _lock = self.lock()?;
        self.read()
    }

    /// Under the lock: read the state as it is on disk, apply `f`, write it atomically.
    pub fn update<T>(
        &self,
        f: impl FnOnce(&mut FetchState) -> T,
    ) -> io::Result<(T, Option<String>)> {
        let _lock = self.lock()?;
        let (mut state, warning) = self.read()?;
        let out = f(&mut state);
        self.write(&state)?;
        Ok((out, warning))
    }

    /// Write the whole state (call with the run lock held, or through [`update`](Self::update)).
    pub fn save(&self, state: &FetchState) -> io::Result<()> {
        let _lock = self.lock()?;
        self.write(state)
    }

    fn write(&self, state: &FetchState) -> io::Result<()> {
        let mut state = state.clone();
        state.version = VERSION;
        let json = serde_json::to_vec(&state).map_err(io::Error::other)?;
        write_atomic(&self.path, &json)
    }

    fn read(&self) -> io::Result<(FetchState, Option<String>)> {
        // Only a regular file is opened: a FIFO would block forever.
        match fs::metadata(&self.path) {
            Ok(m) if !m.is_file() => {
                return Err(io::Error::other(format!(
                    "{} is not a regular file",
                    self.path.display()
                )));
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok((FetchState::default(), None));
            }
            Err(e) => return Err(e),
        }
        let bytes = fs::read(&self.path)?;
        match serde_json::from_slice::<FetchState>(&bytes) {
            Ok(state) if state.version <= VERSION => Ok((state, None)),
            Ok(state) => self.aside(&format!(
                "written by a newer tidings (version {})",
                state.version
            )),
            Err(e) => self.aside(&e.to_string()),
        }
    }

    fn aside(&self, reason: &str) -> io::Result<(FetchState, Option<String>)> {
        let to = set_aside(&self.path)?;
        Ok((
            FetchState::default(),
            Some(format!(
                "{} could not be read ({reason}); it was moved to {} and fetching starts afresh",
                self.path.display(),
                to.display()
            )),
        ))
    }

    fn lock(&self) -> io::Result<File> {
        let mut name = self.path.clone().into_os_string();
        name.push(".lock");
        let file = open_lock(Path::new(&name))?;
        fs4::FileExt::lock(&file)?;
        Ok(file)
    }
}

fn open_lock(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    if fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(io::Error::other(format!(
            "{} is not a regular file",
            path.display()
        )));
    }
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_round_trips_and_a_corrupt_file_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let file = StateFile::new(dir.path());
        let ((), warning) = file
            .update(|s| {
                let feed = s.feeds.entry("http://x/feed".into()).or_default();
                feed.etag = Some("\"1\"".into());
                feed.items.insert(
                    "guid-1".into(),
                    ItemState {
                        file: "s/a.md".into(),
                        hash: "h".into(),
                        note: None,
                        seen: None,
                    },
                );
            })
            .unwrap();
        assert!(warning.is_none());
        let (state, _) = file.load().unwrap();
        assert_eq!(state.feeds["http://x/feed"].items["guid-1"].file, "s/a.md");
        fs::write(file.path(), b"{\"version\": 1, \"feeds\": [").unwrap();
        let (state, warning) = file.load().unwrap();
        assert!(state.feeds.is_empty());
        assert!(warning.unwrap().contains("corrupt-"));
        let aside = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .count();
        assert_eq!(aside, 1);
    }

    #[test]
    fn items_gone_from_the_feed_for_long_are_forgotten() {
        let item = |seen: Option<&str>| ItemState {
            file: "s/a.md".into(),
            hash: "h".into(),
            note: None,
            seen: seen.map(str::to_owned),
        };
        let mut feed = FeedState::default();
        feed.items
            .insert("in-feed".into(), item(Some("2020-01-01")));
        feed.items
            .insert("left-lately".into(), item(Some("2026-10-01")));
        feed.items
            .insert("left-long-ago".into(), item(Some("2026-08-01")));
        feed.items.insert("from-an-old-state".into(), item(None));
        let current = std::collections::HashSet::from(["in-feed".to_owned()]);
        feed.forget_old_items(&current, jiff::civil::date(2026, 12, 2));
        let kept: Vec<(&str, Option<&str>)> = feed
            .items
            .iter()
            .map(|(k, v)| (k.as_str(), v.seen.as_deref()))
            .collect();
        assert_eq!(
            kept,
            [
                ("from-an-old-state", Some("2026-12-02")),
                ("in-feed", Some("2026-12-02")),
                ("left-lately", Some("2026-10-01")),
            ]
        );
    }

    #[test]
    fn a_second_fetch_cannot_take_the_run_lock() {
        let dir = tempfile::tempdir().unwrap();
        let file = StateFile::new(dir.path());
        let held = file.try_lock_run().unwrap();
        assert!(held.is_some());
        assert!(file.try_lock_run().unwrap().is_none());
        drop(held);
        assert!(file.try_lock_run().unwrap().is_some());
    }
}
