//! Signals while the reader owns the terminal. TERM, INT, HUP and QUIT (and USR1, whose
//! default would also end the process) ask the loop to quit as `q` does: it leaves, the
//! terminal guard restores the terminal, and the process exits with 128 + the signal's number.
//! Every state file is written when it changes, so that is all there is to save. Should the
//! loop not leave within [`GRACE`] (busy, or waiting on something), the signal's thread
//! restores the terminal itself and exits; a second signal does so at once.
//!
//! The loop calls [`received`] once per turn; the `wake` given to [`install`] sends it a
//! message so that a loop waiting on input and workers turns at once.

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1};
use signal_hook::iterator::{Handle, Signals};

use super::run::restore_terminal;

/// The signals that end the reader cleanly.
pub const HANDLED: [i32; 5] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1];

/// How long the loop has to leave after a signal before the terminal is restored from the
/// signal's thread.
pub const GRACE: Duration = Duration::from_secs(1);

static RECEIVED: AtomicI32 = AtomicI32::new(0);

/// The signal received while the reader ran, if any.
pub fn received() -> Option<i32> {
    Some(RECEIVED.load(Ordering::SeqCst)).filter(|&s| s != 0)
}

/// The exit status for a process ended by `signal`: 128 + its number.
pub fn exit_status(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(u8::MAX)
}

/// Handling is on while this lives; dropping it (when the loop has left) turns it off.
pub struct SignalGuard {
    handle: Handle,
    left: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// Start handling [`HANDLED`]. `wake` is called on a signal so that a loop blocked on
/// something else looks at [`received`] now.
pub fn install(wake: impl Fn() + Send + 'static) -> std::io::Result<SignalGuard> {
    let mut signals = Signals::new(HANDLED)?;
    let handle = signals.handle();
    let (left, loop_left) = mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        let first = signals.forever().next();
        let Some(signal) = first else {
            return; // closed: the reader has ended
        };
        RECEIVED.store(signal, Ordering::SeqCst);
        wake();
        let step = Duration::from_millis(20);
        let mut waited = Duration::ZERO;
        while waited < GRACE {
            match loop_left.recv_timeout(step) {
                Err(mpsc::RecvTimeoutError::Timeout) => waited += step,
                // The loop has left: the reader exits with the signal's status itself.
                _ => return,
            }
            if signals.pending().next().is_some() {
                break; // a second signal: no more waiting
            }
        }
        restore_terminal();
        std::process::exit(i32::from(exit_status(signal)));
    });
    Ok(SignalGuard {
        handle,
        left: Some(left),
        thread: Some(thread),
    })
}

impl Drop for SignalGuard {
    fn drop(&mut self) {
        // The loop has left: a waiting signal thread returns, an idle one stops.
        self.left.take();
        self.handle.close();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
