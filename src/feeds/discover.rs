//! Feed autodiscovery: the `<link rel="alternate" type="application/rss+xml" href="…">` tags
//! that an HTML page uses to point at its feeds.

use url::Url;

/// The feed types a page may announce, most specific first.
const FEED_TYPES: [&str; 5] = [
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/rdf+xml",
    "application/json",
];

/// A feed announced by a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Absolute (resolved against the page's url or its `<base href>`).
    pub url: String,
    pub title: Option<String>,
    pub content_type: String,
}

/// The feeds `html` announces, in the page's order; relative hrefs resolved against `page_url`.
pub fn feeds_in(html: &str, page_url: &str) -> Vec<Found> {
    let mut base = Url::parse(page_url).ok();
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = next_tag(&lower, at) {
        let (name, attrs, end) = tag_at(html, &lower, i);
        at = end;
        match name {
            "base" => {
                if let Some(href) = attr(&attrs, "href") {
                    base = resolve(base.as_ref(), href).or(base);
                }
            }
            "link" => {
                let rel = attr(&attrs, "rel").unwrap_or_default().to_ascii_lowercase();
                let kind = attr(&attrs, "type")
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase();
                let kind = kind.split(';').next().unwrap_or_default().trim();
                let is_feed = rel.split_ascii_whitespace().any(|r| r == "alternate")
                    && FEED_TYPES.contains(&kind);
                let url = attr(&attrs, "href").and_then(|h| resolve(base.as_ref(), h));
                if let (true, Some(url)) = (is_feed, url)
                    && !out.iter().any(|f: &Found| f.url == url.as_str())
                {
                    out.push(Found {
                        url: url.to_string(),
                        title: attr(&attrs, "title")
                            .map(crate::article::write::one_line)
                            .filter(|t| !t.is_empty()),
                        content_type: kind.to_owned(),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// The next `<link` or `<base` tag start at or after `from`.
fn next_tag(lower: &str, from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let i = at + lower.get(at..)?.find('<')?;
        let rest = &lower[i + 1..];
        if (rest.starts_with("link") || rest.starts_with("base"))
            && rest[4..].starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        {
            return Some(i);
        }
        at = i + 1;
    }
}

/// The tag's name, its attributes (name lower-cased, value as written) and where it ends.
fn tag_at<'a>(
    html: &'a str,
    lower: &str,
    start: usize,
) -> (&'static str, Vec<(String, &'a str)>, usize) {
    let name = if lower[start + 1..].starts_with("link") {
        "link"
    } else {
        "base"
    };
    let bytes = html.as_bytes();
    let mut i = start + 5;
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return (name, attrs, (i + 1).min(bytes.len()));
        }
        let key_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let key = lower[key_start..i].to_owned();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let (value, next) = if let Some(&q @ (b'"' | b'\'')) = bytes.get(i) {
                let end = html[i + 1..]
                    .find(q as char)
                    .map_or(bytes.len(), |e| i + 1 + e);
                (&html[i + 1..end], (end + 1).min(bytes.len()))
            } else {
                let end = html[i..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(bytes.len(), |e| i + e);
                (&html[i..end], end)
            };
            attrs.push((key, value));
            i = next;
        } else if key.is_empty() {
            i += 1;
        } else {
            attrs.push((key, ""));
        }
    }
}

fn attr<'a>(attrs: &[(String, &'a str)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| *v)
}

fn resolve(base: Option<&Url>, href: &str) -> Option<Url> {
    let href = href.trim().replace("&amp;", "&");
    let url = match base {
        Some(b) => b.join(&href).ok()?,
        None => Url::parse(&href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternate_links_are_found_and_resolved() {
        let html = r#"<html><head><title>x</title>
            <link rel="stylesheet" href="/s.css">
            <LINK REL="alternate" TYPE="application/rss+xml" TITLE="All news" HREF="/feed.xml?a=1&amp;b=2">
            <link rel=alternate type='application/atom+xml' href=atom.xml />
            <link rel="alternate" type="application/feed+json" href="https://other.example/f.json">
            <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            </head><body><a href="/x.rss">feed</a></body></html>"#;
        let found = feeds_in(html, "https://news.example/section/page.html");
        let urls: Vec<&str> = found.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://news.example/feed.xml?a=1&b=2",
                "https://news.example/section/atom.xml",
                "https://other.example/f.json"
            ]
        );
        assert_eq!(found[0].title.as_deref(), Some("All news"));
        assert_eq!(found[1].content_type, "application/atom+xml");
    }

    #[test]
    fn base_href_and_broken_markup() {
        let html = "<base href=\"https://cdn.example/b/\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"rss\">";
        assert_eq!(
            feeds_in(html, "https://news.example/")[0].url,
            "https://cdn.example/b/rss"
        );
        for broken in [
            "<link",
            "<link rel=\"alternate",
            "<link rel=",
            "<base href='",
            "<<link>>",
            "é<linké",
        ] {
            assert!(
                feeds_in(broken, "https://news.example/").is_empty(),
                "{broken}"
            );
        }
    }
}
