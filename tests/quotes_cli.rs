//! `tidings quotes FILE [--json]` end to end, on articles written for these tests.

use std::process::Command;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .output()
        .expect("run tidings")
}

const ARTICLE: &str = "---\ntitle: Harbour news\n---\n“The ferries will stop in January,” the harbour master said.\n\nMaria Okafor, who chairs the port council, told The Coastal Herald that the decision was final.\n\nOkafor added that \u{1b}[31mcrews would be paid.\n\nAna Ruiz and Wire Services contributed to this report.\n";

#[test]
fn json_offsets_point_into_the_file_as_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("harbour.md");
    std::fs::write(&path, ARTICLE).unwrap();
    let out = run(&["quotes", path.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let quotes = v["quotes"].as_array().unwrap();
    let speakers = v["speakers"].as_array().unwrap();
    assert_eq!(quotes.len(), 3);
    let names: Vec<&str> = speakers
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["harbour master", "Maria Okafor"]);
    assert_eq!(speakers[1]["aliases"], serde_json::json!(["Okafor"]));
    for q in quotes {
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&ARTICLE[s..e], q["text"].as_str().unwrap());
        let m = &q["mention"];
        let (ms, me) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&ARTICLE[ms..me], m["text"].as_str().unwrap());
    }
    assert_eq!(quotes[1]["cue"], "told");
    assert_eq!(quotes[1]["kind"], "indirect");
    assert_eq!(quotes[0]["kind"], "direct");
}

#[test]
fn human_output_groups_by_speaker_and_is_sanitized() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("harbour.md");
    std::fs::write(&path, ARTICLE).unwrap();
    let out = run(&["quotes", path.to_str().unwrap()]);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(!s.contains('\u{1b}'), "escape reached the terminal: {s:?}");
    let master = s.find("harbour master").unwrap();
    let okafor = s.find("Maria Okafor").unwrap();
    assert!(master < okafor);
    assert_eq!(s.matches("[indirect]").count(), 2);
}

#[test]
fn missing_file_is_an_error() {
    let out = run(&["quotes", "/nonexistent/file.md", "--json"]);
    assert!(!out.status.success());
}

#[test]
fn json_output_escapes_every_terminal_control() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.md");
    let text = "“Pay \u{9b}31mnow\u{7f},” said Lena Marsh\u{202e}.\n";
    std::fs::write(&path, text).unwrap();
    let out = run(&["quotes", path.to_str().unwrap(), "--json"]);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        !s.chars().any(tidings::sanitize::is_unsafe),
        "a control char reached the output raw: {s:?}"
    );
    let json: serde_json::Value = serde_json::from_str(&s).unwrap();
    let quote = &json["quotes"][0];
    let (start, end) = (
        quote["start"].as_u64().unwrap() as usize,
        quote["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(quote["text"].as_str().unwrap(), &text[start..end]);
}
