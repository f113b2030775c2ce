//! Driving the real binary under tmux, as a user would: start it in a detached session of a
//! private tmux server, type keys, read the screen.

#![allow(dead_code)] // each test file uses its own part of this

use std::process::Command;
use std::time::{Duration, Instant};

/// Whether tmux is installed; when not, a test says so and skips. Under CI (`CI` set, as CI
/// services do) a missing tmux is a failure: the end-to-end tests must not pass unseen.
pub fn has_tmux() -> bool {
    let ok = Command::new("tmux").arg("-V").output().is_ok();
    if !ok {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
        assert!(
            !ci,
            "tmux is not installed, and CI is set: the end-to-end tests cannot run (install tmux)"
        );
        eprintln!("tmux is not installed: skipped (CI installs it; see .ci/run)");
    }
    ok
}

/// Run one tmux command against the private server `socket`; its standard output.
pub fn tmux(socket: &str, args: &[&str]) -> Option<String> {
    let out = Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Start `script` in session "t" of a new server, `width` x `height`.
pub fn start_session(socket: &str, width: u16, height: u16, script: &str) {
    let (w, h) = (width.to_string(), height.to_string());
    tmux(
        socket,
        &["new-session", "-d", "-s", "t", "-x", &w, "-y", &h, script],
    )
    .expect("tmux starts");
}

/// The pane's text.
pub fn screen(socket: &str) -> String {
    tmux(socket, &["capture-pane", "-p", "-t", "t"]).unwrap_or_default()
}

/// Wait until `check` holds for the pane's text (20 s at most); the last screen either way.
pub fn wait_for(socket: &str, check: impl Fn(&str) -> bool) -> (bool, String) {
    let start = Instant::now();
    loop {
        let text = screen(socket);
        if check(&text) {
            return (true, text);
        }
        if start.elapsed() > Duration::from_secs(20) {
            return (false, text);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Send keys one at a time (tmux key names: "Enter", "C-o", "Tab"...).
pub fn keys(socket: &str, keys: &[&str]) {
    for k in keys {
        tmux(socket, &["send-keys", "-t", "t", k]);
        std::thread::sleep(Duration::from_millis(150));
    }
}

/// Type text literally.
pub fn literal(socket: &str, text: &str) {
    tmux(socket, &["send-keys", "-t", "t", "-l", text]);
    std::thread::sleep(Duration::from_millis(150));
}
