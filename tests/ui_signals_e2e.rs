//! Issue 15, F5: a signal while the reader runs leaves the terminal as it was. After
//! `kill -TERM` (likewise INT, HUP and QUIT) the alternate screen is left, mouse reporting is
//! off, the cursor shows, the tty is out of raw mode (`stty -a`, under plain `sh`), and the
//! exit status is 128 + the signal's number.

use std::process::Command;

mod tmux_driver;
use tmux_driver::{start_session, tmux, wait_for};

/// The pane's terminal modes: alternate screen, cursor shown, any mouse reporting.
fn modes(socket: &str) -> String {
    tmux(
        socket,
        &[
            "display",
            "-p",
            "-t",
            "t",
            "alt=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag}",
        ],
    )
    .unwrap_or_default()
    .trim()
    .to_owned()
}

fn ends_cleanly_on(signal: &str, number: i32) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("ferry.md"),
        "+++\ntitle = \"Ferry back on winter hours\"\n+++\n\n\u{201c}The last boat leaves at six,\u{201d} said Ana Ruiz.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("config.toml"), "mouse = true\n").unwrap();
    let socket = format!("tidings-signal-{signal}-{}", std::process::id());
    let bin = env!("CARGO_BIN_EXE_tidings");
    let d = dir.path().display();
    let script = format!(
        "sh -c 'echo $$ > {d}/pid; exec env TIDINGS_DATA={d}/data TIDINGS_CACHE={d}/cache TIDINGS_LOG={d}/log \
         {bin} --config {d}/config.toml --articles {d}/articles'; echo \"exit=$?\"; stty -a; echo stty-done; \
         sleep 30"
    );
    start_session(&socket, 120, 40, &script);
    let ended = |screen: &str| {
        tmux(&socket, &["kill-server"]);
        screen.to_owned()
    };
    let (ok, screen) = wait_for(&socket, |s| s.contains("Ferry back on winter hours"));
    assert!(ok, "{signal}: the reader starts:\n{}", ended(&screen));
    let before = modes(&socket);
    assert_eq!(
        before, "alt=1 cursor=0 mouse=1",
        "{signal}: the reader's modes"
    );

    let pid = std::fs::read_to_string(dir.path().join("pid")).unwrap();
    let killed = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.trim())
        .status()
        .unwrap();
    assert!(killed.success());
    let (ok, screen) = wait_for(&socket, |s| s.contains("exit=") && s.contains("stty-done"));
    let after = modes(&socket);
    let screen = ended(&screen);
    assert!(ok, "{signal}: the reader ends:\n{screen}");
    assert!(
        screen.contains(&format!("exit={}", 128 + number)),
        "{signal}: exit status:\n{screen}"
    );
    assert_eq!(after, "alt=0 cursor=1 mouse=0", "{signal}:\n{screen}");
    // The loop itself left (as on `q`), rather than the fallback after a second.
    let log = std::fs::read_to_string(dir.path().join("log")).unwrap_or_default();
    assert!(
        log.contains(&format!("signal {number}: leaving the loop")),
        "{signal}: {log}"
    );
    let words: Vec<&str> = screen.split_whitespace().collect();
    for sane in ["icanon", "echo", "isig", "icrnl", "opost"] {
        assert!(
            words.contains(&sane),
            "{signal}: `stty -a` shows -{sane} (raw mode left on):\n{screen}"
        );
    }
}

#[test]
fn term_int_hup_and_quit_restore_the_terminal() {
    if !tmux_driver::has_tmux() {
        return;
    }
    for (signal, number) in [("TERM", 15), ("INT", 2), ("HUP", 1), ("QUIT", 3)] {
        ends_cleanly_on(signal, number);
    }
}
