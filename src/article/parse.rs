//! Reading one article file: size limit, binary and UTF-8 checks, the optional TOML front
//! matter between `+++` lines, the title rule and the paragraphs.
//!
//! Every range points into the file's text as stored: a BOM and CRLF line ends are kept, so a
//! byte offset found in the body is a byte offset in the file.

use std::io::Read;
use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::{Article, MAX_ARTICLE_BYTES, Meta, Problem};

/// A first line longer than this (in chars) is never taken as the title.
pub const MAX_TITLE_CHARS: usize = 120;

const BOM: &str = "\u{feff}";

fn problem(path: &Path, line: Option<usize>, reason: impl Into<String>) -> Problem {
    Problem {
        path: path.to_owned(),
        line,
        reason: reason.into(),
    }
}

/// At most this many warnings are kept per file; one more line says how many were left out.
pub const MAX_WARNINGS: usize = 20;

/// 1-based line number of byte `offset` in `bytes`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    bytes[..end].split(|&b| b == b'\n').count()
}

/// Line numbers of many offsets in one text: the line ends found once, then a binary search
/// per offset, so a front matter of many keys costs no rescans from the start.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> Self {
        Self(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// 1-based line number of byte `offset` (as [`line_of`]).
    fn line(&self, offset: usize) -> usize {
        1 + self.0.partition_point(|&nl| nl < offset)
    }
}

/// Read and parse one file: the size limit is checked from the metadata before reading.
pub fn load(path: &Path) -> Result<Article, Problem> {
    let io_problem = |e: std::io::Error| problem(path, None, format!("cannot read: {e}"));
    // Stat before opening: opening a named pipe would wait for a writer forever.
    let meta = std::fs::metadata(path).map_err(io_problem)?;
    if !meta.is_file() {
        return Err(problem(path, None, "not a regular file"));
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(too_large(path, meta.len()));
    }
    let file = std::fs::File::open(path).map_err(io_problem)?;
    // The file may grow between the stat and the read: never read past the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_problem)?;
    parse(path, &bytes)
}

fn too_large(path: &Path, size: u64) -> Problem {
    problem(
        path,
        None,
        format!("file too large ({size} bytes; the limit is {MAX_ARTICLE_BYTES})"),
    )
}

/// Parse an article from its bytes. `path` names the file in problems and gives the fallback
/// title.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Article, Problem> {
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(problem(
            path,
            Some(line_of(bytes, at)),
            "binary file (contains NUL bytes)",
        ));
    }
    let raw = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.valid_up_to();
            return Err(problem(
                path,
                Some(line_of(bytes, at)),
                format!("not valid UTF-8 (bad byte at offset {at})"),
            ));
        }
    };
    let start = if raw.starts_with(BOM) { BOM.len() } else { 0 };
    if raw[start..].trim().is_empty() {
        return Err(problem(path, None, "empty file"));
    }

    let mut warnings = Vec::new();
    let (mut meta, body_start) = match front_matter(raw, start) {
        FrontMatter::None => (Meta::default(), start),
        FrontMatter::Unterminated => {
            return Err(problem(
                path,
                Some(line_of(bytes, start)),
                "front matter opened with +++ is never closed",
            ));
        }
        FrontMatter::Found { toml, end } => {
            let first_line = line_of(bytes, toml.start);
            let meta = parse_meta(&raw[toml], first_line, &mut warnings)
                .map_err(|(line, reason)| problem(path, Some(line), reason))?;
            (meta, end)
        }
    };
    let body = body_start..raw.len();
    let mut paragraphs = paragraphs(raw, body.clone());
    if meta.title.is_empty() {
        if let Some(title) = first_line_title(raw, &paragraphs) {
            meta.title = title;
            paragraphs.remove(0);
        } else {
            meta.title = title_from_file_name(path);
        }
    }
    Ok(Article {
        path: path.to_owned(),
        raw: raw.to_owned(),
        meta,
        body,
        paragraphs,
        warnings,
    })
}

enum FrontMatter {
    None,
    Unterminated,
    /// `toml` is the range between the fences, `end` the first byte after the closing fence's line.
    Found {
        toml: Range<usize>,
        end: usize,
    },
}

/// Lines of `s[from..]` as (start, end without the line end, end with it).
fn lines(s: &str, from: usize) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut at = from;
    s[from..].split_inclusive('\n').map(move |line| {
        let start = at;
        at += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        (start, start + content.len(), at)
    })
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

fn front_matter(raw: &str, start: usize) -> FrontMatter {
    let mut it = lines(raw, start);
    match it.next() {
        Some((s, e, after)) if is_fence(&raw[s..e]) => {
            for (ls, le, lafter) in it {
                if is_fence(&raw[ls..le]) {
                    return FrontMatter::Found {
                        toml: after..ls,
                        end: lafter,
                    };
                }
            }
            FrontMatter::Unterminated
        }
        _ => FrontMatter::None,
    }
}

