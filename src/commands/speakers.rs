//! `tidings speakers`: everyone quoted across the store, most quoted first.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::Globals;
use crate::index::SpeakerIndex;
use crate::quotes::SpeakerKind;
use crate::sanitize::clean_line;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Print JSON: each source with its quotation count and articles.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct JsonSpeaker<'a> {
    key: &'a str,
    name: &'a str,
    kind: SpeakerKind,
    quotes: usize,
    articles: Vec<JsonArticle>,
}

#[derive(Debug, Serialize)]
struct JsonArticle {
    path: PathBuf,
    title: String,
    quotes: usize,
}

pub fn run(globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    let (_, db) = match super::open_index(globals)? {
        Ok(opened) => opened,
        Err(code) => return Ok(code),
    };
    let index = SpeakerIndex::from_records(&db.records()?);
    let out = if args.json {
        let mut s = crate::sanitize::escape_json(&serde_json::to_string_pretty(&json(&index))?)
            .into_owned();
        s.push('\n');
        s
    } else {
        human(&index)
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn json(index: &SpeakerIndex) -> Vec<JsonSpeaker<'_>> {
    index
        .speakers
        .iter()
        .map(|s| JsonSpeaker {
            key: &s.key,
            name: &s.name,
            kind: s.kind,
            quotes: s.quotes.len(),
            articles: index
                .occurrences(&s.key)
                .into_iter()
                .map(|g| JsonArticle {
                    path: g.path,
                    title: g.title,
                    quotes: g.quotes.len(),
                })
                .collect(),
        })
        .collect()
}

/// One line per source: quotations, articles, kind, name.
pub fn human(index: &SpeakerIndex) -> String {
    if index.speakers.is_empty() {
        return "No quoted speakers found.\n".into();
    }
    let mut out = format!("{:>6}  {:>8}  {:<12}  NAME\n", "QUOTES", "ARTICLES", "KIND");
    for s in &index.speakers {
        let kind = match s.kind {
            SpeakerKind::Person => "person",
            SpeakerKind::Organization => "organization",
            SpeakerKind::Anonymous => "anonymous",
            SpeakerKind::Unknown => "unknown",
        };
        let _ = writeln!(
            out,
            "{:>6}  {:>8}  {kind:<12}  {}",
            s.quotes.len(),
            s.article_count(),
            clean_line(&s.name)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{ArticleRecord, SpeakerIndex};
    use crate::quotes::{Attribution, Quote, QuoteKind, Speaker};

    #[test]
    fn human_table_counts_quotes_and_articles() {
        let attribution = Attribution {
            speakers: vec![Speaker {
                name: "Rui\u{1b}[2J Alves".into(),
                kind: SpeakerKind::Person,
                role: None,
                aliases: vec![],
            }],
            quotes: (0..2)
                .map(|i| Quote {
                    speaker: Some(0),
                    kind: QuoteKind::Direct,
                    text: "x".into(),
                    start: i,
                    end: i + 1,
                    cue: "said".into(),
                    mention: None,
                })
                .collect(),
            captions: vec![],
        };
        let r = ArticleRecord::from_attribution(std::path::Path::new("a.md"), "A", &attribution);
        let out = human(&SpeakerIndex::from_records([&r]));
        assert_eq!(
            out.lines().nth(1),
            Some("     2         1  person        Rui␛[2J Alves")
        );
    }
}
