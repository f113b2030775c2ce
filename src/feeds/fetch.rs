//! Fetching feeds into the store: a handful of requests at once (at most two per host), each
//! feed parsed on its worker, then saved one feed at a time on the calling thread: new items
//! written as new files, changed ones rewritten atomically, deleted ones left deleted, and the
//! state written after every feed so an interrupted fetch loses nothing.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Component, Path, PathBuf};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::item::{self, Context, ParsedFeed};
use super::list::{FeedSpec, FetchSettings};
use super::state::{FeedState, FetchState, ItemState, StateFile};
use crate::article::write::{self, NewArticle};
use crate::net::{Client, Conditional, Response};

/// Where to fetch to and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub articles: PathBuf,
    pub data_dir: PathBuf,
    pub settings: FetchSettings,
}

/// New, changed and unchanged items of one feed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Items saved as the summary although `full_text` asked for the page.
    pub summary_only: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Self) {
        self.new += o.new;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
        self.summary_only += o.summary_only;
    }
}

/// Why one feed failed: a stable kind (`timeout`, `http-4xx`, `malformed`, `not-a-feed`,
/// `write`...) and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: String,
    pub message: String,
}

/// The result of one feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    /// The feed's name, else its title, else its url. Untrusted: clean before printing.
    pub name: String,
    pub url: String,
    /// The server said nothing changed (304).
    pub not_modified: bool,
    pub counts: Counts,
    pub failure: Option<Failure>,
    /// Files written (new or rewritten), absolute.
    pub written: Vec<PathBuf>,
    /// Why some items were saved as the summary although `full_text` asked for the page (the
    /// first few).
    pub notes: Vec<String>,
}

/// What a fetch reports as it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A feed's request started (`done` feeds of `total` finished so far).
    Started {
        name: String,
        done: usize,
        total: usize,
    },
    Finished {
        report: FeedReport,
        done: usize,
        total: usize,
    },
}

/// Every feed's report, in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub reports: Vec<FeedReport>,
    /// A state file that had to be set aside.
    pub warnings: Vec<String>,
}

impl Summary {
    pub fn totals(&self) -> Counts {
        let mut c = Counts::default();
        for r in &self.reports {
            c += r.counts;
        }
        c
    }

    pub fn failed(&self) -> impl Iterator<Item = &FeedReport> {
        self.reports.iter().filter(|r| r.failure.is_some())
    }

    pub fn written(&self) -> impl Iterator<Item = &PathBuf> {
        self.reports.iter().flat_map(|r| &r.written)
    }
}

