//! Issue 14: `tidings man` prints a manual page and `tidings completions SHELL` a completion
//! script that knows every command.

use std::process::Command;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .output()
        .expect("run tidings")
}

#[test]
fn man_prints_a_roff_page_with_every_command() {
    let out = run(&["man"]);
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH tidings 1"), "{page}");
    for name in [
        "LIST",
        "CHECK",
        "QUOTES",
        "BOOKMARKS",
        "SPEAKERS",
        "COMPLETIONS",
    ] {
        assert!(page.contains(&format!(".SH \"TIDINGS {name}\"")), "{name}");
    }
    assert!(page.contains("\\fB\\-\\-json\\fR"), "{page}");
    assert!(
        !page.contains("state-writer") && !page.contains("STATE"),
        "{page}"
    );
}

#[test]
fn completions_for_bash_zsh_and_fish_know_the_commands() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["bookmarks", "speakers", "articles"] {
            assert!(script.contains(word), "{shell}: {word} missing");
        }
    }
    let out = run(&["completions", "nosuchshell"]);
    assert_eq!(out.status.code(), Some(2));
}
