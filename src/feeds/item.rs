//! Feed bytes to articles: parse with feed-rs (RSS 0.9x/2.0, RSS 1.0 RDF, Atom, JSON Feed),
//! then each item to a [`NewArticle`] with a stable identity. Pure: no I/O.

use sha2::{Digest, Sha256};
use url::Url;

use crate::article::write::{NewArticle, one_line};

/// At most this many category tags are taken from one item.
const MAX_ITEM_TAGS: usize = 10;
/// Item bodies are cut (at a paragraph) beyond this many bytes of text.
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFeed {
    /// The feed's own title, as one clean line.
    pub title: Option<String>,
    /// The site's home page, if the feed names one.
    pub home: Option<String>,
    pub items: Vec<Item>,
}

/// One feed item as an article to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The guid, else the link, else a hash of title and date.
    pub identity: String,
    pub article: NewArticle,
}

/// Why bytes are not a feed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Not XML or JSON with a feed root: an HTML page, a text file...
    #[error("not a feed{}", describe_type(.0.as_deref()))]
    NotAFeed(Option<String>),
    #[error("malformed feed: {0}")]
    Malformed(String),
}

fn describe_type(content_type: Option<&str>) -> String {
    content_type.map_or_else(String::new, |t| format!(" ({})", one_line(t)))
}

/// What the fetcher knows of the feed besides its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The url the feed was fetched from (after redirects): the base for relative links.
    pub url: &'a str,
    pub content_type: Option<&'a str>,
    /// The name the user gave the feed: the articles' `source` when set.
    pub name: Option<&'a str>,
    /// Tags the user gave the feed.
    pub tags: &'a [String],
}

/// Parse feed bytes into items ready to save.
pub fn parse(bytes: &[u8], ctx: &Context<'_>) -> Result<ParsedFeed, ParseError> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(ctx.url))
        // An empty id means "none given": the identity rule below decides.
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser.parse(bytes).map_err(|e| match e {
        feed_rs::parser::ParseFeedError::ParseError(
            feed_rs::parser::ParseErrorKind::NoFeedRoot,
        ) => ParseError::NotAFeed(ctx.content_type.map(str::to_owned)),
        other => ParseError::Malformed(one_line(&other.to_string())),
    })?;
    let base = Url::parse(ctx.url).ok();
    let title = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let home = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .and_then(|l| resolve(base.as_ref(), &l.href));
    let source = ctx
        .name
        .map(one_line)
        .filter(|n| !n.is_empty())
        .or_else(|| title.clone());
    let feed_authors: Vec<String> = names(&feed.authors);
    let items = feed
        .entries
        .iter()
        .map(|entry| {
            let entry_base = entry
                .base
                .as_deref()
                .and_then(|b| resolve(base.as_ref(), b))
                .and_then(|b| Url::parse(&b).ok())
                .or_else(|| base.clone());
            let mut article = article_of(entry, entry_base.as_ref(), ctx);
            article.source.clone_from(&source);
            if article.authors.is_empty() {
                article.authors.clone_from(&feed_authors);
            }
            let identity = identity(entry, &article);
            article.guid = Some(identity.clone());
            Item { identity, article }
        })
        .collect();
    Ok(ParsedFeed { title, home, items })
}

fn article_of(entry: &feed_rs::model::Entry, base: Option<&Url>, ctx: &Context<'_>) -> NewArticle {
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .and_then(|l| resolve(base, &l.href));
    let published = entry
        .published
        .or(entry.updated)
        .and_then(|d| jiff::Timestamp::from_second(d.timestamp()).ok())
        .map(|t| t.to_string());
    let mut tags: Vec<String> = ctx.tags.iter().map(|t| one_line(t)).collect();
    for c in entry.categories.iter().take(MAX_ITEM_TAGS) {
        let term = one_line(c.label.as_deref().unwrap_or(&c.term));
        if !term.is_empty() && !tags.contains(&term) {
            tags.push(term);
        }
    }
    let body = entry
        .content
        .as_ref()
        .and_then(|c| {
            let body = c.body.as_deref()?;
            Some(body_text(body, &c.content_type.essence().to_string()))
        })
        .filter(|t| !t.trim().is_empty())
        .or_else(|| entry.summary.as_ref().map(text_body))
        .unwrap_or_default();
    NewArticle {
        title: entry.title.as_ref().map(text_of).unwrap_or_default(),
        source: None,
        url,
        authors: names(&entry.authors),
        published,
        tags: tags.into_iter().filter(|t| !t.is_empty()).collect(),
        feed: Some(ctx.url.to_owned()),
        guid: None,
        body: bound(body),
    }
}

