//! Every bad input the parser must survive, and the title and paragraph rules.

use std::fmt::Write as _;
use std::path::Path;

use super::{MAX_ARTICLE_BYTES, MAX_WARNINGS, parse};

fn ok(name: &str, text: &str) -> super::Article {
    parse(Path::new(name), text.as_bytes()).expect("should parse")
}

fn texts(a: &super::Article) -> Vec<&str> {
    a.paragraphs.iter().map(|r| &a.raw[r.clone()]).collect()
}

#[test]
fn front_matter_fills_every_field() {
    let a = ok(
        "x.md",
        "+++\ntitle = \"Bridge reopens\"\nsource = \"The Ledger\"\nurl = \"https://example.org/a\"\n\
         authors = [\"Kim Lau\", \"Ola Berg\"]\npublished = 2025-03-04\ntags = [\"city\"]\n+++\n\
         First paragraph.\n\nSecond one\nwraps here.\n",
    );
    assert_eq!(a.meta.title, "Bridge reopens");
    assert_eq!(a.meta.source.as_deref(), Some("The Ledger"));
    assert_eq!(a.meta.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(a.meta.authors, ["Kim Lau", "Ola Berg"]);
    assert_eq!(a.meta.published.as_deref(), Some("2025-03-04"));
    assert_eq!(a.meta.tags, ["city"]);
    assert_eq!(texts(&a), ["First paragraph.", "Second one\nwraps here."]);
    assert_eq!(
        &a.raw[a.body.clone()],
        "First paragraph.\n\nSecond one\nwraps here.\n"
    );
    assert!(a.warnings.is_empty());
}

#[test]
fn published_accepts_datetimes_and_strings() {
    for (value, want) in [
        ("2025-03-04T10:30:00Z", "2025-03-04T10:30:00Z"),
        ("\"2025-03-04\"", "2025-03-04"),
        ("\"2025-03-04T10:30:00+02:00\"", "2025-03-04T10:30:00+02:00"),
    ] {
        let a = ok("x.md", &format!("+++\npublished = {value}\n+++\nText.\n"));
        assert_eq!(a.meta.published.as_deref(), Some(want), "{value}");
    }
    for bad in ["\"yesterday\"", "\"2025-13-40\"", "\"04/03/2025\""] {
        let e = parse(
            Path::new("x.md"),
            format!("+++\ntitle = \"t\"\npublished = {bad}\n+++\nText.\n").as_bytes(),
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3), "{bad}: {e:?}");
        assert!(e.reason.contains("published"), "{e:?}");
    }
}

#[test]
fn not_utf8_is_a_problem_with_its_line() {
    let e = parse(Path::new("x.txt"), b"fine\nalso fine\nbad \xff here\n").unwrap_err();
    assert_eq!(e.line, Some(3));
    assert!(e.reason.contains("UTF-8"), "{e:?}");
}

#[test]
fn binary_is_a_problem() {
    let e = parse(Path::new("x.md"), b"PK\x03\x04\x00\x00junk").unwrap_err();
    assert!(e.reason.contains("binary"), "{e:?}");
}

#[test]
fn bom_is_kept_and_offsets_point_into_the_file() {
    let text = "\u{feff}+++\ntitle = \"With a BOM\"\n+++\n\u{201c}Yes,\u{201d} she said.\n";
    let a = ok("x.md", text);
    assert_eq!(a.meta.title, "With a BOM");
    assert_eq!(a.raw, text);
    assert_eq!(texts(&a), ["\u{201c}Yes,\u{201d} she said."]);
    let p = &a.paragraphs[0];
    assert_eq!(
        &text.as_bytes()[p.clone()],
        "\u{201c}Yes,\u{201d} she said.".as_bytes()
    );

    // Without front matter the BOM is not part of the title.
    let a = ok("y.txt", "\u{feff}Short headline\n\nBody text.\n");
    assert_eq!(a.meta.title, "Short headline");
    assert_eq!(a.body.start, 3);
}

#[test]
fn crlf_everywhere() {
    let text = "+++\r\ntitle = \"Windows\"\r\nsource = \"Desk\"\r\n+++\r\nOne line\r\nand more.\r\n\r\n\
                Two.\r\n";
    let a = ok("x.md", text);
    assert_eq!(a.meta.title, "Windows");
    assert_eq!(a.meta.source.as_deref(), Some("Desk"));
    assert_eq!(texts(&a), ["One line\r\nand more.", "Two."]);
    let two = text.find("Two.").unwrap();
    assert_eq!(a.paragraphs[1], two..two + 4);

    let a = ok("y.txt", "Headline here\r\n\r\nBody.\r\n");
    assert_eq!(a.meta.title, "Headline here");
    assert_eq!(texts(&a), ["Body."]);
}

#[test]
fn empty_and_blank_files_are_problems() {
    for bytes in [&b""[..], b"\n\n  \r\n", "\u{feff}".as_bytes()] {
        let e = parse(Path::new("x.md"), bytes).unwrap_err();
        assert!(e.reason.contains("empty"), "{bytes:?}: {e:?}");
    }
}

