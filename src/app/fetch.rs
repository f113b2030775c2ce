//! The reader's side of the feeds (issue 9): the `fetch` and `open-in-browser` actions, the
//! background fetch on a worker thread, and opening a url without touching the terminal.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc::Sender;

use crate::app::action::Action;
use crate::app::model::{Model, Progress};
use crate::app::passages::IndexState;
use crate::app::update::Effect;
use crate::feeds::{self, Event, FeedList, Options, Summary};
use crate::sanitize::clean_line;

/// The fetch actions (pure, like the rest of `update`).
pub fn update(m: &mut Model, action: Action) -> Effect {
    match action {
        Action::Fetch => {
            if m.fetching.is_some() {
                m.status = Some("a fetch is already running".into());
                return Effect::None;
            }
            m.fetching = Some(Progress::default());
            m.status = Some("fetching the feeds…".into());
            Effect::Fetch
        }
        Action::OpenInBrowser => {
            let url = m
                .open
                .as_ref()
                .and_then(|o| o.loaded.article.meta.url.clone());
            if let Some(url) = url {
                m.status = Some(format!("opening {}", clean_line(&url)));
                Effect::OpenUrl(url)
            } else {
                m.status = Some(if m.open.is_some() {
                    "this article has no url".into()
                } else {
                    "open an article first".into()
                });
                Effect::None
            }
        }
        Action::FetchProgress { done, total } => {
            if m.fetching.is_some() {
                m.fetching = Some(Progress { done, total });
            }
            Effect::None
        }
        Action::FetchDone(summary) => {
            m.fetching = None;
            m.status = Some(clean_line(&summary).into_owned());
            // New articles: the speaker index is rebuilt at its next use. The store index's
            // worker sees the new files in the folder and brings their rows.
            if matches!(m.passages.index, IndexState::Ready(_)) {
                m.passages.index = IndexState::Idle;
            }
            Effect::None
        }
        _ => Effect::None,
    }
}

/// Fetch every feed of `feeds.toml` into `root` on a worker thread. The files written are
/// indexed there and sent as one `Action::Indexed`, so they join the list without a restart.
pub fn spawn(root: PathBuf, tx: Sender<Action>) {
    std::thread::spawn(move || {
        let message = match run(&root, &tx) {
            Ok(message) | Err(message) => message,
        };
        let _ = tx.send(Action::FetchDone(message));
    });
}

fn run(root: &std::path::Path, tx: &Sender<Action>) -> Result<String, String> {
    let dirs = crate::paths::Dirs::from_env();
    let path = feeds::feeds_file(&dirs);
    let list = FeedList::load(&path).map_err(|e| format!("fetch: {e}"))?;
    if list.feeds.is_empty() {
        return Err(format!(
            "no feeds in {}: add one with `tidings feed add URL`",
            path.display()
        ));
    }
    let opts = Options {
        articles: root.to_owned(),
        data_dir: dirs.data,
        settings: list.settings.clone(),
    };
    let summary = feeds::fetch(&list.feeds, &opts, &mut |e| {
        let (done, total) = match e {
            Event::Started { done, total, .. } | Event::Finished { done, total, .. } => {
                (*done, *total)
            }
        };
        let _ = tx.send(Action::FetchProgress { done, total });
    })
    .map_err(|e| format!("fetch: {e}"))?;
    let indexed: Vec<_> = summary
        .written()
        .map(|p| crate::article::index_file(root, p))
        .collect();
    if !indexed.is_empty() {
        let _ = tx.send(Action::Indexed(indexed));
    }
    Ok(describe(&summary))
}

/// One status line: the counts, and the first failure with its reason.
pub fn describe(summary: &Summary) -> String {
    let t = summary.totals();
    let failed: Vec<_> = summary.failed().collect();
    let mut line = format!(
        "fetched {} {}: {} new, {} updated",
        summary.reports.len(),
        if summary.reports.len() == 1 {
            "feed"
        } else {
            "feeds"
        },
        t.new,
        t.updated
    );
    if let Some(first) = failed.first() {
        let reason = first.failure.as_ref().map_or("", |f| f.message.as_str());
        let _ = write!(line, "; {} failed ({}: {reason}", failed.len(), first.name);
        if failed.len() > 1 {
            line.push_str(", see `tidings feed list`");
        }
        line.push(')');
    }
    line
}

/// Open `url` (http or https only) with `$BROWSER`, else the platform's opener, detached:
/// no terminal is shared, so the reader's screen stays intact.
pub fn open_url(url: &str) -> Result<(), String> {
    let browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    open_url_with(browser.as_deref(), url)
}

/// [`open_url`] with the browser command given (`None`: the platform's opener). The command
/// may hold `%s` for the url; `a:b` lists commands to try in order.
pub fn open_url_with(browser: Option<&str>, url: &str) -> Result<(), String> {
    let url = crate::net::parse_url(url).map_err(|e| clean_line(&e.to_string()).into_owned())?;
    let candidates: Vec<String> = match browser {
        Some(list) => list.split(':').map(str::to_owned).collect(),
        None if cfg!(target_os = "macos") => vec!["open".to_owned()],
        None => vec!["xdg-open".to_owned()],
    };
    let mut last_error = String::from("no browser command");
    for candidate in candidates {
        let mut words = candidate.split_whitespace();
        let Some(program) = words.next() else {
            continue;
        };
        let mut args: Vec<String> = words.map(str::to_owned).collect();
        if args.iter().any(|a| a.contains("%s")) {
            for a in &mut args {
                *a = a.replace("%s", url.as_str());
            }
        } else {
            args.push(url.to_string());
        }
        let mut command = Command::new(program);
        command
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        #[cfg(unix)]
        {
            // Its own process group: a ctrl-c in the reader does not reach it.
            use std::os::unix::process::CommandExt as _;
            command.process_group(0);
        }
        match command.spawn() {
            Ok(mut child) => {
                // Reap it when it ends, without waiting here.
                std::thread::spawn(move || {
                    let _ = child.wait();
                });
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                last_error = format!(
                    "no browser: `{}` was not found; set $BROWSER (for example BROWSER=firefox)",
                    clean_line(program)
                );
            }
            Err(e) => last_error = format!("cannot run {}: {e}", clean_line(program)),
        }
    }
    Err(last_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_gets_the_url_as_one_argument_and_bad_urls_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("args");
        let script = dir.path().join("browser.sh");
        std::fs::write(
            &script,
            format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > {}\n", out.display()),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let url = "https://example.org/a b?x=1&y=$(reboot)";
        open_url_with(
            Some(&format!("/nonexistent/browser:{} --new", script.display())),
            url,
        )
        .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !out.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        let args = std::fs::read_to_string(&out).unwrap();
        assert_eq!(args, "--new\nhttps://example.org/a%20b?x=1&y=$(reboot)\n");
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "-oProxyCommand=x",
        ] {
            assert!(open_url_with(Some("true"), bad).is_err(), "{bad}");
        }
        let missing = open_url_with(Some("/nonexistent/x"), "https://example.org/").unwrap_err();
        assert!(missing.contains("$BROWSER"), "{missing}");
    }
}
