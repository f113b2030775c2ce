//! From mentions to speakers: names with their titles split off, organisations, anonymous
//! sources, pronouns; and coreference inside one article.

use std::borrow::Cow;

use super::SpeakerKind;
use super::book::Names;
use super::grammar::Cx;
use super::lexicon::{self, class};

/// What a mention says about its speaker, mostly in words of the text (copied only when
/// they make a new speaker).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Read<'a> {
    /// he, she, they, his office...
    Pronoun { person: bool },
    Named {
        name: &'a str,
        role: Option<&'a str>,
        kind: SpeakerKind,
    },
    /// A common noun phrase: "a US official", "the ministry".
    Common {
        name: Cow<'a, str>,
        head: Cow<'a, str>,
        definite: bool,
        fresh: bool,
        kind: SpeakerKind,
    },
}

/// Adverbs that open a sentence and may stand right before its subject.
const SENTENCE_ADVERBS: [&str; 9] = [
    "meanwhile",
    "however",
    "separately",
    "instead",
    "indeed",
    "later",
    "earlier",
    "also",
    "then",
];

/// The text of the tokens `a..b`.
fn join<'a>(cx: &Cx<'a>, a: usize, b: usize) -> &'a str {
    if a >= b {
        return "";
    }
    &cx.text[cx.toks[a].start..cx.toks[b - 1].end]
}

