//! `tidings speakers` end to end, with TIDINGS_DATA and TIDINGS_CACHE in temp dirs.

use std::fs;
use std::process::Command;

#[test]
fn speakers_json_lists_the_speakers_and_writes_the_store_index() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    fs::create_dir_all(&articles).unwrap();
    fs::write(
        articles.join("one.md"),
        "---\ntitle: Budget\n---\n“We will balance the books,” said Treasurer Ama Owusu.\n",
    )
    .unwrap();
    let cache = tmp.path().join("cache");
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["speakers", "--json", "--articles"])
        .arg(&articles)
        .env("TIDINGS_DATA", tmp.path().join("data"))
        .env("TIDINGS_CACHE", &cache)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for s in json.as_array().unwrap() {
        assert!(s["name"].is_string() && s["kind"].is_string(), "{s}");
        assert!(s["quotes"].as_u64().unwrap() >= 1);
        assert!(!s["articles"].as_array().unwrap().is_empty());
    }
    assert!(!json.as_array().unwrap().is_empty(), "no speaker listed");
    let index = tidings::index::db_path(&cache, &articles);
    assert!(index.is_file(), "no store index at {}", index.display());
}

#[test]
fn a_missing_articles_folder_is_an_error_that_names_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["speakers", "--articles"])
        .arg(tmp.path().join("nope"))
        .env("TIDINGS_CACHE", tmp.path().join("cache"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
}
