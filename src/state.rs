//! State files: written atomically (temp file in the same folder, fsync, rename), and a file
//! that does not parse is set aside, never overwritten.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Write `contents` to `path` atomically: a reader sees the old file or the new one, never a
/// mix, even if the process is killed mid-write.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".tidings-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    remove_stale_temps(dir);
    Ok(())
}

/// A temp file older than this was left by a writer that was killed mid-write.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Remove the temp files of writes that never finished (a process killed mid-write leaves
/// one). Only old ones: a recent one may belong to another process writing right now.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".tidings-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP_AGE);
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Move a state file that does not parse out of the way, to `NAME.corrupt-<unix seconds>`,
/// and return where it went. An existing set-aside file is never replaced.
pub fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = path
        .file_name()
        .map_or_else(|| "state".into(), |n| n.to_string_lossy().into_owned());
    let mut n = 0u32;
    loop {
        let suffix = if n == 0 {
            format!("{name}.corrupt-{secs}")
        } else {
            format!("{name}.corrupt-{secs}-{n}")
        };
        let target = path.with_file_name(suffix);
        if !target.exists() {
            fs::rename(path, &target)?;
            return Ok(target);
        }
        n += 1;
    }
}

/// The file name of the read marks in the data dir.
pub const READ_MARKS_FILE: &str = "read.toml";

/// Which articles have been read, kept in `read.toml` in the data dir as a sorted list of
/// absolute paths. Relative paths are made absolute against the working folder at load time.
#[derive(Debug, Clone, Default)]
pub struct ReadMarks {
    file: PathBuf,
    base: PathBuf,
    read: BTreeSet<PathBuf>,
    /// What this run changed, replayed over the file's current contents on save, so that two
    /// readers running at once do not undo each other's marks.
    changes: HashMap<PathBuf, bool>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadFile {
    #[serde(default)]
    read: Vec<String>,
}

const READ_HEADER: &str =
    "# Articles marked as read by tidings. Safe to edit while tidings is not running.\n";

/// The marks in `file`: `Ok(None)` when it does not exist, `Err(reason)` when it does not parse.
fn read_marks_file(file: &Path) -> io::Result<Result<Option<BTreeSet<PathBuf>>, String>> {
    let bytes = match fs::read(file) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Ok(None)),
        Err(e) => return Err(e),
    };
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|e| e.to_string())
        .and_then(|text| toml::from_str::<ReadFile>(text).map_err(|e| e.to_string()));
    Ok(parsed.map(|f| Some(f.read.into_iter().map(PathBuf::from).collect())))
}

/// Set a file that does not parse aside and say so.
fn set_aside_with_message(file: &Path, reason: &str) -> String {
    let reason = reason.lines().next().unwrap_or("").trim();
    match set_aside(file) {
        Ok(to) => format!(
            "{} did not parse ({reason}); it was moved to {} and a new one will be written",
            file.display(),
            to.display()
        ),
        Err(e) => format!(
            "{} did not parse ({reason}) and could not be moved aside: {e}",
            file.display()
        ),
    }
}

impl ReadMarks {
    /// Load the marks from `data_dir`. A missing file means nothing is read yet; a file that
    /// does not parse is set aside (never overwritten) and the warning says where it went.
    pub fn load(data_dir: &Path) -> (ReadMarks, Option<String>) {
        let file = data_dir.join(READ_MARKS_FILE);
        let base = std::env::current_dir().unwrap_or_default();
        let (read, warning) = match read_marks_file(&file) {
            Ok(Ok(marks)) => (marks.unwrap_or_default(), None),
            Ok(Err(reason)) => (
                BTreeSet::new(),
                Some(set_aside_with_message(&file, &reason)),
            ),
            Err(e) => (
                BTreeSet::new(),
                Some(format!("cannot read {}: {e}", file.display())),
            ),
        };
        let marks = ReadMarks {
            file,
            base,
            read,
            changes: HashMap::new(),
        };
        (marks, warning)
    }

    /// Where the marks are kept.
    pub fn file(&self) -> &Path {
        &self.file
    }

