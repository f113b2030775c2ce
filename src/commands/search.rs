//! `tidings search QUERY`: titles, text, sources, sections, authors, tags, speakers and their
//! quotations across the store, ranked, from the store index.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Context;

use super::Globals;
use crate::index::search::{Found, Hit, search};
use crate::sanitize::clean_line;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Words to find (all of them; accents and case do not matter).
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Print JSON: each result with its kind, path, title, passage offsets and snippet.
    #[arg(long)]
    pub json: bool,
    /// Most results of each kind (quotations, articles).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

pub fn run(globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    let (_, db) = match super::open_index(globals)? {
        Ok(opened) => opened,
        Err(code) => return Ok(code),
    };
    let query = args.query.join(" ");
    let hits = search(&db, &query, args.limit)?;
    if args.json {
        let json = serde_json::to_string_pretty(&hits).context("writing JSON")?;
        println!("{}", crate::sanitize::escape_json(&json));
    } else {
        print!("{}", human(&hits));
    }
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Two lines per result: what and where, then the passage.
pub fn human(hits: &[Hit]) -> String {
    if hits.is_empty() {
        return "Nothing found.\n".into();
    }
    let mut out = String::new();
    for h in hits {
        let what = match &h.found {
            Found::Quote { speaker, .. } if speaker.is_empty() => "quote".to_owned(),
            Found::Quote { speaker, .. } => format!("quote by {}", clean_line(speaker)),
            Found::Article => "article".to_owned(),
        };
        let at = h.start.map(|s| format!(" @{s}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "{what}: {}  {}{at}",
            clean_line(&h.title),
            clean_line(&h.path.to_string_lossy())
        );
        if !h.snippet.is_empty() {
            let _ = writeln!(out, "    {}", clean_line(&h.snippet));
        }
    }
    out
}
