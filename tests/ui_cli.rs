//! The reader binary end to end: a bad configuration exits 2 before touching the terminal;
//! a panic gives the terminal back before its message (under tmux, when tmux is installed).

use std::path::Path;
use std::process::Command;

mod tmux_driver;
use tmux_driver::{tmux, wait_for};

fn tidings() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tidings"));
    c.env_remove("TIDINGS_CONFIG")
        .env("TIDINGS_CONFIG_DIR", "/nonexistent/tidings-config");
    c
}

#[test]
fn a_bad_config_exits_2_naming_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "unknown_action.toml",
            "mouse = true\n[keys]\nfly = [\"x\"]\n",
            3,
            "keys.fly",
        ),
        (
            "bad_key.toml",
            "[keys]\n\nquit = [\"hyper-q\"]\n",
            3,
            "keys.quit",
        ),
        (
            "unknown_setting.toml",
            "\n\ncolour = \"red\"\n",
            3,
            "colour",
        ),
        ("bad_toml.toml", "mouse = \n", 1, ""),
    ];
    for (name, text, line, key) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        for via_env in [false, true] {
            let mut cmd = tidings();
            if via_env {
                cmd.env("TIDINGS_CONFIG", &path);
            } else {
                cmd.arg("--config").arg(&path);
            }
            let out = cmd.arg("--articles").arg(dir.path()).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{name}: {err}");
            assert!(err.contains(&format!("{name}:{line}:")), "{name}: {err}");
            assert!(err.contains(key), "{name}: {err}");
            assert!(
                out.stdout.is_empty(),
                "nothing drawn: {:?}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
    let out = tidings()
        .args(["--config", "/nonexistent/config.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/config.toml"));
}

#[test]
fn a_panic_restores_the_terminal_then_prints_its_message() {
    if !tmux_driver::has_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "").unwrap();
    let socket = format!("tidings-test-{}", std::process::id());
    let bin = env!("CARGO_BIN_EXE_tidings");
    let d = dir.path().display();
    // After the program ends, print the terminal modes the shell got back.
    let script = format!(
        "RUST_BACKTRACE=0 TIDINGS_TEST_PANIC=1 TIDINGS_DATA={d} TIDINGS_CACHE={d} '{bin}' --config '{}' \
         --articles '{d}'; echo \"exit=$?\"; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo; echo done; sleep 30",
        cfg.display()
    );
    assert!(Path::new(bin).exists());
    tmux(
        &socket,
        &[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "80",
            "-y",
            "24",
            &script,
        ],
    )
    .unwrap();
    let (_, screen) = wait_for(&socket, |s| s.contains("done"));
    let alt = tmux(&socket, &["display", "-p", "-t", "t", "#{alternate_on}"]).unwrap_or_default();
    tmux(&socket, &["kill-server"]);
    // The message is on the normal screen: it was printed after leaving the alternate one.
    assert!(screen.contains("deliberate panic"), "{screen}");
    assert!(screen.contains("exit=101"), "{screen}");
    assert!(
        screen.contains("icanon") && !screen.contains("-icanon"),
        "{screen}"
    );
    assert!(
        screen.contains("echo") && !screen.contains("-echo"),
        "{screen}"
    );
    assert_eq!(alt.trim(), "0", "alternate screen left");
}
