//! A bound on how deeply block containers nest before the page reaches the parser.
//!
//! html5ever follows the HTML standard, whose tree building walks the stack of open elements
//! for every block start tag ("close a p element"): a page nesting `<div>`s n deep costs n²
//! (10,000 levels take about half a second, 100,000 take minutes). No real page nests blocks
//! more than a few dozen deep, so past [`MAX_DEPTH`] levels the container tags (and their
//! matching end tags) are dropped before parsing. Their text is kept; the page reads as if
//! the deepest blocks were one. The scan is linear and copies the page only when it has to.

use std::borrow::Cow;

/// Block containers nested deeper than this are flattened.
pub const MAX_DEPTH: usize = 400;

/// Tags whose start walks the stack of open elements and which no sibling closes.
fn is_container(name: &[u8]) -> bool {
    matches!(
        name,
        b"div"
            | b"section"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"center"
            | b"details"
            | b"dialog"
            | b"dir"
            | b"dl"
            | b"fieldset"
            | b"figure"
            | b"figcaption"
            | b"footer"
            | b"header"
            | b"hgroup"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"ul"
            | b"address"
            | b"summary"
            | b"search"
            | b"form"
    )
}

/// Elements whose content is raw text: a `<div>` inside them is not a tag.
fn is_raw(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"plaintext"
    )
}

/// `html` with container tags past `limit` levels removed (borrowed when none are).
pub fn flatten(html: &str, limit: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + off;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            i = find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = start + 1 + usize::from(closing);
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes[name_at].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = bytes[name_at..name_at + name_len].to_ascii_lowercase();
        let end = tag_end(bytes, name_at + name_len);
        let self_closing = end >= 2 && bytes[end - 2] == b'/';
        let mut drop = false;
        if closing {
            if is_container(&name) {
                if dropped > 0 {
                    dropped -= 1;
                    drop = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
        } else if is_container(&name) && !self_closing {
            if depth >= limit {
                dropped += 1;
                drop = true;
            } else {
                depth += 1;
            }
        }
        if drop {
            let s = out.get_or_insert_with(|| String::with_capacity(html.len()));
            s.push_str(&html[copied..start]);
            copied = end;
        }
        i = end;
        if !closing && is_raw(&name) {
            i = raw_end(bytes, end, &name);
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut s) => {
            s.push_str(&html[copied..]);
            Cow::Owned(s)
        }
    }
}

/// The index just past the `>` closing a tag whose name ends at `from`, quotes respected.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut i = from;
    while let Some(off) = memchr::memchr3(b'>', b'"', b'\'', &bytes[i..]) {
        let at = i + off;
        let b = bytes[at];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return at + 1,
            None => quote = Some(b),
        }
        i = at + 1;
    }
    bytes.len()
}

/// The index of the `</name` that ends a raw text element (or the end of the page).
fn raw_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(off) = find(bytes, i, b"</") {
        let after = off + 2;
        let candidate = &bytes[after..bytes.len().min(after + name.len())];
        if candidate.eq_ignore_ascii_case(name) {
            return off;
        }
        i = after;
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_borrowed_unchanged() {
        let html = "<div><section><p>a</p></section></div>";
        assert!(matches!(flatten(html, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn containers_past_the_limit_are_dropped_with_their_end_tags() {
        let html = "<div><div><div class=\"x>y\"><p>deep</p></div></div></div><p>after</p>";
        assert_eq!(
            flatten(html, 2),
            "<div><div><p>deep</p></div></div><p>after</p>"
        );
    }

    #[test]
    fn tags_inside_scripts_and_comments_do_not_count() {
        let html =
            "<div><script>var s = '<div><div>';</script><!-- <div><div> --><div>x</div></div>";
        assert!(matches!(flatten(html, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn unclosed_deep_nesting_is_cut() {
        let html = "<div>".repeat(1000) + "text";
        let flat = flatten(&html, 10);
        assert_eq!(flat, "<div>".repeat(10) + "text");
    }
}
