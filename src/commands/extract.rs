//! `tidings extract URL|FILE.html`: a web page's article as plain text (title, a blank line,
//! then the paragraphs), nothing saved. Also the page loading shared with `tidings add`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use super::Globals;
use crate::extract::{self, Page};
use crate::net::{Client, Conditional};
use crate::sanitize;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// An http(s) url, or a saved HTML file.
    #[arg(value_name = "URL|FILE")]
    pub page: String,
}

pub fn run(globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    // The configuration is checked like every command's, though nothing here uses it.
    if let Err(e) = super::Env::load(globals) {
        return Ok(e.report());
    }
    let page = load(&args.page)?;
    let mut out = String::with_capacity(page.text.len() + page.title.len() + 4);
    out.push_str(&sanitize::clean_line(&page.title));
    out.push_str("\n\n");
    out.push_str(&sanitize::clean(&page.text));
    out.push('\n');
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// Whether `target` names a page on the web rather than a file.
pub fn is_url(target: &str) -> bool {
    let lower = target.get(..8).unwrap_or(target).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches (a url) or reads (a file) the page and extracts its article.
pub fn load(target: &str) -> anyhow::Result<Page> {
    if is_url(target) {
        let response = Client::default()
            .get(target, &Conditional::none())
            .with_context(|| format!("fetching {}", sanitize::clean_line(target)))?;
        let page = extract::extract(
            &response.body,
            response.content_type.as_deref(),
            Some(&response.url),
        )?;
        Ok(page)
    } else {
        let path = Path::new(target);
        let bytes = std::fs::read(path)
            .with_context(|| format!("reading {}", sanitize::clean_line(target)))?;
        let page = extract::extract(&bytes, None, None)
            .map_err(|e| e.for_page(&sanitize::clean_line(target)))?;
        Ok(page)
    }
}
