//! `tidings quotes --json` on the bundled sample articles: the speakers and counts a careful
//! reader gives.

use std::collections::BTreeMap;
use std::process::Command;

fn quotes(rel: &str) -> (String, serde_json::Value) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("articles")
        .join(rel);
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["quotes", path.to_str().unwrap(), "--json"])
        .output()
        .expect("run tidings");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let raw = std::fs::read_to_string(&path).unwrap();
    (raw, serde_json::from_slice(&out.stdout).unwrap())
}

/// Quotations per speaker name; checks every offset against the file.
fn per_speaker(raw: &str, v: &serde_json::Value) -> BTreeMap<String, usize> {
    let speakers = v["speakers"].as_array().unwrap();
    let mut out = BTreeMap::new();
    for q in v["quotes"].as_array().unwrap() {
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&raw[s..e], q["text"].as_str().unwrap());
        let name = q["speaker"].as_u64().map_or("(none)".to_string(), |i| {
            speakers[i as usize]["name"].as_str().unwrap().to_string()
        });
        *out.entry(name).or_default() += 1;
    }
    out
}

fn expect(rel: &str, want: &[(&str, usize)], forbidden: &[&str]) {
    let (raw, v) = quotes(rel);
    let got = per_speaker(&raw, &v);
    for (name, n) in want {
        assert_eq!(got.get(*name), Some(n), "{rel}: {name}: {got:?}");
    }
    for name in forbidden {
        assert!(
            !got.contains_key(*name),
            "{rel}: {name} must not speak: {got:?}"
        );
    }
}

#[test]
fn flood_warning() {
    expect(
        "flood-warning.txt",
        &[
            ("Maren Koll", 3),
            ("Henrik Sau", 3),
            ("Ola Brandvik", 2),
            ("Joaquin Ortuzar", 1),
            ("civil protection agency", 1),
            ("senior official at the civil protection agency", 2),
            ("weather service", 1),
            ("rail operator", 1),
        ],
        &["river", "Velm", "(none)"],
    );
}

#[test]
fn port_deal() {
    let (raw, v) = quotes("port-deal.md");
    let got = per_speaker(&raw, &v);
    assert_eq!(got.get("Tomás Ibáñez"), Some(&4), "{got:?}");
    assert_eq!(got.get("Willem Aalders"), Some(&1), "{got:?}");
    assert_eq!(got.get("Lucía Ferrer"), Some(&3), "{got:?}");
    // Her quotes, her office's statement, and what she had warned.
    assert!(got.get("Ana Ruiz").is_some_and(|&n| n >= 4), "{got:?}");
    assert!(
        !got.contains_key("Pieter Holm"),
        "a photo credit is not a speaker"
    );
    let ruiz = v["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Ana Ruiz")
        .unwrap();
    assert_eq!(ruiz["role"], "Finance Minister");
    assert_eq!(ruiz["kind"], "person");
}

#[test]
fn harbour_tram() {
    expect(
        "harbour-tram.md",
        &[
            ("Hélène Duclos", 4),
            ("Kasimir Oduya", 3),
            ("Amara Delgado", 3),
            ("Agnes Pohl", 2),
            ("Opposition councillors", 1),
        ],
        &["Evening Post", "Tomasz Wiśniewski", "(none)"],
    );
}

#[test]
fn budget_2027() {
    expect(
        "budget-2027.md",
        &[
            ("Ana Ruiz", 5),
            ("Corin Maalouf", 4),
            ("Tomás Ibáñez", 3),
            ("Chamber of Commerce", 1),
            ("senior official at the finance ministry", 1),
            ("another official", 1),
        ],
        &["decision", "deficit target depended", "tax", "a", "(none)"],
    );
}

#[test]
fn quake_sensors() {
    // "Li" after "Professor Li Ming" is the professor; "he" after "Li agreed" is Li too.
    expect(
        "science/quake-sensors.md",
        &[("Li Ming", 10), ("Yuki Tanabe", 2)],
        &["Port Halden", "Li", "start-up"],
    );
}

#[test]
fn fishing_talks() {
    expect(
        "fishing-talks-kestria.md",
        &[
            ("Lucien Aubertin", 2),
            ("Nadia Harrak", 2),
            ("Joaquín Ortúzar", 3),
            ("another official", 1),
            ("people familiar with the talks", 1),
        ],
        &["negotiations", "(none)"],
    );
}
