//! Saving a new article into the store: a safe file name `SECTION/YYYY-MM-DD-slug.md` that
//! never leaves the articles folder and never replaces another file, TOML front matter, and
//! atomic writes (a reader sees no file or the whole file, never half of one).
//!
//! Used by the feed fetcher and by `tidings add`.

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

/// The longest slug, in bytes (the date and `.md` come on top).
pub const MAX_SLUG_BYTES: usize = 80;
/// The longest section folder name, in bytes, per level.
pub const MAX_SECTION_PART_BYTES: usize = 64;
/// The deepest section (`a/b/c/d`).
pub const MAX_SECTION_DEPTH: usize = 4;

/// A new article as written to disk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewArticle {
    pub title: String,
    /// The publication: a feed's title or a site's name.
    pub source: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    /// `YYYY-MM-DD` or an RFC 3339 date-time.
    pub published: Option<String>,
    pub tags: Vec<String>,
    /// The url of the feed the article came from.
    pub feed: Option<String>,
    /// The feed item's identity.
    pub guid: Option<String>,
    /// Readable text: paragraphs separated by blank lines.
    pub body: String,
}

/// What can go wrong when saving. Every variant names the file or folder.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot encode the front matter of {title:?}: {reason}")]
    Encode { title: String, reason: String },
    #[error("{}: not inside the articles folder {}", path.display(), root.display())]
    Outside { path: PathBuf, root: PathBuf },
}

#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    feed: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    guid: Option<&'a str>,
}

/// One line of metadata: controls and line breaks become spaces, runs of spaces one space.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| c.is_whitespace() || c.is_control() || crate::sanitize::is_unsafe(c))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The file's text: `+++` TOML front matter, a blank line, the body.
pub fn render(article: &NewArticle) -> Result<String, WriteError> {
    let clean = |s: &Option<String>| s.as_deref().map(one_line).filter(|s| !s.is_empty());
    let list = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| one_line(s))
            .filter(|s| !s.is_empty())
            .collect()
    };
    let title = one_line(&article.title);
    let (source, url, published) = (
        clean(&article.source),
        clean(&article.url),
        clean(&article.published).filter(|d| super::is_valid_date(d)),
    );
    let (feed, guid) = (clean(&article.feed), clean(&article.guid));
    let (authors, tags) = (list(&article.authors), list(&article.tags));
    let front = Front {
        title: if title.is_empty() { "Untitled" } else { &title },
        source: source.as_deref(),
        url: url.as_deref(),
        authors: &authors,
        published: published.as_deref(),
        tags: &tags,
        feed: feed.as_deref(),
        guid: guid.as_deref(),
    };
    let toml = toml::to_string(&front).map_err(|e| WriteError::Encode {
        title: title.clone(),
        reason: e.to_string(),
    })?;
    let mut out = String::with_capacity(toml.len() + article.body.len() + 16);
    let _ = write!(out, "+++\n{toml}+++\n\n");
    let body = article.body.trim();
    out.push_str(body);
    out.push('\n');
    Ok(out)
}

/// A file-name slug of `title`: lower case letters and digits of any script, words joined by
/// `-`, at most [`MAX_SLUG_BYTES`] bytes (cut at a char boundary), `untitled` when nothing is left.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in title.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            for l in c.to_lowercase() {
                if out.len() + l.len_utf8() > MAX_SLUG_BYTES {
                    return finish_slug(out);
                }
                out.push(l);
            }
        } else {
            dash = true;
        }
        if out.len() >= MAX_SLUG_BYTES {
            break;
        }
    }
    finish_slug(out)
}

fn finish_slug(mut s: String) -> String {
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() {
        "untitled".to_owned()
    } else {
        s
    }
}

/// Names Windows refuses, even with an extension.
fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit())
}

