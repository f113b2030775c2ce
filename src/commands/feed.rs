//! `tidings feed add|list|remove|import|export`: the subscriptions in `feeds.toml`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use serde::Serialize;

use super::Globals;
use crate::feeds::fetch::{display_name, parse_response};
use crate::feeds::state::StateFile;
use crate::feeds::{FeedList, FeedSpec, discover, feeds_file, opml};
use crate::net::{Client, Conditional, parse_url};
use crate::sanitize::{clean_line, escape_json};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The subscriptions file (else TIDINGS_FEEDS, then feeds.toml in the config dir).
    #[arg(long, global = true, value_name = "FILE")]
    pub feeds: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Subscribe to a feed (or to the feed a web page announces).
    Add {
        /// The feed's url, or a page that links to it (http or https).
        url: String,
        /// The name shown in lists and saved as the articles' source.
        #[arg(long)]
        name: Option<String>,
        /// The folder its articles go to (default: the name or the feed's title).
        #[arg(long)]
        section: Option<String>,
        /// Save the linked page's article text instead of the feed's summary.
        #[arg(long)]
        full_text: bool,
    },
    /// List the subscriptions with their last fetch, status and item count.
    List {
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe (the articles already saved stay).
    Remove {
        /// The feed's name or url.
        feed: String,
    },
    /// Subscribe to the feeds of an OPML file (`newsboat -e > feeds.opml`).
    Import {
        /// The OPML file; outline folders become sections.
        file: PathBuf,
    },
    /// Print the subscriptions as OPML 2.0 (for `newsboat -i`).
    Export,
}

