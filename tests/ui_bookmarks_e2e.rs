//! End to end under tmux, as a new user would: open an article, bookmark a paragraph with a
//! note, quit, start again and find it in the bookmarks view (`B`) and in
//! `tidings bookmarks --json`; follow a speaker quoted in two articles from one to the other
//! with `o` and come back with ctrl-o. Skipped with a message when tmux is not installed.

use std::path::Path;
use std::process::Command;

mod tmux_driver;
use tmux_driver::{keys, literal, tmux, wait_for};

/// Start the reader in a new tmux server; the pane prints "ended" once it exits.
fn start(socket: &str, dir: &Path) {
    let bin = env!("CARGO_BIN_EXE_tidings");
    let d = dir.display();
    let script = format!(
        "TIDINGS_DATA={d}/data TIDINGS_CACHE={d}/cache '{bin}' --config '{d}/config.toml' \
         --articles '{d}/articles'; echo ended; sleep 30"
    );
    tmux(
        socket,
        &[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "140",
            "-y",
            "40",
            &script,
        ],
    )
    .expect("tmux starts");
}

const ARTICLE: &str = "+++
title = \"Ferry timetable moves to winter hours\"
source = \"The Test Gazette\"
published = \"2026-01-10\"
+++

The island ferry will leave an hour later on weekdays from next month, the operator said.

Passengers with season tickets keep their fares until the spring.
";

/// A folder with the ferry article; the reader started on it, the article open and the note
/// line of a new bookmark waiting for text.
fn at_the_note_line(socket: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/ferry.md"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("config.toml"), "").unwrap();
    start(socket, dir.path());
    let (ok, screen) = wait_for(socket, |s| s.contains("Ferry timetable"));
    assert!(ok, "the list shows the article:\n{screen}");
    keys(socket, &["Enter"]);
    let (ok, screen) = wait_for(socket, |s| s.contains("island ferry will leave"));
    assert!(ok, "the article opens:\n{screen}");
    keys(socket, &["Tab", "b"]);
    let (ok, screen) = wait_for(socket, |s| s.contains("note: "));
    assert!(ok, "the note line opens:\n{screen}");
    dir
}

