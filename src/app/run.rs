//! The run loop: owns the terminal, turns terminal events into actions through the keymap,
//! calls `update`, performs the effects it returns and draws.

use std::io::{Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

use anyhow::Context;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::app::action::Action;
use crate::app::indexing::Rows;
use crate::app::model::Model;
use crate::app::update::{Effect, update};
use crate::article;
use crate::index::worker::Update;
use crate::keymap::{Keymap, Mode, Outcome};

static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Give the terminal back: leave raw mode, the alternate screen and mouse capture. Safe to
/// call any number of times, from `Drop` and from the panic hook alike.
pub fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let mut out = std::io::stdout();
        if MOUSE.swap(false, Ordering::SeqCst) {
            let _ = execute!(out, DisableMouseCapture);
        }
        let _ = execute!(
            out,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            ratatui::crossterm::cursor::Show
        );
        let _ = out.flush();
    }
}

/// Raw mode, alternate screen and (if asked) mouse capture for as long as it lives.
pub struct TerminalGuard(());

impl TerminalGuard {
    pub fn enter(mouse: bool) -> anyhow::Result<TerminalGuard> {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            hook(info);
        }));
        enable_raw_mode().context("the reader needs a terminal")?;
        ACTIVE.store(true, Ordering::SeqCst);
        let guard = TerminalGuard(());
        let mut out = std::io::stdout();
        // Pasted text arrives as one event, so a pasted line break cannot submit a note.
        execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
        if mouse {
            MOUSE.store(true, Ordering::SeqCst);
            execute!(out, EnableMouseCapture)?;
        }
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Persists one read mark; `Err` is shown in the status bar.
pub type MarkRead = Box<dyn FnMut(&Path) -> Result<(), String> + Send>;

/// The I/O the loop hands to its workers, supplied by the caller.
pub struct Io {
    /// Persist a read mark (on a worker thread: a keystroke never waits on the disk).
    pub mark_read: MarkRead,
    /// Whether an article is marked read (asked on the index worker as rows arrive).
    pub is_read: Arc<dyn Fn(&Path) -> bool + Send + Sync>,
    /// Bookmarks file and speaker index (issue 4).
    pub passages: crate::app::persist::PassageIo,
}

/// The store index the reader keeps current.
pub struct IndexSetup {
    pub root: PathBuf,
    /// The index file; `None` keeps it in memory.
    pub db: Option<PathBuf>,
}

/// Draws a frame of the model with the keymap in force (the caller gives `ui::draw`, so
/// that `app` does not depend on `ui`).
pub type Draw = Box<dyn FnMut(&mut ratatui::Frame, &Model, &Keymap)>;

/// Everything the reader starts from.
pub struct Setup {
    pub model: Model,
    pub keymap: Keymap,
    pub draw: Draw,
    pub mouse: bool,
    /// The store index's worker (none in tests that bring their own rows).
    pub index: Option<IndexSetup>,
    pub io: Io,
}

/// What the loop waits on: terminal input and workers' results, in one channel.
enum Msg {
    Term(Event),
    Act(Action),
    /// The input thread ended (the terminal is gone).
    InputEnded(String),
    /// A signal arrived: look at `signals::received` now.
    Signal,
}

/// Append-only log, only when `TIDINGS_LOG` names a file; never the terminal.
struct Log(Option<std::fs::File>);

impl Log {
    fn from_env() -> Log {
        Log(std::env::var_os("TIDINGS_LOG")
            .filter(|v| !v.is_empty())
            .and_then(|p| {
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(p)
                    .ok()
            }))
    }

    fn line(&mut self, msg: &str) {
        if let Some(f) = &mut self.0 {
            let _ = writeln!(f, "{msg}");
        }
    }
}

/// Read and analyse one article (the `Load` effect).
pub fn load_article(path: &Path) -> Action {
    let result = article::load(path).map(|a| {
        let body = a.body.clone();
        let attribution = a
            .raw
            .get(body.clone())
            .map(|text| crate::quotes::extract(text).shifted(body.start))
            .unwrap_or_default();
        Box::new((a, attribution))
    });
    Action::Loaded {
        path: path.to_owned(),
        result,
    }
}

