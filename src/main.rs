//! The `tidings` binary: parse arguments, call the library, print errors.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tidings::commands::{self, Globals};

/// A terminal news reader that shows who said what.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(flatten)]
    globals: Globals,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the store's articles.
    List(commands::list::Args),
    /// Validate a folder of articles; exit 1 when any file is bad.
    Check(commands::check::Args),
    /// Print the quotations of one article, grouped by speaker.
    Quotes(commands::quotes::Args),
    /// Print the saved bookmarks.
    Bookmarks(commands::bookmarks::Args),
    /// Search the store: titles, text, sources, authors, tags, speakers and quotations.
    Search(commands::search::Args),
    /// List everyone quoted across the store.
    Speakers(commands::speakers::Args),
    /// Manage feed subscriptions: add, list, remove, import, export.
    Feed(commands::feed::Args),
    /// Fetch the feeds (all, or the named ones) into the store.
    Fetch(commands::fetch::Args),
    /// Write bookmarks and read marks in a loop (for the crash test).
    #[command(hide = true)]
    StateWriter(commands::state_writer::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => commands::read::run(&cli.globals),
        Some(Command::List(args)) => commands::list::run(&cli.globals, &args),
        Some(Command::Check(args)) => commands::check::run(&cli.globals, &args),
        Some(Command::Quotes(args)) => commands::quotes::run(&cli.globals, &args),
        Some(Command::Bookmarks(args)) => commands::bookmarks::run(&cli.globals, &args),
        Some(Command::Search(args)) => commands::search::run(&cli.globals, &args),
        Some(Command::Speakers(args)) => commands::speakers::run(&cli.globals, &args),
        Some(Command::Feed(args)) => commands::feed::run(&cli.globals, &args),
        Some(Command::Fetch(args)) => commands::fetch::run(&cli.globals, &args),
        Some(Command::StateWriter(args)) => commands::state_writer::run(&cli.globals, &args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // Errors name files, feeds and pages: never let them reach the terminal raw.
            eprintln!("tidings: {}", tidings::sanitize::clean(&format!("{err:#}")));
            ExitCode::FAILURE
        }
    }
}