    fn key(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_owned()
        } else {
            self.base.join(path)
        }
    }

    pub fn is_read(&self, path: &Path) -> bool {
        if path.is_absolute() {
            self.read.contains(path)
        } else {
            self.read.contains(&self.base.join(path))
        }
    }

    pub fn set_read(&mut self, path: &Path, read: bool) {
        let key = self.key(path);
        if read {
            self.read.insert(key.clone());
        } else {
            self.read.remove(&key);
        }
        self.changes.insert(key, read);
    }

    /// How many articles are marked read.
    pub fn len(&self) -> usize {
        self.read.len()
    }

    pub fn is_empty(&self) -> bool {
        self.read.is_empty()
    }

    /// Write the marks atomically: the file as it is now on disk, with this run's changes
    /// replayed over it. A file that no longer parses is set aside first, never overwritten.
    /// Paths that are not UTF-8 cannot be kept in TOML and are left out.
    pub fn save(&self) -> io::Result<()> {
        let mut marks = match read_marks_file(&self.file)? {
            Ok(marks) => marks.unwrap_or_default(),
            Err(reason) => {
                set_aside(&self.file).map_err(|e| {
                    io::Error::other(format!(
                        "{} did not parse ({reason}) and could not be moved aside: {e}",
                        self.file.display()
                    ))
                })?;
                BTreeSet::new()
            }
        };
        for (path, &read) in &self.changes {
            if read {
                marks.insert(path.clone());
            } else {
                marks.remove(path);
            }
        }
        let file = ReadFile {
            read: marks
                .iter()
                .filter_map(|p| p.to_str().map(str::to_owned))
                .collect(),
        };
        let body = toml::to_string(&file).map_err(io::Error::other)?;
        write_atomic(&self.file, format!("{READ_HEADER}{body}").as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_contents_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "temp files left behind: {names:?}");
    }

    #[test]
    fn old_temp_files_of_killed_writes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".tidings-abc.tmp");
        let recent = dir.path().join(".tidings-def.tmp");
        let other = dir.path().join("notes.tmp");
        for p in [&old, &recent, &other] {
            fs::write(p, b"partial").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - STALE_TEMP_AGE * 2;
        for p in [&old, &other] {
            fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        write_atomic(&dir.path().join("state.toml"), b"x").unwrap();
        assert!(!old.exists());
        assert!(recent.exists() && other.exists());
    }

    #[test]
    fn set_aside_keeps_the_bytes_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bookmarks.toml");
        fs::write(&path, b"not = [toml").unwrap();
        let first = set_aside(&path).unwrap();
        fs::write(&path, b"again [").unwrap();
        let second = set_aside(&path).unwrap();
        assert_ne!(first, second);
        assert_eq!(fs::read(&first).unwrap(), b"not = [toml");
        assert_eq!(fs::read(&second).unwrap(), b"again [");
        assert!(!path.exists());
    }
}

#[cfg(test)]
mod read_marks_tests {
    use super::*;

    #[test]
    fn marks_survive_a_save_and_load() {
        let dir = tempfile::tempdir().unwrap();
        let (mut marks, warning) = ReadMarks::load(dir.path());
        assert!(warning.is_none());
        assert!(marks.is_empty());
        let a = dir.path().join("a.md");
        let b = dir.path().join("caf\u{e9} \u{201c}b\u{201d}.md");
        marks.set_read(&a, true);
        marks.set_read(&b, true);
        marks.save().unwrap();
        let (mut again, warning) = ReadMarks::load(dir.path());
        assert!(warning.is_none());
        assert!(again.is_read(&a) && again.is_read(&b));
        again.set_read(&a, false);
        again.save().unwrap();
        let (third, _) = ReadMarks::load(dir.path());
        assert!(!third.is_read(&a) && third.is_read(&b));
        let text = fs::read_to_string(dir.path().join(READ_MARKS_FILE)).unwrap();
        assert!(text.starts_with('#'), "{text}");
    }

    #[test]
    fn save_merges_with_marks_written_by_another_run() {
        let dir = tempfile::tempdir().unwrap();
        let (mut one, _) = ReadMarks::load(dir.path());
        let (mut two, _) = ReadMarks::load(dir.path());
        one.set_read(Path::new("/x/one.md"), true);
        one.save().unwrap();
        two.set_read(Path::new("/x/two.md"), true);
        two.set_read(Path::new("/x/one.md"), true);
        two.set_read(Path::new("/x/one.md"), false);
        two.save().unwrap();
        let (both, _) = ReadMarks::load(dir.path());
        assert!(both.is_read(Path::new("/x/two.md")));
        assert!(!both.is_read(Path::new("/x/one.md")));
        assert_eq!(both.len(), 1);
    }

    #[test]
    fn relative_paths_are_taken_from_the_working_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (mut marks, _) = ReadMarks::load(dir.path());
        marks.set_read(Path::new("articles/a.md"), true);
        let abs = std::env::current_dir().unwrap().join("articles/a.md");
        assert!(marks.is_read(&abs));
        assert!(marks.is_read(Path::new("articles/a.md")));
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(READ_MARKS_FILE);
        for bad in [
            &b"read = [\"a\""[..],
            b"\xff\xfe",
            b"read = 5",
            b"other = 1",
        ] {
            fs::write(&file, bad).unwrap();
            let (mut marks, warning) = ReadMarks::load(dir.path());
            let warning = warning.expect("a warning");
            assert!(warning.contains("corrupt-"), "{warning}");
            assert!(marks.is_empty());
            assert!(!file.exists());
            marks.set_read(Path::new("/x/a.md"), true);
            marks.save().unwrap();
        }
        let kept = fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("corrupt")
            })
            .count();
        assert_eq!(kept, 4);
    }

    #[test]
    fn save_sets_aside_a_file_corrupted_after_load() {
        let dir = tempfile::tempdir().unwrap();
        let (mut marks, _) = ReadMarks::load(dir.path());
        fs::write(dir.path().join(READ_MARKS_FILE), b"[[[").unwrap();
        marks.set_read(Path::new("/x/a.md"), true);
        marks.save().unwrap();
        let (again, warning) = ReadMarks::load(dir.path());
        assert!(warning.is_none());
        assert!(again.is_read(Path::new("/x/a.md")));
    }
}