/// Parse the front matter's TOML. Errors are (line in the file, reason); `first_line` is the
/// file line of the TOML's first line.
fn parse_meta(
    toml: &str,
    first_line: usize,
    warnings: &mut Vec<String>,
) -> Result<Meta, (usize, String)> {
    let index = LineIndex::new(toml);
    let file_line = |offset: usize| first_line + index.line(offset) - 1;
    let mut unknown = 0usize;
    let table = DeTable::parse(toml).map_err(|e| {
        let line = e.span().map_or(first_line, |s| file_line(s.start));
        (
            line,
            format!("invalid front matter: {}", e.message().trim_end()),
        )
    })?;
    let mut meta = Meta::default();
    for (key, value) in table.get_ref() {
        let name: &str = key.get_ref();
        let line = file_line(key.span().start);
        let wrong = |want: &str| {
            (
                line,
                format!(
                    "front matter: `{name}` must be {want}, found {}",
                    type_name(value.get_ref())
                ),
            )
        };
        match name {
            "title" | "source" | "url" => {
                let DeValue::String(s) = value.get_ref() else {
                    return Err(wrong("a string"));
                };
                let s = s.trim().to_owned();
                match name {
                    "title" => meta.title = s,
                    "source" => meta.source = Some(s).filter(|s| !s.is_empty()),
                    _ => meta.url = Some(s).filter(|s| !s.is_empty()),
                }
            }
            "authors" | "tags" => {
                let list =
                    string_list(value.get_ref()).ok_or_else(|| wrong("a list of strings"))?;
                if name == "authors" {
                    meta.authors = list;
                } else {
                    meta.tags = list;
                }
            }
            "published" => {
                let text = match value.get_ref() {
                    DeValue::Datetime(d) => d.to_string(),
                    DeValue::String(s) => s.trim().to_owned(),
                    _ => return Err(wrong("a date (YYYY-MM-DD) or an RFC 3339 date-time")),
                };
                if !is_valid_date(&text) {
                    return Err((
                        line,
                        format!(
                            "front matter: `published` = {text:?} is not a date (YYYY-MM-DD) or an RFC 3339 date-time"
                        ),
                    ));
                }
                meta.published = Some(text);
            }
            // Where a fetched article came from: kept in the file for the fetcher and the index.
            "feed" | "guid" => {
                let DeValue::String(s) = value.get_ref() else {
                    return Err(wrong("a string"));
                };
                if name == "guid" {
                    meta.guid = Some(s.trim().to_owned()).filter(|s| !s.is_empty());
                }
            }
            _ => {
                unknown += 1;
                if warnings.len() < MAX_WARNINGS {
                    warnings.push(format!(
                        "line {line}: unknown front matter key `{name}` (ignored)"
                    ));
                }
            }
        }
    }
    let left_out = unknown.saturating_sub(MAX_WARNINGS);
    if left_out > 0 {
        warnings.push(format!(
            "{left_out} more unknown front matter keys (ignored, not listed)"
        ));
    }
    Ok(meta)
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn string_list(v: &DeValue<'_>) -> Option<Vec<String>> {
    let DeValue::Array(items) = v else {
        return None;
    };
    items
        .iter()
        .map(|item| match item.get_ref() {
            DeValue::String(s) => Some(s.trim().to_owned()),
            _ => None,
        })
        .collect()
}

/// `YYYY-MM-DD`, an RFC 3339 timestamp, or a TOML local date-time (kept as written).
pub fn is_valid_date(s: &str) -> bool {
    s.parse::<jiff::civil::Date>().is_ok() && s.len() == 10 && s.as_bytes().get(4) == Some(&b'-')
        || s.parse::<jiff::Timestamp>().is_ok()
        || s.parse::<jiff::civil::DateTime>().is_ok()
        || offset_date_time(s).is_some()
}

/// A date-time with an offset, as its civil date-time and the offset. Unlike
/// `jiff::Timestamp`, this takes the whole RFC 3339 range: `9999-12-31T23:59:59Z` is a valid
/// timestamp past the last instant jiff can represent.
pub fn offset_date_time(s: &str) -> Option<(jiff::civil::DateTime, jiff::tz::Offset)> {
    use jiff::fmt::temporal::{Pieces, PiecesOffset};
    let pieces = Pieces::parse(s).ok()?;
    let time = pieces.time()?;
    let offset = match pieces.offset()? {
        PiecesOffset::Zulu => jiff::tz::Offset::UTC,
        PiecesOffset::Numeric(n) => n.offset(),
        _ => return None,
    };
    pieces
        .time_zone_annotation()
        .is_none()
        .then(|| (pieces.date().to_datetime(time), offset))
}

/// Blank-line separated paragraphs of `raw[body]`, each trimmed of surrounding whitespace.
fn paragraphs(raw: &str, body: Range<usize>) -> Vec<Range<usize>> {
    let text = &raw[..body.end];
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for (s, e, _) in lines(text, body.start) {
        let line = &raw[s..e];
        let trimmed_start = line.trim_start();
        if trimmed_start.is_empty() {
            out.extend(current.take());
            continue;
        }
        let content_end = s + line.trim_end().len();
        match &mut current {
            Some(p) => p.end = content_end,
            None => current = Some(s + (line.len() - trimmed_start.len())..content_end),
        }
    }
    out.extend(current);
    out
}

/// The first line of the body as a title: short and alone in its paragraph, with more text
/// after the blank line that follows it. A Markdown heading's `#` marks are dropped.
fn first_line_title(raw: &str, paragraphs: &[Range<usize>]) -> Option<String> {
    let [first, _, ..] = paragraphs else {
        return None;
    };
    let line = &raw[first.clone()];
    if line.contains('\n') {
        return None;
    }
    let title = line.trim_start_matches('#').trim();
    (!title.is_empty() && title.chars().count() <= MAX_TITLE_CHARS).then(|| title.to_owned())
}

/// "ruiz-budget-cuts.md" -> "Ruiz budget cuts".
pub fn title_from_file_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words: Vec<&str> = stem
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_owned(),
    }
}
