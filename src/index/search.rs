//! Search across the store: titles, text, sources, sections, authors, tags (one FTS5 table)
//! and speakers with their quotations (another), ranked by BM25. Case and accents fold both
//! ways ("Helene" finds "Hélène" and the reverse), in the index and in [`find_folded`], which
//! finds the passage a result lands on.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use rusqlite::OptionalExtension;

use super::db::{Db, DbError, quote_kind};
use crate::quotes::QuoteKind;

/// What a result is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Found {
    /// A quotation: its speaker's words matched, or the speaker's name did.
    Quote {
        speaker: String,
        #[serde(rename = "quote_kind")]
        quote: QuoteKind,
    },
    /// An article: its title, text or metadata matched.
    Article,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    #[serde(flatten)]
    pub found: Found,
    pub path: PathBuf,
    pub title: String,
    pub section: String,
    /// The passage to land on: byte offsets into the article file's text, when known.
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// A line of the text around the match (or the quotation).
    pub snippet: String,
    /// BM25 (smaller is better; comparable within one kind).
    pub score: f64,
}

/// Chars of context kept on each side of a match in a snippet.
const CONTEXT: usize = 60;

/// The FTS5 query for what a user typed: every word must occur (AND), accents and case
/// folded by the index; the last word is a prefix when it has 4 letters or more, so that
/// results come while typing. `None` when there is no word.
pub fn fts_query(typed: &str) -> Option<String> {
    let words: Vec<&str> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let last = words.len().checked_sub(1)?;
    Some(
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let prefix = i == last && w.chars().count() >= 4 && !typed.ends_with(' ');
                format!("\"{w}\"{}", if prefix { "*" } else { "" })
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Search the index: the best `limit` quotations and the best `limit` articles, quotations
/// first (they carry the speaker).
pub fn search(db: &Db, typed: &str, limit: usize) -> Result<Vec<Hit>, DbError> {
    let Some(query) = fts_query(typed) else {
        return Ok(Vec::new());
    };
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let err = |source| DbError::Sql {
        path: db.path().to_owned(),
        source,
    };
    let mut hits = Vec::new();
    let conn = db.conn();
    // Quotations: the best candidates, then their rows.
    let best = ranked(
        conn,
        "SELECT rowid, bm25(quote_fts, 4.0, 1.0) FROM quote_fts WHERE quote_fts MATCH ?1 \
         ORDER BY rowid DESC LIMIT ?2",
        &query,
        limit,
    )
    .map_err(err)?;
    let mut quote = conn
        .prepare_cached(
            "SELECT f.rel, f.title, f.section, q.start, q.end, q.text, q.kind, s.name \
             FROM quotes q JOIN files f ON f.id = q.file \
             LEFT JOIN speakers s ON s.file = q.file AND s.idx = q.speaker WHERE q.id = ?1",
        )
        .map_err(err)?;
    for (id, score) in best {
        let hit = quote
            .query_row([id], |r| {
                Ok((
                    r.get::<_, Vec<u8>>(0)?,
                    Hit {
                        found: Found::Quote {
                            speaker: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                            quote: quote_kind(r.get(6)?),
                        },
                        path: PathBuf::new(),
                        title: r.get(1)?,
                        section: r.get(2)?,
                        start: Some(r.get::<_, i64>(3)? as usize),
                        end: Some(r.get::<_, i64>(4)? as usize),
                        snippet: r.get(5)?,
                        score,
                    },
                ))
            })
            .optional()
            .map_err(err)?;
        if let Some((rel, mut h)) = hit {
            h.path = db.join(rel);
            hits.push(h);
        }
    }
    // Articles.
    let best = ranked(
        conn,
        "SELECT rowid, bm25(text_fts, 8.0, 3.0, 2.0, 3.0, 3.0, 4.0, 1.0) FROM text_fts \
         WHERE text_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
        &query,
        limit,
    )
    .map_err(err)?;
    let mut file = conn
        .prepare_cached("SELECT rel, title, section FROM files WHERE id = ?1")
        .map_err(err)?;
    let terms = terms(typed);
    for (id, score) in best {
        let row = file
            .query_row([id], |r| {
                Ok((
                    r.get::<_, Vec<u8>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .optional()
            .map_err(err)?;
        let Some((rel, title, section)) = row else {
            continue;
        };
        let path = db.join(rel);
        let (range, snippet) = passage(&path, &terms).unwrap_or((None, String::new()));
        hits.push(Hit {
            found: Found::Article,
            path,
            title,
            section,
            start: range.as_ref().map(|r| r.start),
            end: range.map(|r| r.end),
            snippet,
            score,
        });
    }
    Ok(hits)
}

/// How many matches of one kind are ranked at most. A word that occurs in nearly every
/// article would otherwise have every article ranked: the matches indexed last are ranked,
/// rarer words have all theirs ranked.
pub const CANDIDATES: i64 = 1000;

/// The best `limit` of at most [`CANDIDATES`] matches: (rowid, BM25), best first.
fn ranked(
    conn: &rusqlite::Connection,
    sql: &str,
    query: &str,
    limit: i64,
) -> rusqlite::Result<Vec<(i64, f64)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut all: Vec<(i64, f64)> = stmt
        .query_map(rusqlite::params![query, CANDIDATES], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    all.sort_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    all.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(all)
}

/// The words of a query, folded.
pub fn terms(typed: &str) -> Vec<String> {
    typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect()
}

/// Where the first of `terms` occurs in the article's body, and a line around it. The title
/// or metadata may be what matched: then the snippet is the body's start.
fn passage(path: &Path, terms: &[String]) -> Option<(Option<Range<usize>>, String)> {
    let article = crate::article::load(path).ok()?;
    let body = article.raw.get(article.body.clone())?;
    let found = terms
        .iter()
        .find_map(|t| find_folded(body, t).first().cloned());
    let (range, around) = match found {
        Some(r) => {
            let from = floor_chars_back(body, r.start, CONTEXT);
            let to = ceil_chars_fwd(body, r.end, CONTEXT);
            let shifted = r.start + article.body.start..r.end + article.body.start;
            (Some(shifted), &body[from..to])
        }
        None => (None, &body[..ceil_chars_fwd(body, 0, 2 * CONTEXT)]),
    };
    let snippet = around.split_whitespace().collect::<Vec<_>>().join(" ");
    Some((range, snippet))
}

fn floor_chars_back(s: &str, at: usize, n: usize) -> usize {
    s[..at].char_indices().rev().nth(n).map_or(0, |(i, _)| i)
}

fn ceil_chars_fwd(s: &str, at: usize, n: usize) -> usize {
    s[at..]
        .char_indices()
        .nth(n)
        .map_or(s.len(), |(i, _)| at + i)
}

/// Lower case without accents: "Hélène" and "HELENE" both fold to "helene".
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every place where the folded word `term` starts a word of `text`, as byte ranges of
/// `text` (whole chars, accents included), at most 1,000.
pub fn find_folded(text: &str, term: &str) -> Vec<Range<usize>> {
    let term: Vec<char> = term.chars().collect();
    let mut hits = Vec::new();
    if term.is_empty() {
        return hits;
    }
    // The folded text, each folded char with the byte range of the char it came from.
    let mut folded: Vec<(char, usize, usize)> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if c.is_ascii() {
            folded.push((c.to_ascii_lowercase(), i, end));
            continue;
        }
        for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
            for l in d.to_lowercase() {
                folded.push((l, i, end));
            }
        }
    }
    let n = term.len();
    let mut k = 0;
    while k + n <= folded.len() {
        let starts_word = k == 0 || !folded[k - 1].0.is_alphanumeric();
        if starts_word
            && folded[k..k + n]
                .iter()
                .map(|f| f.0)
                .eq(term.iter().copied())
        {
            hits.push(folded[k].1..folded[k + n - 1].2);
            if hits.len() >= 1000 {
                break;
            }
            k += n;
        } else {
            k += 1;
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_quote_every_word_and_prefix_the_last() {
        assert_eq!(fts_query("  "), None);
        assert_eq!(
            fts_query("cease-fire talks").as_deref(),
            Some("\"cease\" \"fire\" \"talks\"*")
        );
        // Operators and quotes typed by the user are words, never syntax.
        assert_eq!(
            fts_query("a OR \"b\" NEAR(").as_deref(),
            Some("\"a\" \"OR\" \"b\" \"NEAR\"*")
        );
        assert_eq!(fts_query("un ").as_deref(), Some("\"un\""));
    }

    #[test]
    fn folding_matches_both_ways_and_keeps_offsets() {
        assert_eq!(fold("Hélène ÅNGSTRÖM"), "helene angstrom");
        let text = "Then Hélène spoke; helene agreed. Zoë, xhelene";
        let hits = find_folded(text, &fold("Helene"));
        assert_eq!(
            hits.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["Hélène", "helene"]
        );
        assert_eq!(
            find_folded(text, &fold("zoe"))
                .iter()
                .map(|r| &text[r.clone()])
                .collect::<Vec<_>>(),
            ["Zoë"]
        );
        // A decomposed accent (e + combining acute) is found and kept whole.
        let nfd = "Cafe\u{301} au lait";
        assert_eq!(
            find_folded(nfd, "cafe").first().map(|r| &nfd[r.clone()]),
            Some("Cafe")
        );
    }
}