/// What stops a fetch from starting.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("another tidings fetch is running (it holds the lock in {})", dir.display())]
    Busy { dir: PathBuf },
    #[error("{}: {source}", path.display())]
    State {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// What a worker hands back for one feed.
enum Got {
    NotModified(Response),
    Feed(Response, ParsedFeed),
}

/// Fetch `feeds` into the store. Failures are per feed, in the reports; only a busy lock or
/// an unreadable state file stops the whole run.
pub fn fetch(
    feeds: &[FeedSpec],
    opts: &Options,
    on_event: &mut dyn FnMut(&Event),
) -> Result<Summary, FetchError> {
    let file = StateFile::new(&opts.data_dir);
    let state_err = |source| FetchError::State {
        path: file.path().to_owned(),
        source,
    };
    let _run = file
        .try_lock_run()
        .map_err(state_err)?
        .ok_or_else(|| FetchError::Busy {
            dir: opts.data_dir.clone(),
        })?;
    let (mut state, warning) = file.load().map_err(state_err)?;
    let client = Client::new(opts.settings.net_config());
    // One job per url: two workers must never save the same feed's items.
    let mut urls = HashSet::new();
    let feeds: Vec<&FeedSpec> = feeds.iter().filter(|f| urls.insert(&f.url)).collect();
    let total = feeds.len();
    let names: Vec<String> = feeds.iter().map(|f| display_name(f, &state)).collect();
    // Each worker takes its feed's record, fetches, saves the items, and hands it back.
    let records: Vec<Mutex<Option<FeedState>>> = feeds
        .iter()
        .map(|f| Mutex::new(Some(state.feeds.get(&f.url).cloned().unwrap_or_default())))
        .collect();
    let work = |i: usize| {
        let spec = feeds[i];
        let record = records[i]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
            .unwrap_or_default();
        let kept = record.clone();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut record = record;
            let report = run_feed(&client, spec, opts, &mut record);
            (record, report)
        }));
        let (record, report) = result.unwrap_or_else(|_| {
            let mut record = kept;
            let f = failure("internal", "internal error while reading the feed");
            let report = apply(spec, Err(f), opts, &mut record, None);
            (record, report)
        });
        (i, record, report)
    };
    let mut reports: Vec<Option<FeedReport>> = vec![None; total];
    let mut done = 0;
    let mut save_error = None;
    let mut saved_at = Instant::now();
    let mut unsaved = false;
    run_pool(
        feeds
            .iter()
            .enumerate()
            .map(|(i, f)| (host_of(&f.url), i))
            .collect(),
        opts.settings.concurrency.max(1),
        opts.settings.per_host.max(1),
        &work,
        &mut |msg| match msg {
            Msg::Started(&i) => on_event(&Event::Started {
                name: names[i].clone(),
                done,
                total,
            }),
            Msg::Done((i, record, report)) => {
                state.feeds.insert(feeds[i].url.clone(), record);
                unsaved = true;
                // Saved often enough that an interrupted fetch loses little; a file saved but
                // not recorded is recognised by its guid next time (see `adopt`).
                if saved_at.elapsed() >= SAVE_EVERY {
                    if let Err(e) = file.save(&state) {
                        save_error.get_or_insert(e);
                    }
                    saved_at = Instant::now();
                    unsaved = false;
                }
                done += 1;
                on_event(&Event::Finished {
                    report: report.clone(),
                    done,
                    total,
                });
                reports[i] = Some(report);
            }
        },
    );
    if unsaved && let Err(e) = file.save(&state) {
        save_error.get_or_insert(e);
    }
    if let Some(e) = save_error {
        return Err(state_err(e));
    }
    Ok(Summary {
        reports: reports.into_iter().flatten().collect(),
        warnings: warning.into_iter().collect(),
    })
}

/// How often the state is written while a fetch runs (and once at the end).
const SAVE_EVERY: Duration = Duration::from_millis(500);

/// Fetch one feed and save its items (on a worker).
fn run_feed(
    client: &Client,
    spec: &FeedSpec,
    opts: &Options,
    record: &mut FeedState,
) -> FeedReport {
    let cond = Conditional {
        etag: record.etag.clone(),
        last_modified: record.last_modified.clone(),
    };
    let result = fetch_one(client, spec, &cond);
    apply(spec, result, opts, record, Some(client))
}

fn failure(kind: &str, message: impl Into<String>) -> Failure {
    Failure {
        kind: kind.to_owned(),
        message: message.into(),
    }
}

/// Fetch and parse one feed (on a worker).
fn fetch_one(client: &Client, spec: &FeedSpec, cond: &Conditional) -> Result<Got, Failure> {
    let response = client
        .get(&spec.url, cond)
        .map_err(|e| failure(e.kind(), e.to_string()))?;
    if response.not_modified() {
        return Ok(Got::NotModified(response));
    }
    let parsed = parse_response(&response, spec)?;
    Ok(Got::Feed(response, parsed))
}

/// Parse a fetched body as a feed.
pub fn parse_response(response: &Response, spec: &FeedSpec) -> Result<ParsedFeed, Failure> {
    let ctx = Context {
        url: &response.url,
        content_type: response.content_type.as_deref(),
        name: spec.name.as_deref(),
        tags: &spec.tags,
    };
    item::parse(&response.body, &ctx).map_err(|e| match e {
        item::ParseError::NotAFeed(_) => failure("not-a-feed", e.to_string()),
        item::ParseError::Malformed(_) => failure("malformed", e.to_string()),
    })
}