/// A section as a safe relative folder: each `/`-separated part keeps its letters, digits,
/// spaces and `-_.`, loses the rest, is bounded in length and never `.`, `..`, hidden or a
/// reserved name. Empty parts are dropped; an empty result is the store's top level.
pub fn safe_section(section: &str) -> PathBuf {
    let mut out = PathBuf::new();
    for part in section.split(['/', '\\']).take(MAX_SECTION_DEPTH * 4) {
        let mut clean = String::new();
        for c in one_line(part).chars() {
            let keep = c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.');
            if clean.len() + c.len_utf8() > MAX_SECTION_PART_BYTES {
                break;
            }
            clean.push(if keep { c } else { '-' });
        }
        let clean = clean.trim_matches(|c: char| c == '.' || c == ' ' || c == '-');
        if clean.is_empty() {
            continue;
        }
        let clean = if is_reserved(clean) {
            format!("{clean}_")
        } else {
            clean.to_owned()
        };
        out.push(clean);
        if out.components().count() >= MAX_SECTION_DEPTH {
            break;
        }
    }
    out
}

/// The date part of a file name: the published date's `YYYY-MM-DD`, else `today`.
fn date_part(published: Option<&str>, today: &str) -> String {
    published
        .filter(|d| super::is_valid_date(d))
        .and_then(|d| d.get(..10))
        .filter(|d| d.parse::<jiff::civil::Date>().is_ok())
        .unwrap_or(today)
        .to_owned()
}

/// Today's date in UTC as `YYYY-MM-DD`.
pub fn today() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%d").to_string()
}

/// `YYYY-MM-DD-slug`: the file name without `.md` or a `-2` suffix.
fn stem(article: &NewArticle) -> String {
    format!(
        "{}-{}",
        date_part(article.published.as_deref(), &today()),
        slug(&article.title)
    )
}

/// Where [`save_new`] puts `article` when that name is free.
pub fn first_path(root: &Path, section: &str, article: &NewArticle) -> PathBuf {
    root.join(safe_section(section))
        .join(format!("{}.md", stem(article)))
}

/// Save `article` as a new file under `root/section`, never replacing an existing file: a name
/// already taken gets `-2`, `-3`… Returns the path written.
pub fn save_new(root: &Path, section: &str, article: &NewArticle) -> Result<PathBuf, WriteError> {
    let mut batch = Batch::new(root);
    batch.add_new(section, article)?;
    batch.commit().pop().unwrap_or_else(|| {
        Err(WriteError::Io {
            path: root.to_owned(),
            source: io::Error::other("nothing was written"),
        })
    })
}

/// Many articles written at once: each to a temp file beside its place, then one flush makes
/// them all durable (a `syncfs` on Linux, else one `fsync` each), then each is linked into
/// place (new files never replace anything; rewrites replace their file atomically), then
/// each folder is synced once. A fetch of fifty items costs a few syncs, not a hundred.
pub struct Batch {
    root: PathBuf,
    staged: Vec<Staged>,
}

enum Staged {
    New {
        tmp: tempfile::NamedTempFile,
        dir: PathBuf,
        stem: String,
    },
    Replace {
        tmp: tempfile::NamedTempFile,
        path: PathBuf,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + use<> {
    let path = path.to_owned();
    move |source| WriteError::Io { path, source }
}

fn temp_in(dir: &Path, text: &str) -> Result<tempfile::NamedTempFile, WriteError> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".tidings-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_err(dir))?;
    tmp.write_all(text.as_bytes()).map_err(io_err(tmp.path()))?;
    Ok(tmp)
}

impl Batch {
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_owned(),
            staged: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.staged.len()
    }

    pub fn is_empty(&self) -> bool {
        self.staged.is_empty()
    }

    /// Stage a new article under `root/section` (see [`save_new`]).
    pub fn add_new(&mut self, section: &str, article: &NewArticle) -> Result<(), WriteError> {
        let text = render(article)?;
        let dir = self.root.join(safe_section(section));
        ensure_inside(&self.root, &dir.join("x"))?;
        std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        let tmp = temp_in(&dir, &text)?;
        self.staged.push(Staged::New {
            tmp,
            dir,
            stem: stem(article),
        });
        Ok(())
    }