/// Terminal events, read on their own thread.
fn spawn_input(tx: mpsc::Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Msg::Term(ev)).is_err() {
                        return;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Msg::InputEnded(e.to_string()));
                    return;
                }
            }
        }
    });
}

/// Workers speak in actions; the loop's channel also carries input. One small thread puts
/// the first into the second.
fn action_sender(tx: mpsc::Sender<Msg>) -> mpsc::Sender<Action> {
    let (atx, arx) = mpsc::channel::<Action>();
    std::thread::spawn(move || {
        for a in arx {
            if tx.send(Msg::Act(a)).is_err() {
                return;
            }
        }
    });
    atx
}

/// A thread that performs one kind of request in order, reporting failures as actions.
fn spawn_serial<T: Send + 'static>(
    mut work: impl FnMut(T) -> Option<Action> + Send + 'static,
    tx: mpsc::Sender<Action>,
) -> mpsc::Sender<T> {
    let (jtx, jrx) = mpsc::channel::<T>();
    std::thread::spawn(move || {
        for job in jrx {
            if let Some(a) = work(job)
                && tx.send(a).is_err()
            {
                return;
            }
        }
    });
    jtx
}

/// Start the store index's worker; rows go out with their read marks.
fn spawn_index(
    setup: IndexSetup,
    is_read: Arc<dyn Fn(&Path) -> bool + Send + Sync>,
    tx: mpsc::Sender<Action>,
) {
    let send = move |u: Update| {
        let action = match u {
            Update::Rows { entries, problems } => {
                let read = entries
                    .iter()
                    .filter(|e| is_read(&e.path))
                    .map(|e| e.path.clone())
                    .collect();
                Action::Rows(Box::new(Rows {
                    entries,
                    problems,
                    read,
                }))
            }
            other => Action::Index(other),
        };
        tx.send(action).is_ok()
    };
    if let Err(e) = crate::index::worker::spawn(setup.root, setup.db, send) {
        // The reader still works on what it has; new files just will not show up.
        let _ = e;
    }
}

/// Most results of each kind a search in the reader shows.
const SEARCH_LIMIT: usize = 50;

/// Searches run here, on their own connection to the index; while one runs, queries typed
/// meanwhile pile up and only the last is run.
fn spawn_searcher(root: PathBuf, db: PathBuf, tx: mpsc::Sender<Action>) -> mpsc::Sender<String> {
    let (qtx, qrx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        let mut conn: Option<crate::index::Db> = None;
        while let Ok(mut query) = qrx.recv() {
            while let Ok(newer) = qrx.try_recv() {
                query = newer;
            }
            if conn.is_none() {
                conn = crate::index::Db::open(&db, &root).ok();
            }
            let hits = match &conn {
                Some(c) => {
                    crate::index::search::search(c, &query, SEARCH_LIMIT).map_err(|e| e.to_string())
                }
                None => Err("the store index cannot be opened".to_owned()),
            };
            let results = crate::app::found::Results { query, hits };
            if tx.send(Action::Found(Box::new(results))).is_err() {
                return;
            }
        }
    });
    qtx
}