/// The name to show for a feed: its name, else the title last fetched, else its url.
pub fn display_name(spec: &FeedSpec, state: &FetchState) -> String {
    spec.name
        .clone()
        .or_else(|| state.feeds.get(&spec.url).and_then(|s| s.title.clone()))
        .unwrap_or_else(|| spec.url.clone())
}

fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Record one feed's result in the state and the store (on the calling thread).
fn apply(
    spec: &FeedSpec,
    result: Result<Got, Failure>,
    opts: &Options,
    entry: &mut FeedState,
    pages: Option<&Client>,
) -> FeedReport {
    entry.last_fetch = Some(jiff::Timestamp::now().to_string());
    let mut report = FeedReport {
        name: String::new(),
        url: spec.url.clone(),
        not_modified: false,
        counts: Counts::default(),
        failure: None,
        written: Vec::new(),
        notes: Vec::new(),
    };
    match result {
        Err(f) => {
            entry.last_status = Some("error".to_owned());
            entry.error_kind = Some(f.kind.clone());
            entry.last_error = Some(f.message.clone());
            report.failure = Some(f);
        }
        Ok(Got::NotModified(response)) => {
            remember(entry, &response, "not-modified");
            report.not_modified = true;
            report.counts.unchanged = entry.item_count;
        }
        Ok(Got::Feed(response, parsed)) => {
            remember(entry, &response, "ok");
            entry.title.clone_from(&parsed.title);
            entry.item_count = parsed.items.len();
            let section = spec
                .section
                .clone()
                .or_else(|| spec.name.clone())
                .or_else(|| parsed.title.clone())
                .unwrap_or_else(|| host_of(&spec.url));
            if let Err(f) = save_items(spec, parsed, &section, opts, entry, &mut report, pages) {
                entry.last_status = Some("error".to_owned());
                entry.error_kind = Some(f.kind.clone());
                entry.last_error = Some(f.message.clone());
                report.failure = Some(f);
            }
        }
    }
    report.name = spec
        .name
        .clone()
        .or_else(|| entry.title.clone())
        .unwrap_or_else(|| spec.url.clone());
    report
}

fn remember(entry: &mut FeedState, response: &Response, status: &str) {
    entry.last_status = Some(status.to_owned());
    entry.error_kind = None;
    entry.last_error = None;
    if !response.not_modified() || response.etag.is_some() {
        entry.etag.clone_from(&response.etag);
    }
    if !response.not_modified() || response.last_modified.is_some() {
        entry.last_modified.clone_from(&response.last_modified);
    }
}

/// With `full_text`, replace the summary in `article` by the text of the page it links to;
/// `Some(reason)` when the summary stays.
fn full_text(spec: &FeedSpec, pages: Option<&Client>, article: &mut NewArticle) -> Option<String> {
    if !spec.full_text {
        return None;
    }
    let fallback = |why: String| {
        Some(format!(
            "full text not saved ({why}); the feed's summary was"
        ))
    };
    let Some(client) = pages else {
        return fallback("no connection".to_owned());
    };
    let Some(url) = article.url.clone() else {
        return fallback("the item has no link".to_owned());
    };
    let page = match client.get(&url, &Conditional::none()) {
        Ok(page) => page,
        Err(e) => return fallback(e.to_string()),
    };
    match crate::extract::extract(&page.body, page.content_type.as_deref(), Some(&page.url)) {
        Ok(found) => {
            article.body = found.text;
            if article.authors.is_empty() {
                article.authors = found.authors;
            }
            if article.published.is_none() {
                article.published = found.published.filter(|d| crate::article::is_valid_date(d));
            }
            None
        }
        Err(e) => fallback(e.to_string()),
    }
}

