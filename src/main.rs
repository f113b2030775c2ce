//! The `tidings` binary: parse arguments, call the library, print errors.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
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
    /// Print a web page's article as plain text: title, blank line, paragraphs.
    Extract(commands::extract::Args),
    /// Save a web page's article in the store.
    Add(commands::add::Args),
    /// Search the store: titles, text, sources, authors, tags, speakers and quotations.
    Search(commands::search::Args),
    /// List everyone quoted across the store.
    Speakers(commands::speakers::Args),
    /// Manage feed subscriptions: add, list, remove, import, export.
    Feed(commands::feed::Args),
    /// Fetch the feeds (all, or the named ones) into the store.
    Fetch(commands::fetch::Args),
    /// Print the manual page (roff) on standard output.
    Man,
    /// Print a shell completion script on standard output.
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Write bookmarks and read marks in a loop (for the crash test; only with the
    /// `test-hooks` feature, which the tests enable).
    #[cfg(feature = "test-hooks")]
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
        Some(Command::Extract(args)) => commands::extract::run(&cli.globals, &args),
        Some(Command::Add(args)) => commands::add::run(&cli.globals, &args),
        Some(Command::Search(args)) => commands::search::run(&cli.globals, &args),
        Some(Command::Speakers(args)) => commands::speakers::run(&cli.globals, &args),
        Some(Command::Feed(args)) => commands::feed::run(&cli.globals, &args),
        Some(Command::Fetch(args)) => commands::fetch::run(&cli.globals, &args),
        Some(Command::Man) => man(),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "tidings",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
        #[cfg(feature = "test-hooks")]
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

/// The manual page: the command's page, then a section for each command with its options.
fn man() -> anyhow::Result<ExitCode> {
    let cmd = Cli::command();
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(cmd.clone());
    page.render_title(&mut out)?;
    page.render_name_section(&mut out)?;
    page.render_synopsis_section(&mut out)?;
    page.render_description_section(&mut out)?;
    page.render_options_section(&mut out)?;
    page.render_subcommands_section(&mut out)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        out.extend_from_slice(command_section(sub).as_bytes());
    }
    page.render_version_section(&mut out)?;
    std::io::Write::write_all(&mut std::io::stdout(), &out)?;
    Ok(ExitCode::SUCCESS)
}

/// Text for roff: backslashes and dashes escaped, no line starting with a control character.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// `.SH "TIDINGS NAME"`: what the command does, its usage and its own arguments.
fn command_section(sub: &clap::Command) -> String {
    let name = sub.get_name();
    let mut s = format!(".SH \"TIDINGS {}\"\n", name.to_uppercase());
    let about = sub
        .get_long_about()
        .or(sub.get_about())
        .map(ToString::to_string);
    let _ = write!(s, ".PP\n{}\n", roff(&about.unwrap_or_default()));
    let mut usage = format!("\\fBtidings {}\\fR", roff(name));
    let args: Vec<&clap::Arg> = sub
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help")
        .collect();
    for a in &args {
        let value = a.get_value_names().and_then(|v| v.first()).map_or_else(
            || a.get_id().to_string().to_uppercase(),
            ToString::to_string,
        );
        let _ = match a.get_long() {
            Some(long) => write!(usage, " [\\fB\\-\\-{}\\fR]", roff(long)),
            None => write!(usage, " \\fI{}\\fR", roff(&value)),
        };
    }
    let _ = write!(s, ".PP\n{usage}\n");
    for a in &args {
        let head = match (a.get_long(), a.get_short()) {
            (Some(l), Some(c)) => format!("\\fB\\-{c}\\fR, \\fB\\-\\-{}\\fR", roff(l)),
            (Some(l), None) => format!("\\fB\\-\\-{}\\fR", roff(l)),
            _ => format!("\\fI{}\\fR", roff(&a.get_id().to_string().to_uppercase())),
        };
        let help = a.get_help().map(ToString::to_string).unwrap_or_default();
        let _ = write!(s, ".TP\n{head}\n{}\n", roff(&help));
    }
    s
}
