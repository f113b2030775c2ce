//! `tidings search QUERY`: titles, text, sources, sections, authors, tags, speakers and their
//! quotations across the store, ranked, from the store index.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;

use super::{Env, Globals};
use crate::index::fresh::{self, Freshness};
use crate::index::search::{Found, Hit, search};
use crate::index::sync;
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
    /// Compare every file of the folder with the index before searching (by default the
    /// folders are compared, and the files as far as time allows).
    #[arg(long)]
    pub refresh: bool,
}

/// Time given to comparing the files with the index before a search.
const CHECK_BUDGET: Duration = Duration::from_millis(150);

pub fn run(globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    let env = match Env::load(globals) {
        Ok(env) => env,
        Err(e) => return Ok(e.report()),
    };
    let root = match env.articles(globals) {
        Ok(root) => root,
        Err(e) => return Ok(e.report()),
    };
    let path = crate::index::db_path(&env.dirs.cache, &root);
    let (db, warning) = crate::index::worker::open(&root, Some(&path));
    if let Some(w) = warning {
        eprintln!("warning: {}", clean_line(&w));
    }
    let mut db = db?;
    let stale = catch_up(&mut db, args.refresh)?;
    let query = args.query.join(" ");
    let hits = search(&db, &query, args.limit)?;
    if args.json {
        let json = serde_json::to_string_pretty(&hits).context("writing JSON")?;
        println!("{}", crate::sanitize::escape_json(&json));
    } else {
        print!("{}", human(&hits));
    }
    if let Some(note) = stale {
        eprintln!("note: {note}");
    }
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Bring the index up to date before a query, as cheaply as it can be told: at once when
/// it is current, the changed files only when files were rewritten, the whole folder when
/// files came, went or moved (or with `--refresh`). Returns a note when the results may be
/// stale because not every file could be compared in time.
fn catch_up(db: &mut crate::index::Db, refresh: bool) -> anyhow::Result<Option<String>> {
    let fresh = if refresh {
        Freshness::Behind(None)
    } else {
        fresh::check(db, CHECK_BUDGET)?
    };
    sync::catch_up(db, &fresh)?;
    Ok(match fresh {
        Freshness::Partial { checked, total, .. } => Some(format!(
            "results may be stale: {checked} of {total} files were compared with the index \
             in the time allowed (--refresh compares them all)"
        )),
        _ => None,
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
