//! How state files name an article: by its path relative to the articles folder, so that read
//! marks and bookmarks survive moving the folder. A path outside the folder is kept whole.
//!
//! Paths are kept exactly, bytes and all: a file name that is not UTF-8 (`caf\xe9.md`) is
//! written as `{ bytes = [...] }` instead of a string, so it is neither dropped nor refused.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `path` made absolute against the working folder (without touching the disk).
fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    }
}

/// `path` without `.` components and with `..` applied lexically.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The key of the article at `path` in the store at `root`: the path relative to `root` when
/// it lies inside, else the absolute path.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    if let Ok(rel) = path.strip_prefix(root)
        && !rel.as_os_str().is_empty()
    {
        return normal(rel);
    }
    let (root, path) = (normal(&absolute(root)), normal(&absolute(path)));
    match path.strip_prefix(&root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_owned(),
        _ => path,
    }
}

/// The path of the article with key `key` in the store at `root` (the inverse of
/// [`relative`]; an absolute key stays as it is).
pub fn resolve(root: &Path, key: &Path) -> PathBuf {
    if key.is_absolute() {
        key.to_owned()
    } else {
        root.join(key)
    }
}

/// A path as it is written in a state file: a string when it is UTF-8, else its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum StoredPath {
    Text(String),
    Bytes { bytes: Vec<u8> },
}

impl StoredPath {
    pub fn of(path: &Path) -> Self {
        match path.to_str() {
            Some(s) => Self::Text(s.to_owned()),
            None => Self::Bytes {
                bytes: path.as_os_str().as_encoded_bytes().to_vec(),
            },
        }
    }

    /// The path, or `None` for bytes that cannot name a file here.
    pub fn to_path(&self) -> Option<PathBuf> {
        match self {
            Self::Text(s) => Some(PathBuf::from(s)),
            Self::Bytes { bytes } => bytes_to_path(bytes),
        }
    }
}

#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)] // `None` off Unix
fn bytes_to_path(bytes: &[u8]) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
}

#[cfg(not(unix))]
fn bytes_to_path(bytes: &[u8]) -> Option<PathBuf> {
    std::str::from_utf8(bytes).ok().map(PathBuf::from)
}

/// `#[serde(with = "crate::state::key::path")]`: a `PathBuf` field kept exactly.
pub mod path {
    use super::{Deserialize, Deserializer, Path, PathBuf, Serialize, Serializer, StoredPath};

    pub fn serialize<S: Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
        StoredPath::of(path).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
        StoredPath::deserialize(d)?
            .to_path()
            .ok_or_else(|| serde::de::Error::custom("a path that cannot name a file here"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_relative_inside_the_store_and_whole_outside() {
        let root = Path::new("/news/articles");
        let p = Path::new("/news/articles/world/a.md");
        assert_eq!(relative(root, p), Path::new("world/a.md"));
        assert_eq!(
            resolve(Path::new("/moved"), &relative(root, p)),
            Path::new("/moved/world/a.md")
        );
        assert_eq!(
            relative(root, Path::new("/elsewhere/b.md")),
            Path::new("/elsewhere/b.md")
        );
        assert_eq!(
            relative(Path::new("articles"), Path::new("articles/./x/y.md")),
            Path::new("x/y.md")
        );
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            relative(Path::new("articles"), &cwd.join("articles/z.md")),
            Path::new("z.md")
        );
        assert_eq!(
            relative(&cwd.join("articles"), Path::new("articles/z.md")),
            Path::new("z.md")
        );
    }

    #[test]
    #[cfg(unix)]
    fn paths_that_are_not_utf8_round_trip() {
        use std::os::unix::ffi::OsStrExt;
        #[derive(Serialize, Deserialize)]
        struct Row {
            #[serde(with = "super::path")]
            path: PathBuf,
        }
        let odd = PathBuf::from(std::ffi::OsStr::from_bytes(b"caf\xe9.md"));
        for p in [odd, PathBuf::from("café/“b”.md")] {
            let text = toml::to_string(&Row { path: p.clone() }).unwrap();
            let back: Row = toml::from_str(&text).unwrap();
            assert_eq!(back.path, p, "{text}");
        }
    }
}
