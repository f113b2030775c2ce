//! The one worker that keeps the index current while the reader runs: it reconciles the
//! folder with the index, then watches the folder (notify, with a periodic rescan as the
//! fallback) so that files added, changed, renamed or deleted by anyone show up within about
//! a second. It reports through a callback, never touching the UI.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::db::{Db, DbError};
use super::sync::{self, Plan};
use crate::article::{Entry, Problem};

/// What the worker tells the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// Every list row (in list order) and every skipped file: replaces what the reader has.
    Rows {
        entries: Vec<Entry>,
        problems: Vec<Problem>,
    },
    /// Files indexed so far in the current pass.
    Progress { done: usize, total: usize },
    /// These files changed or are gone: what was read of them is stale.
    Changed(Vec<PathBuf>),
    /// The pass is over; the index matches the folder.
    Idle,
    /// Something went wrong (shown in the status bar; the worker goes on if it can).
    Failed(String),
}

/// How long events are gathered before acting on them (a fetch writes many files at once).
const SETTLE: Duration = Duration::from_millis(60);
/// A full rescan this often even with a watcher (events can be lost: network folders...).
const RESCAN: Duration = Duration::from_secs(60);
/// A full rescan this often when the folder cannot be watched.
const RESCAN_UNWATCHED: Duration = Duration::from_secs(2);
/// The rows are sent at most this often during a long pass...
const ROWS_EVERY: Duration = Duration::from_millis(500);
/// ...and never more than this share of the worker's time goes into reading them back.
const ROWS_COST_FACTOR: u32 = 8;

/// Open the index for `root` at `db_path`, or in memory when that fails (a warning says so).
pub fn open(root: &Path, db_path: Option<&Path>) -> (Result<Db, DbError>, Option<String>) {
    let Some(path) = db_path else {
        return (Db::in_memory(root), None);
    };
    match Db::open(path, root) {
        Ok(db) => (Ok(db), None),
        Err(e) => (
            Db::in_memory(root),
            Some(format!("index kept in memory only: {e}")),
        ),
    }
}

/// Start the worker for the store at `root`. It runs until `send` returns false (the reader
/// is gone).
pub fn spawn(
    root: PathBuf,
    db_path: Option<PathBuf>,
    send: impl Fn(Update) -> bool + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("tidings-index".into())
        .spawn(move || run(&root, db_path.as_deref(), &send))
}

struct State<'a> {
    db: Db,
    pool: Option<rayon::ThreadPool>,
    walk_problems: Vec<Problem>,
    send: &'a dyn Fn(Update) -> bool,
    /// Whether the last pass wrote every change it planned.
    complete: bool,
}

fn run(root: &Path, db_path: Option<&Path>, send: &dyn Fn(Update) -> bool) {
    let (db, warning) = open(root, db_path);
    if let Some(w) = warning
        && !send(Update::Failed(w))
    {
        return;
    }
    let db = match db {
        Ok(db) => db,
        Err(e) => {
            send(Update::Failed(format!("no index: {e}")));
            return;
        }
    };
    let mut st = State {
        db,
        pool: sync::pool(),
        walk_problems: Vec::new(),
        send,
        complete: false,
    };
    // What the index holds now, then the folder.
    if !st.send_rows() {
        return;
    }
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let watcher = notify::recommended_watcher(move |ev| {
        let _ = tx.send(ev);
    })
    .and_then(|mut w| w.watch(root, RecursiveMode::Recursive).map(|()| w));
    let every = if watcher.is_ok() {
        RESCAN
    } else {
        RESCAN_UNWATCHED
    };
    if !st.full_pass(true) {
        return;
    }
    loop {
        let first = match rx.recv_timeout(every) {
            Ok(ev) => ev,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if !st.full_pass(false) {
                    return;
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                std::thread::sleep(RESCAN_UNWATCHED);
                if !st.full_pass(false) {
                    return;
                }
                continue;
            }
        };
        let mut events = vec![first];
        let until = Instant::now() + SETTLE;
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(ev) => events.push(ev),
                Err(_) => break,
            }
        }
        let alive = match touched(root, events) {
            Some(paths) => st.paths_pass(&paths),
            None => st.full_pass(false),
        };
        if !alive {
            return;
        }
    }
}