/// `tidings bookmarks --json` on the folder's data.
fn bookmarks_json(d: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("TIDINGS_DATA", d.join("data"))
        .env("TIDINGS_CACHE", d.join("cache"))
        .args(["--articles"])
        .arg(d.join("articles"))
        .args(["bookmarks", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_bookmark_with_a_note_survives_a_restart() {
    if !tmux_driver::has_tmux() {
        return;
    }
    let socket = format!("tidings-bm-{}", std::process::id());
    let dir = at_the_note_line(&socket);
    literal(&socket, "ring the harbour office");
    // ctrl-w takes the last word back, as in a shell
    keys(&socket, &["C-w"]);
    literal(&socket, "port office");
    keys(&socket, &["Enter"]);
    let (ok, screen) = wait_for(&socket, |s| s.contains("bookmarked"));
    assert!(ok, "saved:\n{screen}");
    keys(&socket, &["q"]);
    let (ok, screen) = wait_for(&socket, |s| s.contains("ended"));
    tmux(&socket, &["kill-server"]);
    assert!(ok, "the reader quits:\n{screen}");

    // A fresh tmux server for the second run (a server being killed may still hold the socket).
    let again = format!("{socket}-again");
    start(&again, dir.path());
    let (ok, screen) = wait_for(&again, |s| s.contains("Ferry timetable"));
    assert!(ok, "{screen}");
    keys(&again, &["B"]);
    let (ok, screen) = wait_for(&again, |s| {
        s.contains("Bookmarks (1)") && s.contains("ring the harbour port office")
    });
    assert!(ok, "the bookmark is in the bookmarks view:\n{screen}");
    assert!(screen.contains("The island ferry will leave"), "{screen}");
    // Enter opens the article at the passage
    keys(&again, &["Enter"]);
    let (ok, screen) = wait_for(&again, |s| !s.contains("Bookmarks (1)"));
    assert!(ok, "{screen}");
    assert!(
        screen.contains("▌The island ferry"),
        "marked passage:\n{screen}"
    );
    keys(&again, &["q"]);
    wait_for(&again, |s| s.contains("ended"));
    tmux(&again, &["kill-server"]);

    let json = bookmarks_json(dir.path());
    let list = json.as_array().expect("a list");
    assert_eq!(list.len(), 1, "{json}");
    let b = &list[0];
    assert_eq!(b["note"], "ring the harbour port office");
    assert_eq!(
        b["passage"],
        "The island ferry will leave an hour later on weekdays from next month, the operator said."
    );
    assert_eq!(b["title"], "Ferry timetable moves to winter hours");
    assert_eq!(b["anchor"]["status"], "exact");
}

#[test]
fn a_pasted_note_with_line_breaks_stays_one_note() {
    if !tmux_driver::has_tmux() {
        return;
    }
    let socket = format!("tidings-paste-{}", std::process::id());
    let dir = at_the_note_line(&socket);
    // Pasted as a terminal pastes (bracketed, since the reader asks for it): two lines.
    tmux(&socket, &["set-buffer", "ask the\nharbour office"]).expect("tmux buffer");
    tmux(&socket, &["paste-buffer", "-p", "-t", "t"]).expect("tmux paste");
    let (ok, screen) = wait_for(&socket, |s| s.contains("note: ask the harbour office"));
    assert!(ok, "the pasted lines are one line of the note:\n{screen}");
    assert!(
        !screen.contains("bookmarked"),
        "the paste did not submit:\n{screen}"
    );
    keys(&socket, &["Enter"]);
    let (ok, screen) = wait_for(&socket, |s| s.contains("bookmarked"));
    assert!(ok, "saved:\n{screen}");
    keys(&socket, &["q"]);
    wait_for(&socket, |s| s.contains("ended"));
    tmux(&socket, &["kill-server"]);

    let json = bookmarks_json(dir.path());
    assert_eq!(json[0]["note"], "ask the harbour office", "{json}");
}

const DREDGING: &str = "+++
title = \"Harbour to be dredged in May\"
published = \"2026-01-05\"
+++

The harbour channel will be dredged in May, the port said on Tuesday.

\"We will start at the northern mole and work south,\" said Lena Marsh, the harbour master.
";

const BRIDGE: &str = "+++
title = \"Swing bridge stays open through the storm\"
published = \"2026-01-09\"
+++

The swing bridge stayed open on Friday despite strong winds.

\"The bridge stays open unless the gusts pass ninety kilometres an hour,\" said Lena Marsh, the harbour master.
";

/// Relies on the quote engine finding `"…," said NAME` (the plainest attribution there is).
#[test]
fn o_follows_a_speaker_into_another_article_and_ctrl_o_comes_back() {
    if !tmux_driver::has_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/a-dredging.md"), DREDGING).unwrap();
    std::fs::write(dir.path().join("articles/b-bridge.md"), BRIDGE).unwrap();
    std::fs::write(dir.path().join("config.toml"), "").unwrap();
    let socket = format!("tidings-src-{}", std::process::id());
    start(&socket, dir.path());
    let (ok, screen) = wait_for(&socket, |s| s.contains("Swing bridge"));
    assert!(ok, "{screen}");
    // The newest (the bridge) is first: open it, go to the quotes pane, follow the speaker.
    keys(&socket, &["Enter"]);
    let (ok, screen) = wait_for(&socket, |s| s.contains("despite strong winds"));
    assert!(ok, "{screen}");
    keys(&socket, &["Tab", "Tab", "o"]);
    let (ok, screen) = wait_for(&socket, |s| {
        s.contains("Lena Marsh: 2 quotations in 2 articles")
    });
    assert!(ok, "the sources view lists both articles:\n{screen}");
    assert!(screen.contains("northern mole"), "{screen}");
    // The dredging article comes first (by path): up, then enter.
    keys(&socket, &["k", "Enter"]);
    let (ok, screen) = wait_for(&socket, |s| {
        s.contains("dredged in May, the port said") && !s.contains("2 quotations")
    });
    assert!(ok, "the other article is open:\n{screen}");
    keys(&socket, &["C-o"]);
    let (ok, screen) = wait_for(&socket, |s| s.contains("despite strong winds"));
    assert!(ok, "ctrl-o goes back:\n{screen}");
    keys(&socket, &["M-o"]);
    let (ok, screen) = wait_for(&socket, |s| s.contains("dredged in May, the port said"));
    assert!(ok, "alt-o goes forward again:\n{screen}");
    keys(&socket, &["q"]);
    wait_for(&socket, |s| s.contains("ended"));
    tmux(&socket, &["kill-server"]);
}

#[test]
fn a_corrupt_bookmarks_file_is_set_aside_and_the_reader_says_so() {
    if !tmux_driver::has_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::write(dir.path().join("articles/ferry.md"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("config.toml"), "").unwrap();
    let garbage = "[[bookmark]\nthis is not toml";
    std::fs::write(dir.path().join("data/bookmarks.toml"), garbage).unwrap();
    let socket = format!("tidings-bad-{}", std::process::id());
    start(&socket, dir.path());
    let (ok, screen) = wait_for(&socket, |s| s.contains("could not be read"));
    keys(&socket, &["q"]);
    wait_for(&socket, |s| s.contains("ended"));
    tmux(&socket, &["kill-server"]);
    assert!(ok, "the status bar tells:\n{screen}");
    let aside: Vec<_> = std::fs::read_dir(dir.path().join("data"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("bookmarks.toml.corrupt-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read_to_string(aside[0].path()).unwrap(), garbage);
}

/// The reader's process id: the child of the pane's shell.
fn reader_pid(socket: &str) -> String {
    let shell = tmux(socket, &["list-panes", "-t", "t", "-F", "#{pane_pid}"])
        .unwrap_or_default()
        .trim()
        .to_owned();
    let children =
        std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap_or_default();
    children
        .split_whitespace()
        .next()
        .expect("the reader runs under the pane's shell")
        .to_owned()
}

#[test]
fn a_signal_while_the_note_is_typed_keeps_the_bookmark() {
    if !tmux_driver::has_tmux() {
        return;
    }
    let socket = format!("tidings-sig-{}", std::process::id());
    let dir = at_the_note_line(&socket);
    literal(&socket, "half a thou");
    let (ok, screen) = wait_for(&socket, |s| s.contains("half a thou"));
    assert!(ok, "{screen}");
    // The hardest case: no handler can run.
    let pid = reader_pid(&socket);
    let killed = Command::new("kill").args(["-KILL", &pid]).status().unwrap();
    assert!(killed.success());
    let (ok, screen) = wait_for(&socket, |s| s.contains("ended"));
    tmux(&socket, &["kill-server"]);
    assert!(ok, "the reader is gone:\n{screen}");
    let json = bookmarks_json(dir.path());
    let list = json.as_array().expect("a list");
    assert_eq!(list.len(), 1, "saved when b was pressed: {json}");
    assert_eq!(
        list[0]["passage"],
        "The island ferry will leave an hour later on weekdays from next month, the operator said."
    );
    assert_eq!(list[0]["note"], "");
}
