//! End-to-end: `tidings list` and `tidings check` on folders made here, isolated from the
//! user's own folders through TIDINGS_DATA / TIDINGS_CACHE / TIDINGS_CONFIG_DIR.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

struct Env {
    home: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Self {
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("tidings").unwrap();
        let h = self.home.path();
        cmd.env("TIDINGS_DATA", h.join("data"))
            .env("TIDINGS_CACHE", h.join("cache"))
            .env("TIDINGS_CONFIG_DIR", h.join("config"))
            .env_remove("TIDINGS_ARTICLES")
            .env_remove("TIDINGS_CONFIG")
            .current_dir(h);
        cmd
    }
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn good_folder(root: &Path) {
    write(
        root,
        "city/bridge.md",
        b"+++\ntitle = \"Bridge reopens after repairs\"\nsource = \"The Ledger\"\npublished = 2025-04-02\n+++\nTraffic returned on Monday.\n\nThe works took a year.\n",
    );
    write(
        root,
        "weather.txt",
        "Fog over the bay\r\n\r\nFerries ran late on Tuesday morning.\r\n".as_bytes(),
    );
    write(
        root,
        "arts/gallery-opens.md",
        "\u{feff}+++\ntitle = \"Gallery opens \u{2014} caf\u{e9} too\"\npublished = \"2025-05-01T09:00:00Z\"\n+++\nA new space for local painters.\n".as_bytes(),
    );
}

#[test]
fn list_json_gives_every_article_newest_first() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    good_folder(dir.path());
    let out = env
        .cmd()
        .args(["list", "--json", "--articles"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let rows = rows.as_array().unwrap();
    let titles: Vec<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Gallery opens \u{2014} caf\u{e9} too",
            "Bridge reopens after repairs",
            "Fog over the bay"
        ]
    );
    assert_eq!(rows[1]["source"], "The Ledger");
    assert_eq!(rows[1]["published"], "2025-04-02");
    assert_eq!(rows[1]["section"], "city");
    assert!(rows[2]["published"].is_null());
    assert!(rows[0]["quote_count"].is_u64());
    assert!(
        rows[1]["path"]
            .as_str()
            .unwrap()
            .ends_with("city/bridge.md")
    );
    // The metadata cache was written in TIDINGS_CACHE, and a second run agrees.
    assert!(fs::read_dir(env.home.path().join("cache")).unwrap().count() >= 1);
    env.cmd()
        .args(["list", "--json", "--articles"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::eq(out));
}

#[test]
fn list_finds_the_folder_from_the_environment_and_warns_about_bad_files() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    good_folder(dir.path());
    write(dir.path(), "broken.md", b"+++\ntitle = [\n+++\nx\n");
    env.cmd()
        .arg("list")
        .env("TIDINGS_ARTICLES", dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Bridge reopens after repairs"))
        .stdout(predicate::str::contains("broken").not())
        .stderr(predicate::str::contains("broken.md:2:"));
}

#[test]
fn list_uses_articles_in_the_working_folder() {
    let env = Env::new();
    good_folder(&env.home.path().join("articles"));
    env.cmd()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("Fog over the bay"));
}

#[test]
fn list_without_a_folder_is_an_error() {
    let env = Env::new();
    env.cmd()
        .arg("list")
        .assert()
        .failure()
        .stderr(predicate::str::contains("no articles folder"));
}

#[test]
fn list_escapes_control_characters() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "evil.md",
        b"+++\ntitle = \"Hi \\u001b]0;owned\\u0007 there\"\n+++\nBody.\n",
    );
    env.cmd()
        .args(["list", "--articles"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{1b}").not())
        .stdout(predicate::str::contains("\u{7}").not())
        .stdout(predicate::str::contains("there"));
}

#[test]
fn check_a_good_folder_exits_0() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    good_folder(dir.path());
    write(
        dir.path(),
        "extra.md",
        b"+++\ntitle = \"t\"\nmood = 1\n+++\nx\n",
    );
    env.cmd()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("4 good, 0 bad, 1 warning\n"))
        .stdout(predicate::str::contains("extra.md: warning: line 3"));
}

#[test]
fn check_names_every_bad_file_and_exits_1() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    good_folder(root);
    write(root, "binary.md", b"\x7fELF\x02\x01\x00\x00\x00");
    write(root, "latin1.txt", b"Caf\xe9 news\n");
    write(root, "empty.md", b"");
    write(root, "open.md", b"+++\ntitle = \"never closed\"\n\nbody\n");
    write(
        root,
        "types.md",
        b"+++\ntitle = \"t\"\nauthors = 3\n+++\nbody\n",
    );
    write(
        root,
        "toml.md",
        b"+++\ntitle = \"t\"\nsource = \n+++\nbody\n",
    );
    let big = std::fs::File::create(root.join("huge.txt")).unwrap();
    big.set_len(tidings::article::MAX_ARTICLE_BYTES + 1)
        .unwrap();
    std::os::unix::fs::symlink(root, root.join("city/loop")).unwrap();
    // Unreadable: tests run as root, where chmod 000 does not stop reads; a dangling symlink
    // cannot be read by anyone.
    std::os::unix::fs::symlink(root.join("nowhere"), root.join("dangling.md")).unwrap();
    let deep = "deep/".repeat(100);
    write(root, &format!("{deep}ok.md"), b"Deep title\n\nDeep body.\n");
    let long = "word ".repeat(200_000);
    write(root, "long.txt", long.as_bytes());
    let quotes = "\u{201c}".repeat(10_000);
    write(root, "quotes.txt", quotes.as_bytes());

    let assert = env.cmd().arg("check").arg(root).assert().code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for (file, reason) in [
        ("binary.md", "binary"),
        ("latin1.txt:1", "UTF-8"),
        ("empty.md", "empty"),
        ("open.md:1", "never closed"),
        ("types.md:3", "authors"),
        ("toml.md:3", "invalid front matter"),
        ("huge.txt", "too large"),
        ("city/loop", "symlink loop"),
        ("dangling.md", "cannot read"),
    ] {
        let line = out
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} not named in:\n{out}"));
        assert!(line.contains(reason), "{file}: {line}");
    }
    assert!(
        out.contains("13 files in") && out.contains("6 good, 7 bad, 2 unreadable or looping"),
        "{out}"
    );
}

#[test]
fn check_on_a_missing_folder_exits_2() {
    let env = Env::new();
    env.cmd()
        .args(["check", "no-such-folder"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-folder"));
}

#[test]
fn the_bundled_articles_list_and_check_clean() {
    let env = Env::new();
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    let assert = env
        .cmd()
        .args(["list", "--json", "--articles"])
        .arg(&bundled)
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
    let rows: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows.len() >= 10, "{} articles", rows.len());
    assert!(
        rows.iter()
            .all(|r| !r["title"].as_str().unwrap().is_empty())
    );
    assert!(
        rows.iter()
            .any(|r| Path::new(r["path"].as_str().unwrap()).extension() == Some("txt".as_ref()))
    );
    env.cmd()
        .arg("check")
        .arg(&bundled)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 bad"));
}
