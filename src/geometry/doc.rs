//! The reading pane's text laid out at a width: the title, the metadata line and each
//! paragraph wrapped with textwrap by display width. Lines keep the byte ranges of the
//! article they show, so quotations, captions and search hits (byte ranges) map onto them.

use std::ops::Range;

use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::article::Article;
use crate::sanitize;

/// What a line of the reading pane shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocLine {
    /// Part of the title (already cleaned).
    Title(String),
    /// Part of the metadata line (already cleaned).
    Meta(String),
    Blank,
    /// Bytes `range` of the article's text, from paragraph `para`.
    Text {
        para: usize,
        range: Range<usize>,
    },
}

/// An article laid out at `width` columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    pub width: u16,
    pub lines: Vec<DocLine>,
}

/// The text shown for `raw[range]`: unsafe chars made visible, newlines and tabs as spaces, the
/// CR of a CRLF dropped. `None` when `range` is not on char boundaries.
pub fn display(raw: &str, range: Range<usize>) -> Option<String> {
    let piece = raw.get(range.clone())?;
    let next_after = raw.get(range.end..).and_then(|s| s.chars().next());
    let mut out = String::with_capacity(piece.len());
    let mut chars = piece.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek().copied().or(next_after) == Some('\n') => {}
            '\n' | '\t' => out.push(' '),
            c if sanitize::is_unsafe(c) => out.push(sanitize::visible(c)),
            c => out.push(c),
        }
    }
    Some(out)
}

/// Display width of a piece of raw text once shown.
fn width_of(raw: &str, range: Range<usize>) -> usize {
    display(raw, range).map_or(0, |s| s.width())
}

fn is_space(raw: &str, i: usize, c: char) -> bool {
    match c {
        ' ' | '\t' | '\n' => true,
        '\r' => raw.as_bytes().get(i + 1) == Some(&b'\n'),
        _ => false,
    }
}

