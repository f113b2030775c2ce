//! A page's metadata: Open Graph and `article:*` meta tags, JSON-LD (`NewsArticle` and kin,
//! `@graph` included), `<link rel=canonical>`, `<time datetime>` and the `<title>`.

use dom_query::Document;
use serde_json::Value;
use url::Url;

/// What the page says about itself. Every field is optional on real pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// og:title, twitter:title and the like.
    pub meta_title: Option<String>,
    /// JSON-LD headline.
    pub ld_title: Option<String>,
    /// The `<title>` element.
    pub doc_title: Option<String>,
    /// The `<h1>` headings' text.
    pub h1: Vec<String>,
    pub site_name: Option<String>,
    pub canonical: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    /// JSON-LD datePublished (before the choice of `published`).
    ld_published: Option<String>,
}

/// Reads the metadata of `doc`; relative urls resolve against `base`.
pub fn read(doc: &Document, base: Option<&Url>) -> Found {
    let mut found = Found::default();
    let mut metas: Vec<(String, String)> = Vec::new();
    let mut scripts: Vec<String> = Vec::new();
    let mut canonical: Option<String> = None;
    let mut time: Option<String> = None;
    // One walk over the page collects everything (each CSS select would be a walk of its own).
    for node in doc.root().descendants_it() {
        let Some(name) = node.qual_name_ref().map(|q| q.local.clone()) else {
            continue;
        };
        match &*name {
            "meta" => {
                let key = node
                    .attr("property")
                    .or_else(|| node.attr("name"))
                    .or_else(|| node.attr("itemprop"));
                if let (Some(key), Some(content)) = (key, node.attr("content")) {
                    let content = squash(&content);
                    if !content.is_empty() {
                        metas.push((key.trim().to_ascii_lowercase(), content));
                    }
                }
            }
            "title" if found.doc_title.is_none() && !in_svg(&node) => {
                found.doc_title = Some(squash(&node.text())).filter(|t| !t.is_empty());
            }
            "h1" => {
                let t = squash(&node.text());
                if !t.is_empty() {
                    found.h1.push(t);
                }
            }
            "script"
                if node
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                scripts.push(node.text().to_string());
            }
            "link" if canonical.is_none() => {
                let rel = node.attr("rel").unwrap_or_default();
                if rel
                    .split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    canonical = node.attr("href").map(|h| h.to_string());
                }
            }
            "time" if time.is_none() => {
                time = node
                    .attr("datetime")
                    .map(|d| d.trim().to_owned())
                    .filter(|d| !d.is_empty());
            }
            _ => {}
        }
    }
    let first = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        })
    };
    found.meta_title = first(&[
        "og:title",
        "twitter:title",
        "dc.title",
        "dcterm:title",
        "title",
    ]);
    found.site_name = first(&["og:site_name", "application-name", "publisher"]);
    let meta_published = first(&[
        "article:published_time",
        "og:published_time",
        "article:published",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
    ]);
    for (key, value) in &metas {
        let author_key = matches!(
            key.as_str(),
            "author" | "article:author" | "dc.creator" | "parsely-author" | "sailthru.author"
        );
        if author_key && !looks_like_url(value) {
            for name in byline_names(value) {
                push_unique(&mut found.authors, name);
            }
        }
    }
    for text in &scripts {
        if let Ok(value) = serde_json::from_str::<Value>(text.trim()) {
            json_ld(&value, &mut found, 0);
        }
    }
    let canonical = canonical.or_else(|| first(&["og:url"]));
    found.canonical = canonical.and_then(|href| absolute(&href, base));
    found.published = [meta_published, found.ld_published.take(), time]
        .into_iter()
        .flatten()
        .find_map(|d| normal_date(&d));
    found
}

/// A date as the store takes it: `YYYY-MM-DD`, RFC 3339, or a local date-time, kept as
/// written; an RFC 2822 date ("Wed, 30 Sep 2015 17:12:00 GMT") becomes RFC 3339; else the
/// leading `YYYY-MM-DD` of a longer form ("2015-09-30T17:12:00+0000").
pub fn normal_date(s: &str) -> Option<String> {
    let s = s.trim();
    if crate::article::is_valid_date(s) {
        return Some(s.to_owned());
    }
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(s) {
        return Some(zoned.timestamp().to_string());
    }
    let head = s.get(..10)?;
    (head.as_bytes().get(4) == Some(&b'-') && head.parse::<jiff::civil::Date>().is_ok())
        .then(|| head.to_owned())
}

/// Whether `node` sits inside an `<svg>` (whose `<title>` is not the page's).
fn in_svg(node: &dom_query::NodeRef<'_>) -> bool {
    node.ancestors_it(None).any(|a| a.has_name("svg"))
}

