//! Issue 14: `tidings quotes -` reads standard input, FILE is found in the articles folder
//! when it is not a path from here, and people see positions as line:column (JSON keeps
//! byte offsets).

use std::io::Write as _;
use std::process::{Command, Stdio};

const ARTICLE: &str = "+++\ntitle = \"Pier\"\n+++\n\nÉlise wrote first.\n\n\u{201c}The pier reopens in June,\u{201d} said Ana Ruiz.\n";

fn tidings(dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tidings"));
    c.env("TIDINGS_DATA", dir.join("data"))
        .env("TIDINGS_CACHE", dir.join("cache"))
        .env("TIDINGS_CONFIG_DIR", dir.join("config"))
        .env_remove("TIDINGS_ARTICLES")
        .env_remove("TIDINGS_CONFIG")
        .current_dir(dir);
    c
}

/// The quotation in ARTICLE is on line 7, near its start: shown as `(7:C-7:C)`, not as
/// byte offsets (`(57..83)`).
fn shows_line_and_column(text: &str) {
    let line = text.lines().find(|l| l.contains("[direct]")).unwrap_or("");
    let at = &line[line.rfind('(').unwrap_or(0)..];
    let ok = at.starts_with("(7:") && at.contains("-7:") && !at.contains("..");
    assert!(ok, "{text}");
}

#[test]
fn a_dash_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = tidings(dir.path())
        .args(["quotes", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ARTICLE.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Ana Ruiz"), "{text}");
    shows_line_and_column(&text);
}

#[test]
fn a_name_is_found_in_the_articles_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("store");
    std::fs::create_dir_all(root.join("harbour")).unwrap();
    std::fs::write(root.join("harbour/pier.md"), ARTICLE).unwrap();
    let out = tidings(dir.path())
        .args(["quotes", "harbour/pier.md", "--articles"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    shows_line_and_column(&text);

    let out = tidings(dir.path())
        .args(["quotes", "harbour/none.md", "--articles"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("harbour/none.md"));
}

#[test]
fn json_keeps_byte_offsets() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pier.md"), ARTICLE).unwrap();
    let out = tidings(dir.path())
        .args(["quotes", "pier.md", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let q = &v["quotes"][0];
    let (s, e) = (
        q["start"].as_u64().unwrap() as usize,
        q["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&ARTICLE[s..e], q["text"].as_str().unwrap());
    assert!(s > 40, "a byte offset, past the accented line: {s}");
}