#[derive(Debug)]
struct Word {
    start: usize,
    end: usize,
    width: usize,
    space: usize,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// The words of `raw[para]`, each no wider than `width` (longer ones are broken between
/// grapheme clusters).
fn words(raw: &str, para: Range<usize>, width: usize) -> Vec<Word> {
    let Some(text) = raw.get(para.clone()) else {
        return Vec::new();
    };
    let mut out: Vec<Word> = Vec::new();
    let mut start: Option<usize> = None;
    let push = |s: usize, e: usize, out: &mut Vec<Word>| {
        let piece = &raw[s..e];
        // fast path: nothing to replace, and it fits
        if !piece.chars().any(|c| c == '\r' || sanitize::is_unsafe(c)) {
            let w = piece.width();
            if w <= width {
                out.push(Word {
                    start: s,
                    end: e,
                    width: w,
                    space: 0,
                });
                return;
            }
        }
        // break an over-long word
        let mut piece_start = s;
        let mut piece_width = 0;
        for (off, g) in raw[s..e].grapheme_indices(true) {
            let gw = width_of(raw, s + off..s + off + g.len());
            if piece_width + gw > width && piece_width > 0 {
                out.push(Word {
                    start: piece_start,
                    end: s + off,
                    width: piece_width,
                    space: 0,
                });
                piece_start = s + off;
                piece_width = 0;
            }
            piece_width += gw;
        }
        out.push(Word {
            start: piece_start,
            end: e,
            width: piece_width,
            space: 0,
        });
    };
    for (off, c) in text.char_indices() {
        let i = para.start + off;
        if is_space(raw, i, c) {
            if let Some(s) = start.take() {
                push(s, i, &mut out);
            }
            if let Some(w) = out.last_mut()
                && c != '\r'
            {
                w.space += 1;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        push(s, para.end, &mut out);
    }
    out
}

/// Wrap plain (already cleaned) text for the title and the metadata line.
fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(text, textwrap::Options::new(width.max(1)).break_words(true))
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect()
}

/// The metadata line: source, date, authors, folder.
pub fn meta_line(article: &Article, section: Option<&str>) -> String {
    let m = &article.meta;
    let mut parts: Vec<String> = Vec::new();
    parts.extend(m.source.clone());
    parts.extend(m.published.as_deref().map(shown_date));
    if !m.authors.is_empty() {
        parts.push(format!("by {}", m.authors.join(", ")));
    }
    // The folder, unless it only repeats the source (as a feed's folder does).
    let repeats = |s: &str| {
        m.source
            .as_deref()
            .is_some_and(|src| src.trim().eq_ignore_ascii_case(s.trim()))
    };
    parts.extend(
        section
            .filter(|s| !s.is_empty() && !repeats(s))
            .map(str::to_owned),
    );
    sanitize::clean_line(&parts.join(" · ")).into_owned()
}

/// A publication date as a reader reads it: `2026-11-05 10:00 UTC` for
/// `2026-11-05T10:00:00Z`, the offset kept when it is not UTC; a date alone as it is.
fn shown_date(published: &str) -> String {
    let (Some(date), Some(rest)) = (published.get(..10), published.get(10..)) else {
        return published.to_owned();
    };
    let Some(time) = rest.strip_prefix(['T', 't', ' ']) else {
        return published.to_owned();
    };
    let (Some(hm), Some(after)) = (time.get(..5), time.get(5..)) else {
        return published.to_owned();
    };
    // Seconds and fractions go; the zone stays.
    let zone = after.trim_start_matches(|c: char| c == ':' || c == '.' || c.is_ascii_digit());
    let zone = match zone {
        "Z" | "z" | "+00:00" => " UTC".to_owned(),
        "" => String::new(),
        other => format!(" {other}"),
    };
    format!("{date} {hm}{zone}")
}

impl Doc {
    /// The open article laid out at `width`: the model's own layout when it was made for that
    /// width (the usual case), else a fresh one for this frame.
    pub fn of_open(open: &crate::app::model::Open, width: u16) -> std::borrow::Cow<'_, Doc> {
        if open.doc.width == width {
            std::borrow::Cow::Borrowed(&open.doc)
        } else {
            std::borrow::Cow::Owned(Doc::layout(
                &open.loaded.article,
                Some(&open.section),
                width,
            ))
        }
    }

    /// Lay out `article` at `width` columns.
    pub fn layout(article: &Article, section: Option<&str>, width: u16) -> Doc {
        let w = usize::from(width.max(1));
        let mut lines = Vec::new();
        let title = sanitize::clean_line(&article.meta.title);
        lines.extend(wrap_plain(&title, w).into_iter().map(DocLine::Title));
        let meta = meta_line(article, section);
        if !meta.is_empty() {
            lines.extend(wrap_plain(&meta, w).into_iter().map(DocLine::Meta));
        }
        if let Some(url) = &article.meta.url {
            let url = sanitize::clean_line(url);
            lines.extend(wrap_plain(&url, w).into_iter().map(DocLine::Meta));
        }
        for (pi, para) in article.paragraphs.iter().enumerate() {
            let words = words(&article.raw, para.clone(), w);
            if words.is_empty() {
                continue;
            }
            lines.push(DocLine::Blank);
            for line in textwrap::wrap_algorithms::wrap_first_fit(&words, &[w as f64]) {
                if let (Some(first), Some(last)) = (line.first(), line.last()) {
                    lines.push(DocLine::Text {
                        para: pi,
                        range: first.start..last.end,
                    });
                }
            }
        }
        Doc { width, lines }
    }

    /// The first line showing byte `offset` (or the first text line after it).
    pub fn line_of(&self, offset: usize) -> Option<usize> {
        self.lines.iter().position(|l| match l {
            DocLine::Text { range, .. } => range.end > offset,
            _ => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Meta;
    use std::path::PathBuf;

    #[test]
    fn the_metadata_line_reads_as_a_reader_would_say_it() {
        let mut a = article("Text.");
        a.meta.source = Some("The Harbour Ledger".into());
        a.meta.published = Some("2026-11-05T10:00:00Z".into());
        a.meta.authors = vec!["Ana Ruiz".into()];
        assert_eq!(
            meta_line(&a, Some("The Harbour Ledger")),
            "The Harbour Ledger · 2026-11-05 10:00 UTC · by Ana Ruiz"
        );
        assert_eq!(
            meta_line(&a, Some("city")),
            "The Harbour Ledger · 2026-11-05 10:00 UTC · by Ana Ruiz · city"
        );
        for (written, shown) in [
            ("2026-11-05", "2026-11-05"),
            ("2026-11-05T10:00:59.25+02:00", "2026-11-05 10:00 +02:00"),
            ("2026-11-05 07:30:00-05:00", "2026-11-05 07:30 -05:00"),
            ("2026-11-05T10:00:00", "2026-11-05 10:00"),
            ("2026-11-05T1", "2026-11-05T1"),
            ("é", "é"),
        ] {
            assert_eq!(shown_date(written), shown, "{written}");
        }
    }

    fn article(body: &str) -> Article {
        let paragraphs = {
            let mut v = Vec::new();
            let mut start = 0;
            for part in body.split("\n\n") {
                v.push(start..start + part.len());
                start += part.len() + 2;
            }
            v
        };
        Article {
            path: PathBuf::from("a.md"),
            raw: body.to_owned(),
            meta: Meta {
                title: "A title".into(),
                ..Meta::default()
            },
            body: 0..body.len(),
            paragraphs,
            warnings: Vec::new(),
        }
    }

    fn texts(doc: &Doc, a: &Article) -> Vec<String> {
        doc.lines
            .iter()
            .filter_map(|l| match l {
                DocLine::Text { range, .. } => display(&a.raw, range.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn wraps_by_display_width_and_keeps_byte_ranges() {
        let a = article("李明 说 “你好” and café crème\n\nsecond one");
        let doc = Doc::layout(&a, None, 8);
        for t in texts(&doc, &a) {
            assert!(t.width() <= 8, "{t:?}");
        }
        assert_eq!(
            texts(&doc, &a),
            ["李明 说", "“你好”", "and café", "crème", "second", "one"]
        );
        assert_eq!(doc.lines[0], DocLine::Title("A title".into()));
    }

    #[test]
    fn long_words_break_between_graphemes() {
        let a = article("e\u{301}e\u{301}e\u{301}e\u{301} 🇫🇷🇫🇷🇫🇷");
        let doc = Doc::layout(&a, None, 2);
        let t = texts(&doc, &a);
        assert_eq!(
            t,
            ["e\u{301}e\u{301}", "e\u{301}e\u{301}", "🇫🇷", "🇫🇷", "🇫🇷"]
        );
    }

    #[test]
    fn crlf_and_controls_are_never_shown_raw() {
        let a = article("one\r\ntwo\u{1b}[2J three\rfour");
        let doc = Doc::layout(&a, None, 40);
        assert_eq!(texts(&doc, &a), ["one two␛[2J three␍four"]);
    }

    #[test]
    fn line_of_finds_the_line_holding_an_offset() {
        let a = article("aaa bbb ccc\n\nddd eee");
        let doc = Doc::layout(&a, None, 4);
        let off = a.raw.find("eee").unwrap();
        let i = doc.line_of(off).unwrap();
        assert_eq!(
            doc.lines[i],
            DocLine::Text {
                para: 1,
                range: off..off + 3
            }
        );
    }

    #[test]
    fn a_megabyte_paragraph_lays_out_quickly() {
        let body = "word ".repeat(200_000) + &"x".repeat(50_000);
        let a = article(&body);
        let t = std::time::Instant::now();
        let doc = Doc::layout(&a, None, 80);
        assert!(doc.lines.len() > 12_000);
        // generous: a debug build on a busy machine
        assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
    }

    #[test]
    fn width_one_and_empty_articles_do_not_panic() {
        let a = article("李 a");
        let _ = Doc::layout(&a, None, 0);
        let _ = Doc::layout(&a, None, 1);
        let _ = Doc::layout(&article(""), None, 10);
    }
}
