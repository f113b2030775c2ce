//! OPML 2.0: import subscriptions (nested outline folders become sections) and export them, so
//! that a newsboat user moves over with `newsboat -e > feeds.opml` and back with `newsboat -i`.

use std::fmt::Write as _;

use quick_xml::events::{BytesStart, Event};

use super::list::FeedSpec;
use crate::article::write::one_line;

/// Why an OPML file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpmlError {
    #[error("malformed OPML at byte {at}: {reason}")]
    Malformed { at: u64, reason: String },
    #[error("not an OPML file (no <opml> root)")]
    NotOpml,
}

/// The feeds of an OPML document; outline folders give the section (`Outer/Inner`).
pub fn import(xml: &[u8]) -> Result<Vec<FeedSpec>, OpmlError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(true);
    let mut buf = Vec::new();
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut feeds = Vec::new();
    let mut seen_root = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| OpmlError::Malformed {
                at: reader.error_position(),
                reason: e.to_string(),
            })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == "opml" => {
                seen_root = true;
            }
            Event::Start(ref e) if e.local_name().as_ref() == "outline" => {
                match outline(e, &folders) {
                    Outline::Feed(spec) => {
                        feeds.push(spec);
                        // A feed with children: they are not folders of its.
                        folders.push(None);
                    }
                    Outline::Folder(name) => folders.push(Some(name)),
                }
            }
            Event::Empty(ref e) if e.local_name().as_ref() == "outline" => {
                if let Outline::Feed(spec) = outline(e, &folders) {
                    feeds.push(spec);
                }
            }
            Event::End(ref e) if e.local_name().as_ref() == "outline" => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !seen_root {
        return Err(OpmlError::NotOpml);
    }
    Ok(feeds)
}

enum Outline {
    Feed(FeedSpec),
    Folder(String),
}

fn outline(e: &BytesStart<'_>, folders: &[Option<String>]) -> Outline {
    let mut url = None;
    let mut title = None;
    let mut text = None;
    for a in e.attributes().flatten() {
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| one_line(v.as_ref()))
            .unwrap_or_default();
        match a.key.local_name().as_ref() {
            "xmlUrl" | "xmlurl" => url = Some(value),
            "title" => title = Some(value),
            "text" => text = Some(value),
            _ => {}
        }
    }
    let name = title
        .filter(|t| !t.is_empty())
        .or(text)
        .filter(|t| !t.is_empty());
    match url.filter(|u| !u.is_empty()) {
        Some(url) => {
            let section: Vec<&str> = folders.iter().flatten().map(String::as_str).collect();
            Outline::Feed(FeedSpec {
                url,
                name: name.filter(|n| !n.starts_with("http")),
                section: (!section.is_empty()).then(|| section.join("/")),
                ..FeedSpec::default()
            })
        }
        None => Outline::Folder(name.unwrap_or_default()),
    }
}

/// An OPML 2.0 document of `feeds`; a feed's section becomes nested outline folders.
pub fn export(feeds: &[FeedSpec], titles: &dyn Fn(&FeedSpec) -> Option<String>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>tidings subscriptions</title>\n  </head>\n  <body>\n",
    );
    let mut open: Vec<String> = Vec::new();
    let mut sorted: Vec<&FeedSpec> = feeds.iter().collect();
    // Group by section, keeping the file's order within one.
    sorted.sort_by_key(|f| f.section.clone().unwrap_or_default());
    for feed in sorted {
        let path: Vec<String> = feed
            .section
            .as_deref()
            .unwrap_or_default()
            .split('/')
            .map(one_line)
            .filter(|p| !p.is_empty())
            .collect();
        let common = open.iter().zip(&path).take_while(|(a, b)| a == b).count();
        while open.len() > common {
            open.pop();
            let _ = writeln!(out, "{}</outline>", indent(open.len()));
        }
        for part in &path[common..] {
            let _ = writeln!(
                out,
                "{}<outline text=\"{}\" title=\"{}\">",
                indent(open.len()),
                esc(part),
                esc(part)
            );
            open.push(part.clone());
        }
        let name = feed
            .name
            .clone()
            .or_else(|| titles(feed))
            .unwrap_or_else(|| feed.url.clone());
        let _ = writeln!(
            out,
            "{}<outline type=\"rss\" text=\"{}\" title=\"{}\" xmlUrl=\"{}\"/>",
            indent(open.len()),
            esc(&name),
            esc(&name),
            esc(&feed.url)
        );
    }
    while !open.is_empty() {
        open.pop();
        let _ = writeln!(out, "{}</outline>", indent(open.len()));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn indent(depth: usize) -> String {
    " ".repeat(4 + 2 * depth)
}

fn esc(s: &str) -> String {
    quick_xml::escape::escape(one_line(s).as_str()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_folders_become_sections_and_export_round_trips() {
        let opml = br#"<?xml version="1.0"?>
<opml version="1.0"><head><title>newsboat - Exported feeds</title></head><body>
<outline type="rss" xmlUrl="https://a.example/rss" htmlUrl="https://a.example/" title="A &amp; B"/>
<outline title="News"><outline text="World">
  <outline type="rss" xmlUrl="https://b.example/atom" text="Bee"/>
</outline>
<outline type="rss" xmlUrl="https://c.example/feed" title="https://c.example/feed"/></outline>
<outline title="Empty"/>
</body></opml>"#;
        let feeds = import(opml).unwrap();
        assert_eq!(feeds.len(), 3);
        assert_eq!(feeds[0].name.as_deref(), Some("A & B"));
        assert_eq!(feeds[0].section, None);
        assert_eq!(feeds[1].section.as_deref(), Some("News/World"));
        assert_eq!(feeds[1].name.as_deref(), Some("Bee"));
        assert_eq!(feeds[2].section.as_deref(), Some("News"));
        assert_eq!(feeds[2].name, None);
        let out = export(&feeds, &|_| None);
        let back = import(out.as_bytes()).unwrap();
        let key = |v: &[FeedSpec]| {
            let mut v: Vec<_> = v
                .iter()
                .map(|f| (f.url.clone(), f.section.clone()))
                .collect();
            v.sort();
            v
        };
        assert_eq!(key(&back), key(&feeds));
        assert!(out.contains("A &amp; B"), "{out}");
    }

    #[test]
    fn bad_documents_are_errors() {
        assert_eq!(import(b"<html><body/></html>"), Err(OpmlError::NotOpml));
        assert!(matches!(
            import(b"<opml><body><outline></body>"),
            Err(OpmlError::Malformed { .. })
        ));
        let hostile = export(
            &[FeedSpec {
                url: "https://x.example/?a=1&b=\"2\"".into(),
                name: Some("\u{1b}[2J<evil>".into()),
                section: Some("../a".into()),
                ..FeedSpec::default()
            }],
            &|_| None,
        );
        assert!(
            !hostile.contains('\u{1b}') && !hostile.contains("<evil>"),
            "{hostile}"
        );
        assert_eq!(
            import(hostile.as_bytes()).unwrap()[0].url,
            "https://x.example/?a=1&b=\"2\""
        );
    }
}
