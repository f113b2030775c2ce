//! `tidings bookmarks`: the saved passages, newest first, as a list, JSON or Markdown.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use serde::Serialize;

use super::Globals;
use crate::bookmarks::{Anchor, Bookmark, BookmarkFile, anchor, newest_first};
use crate::sanitize::{clean, clean_line};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Print JSON: every bookmark with where its passage is in the article now.
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,
    /// Print a quotable Markdown export.
    #[arg(long)]
    pub markdown: bool,
}

/// Where a bookmark's passage is in the article file as it is now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnchorStatus {
    /// "exact", "moved", "fuzzy", "orphaned", or "missing" when the article cannot be read.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// The similarity of a fuzzy match (0..=1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

impl AnchorStatus {
    fn of(found: Option<&Anchor>) -> Self {
        let range = found.and_then(Anchor::range);
        Self {
            status: found.map_or("missing", Anchor::status),
            start: range.as_ref().map(|r| r.start),
            end: range.map(|r| r.end),
            score: match found {
                Some(Anchor::Fuzzy(_, s)) => Some((s * 1000.0).round() / 1000.0),
                _ => None,
            },
        }
    }
}

#[derive(Serialize)]
struct JsonBookmark<'a> {
    #[serde(flatten)]
    bookmark: &'a Bookmark,
    anchor: AnchorStatus,
}

pub fn run(globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    let env = match super::Env::load(globals) {
        Ok(env) => env,
        Err(e) => return Ok(e.report()),
    };
    // Bookmarks are kept relative to the store; reading them needs no folder of articles.
    let root = env.articles_path(globals);
    let dirs = env.dirs;
    let file = BookmarkFile::new(&dirs.data).relative_to(&root);
    let loaded = file.load().context("reading the bookmarks")?;
    if let Some(warning) = &loaded.warning {
        eprintln!("tidings: warning: {}", clean_line(warning));
    }
    let mut list = loaded.bookmarks;
    newest_first(&mut list);
    let out = if args.json {
        let items: Vec<JsonBookmark> = list
            .iter()
            .map(|b| JsonBookmark {
                bookmark: b,
                anchor: AnchorStatus::of(locate(b).as_ref()),
            })
            .collect();
        let mut s =
            crate::sanitize::escape_json(&serde_json::to_string_pretty(&items)?).into_owned();
        s.push('\n');
        s
    } else if args.markdown {
        let cites: Vec<Cite> = list.iter().map(|b| cite(b, &root)).collect();
        markdown(&list, &cites)
    } else {
        human(&list)
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// Re-anchor a bookmark in its article file as it is now (offsets into `Article::raw`);
/// `None` when the file cannot be read as an article.
pub fn locate(b: &Bookmark) -> Option<Anchor> {
    let article = crate::article::load(&b.path).ok()?;
    Some(anchor(b, &article.raw))
}

/// The human list: date and title, the passage's start, the note, the path.
pub fn human(list: &[Bookmark]) -> String {
    if list.is_empty() {
        return "No bookmarks yet.\n".into();
    }
    let mut out = String::new();
    for b in list {
        let date = b.created.get(..10).unwrap_or(&b.created);
        let _ = writeln!(out, "{}  {}", clean_line(date), clean_line(&b.title));
        let _ = writeln!(out, "    “{}”", clean_line(&excerpt(&b.passage, 100)));
        if !b.note.is_empty() {
            let _ = writeln!(out, "    note: {}", clean_line(&b.note));
        }
        if locate(b).is_none_or(|a| a == Anchor::Orphaned) {
            let _ = writeln!(out, "    (passage not found in the article now)");
        }
        let _ = writeln!(out, "    {}", clean_line(&b.path.display().to_string()));
    }
    out
}

/// Where a bookmarked passage comes from, as the Markdown export cites it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cite {
    /// The article's title as the bookmark keeps it (else as the article has it now).
    pub title: String,
    pub url: Option<String>,
    /// Who said the passage, when it is (part of) a quotation: the name, with the role.
    pub speaker: Option<String>,
    /// The article's path relative to the articles folder (whole when outside it).
    pub place: PathBuf,
}

/// The citation of `b`: the article read as it is now (title, url), and the speaker of the
/// quotation the passage is part of.
pub fn cite(b: &Bookmark, root: &Path) -> Cite {
    let mut cite = Cite {
        title: b.title.clone(),
        place: crate::state::key::relative(root, &b.path),
        ..Cite::default()
    };
    let Ok(article) = crate::article::load(&b.path) else {
        return cite;
    };
    if cite.title.trim().is_empty() {
        cite.title.clone_from(&article.meta.title);
    }
    cite.url.clone_from(&article.meta.url);
    if let Some(at) = anchor(b, &article.raw).range() {
        let body = article.body.clone();
        let found = crate::quotes::extract(&article.raw[body.clone()]).shifted(body.start);
        cite.speaker = found
            .quotes
            .iter()
            .filter(|q| q.start < at.end && at.start < q.end)
            .find_map(|q| q.speaker.and_then(|i| found.speakers.get(i)))
            .map(|s| match &s.role {
                Some(role) => format!("{}, {role}", s.name),
                None => s.name.clone(),
            });
    }
    cite
}

/// The Markdown export: the passage as a block quote, the note, then who said it, the
/// article's title and its url (else its path in the articles folder).
pub fn markdown(list: &[Bookmark], cites: &[Cite]) -> String {
    let mut out = String::new();
    for (i, (b, cite)) in list.iter().zip(cites).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for line in clean(&b.passage).lines() {
            let line = line.trim_end();
            if line.is_empty() {
                out.push_str(">\n");
            } else {
                let _ = writeln!(out, "> {line}");
            }
        }
        out.push('\n');
        if !b.note.trim().is_empty() {
            let _ = writeln!(out, "{}\n", clean(b.note.trim()));
        }
        let mut by = String::from("— ");
        if let Some(speaker) = &cite.speaker {
            let _ = write!(by, "{}, ", clean_line(speaker));
        }
        let _ = write!(by, "*{}*, ", clean_line(&cite.title));
        match cite.url.as_deref().map(clean_line) {
            Some(url) if !url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>') => {
                let _ = write!(by, "<{url}>");
            }
            Some(url) => by.push_str(&code_span(Path::new(url.as_ref()))),
            None => by.push_str(&code_span(&cite.place)),
        }
        let _ = writeln!(out, "{by}");
    }
    out
}

