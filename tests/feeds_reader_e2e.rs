//! End to end under tmux: in the reader, `r` fetches a feed served on 127.0.0.1 while the
//! reader keeps answering, the new articles join the list, and `O` hands the open article's
//! url to `$BROWSER` without disturbing the screen. Skipped with a message without tmux.

#[path = "common/http.rs"]
mod http;
mod tmux_driver;

use std::path::Path;

use http::{Reply, Server};
use tmux_driver::{has_tmux, keys, tmux, wait_for};

const RSS2: &[u8] = include_bytes!("fixtures/feeds/rss2.xml");

const ARTICLE: &str = "+++
title = \"Ferry timetable moves to winter hours\"
source = \"The Test Gazette\"
published = \"2026-01-10\"
+++

The island ferry will leave an hour later on weekdays from next month, the operator said.
";

fn start(socket: &str, dir: &Path) {
    let bin = env!("CARGO_BIN_EXE_tidings");
    let d = dir.display();
    let script = format!(
        "TIDINGS_DATA={d}/data TIDINGS_CACHE={d}/cache TIDINGS_CONFIG_DIR={d}/config \
         BROWSER='{d}/browser.sh' NO_PROXY=127.0.0.1 '{bin}' --config '{d}/config/config.toml' \
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

#[test]
fn r_fetches_in_the_background_and_o_opens_the_url() {
    if !has_tmux() {
        return;
    }
    let server = Server::start(|_| Reply::ok("application/rss+xml", RSS2));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("articles")).unwrap();
    std::fs::create_dir_all(d.join("config")).unwrap();
    std::fs::write(d.join("articles/ferry.md"), ARTICLE).unwrap();
    std::fs::write(d.join("config/config.toml"), "").unwrap();
    std::fs::write(
        d.join("config/feeds.toml"),
        format!(
            "[[feed]]\nname = \"Ledger\"\nurl = \"{}\"\n",
            server.url("/rss")
        ),
    )
    .unwrap();
    let opened = d.join("opened");
    std::fs::write(
        d.join("browser.sh"),
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(d.join("browser.sh"), std::fs::Permissions::from_mode(0o755))
            .unwrap();
    }
    let socket = format!("tidings-feeds-{}", std::process::id());
    start(&socket, d);
    let (ok, screen) = wait_for(&socket, |s| s.contains("Ferry timetable"));
    assert!(ok, "the list shows the article:\n{screen}");
    keys(&socket, &["r"]);
    let (ok, screen) = wait_for(&socket, |s| s.contains("fetched 1 feed: 3 new"));
    assert!(ok, "the status line reports the fetch:\n{screen}");
    let (ok, screen) = wait_for(&socket, |s| {
        s.contains("Port strike ends after") && s.contains("Tram line opens")
    });
    assert!(ok, "the new articles are in the list:\n{screen}");
    assert_eq!(server.hits("/rss"), 1);
    // Open the newest article; its header shows the url; O hands the url to the browser.
    keys(&socket, &["g", "Enter"]);
    let link = server.url("/2026/10/24/port-deal");
    let (ok, screen) = wait_for(&socket, |s| {
        s.contains("The strike ended on Friday.") && s.contains(&link)
    });
    assert!(
        ok,
        "the article opens with its url in the header:\n{screen}"
    );
    keys(&socket, &["O"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !opened.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_eq!(std::fs::read_to_string(&opened).unwrap().trim(), link);
    let (ok, screen) = wait_for(&socket, |s| {
        s.contains("Reading") && s.contains("The strike ended")
    });
    assert!(
        ok,
        "the screen is intact after opening the browser:\n{screen}"
    );
    keys(&socket, &["q"]);
    let (ok, screen) = wait_for(&socket, |s| s.contains("ended"));
    tmux(&socket, &["kill-server"]);
    assert!(ok, "the reader quits:\n{screen}");
}
