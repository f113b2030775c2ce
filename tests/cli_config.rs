//! Every command loads the configuration once, the same way, with the same errors (issue
//! 13, bug 5); the folder of articles must be a folder (bug 6); error messages never carry
//! terminal controls (issue 15, F6); keys that leave no way to quit are refused (F14).

use std::path::Path;
use std::process::{Command, Output};

fn tidings(cwd: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tidings"));
    c.current_dir(cwd)
        .env_remove("TIDINGS_CONFIG")
        .env_remove("TIDINGS_ARTICLES")
        .env("TIDINGS_CONFIG_DIR", "/nonexistent/tidings-config")
        .env("TIDINGS_DATA", cwd.join("data"))
        .env("TIDINGS_CACHE", cwd.join("cache"));
    c
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The commands that take the global options, with their arguments.
const COMMANDS: &[&[&str]] = &[
    &["list"],
    &["check"],
    &["speakers"],
    &["bookmarks"],
    &["quotes", "a.md"],
    &["search", "pier"],
    &["extract", "a.html"],
    &["add", "a.html"],
    &["feed", "list"],
    &["fetch"],
    // the reader: it must stop before it touches the terminal
    &[],
];

#[test]
fn a_bad_config_is_exit_2_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("articles")).unwrap();
    std::fs::write(root.join("a.md"), "Text.\n").unwrap();
    let cases = [
        ("bad_toml.toml", "mouse = \n", "bad_toml.toml:1:"),
        (
            "unknown_action.toml",
            "[keys]\n\nfly = [\"x\"]\n",
            "unknown_action.toml:3: keys.fly",
        ),
        (
            "wrong_table.toml",
            "[keys]\ndelete-bookmark = [\"x\"]\n",
            "wrong_table.toml:2: keys.delete-bookmark",
        ),
        (
            "no_quit.toml",
            "[keys]\nquit = []\n",
            "no_quit.toml:2: keys.quit",
        ),
        ("missing.toml", "", "missing.toml: cannot read"),
    ];
    for (name, text, said) in cases {
        let path = root.join(name);
        if !text.is_empty() {
            std::fs::write(&path, text).unwrap();
        }
        for args in COMMANDS {
            let out = tidings(root)
                .arg("--config")
                .arg(&path)
                .args(*args)
                .output()
                .unwrap();
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{name} {args:?}: {err}");
            assert!(err.contains(said), "{name} {args:?}: {err}");
            assert!(out.stdout.is_empty(), "{name} {args:?}: nothing on stdout");
        }
    }
}

#[test]
fn articles_in_a_config_file_is_relative_to_that_file_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("conf");
    std::fs::create_dir_all(conf.join("news/local")).unwrap();
    std::fs::write(
        conf.join("news/local/pier.md"),
        "+++\ntitle = \"Pier reopens\"\n+++\nThe pier reopens.\n",
    )
    .unwrap();
    std::fs::write(conf.join("config.toml"), "articles = \"news\"\n").unwrap();
    // run from elsewhere, where there is no ./news and no ./articles
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let out = tidings(&elsewhere)
        .arg("--config")
        .arg(conf.join("config.toml"))
        .arg("list")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Pier reopens"));
    // the same through TIDINGS_CONFIG, and through `check`
    let out = tidings(&elsewhere)
        .env("TIDINGS_CONFIG", conf.join("config.toml"))
        .arg("check")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 file"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_missing_folder_or_a_file_as_the_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("some-file.md"), "Text.\n").unwrap();
    for args in [&["list"][..], &["speakers"], &[]] {
        let out = tidings(root)
            .args(["--articles", "/nope/none"])
            .args(args)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("no articles folder at /nope/none"),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}: the reader did not start");
        let out = tidings(root)
            .args(["--articles", "some-file.md"])
            .args(args)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("some-file.md is not a folder"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn config_errors_never_print_terminal_controls() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("articles")).unwrap();
    let cases = [
        // sets the terminal title
        "[keys]\nquit = [\"\\u001b]0;KEYPWN\\u0007\"]\n",
        // writes the clipboard (OSC 52) through an unknown action's name
        "[keys]\n\"\\u001b]52;c;cHduZWQ=\\u0007\" = [\"x\"]\n",
        // an unknown colour
        "[theme]\nfocus = \"\\u001b[2J\"\n",
        // NUL and a bidi override
        "[keys]\nup = [\"a\\u0000\\u202eb\"]\n",
    ];
    for (i, text) in cases.iter().enumerate() {
        let path = root.join(format!("evil{i}.toml"));
        std::fs::write(&path, text).unwrap();
        for args in [&["list"][..], &[]] {
            let out = tidings(root)
                .arg("--config")
                .arg(&path)
                .args(args)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{text}");
            let err = stderr(&out);
            assert!(
                !err.chars().any(tidings::sanitize::is_unsafe),
                "{text}: {err:?}"
            );
        }
    }
    // a file name with an escape sequence
    let out = tidings(root)
        .arg("--config")
        .arg("/nope/\u{1b}]0;x\u{7}.toml")
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr(&out).chars().any(tidings::sanitize::is_unsafe));
}
