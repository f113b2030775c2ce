//! `tidings quotes FILE [--json]`: the quotations of one article, grouped by speaker.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::Globals;
use crate::quotes::{self, Attribution};
use crate::sanitize;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The article file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Print the speakers and quotations as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Analyse the body of the article at `path`; offsets are into the file as stored.
pub fn analyse(path: &std::path::Path) -> anyhow::Result<(String, Attribution)> {
    let article =
        crate::article::load(path).map_err(|p| anyhow::anyhow!(super::list::describe(&p)))?;
    let body = article.body.clone();
    let found = quotes::extract(&article.raw[body.clone()]).shifted(body.start);
    Ok((article.raw, found))
}

pub fn run(globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    let _ = globals;
    let (_, found) = analyse(&args.file)?;
    if args.json {
        let out = serde_json::to_string_pretty(&found).context("encoding JSON")?;
        println!("{}", crate::sanitize::escape_json(&out));
    } else {
        print!("{}", human(&found));
    }
    Ok(ExitCode::SUCCESS)
}

/// The quotations grouped by speaker, for people.
pub fn human(found: &Attribution) -> String {
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
                let _ = write!(out, "{}", sanitize::clean_line(&s.name));
                if let Some(role) = &s.role {
                    let _ = write!(out, " ({})", sanitize::clean_line(role));
                }
                let _ = writeln!(out);
            }
            None => out.push_str("(unattributed)\n"),
        }
        for q in found.quotes.iter().filter(|q| q.speaker == g) {
            let _ = writeln!(
                out,
                "  [{}] {} ({}..{})",
                match q.kind {
                    quotes::QuoteKind::Direct => "direct",
                    quotes::QuoteKind::Indirect => "indirect",
                    quotes::QuoteKind::Mixed => "mixed",
                },
                sanitize::clean_line(&q.text),
                q.start,
                q.end
            );
        }
    }
    if found.quotes.is_empty() {
        out.push_str("no quotations found\n");
    }
    out
}