/// Run the reader until the user quits.
pub fn run(setup: Setup) -> anyhow::Result<()> {
    let Setup {
        mut model,
        mut keymap,
        mut draw,
        mouse,
        index,
        io,
    } = setup;
    let Io {
        mut mark_read,
        is_read,
        passages,
    } = io;
    let mut log = Log::from_env();
    model.keys = crate::app::layer::KeyNames::from_keymap(&keymap);
    let guard = TerminalGuard::enter(mouse)?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    terminal.clear()?;
    let (tx, rx) = mpsc::channel::<Msg>();
    // Dropped before the terminal guard: a signal from here on ends the loop as `q` does.
    let wake = tx.clone();
    let signals = crate::app::signals::install(move || {
        let _ = wake.send(Msg::Signal);
    })?;
    let atx = action_sender(tx.clone());
    let loader = spawn_serial(|path: PathBuf| Some(load_article(&path)), atx.clone());
    let marker = spawn_serial(
        move |path: PathBuf| {
            mark_read(&path)
                .err()
                .map(|e| Action::Failed(format!("read marks not saved: {e}")))
        },
        atx.clone(),
    );
    let searcher = index
        .as_ref()
        .and_then(|i| Some(spawn_searcher(i.root.clone(), i.db.clone()?, atx.clone())));
    let mut index = index.map(|i| (i, is_read));
    let size = terminal.size()?;
    let mut queue = std::collections::VecDeque::from([Action::Resize {
        width: size.width,
        height: size.height,
    }]);
    // The first frame is drawn before input is read.
    let mut input_started = false;
    // A test hook, only in builds with the `test-hooks` feature (the tests enable it).
    let panic_after_first_frame =
        cfg!(feature = "test-hooks") && std::env::var_os("TIDINGS_TEST_PANIC").is_some();
    let mut dirty = true;
    while !model.quit {
        if let Some(signal) = crate::app::signals::received() {
            log.line(&format!("signal {signal}: leaving the loop"));
            break;
        }
        // Perform every queued action and the effects they lead to.
        while let Some(action) = queue.pop_front() {
            let effect = update(&mut model, action);
            dirty = true;
            if effect != Effect::None {
                log.line(&format!("effect {effect:?}"));
            }
            match effect {
                Effect::None | Effect::Quit => {}
                Effect::Load(path) => {
                    let _ = loader.send(path);
                }
                Effect::MarkRead(path) => {
                    let _ = marker.send(path);
                }
                Effect::SearchStore(query) => match &searcher {
                    Some(s) => {
                        let _ = s.send(query);
                    }
                    None => queue.push_back(Action::Failed("no store index to search".into())),
                },
                Effect::Passages(e) => {
                    if let Some(a) = passages.perform(e, &atx) {
                        queue.push_back(a);
                    }
                }
                Effect::Fetch => crate::app::fetch::spawn(model.store.root.clone(), atx.clone()),
                Effect::OpenUrl(url) => {
                    if let Err(e) = crate::app::fetch::open_url(&url) {
                        queue.push_back(Action::Failed(e));
                    }
                }
            }
        }
        if model.quit {
            break;
        }
        if dirty {
            terminal.draw(|f| draw(f, &model, &keymap))?;
            dirty = false;
            assert!(
                !panic_after_first_frame,
                "TIDINGS_TEST_PANIC is set: a deliberate panic after the first frame"
            );
        }
        if !input_started {
            // After the first frame: nothing competes with it for the cores.
            input_started = true;
            spawn_input(tx.clone());
            if let Some((i, is_read)) = index.take() {
                spawn_index(i, is_read, atx.clone());
            }
        }
        // Wait for input or a worker, whichever comes first; then take what else is there.
        let Ok(first) = rx.recv() else { break };
        let mut next = Some(first);
        while let Some(msg) = next {
            match msg {
                Msg::Act(a) => queue.push_back(a),
                Msg::Term(ev) => handle_event(&model, &mut keymap, ev, &mut queue),
                Msg::InputEnded(e) => anyhow::bail!("reading the terminal failed: {e}"),
                Msg::Signal => {}
            }
            // A burst of worker messages never holds a key back: one at a time.
            next = if queue.is_empty() {
                rx.try_recv().ok()
            } else {
                None
            };
        }
    }
    drop(terminal);
    drop(signals);
    drop(guard);
    Ok(())
}

/// Turn one terminal event into actions through the keymap.
fn handle_event(
    model: &Model,
    keymap: &mut Keymap,
    ev: Event,
    queue: &mut std::collections::VecDeque<Action>,
) {
    // The key context comes from the layer on top.
    let mode = model.context().map_or(Mode::Line, Mode::Keys);
    match ev {
        Event::Key(k) => {
            if let Outcome::Action(a) = keymap.handle(mode, &k) {
                queue.push_back(a);
            }
        }
        Event::Mouse(me) => match me.kind {
            MouseEventKind::Down(MouseButton::Left) => queue.push_back(Action::Click {
                col: me.column,
                row: me.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                queue.push_back(Action::Wheel {
                    col: me.column,
                    row: me.row,
                    down: me.kind == MouseEventKind::ScrollDown,
                });
            }
            _ => {}
        },
        Event::Resize(width, height) => queue.push_back(Action::Resize { width, height }),
        Event::Paste(text) => queue.extend(crate::keymap::paste(mode, &text)),
        _ => {}
    }
}
