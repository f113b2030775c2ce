//! `tidings check [DIR]`: validate every article file in a folder.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::article::{entry_of, load, walk};
use crate::sanitize::clean_line;

use super::list::describe;
use super::{Env, Globals};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The folder to check (else the articles folder).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Prints each bad file (`path:line: reason`) and each warning; exit 1 when any file is bad,
/// 2 when the folder does not exist. Reads every file afresh (no cache).
pub fn run(globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    let env = match Env::load(globals) {
        Ok(env) => env,
        Err(e) => return Ok(e.report()),
    };
    let root = match &args.dir {
        Some(dir) => dir.clone(),
        None => crate::article::resolve_articles_dir(
            globals.articles.as_deref(),
            env.config.articles.as_deref(),
            &env.dirs,
        ),
    };
    if !root.is_dir() {
        eprintln!(
            "tidings: no folder at {}",
            clean_line(&root.to_string_lossy())
        );
        return Ok(ExitCode::from(2));
    }
    let (files, mut problems) = walk(&root);
    let walk_problems = problems.len();
    let mut good = 0usize;
    let mut warnings = 0usize;
    for (path, _) in &files {
        match load(path).and_then(|a| entry_of(&root, &a).map(|_| a)) {
            Ok(article) => {
                good += 1;
                for w in &article.warnings {
                    warnings += 1;
                    println!(
                        "{}: warning: {}",
                        clean_line(&path.to_string_lossy()),
                        clean_line(w)
                    );
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    for problem in &problems {
        println!("{}", describe(problem));
    }
    let bad = problems.len() - walk_problems;
    let other = if walk_problems > 0 {
        format!(
            ", {}",
            super::count(
                walk_problems,
                "unreadable or looping entry",
                "unreadable or looping entries"
            )
        )
    } else {
        String::new()
    };
    println!(
        "checked {} in {}: {good} good, {bad} bad{other}, {}",
        super::count(files.len(), "file", "files"),
        clean_line(&root.to_string_lossy()),
        super::count(warnings, "warning", "warnings"),
    );
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
