//! Finding a bookmarked passage again in an article that may have changed.
//!
//! 1. **Exact**: every occurrence of the passage's exact text is a candidate. The one whose
//!    surroundings agree best with the saved context wins (chars of `before` matching just
//!    before it plus chars of `after` matching just after it); a tie goes to the occurrence
//!    nearest the saved offset. At the saved offset it is [`Anchor::Exact`], elsewhere
//!    [`Anchor::Moved`].
//! 2. **Fuzzy**: the article's words are scanned with a window as long as the passage; the
//!    windows sharing the most words with the passage are refined (start and end moved by a
//!    few words) by word-level edit distance. The best span is scored by char-level
//!    similarity with the passage (`strsim::normalized_levenshtein`, 1.0 = identical). At or
//!    above [`FUZZY_THRESHOLD`] it is [`Anchor::Fuzzy`].
//! 3. Otherwise [`Anchor::Orphaned`]: the bookmark keeps its saved text and is never dropped.

use std::collections::HashMap;
use std::ops::Range;

use super::Bookmark;

/// The lowest char-level similarity (0..=1) at which a changed passage still counts as found.
/// 0.6 accepts a passage with a word or two rewritten or a clause added, and refuses an
/// unrelated sentence that merely shares a few common words (those score 0.2 to 0.45).
pub const FUZZY_THRESHOLD: f64 = 0.6;

/// How many of the best word windows are refined in the fuzzy pass.
const FUZZY_CANDIDATES: usize = 8;
/// How far (in words) a candidate's start and end may move when refined.
const FUZZY_SLACK: usize = 3;
/// Above this many chars the final score is the word-level similarity (char-level edit
/// distance is quadratic).
const CHAR_SCORE_LIMIT: usize = 4000;

/// Where a bookmark's passage is in the current text.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    /// The exact text, at the saved offsets.
    Exact(Range<usize>),
    /// The exact text, elsewhere.
    Moved(Range<usize>),
    /// A changed version of the passage, with its similarity (0..=1).
    Fuzzy(Range<usize>, f64),
    /// Not found.
    Orphaned,
}

impl Anchor {
    /// The passage's byte range in the current text, if found.
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Self::Exact(r) | Self::Moved(r) | Self::Fuzzy(r, _) => Some(r.clone()),
            Self::Orphaned => None,
        }
    }

    /// "exact", "moved", "fuzzy" or "orphaned".
    pub const fn status(&self) -> &'static str {
        match self {
            Self::Exact(_) => "exact",
            Self::Moved(_) => "moved",
            Self::Fuzzy(..) => "fuzzy",
            Self::Orphaned => "orphaned",
        }
    }
}

/// Find `b`'s passage in `text` (see the module documentation for the rules).
pub fn anchor(b: &Bookmark, text: &str) -> Anchor {
    if b.passage.is_empty() {
        return Anchor::Orphaned;
    }
    if let Some(start) = best_exact(b, text) {
        let range = start..start + b.passage.len();
        return if range == (b.start..b.end) {
            Anchor::Exact(range)
        } else {
            Anchor::Moved(range)
        };
    }
    match fuzzy(b, text) {
        Some((range, score)) if score >= FUZZY_THRESHOLD => Anchor::Fuzzy(range, score),
        _ => Anchor::Orphaned,
    }
}

fn best_exact(b: &Bookmark, text: &str) -> Option<usize> {
    text.match_indices(b.passage.as_str())
        .map(|(i, m)| {
            let context = common_suffix(&b.before, &text[..i])
                + common_prefix(&b.after, &text[i + m.len()..]);
            (i, context)
        })
        .max_by(|(i, ci), (j, cj)| {
            ci.cmp(cj)
                .then_with(|| j.abs_diff(b.start).cmp(&i.abs_diff(b.start)))
        })
        .map(|(i, _)| i)
}

/// How many chars at the end of `a` and `b` agree.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many chars at the start of `a` and `b` agree.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// A word of a text: its byte range and its lowercase form.
struct Word {
    start: usize,
    end: usize,
    folded: String,
}

/// The words of `text`: runs of letters and digits, except that each CJK ideograph or kana
/// is a word of its own (those scripts put no spaces between words).
fn words(text: &str) -> Vec<Word> {
    let word = |start: usize, end: usize| Word {
        start,
        end,
        folded: text[start..end].to_lowercase(),
    };
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let cjk = is_cjk(c);
        if c.is_alphanumeric() && !cjk {
            run.get_or_insert(i);
            continue;
        }
        if let Some(s) = run.take() {
            out.push(word(s, i));
        }
        if cjk {
            out.push(word(i, i + c.len_utf8()));
        }
    }
    if let Some(s) = run {
        out.push(word(s, text.len()));
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x2ffff)
}