/// Article-like JSON-LD objects give headline, authors, date and publisher; the first one
/// that has a value wins, except authors which come from the first article object only
/// when the meta tags gave none.
fn json_ld(value: &Value, found: &mut Found, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                json_ld(item, found, depth + 1);
            }
        }
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                json_ld(graph, found, depth + 1);
            }
            if !is_article_type(map.get("@type")) {
                return;
            }
            if found.ld_title.is_none() {
                found.ld_title = map
                    .get("headline")
                    .or_else(|| map.get("name"))
                    .and_then(Value::as_str)
                    .map(squash)
                    .filter(|s| !s.is_empty());
            }
            if found.ld_published.is_none() {
                found.ld_published = map
                    .get("datePublished")
                    .and_then(Value::as_str)
                    .map(|s| s.trim().to_owned());
            }
            if found.site_name.is_none() {
                found.site_name = map
                    .get("publisher")
                    .and_then(name_of)
                    .filter(|s| !s.is_empty());
            }
            if found.authors.is_empty()
                && let Some(author) = map.get("author")
            {
                let list: Vec<&Value> = match author {
                    Value::Array(items) => items.iter().collect(),
                    other => vec![other],
                };
                for a in list {
                    if let Some(name) = name_of(a).filter(|n| !looks_like_url(n)) {
                        for n in byline_names(&name) {
                            push_unique(&mut found.authors, n);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

fn is_article_type(t: Option<&Value>) -> bool {
    let one = |s: &str| {
        s.ends_with("Article") || s == "BlogPosting" || s == "Report" || s == "LiveBlogPosting"
    };
    match t {
        Some(Value::String(s)) => one(s),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(one),
        _ => false,
    }
}

/// A JSON-LD person or organisation's name (or a plain string).
fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(squash(s)),
        Value::Object(map) => map.get("name").and_then(name_of),
        Value::Array(items) => items.first().and_then(name_of),
        _ => None,
    }
}

/// The headline: JSON-LD's or the meta title when the `<title>` or an `<h1>` agrees with
/// it, else Readability's choice; a site name left at either end is cut.
pub fn choose_title(found: &Found, readability: &str) -> String {
    let readability = squash(readability);
    let title = if readability.is_empty() {
        found
            .meta_title
            .clone()
            .or_else(|| found.ld_title.clone())
            .or_else(|| found.h1.first().cloned())
            .unwrap_or_default()
    } else {
        readability
    };
    match &found.site_name {
        Some(site) => cut_site(&title, site),
        None => title,
    }
}

/// `title` without a leading or trailing `site` joined by a separator ("Headline | Site").
fn cut_site(title: &str, site: &str) -> String {
    const SEPS: [&str; 6] = [" | ", " - ", " – ", " — ", " :: ", " · "];
    let lower = title.to_lowercase();
    let site_lower = site.trim().to_lowercase();
    if site_lower.is_empty() {
        return title.to_owned();
    }
    for sep in SEPS {
        if let Some(head) = lower
            .strip_suffix(&site_lower)
            .and_then(|h| h.strip_suffix(sep))
            && !head.trim().is_empty()
        {
            return title[..head.len()].trim().to_owned();
        }
        if let Some(tail) = lower
            .strip_prefix(&site_lower)
            .and_then(|t| t.strip_prefix(sep))
            && !tail.trim().is_empty()
        {
            return title[title.len() - tail.len()..].trim().to_owned();
        }
    }
    title.to_owned()
}

/// Author names in a byline: "By Ana Ruiz and Li Wei, Reuters" gives both people.
pub fn byline_names(byline: &str) -> Vec<String> {
    let text = squash(byline);
    let text = strip_prefix_ci(&text, "by ").unwrap_or(&text);
    let text = strip_prefix_ci(text, "von ").unwrap_or(text);
    let text = strip_prefix_ci(text, "por ").unwrap_or(text);
    let text = strip_prefix_ci(text, "par ").unwrap_or(text);
    // A role or date after a separator is not a name.
    let text = text.split(['|', '\n']).next().unwrap_or("");
    let mut names = Vec::new();
    for part in text.split([',', ';', '&']) {
        for name in part.split(" and ") {
            let name = name
                .trim()
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            let words = name.split_whitespace().count();
            if (1..=5).contains(&words) && name.chars().any(char::is_alphabetic) {
                push_unique(&mut names, name.to_owned());
            }
        }
    }
    names
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !list.iter().any(|x| x.eq_ignore_ascii_case(&item)) {
        list.push(item);
    }
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim_start();
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("//")
        || s.starts_with('/')
}

/// `href` as an absolute http(s) url.
fn absolute(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    let url = match base {
        Some(b) => b.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// Whitespace collapsed and control characters dropped.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .filter(|c| !c.is_control() && !crate::sanitize::is_unsafe(*c)),
        );
    }
    out
}
