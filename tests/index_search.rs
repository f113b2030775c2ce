//! Search across the store: ranked, accents folded both ways, the last word a prefix while it
//! is typed; and `tidings search`, which queries at once when the index is current and brings
//! it up to date first only when the folder changed (a file rewritten in place, added,
//! renamed or deleted), saying so when it could not compare every file in time.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use tidings::index::fresh::{self, Freshness};
use tidings::index::search::{Found, search};
use tidings::index::{Db, db_path, open_store};

#[path = "common/store_files.rs"]
mod store_files;
use store_files::{article, write};

fn titles(hits: &[tidings::index::search::Hit]) -> Vec<String> {
    hits.iter().map(|h| h.title.clone()).collect()
}

#[test]
fn results_are_ranked_fold_accents_both_ways_and_complete_the_last_word() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let cache = dir.path().join("cache");
    write(
        &root,
        "a/one.md",
        &article(
            "Harbour budget",
            "The council met. Hélène Okafor spoke about the harbour.",
        ),
    );
    write(
        &root,
        "b/two.md",
        &article(
            "Ceasefire talks resume",
            "Helene was not there. The ceasefire held.",
        ),
    );
    write(
        &root,
        "b/three.md",
        &article(
            "Market day",
            "“The ceasefire must hold,” said Minister Ana Ruiz. Prices rose at the market.",
        ),
    );
    let (_, db, _) = open_store(&root, &cache).unwrap();

    // Accents fold both ways.
    let plain = search(&db, "helene", 20).unwrap();
    let accented = search(&db, "Hélène", 20).unwrap();
    let mut a = titles(&plain);
    let mut b = titles(&accented);
    a.sort();
    b.sort();
    assert_eq!(a, ["Ceasefire talks resume", "Harbour budget"]);
    assert_eq!(a, b);

    // A title match outranks a body match (the title weighs more); quotations come first.
    let hits = search(&db, "ceasefire", 20).unwrap();
    let quote = hits
        .iter()
        .find(|h| matches!(h.found, Found::Quote { .. }))
        .expect("the quotation is found");
    let Found::Quote { speaker, .. } = &quote.found else {
        unreachable!()
    };
    assert!(speaker.contains("Ruiz"), "{speaker}");
    let text = fs::read_to_string(&quote.path).unwrap();
    let (s, e) = (quote.start.unwrap(), quote.end.unwrap());
    assert!(
        text[s..e].contains("ceasefire must hold"),
        "{}",
        &text[s..e]
    );
    let articles: Vec<&str> = hits
        .iter()
        .filter(|h| h.found == Found::Article)
        .map(|h| h.title.as_str())
        .collect();
    assert_eq!(
        articles.first(),
        Some(&"Ceasefire talks resume"),
        "{articles:?}"
    );
    assert_eq!(articles.len(), 2);

    // Still typing: "ceas" is a prefix; "ceas " (a space after it) is a whole word.
    assert_eq!(search(&db, "ceas", 20).unwrap().len(), hits.len());
    assert!(search(&db, "ceas ", 20).unwrap().is_empty());
    // Every word must occur (in the article, or in the quotation with its speaker).
    assert_eq!(
        titles(&search(&db, "market ruiz", 20).unwrap()),
        ["Market day"]
    );
    assert_eq!(search(&db, "ruiz hold", 20).unwrap().len(), 2);
    assert!(search(&db, "market okafor", 20).unwrap().is_empty());
}

fn cli_search(root: &Path, cache: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .arg("--articles")
        .arg(root)
        .arg("search")
        .args(args)
        .env("TIDINGS_DATA", cache.join("data"))
        .env("TIDINGS_CACHE", cache)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_index_knows_when_it_is_current_and_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let cache = dir.path().join("cache");
    let one = write(&root, "s/one.md", &article("First", "Plain words."));
    write(&root, "t/two.md", &article("Second", "More words."));
    open_store(&root, &cache).unwrap();
    let mut db = Db::open(&db_path(&cache, &root), &root).unwrap();
    assert_eq!(
        fresh::check(&db, Duration::from_secs(5)).unwrap(),
        Freshness::Current
    );

    // Rewritten in place: the folder is as it was, the file is not.
    write(
        &root,
        "s/one.md",
        &article("First", "Plain words, and a zeppelin."),
    );
    assert_eq!(
        fresh::check(&db, Duration::from_secs(5)).unwrap(),
        Freshness::Changed(vec![one.clone()])
    );
    // No time to compare the files: it says how far it got.
    let Freshness::Partial { checked, total, .. } = fresh::check(&db, Duration::ZERO).unwrap()
    else {
        panic!("a check with no time is partial");
    };
    assert_eq!((checked, total), (0, 2));
    let fresh = fresh::check(&db, Duration::from_secs(5)).unwrap();
    assert_eq!(tidings::index::sync::catch_up(&mut db, &fresh).unwrap(), 1);
    assert_eq!(
        fresh::check(&db, Duration::from_secs(5)).unwrap(),
        Freshness::Current
    );
    assert_eq!(search(&db, "zeppelin", 5).unwrap().len(), 1);

    // A file added: its folder changed, so only a full pass will do.
    write(&root, "t/three.md", &article("Third", "New."));
    assert!(matches!(
        fresh::check(&db, Duration::from_secs(5)).unwrap(),
        Freshness::Behind(Some(_))
    ));
}

#[test]
fn tidings_search_brings_a_stale_index_up_to_date_first() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let cache = dir.path().join("cache");
    write(&root, "s/one.md", &article("First", "Plain words."));
    write(
        &root,
        "s/two.md",
        &article("Second", "A zeppelin over the bay."),
    );
    let (out, err) = cli_search(&root, &cache, &["zeppelin"]);
    assert!(out.contains("Second"), "{out}{err}");

    // Rewritten in place (same folder mtime): found by the check of the files.
    write(
        &root,
        "s/one.md",
        &article("First", "A glider, then a zeppelin."),
    );
    let (out, err) = cli_search(&root, &cache, &["glider"]);
    assert!(out.contains("First"), "{out}{err}");
    assert!(!err.contains("stale"), "{err}");

    // Renamed into another folder, and a new file: both seen.
    fs::create_dir_all(root.join("t")).unwrap();
    fs::rename(root.join("s/two.md"), root.join("t/moved.md")).unwrap();
    write(&root, "t/new.md", &article("Third", "A zeppelin again."));
    let (out, _) = cli_search(&root, &cache, &["zeppelin", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut paths: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap().to_owned())
        .collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert!(paths.iter().any(|p| p.ends_with("t/moved.md")), "{paths:?}");
    assert!(!paths.iter().any(|p| p.ends_with("s/two.md")), "{paths:?}");

    // Deleted: gone from the results.
    fs::remove_file(root.join("t/new.md")).unwrap();
    let (out, _) = cli_search(&root, &cache, &["zeppelin", "--refresh"]);
    assert!(!out.contains("Third"), "{out}");
    assert!(out.contains("First"), "{out}");
}