/// The guid, else the link, else a hash of title and date.
fn identity(entry: &feed_rs::model::Entry, article: &NewArticle) -> String {
    let id = one_line(&entry.id);
    if !id.is_empty() {
        return id;
    }
    if let Some(url) = &article.url {
        return url.clone();
    }
    let mut hash = Sha256::new();
    hash.update(article.title.as_bytes());
    hash.update([0]);
    hash.update(article.published.as_deref().unwrap_or_default().as_bytes());
    hash.update([0]);
    if article.title.is_empty() && article.published.is_none() {
        // Nothing else tells the item apart: its text does.
        hash.update(article.body.as_bytes());
    }
    format!("sha256:{}", hex16(&hash.finalize()))
}

/// The first 16 bytes of a digest in hex.
pub fn hex16(digest: &[u8]) -> String {
    digest
        .iter()
        .take(16)
        .fold(String::with_capacity(32), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn names(people: &[feed_rs::model::Person]) -> Vec<String> {
    people
        .iter()
        .map(|p| {
            let name = person_name(&one_line(p.name.as_deref().unwrap_or_default()));
            // An address alone still says who wrote it.
            if name.is_empty() {
                one_line(p.email.as_deref().unwrap_or_default())
            } else {
                name
            }
        })
        .filter(|n| !n.is_empty())
        .collect()
}

/// The name in an RSS 2.0 author, which is an address with the name in parentheses
/// ("desk@ledger.example (Ana Ruiz)", of which the parser may keep only "(Ana Ruiz)").
fn person_name(raw: &str) -> String {
    let raw = raw.trim();
    let named = raw
        .strip_suffix(')')
        .and_then(|r| r.rfind('(').map(|open| (&r[..open], &r[open + 1..])))
        .filter(|(before, _)| before.trim().is_empty() || before.contains('@'));
    match named {
        Some((_, name)) => name.trim().to_owned(),
        None => raw.to_owned(),
    }
}

/// A feed text field as one clean line (HTML titles lose their markup).
fn text_of(text: &feed_rs::model::Text) -> String {
    one_line(&text_body(text))
}

/// A feed text field as readable text.
fn text_body(text: &feed_rs::model::Text) -> String {
    body_text(&text.content, &text.content_type.essence().to_string())
}

/// Markup to readable text; plain text as it is.
fn body_text(body: &str, content_type: &str) -> String {
    let is_plain = content_type == "text/plain" && !looks_like_html(body);
    if is_plain {
        crate::sanitize::clean(body).into_owned()
    } else {
        crate::html::to_text(body)
    }
}

/// Plain-text fields of RSS often carry HTML anyway.
fn looks_like_html(s: &str) -> bool {
    let lower = s.get(..s.len().min(4096)).unwrap_or(s).to_ascii_lowercase();
    [
        "<p",
        "<br",
        "<div",
        "<a ",
        "<img",
        "<em",
        "<strong",
        "<ul",
        "<blockquote",
        "&lt;",
        "&amp;",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

/// `href` made absolute against `base`; only http and https links are kept.
fn resolve(base: Option<&Url>, href: &str) -> Option<String> {
    let href = href.trim();
    let url = match base {
        Some(b) => b.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// Keep a body under [`MAX_BODY_BYTES`], cut at a paragraph (or a char) boundary.
fn bound(mut body: String) -> String {
    if body.len() <= MAX_BODY_BYTES {
        return body;
    }
    let mut end = MAX_BODY_BYTES;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let cut = body[..end].rfind("\n\n").unwrap_or(end);
    body.truncate(cut);
    body
}

#[cfg(test)]
#[path = "item_tests.rs"]
mod tests;
