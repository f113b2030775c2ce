//! Lines of a page that are not the article: cross-links ("READ MORE: …", "WATCH: …"),
//! advertising markers, share and newsletter prompts, photo credits, related-story lists, and
//! the headline repeated at the top of the text. They are dropped whole; a paragraph that only
//! mentions such words in a sentence is kept.

/// Prefixes that, followed by a colon or a bar, mark a cross-link to another story.
const LINK_PREFIXES: [&str; 16] = [
    "read more",
    "read also",
    "also read",
    "read next",
    "more",
    "watch",
    "listen",
    "related",
    "see also",
    "recommended",
    "most read",
    "trending",
    "don't miss",
    "sponsored",
    "more on this",
    "must read",
];

/// Whole paragraphs (lowercase, trailing punctuation cut) that are page furniture.
const FURNITURE: [&str; 34] = [
    "advertisement",
    "advertisements",
    "ad",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading below",
    "continue reading the main story",
    "continue reading",
    "skip advertisement",
    "scroll to continue with content",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share via email",
    "tweet",
    "email",
    "print",
    "comments",
    "related",
    "related stories",
    "related articles",
    "related content",
    "related coverage",
    "more on this story",
    "more stories",
    "you may also like",
    "recommended",
    "most read",
    "most popular",
    "trending",
    "sign up",
];

/// Words that, in a short paragraph, make it a newsletter or subscription prompt.
const PROMPT_WORDS: [&str; 6] = [
    "newsletter",
    "sign up",
    "subscribe",
    "inbox",
    "privacy policy",
    "terms of service",
];

/// Image credit prefixes ("Photo: …", "Image credit: …").
const CREDIT_PREFIXES: [&str; 8] = [
    "photo",
    "photos",
    "image",
    "images",
    "picture",
    "credit",
    "photograph",
    "illustration",
];

/// `text` without its clutter paragraphs; `title` is the headline (dropped if the text
/// repeats it first).
pub fn clean(text: &str, title: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut in_related_list = false;
    for (i, para) in text.split("\n\n").enumerate() {
        let p = para.trim();
        if p.is_empty() {
            continue;
        }
        if i == 0 && same_words(p, title) {
            continue;
        }
        let is_item = p.starts_with("- ") || p.starts_with("* ");
        if in_related_list && is_item {
            continue;
        }
        in_related_list = false;
        let lower = norm(p);
        if is_related_heading(&lower) {
            in_related_list = true;
            continue;
        }
        if is_clutter(&lower) {
            continue;
        }
        kept.push(para);
    }
    kept.join("\n\n")
}

/// A heading that introduces a list of links to other stories.
fn is_related_heading(lower: &str) -> bool {
    matches!(
        lower,
        "related"
            | "related stories"
            | "related articles"
            | "related content"
            | "related coverage"
            | "more on this story"
            | "more stories"
            | "you may also like"
            | "recommended"
            | "most read"
            | "most popular"
            | "trending"
            | "read more"
            | "more from this author"
            | "recommended stories"
            | "read next"
    )
}

/// Whether one paragraph (normalised by [`norm`]) is clutter.
fn is_clutter(lower: &str) -> bool {
    let words = lower.split_whitespace().count();
    if FURNITURE.contains(&lower) {
        return true;
    }
    // "READ MORE: Another story", "WATCH | A video".
    for prefix in LINK_PREFIXES {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let rest = rest.trim_start();
            if (rest.starts_with(':') || rest.starts_with('|') || rest.starts_with('»'))
                && words <= 30
            {
                return true;
            }
        }
    }
    if words <= 40 && PROMPT_WORDS.iter().filter(|w| lower.contains(*w)).count() >= 2 {
        return true;
    }
    if words <= 25 && is_credit(lower) {
        return true;
    }
    words <= 8 && is_page_marker(lower)
}

/// Multi-page navigation: "Page 2 of 3", "Next page", "Continued on page 4", "1 2 3 Next".
fn is_page_marker(lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '»' | '«' | '›' | '‹' | '|' | '·'))
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        ["next" | "previous" | "prev"] | ["next" | "previous" | "prev", "page"] => true,
        ["page", n]
        | ["page", n, "of", _]
        | ["continue" | "continued", "on" | "to", "page", n]
        | ["continue", "reading", "on", "page", n] => number(n),
        ws => {
            ws.len() >= 2
                && ws.iter().any(|w| number(w))
                && ws
                    .iter()
                    .any(|w| matches!(*w, "next" | "previous" | "prev" | "page"))
                && ws.iter().all(|w| {
                    number(w) || matches!(*w, "next" | "previous" | "prev" | "page" | "of")
                })
        }
    }
}

/// "Photo: Jane Doe/Reuters", "(Image credit: Getty Images)", "Jane Doe / AFP via Getty
/// Images".
fn is_credit(lower: &str) -> bool {
    let inner = lower
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']']);
    for prefix in CREDIT_PREFIXES {
        if let Some(rest) = inner.strip_prefix(prefix) {
            let rest = rest.trim_start();
            let rest = rest.strip_prefix("credit").unwrap_or(rest).trim_start();
            let rest = rest.strip_prefix("s").unwrap_or(rest).trim_start();
            if rest.starts_with(':') || rest.starts_with('|') {
                return true;
            }
        }
    }
    let agency = [
        "getty images",
        "afp via getty",
        "shutterstock",
        "ap photo",
        "reuters/",
    ];
    lower.split_whitespace().count() <= 10
        && agency
            .iter()
            .any(|a| inner.ends_with(a) || inner.starts_with(a))
}

/// Lowercase, whitespace collapsed, trailing punctuation cut.
fn norm(p: &str) -> String {
    let mut s = String::with_capacity(p.len());
    for w in p.split_whitespace() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&w.to_lowercase());
    }
    s.trim_end_matches(['.', ':', '!', '»', '›', '>', '…'])
        .trim()
        .replace('’', "'")
}

/// Same words, ignoring case and punctuation.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let wa = words(a);
    !wa.is_empty() && wa == words(b)
}