fn fuzzy(b: &Bookmark, text: &str) -> Option<(Range<usize>, f64)> {
    let pw = words(&b.passage);
    let tw = words(text);
    let (first, last) = (pw.first()?, pw.last()?);
    if tw.is_empty() {
        return None;
    }
    let needle: Vec<&str> = pw.iter().map(|w| w.folded.as_str()).collect();
    let hay: Vec<&str> = tw.iter().map(|w| w.folded.as_str()).collect();

    let mut best: Option<(usize, usize, f64)> = None; // (first word, word count, similarity)
    for c in window_candidates(&needle, &hay, &tw, b.start) {
        let lo = c.saturating_sub(FUZZY_SLACK);
        let hi = (c + FUZZY_SLACK).min(hay.len() - 1);
        for s in lo..=hi {
            let max_len = (needle.len() + FUZZY_SLACK).min(hay.len() - s);
            let min_len = needle.len().saturating_sub(FUZZY_SLACK).max(1);
            let dists = edit_distances(&needle, &hay[s..s + max_len]);
            for (len, &dist) in dists.iter().enumerate().skip(min_len) {
                let sim = 1.0 - dist as f64 / needle.len().max(len) as f64;
                let better = match best {
                    None => true,
                    Some((bs, _, bsim)) => {
                        sim > bsim + 1e-9
                            || ((sim - bsim).abs() <= 1e-9
                                && tw[s].start.abs_diff(b.start) < tw[bs].start.abs_diff(b.start))
                    }
                };
                if better {
                    best = Some((s, len, sim));
                }
            }
        }
    }
    let (s, len, word_sim) = best?;
    let mut range = tw[s].start..tw[s + len - 1].end;
    // Take back the punctuation around the passage's first and last words ("“", ".”").
    let prefix = &b.passage[..first.start];
    let suffix = &b.passage[last.end..];
    if text[..range.start].ends_with(prefix) {
        range.start -= prefix.len();
    }
    if text[range.end..].starts_with(suffix) {
        range.end += suffix.len();
    }
    let found = &text[range.clone()];
    let score = if b.passage.len().max(found.len()) <= CHAR_SCORE_LIMIT {
        strsim::normalized_levenshtein(&b.passage, found)
    } else {
        word_sim
    };
    Some((range, score))
}

/// The first words of the windows (as long as the needle) sharing the most words with it,
/// best first, nearest the old offset on ties. At least half the words must be shared.
fn window_candidates(needle: &[&str], hay: &[&str], tw: &[Word], old: usize) -> Vec<usize> {
    let mut need: HashMap<&str, i64> = HashMap::new();
    for w in needle {
        *need.entry(w).or_default() += 1;
    }
    let width = needle.len().min(hay.len());
    let mut have: HashMap<&str, i64> = HashMap::new();
    let mut shared: i64 = 0;
    for w in &hay[..width] {
        shared += count(&need, &mut have, w, 1);
    }
    let mut scored = vec![(0usize, shared)];
    for s in 1..=hay.len() - width {
        shared += count(&need, &mut have, hay[s - 1], -1);
        shared += count(&need, &mut have, hay[s + width - 1], 1);
        scored.push((s, shared));
    }
    let floor = needle.len().div_ceil(2);
    scored.retain(|&(_, n)| usize::try_from(n).is_ok_and(|n| n >= floor));
    scored.sort_by(|(i, a), (j, b)| {
        b.cmp(a)
            .then_with(|| tw[*i].start.abs_diff(old).cmp(&tw[*j].start.abs_diff(old)))
    });
    scored
        .into_iter()
        .take(FUZZY_CANDIDATES)
        .map(|(s, _)| s)
        .collect()
}

/// Add (`sign` 1) or remove (-1) one word of the window; returns the change in the number of
/// words shared with the needle.
fn count<'a>(
    need: &HashMap<&str, i64>,
    have: &mut HashMap<&'a str, i64>,
    w: &'a str,
    sign: i64,
) -> i64 {
    let Some(&n) = need.get(w) else { return 0 };
    let h = have.entry(w).or_default();
    let before = (*h).min(n);
    *h += sign;
    (*h).min(n) - before
}

/// `d[j]` = word-level edit distance between the whole `needle` and `hay[..j]`.
fn edit_distances(needle: &[&str], hay: &[&str]) -> Vec<usize> {
    let mut prev: Vec<usize> = (0..=hay.len()).collect();
    let mut cur = vec![0; hay.len() + 1];
    for (i, n) in needle.iter().enumerate() {
        cur[0] = i + 1;
        for (j, h) in hay.iter().enumerate() {
            let sub = prev[j] + usize::from(n != h);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev
}
