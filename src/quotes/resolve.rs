//! From mentions to speakers: names with their titles split off, organisations, anonymous
//! sources, pronouns; and coreference inside one article.

use std::borrow::Cow;

use super::grammar::Cx;
use super::lexicon::{self, class};
use super::{Speaker, SpeakerKind};

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
        let kind = if cx.has(last, class::ANON) {
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
            || cx.punct(n - 1, '.')
            || cx.plural_possessive(n - 1)
            || (n >= start + 2
                && ["of", "for"].iter().any(|p| cx.eq(n - 1, p))
                && cx.has(n - 2, class::ORG)))
    {
        n -= 1;
    }
    let any_org = (n..b).any(|k| cx.has(k, class::ORG));
    let mut name_start = n;
    if any_org && n > start {
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
    let kind = if words >= 2 || role.is_some() || name_start > start {
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

/// The speakers of an article, built mention by mention in reading order.
#[derive(Default)]
pub(crate) struct Book {
    pub speakers: Vec<Speaker>,
    /// Per speaker: the head noun of a common-noun speaker.
    heads: Vec<String>,
    last_person: Option<usize>,
    last_other: Option<usize>,
    /// Token where the last person speaker was mentioned, when known.
    pub last_person_at: Option<usize>,
    /// Per speaker: male (true) or female (false), when a pronoun or honorific showed it.
    gender: Vec<Option<bool>>,
}

/// The gender a mention shows: "he"/"his"/"Mr." male, "she"/"her"/"Ms."/"Mrs." female.
pub(crate) fn gender_of_mention(surface: &str) -> Option<bool> {
    let end = surface
        .bytes()
        .position(|b| b == b' ' || b == b'.')
        .unwrap_or(surface.len());
    let first = &surface[..end];
    let is = |words: &[&str]| words.iter().any(|w| first.eq_ignore_ascii_case(w));
    if is(&["he", "his", "him", "mr"]) {
        Some(true)
    } else if is(&["she", "her", "ms", "mrs", "miss"]) {
        Some(false)
    } else {
        None
    }
}

/// Equal ignoring ASCII case and the curly apostrophe, without allocating.
fn same(a: &str, b: &str) -> bool {
    let diff = a.len().abs_diff(b.len());
    if diff == 0 && a.eq_ignore_ascii_case(b) {
        return true;
    }
    // Folding shortens each curly apostrophe (first byte 0xE2) by two bytes; without one it
    // changes ASCII case only.
    let curly = |s: &str| !s.is_ascii() && s.as_bytes().contains(&0xE2);
    if diff > 4 || diff % 2 == 1 || !(curly(a) || curly(b)) {
        return false;
    }
    let fold = |c: char| {
        if c == '’' {
            '\''
        } else {
            c.to_ascii_lowercase()
        }
    };
    a.chars().map(fold).eq(b.chars().map(fold))
}

impl Book {
    fn add(
        &mut self,
        name: String,
        kind: SpeakerKind,
        role: Option<String>,
        head: String,
    ) -> usize {
        self.speakers.push(Speaker {
            name,
            kind,
            role,
            aliases: Vec::new(),
        });
        self.heads.push(head);
        self.gender.push(None);
        self.speakers.len() - 1
    }

    /// The gender known for the speaker called `name`.
    pub fn gender_of(&self, name: &str) -> Option<bool> {
        let s = self.speakers.iter().position(|s| same(&s.name, name))?;
        self.gender[s]
    }

    /// The gender known for the last person speaker.
    pub fn last_person_gender(&self) -> Option<bool> {
        self.gender[self.last_person?]
    }

    fn alias(&mut self, s: usize, alias: &str) {
        let mut words = alias.split_whitespace();
        let (first, second) = (words.next(), words.next());
        let pronoun =
            first.is_some() && second.is_none() && lexicon::classes(alias) & class::PRONOUN != 0;
        let possessive = first.is_some_and(|w| {
            ["his", "her", "their", "its"]
                .iter()
                .any(|p| w.eq_ignore_ascii_case(p))
        });
        if pronoun || possessive {
            return;
        }
        let sp = &mut self.speakers[s];
        if !alias.is_empty()
            && !same(alias, &sp.name)
            && !sp.aliases.iter().any(|a| same(a, alias))
            && sp.aliases.len() < 12
        {
            sp.aliases.push(alias.to_string());
        }
    }

    fn touch(&mut self, s: usize) {
        if self.speakers[s].kind == SpeakerKind::Person {
            self.last_person = Some(s);
        } else {
            self.last_other = Some(s);
        }
    }

    /// The speaker a mention refers to; `names` lists every full person name of the article.
    /// `at` is the token where the mention starts, when known.
    pub fn resolve_at(
        &mut self,
        r: &Read,
        surface: &str,
        names: &[String],
        at: Option<usize>,
    ) -> Option<usize> {
        let s = match r {
            Read::Pronoun { person: true } => self.last_person?,
            Read::Pronoun { person: false } => self.last_other.or(self.last_person)?,
            Read::Named { name, role, kind } => {
                let key = *name;
                let single = !name.contains(' ');
                let found = self.speakers.iter().position(|s| {
                    same(&s.name, key)
                        || s.aliases.iter().any(|a| same(a, key))
                        || (single
                            && s.kind == SpeakerKind::Person
                            && s.name.rsplit(' ').next().is_some_and(|l| same(l, key)))
                });
                let s = if let Some(s) = found {
                    s
                } else if let Some(full) = names
                    .iter()
                    .find(|f| single && f.rsplit(' ').next().is_some_and(|l| same(l, key)))
                    .or_else(|| {
                        // "Li Ming ... Li said": a surname written first (or a first name).
                        names
                            .iter()
                            .find(|f| single && f.split(' ').next().is_some_and(|w| same(w, key)))
                    })
                {
                    let s = self
                        .speakers
                        .iter()
                        .position(|s| &s.name == full)
                        .unwrap_or_else(|| {
                            self.add(full.clone(), SpeakerKind::Person, None, String::new())
                        });
                    self.alias(s, name);
                    s
                } else {
                    // A surname seen first: a later full name takes it over.
                    let s = self.speakers.iter().position(|s| {
                        s.kind != SpeakerKind::Organization
                            && !single
                            && s.name.rsplit(' ').next().is_some_and(|l| same(l, key))
                    });
                    s.unwrap_or_else(|| {
                        self.add(
                            key.to_string(),
                            *kind,
                            role.map(str::to_string),
                            String::new(),
                        )
                    })
                };
                if self.speakers[s].role.is_none() {
                    self.speakers[s].role = role.map(str::to_string);
                }
                if self.speakers[s].kind == SpeakerKind::Unknown && *kind != SpeakerKind::Unknown {
                    self.speakers[s].kind = *kind;
                }
                s
            }
            Read::Common {
                name,
                head,
                definite,
                fresh,
                kind,
            } => {
                let same_head = || self.heads.iter().rposition(|h| h == head.as_ref());
                let s = if *definite {
                    same_head()
                } else if *fresh {
                    None
                } else {
                    self.speakers.iter().position(|s| same(&s.name, name))
                };
                s.unwrap_or_else(|| self.add(name.to_string(), *kind, None, head.to_string()))
            }
        };
        self.alias(s, surface);
        self.touch(s);
        if self.gender[s].is_none() {
            self.gender[s] = gender_of_mention(surface);
        }
        if self.speakers[s].kind == SpeakerKind::Person && at.is_some() {
            self.last_person_at = at;
        }
        Some(s)
    }
}

/// Where each person of `names` is named (by full name or surname): (token, index in
/// `names`), in text order.
pub(crate) fn person_occurrences(cx: &Cx, names: &[String]) -> Vec<(usize, usize)> {
    if names.is_empty() {
        return Vec::new();
    }
    // An article names few people: a scan of their names beats hashing every capital word.
    // The last name in the list wins a tie, as it would in a map built in list order.
    let surnames: Vec<&str> = names
        .iter()
        .map(|f| f.rsplit(' ').next().unwrap_or(f))
        .collect();
    let firsts: Vec<Option<&str>> = names
        .iter()
        .map(|f| f.split(' ').next().filter(|w| !surnames.contains(w)))
        .collect();
    // One bit per (length, first two bytes) of the words sought: most capital words miss.
    let bit = |w: &str| {
        let b = w.as_bytes();
        let at = |k: usize| usize::from(b.get(k).copied().unwrap_or(0));
        (w.len() * 131 + at(0) * 31 + at(1)) % 1024
    };
    let mut sought = [0u64; 16];
    for w in surnames.iter().chain(firsts.iter().flatten()) {
        sought[bit(w) / 64] |= 1 << (bit(w) % 64);
    }
    (0..cx.toks.len())
        .filter(|&i| cx.cap(i))
        .filter_map(|i| {
            let w = cx.w(i);
            let w = w
                .strip_suffix("’s")
                .or_else(|| w.strip_suffix("'s"))
                .unwrap_or(w);
            if sought[bit(w) / 64] & 1 << (bit(w) % 64) == 0 {
                return None;
            }
            // A surname written first ("Li Ming ... Li agreed"): the first word standing alone.
            surnames
                .iter()
                .rposition(|&l| l == w)
                .or_else(|| {
                    firsts
                        .iter()
                        .rposition(|&f| f == Some(w))
                        .filter(|_| !cx.cap(i + 1))
                })
                .map(|k| (i, k))
        })
        .collect()
}

/// The persons named before token `at`, latest first: (token of that naming, full name).
pub(crate) fn named_before<'n>(
    occ: &[(usize, usize)],
    names: &'n [String],
    at: usize,
) -> impl Iterator<Item = (usize, &'n String)> {
    let n = occ.partition_point(|&(i, _)| i < at);
    occ[..n].iter().rev().map(|&(i, k)| (i, &names[k]))
}

/// Every capitalised run of two or three name words that reads as a person's full name.
pub(crate) fn person_names(cx: &Cx) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut places: Vec<&str> = Vec::new();
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
        while j < toks.len() && (cx.cap(j) || cx.abbrev_dot(j)) && toks[j].para == toks[i].para {
            j += 1;
        }
        let words = (i..j).filter(|&k| cx.word(k)).count();
        if (2..=3).contains(&words)
            && !(i..j).any(|k| cx.has(k, class::ORG | class::TITLE | class::STOP | class::TIME))
            && cx.word(j - 1)
        {
            let name = &cx.text[toks[i].start..toks[j - 1].end];
            // Named after "in", "at", "from", "near": a place.
            let place = i > 0 && ["in", "at", "from", "near"].iter().any(|p| cx.eq(i - 1, p));
            if place {
                places.push(name);
            } else if !out.iter().any(|n| n == name) && cx.cue(j - 1).is_none() {
                out.push(name.to_string());
            }
        }
        i = j.max(i + 1);
    }
    out.retain(|n| !places.contains(&n.as_str()));
    out
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn same_ignores_ascii_case_and_the_curly_apostrophe() {
        assert!(same("Jo Doe", "JO DOE"));
        assert!(same("O’Neil", "o'neil"));
        assert!(same("the mayor's office", "The Mayor’s office"));
        assert!(!same("Doe", "Dow"));
        assert!(!same("O’Neil", "O'Neill"));
        assert!(!same("Ärzte", "ärzte"));
        assert!(same("’'", "'’"));
        assert!(!same("Jo’", "Jo'x"));
    }
}
