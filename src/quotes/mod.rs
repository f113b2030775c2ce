//! Quotation extraction and speaker attribution.
//!
//! Pure: article text in, speakers and quotations out. No UI, no I/O. Every offset is a byte
//! offset into the text given to [`extract`], always on a char boundary.

use serde::Serialize;

mod book;
mod captions;
mod clause;
mod extract;
mod grammar;
mod lexicon;
mod resolve;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_news;
mod text;

pub use lexicon::DataError;

/// What kind of source a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organization,
    Anonymous,
    Unknown,
}

/// One source quoted in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// Canonical name: "Danny Danon", "Hamas", "US official".
    pub name: String,
    pub kind: SpeakerKind,
    /// Title or role split off the name: "Ambassador to the United Nations".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Other ways the article names this speaker ("Danon").
    pub aliases: Vec<String>,
}

/// How a quotation is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Inside quotation marks.
    Direct,
    /// Reported speech.
    Indirect,
    /// Reported speech with quoted fragments.
    Mixed,
}

/// The words an attribution rests on ("a US official", "he", "Danon").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// Index into [`Attribution::speakers`]; `None` when unattributed.
    pub speaker: Option<usize>,
    pub kind: QuoteKind,
    /// Exactly `text[start..end]` of the analysed text.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The cue the attribution rests on: "said", "told", "according to", ":".
    pub cue: String,
    pub mention: Option<Mention>,
}

/// Everything the engine finds in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Attribution {
    pub speakers: Vec<Speaker>,
    /// In reading order (by `start`).
    pub quotes: Vec<Quote>,
    /// Byte ranges of paragraphs recognised as photo captions or credit lines.
    #[serde(skip)]
    pub captions: Vec<std::ops::Range<usize>>,
}

impl Attribution {
    /// Shift every offset by `delta` (used when the text analysed was a slice of a file).
    #[must_use]
    pub fn shifted(mut self, delta: usize) -> Self {
        for q in &mut self.quotes {
            q.start += delta;
            q.end += delta;
            if let Some(m) = &mut q.mention {
                m.start += delta;
                m.end += delta;
            }
        }
        for c in &mut self.captions {
            *c = c.start + delta..c.end + delta;
        }
        self
    }
}