/// `path` as a Markdown code span, fenced with more backticks than it contains.
fn code_span(path: &Path) -> String {
    let p = clean_line(&path.display().to_string()).into_owned();
    let longest = p
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{p}{fence}")
    } else {
        format!("{fence} {p} {fence}")
    }
}

/// At most `chars` chars of `s`, with "…" when cut.
fn excerpt(s: &str, chars: usize) -> String {
    match s.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(passage: &str, note: &str) -> Bookmark {
        let text = format!("Before. {passage} After.");
        Bookmark::from_selection(
            "/nowhere/x.md",
            "The `odd` title",
            &text,
            8..8 + passage.len(),
            note,
            "2026-04-05T06:07:08Z".parse().unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn markdown_quotes_every_line_then_note_then_source() {
        let b = mark("First line.\n\nSecond\u{1b}[31m line.", "Worth\nkeeping.");
        let here = Cite {
            title: b.title.clone(),
            place: "world/x.md".into(),
            ..Cite::default()
        };
        let md = markdown(std::slice::from_ref(&b), std::slice::from_ref(&here));
        assert_eq!(
            md,
            "> First line.\n>\n> Second␛[31m line.\n\nWorth\nkeeping.\n\n— *The `odd` title*, `world/x.md`\n"
        );
        let quoted = Cite {
            speaker: Some("Ana Ruiz, Finance Minister".into()),
            url: Some("https://example.org/a\u{1b}]0;x".into()),
            ..here
        };
        let md = markdown(&[b], &[quoted]);
        assert!(
            md.ends_with(
                "— Ana Ruiz, Finance Minister, *The `odd` title*, <https://example.org/a␛]0;x>\n"
            ),
            "{md}"
        );
    }

    #[test]
    fn code_spans_outfence_backticks() {
        assert_eq!(code_span(Path::new("a`b")), "`` a`b ``");
    }

    #[test]
    fn human_list_flags_a_missing_article() {
        let out = human(&[mark("Some words here.", "")]);
        assert!(out.starts_with("2026-04-05  The `odd` title\n"), "{out}");
        assert!(out.contains("not found"), "{out}");
        assert_eq!(human(&[]), "No bookmarks yet.\n");
    }
}
