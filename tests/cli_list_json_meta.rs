//! Issue 14: `tidings list --json` gives each article's url, authors, tags and section.

use std::process::Command;

#[test]
fn list_json_has_url_authors_tags_and_section() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    std::fs::create_dir_all(root.join("science/sea")).unwrap();
    std::fs::write(
        root.join("science/sea/reef.md"),
        "+++\ntitle = \"Reef recovers\"\nurl = \"https://ledger.example/reef\"\n\
         authors = [\"Kim Lau\", \"Ola Berg\"]\ntags = [\"ocean\", \"climate\"]\n\
         published = 2026-03-01\n+++\n\nThe reef grew back.\n",
    )
    .unwrap();
    std::fs::write(root.join("plain.txt"), "Plain\n\nNo front matter here.\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["list", "--json", "--articles"])
        .arg(&root)
        .env("TIDINGS_DATA", dir.path().join("data"))
        .env("TIDINGS_CACHE", dir.path().join("cache"))
        .env("TIDINGS_CONFIG_DIR", dir.path().join("config"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reef = &rows[0];
    assert_eq!(reef["title"], "Reef recovers");
    assert_eq!(reef["url"], "https://ledger.example/reef");
    assert_eq!(reef["authors"], serde_json::json!(["Kim Lau", "Ola Berg"]));
    assert_eq!(reef["tags"], serde_json::json!(["ocean", "climate"]));
    assert_eq!(reef["section"], "science/sea");
    let plain = &rows[1];
    assert_eq!(plain["url"], serde_json::Value::Null);
    assert_eq!(plain["authors"], serde_json::json!([]));
    assert_eq!(plain["section"], "");
}
