//! `tidings quotes FILE [--json]`: the quotations of one article, grouped by speaker.
//!
//! FILE is a path, else a path inside the articles folder, or `-` for standard input. People
//! read positions as line:column; the JSON keeps byte offsets into the file as stored.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use super::Globals;
use crate::article::{Article, MAX_ARTICLE_BYTES};
use crate::quotes::{self, Attribution};
use crate::sanitize::{self, clean_line};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The article: a file, a file in the articles folder, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Print the speakers and quotations as one JSON object (offsets in bytes).
    #[arg(long)]
    pub json: bool,
}

/// Analyse the body of the article at `path`; offsets are into the file as stored.
pub fn analyse(path: &Path) -> anyhow::Result<(String, Attribution)> {
    let article =
        crate::article::load(path).map_err(|p| anyhow::anyhow!(super::list::describe(&p)))?;
    Ok(attribute(article))
}

fn attribute(article: Article) -> (String, Attribution) {
    let body = article.body.clone();
    let found = quotes::extract(&article.raw[body.clone()]).shifted(body.start);
    (article.raw, found)
}

/// The article read from standard input (at most the article size limit).
fn from_stdin() -> anyhow::Result<(String, Attribution)> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .context("reading standard input")?;
    let article = crate::article::parse(Path::new("<stdin>"), &bytes)
        .map_err(|p| anyhow::anyhow!(super::list::describe(&p)))?;
    Ok(attribute(article))
}

/// FILE as given when it exists, else inside the articles folder when it is there.
fn resolve(env: &super::Env, globals: &Globals, file: &Path) -> PathBuf {
    if file.exists() || file.is_absolute() {
        return file.to_owned();
    }
    let inside = env.articles_path(globals).join(file);
    if inside.exists() {
        inside
    } else {
        file.to_owned()
    }
}

pub fn run(globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    let env = match super::Env::load(globals) {
        Ok(env) => env,
        Err(e) => return Ok(e.report()),
    };
    let (raw, found) = if args.file.as_os_str() == "-" {
        from_stdin()?
    } else {
        analyse(&resolve(&env, globals, &args.file))?
    };
    if args.json {
        let out = serde_json::to_string_pretty(&found).context("encoding JSON")?;
        println!("{}", sanitize::escape_json(&out));
    } else {
        print!("{}", human(&raw, &found));
    }
    Ok(ExitCode::SUCCESS)
}

/// Line and column (both from 1, the column in chars) of byte offsets in one text.
struct Positions<'a> {
    text: &'a str,
    /// Byte offset of each line's start.
    starts: Vec<usize>,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, starts }
    }

    fn at(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset.min(self.text.len()))
            .map_or(0, |s| s.chars().count());
        (line, column + 1)
    }

    /// `line:col-line:col`, from the first char to the last char of `start..end`.
    fn range(&self, start: usize, end: usize) -> String {
        let (l1, c1) = self.at(start);
        let last = self
            .text
            .get(..end)
            .and_then(|s| s.char_indices().next_back())
            .map_or(start, |(i, _)| i.max(start));
        let (l2, c2) = self.at(last);
        format!("{l1}:{c1}-{l2}:{c2}")
    }
}

/// The quotations grouped by speaker, for people; positions as line:column in `raw`.
pub fn human(raw: &str, found: &Attribution) -> String {
    let positions = Positions::new(raw);
    let mut out = String::new();
    let mut groups: Vec<Option<usize>> = Vec::new();
    for q in &found.quotes {
        if !groups.contains(&q.speaker) {
            groups.push(q.speaker);
        }
    }
    for g in groups {
        match g.and_then(|i| found.speakers.get(i)) {
            Some(s) => {
                let _ = write!(out, "{}", clean_line(&s.name));
                if let Some(role) = &s.role {
                    let _ = write!(out, " ({})", clean_line(role));
                }
                let _ = writeln!(out);
            }
            None => out.push_str("(unattributed)\n"),
        }
        for q in found.quotes.iter().filter(|q| q.speaker == g) {
            let _ = writeln!(
                out,
                "  [{}] {} ({})",
                match q.kind {
                    quotes::QuoteKind::Direct => "direct",
                    quotes::QuoteKind::Indirect => "indirect",
                    quotes::QuoteKind::Mixed => "mixed",
                },
                clean_line(&q.text),
                positions.range(q.start, q.end)
            );
        }
    }
    if found.quotes.is_empty() {
        out.push_str("no quotations found\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Positions;

    #[test]
    fn positions_count_lines_and_chars_from_one() {
        let text = "ab\n“Ça”, é\n\nx";
        let p = Positions::new(text);
        assert_eq!(p.at(0), (1, 1));
        assert_eq!(p.at(3), (2, 1));
        let e = text.find('é').unwrap();
        assert_eq!(p.at(e), (2, 7));
        assert_eq!(p.at(text.len() - 1), (4, 1));
        let q = text.find('“').unwrap();
        let end = text.find(',').unwrap();
        assert_eq!(p.range(q, end), "2:1-2:4");
    }
}
