//! Issue 15, F13 and F9 in the reader: a FIFO as `read.toml` (and as the bookmarks lock) meant
//! no first frame was ever drawn. Now the reader starts, says what is wrong, and quits.

mod tmux_driver;
use tmux_driver::{keys, start_session, tmux, wait_for};

#[test]
fn a_fifo_as_a_state_file_does_not_stop_the_reader() {
    if !tmux_driver::has_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        root.join("ferry.md"),
        "+++\ntitle = \"Ferry back on winter hours\"\n+++\n\n\u{201c}The last boat leaves at six,\u{201d} said Ana Ruiz.\n",
    )
    .unwrap();
    for fifo in ["read.toml", "bookmarks.toml.lock"] {
        let ok = std::process::Command::new("mkfifo")
            .arg(data.join(fifo))
            .status()
            .unwrap();
        assert!(ok.success());
    }
    std::fs::write(dir.path().join("config.toml"), "").unwrap();
    let socket = format!("tidings-fifo-{}", std::process::id());
    let bin = env!("CARGO_BIN_EXE_tidings");
    let d = dir.path().display();
    let script = format!(
        "TIDINGS_DATA={d}/data TIDINGS_CACHE={d}/cache '{bin}' --config '{d}/config.toml' \
         --articles '{d}/articles'; echo \"exit=$?\"; sleep 30"
    );
    start_session(&socket, 160, 40, &script);
    let ended = |screen: &str| {
        tmux(&socket, &["kill-server"]);
        screen.to_owned()
    };
    let (ok, screen) = wait_for(&socket, |s| {
        s.contains("Ferry back on winter hours") && s.contains("not a regular file")
    });
    assert!(ok, "the first frame, with the warning:\n{}", ended(&screen));
    keys(&socket, &["q"]);
    let (ok, screen) = wait_for(&socket, |s| s.contains("exit=0"));
    ended(&screen);
    assert!(ok, "the reader quits cleanly:\n{screen}");
}
