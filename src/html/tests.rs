use super::*;

#[test]
fn paragraphs_are_separated_by_one_blank_line() {
    let html = "<html><head><title>Not text</title></head><body>\
        <p>First   paragraph\n  spans lines.</p><div>Second <b>bold</b> one.</div>\
        <p></p><p>   </p><section><p>Third.</p></section></body></html>";
    assert_eq!(
        to_text(html),
        "First paragraph spans lines.\n\nSecond bold one.\n\nThird."
    );
}

#[test]
fn headings_are_their_own_paragraph() {
    let html = "<h1>The title</h1>Loose text<h2>Part <em>two</em></h2><p>Body.</p>";
    assert_eq!(
        to_text(html),
        "The title\n\nLoose text\n\nPart two\n\nBody."
    );
}

#[test]
fn lists_get_markers_and_nested_lists_an_indent() {
    let html = "<ul><li>One</li><li>Two<ul><li>Two a</li><li>Two b</li></ul></li></ul>\
        <ol start=\"3\"><li>Third</li><li><p>Fourth</p><p>More of it</p></li></ol>";
    assert_eq!(
        to_text(html),
        "- One\n\n- Two\n\n  - Two a\n\n  - Two b\n\n3. Third\n\n4. Fourth\n\n   More of it"
    );
}

#[test]
fn ordered_list_inside_unordered_numbers_from_one() {
    let html = "<ul><li>Steps<ol><li>a</li><li>b</li></ol></li></ul>";
    assert_eq!(to_text(html), "- Steps\n\n  1. a\n\n  2. b");
}

#[test]
fn block_quotes_are_prefixed() {
    let html = "<p>He wrote:</p><blockquote><p>Line one.</p><p>Line two.</p>\
        <blockquote>Deeper.</blockquote></blockquote><p>After.</p>";
    assert_eq!(
        to_text(html),
        "He wrote:\n\n> Line one.\n\n> Line two.\n\n> > Deeper.\n\nAfter."
    );
}

#[test]
fn pre_is_kept_verbatim() {
    let html = "<p>Code:</p><pre>\nfn main() {\n    let x  =  1;\n\tx\n}\n</pre><p>Done.</p>";
    assert_eq!(
        to_text(html),
        "Code:\n\nfn main() {\n    let x  =  1;\n\tx\n}\n\nDone."
    );
}

#[test]
fn pre_keeps_markup_text_and_entities() {
    let html = "<pre><code>if a &lt; b &amp;&amp; c {\n  <b>go</b>();\n}</code></pre>";
    assert_eq!(to_text(html), "if a < b && c {\n  go();\n}");
}

#[test]
fn links_read_as_their_text_and_images_as_alt() {
    let html = "<p>See <a href=\"https://x.example/\">the report</a>.<img src=\"a.png\" \
        alt=\"A chart of prices\">Then<img src=\"b.png\">more.</p>";
    assert_eq!(to_text(html), "See the report. A chart of prices Thenmore.");
    let no_alt = to_text_with(html, Options { image_alt: false });
    assert_eq!(no_alt, "See the report.Thenmore.");
}

#[test]
fn scripts_styles_templates_and_comments_are_dropped() {
    let html = "<style>p { color: red }</style><p>Kept<script>var x = '<p>no</p>';</script>\
        <!-- a comment --> text.</p><template><p>Hidden</p></template>\
        <noscript>Enable JS</noscript><p hidden>Gone</p><p style=\"display: none\">Gone</p>\
        <button>Share</button>";
    assert_eq!(to_text(html), "Kept text.");
}

#[test]
fn entities_are_decoded() {
    let html = "<p>Caf&eacute; &amp; &#8220;bar&#8221; &lt;tag&gt; &#x1F600; &nbsp;end</p>";
    assert_eq!(to_text(html), "Café & “bar” <tag> 😀 end");
}

#[test]
fn whitespace_collapses_across_inline_elements() {
    let html = "<p>  a <span> b </span>c<em>d</em>\t\n e\u{a0}\u{a0}f  </p>";
    assert_eq!(to_text(html), "a b cd e f");
}

#[test]
fn control_characters_never_survive() {
    let html = "<p>a\u{1b}[31mred\u{7}\u{9b} b\u{202e}c\u{feff}d &#27; &#x85;e</p>\
        <pre>x\u{1b}]0;t\u{7}\ry</pre>";
    let text = to_text(html);
    assert!(
        !text
            .chars()
            .any(|c| (c.is_control() && c != '\n') || crate::sanitize::is_unsafe(c)),
        "{text:?}"
    );
    assert_eq!(text, "a[31mred bcd \u{2026}e\n\nx]0;t\ny");
}

#[test]
fn line_breaks_break_lines_and_two_end_a_paragraph() {
    let html = "<p>one<br>two<br/> three<br><br>four</p>";
    assert_eq!(to_text(html), "one\ntwo\nthree\n\nfour");
}

#[test]
fn table_rows_are_paragraphs_with_cells_joined() {
    let html = "<table><tr><th>Name</th><th>Votes</th></tr>\
        <tr><td>Ana</td><td>12</td></tr></table>";
    assert_eq!(to_text(html), "Name | Votes\n\nAna | 12");
}

#[test]
fn figure_captions_are_paragraphs() {
    let html = "<figure><img alt=\"Harbour\"><figcaption>The harbour at dawn.</figcaption>\
        </figure><p>Text.</p>";
    assert_eq!(to_text(html), "Harbour\n\nThe harbour at dawn.\n\nText.");
}

#[test]
fn empty_and_plain_inputs() {
    assert_eq!(to_text(""), "");
    assert_eq!(to_text("   "), "");
    assert_eq!(to_text("just text"), "just text");
    assert_eq!(to_text("<p>unclosed <b>bold"), "unclosed bold");
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 10_000;
    let html = format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth));
    assert_eq!(to_text(&html), "deep");
    let spans = format!("{}x", "<span>".repeat(depth));
    assert_eq!(to_text(&spans), "x");
}

#[test]
fn many_empty_divs_finish() {
    let html = format!("<p>a</p>{}<p>b</p>", "<div></div>".repeat(200_000));
    assert_eq!(to_text(&html), "a\n\nb");
}