#[test]
fn unterminated_front_matter() {
    let e = parse(
        Path::new("x.md"),
        b"+++\ntitle = \"x\"\nBody without end.\n",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(e.reason.contains("never closed"), "{e:?}");
}

#[test]
fn invalid_toml_names_the_file_line() {
    let e = parse(
        Path::new("x.md"),
        b"+++\ntitle = \"ok\"\nsource = \"ok\"\nauthors = [\"a\",\n+++\nBody.\n",
    )
    .unwrap_err();
    assert!(e.reason.contains("invalid front matter"), "{e:?}");
    assert!(matches!(e.line, Some(4 | 5)), "{e:?}");

    let e = parse(
        Path::new("x.md"),
        b"+++\ntitle = \"ok\"\n\nthis is not toml\n+++\nB\n",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(4), "{e:?}");
}

#[test]
fn wrong_types_name_key_and_line() {
    for (body, key, line) in [
        ("title = 5", "title", 2),
        ("title = \"a\"\nauthors = \"Kim Lau\"", "authors", 3),
        ("tags = [1, 2]", "tags", 2),
        (
            "title = \"a\"\nsource = \"s\"\npublished = true",
            "published",
            4,
        ),
        ("url = [\"a\"]", "url", 2),
    ] {
        let e = parse(
            Path::new("x.md"),
            format!("+++\n{body}\n+++\nText.\n").as_bytes(),
        )
        .unwrap_err();
        assert_eq!(e.line, Some(line), "{body}: {e:?}");
        assert!(e.reason.contains(key), "{body}: {e:?}");
    }
}

#[test]
fn unknown_key_is_a_warning() {
    let a = ok("x.md", "+++\ntitle = \"t\"\nmood = \"sunny\"\n+++\nText.\n");
    assert_eq!(a.warnings.len(), 1);
    assert!(
        a.warnings[0].contains("mood") && a.warnings[0].contains("line 3"),
        "{:?}",
        a.warnings
    );
}

#[test]
fn size_limit_is_checked() {
    let big = vec![b'a'; usize::try_from(MAX_ARTICLE_BYTES).unwrap() + 1];
    let e = parse(Path::new("x.txt"), &big).unwrap_err();
    assert!(e.reason.contains("too large"), "{e:?}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(MAX_ARTICLE_BYTES + 1).unwrap();
    let e = super::load(&path).unwrap_err();
    assert!(e.reason.contains("too large"), "{e:?}");
}

#[test]
fn unreadable_paths_are_problems() {
    // Tests run as root, where chmod 000 does not stop a read: use a directory and a dangling
    // symlink instead.
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("folder.md");
    std::fs::create_dir(&sub).unwrap();
    assert!(super::load(&sub).is_err());
    let link = dir.path().join("gone.md");
    std::os::unix::fs::symlink(dir.path().join("missing"), &link).unwrap();
    let e = super::load(&link).unwrap_err();
    assert!(e.reason.contains("cannot read"), "{e:?}");
}

#[test]
fn one_megabyte_paragraph() {
    let text = "word ".repeat(210_000);
    let a = ok("long.txt", &text);
    assert_eq!(a.paragraphs.len(), 1);
    assert_eq!(a.paragraphs[0], 0..text.len() - 1);
    assert_eq!(a.meta.title, "Long");
}

#[test]
fn title_rules() {
    // Short first line followed by a blank line: the title, not a paragraph, still in the body.
    let a = ok(
        "a.txt",
        "Council votes on budget\n\nThe council met.\n\nIt voted.\n",
    );
    assert_eq!(a.meta.title, "Council votes on budget");
    assert_eq!(texts(&a), ["The council met.", "It voted."]);
    assert_eq!(a.body, 0..a.raw.len());

    // A Markdown heading.
    let a = ok("a.md", "# Storm warning\n\nRain is coming.\n");
    assert_eq!(a.meta.title, "Storm warning");

    // First line runs on into the paragraph: title from the file name.
    let a = ok(
        "ruiz-budget-cuts.md",
        "The minister spoke\nat length on Monday.\n\nMore.\n",
    );
    assert_eq!(a.meta.title, "Ruiz budget cuts");
    assert_eq!(a.paragraphs.len(), 2);

    // Too long a first line.
    let long = "x".repeat(121);
    let a = ok("city_hall_news.txt", &format!("{long}\n\nMore.\n"));
    assert_eq!(a.meta.title, "City hall news");

    // A single paragraph is never swallowed as the title.
    let a = ok("only.txt", "Just one line.\n");
    assert_eq!(a.meta.title, "Only");
    assert_eq!(texts(&a), ["Just one line."]);

    // The front matter's title wins; the first line stays a paragraph.
    let a = ok("x.md", "+++\ntitle = \"Given\"\n+++\nShort line\n\nMore.\n");
    assert_eq!(a.meta.title, "Given");
    assert_eq!(texts(&a), ["Short line", "More."]);

    // Front matter without a title: the first-line rule applies to the body.
    let a = ok("x.md", "+++\nsource = \"S\"\n+++\n\nHeadline\n\nMore.\n");
    assert_eq!(a.meta.title, "Headline");
}

#[test]
fn paragraphs_are_trimmed_and_split_on_whitespace_only_lines() {
    let a = ok(
        "p.txt",
        "+++\ntitle = \"t\"\n+++\n  one\n   \t\n\n two  \n three\t\n \n",
    );
    assert_eq!(texts(&a), ["one", "two  \n three"]);
}

#[test]
fn fences_must_be_at_the_very_top() {
    let a = ok("x.md", "\n+++\ntitle = \"t\"\n+++\nText.\n");
    assert_eq!(a.meta.title, "X");
    assert_eq!(a.paragraphs.len(), 1);
}

fn check_invariants(a: &super::Article) {
    let raw = &a.raw;
    assert!(a.body.start <= a.body.end && a.body.end == raw.len());
    assert!(raw.is_char_boundary(a.body.start));
    assert!(!a.meta.title.is_empty());
    let mut last = a.body.start;
    for p in &a.paragraphs {
        assert!(
            p.start >= last && p.start < p.end && p.end <= a.body.end,
            "{p:?}"
        );
        assert!(raw.is_char_boundary(p.start) && raw.is_char_boundary(p.end));
        let text = &raw[p.clone()];
        assert_eq!(text.trim(), text);
        assert!(!text.contains("\n\n"));
        last = p.end;
    }
}

/// Text made of the pieces that matter to the parser.
fn article_like() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        Just("+++".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just(" ".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("title = \"T\"".to_owned()),
        Just("published = 2024-01-02".to_owned()),
        Just("tags = [\"a\"]".to_owned()),
        Just("\u{201c}".to_owned()),
        Just("# ".to_owned()),
        "[a-zA-Z\u{e9}\u{4e2d}=\\[\\]\"]{0,12}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest::proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
        if let Ok(a) = parse(Path::new("f.md"), &bytes) {
            check_invariants(&a);
        }
    }

    #[test]
    fn article_like_text_keeps_the_invariants(text in article_like()) {
        match parse(Path::new("f.md"), text.as_bytes()) {
            Ok(a) => {
                proptest::prop_assert_eq!(&a.raw, &text);
                check_invariants(&a);
            }
            Err(p) => {
                if let Some(line) = p.line {
                    proptest::prop_assert!(line >= 1 && line <= text.lines().count().max(1) + 1);
                }
            }
        }
    }
}

#[test]
fn the_last_second_of_year_9999_is_a_valid_date() {
    // Valid RFC 3339, though past the end of jiff's timestamp range (F17).
    for value in [
        "9999-12-31T23:59:59Z",
        "\"9999-12-31T23:59:59Z\"",
        "\"9999-12-31T23:59:59-05:00\"",
        "\"0001-01-01T00:00:00+14:00\"",
    ] {
        let a = ok("x.md", &format!("+++\npublished = {value}\n+++\nText.\n"));
        assert!(a.meta.published.is_some(), "{value}");
    }
    let latest = crate::article::published_seconds("9999-12-31T23:59:59Z").unwrap();
    let earlier = crate::article::published_seconds("9999-12-30T00:00:00Z").unwrap();
    assert!(latest > earlier);
    assert_eq!(
        crate::article::published_seconds("9999-12-31T23:59:59-01:00"),
        Some(latest + 3600)
    );
    for bad in [
        "9999-12-31T24:00:01Z",
        "9999-12-32T00:00:00Z",
        "9999-12-31T23:59:59",
    ] {
        let quoted = format!("\"{bad}\"");
        let file = format!("+++\npublished = {quoted}\n+++\nText.\n");
        let parsed = parse(Path::new("x.md"), file.as_bytes());
        // A local date-time without offset stays accepted (TOML's own kind); the others fail.
        assert_eq!(parsed.is_ok(), bad.ends_with("59"), "{bad}");
    }
}

#[test]
fn warnings_per_file_are_capped() {
    // F3: every unknown key made a warning, each found by rescanning from the start.
    let keys: String = (0..5_000).fold(String::new(), |mut s, i| {
        let _ = writeln!(s, "k{i} = 1");
        s
    });
    let a = ok("x.md", &format!("+++\n{keys}+++\nText.\n"));
    assert_eq!(
        a.warnings.len(),
        MAX_WARNINGS + 1,
        "{:?}",
        a.warnings.last()
    );
    assert!(a.warnings[0].contains("line 2") && a.warnings[0].contains("k0"));
    let last = a.warnings.last().unwrap();
    assert!(last.contains(&(5_000 - MAX_WARNINGS).to_string()), "{last}");
    // Each listed key has its own line: `k{i}` stands on line i + 2.
    for w in &a.warnings[..MAX_WARNINGS] {
        let line: usize = w["line ".len()..w.find(':').unwrap()].parse().unwrap();
        let key: usize = w[w.find("`k").unwrap() + 2..w.rfind('`').unwrap()]
            .parse()
            .unwrap();
        assert_eq!(line, key + 2, "{w}");
    }
}
