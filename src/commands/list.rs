//! `tidings list`: the store's articles, newest first.

use std::process::ExitCode;

use crate::article::Problem;
use crate::sanitize::clean_line;
use anyhow::Context;
use serde::Serialize;

use super::Globals;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Print a JSON array instead of one line per article.
    #[arg(long)]
    pub json: bool,
}

/// One article in `--json` output.
#[derive(Debug, Serialize)]
struct Row<'a> {
    path: String,
    section: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    published: Option<&'a str>,
    size: u64,
    quote_count: usize,
    url: Option<String>,
    authors: Vec<String>,
    tags: Vec<String>,
}

/// A problem as one line: `path:line: reason`, cleaned for the terminal.
pub fn describe(problem: &Problem) -> String {
    let line = problem.line.map(|l| format!(":{l}")).unwrap_or_default();
    format!(
        "{}{line}: {}",
        clean_line(&problem.path.to_string_lossy()),
        clean_line(&problem.reason)
    )
}

pub fn run(globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    let (store, _) = match super::open_index(globals)? {
        Ok(opened) => opened,
        Err(code) => return Ok(code),
    };
    for problem in &store.problems {
        eprintln!("warning: skipped {}", describe(problem));
    }
    if args.json {
        use rayon::prelude::*;
        // The url, authors and tags are not list rows: read from each file's front matter.
        let rows: Vec<Row<'_>> = store
            .entries
            .par_iter()
            .map(|e| {
                let meta = crate::article::load(&e.path)
                    .map(|a| a.meta)
                    .unwrap_or_default();
                Row {
                    path: e.path.to_string_lossy().into_owned(),
                    section: &e.section,
                    title: &e.title,
                    source: e.source.as_deref(),
                    published: e.published.as_deref(),
                    size: e.size,
                    quote_count: e.quote_count,
                    url: meta.url,
                    authors: meta.authors,
                    tags: meta.tags,
                }
            })
            .collect();
        let json = serde_json::to_string_pretty(&rows).context("writing JSON")?;
        println!("{}", crate::sanitize::escape_json(&json));
    } else {
        for e in &store.entries {
            let date = e
                .published
                .as_deref()
                .map_or("", |p| p.get(..10).unwrap_or(p));
            let source = e
                .source
                .as_deref()
                .map(|s| format!(" ({})", clean_line(s)))
                .unwrap_or_default();
            let quotes = if e.quote_count == 1 {
                "quote "
            } else {
                "quotes"
            };
            println!(
                "{:<10}  {:>3} {quotes}  {}{source}  {}",
                clean_line(date),
                e.quote_count,
                clean_line(&e.title),
                clean_line(&e.path.to_string_lossy()),
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