/// `word` in lowercase, copied only when it has an uppercase letter.
fn lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Read the noun phrase `a..b`.
pub(crate) fn read<'a>(cx: &Cx<'a>, a: usize, b: usize) -> Read<'a> {
    if b - a == 1 && cx.has(a, class::PRONOUN) {
        let w = cx.w(a).to_ascii_lowercase();
        return Read::Pronoun {
            person: w == "he" || w == "she" || w == "i",
        };
    }
    if b - a == 3 && cx.eq(a + 1, "of") && (cx.eq(a + 2, "them") || cx.eq(a + 2, "us")) {
        // "One of them": an unnamed member of a group, a new source each time.
        return Read::Common {
            name: Cow::Owned(join(cx, a, b).to_lowercase()),
            head: Cow::Borrowed("them"),
            definite: false,
            fresh: true,
            kind: SpeakerKind::Anonymous,
        };
    }
    if b - a == 2 && ["his", "her", "their", "its"].iter().any(|p| cx.eq(a, p)) {
        return Read::Pronoun {
            person: cx.eq(a, "his") || cx.eq(a, "her"),
        };
    }
    // "Mayor Jo Doe of Port Lind": the person, not the place.
    let mut b = b;
    if let Some(k) = (a + 2..b.saturating_sub(1)).find(|&k| {
        ["of", "from", "in", "at"].iter().any(|p| cx.eq(k, p))
            && cx.cap(k - 1)
            && (cx.cap(k - 2) || cx.abbrev_dot(k - 2))
            && !cx.has(k - 1, class::ORG | class::TITLE)
    }) {
        b = k;
    }
    let last = b - 1;
    let mut start = a;
    // "Meanwhile Trump said": a sentence adverb is no part of the name.
    while start < last
        && (cx.has(start, class::DET) || SENTENCE_ADVERBS.iter().any(|w| cx.eq(start, w)))
    {
        start += 1;
    }
    let definite = a < start && (cx.eq(a, "the") || cx.eq(a, "that") || cx.eq(a, "this"));
    let fresh = a < start && (cx.eq(a, "another") || cx.eq(a, "second") || cx.eq(a + 1, "second"));
    // "the ministry’s own projections": the possessor is the source.
    if let Some(p) = (start..last).find(|&k| {
        let w = cx.w(k);
        w.ends_with("’s") || w.ends_with("'s")
    }) {
        let w = cx.w(p);
        let stem = w
            .strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .unwrap_or(w);
        if !cx.cap(p) && cx.eq(p + 1, "own") && !cx.has(last, class::ANON | class::ORGNOUN) {
            let classes = lexicon::classes(stem);
            let kind = if classes & class::ANON != 0 {
                SpeakerKind::Anonymous
            } else if classes & class::ORGNOUN != 0 {
                SpeakerKind::Organization
            } else {
                SpeakerKind::Unknown
            };
            let full = join(cx, start, p + 1);
            let name = full
                .strip_suffix("’s")
                .or_else(|| full.strip_suffix("'s"))
                .unwrap_or(full);
            return Read::Common {
                name: Cow::Borrowed(name),
                head: lower(stem),
                definite,
                fresh,
                kind,
            };
        }
    }
    if !cx.cap(last) {
        let head_at = (start..b).find(|&k| cx.has(k, class::ANON)).unwrap_or(last);
        let head = lower(cx.w(head_at));
        // "a senior official at the ministry": an unnamed person of a body is anonymous.
        let of_body = cx.has(head_at, class::ANON)
            && head_at < last
            && ["at", "of", "for", "from", "with", "in"]
                .iter()
                .any(|p| cx.eq(head_at + 1, p));
        let kind = if cx.has(last, class::ANON) || of_body {
            SpeakerKind::Anonymous
        } else if cx.has(last, class::ORGNOUN) {
            SpeakerKind::Organization
        } else {
            SpeakerKind::Unknown
        };
        let name = if fresh {
            Cow::Owned(format!("{} {}", cx.w(a).to_lowercase(), join(cx, a + 1, b)))
        } else {
            Cow::Borrowed(join(cx, start, b))
        };
        return Read::Common {
            name,
            head,
            definite,
            fresh,
            kind,
        };
    }
    // A capitalised name: the trailing run of name words, titles split off.
    let mut n = last;
    while n > start
        && (cx.cap(n - 1)
            || cx.abbrev_dot(n - 1)
            || cx.particle(n - 1)
            || cx.plural_possessive(n - 1)
            || (n >= start + 2
                && ["of", "for"].iter().any(|p| cx.eq(n - 1, p))
                && cx.has(n - 2, class::ORG)))
    {
        n -= 1;
    }
    let any_org = (n..b).any(|k| cx.has(k, class::ORG));
    let mut name_start = n;
    // "Senate Majority Leader Ruth Brandt", "European Council President Piet Vos": the last
    // title followed by name words only ends the role.
    let name_part = |k: usize| {
        (cx.cap(k) && !cx.has(k, class::TITLE | class::ORG | class::STOP))
            || cx.abbrev_dot(k)
            || cx.particle(k)
    };
    let titled = (n..last)
        .rev()
        .find(|&k| cx.has(k, class::TITLE))
        .filter(|&k| (k + 1..b).all(name_part) && (k + 1..b).any(|j| cx.word(j)));
    if let Some(t) = titled {
        name_start = t + 1;
    } else if !any_org {
        // "Republican Tom Hale", "German Chancellor ...": a party or a nationality before a
        // full name is its role, not part of the name.
        while name_start < last
            && cx.has(name_start, class::DESC)
            && (name_start + 1..b).filter(|&k| cx.word(k)).count() >= 2
        {
            name_start += 1;
        }
    } else if n > start {
        // "Ambassador to the United Nations Danny Danon": the name follows the last org word.
        if let Some(o) = (n..b).rev().find(|&k| cx.has(k, class::ORG))
            && o + 1 < b
        {
            name_start = o + 1;
        }
    }
    while name_start < last
        && (cx.has(name_start, class::TITLE) || cx.punct(name_start, '.'))
        && !cx.has(name_start + 1, class::ORG)
    {
        name_start += 1;
    }
    // "a spokesman for Minato Kaiun": an unnamed source of a named body.
    if name_start > start
        && ["for", "of", "at", "from"]
            .iter()
            .any(|p| cx.eq(name_start - 1, p))
        && (start..name_start).any(|k| cx.has(k, class::ANON))
    {
        let head_at = (start..name_start)
            .rev()
            .find(|&k| cx.has(k, class::ANON))
            .unwrap_or(start);
        return Read::Common {
            name: Cow::Borrowed(join(cx, start, b)),
            head: lower(cx.w(head_at)),
            definite,
            fresh,
            kind: SpeakerKind::Anonymous,
        };
    }
    let org = (name_start..b).any(|k| cx.has(k, class::ORG));
    if org {
        return Read::Named {
            name: join(cx, start, b),
            role: None,
            kind: SpeakerKind::Organization,
        };
    }
    let role_text = join(cx, start, name_start);
    let role = (!role_text.is_empty()
        && !(start..name_start).all(|k| cx.has(k, class::HONORIFIC) || cx.punct(k, '.')))
    .then_some(role_text);
    let words = (name_start..b).filter(|&k| cx.word(k)).count();
    let place = (name_start..b).any(|k| cx.has(k, class::PLACE));
    let kind = if place {
        SpeakerKind::Unknown
    } else if words >= 2 || role.is_some() || name_start > start {
        SpeakerKind::Person
    } else {
        SpeakerKind::Unknown
    };
    Read::Named {
        name: join(cx, name_start, b),
        role,
        kind,
    }
}