    /// Stage the new text of the article at `path` (see [`rewrite`]).
    pub fn add_rewrite(&mut self, path: &Path, article: &NewArticle) -> Result<(), WriteError> {
        let text = render(article)?;
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or_else(|| Path::new("."));
        let tmp = temp_in(dir, &text)?;
        self.staged.push(Staged::Replace {
            tmp,
            path: path.to_owned(),
        });
        Ok(())
    }

    /// Write everything staged; one result per article, in the order staged.
    pub fn commit(self) -> Vec<Result<PathBuf, WriteError>> {
        let files: Vec<&std::fs::File> = self
            .staged
            .iter()
            .map(|s| match s {
                Staged::New { tmp, .. } | Staged::Replace { tmp, .. } => tmp.as_file(),
            })
            .collect();
        let flushed = flush(&files);
        let mut dirs = std::collections::BTreeSet::new();
        let out = self
            .staged
            .into_iter()
            .map(|s| {
                flushed.as_ref().map_err(|e| WriteError::Io {
                    path: self.root.clone(),
                    source: io::Error::new(e.kind(), e.to_string()),
                })?;
                let path = match s {
                    Staged::New { tmp, dir, stem } => place_new(&self.root, tmp, &dir, &stem)?,
                    Staged::Replace { tmp, path } => {
                        tmp.persist(&path).map_err(|e| io_err(&path)(e.error))?;
                        path
                    }
                };
                if let Some(dir) = path.parent() {
                    dirs.insert(dir.to_owned());
                }
                Ok(path)
            })
            .collect();
        // Make the new names durable.
        for dir in dirs {
            if let Ok(d) = std::fs::File::open(&dir) {
                let _ = d.sync_all();
            }
        }
        out
    }
}

/// Make the data of `files` durable: one `syncfs` on Linux, else `fsync` each.
fn flush(files: &[&std::fs::File]) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    if let Some(first) = files.first()
        && rustix::fs::syncfs(first).is_ok()
    {
        return Ok(());
    }
    for f in files {
        f.sync_all()?;
    }
    Ok(())
}

/// Link a staged file in as `dir/stem.md`, else `stem-2.md`…, never replacing a file.
fn place_new(
    root: &Path,
    mut tmp: tempfile::NamedTempFile,
    dir: &Path,
    stem: &str,
) -> Result<PathBuf, WriteError> {
    for n in 1..=MAX_SAME_NAME {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let path = dir.join(name);
        ensure_inside(root, &path)?;
        // Link-then-unlink (or rename without replacing): fails if the name exists.
        match tmp.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(io_err(&path)(e.error)),
        }
    }
    Err(WriteError::Io {
        path: dir.join(format!("{stem}.md")),
        source: io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{MAX_SAME_NAME} files of that name already exist"),
        ),
    })
}

/// How many files may share a date and slug (`-2` … `-N`).
const MAX_SAME_NAME: u32 = 10_000;

/// Rewrite an article in place, atomically (a changed feed item).
pub fn rewrite(path: &Path, article: &NewArticle) -> Result<(), WriteError> {
    let text = render(article)?;
    crate::state::write_atomic(path, text.as_bytes()).map_err(|source| WriteError::Io {
        path: path.to_owned(),
        source,
    })
}

/// `path` must be `root` joined with plain names only.
fn ensure_inside(root: &Path, path: &Path) -> Result<(), WriteError> {
    let plain = path
        .strip_prefix(root)
        .is_ok_and(|rel| rel.components().all(|c| matches!(c, Component::Normal(_))));
    if plain {
        Ok(())
    } else {
        Err(WriteError::Outside {
            path: path.to_owned(),
            root: root.to_owned(),
        })
    }
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