pub fn run(globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    let dirs = match super::Env::load(globals) {
        Ok(env) => env.dirs,
        Err(e) => return Ok(e.report()),
    };
    let path = args.feeds.clone().unwrap_or_else(|| feeds_file(&dirs));
    let mut list = FeedList::load(&path)?;
    let state = StateFile::new(&dirs.data);
    match &args.command {
        Command::Add {
            url,
            name,
            section,
            full_text,
        } => {
            let spec = FeedSpec {
                url: url.clone(),
                name: name.clone(),
                section: section.clone(),
                tags: Vec::new(),
                full_text: *full_text,
            };
            add(&mut list, &state, spec)
        }
        Command::List { json } => {
            print_list(&list, &state, *json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Remove { feed } => {
            let (fetched, _) = state.load().unwrap_or_default();
            let title = |f: &FeedSpec| fetched.feeds.get(&f.url).and_then(|s| s.title.clone());
            let removed = list.remove(feed, &title)?;
            println!(
                "removed {} ({}); its articles stay in the store",
                clean_line(removed.name.as_deref().unwrap_or(&removed.url)),
                clean_line(&removed.url)
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { file } => import(&mut list, file),
        Command::Export => {
            let (fetched, _) = state.load().unwrap_or_default();
            let titles = |f: &FeedSpec| fetched.feeds.get(&f.url).and_then(|s| s.title.clone());
            print!("{}", opml::export(&list.feeds, &titles));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn add(list: &mut FeedList, state: &StateFile, mut spec: FeedSpec) -> anyhow::Result<ExitCode> {
    parse_url(&spec.url)?;
    if let Some(known) = list.find(&spec.url) {
        bail!("already subscribed to {}", clean_line(&known.url));
    }
    let client = Client::new(list.settings.net_config());
    let shown = clean_line(&spec.url).into_owned();
    let response = client
        .get(&spec.url, &Conditional::none())
        .with_context(|| format!("cannot fetch {shown}"))?;
    let parsed = match parse_response(&response, &spec) {
        Ok(parsed) => parsed,
        Err(failure)
            if failure.kind == "not-a-feed" || is_html(response.content_type.as_deref()) =>
        {
            // A web page: follow the feed it announces.
            let page = String::from_utf8_lossy(&response.body);
            let found = discover::feeds_in(&page, &response.url);
            let Some(first) = found.first() else {
                bail!(
                    "{shown}: {}, and the page announces no feed",
                    failure.message
                );
            };
            eprintln!("found the feed {} on that page", clean_line(&first.url));
            spec.url.clone_from(&first.url);
            if list.find(&spec.url).is_some() {
                bail!("already subscribed to {}", clean_line(&spec.url));
            }
            let feed = client
                .get(&spec.url, &Conditional::none())
                .with_context(|| format!("cannot fetch {}", clean_line(&spec.url)))?;
            parse_response(&feed, &spec)
                .map_err(|f| anyhow::anyhow!("{}: {}", clean_line(&spec.url), f.message))?
        }
        Err(failure) => bail!("{shown}: {}", failure.message),
    };
    list.add(std::slice::from_ref(&spec))?;
    let title = parsed.title.clone();
    state
        .update(|s| {
            s.feeds
                .entry(spec.url.clone())
                .or_default()
                .title
                .clone_from(&title);
        })
        .with_context(|| format!("cannot record the feed in {}", state.path().display()))?;
    println!(
        "subscribed to {} ({}, {} items); `tidings fetch` saves them",
        clean_line(
            spec.name
                .as_deref()
                .or(title.as_deref())
                .unwrap_or(&spec.url)
        ),
        clean_line(&spec.url),
        parsed.items.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn is_html(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|t| t.to_ascii_lowercase().contains("html"))
}

fn import(list: &mut FeedList, file: &PathBuf) -> anyhow::Result<ExitCode> {
    let shown = clean_line(&file.to_string_lossy()).into_owned();
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {shown}"))?;
    let specs = opml::import(&bytes).with_context(|| shown.clone())?;
    let mut good = Vec::new();
    for spec in specs {
        match parse_url(&spec.url) {
            Ok(_) => good.push(spec),
            Err(e) => eprintln!(
                "warning: {shown}: skipped a feed: {}",
                clean_line(&e.to_string())
            ),
        }
    }
    let added = list.add(&good)?;
    println!(
        "imported {added} feeds from {shown} ({} already subscribed)",
        good.len() - added
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct Row<'a> {
    name: String,
    url: &'a str,
    section: Option<&'a str>,
    tags: &'a [String],
    full_text: bool,
    last_fetch: Option<&'a str>,
    status: Option<&'a str>,
    error: Option<&'a str>,
    error_kind: Option<&'a str>,
    items: usize,
}

fn print_list(list: &FeedList, state: &StateFile, json: bool) -> anyhow::Result<()> {
    let (fetched, warning) = state.load().context("reading the fetch state")?;
    if let Some(w) = warning {
        eprintln!("warning: {}", clean_line(&w));
    }
    let rows: Vec<Row<'_>> = list
        .feeds
        .iter()
        .map(|f| {
            let s = fetched.feeds.get(&f.url);
            Row {
                name: display_name(f, &fetched),
                url: &f.url,
                section: f.section.as_deref(),
                tags: &f.tags,
                full_text: f.full_text,
                last_fetch: s.and_then(|s| s.last_fetch.as_deref()),
                status: s.and_then(|s| s.last_status.as_deref()),
                error: s.and_then(|s| s.last_error.as_deref()),
                error_kind: s.and_then(|s| s.error_kind.as_deref()),
                items: s.map_or(0, |s| s.item_count),
            }
        })
        .collect();
    if json {
        let text = serde_json::to_string_pretty(&rows).context("writing JSON")?;
        println!("{}", escape_json(&text));
        return Ok(());
    }
    if rows.is_empty() {
        eprintln!(
            "no feeds in {}; add one with `tidings feed add URL`",
            clean_line(&list.path.to_string_lossy())
        );
    }
    for r in rows {
        let when = r.last_fetch.map_or("never fetched".to_owned(), |t| {
            format!("fetched {}", t.get(..16).unwrap_or(t).replace('T', " "))
        });
        let status = match (r.status, r.error) {
            (Some("error"), Some(e)) => format!("error: {}", clean_line(e)),
            (Some(s), _) => s.to_owned(),
            (None, _) => "-".to_owned(),
        };
        println!(
            "{}  {}  {} items, {when}, {status}",
            clean_line(&r.name),
            clean_line(r.url),
            r.items
        );
    }
    Ok(())
}