/// Where each person of `names` is named (by full name or surname): (token, index in
/// `names`), in text order.
pub(crate) fn person_occurrences(cx: &Cx, names: &Names) -> Vec<(usize, usize)> {
    let names = &names.list;
    if names.is_empty() {
        return Vec::new();
    }
    // The last name in the list wins a tie, as it would in a map built in list order.
    let mut surnames: lexicon::Map<'_, usize> = lexicon::Map::default();
    for (k, f) in names.iter().enumerate() {
        surnames.insert(f.rsplit(' ').next().unwrap_or(f), k);
    }
    let mut firsts: lexicon::Map<'_, usize> = lexicon::Map::default();
    for (k, f) in names.iter().enumerate() {
        if let Some(w) = f.split(' ').next().filter(|w| !surnames.contains_key(w)) {
            firsts.insert(w, k);
        }
    }
    (0..cx.toks.len())
        .filter(|&i| cx.cap(i))
        .filter_map(|i| {
            let w = cx.w(i);
            let w = w
                .strip_suffix("’s")
                .or_else(|| w.strip_suffix("'s"))
                .unwrap_or(w);
            // A surname written first ("Li Ming ... Li agreed"): the first word standing alone.
            surnames
                .get(w)
                .or_else(|| firsts.get(w).filter(|_| !cx.cap(i + 1)))
                .map(|&k| (i, k))
        })
        .collect()
}

/// The persons named before token `at`, latest first: (token of that naming, full name).
pub(crate) fn named_before<'n>(
    occ: &[(usize, usize)],
    names: &'n Names,
    at: usize,
) -> impl Iterator<Item = (usize, &'n String)> {
    let n = occ.partition_point(|&(i, _)| i < at);
    occ[..n].iter().rev().map(|&(i, k)| (i, &names.list[k]))
}

