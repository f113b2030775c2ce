//! Article extraction: a news web page in, its title, text and metadata out.
//!
//! The page is decoded ([`charset`]), parsed once (html5ever through dom_query, with the
//! nesting bounded by [`crate::html::parse`]), its metadata read from Open Graph,
//! `article:*` meta tags, JSON-LD, `<time>` and the byline ([`meta`]), and its article
//! found by dom_smoothie, a Rust port of Mozilla Readability. The article's HTML becomes text
//! through [`crate::html`], the one HTML-to-text conversion, and lines that are page clutter
//! rather than article ("READ MORE: …", "Story continues below advertisement", share and
//! newsletter prompts, photo credits) are left out ([`clutter`]).
//!
//! No I/O here: bytes in, a [`Page`] out.

use dom_smoothie::Readability;

pub mod charset;
mod clutter;
mod meta;
#[cfg(test)]
mod tests;

/// An article taken from a web page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The headline, without the site's name.
    pub title: String,
    /// The article text: paragraphs separated by one blank line.
    pub text: String,
    /// The site's name ("The Guardian"), when the page gives it.
    pub site_name: Option<String>,
    /// The canonical url when the page names one, else the url it was read from.
    pub url: Option<String>,
    /// The authors' names, in page order, without duplicates.
    pub authors: Vec<String>,
    /// When the article was published, as the page gives it (usually RFC 3339).
    pub published: Option<String>,
}

/// Why a page gave no article. Each message names the page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("{page}: no article found ({reason})")]
    NoArticle { page: String, reason: String },
}

impl ExtractError {
    /// The same error naming the page `name` (a file name, say) instead.
    #[must_use]
    pub fn for_page(self, name: &str) -> Self {
        match self {
            Self::NoArticle { reason, .. } => Self::NoArticle {
                page: name.to_owned(),
                reason,
            },
        }
    }
}

/// Fewer words than this is not an article (a login wall, an index page, an error page).
/// Each Chinese or Japanese character counts as a word.
const MIN_WORDS: usize = 40;

/// More of the text inside links than this is a list of links, not an article.
const MAX_LINK_SHARE: f64 = 0.5;

/// The share of the document's text (in chars, whitespace aside) that sits inside links.
fn link_share(doc: &dom_query::Document) -> f64 {
    let count = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let total = count(&doc.root().text());
    if total == 0 {
        return 0.0;
    }
    let linked: usize = doc
        .select("a")
        .nodes()
        .iter()
        .filter(|a| !a.ancestors_it(None).any(|p| p.has_name("a")))
        .map(|a| count(&a.text()))
        .sum();
    linked as f64 / total as f64
}

/// Words in `text`: runs of letters and digits, each CJK character a word of its own.
fn word_count(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            count += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                count += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    count
}

/// Kana and CJK ideographs, which are written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// The article in `bytes`, an HTML page. `content_type` is the HTTP header when the page
/// came over HTTP (for its charset); `url` is where it came from, used to resolve relative
/// links and to name the page in errors.
pub fn extract(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> Result<Page, ExtractError> {
    let (html, _) = charset::decode(bytes, content_type);
    extract_str(&html, url)
}

/// [`extract`] for a page already decoded.
pub fn extract_str(html: &str, url: Option<&str>) -> Result<Page, ExtractError> {
    let page_name = url.unwrap_or("the page").to_owned();
    let base = url.and_then(|u| url::Url::parse(u).ok());
    let doc = crate::html::parse(html);
    let found = meta::read(&doc, base.as_ref());
    let no_article = |reason: String| ExtractError::NoArticle {
        page: page_name.clone(),
        reason,
    };
    let mut readability =
        Readability::with_document(doc, base.as_ref().map(url::Url::as_str), None)
            .map_err(|e| no_article(e.to_string()))?;
    let article = readability.parse().map_err(|e| no_article(e.to_string()))?;
    let content = crate::html::parse(&article.content);
    let links = link_share(&content);
    if links > MAX_LINK_SHARE {
        return Err(no_article(format!(
            "{:.0}% of its text is links: an index page",
            links * 100.0
        )));
    }
    let options = crate::html::Options { image_alt: false };
    let body = crate::html::node_text(&content.root(), options);
    let title = meta::choose_title(&found, &article.title);
    let text = clutter::clean(&body, &title);
    let words = word_count(&text);
    if words < MIN_WORDS {
        return Err(no_article(format!("only {words} words of text")));
    }
    let mut authors = found.authors;
    if authors.is_empty()
        && let Some(byline) = article.byline.as_deref()
    {
        authors = meta::byline_names(byline);
    }
    Ok(Page {
        title,
        text,
        site_name: found
            .site_name
            .or_else(|| article.site_name.as_deref().map(meta::squash))
            .filter(|s| !s.is_empty()),
        url: found.canonical.or_else(|| base.map(String::from)),
        authors,
        published: found.published.or_else(|| {
            article
                .published_time
                .as_deref()
                .and_then(meta::normal_date)
        }),
    })
}
