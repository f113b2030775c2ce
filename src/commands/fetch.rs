//! `tidings fetch [NAME...]`: fetch the feeds into the store, concurrently, with progress on
//! stderr and a summary; exit 1 when any feed failed (the others are still saved).

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use super::Globals;
use crate::feeds::state::StateFile;
use crate::feeds::{self, Event, FeedList, FeedReport, FeedSpec, Options, Summary, feeds_file};
use crate::sanitize::clean_line;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Only these feeds (names or urls); all when none is given.
    pub names: Vec<String>,
    /// The subscriptions file (else TIDINGS_FEEDS, then feeds.toml in the config dir).
    #[arg(long, value_name = "FILE")]
    pub feeds: Option<PathBuf>,
    /// Plain progress lines even on a terminal.
    #[arg(long)]
    pub plain: bool,
}

pub fn run(globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    let env = match super::Env::load(globals) {
        Ok(env) => env,
        Err(e) => return Ok(e.report()),
    };
    // Fetching makes the folder of articles when it does not exist yet.
    let articles = env.articles_path(globals);
    let dirs = env.dirs;
    let path = args.feeds.clone().unwrap_or_else(|| feeds_file(&dirs));
    let list = FeedList::load(&path)?;
    let chosen = choose(&list, &StateFile::new(&dirs.data), &args.names)?;
    if chosen.is_empty() {
        eprintln!(
            "no feeds in {}; add one with `tidings feed add URL`",
            clean_line(&path.to_string_lossy())
        );
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::create_dir_all(&articles).with_context(|| {
        format!(
            "cannot create the articles folder {}",
            clean_line(&articles.to_string_lossy())
        )
    })?;
    let opts = Options {
        articles,
        data_dir: dirs.data.clone(),
        settings: list.settings.clone(),
    };
    let summary = if std::io::stderr().is_terminal() && !args.plain {
        with_bar(&chosen, &opts)?
    } else {
        feeds::fetch(&chosen, &opts, &mut |e| {
            if let Event::Finished { report, .. } = e {
                eprintln!("{}", report_line(report));
            }
        })?
    };
    print_summary(&summary);
    Ok(if summary.failed().next().is_some() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The named feeds in the file's order, or all of them; an unknown name is an error.
/// A feed given no name is known by the title it had when fetched, as `feed list` shows it.
fn choose(list: &FeedList, state: &StateFile, names: &[String]) -> anyhow::Result<Vec<FeedSpec>> {
    if names.is_empty() {
        return Ok(list.feeds.clone());
    }
    let (fetched, _) = state.load().unwrap_or_default();
    let title = |f: &FeedSpec| fetched.feeds.get(&f.url).and_then(|s| s.title.clone());
    let mut out: Vec<FeedSpec> = Vec::new();
    for name in names {
        let Some(spec) = list.find_titled(name, &title) else {
            bail!(
                "no feed named or at {:?} in {}",
                clean_line(name),
                clean_line(&list.path.to_string_lossy())
            );
        };
        if !out.contains(spec) {
            out.push(spec.clone());
        }
    }
    Ok(out)
}

fn with_bar(chosen: &[FeedSpec], opts: &Options) -> anyhow::Result<Summary> {
    let bar = indicatif::ProgressBar::new(chosen.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} feeds {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let summary = feeds::fetch(chosen, opts, &mut |e| match e {
        Event::Started { name, .. } => bar.set_message(clean_line(name).into_owned()),
        Event::Finished { report, done, .. } => {
            if report.failure.is_some() {
                bar.println(report_line(report));
            }
            bar.set_position(*done as u64);
        }
    });
    bar.finish_and_clear();
    Ok(summary?)
}

/// One finished feed as a line: `ok` or `failed`, its name, counts or reason.
fn report_line(r: &FeedReport) -> String {
    let name = clean_line(&r.name);
    match &r.failure {
        Some(f) => format!("failed  {name}: {}", clean_line(&f.message)),
        None if r.not_modified => format!("ok      {name}: not modified"),
        None => format!(
            "ok      {name}: {} new, {} updated, {} unchanged",
            r.counts.new, r.counts.updated, r.counts.unchanged
        ),
    }
}

fn print_summary(summary: &Summary) {
    for w in &summary.warnings {
        eprintln!("warning: {}", clean_line(w));
    }
    let t = summary.totals();
    let failed: Vec<&FeedReport> = summary.failed().collect();
    println!(
        "{} new, {} updated, {} unchanged from {}; {} failed",
        t.new,
        t.updated,
        t.unchanged,
        super::count(summary.reports.len(), "feed", "feeds"),
        failed.len()
    );
    if t.summary_only > 0 {
        println!(
            "{} articles saved as the feed's summary instead of the page's text:",
            t.summary_only
        );
        for r in &summary.reports {
            for note in &r.notes {
                println!("  {}: {}", clean_line(&r.name), clean_line(note));
            }
        }
    }
    for r in failed {
        if let Some(f) = &r.failure {
            println!(
                "  {} ({}): {}",
                clean_line(&r.name),
                clean_line(&r.url),
                clean_line(&f.message)
            );
        }
    }
}