fn save_items(
    spec: &FeedSpec,
    parsed: ParsedFeed,
    section: &str,
    opts: &Options,
    entry: &mut FeedState,
    report: &mut FeedReport,
    pages: Option<&Client>,
) -> Result<(), Failure> {
    struct Pending {
        identity: String,
        hash: String,
        note: Option<String>,
        new: bool,
    }
    let mut batch = write::Batch::new(&opts.articles);
    let mut pending = Vec::new();
    let mut seen = HashSet::new();
    let mut first_error = None;
    for item in parsed.items {
        // An item twice in one feed is saved once.
        if !seen.insert(item.identity.clone()) {
            continue;
        }
        let mut article: NewArticle = item.article;
        if article.title.trim().is_empty() {
            article.title = first_words(&article.body);
        }
        let text = match write::render(&article) {
            Ok(text) => text,
            Err(e) => {
                first_error.get_or_insert(failure("write", e.to_string()));
                continue;
            }
        };
        let hash = hash(&text);
        let (staged, note, new) = if let Some(known) = entry.items.get(&item.identity) {
            let Some(path) = inside(&opts.articles, &known.file) else {
                continue;
            };
            // Deleted by the user: not fetched again.
            if std::fs::symlink_metadata(&path).is_err() {
                continue;
            }
            if known.hash == hash {
                report.counts.unchanged += 1;
                continue;
            }
            let note = full_text(spec, pages, &mut article);
            (batch.add_rewrite(&path, &article), note, false)
        } else {
            let note = full_text(spec, pages, &mut article);
            // Saved by a fetch that was interrupted before it recorded the file: adopt it.
            let first = write::first_path(&opts.articles, section, &article);
            if guid_of(&first).as_deref() == Some(item.identity.as_str()) {
                (batch.add_rewrite(&first, &article), note, false)
            } else {
                (batch.add_new(section, &article), note, true)
            }
        };
        match staged {
            Ok(()) => pending.push(Pending {
                identity: item.identity,
                hash,
                note,
                new,
            }),
            Err(e) => {
                first_error.get_or_insert(failure("write", e.to_string()));
            }
        }
    }
    for (p, result) in pending.into_iter().zip(batch.commit()) {
        let path = match result {
            Ok(path) => path,
            Err(e) => {
                first_error.get_or_insert(failure("write", e.to_string()));
                continue;
            }
        };
        let file = path
            .strip_prefix(&opts.articles)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        if let Some(note) = &p.note {
            report.counts.summary_only += 1;
            if report.notes.len() < 3 {
                report.notes.push(note.clone());
            }
        }
        if p.new {
            report.counts.new += 1;
        } else {
            report.counts.updated += 1;
        }
        entry.items.insert(
            p.identity,
            ItemState {
                file,
                hash: p.hash,
                note: p.note,
                seen: None,
            },
        );
        report.written.push(path);
    }
    let today = jiff::tz::Offset::UTC
        .to_datetime(jiff::Timestamp::now())
        .date();
    entry.forget_old_items(&seen, today);
    first_error.map_or(Ok(()), Err)
}

/// The `guid` in the front matter of the article at `path`, if it is one tidings can read.
fn guid_of(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > crate::article::MAX_ARTICLE_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let rest = text.strip_prefix("+++\n")?;
    let end = rest.find("\n+++")?;
    let table: toml::Table = toml::from_str(&rest[..end]).ok()?;
    table.get("guid")?.as_str().map(str::to_owned)
}

/// `root/rel` when `rel` is plain names only (a hand-edited state cannot point outside).
fn inside(root: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| root.join(rel))
}

/// A title for an untitled item: its first words.
fn first_words(body: &str) -> String {
    let words: Vec<&str> = body.split_whitespace().take(10).collect();
    if words.is_empty() {
        "Untitled".to_owned()
    } else {
        words.join(" ")
    }
}

fn hash(text: &str) -> String {
    item::hex16(&Sha256::digest(text.as_bytes()))
}