/// Find every quotation in `text` and attribute it.
#[allow(clippy::zero_sized_map_values)] // a set keyed like the lexicon's maps
pub fn extract(text: &str) -> Attribution {
    let mut toks = text::tokenize(text);
    let quotes = text::pair_quotes(text, &mut toks);
    let sents = text::sentences(text, &toks, &quotes);
    let lines = captions::lines(text);
    let caption = captions::find(text, &lines);
    let mut passes = extract::Passes {
        cx: grammar::Cx::new(text, &toks),
        quotes: &quotes,
        sents: &sents,
        caption: &caption,
        consumed: vec![false; toks.len()],
        cands: Vec::new(),
    };
    passes.run();
    let extract::Passes { cx, cands, .. } = passes;
    let names = book::Names::new(resolve::person_names(&cx));
    // Where each person is named: only a pronoun mention needs it.
    let occurrences = std::cell::OnceCell::new();
    let titles = std::cell::OnceCell::new();
    let mut book = book::Book::default();
    // Resolve in reading order of the mentions so coreference sees what came before.
    // Per candidate: its speaker and the byte range of its mention.
    let mut resolved: Vec<Option<(Option<usize>, usize, usize)>> = vec![None; cands.len()];
    let mut used = vec![false; cands.len()];
    for (i, c) in cands.iter().enumerate() {
        if !c.removed {
            let (mut s, mut hops) = (i, 0);
            while let (Some(p), true) = (cands[s].inherit, cands[s].np.is_none() && hops < 64) {
                s = p;
                hops += 1;
            }
            used[s] = true;
        }
    }
    let mut order: Vec<usize> = (0..cands.len())
        .filter(|&i| cands[i].np.is_some() && used[i])
        .collect();
    order.sort_by_key(|&i| cands[i].np.map_or(0, |n| n.0));
    for i in order {
        let Some((a, b)) = cands[i].np else { continue };
        let (start, end) = (toks[a].start, toks[b - 1].end);
        let surface = &text[start..end];
        let mut read = resolve::read(&cx, a, b);
        // "he", "her office": the person named last before it, when the article names one.
        // A person mentioned as a speaker after that naming ("Li said", "he said") wins.
        // A pronoun never joins a person known to be of the other gender when the other
        // candidate fits.
        let g = book::gender_of_mention(surface);
        let fits = |x: Option<bool>| g.is_none() || x.is_none() || x == g;
        let book_fits = fits(book.last_person_gender());
        if read == (resolve::Read::Pronoun { person: true })
            && let Some((_, full)) = resolve::named_before(
                occurrences.get_or_init(|| resolve::person_occurrences(&cx, &names)),
                &names,
                a,
            )
            .take(24)
            .take_while(|&(at, _)| !book_fits || book.last_person_at.is_none_or(|p| p < at))
            .find(|(_, full)| fits(book.gender_of(full)))
        {
            read = resolve::Read::Named {
                name: full,
                role: None,
                kind: SpeakerKind::Person,
            };
        }
        // "the mayor", "the Republican nominee": the person the article gives that title.
        if let resolve::Read::Common {
            head,
            definite: true,
            kind,
            ..
        } = &read
            && *kind != SpeakerKind::Organization
            && lexicon::classes(head) & lexicon::class::TITLE != 0
            && let Some(full) = book::titled_person(
                titles.get_or_init(|| {
                    let occ = occurrences.get_or_init(|| resolve::person_occurrences(&cx, &names));
                    resolve::titled(&cx, occ)
                }),
                &names,
                head,
                a,
            )
        {
            read = resolve::Read::Named {
                name: full,
                role: None,
                kind: SpeakerKind::Person,
            };
        }
        // "its governor", "its operators": the organisation's, or the person it names so.
        let owned;
        if b == a + 2
            && cx.eq(a, "its")
            && cx.has(a + 1, lexicon::class::TITLE | lexicon::class::ANON)
        {
            let head = cx.w(a + 1);
            let titles = titles.get_or_init(|| {
                let occ = occurrences.get_or_init(|| resolve::person_occurrences(&cx, &names));
                resolve::titled(&cx, occ)
            });
            if let Some(full) = book::titled_person(titles, &names, head, a) {
                read = resolve::Read::Named {
                    name: full,
                    role: None,
                    kind: SpeakerKind::Person,
                };
            } else if let Some(org) = resolve::org_before(&cx, a) {
                owned = format!("{} of {org}", head.to_lowercase());
                read = resolve::Read::Common {
                    name: std::borrow::Cow::Borrowed(&owned),
                    head: std::borrow::Cow::Owned(head.to_lowercase()),
                    definite: false,
                    fresh: false,
                    kind: SpeakerKind::Anonymous,
                };
            }
        }
        let who = book.resolve_at(&read, surface, &names, Some(a));
        let (start, end) = cands[i]
            .relative
            .map_or((start, end), |r| (toks[r].start, toks[r].end));
        resolved[i] = Some((who, start, end));
    }
    let mut quotes_out = Vec::new();
    let mut seen = lexicon::Set::default();
    for (i, c) in cands.iter().enumerate() {
        if c.removed || c.a >= c.b {
            continue;
        }
        let mut src = i;
        let mut hops = 0;
        while resolved[src].is_none() && hops < 64 {
            match cands[src].inherit {
                Some(p) => src = p,
                None => break,
            }
            hops += 1;
        }
        let Some((speaker, m_start, m_end)) = resolved[src] else {
            continue;
        };
        let (start, end) = (toks[c.a].start, toks[c.b - 1].end);
        let text_q = &text[start..end];
        // The same words twice (a repeated paragraph) are one quotation.
        if !seen.insert(text_q) {
            continue;
        }
        let cue = match c.cue {
            Some(k) if c.cue_text.is_empty() => text[toks[k].start..toks[k].end].to_lowercase(),
            _ if src != i => cands[src].cue.map_or_else(
                || cands[src].cue_text.to_string(),
                |k| text[toks[k].start..toks[k].end].to_lowercase(),
            ),
            _ => c.cue_text.to_string(),
        };
        quotes_out.push(Quote {
            speaker,
            kind: c.kind,
            text: text_q.to_string(),
            start,
            end,
            cue,
            mention: Some(Mention {
                start: m_start,
                end: m_end,
                text: text[m_start..m_end].to_string(),
            }),
        });
    }
    quotes_out.sort_by_key(|q| q.start);
    // Keep only the speakers some quotation names, renumbered in order of first quotation.
    let mut map: Vec<Option<usize>> = vec![None; book.speakers.len()];
    let mut speakers = Vec::new();
    for q in &mut quotes_out {
        if let Some(s) = q.speaker {
            let n = *map[s].get_or_insert_with(|| {
                speakers.push(book.speakers[s].clone());
                speakers.len() - 1
            });
            q.speaker = Some(n);
        }
    }
    let captions = lines
        .iter()
        .zip(&caption)
        .filter(|(r, c)| **c && !r.is_empty())
        .map(|(r, _)| r.clone())
        .collect();
    Attribution {
        speakers,
        quotes: quotes_out,
        captions,
    }
}
