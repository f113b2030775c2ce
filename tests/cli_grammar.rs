//! Issue 14: counts of one are singular: "1 quote", "1 warning", "1 file".

use std::process::Command;

fn run(dir: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .env("TIDINGS_DATA", dir.join("data"))
        .env("TIDINGS_CACHE", dir.join("cache"))
        .env("TIDINGS_CONFIG_DIR", dir.join("config"))
        .env_remove("TIDINGS_ARTICLES")
        .env_remove("TIDINGS_CONFIG")
        .output()
        .expect("run tidings");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn one_is_singular_and_the_rest_plural() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("one.md"),
        "+++\ntitle = \"One\"\nmood = \"calm\"\npublished = 2026-01-02\n+++\n\n\u{201c}The pier is open,\u{201d} said Ana Ruiz.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("two.md"),
        "+++\ntitle = \"Two\"\npublished = 2026-01-01\n+++\n\n\u{201c}It rains,\u{201d} said Ana Ruiz.\n\n\u{201c}It pours,\u{201d} said Ola Berg.\n",
    )
    .unwrap();
    let root_arg = root.to_str().unwrap();
    let list = run(dir.path(), &["list", "--articles", root_arg]);
    let one = list.lines().find(|l| l.contains("One")).unwrap();
    assert!(one.contains("  1 quote   One"), "{list}");
    let two = list.lines().find(|l| l.contains("Two")).unwrap();
    assert!(two.contains("  2 quotes  Two"), "{list}");

    let check = run(dir.path(), &["check", root_arg]);
    assert!(check.contains("checked 2 files in"), "{check}");
    assert!(check.contains(", 1 warning\n"), "{check}");
    std::fs::remove_file(root.join("two.md")).unwrap();
    let check = run(dir.path(), &["check", root_arg]);
    assert!(check.contains("checked 1 file in"), "{check}");
}
