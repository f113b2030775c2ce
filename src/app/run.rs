//! The run loop: owns the terminal, turns terminal events into actions through the keymap,
//! calls `update`, performs the effects it returns and draws.

use std::io::{Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

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
use crate::app::model::{Model, Progress};
use crate::app::update::{Effect, update};
use crate::article::{self, Entry, Problem, Store};
use crate::keymap::{Keymap, Mode, Outcome};
use crate::ui::{self, Theme, Ui};

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

/// A persistence step the loop performs; `Err` is shown in the status bar.
pub type Persist<T> = Box<dyn FnMut(&T) -> Result<(), String>>;

/// The I/O the loop performs for effects, supplied by the caller.
pub struct Io {
    /// Persist a read mark.
    pub mark_read: Persist<Path>,
    /// Write the metadata cache once indexing is done.
    pub save_cache: Persist<Store>,
    /// Bookmarks file and speaker index (issue 4).
    pub passages: crate::app::persist::PassageIo,
}

/// Everything the reader starts from.
pub struct Setup {
    pub model: Model,
    pub keymap: Keymap,
    pub theme: Theme,
    pub mouse: bool,
    /// Files to index in the background.
    pub pending: Vec<PathBuf>,
    pub io: Io,
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

/// Index `pending` on a worker thread, sending batches of results.
fn spawn_indexer(root: PathBuf, pending: Vec<PathBuf>, tx: mpsc::Sender<Action>) {
    std::thread::spawn(move || {
        let mut batch: Vec<Result<Entry, Problem>> = Vec::new();
        let mut last = Instant::now();
        for path in pending {
            batch.push(article::index_file(&root, &path));
            if batch.len() >= 512 || last.elapsed() > Duration::from_millis(100) {
                if tx
                    .send(Action::Indexed(std::mem::take(&mut batch)))
                    .is_err()
                {
                    return;
                }
                last = Instant::now();
            }
        }
        if !batch.is_empty() {
            let _ = tx.send(Action::Indexed(batch));
        }
        let _ = tx.send(Action::IndexDone);
    });
}

/// Run the reader until the user quits.
pub fn run(setup: Setup) -> anyhow::Result<()> {
    let Setup {
        mut model,
        mut keymap,
        theme,
        mouse,
        pending,
        mut io,
    } = setup;
    let mut log = Log::from_env();
    model.keys = crate::app::layer::KeyNames::from_keymap(&keymap);
    let guard = TerminalGuard::enter(mouse)?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    terminal.clear()?;
    let (tx, rx) = mpsc::channel::<Action>();
    if !pending.is_empty() {
        log.line(&format!("indexing {} files", pending.len()));
        model.indexing = Some(Progress {
            done: 0,
            total: pending.len(),
        });
        spawn_indexer(model.store.root.clone(), pending, tx.clone());
    }
    let size = terminal.size()?;
    let mut queue = std::collections::VecDeque::from([Action::Resize {
        width: size.width,
        height: size.height,
    }]);
    // A test hook, only in builds with the `test-hooks` feature (the tests enable it).
    let panic_after_first_frame =
        cfg!(feature = "test-hooks") && std::env::var_os("TIDINGS_TEST_PANIC").is_some();
    let mut dirty = true;
    while !model.quit {
        // Perform every queued action and the effects they lead to.
        while let Some(action) = queue.pop_front() {
            let effect = update(&mut model, action);
            dirty = true;
            if effect != Effect::None {
                log.line(&format!("effect {effect:?}"));
            }
            match effect {
                Effect::None | Effect::Quit => {}
                Effect::Load(path) => queue.push_back(load_article(&path)),
                Effect::MarkRead(path) => {
                    if let Err(e) = (io.mark_read)(&path) {
                        queue.push_back(Action::Failed(format!("read marks not saved: {e}")));
                    }
                }
                Effect::Passages(e) => {
                    if let Some(a) = io.passages.perform(e, &tx) {
                        queue.push_back(a);
                    }
                }
                Effect::SaveCache => {
                    if let Err(e) = (io.save_cache)(&model.store) {
                        queue.push_back(Action::Failed(format!("cache not saved: {e}")));
                    }
                }
            }
        }
        if model.quit {
            break;
        }
        if dirty {
            terminal.draw(|f| {
                ui::draw(
                    f,
                    &Ui {
                        model: &model,
                        theme: &theme,
                        keymap: &keymap,
                    },
                );
            })?;
            dirty = false;
            assert!(
                !panic_after_first_frame,
                "TIDINGS_TEST_PANIC is set: a deliberate panic after the first frame"
            );
        }
        if event::poll(Duration::from_millis(50))? {
            let mode = model.context().map_or(Mode::Line, Mode::Keys);
            match event::read()? {
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
        while let Ok(a) = rx.try_recv() {
            queue.push_back(a);
        }
    }
    drop(terminal);
    drop(guard);
    Ok(())
}
