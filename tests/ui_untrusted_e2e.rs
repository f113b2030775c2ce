//! Issue 5 under tmux, as a user would meet it: a folder of good, bad and hostile files. The
//! reader starts, says how many files it skipped and lists them on `p`, reads the good files
//! (a BOM and CRLF line ends included), and the escape sequences in a hostile article are
//! shown, not obeyed: the terminal's title is not changed and the clipboard not written.

use std::path::Path;

mod tmux_driver;
use tmux_driver::{keys, start_session, tmux, wait_for};

const HOSTILE: &str = "+++\ntitle = \"Harbour \\u001b]0;PWNED-TITLE\\u0007notice\"\n\
published = \"2026-02-02\"\n+++\n\n\
The notice\u{1b}]52;c;cHduZWQ=\u{7} was posted on the gate\u{1b}[2J today.\n\n\
\u{201c}Keep off the pier,\u{201d} said Lena Marsh\u{202e}, the harbour master.\n";

const CRLF_BOM: &str = "\u{feff}+++\r\ntitle = \"Ferry back on winter hours\"\r\n\
published = \"2026-01-01\"\r\n+++\r\n\r\n\
\u{201c}The last boat leaves at six,\u{201d} said Ana Ruiz.\r\n";

fn write(root: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(root.join(name), bytes).unwrap();
}

#[test]
fn bad_and_hostile_files_never_hurt_the_reader() {
    if !tmux_driver::has_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    std::fs::create_dir_all(&root).unwrap();
    write(&root, "hostile.md", HOSTILE.as_bytes());
    write(&root, "ferry.md", CRLF_BOM.as_bytes());
    write(&root, "binary.md", b"\x00\x01\x02ELF");
    write(&root, "latin1.txt", b"Caf\xe9\n");
    write(&root, "open.md", b"+++\ntitle = \"never closed\"\n");
    write(&root, "types.md", b"+++\ntags = 7\n+++\nbody\n");
    write(&root, "marks.txt", "\u{201c}".repeat(10_000).as_bytes());
    std::os::unix::fs::symlink(&root, root.join("loop")).unwrap();
    std::fs::write(dir.path().join("config.toml"), "").unwrap();

    let socket = format!("tidings-untrusted-{}", std::process::id());
    let bin = env!("CARGO_BIN_EXE_tidings");
    let d = dir.path().display();
    let script = format!(
        "TIDINGS_DATA={d}/data TIDINGS_CACHE={d}/cache '{bin}' --config '{d}/config.toml' \
         --articles '{d}/articles'; echo \"exit=$?\"; sleep 30"
    );
    start_session(&socket, 120, 40, &script);
    // The list fills in from a worker: wait for the good article as well as the count.
    let (ok, screen) = wait_for(&socket, |s| {
        s.contains("skipped") && s.contains("Ferry back on winter hours")
    });
    let ended = |screen: &str| {
        tmux(&socket, &["kill-server"]);
        screen.to_owned()
    };
    assert!(
        ok,
        "the status bar counts the skipped files:\n{}",
        ended(&screen)
    );
    assert!(
        screen.contains("Ferry back on winter hours"),
        "{}",
        ended(&screen)
    );

    keys(&socket, &["p"]);
    let (ok, screen) = wait_for(&socket, |s| {
        s.contains("binary.md") && s.contains("open.md")
    });
    assert!(ok, "p lists the skipped files:\n{}", ended(&screen));
    for name in ["binary.md", "latin1.txt", "open.md", "types.md", "loop"] {
        assert!(
            screen.contains(name),
            "{name} not listed:\n{}",
            ended(&screen)
        );
    }
    keys(&socket, &["Escape"]);

    // The hostile article is the newest: open it.
    keys(&socket, &["g", "Enter"]);
    let (ok, screen) = wait_for(&socket, |s| s.contains("was posted on the"));
    assert!(ok, "the hostile article opens:\n{}", ended(&screen));
    assert!(
        screen.contains('␛'),
        "escapes are shown as ␛:\n{}",
        ended(&screen)
    );
    assert!(screen.contains("Lena Marsh"), "{}", ended(&screen));
    let title = tmux(&socket, &["display", "-p", "-t", "t", "#{pane_title}"]).unwrap_or_default();
    assert!(!title.contains("PWNED"), "the title was set: {title}");
    let buffers = tmux(&socket, &["list-buffers"]).unwrap_or_default();
    assert!(
        buffers.trim().is_empty(),
        "the clipboard was written: {buffers}"
    );

    // The BOM + CRLF article reads, with its quotation attributed.
    keys(&socket, &["j", "Enter"]);
    let (ok, screen) = wait_for(&socket, |s| s.contains("The last boat leaves at six"));
    assert!(ok, "{}", ended(&screen));
    assert!(screen.contains("Ana Ruiz"), "{}", ended(&screen));

    keys(&socket, &["q"]);
    let (ok, screen) = wait_for(&socket, |s| s.contains("exit=0"));
    ended(&screen);
    assert!(ok, "the reader quits cleanly:\n{screen}");
}
