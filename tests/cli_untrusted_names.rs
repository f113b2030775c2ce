//! Issue 15, F7: file and folder names reach the terminal only through the sanitiser, in
//! every command's output and errors (`tidings quotes` printed the file name raw).

use std::path::Path;
use std::process::Command;

const HOSTILE: &str = "x\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}1m\u{202e}y";

fn run(dir: &Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .env("TIDINGS_DATA", dir.join("data"))
        .env("TIDINGS_CACHE", dir.join("cache"))
        .env("TIDINGS_CONFIG_DIR", dir.join("config"))
        .env_remove("TIDINGS_ARTICLES")
        .env_remove("TIDINGS_CONFIG")
        .output()
        .expect("run tidings")
}

/// Nothing a terminal would obey, on either stream; and the name is still shown.
fn assert_clean(what: &str, out: &std::process::Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.chars().any(tidings::sanitize::is_unsafe),
            "{what}: raw control characters on {stream}: {text:?}"
        );
    }
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        all.contains("PWNED"),
        "{what}: the name is not shown: {all:?}"
    );
}

#[test]
fn quotes_errors_name_the_file_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join(format!("{HOSTILE}.md"));
    let out = run(dir.path(), &["quotes".as_ref(), missing.as_os_str()]);
    assert!(!out.status.success());
    assert_clean("quotes on a missing file", &out);

    let binary = dir.path().join(format!("{HOSTILE}-bin.md"));
    std::fs::write(&binary, b"\x00\x01ELF").unwrap();
    let out = run(dir.path(), &["quotes".as_ref(), binary.as_os_str()]);
    assert!(!out.status.success());
    assert_clean("quotes on a binary file", &out);
}

#[test]
fn store_commands_name_folders_and_files_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join(HOSTILE);
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join(format!("{HOSTILE}.md")), b"\x00bad").unwrap();
    std::fs::write(
        root.join("good.md"),
        "+++\ntitle = \"Good\"\n+++\n\n\u{201c}Fine,\u{201d} said Ana Ruiz.\n",
    )
    .unwrap();
    for cmd in ["list", "check", "speakers", "bookmarks"] {
        let out = run(
            dir.path(),
            &[cmd.as_ref(), "--articles".as_ref(), root.as_os_str()],
        );
        let all = String::from_utf8_lossy(&out.stderr);
        if cmd == "bookmarks" || cmd == "speakers" {
            // Nothing to name here: only that nothing raw is printed.
            assert!(!all.chars().any(tidings::sanitize::is_unsafe), "{all:?}");
            continue;
        }
        assert_clean(cmd, &out);
    }
    let missing = dir.path().join(format!("{HOSTILE}-none"));
    for cmd in ["list", "check", "speakers"] {
        let out = run(
            dir.path(),
            &[cmd.as_ref(), "--articles".as_ref(), missing.as_os_str()],
        );
        assert!(!out.status.success(), "{cmd}");
        assert_clean(&format!("{cmd} on a missing folder"), &out);
    }
}

#[test]
fn state_warnings_name_the_data_folder_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join(HOSTILE);
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("bookmarks.toml"), "[[[").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .arg("bookmarks")
        .env("TIDINGS_DATA", &data)
        .env("TIDINGS_CACHE", dir.path().join("cache"))
        .env("TIDINGS_CONFIG_DIR", dir.path().join("config"))
        .output()
        .unwrap();
    assert_clean("bookmarks with a corrupt file", &out);

    // A speaker cache that cannot be written: its folder is a file.
    let cache = dir.path().join(format!("{HOSTILE}-cache"));
    std::fs::write(&cache, "").unwrap();
    let root = dir.path().join("articles");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("a.md"), "\u{201c}Fine,\u{201d} said Ana Ruiz.\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["speakers", "--articles"])
        .arg(&root)
        .env("TIDINGS_DATA", dir.path().join("data"))
        .env("TIDINGS_CACHE", &cache)
        .env("TIDINGS_CONFIG_DIR", dir.path().join("config"))
        .output()
        .unwrap();
    assert_clean("speakers with an unwritable cache", &out);
}

#[test]
fn config_errors_of_the_reader_name_the_file_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(format!("{HOSTILE}.toml"));
    std::fs::write(
        &config,
        "[keys]\nquit = [\"\\u001b]0;KEYPWN\\u0007\"]\nnope = 1\n",
    )
    .unwrap();
    let out = run(dir.path(), &["--config".as_ref(), config.as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_clean("the reader with a bad config", &out);
}