/// A message from the pool: a job started, or it finished with its result.
pub enum Msg<'a, J, R> {
    Started(&'a J),
    Done(R),
}

/// Run `work` over `jobs` on `workers` threads, at most `per_host` at once per host key, and
/// hand each start and result to `on_msg` on the calling thread as they come.
pub fn run_pool<J: Send + Sync + Clone, R: Send>(
    jobs: Vec<(String, J)>,
    workers: usize,
    per_host: usize,
    work: &(dyn Fn(J) -> R + Sync),
    on_msg: &mut dyn FnMut(Msg<'_, J, R>),
) {
    struct Queue<J> {
        pending: VecDeque<(String, J)>,
        busy: HashMap<String, usize>,
    }
    let workers = workers.min(jobs.len());
    let queue = Mutex::new(Queue {
        pending: jobs.into(),
        busy: HashMap::new(),
    });
    let ready = Condvar::new();
    let (tx, rx) = mpsc::channel::<Result<R, J>>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (queue, ready) = (&queue, &ready);
            scope.spawn(move || {
                loop {
                    let (host, job) = {
                        let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
                        loop {
                            if q.pending.is_empty() {
                                return;
                            }
                            let free = q
                                .pending
                                .iter()
                                .position(|(h, _)| q.busy.get(h).copied().unwrap_or(0) < per_host);
                            if let Some(job) = free.and_then(|i| q.pending.remove(i)) {
                                *q.busy.entry(job.0.clone()).or_default() += 1;
                                break job;
                            }
                            q = ready.wait(q).unwrap_or_else(PoisonError::into_inner);
                        }
                    };
                    let _ = tx.send(Err(job.clone()));
                    let result = work(job);
                    {
                        let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
                        if let Some(n) = q.busy.get_mut(&host) {
                            *n = n.saturating_sub(1);
                        }
                    }
                    ready.notify_all();
                    if tx.send(Ok(result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        for msg in rx {
            match msg {
                Err(job) => on_msg(Msg::Started(&job)),
                Ok(result) => on_msg(Msg::Done(result)),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn the_pool_keeps_to_its_limits_and_runs_every_job() {
        let per_host_now: Mutex<HashMap<String, usize>> = Mutex::new(HashMap::new());
        let (now, most, most_per_host) = (
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
        );
        let jobs: Vec<(String, (String, usize))> = (0..40)
            .map(|i| {
                let host = if i % 2 == 0 {
                    "a".to_owned()
                } else {
                    format!("h{i}")
                };
                (host.clone(), (host, i))
            })
            .collect();
        let work = |(host, i): (String, usize)| {
            let n = now.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(n, Ordering::SeqCst);
            let h = {
                let mut m = per_host_now.lock().unwrap();
                let c = m.entry(host.clone()).or_default();
                *c += 1;
                *c
            };
            most_per_host.fetch_max(h, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(5));
            *per_host_now.lock().unwrap().get_mut(&host).unwrap() -= 1;
            now.fetch_sub(1, Ordering::SeqCst);
            i
        };
        let mut results = Vec::new();
        let mut started = 0;
        run_pool(jobs, 6, 2, &work, &mut |m| match m {
            Msg::Started(_) => started += 1,
            Msg::Done(i) => results.push(i),
        });
        results.sort_unstable();
        assert_eq!(results, (0..40).collect::<Vec<_>>());
        assert_eq!(started, 40);
        assert!(most.load(Ordering::SeqCst) <= 6);
        assert!(most_per_host.load(Ordering::SeqCst) <= 2);
    }

    #[test]
    fn state_paths_cannot_leave_the_store() {
        let root = Path::new("/store");
        assert_eq!(inside(root, "s/a.md"), Some(PathBuf::from("/store/s/a.md")));
        assert_eq!(inside(root, "../x.md"), None);
        assert_eq!(inside(root, "/etc/passwd"), None);
    }
}
