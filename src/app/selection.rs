//! Selecting a passage by whole sentences: `v` starts at the first sentence shown in the
//! reading pane, up and down extend it by a sentence, `back` cancels.

use std::ops::Range;
use std::path::PathBuf;

use unicode_segmentation::UnicodeSegmentation;

use crate::app::action::{Action, Context, Pane};
use crate::app::model::Model;
use crate::app::update::set_focus;
use crate::geometry::doc::DocLine;

/// A selection of whole sentences in the open article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub path: PathBuf,
    /// Every sentence of the article (byte ranges, trimmed).
    pub sentences: Vec<Range<usize>>,
    /// The sentence where the selection started.
    pub anchor: usize,
    /// The sentence it was extended to.
    pub head: usize,
}

impl Selection {
    /// The selected bytes: from the first sentence's start to the last one's end.
    pub fn range(&self) -> Range<usize> {
        let (a, b) = (self.anchor.min(self.head), self.anchor.max(self.head));
        self.sentences[a].start..self.sentences[b].end
    }
}

/// Every sentence of the article's paragraphs, trimmed, in order.
pub fn sentences(raw: &str, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for p in paragraphs {
        let Some(text) = raw.get(p.clone()) else {
            continue;
        };
        for (off, s) in text.split_sentence_bound_indices() {
            let lead = s.len() - s.trim_start().len();
            let t = s.trim();
            if !t.is_empty() {
                let start = p.start + off + lead;
                out.push(start..start + t.len());
            }
        }
    }
    out
}

/// The paragraph and byte offset of the first text line shown in the reading pane.
pub fn top_text(m: &Model) -> Option<(usize, usize)> {
    let o = m.open.as_ref()?;
    o.doc.lines.iter().skip(o.scroll).find_map(|l| match l {
        DocLine::Text { para, range } => Some((*para, range.start)),
        _ => None,
    })
}

/// The status line while selecting, with the keys in force.
fn selecting(m: &Model, n: usize) -> String {
    let k = |a: Action| m.keys.get(Context::Reader, &a);
    format!(
        "{n} sentence{} selected: {}/{} extend, {} bookmarks, {} cancels",
        if n == 1 { "" } else { "s" },
        k(Action::Down),
        k(Action::Up),
        k(Action::Bookmark),
        k(Action::Back),
    )
}

/// `v`: select the first sentence shown.
pub fn start(m: &mut Model) {
    let Some(o) = &m.open else {
        m.status = Some("open an article to select a passage".into());
        return;
    };
    let a = &o.loaded.article;
    let sentences = sentences(&a.raw, &a.paragraphs);
    if sentences.is_empty() {
        m.status = Some("this article has no text to select".into());
        return;
    }
    let top = top_text(m).map_or(0, |(_, off)| off);
    let first = sentences
        .iter()
        .position(|s| s.end > top)
        .unwrap_or(sentences.len() - 1);
    m.passages.selection = Some(Selection {
        path: o.path.clone(),
        sentences,
        anchor: first,
        head: first,
    });
    set_focus(m, Pane::Reader);
    m.status = Some(selecting(m, 1));
}

/// Up or down while selecting: one sentence more or less, kept in view.
pub fn extend(m: &mut Model, down: bool) {
    let Some(sel) = &mut m.passages.selection else {
        return;
    };
    sel.head = if down {
        (sel.head + 1).min(sel.sentences.len() - 1)
    } else {
        sel.head.saturating_sub(1)
    };
    let head = sel.sentences[sel.head].clone();
    let n = sel.anchor.abs_diff(sel.head) + 1;
    m.status = Some(selecting(m, n));
    let h = m.height(Pane::Reader).max(1);
    if let Some(o) = &mut m.open {
        let first = o.doc.line_of(head.start).unwrap_or(0);
        let last = o.doc.line_of(head.end.saturating_sub(1)).unwrap_or(first);
        if first < o.scroll {
            o.scroll = first;
        } else if last >= o.scroll + h {
            o.scroll = last + 1 - h;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_trimmed_in_order_inside_their_paragraphs() {
        let raw = "Intro line.\n\nFirst one here. 第二句在这里。 Third — with “quotes” ok?  \
                   Last 🇫🇷 e\u{301}!\n\n   \n\nSolo";
        let paragraphs = [
            0..11,
            13..raw.find("\n\n   ").unwrap(),
            raw.len() - 4..raw.len(),
        ];
        let s = sentences(raw, &paragraphs);
        let texts: Vec<&str> = s.iter().map(|r| &raw[r.clone()]).collect();
        assert_eq!(texts[0], "Intro line.");
        assert_eq!(texts[1], "First one here.");
        assert!(texts.contains(&"Last 🇫🇷 e\u{301}!"), "{texts:?}");
        assert_eq!(texts.last(), Some(&"Solo"));
        for w in s.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        for (r, t) in s.iter().zip(&texts) {
            assert_eq!(t.trim(), *t);
            assert!(!t.is_empty());
            assert!(
                paragraphs
                    .iter()
                    .any(|p| p.start <= r.start && r.end <= p.end)
            );
        }
    }
}
