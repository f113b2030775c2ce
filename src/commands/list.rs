//! `tidings list`: the store's articles, newest first.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::article::{Problem, resolve_articles_dir};
use crate::paths::Dirs;
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

/// The articles folder for a command: the flag, `TIDINGS_ARTICLES`, the config's `articles`
/// key, `./articles`, the data dir.
pub fn articles_dir(globals: &Globals, dirs: &Dirs) -> PathBuf {
    let configured = config_articles(globals, dirs);
    resolve_articles_dir(globals.articles.as_deref(), configured.as_deref(), dirs)
}

/// Just the `articles` key of the user's config file, relative to the file's folder. A missing
/// or unreadable config is left to the reader, which reports it properly.
// TODO: use the config module once it lands.
fn config_articles(globals: &Globals, dirs: &Dirs) -> Option<PathBuf> {
    let file = globals
        .config
        .clone()
        .or_else(|| std::env::var_os("TIDINGS_CONFIG").map(PathBuf::from))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| dirs.config.join("config.toml"));
    let text = std::fs::read_to_string(&file).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    let value = Path::new(table.get("articles")?.as_str()?);
    Some(
        file.parent()
            .map_or_else(|| value.to_owned(), |d| d.join(value)),
    )
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
    let dirs = Dirs::from_env();
    let root = articles_dir(globals, &dirs);
    anyhow::ensure!(
        root.is_dir(),
        "no articles folder at {} (give one with --articles DIR or TIDINGS_ARTICLES)",
        clean_line(&root.to_string_lossy())
    );
    let (store, _, warning) = crate::index::open_store(&root, &dirs.cache)?;
    if let Some(w) = warning {
        eprintln!("warning: {}", clean_line(&w));
    }
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
