//! HTML to readable plain text: the one conversion used by feed item bodies and by page
//! extraction.
//!
//! Block elements become paragraphs separated by one blank line; headings are paragraphs of
//! their own; list items read `- item` (`1. item` in an `<ol>`, nested lists indented by two
//! spaces a level); block quotes are prefixed `> `; `<pre>` is kept verbatim; a `<br>` breaks
//! the line; links read as their text and images as their alt text. Scripts, styles,
//! templates, comments, form controls and embedded media are dropped. Entities are decoded
//! by the parser (html5ever, through dom_query), whitespace outside `<pre>` is collapsed, and
//! no control character survives (newlines excepted).
//!
//! The walk over the tree is iterative, so a deeply nested page cannot overflow the stack,
//! and block nesting is bounded before parsing ([`depth`]), so it cannot take quadratic time.

use dom_query::{Document, NodeData, NodeId, NodeRef};

pub mod depth;
#[cfg(test)]
mod tests;
mod writer;

use writer::Writer;

/// How [`to_text_with`] renders some elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Write an image's alt text in its place.
    pub image_alt: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self { image_alt: true }
    }
}

/// Readable text of an HTML document or fragment (see the module documentation).
pub fn to_text(html: &str) -> String {
    to_text_with(html, Options::default())
}

/// [`to_text`] with explicit [`Options`].
pub fn to_text_with(html: &str, options: Options) -> String {
    let doc = parse(html);
    node_text(&doc.root(), options)
}

/// `html` parsed as a document, block nesting bounded to [`depth::MAX_DEPTH`] levels.
pub fn parse(html: &str) -> Document {
    Document::from(depth::flatten(html, depth::MAX_DEPTH).as_ref())
}

/// Readable text of one node of a parsed document and everything under it.
pub fn node_text(root: &NodeRef<'_>, options: Options) -> String {
    let mut writer = Writer::default();
    // Depth-first walk with an explicit stack: `Enter` visits a node, `Leave` closes the
    // element it opened once its children are done.
    let mut stack = vec![Step::Enter(root.id)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(kind) => writer.leave(kind),
            Step::Enter(id) => {
                let node = NodeRef::new(id, root.tree);
                let Some(kind) = node.query(|n| classify(&n.data, &mut writer, options)) else {
                    continue;
                };
                let Some(kind) = kind else { continue };
                writer.enter(kind);
                stack.push(Step::Leave(kind));
                let mut child = node.last_child();
                while let Some(c) = child {
                    stack.push(Step::Enter(c.id));
                    child = c.prev_sibling();
                }
            }
        }
    }
    writer.finish()
}

enum Step {
    Enter(NodeId),
    Leave(Kind),
}

/// What an element means for the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The document or fragment root, or an element with no effect of its own.
    Inline,
    /// A block: its content is a paragraph (or several).
    Block,
    Heading,
    List {
        ordered: bool,
        start: u64,
    },
    Item,
    Quote,
    Pre,
    Row,
    Cell,
    Break,
    Rule,
}

/// The kind of a node, writing text and alt text straight into `writer`. `None` for a node
/// whose content is skipped (and for text, comments and the like, which have no children).
fn classify(data: &NodeData, writer: &mut Writer, options: Options) -> Option<Kind> {
    match data {
        NodeData::Document | NodeData::Fragment => Some(Kind::Inline),
        NodeData::Text { contents } => {
            writer.text(contents);
            None
        }
        NodeData::Element(el) => {
            let name: &str = &el.name.local;
            let attr = |key: &str| {
                el.attrs
                    .iter()
                    .find(|a| &*a.name.local == key)
                    .map(|a| &*a.value)
            };
            if attr("hidden").is_some() || attr("style").is_some_and(hides) {
                return None;
            }
            Some(match name {
                "script" | "style" | "template" | "noscript" | "head" | "title" | "meta"
                | "link" | "iframe" | "object" | "embed" | "svg" | "canvas" | "audio" | "video"
                | "select" | "textarea" | "input" | "button" | "frameset" | "frame" | "source"
                | "track" | "map" | "area" | "param" | "dialog" => {
                    return None;
                }
                "img" => {
                    if options.image_alt
                        && let Some(alt) = attr("alt")
                    {
                        writer.space();
                        writer.text(alt);
                        writer.space();
                    }
                    return None;
                }
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
                "ul" | "menu" | "dir" => Kind::List {
                    ordered: false,
                    start: 1,
                },
                "ol" => Kind::List {
                    ordered: true,
                    start: attr("start")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1),
                },
                "li" => Kind::Item,
                "blockquote" => Kind::Quote,
                "pre" | "listing" | "xmp" | "plaintext" => Kind::Pre,
                "tr" => Kind::Row,
                "td" | "th" => Kind::Cell,
                "br" => Kind::Break,
                "hr" => Kind::Rule,
                "p" | "div" | "section" | "article" | "aside" | "header" | "footer" | "main"
                | "nav" | "address" | "center" | "dd" | "dt" | "dl" | "details" | "summary"
                | "fieldset" | "legend" | "figure" | "figcaption" | "form" | "hgroup" | "table"
                | "caption" | "thead" | "tbody" | "tfoot" | "body" | "html" | "blink"
                | "marquee" | "search" | "option" | "optgroup" => Kind::Block,
                _ => Kind::Inline,
            })
        }
        NodeData::Comment { .. }
        | NodeData::Doctype { .. }
        | NodeData::ProcessingInstruction { .. } => None,
    }
}

/// Whether an inline style hides the element (`display: none`, `visibility: hidden`).
fn hides(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}