/// Every capitalised run of two or three name words that reads as a person's full name.
#[allow(clippy::zero_sized_map_values)] // sets keyed like the lexicon's maps
pub(crate) fn person_names(cx: &Cx) -> Vec<String> {
    let mut out: Vec<&str> = Vec::new();
    let mut seen = lexicon::Set::default();
    let mut places = lexicon::Set::default();
    let toks = cx.toks;
    let mut i = 0;
    while i < toks.len() {
        if !cx.cap(i)
            || cx.has(
                i,
                class::STOP | class::DET | class::PRONOUN | class::TITLE | class::TIME,
            )
        {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < toks.len()
            && (cx.cap(j) || cx.abbrev_dot(j) || cx.particle(j))
            && toks[j].para == toks[i].para
        {
            j += 1;
        }
        // "Harbour Minister Ana Ruiz": the name after the last title.
        let from = (i..j)
            .rev()
            .find(|&k| cx.has(k, class::TITLE) && !cx.has(k, class::ORG))
            .map_or(i, |t| t + 1);
        // "Democrat Jo Doe": a party or nationality word is no part of the name.
        let from = (from..j)
            .find(|&k| !cx.has(k, class::DESC) || (k + 1..j).filter(|&w| cx.word(w)).count() < 2)
            .unwrap_or(from);
        let words = (from..j).filter(|&k| cx.word(k) && !cx.particle(k)).count();
        if (2..=3).contains(&words)
            && !(from..j).any(|k| {
                cx.has(
                    k,
                    class::ORG | class::TITLE | class::STOP | class::TIME | class::PLACE,
                )
            })
            && cx.word(j - 1)
            && cx.word(from)
        {
            let name = &cx.text[toks[from].start..toks[j - 1].end];
            // Named after "in", "at", "from", "near": a place.
            let place =
                from == i && i > 0 && ["in", "at", "from", "near"].iter().any(|p| cx.eq(i - 1, p));
            if place {
                places.insert(name);
            } else if cx.cue(j - 1).is_none() && seen.insert(name) {
                out.push(name);
            }
        }
        i = j.max(i + 1);
    }
    out.into_iter()
        .filter(|n| !places.contains(n))
        .map(str::to_string)
        .collect()
}

/// Where a title is given to a named person: folded title word -> (token, index in `names`)
/// in text order. Read from the words before a naming ("Mayor Bill de Blasio", "Republican
/// nominee Donald Trump") and from an apposition after it ("Jo Doe, the city's mayor,").
pub(crate) fn titled(cx: &Cx, occ: &[(usize, usize)]) -> super::book::Titles {
    let mut out = super::book::Titles::default();
    let mut note = |k: usize, at: usize, who: usize| {
        if cx.has(k, class::TITLE) && !cx.has(k, class::HONORIFIC) {
            out.entry(super::book::title_key(cx.w(k)))
                .or_default()
                .push((at, who));
        }
    };
    for &(i, who) in occ {
        let mut a = i;
        while a > 0
            && !cx.has(a - 1, class::TITLE)
            && (cx.name_part(a - 1) || cx.abbrev_dot(a - 1) || cx.particle(a - 1))
        {
            a -= 1;
        }
        // Up to four words of role right before the name.
        let mut k = a;
        while k > 0 && a - k < 4 {
            k -= 1;
            if cx.abbrev_dot(k) {
                continue;
            }
            if !cx.word(k) || cx.has(k, class::STOP | class::PRONOUN | class::DET) {
                break;
            }
            note(k, i, who);
        }
        // "Jo Doe, the city's mayor,": an apposition of up to six words.
        let mut b = i + 1;
        while cx.name_part(b) || cx.abbrev_dot(b) {
            b += 1;
        }
        if cx.punct(b, ',') && (cx.has(b + 1, class::DET | class::TITLE | class::DESC)) {
            let mut k = b + 1;
            while k < b + 8 && cx.word(k) && !cx.has(k, class::PRONOUN) && cx.cue(k).is_none() {
                note(k, i, who);
                k += 1;
            }
        }
    }
    out
}

/// The last organisation named before token `at` (within a few paragraphs): a capitalised
/// run holding an organisation word ("the Harbour Authority of Kestria").
pub(crate) fn org_before<'a>(cx: &Cx<'a>, at: usize) -> Option<&'a str> {
    let k = (at.saturating_sub(400)..at)
        .rev()
        .find(|&k| cx.cap(k) && cx.has(k, class::ORG) && !cx.in_quote(k))?;
    let inside = |j: usize| cx.cap(j) && !cx.has(j, class::DET | class::STOP | class::PRONOUN);
    let mut a = k;
    while a > 0 && inside(a - 1) && cx.toks[a - 1].para == cx.toks[k].para {
        a -= 1;
    }
    let mut b = k + 1;
    while b < at && (inside(b) || cx.eq(b, "of") && inside(b + 1)) {
        b += 1;
    }
    (b - a >= 2 || cx.w(k).len() > 3).then(|| join(cx, a, b))
}