/// The article files named by `events`, or `None` when only a full rescan will do (a folder
/// moved or deleted, events lost).
fn touched(root: &Path, events: Vec<notify::Result<notify::Event>>) -> Option<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for ev in events {
        let ev = ev.ok()?;
        if ev.need_rescan() {
            return None;
        }
        if matches!(ev.kind, notify::EventKind::Access(_)) {
            continue;
        }
        for p in ev.paths {
            if sync::is_store_article(root, &p) {
                paths.push(p);
            } else if p.is_dir() || crate::article::is_article_path(&p) {
                // A folder came or went (or was renamed): its files with it.
                if p.starts_with(root) && !is_hidden_under(root, &p) {
                    return None;
                }
            } else if p.extension().is_none() && p.starts_with(root) && !is_hidden_under(root, &p) {
                // Gone, and without an extension: likely a folder.
                return None;
            }
        }
    }
    paths.sort();
    paths.dedup();
    Some(paths)
}

fn is_hidden_under(root: &Path, p: &Path) -> bool {
    p.strip_prefix(root).is_ok_and(|rel| {
        rel.components()
            .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."))
    })
}

/// Every row and problem of the index, as an update.
fn rows_of(db: &Db, walk_problems: &[Problem]) -> Result<Update, DbError> {
    let entries = db.rows(None)?;
    let mut problems = walk_problems.to_vec();
    problems.extend(db.problems()?);
    Ok(Update::Rows { entries, problems })
}

impl State<'_> {
    fn fail(&self, e: &DbError) -> bool {
        (self.send)(Update::Failed(e.to_string()))
    }

    /// Read every row back and send it.
    fn send_rows(&self) -> bool {
        match rows_of(&self.db, &self.walk_problems) {
            Ok(rows) => (self.send)(rows),
            Err(e) => self.fail(&e),
        }
    }

    fn full_pass(&mut self, first: bool) -> bool {
        match sync::plan(&self.db) {
            Ok(plan) => {
                let walk_changed = plan.walk_problems != self.walk_problems;
                self.walk_problems.clone_from(&plan.walk_problems);
                if !self.carry_out(&plan, first || walk_changed) {
                    return false;
                }
                if !self.complete {
                    return true;
                }
                // Every change the walk saw is in: the folders' stamps now vouch for it.
                match self.db.set_folders(&plan.folders) {
                    Ok(()) => true,
                    Err(e) => self.fail(&e),
                }
            }
            Err(e) => self.fail(&e),
        }
    }

    fn paths_pass(&mut self, paths: &[PathBuf]) -> bool {
        match sync::plan_paths(&self.db, paths) {
            Ok(plan) => self.carry_out(&plan, false),
            Err(e) => self.fail(&e),
        }
    }

    /// Index what `plan` names, sending progress, stale paths and (now and then) the rows.
    fn carry_out(&mut self, plan: &Plan, announce: bool) -> bool {
        self.complete = false;
        if plan.changed.is_empty() && plan.removed.is_empty() {
            self.complete = true;
            if announce {
                return self.send_rows() && (self.send)(Update::Idle);
            }
            return true;
        }
        let send = self.send;
        let walk_problems = &self.walk_problems;
        let mut alive = true;
        let mut last_rows = Instant::now();
        let mut rows_cost = Duration::ZERO;
        let result = sync::carry_out(
            &mut self.db,
            plan,
            self.pool.as_ref(),
            |db, done, total, paths| {
                alive =
                    send(Update::Progress { done, total }) && send(Update::Changed(paths.to_vec()));
                // During a long pass the rows go out now and then, never at a cost that
                // would slow the pass much.
                if alive
                    && done < total
                    && last_rows.elapsed() >= ROWS_EVERY.max(rows_cost * ROWS_COST_FACTOR)
                {
                    let t = Instant::now();
                    alive = match rows_of(db, walk_problems) {
                        Ok(rows) => send(rows),
                        Err(e) => send(Update::Failed(e.to_string())),
                    };
                    rows_cost = t.elapsed();
                    last_rows = Instant::now();
                }
                alive
            },
        );
        if let Err(e) = result {
            return self.fail(&e);
        }
        self.complete = alive;
        alive && self.send_rows() && (self.send)(Update::Idle)
    }
}
