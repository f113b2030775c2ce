//! Reading the words around a cue: noun phrases (the speaker) and objects (the addressee);
//! the reported clause itself is read in `clause.rs`. Token indices; `lo..hi` bounds a sentence.

use super::lexicon::{self, class};
use super::text::Tok;

/// The analysed text and its tokens.
pub(crate) struct Cx<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
}

/// Prepositions inside a noun phrase ("Ambassador to the United Nations").
const PREPS: [&str; 7] = ["of", "for", "to", "at", "in", "on", "from"];

/// Longest noun phrase we read, in tokens.
const MAX_NP: usize = 12;

/// Auxiliaries that, right after "that", show a relative clause rather than a reported one.
pub(crate) const VERB_AFTER_RELATIVE: [&str; 13] = [
    "was", "were", "is", "are", "has", "have", "had", "would", "will", "could", "can", "may",
    "might",
];

impl<'a> Cx<'a> {
    pub fn new(text: &'a str, toks: &'a [Tok]) -> Self {
        Cx { text, toks }
    }

    /// The word classes of token `i` (0 for punctuation).
    #[inline]
    fn classes(&self, i: usize) -> u32 {
        self.toks.get(i).map_or(0, |t| t.classes)
    }

    #[inline]
    pub fn w(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.text[t.start..t.end]
    }

