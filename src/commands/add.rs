//! `tidings add URL|FILE.html [--section S]`: save a web page's article in the store, with
//! the same front matter and safe file names as fetched feed items.

use std::process::ExitCode;

use super::Globals;
use crate::article::write::{NewArticle, save_new};
use crate::sanitize::clean_line;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// An http(s) url, or a saved HTML file.
    #[arg(value_name = "URL|FILE")]
    pub page: String,
    /// The section (folder) of the store to save into.
    #[arg(long, default_value = "web")]
    pub section: String,
}

pub fn run(globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    let env = match super::Env::load(globals) {
        Ok(env) => env,
        Err(e) => return Ok(e.report()),
    };
    // Like `fetch`, `add` may be the first to write into the folder of articles.
    let root = env.articles_path(globals);
    let page = super::extract::load(&args.page)?;
    let url = page
        .url
        .clone()
        .or_else(|| super::extract::is_url(&args.page).then(|| args.page.clone()));
    // With no site name, the host says where it came from ("www." is noise in a list).
    let host = url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_owned())
        });
    let article = NewArticle {
        title: page.title,
        source: page.site_name.or(host),
        url,
        authors: page.authors,
        published: page.published,
        body: page.text,
        ..NewArticle::default()
    };
    let path = save_new(&root, &args.section, &article)?;
    println!("{}", clean_line(&path.to_string_lossy()));
    Ok(ExitCode::SUCCESS)
}