    #[inline]
    pub fn word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(Tok::is_word)
    }

    /// Case-insensitive word test (lengths first: most tests fail there).
    #[inline]
    pub fn eq(&self, i: usize, s: &str) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.is_word()
                && t.end - t.start == s.len()
                && self.text.as_bytes()[t.start..t.end].eq_ignore_ascii_case(s.as_bytes())
        })
    }

    #[inline]
    pub fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }

    /// The cue the word at `i` is a form of.
    #[inline]
    pub fn cue(&self, i: usize) -> Option<lexicon::Cue> {
        self.toks.get(i).and_then(|t| t.cue)
    }

    #[inline]
    pub fn has(&self, i: usize, mask: u32) -> bool {
        self.classes(i) & mask != 0
    }

    #[inline]
    pub fn punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_punct(c))
    }

    #[inline]
    pub fn in_quote(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.quote != 0)
    }

    /// A word that may stand between a subject and its verb.
    pub fn adverb(&self, i: usize) -> bool {
        self.word(i) && {
            let w = self.w(i);
            self.classes(i) & class::ADV != 0 || (w.len() > 4 && w.ends_with("ly") && !self.cap(i))
        }
    }

    /// A lowercase word that looks like a verb after a noun ("the ad uses", "the aide cited").
    fn verb_like(&self, i: usize) -> bool {
        let w = self.w(i);
        !self.has(i, class::ANON | class::ORGNOUN | class::TITLE)
            && ((w.ends_with('s') && !w.ends_with("ss")) || w.ends_with("ed") || w.ends_with("ing"))
    }

    /// A capitalised word that is a name part (not a sentence-initial function word).
    fn name_word(&self, i: usize) -> bool {
        self.cap(i) && !self.has(i, class::STOP | class::PRONOUN | class::DET)
    }

    /// A period glued to an abbreviation or an initial ("Mr.", "Z.").
    pub fn abbrev_dot(&self, i: usize) -> bool {
        i > 0
            && self.punct(i, '.')
            && self.word(i - 1)
            && self.toks[i - 1].end == self.toks[i].start
            && self.cap(i - 1)
            && super::text::abbreviation(self.w(i - 1))
    }

    /// A capitalised word that may be part of a person's name.
    pub fn name_part(&self, i: usize) -> bool {
        self.name_word(i) && !self.has(i, class::ORG | class::TIME)
    }

    /// A lowercase particle inside a person's name, between name words ("Bill de Blasio",
    /// "Ursula von der Leyen").
    pub fn particle(&self, i: usize) -> bool {
        let name_or_particle =
            |k: usize| self.name_word(k) || self.has(k, class::PARTICLE) && !self.cap(k);
        i > 0
            && !self.cap(i)
            && self.has(i, class::PARTICLE)
            && name_or_particle(i - 1)
            && name_or_particle(i + 1)
            && (self.name_word(i - 1) || self.name_word(i + 1))
    }

    /// An apostrophe closing a capitalised plural ("Owners’ Association").
    pub fn plural_possessive(&self, p: usize) -> bool {
        p > 0
            && matches!(self.w(p), "’" | "'")
            && self.cap(p - 1)
            && self.w(p - 1).ends_with('s')
            && self.toks[p - 1].end == self.toks[p].start
            && self.cap(p + 1)
    }

    /// The noun phrase ending at token `j` (inclusive), not reaching before `lo`.
    pub fn np_back(&self, j: usize, lo: usize) -> Option<(usize, usize)> {
        if j < lo || !self.word(j) || self.in_quote(j) {
            return None;
        }
        if self.has(j, class::PRONOUN) {
            return Some((j, j + 1));
        }
        if ["them", "him", "me", "us"].iter().any(|w| self.eq(j, w)) {
            // "One of them said …": a part of a group, an unnamed source.
            let part = [
                "one", "some", "several", "many", "most", "two", "three", "none", "each",
            ];
            if j >= lo + 2
                && self.eq(j - 1, "of")
                && (self.eq(j, "them") || self.eq(j, "us"))
                && part.iter().any(|w| self.eq(j - 2, w))
            {
                return Some((j - 2, j + 1));
            }
            return None;
        }
        if self.has(j, class::STOP | class::ADV) && !self.cap(j) {
            return None;
        }
        // "his office", "her spokesman"
        if j > lo
            && ["his", "her", "their", "its"]
                .iter()
                .any(|p| self.eq(j - 1, p))
        {
            return Some((j - 1, j + 1));
        }
        let mut a = j;
        let mut lower = usize::from(!self.cap(j));
        let role = class::TITLE | class::ANON | class::ORGNOUN;
        // Lowercase words before a name only as part of its role ("longtime pollster Jo Doe").
        let mut named = self.cap(j);
        let mut in_role = self.has(j, role);
        while a > lo && j + 1 - a < MAX_NP {
            let p = a - 1;
            if self.in_quote(p) {
                break;
            }
            if self.abbrev_dot(p) {
                a = p;
                continue;
            }
            // "the Property Owners’ Association": a plural possessive inside a name.
            if self.plural_possessive(p) && p > lo && self.cap(a) {
                a = p;
                continue;
            }
            // "a residents’ group", "the nurses’ union": a plural possessive before its noun.
            if matches!(self.w(p), "’" | "'")
                && p > lo
                && !self.cap(a)
                && self.has(a, class::ORGNOUN | class::ANON)
                && self.word(p - 1)
                && self.w(p - 1).ends_with('s')
                && self.toks[p - 1].end == self.toks[p].start
                && !self.in_quote(p - 1)
            {
                a = p - 1;
                lower += 1;
                continue;
            }
            if !self.word(p) {
                break;
            }
            if self.has(p, class::DET) && !self.has(p, class::PRONOUN) {
                if ["his", "her", "their", "its"].iter().any(|d| self.eq(p, d)) {
                    break;
                }
                a = p;
                let inner = p >= lo + 2
                    && PREPS.iter().any(|x| self.eq(p - 1, x))
                    && (self.cap(p - 2) || self.has(p - 2, class::TITLE | class::ANON));
                if inner {
                    continue;
                }
                break;
            }
            if self.name_word(p) || (named && self.particle(p) && self.name_word(p - 1)) {
                a = p;
                named = true;
                continue;
            }
            // "Ambassador to the United Nations", "spokesman for the ministry"
            if PREPS.iter().any(|x| self.eq(p, x))
                && p > lo
                && (self.cap(p - 1) || self.has(p - 1, class::TITLE | class::ANON))
                && (self.cap(a) || self.has(a, class::DET))
            {
                a = p;
                continue;
            }
            if !self.cap(p)
                && !self.has(p, class::STOP | class::PRONOUN | class::ADV | class::TIME)
                && lower < 5
                && self.cue(p).is_none()
                && (!named || in_role || self.has(p, role))
            {
                lower += 1;
                in_role |= self.has(p, role);
                a = p;
                continue;
            }
            break;
        }
        // "a source familiar with the talks", "people close to the minister"
        if a >= lo + 3
            && ["with", "to", "in", "on", "about", "of"]
                .iter()
                .any(|x| self.eq(a - 1, x))
            && [
                "familiar",
                "close",
                "involved",
                "briefed",
                "knowledgeable",
                "knowledge",
            ]
            .iter()
            .any(|x| self.eq(a - 2, x))
            && let Some((a2, _)) = self.np_back(a - 3, lo)
        {
            a = a2;
        }
        // Never start on a preposition.
        while a < j && self.has(a, class::STOP) && !self.has(a, class::DET) {
            a += 1;
        }
        Some((a, j + 1))
    }

    /// The noun phrase starting at token `i`, not reaching `hi`.
    pub fn np_fwd(&self, i: usize, hi: usize) -> Option<(usize, usize)> {
        if i >= hi || !self.word(i) || self.in_quote(i) || self.eq(i, "that") {
            return None;
        }
        if self.has(i, class::PRONOUN) {
            return Some((i, i + 1));
        }
        let mut b = i;
        if self.has(i, class::DET) {
            if ["his", "her", "their", "its"].iter().any(|p| self.eq(i, p)) {
                return (i + 1 < hi && self.word(i + 1)).then_some((i, i + 2));
            }
            b += 1;
        }
        let mut lower = 0;
        let mut named = false;
        while b < hi && b - i < MAX_NP {
            if self.in_quote(b) {
                break;
            }
            // "the Dockworkers’ Union", "the nurses’ union": a plural possessive in the name.
            if b > i
                && (self.plural_possessive(b)
                    || matches!(self.w(b), "’" | "'")
                        && self.w(b - 1).ends_with('s')
                        && self.toks[b - 1].end == self.toks[b].start
                        && self.has(b + 1, class::ORGNOUN | class::ANON))
                && b + 1 < hi
            {
                b += 1;
                continue;
            }
            if self.name_word(b) || self.abbrev_dot(b) || (named && self.particle(b)) {
                named = true;
                b += 1;
                continue;
            }
            if ["of", "for", "to"].iter().any(|x| self.eq(b, x))
                && b > i
                && (self.cap(b - 1) || self.has(b - 1, class::TITLE))
                && b + 1 < hi
            {
                // "Mr. Morgan of the Sierra Club": the article goes with what it opens.
                if !self.eq(b + 1, "the") {
                    if self.cap(b + 1) {
                        b += 1;
                        continue;
                    }
                } else if b + 2 < hi
                    && (self.name_word(b + 2) || self.has(b + 2, class::ORGNOUN | class::ANON))
                {
                    b += 2;
                    continue;
                }
            }
            let closed_class = class::STOP | class::PRONOUN | class::ADV | class::TIME;
            let det_inside = b > i && self.has(b, class::DET);
            if self.word(b)
                && !self.cap(b)
                && !self.has(b, closed_class)
                && !det_inside
                // A cue's form right after a determiner is a noun: "the report says".
                && (self.cue(b).is_none() || b == i + 1 && self.has(i, class::DET))
                && lower < 3
                && (!named || self.has(b, class::ANON | class::ORGNOUN | class::TITLE))
                && (b == i || !self.has(b - 1, class::ANON))
                && !(lower > 0 && self.verb_like(b))
            {
                lower += 1;
                b += 1;
                // "campaign spokesman Brian Fallon", "police Chief Ana Ruiz": a role noun
                // right before a name is that person's role.
                let role_before_name = b < hi
                    && self.name_word(b)
                    && !self.in_quote(b)
                    && !self.has(b, class::TIME)
                    && self.has(b - 1, class::ANON | class::ORGNOUN | class::TITLE);
                if !role_before_name
                    && (self.has(b - 1, class::ANON)
                        || (self.has(b - 1, class::ORGNOUN)
                            && !self.has(b, class::ANON | class::ORGNOUN)))
                {
                    break;
                }
                continue;
            }
            break;
        }
        (b > i && !(b == i + 1 && self.has(i, class::DET))).then_some((i, b))
    }

    /// The subject of the cue at `cue`: the noun phrase before it in `lo..cue`.
    pub fn subject(&self, cue: usize, lo: usize) -> Option<(usize, usize)> {
        let mut j = cue.checked_sub(1)?;
        while j > lo && (self.adverb(j) || self.has(j, class::TIME)) {
            if self.has(j, class::TIME)
                && j > lo + 1
                && (self.eq(j - 1, "on") || self.eq(j - 1, "last"))
            {
                j -= 1;
            }
            j -= 1;
        }
        if j < lo {
            return None;
        }
        j = self.skip_paren_back(j, lo);
        // "Jo Doe -- a co-author of the study, with Ana Ruiz -- said": a dashed appositive.
        let dash = |k: usize| {
            self.punct(k, '—') || self.punct(k, '–') || self.punct(k, '-') && self.punct(k - 1, '-')
        };
        if j > lo + 1 && dash(j) {
            let open = (lo + 1..j.saturating_sub(2))
                .rev()
                .take(30)
                .find(|&k| dash(k) && !self.in_quote(k))?;
            let open = if self.punct(open, '-') {
                open - 1
            } else {
                open
            };
            return open.checked_sub(1).and_then(|e| self.np_back(e, lo));
        }
        if self.punct(j, ',') {
            // "The port's chief executive, Willem Aalders, said": a bare name between commas.
            if let Some(k) = (lo..j).rev().take(8).find(|&k| self.punct(k, ','))
                && k + 1 < j
                && (k + 1..j).all(|t| self.name_word(t) || self.abbrev_dot(t))
                && self.cap(j - 1)
            {
                return Some((k + 1, j));
            }
            // "Scott Pruitt, the attorney general of X, one of the ..., said": the sentence's
            // first noun phrase when a comma follows it.
            let mut s = lo;
            while s < j && self.toks[s].is_mark() {
                s += 1;
            }
            if let Some((a, b)) = self.np_fwd(s, j) {
                let b2 = self.skip_paren_fwd(b, j);
                if self.punct(b2, ',') && self.cap(b - 1) {
                    return Some((a, b));
                }
            }
            // Appositive: "X, a spokesman for Y, said".
            let k = (lo..j)
                .rev()
                .take(25)
                .find(|&k| self.punct(k, ',') && !self.in_quote(k))?;
            if k == lo {
                return None;
            }
            return self.np_back(k - 1, lo);
        }
        if self.eq(j, "and") || self.eq(j, "but") {
            // "she laughed and said": the subject of the verb just before.
            if j >= lo + 2
                && self.word(j - 1)
                && !self.cap(j - 1)
                && (self.w(j - 1).ends_with("ed") || self.cue(j - 1).is_some())
                && let Some(np) = self.np_back(j - 2, lo)
                && (self.has(np.0, class::PRONOUN) || self.cap(j - 2))
                && np.1 == j - 1
            {
                return Some(np);
            }
            return self.clause_subject(lo, j);
        }
        // Relative clause: "another official who spoke with the Post said".
        let mut k = j;
        while k > lo && j - k < 15 {
            if self.in_quote(k)
                || self.toks[k].is_mark()
                || self.punct(k, ';')
                || self.punct(k, ':')
            {
                break;
            }
            if self.eq(k, "who") || self.eq(k, "which") {
                let mut e = k - 1;
                if self.punct(e, ',') && e > lo {
                    e -= 1;
                }
                return self.np_back(e, lo);
            }
            if self.punct(k, ',') || self.punct(k, '.') && !self.abbrev_dot(k) {
                break;
            }
            k -= 1;
        }
        self.np_back(j, lo)
    }

    /// Past a parenthesis "(R-Ga.)" that starts at `b`, if any.
    pub fn skip_paren_fwd(&self, b: usize, hi: usize) -> usize {
        if self.punct(b, '(')
            && let Some(e) = (b + 1..hi.min(b + 10)).find(|&k| self.punct(k, ')'))
        {
            return e + 1;
        }
        b
    }

    /// Before a parenthesis that ends at `j`, if any.
    pub fn skip_paren_back(&self, j: usize, lo: usize) -> usize {
        if self.punct(j, ')')
            && let Some(o) = (lo.max(j.saturating_sub(10))..j)
                .rev()
                .find(|&k| self.punct(k, '('))
            && o > lo
        {
            return o - 1;
        }
        j
    }

    /// The subject of the clause `lo..hi`: its first noun phrase after any opening adjunct.
    pub fn clause_subject(&self, lo: usize, hi: usize) -> Option<(usize, usize)> {
        let mut i = lo;
        while i < hi && (self.toks[i].is_mark() || !self.word(i)) {
            i += 1;
        }
        if i >= hi {
            return None;
        }
        let participle = {
            let w = self.w(i);
            self.cue(i).is_some() || w.ends_with("ed") || w.ends_with("ing")
        };
        if i < hi
            && (self.has(i, class::STOP | class::TIME) || self.adverb(i) || participle)
            && !self.has(i, class::DET)
        {
            let comma = (i..hi).find(|&k| self.punct(k, ','))?;
            i = comma + 1;
        }
        while i < hi && (self.adverb(i) || self.punct(i, ',')) {
            i += 1;
        }
        self.np_fwd(i, hi)
    }

    /// Skip an addressee after "told": "The Jerusalem Post", "reporters", "him".
    pub fn skip_object(&self, mut k: usize, hi: usize) -> usize {
        if k >= hi || self.eq(k, "that") {
            return k;
        }
        if [
            "him",
            "her",
            "them",
            "me",
            "us",
            "you",
            "reporters",
            "journalists",
        ]
        .iter()
        .any(|w| self.eq(k, w))
        {
            return k + 1;
        }
        if let Some((_, b)) = self.np_fwd(k, hi) {
            k = b;
            // "told MSNBC’s “Morning Joe” that": a programme's title in marks.
            if k < hi && self.toks[k].is_mark() && self.cap(k + 1) {
                let mut e = k + 1;
                while e < hi && e < k + 8 && self.in_quote(e) && (self.cap(e) || !self.word(e)) {
                    e += 1;
                }
                if e > k + 1 && e < hi && self.toks[e].is_mark() && !self.in_quote(e) {
                    k = e + 1;
                }
            }
        }
        k
    }
}
