//! Reading the reported clause after a cue, where it ends, and the trailing attributions
//! ("..., X said") that close it. Token indices throughout; `lo..hi` bounds a sentence.

use super::grammar::{Cx, VERB_AFTER_RELATIVE};
use super::lexicon::{CueClass, class};

/// Conjunctions opening an adverbial clause, never a reported one.
const SUBORDINATORS: [&str; 12] = [
    "since", "because", "although", "though", "while", "as", "when", "after", "before", "unless",
    "until", "so",
];

impl Cx<'_> {
    /// "declined to comment", "refused to say whether…": a refusal to speak, not a
    /// statement. It is never a quotation.
    pub fn refusal(&self, cue: usize) -> bool {
        const SPEAK: [&str; 20] = [
            "comment",
            "say",
            "discuss",
            "elaborate",
            "answer",
            "respond",
            "specify",
            "confirm",
            "provide",
            "give",
            "identify",
            "disclose",
            "release",
            "reveal",
            "speak",
            "name",
            "detail",
            "address",
            "be",
            "talk",
        ];
        [
            "declined",
            "declines",
            "decline",
            "declining",
            "refused",
            "refuses",
            "refusing",
        ]
        .iter()
        .any(|w| self.eq(cue, w))
            && (self.eq(cue + 1, "comment")
                || self.eq(cue + 1, "to") && SPEAK.iter().any(|w| self.eq(cue + 2, w)))
    }

    /// The reported clause after the cue at `cue`, as a token range inside `cue+1..hi`.
    pub fn content_after(&self, cue: usize, class: CueClass, hi: usize) -> Option<(usize, usize)> {
        let mut k = cue + 1;
        if self.refusal(cue) {
            return None;
        }
        if class == CueClass::Call
            && self.has(k, class::STOP)
            && !(self.eq(k, "for") || self.eq(k, "on") || self.eq(k, "to"))
        {
            return None;
        }
        if class == CueClass::Tell && !self.eq(k, "whether") && !self.eq(k, "if") {
            k = self.skip_object(k, hi);
        }
        for _ in 0..3 {
            if k < hi && (self.has(k, class::TIME) || self.adverb(k)) && !self.eq(k, "that") {
                k += 1;
                continue;
            }
            if class == CueClass::Call && (self.eq(k, "for") || self.eq(k, "on")) {
                break;
            }
            if k < hi
                && self.has(k, class::STOP)
                && !self.has(k, class::DET)
                && !self.eq(k, "that")
                && !self.eq(k, "no")
                && !self.approximate_number(k)
                && !self.eq(k, "to")
                && !self.eq(k, "whether")
                && !self.eq(k, "if")
                && !self.eq(k, "what")
                && !self.eq(k, "how")
                && !self.eq(k, "why")
            {
                // An adjunct ("in a statement", "on Tuesday"): the clause comes after it.
                let lim = (k + 14).min(hi);
                if let Some(t) = (k..lim).find(|&t| self.eq(t, "that") && !self.in_quote(t)) {
                    // "said on Monday, a vote of confidence in a port that was shut": a
                    // relative "that" after a comma opens no reported clause.
                    let relative = (k..t).any(|c| self.punct(c, ','))
                        && t + 1 < hi
                        && VERB_AFTER_RELATIVE.iter().any(|v| self.eq(t + 1, v));
                    if relative {
                        return None;
                    }
                    k = t;
                } else if let Some(c) = (k..lim).find(|&t| self.punct(t, ',')) {
                    k = c + 1;
                    // "..., the source said." is another attribution, not this clause.
                    if self.trailing_attribution(k, hi).is_some() {
                        return None;
                    }
                } else if let Some(p) = (k + 1..lim).find(|&t| self.has(t, class::PRONOUN)) {
                    k = p;
                } else {
                    return None;
                }
            }
            break;
        }
        if k >= hi || self.eq(k, "not") {
            return None;
        }
        if self.eq(k, "that") {
            k += 1;
            if self.punct(k, ',') {
                k += 1;
            }
        } else if self.punct(k, ':') || self.punct(k, ',') {
            let comma = self.punct(k, ',');
            k += 1;
            if k < hi && self.toks[k].is_mark() {
                return None;
            }
            // "… is arguing, since …", "… continuing, he said.": an adverbial clause or
            // another attribution, not what was said.
            if comma
                && (SUBORDINATORS.iter().any(|w| self.eq(k, w))
                    || self.trailing_attribution(k, hi).is_some())
            {
                return None;
            }
        } else if self.eq(k, "to") {
            if class == CueClass::Say {
                return None;
            }
        } else if self.toks[k].is_mark() || !self.word(k) || self.cue(k).is_some() {
            return None;
        } else if class == CueClass::Call && (self.eq(k, "for") || self.eq(k, "on")) {
            k += 1;
        }
        // "asked not to be named": a request for anonymity, not speech.
        if self.eq(k, "to")
            && self.eq(k + 1, "be")
            && ["named", "identified", "quoted"]
                .iter()
                .any(|w| self.eq(k + 2, w))
        {
            return None;
        }
        let end = self.clause_end(k, hi);
        let words = (k..end).filter(|&t| self.word(t)).count();
        let min = if class == CueClass::Call { 3 } else { 2 };
        (words >= min).then_some((k, end))
    }

    /// Where a clause starting at `k` ends: the sentence end, before a trailing attribution
    /// (", X said") or a following ", adding ..." cue.
    pub fn clause_end(&self, k: usize, hi: usize) -> usize {
        let mut end = hi;
        for t in k..hi {
            if self.in_quote(t) {
                continue;
            }
            if self.punct(t, ';') {
                end = t;
                break;
            }
            if self.coordinated_speech(t, k, hi) {
                end = t;
                while end > k && (self.punct(end - 1, ',') || self.dash(end - 1)) {
                    end -= 1;
                }
                break;
            }
            if (self.punct(t, ',') || self.toks[t].is_mark() && t > k) && t + 1 < hi {
                let mut n = t + 1 + usize::from(self.punct(t + 1, ','));
                // "…, aside from saying …", "…, before adding …"
                if self.punct(t, ',') {
                    let mut m = n;
                    while m < n + 2
                        && self.word(m)
                        && !self.cap(m)
                        && (self.has(m, class::STOP) || self.eq(m, "aside"))
                    {
                        m += 1;
                    }
                    if m < hi && self.word(m) && self.cue(m).is_some_and(|c| c.ing) {
                        n = m;
                    }
                }
                if self.word(n) && self.cue(n).is_some_and(|c| c.ing) {
                    end = t + 1 - usize::from(self.punct(t, ','));
                    break;
                }
                if self.punct(t, ',') && self.cue(t + 1).is_some_and(|c| !c.ing) && !self.cap(t + 1)
                {
                    end = t;
                    break;
                }
                if self.punct(t, ',') && self.trailing_attribution(t + 1, hi).is_some() {
                    end = t;
                    break;
                }
            }
        }
        end
    }

    /// "about 20 people", "over 300 homes": a number, not an adjunct.
    fn approximate_number(&self, k: usize) -> bool {
        ["about", "over", "under"].iter().any(|w| self.eq(k, w))
            && self.word(k + 1)
            && self.w(k + 1).starts_with(|c: char| c.is_ascii_digit())
    }

    /// A dash between clauses.
    pub fn dash(&self, i: usize) -> bool {
        self.punct(i, '—') || self.punct(i, '–') || self.punct(i, '―')
    }

    /// A conjunction at `t` opening a clause with its own speech verb, which ends the clause
    /// begun at `k`: "… and added …", "… but noted …" (the same speaker), "…, and he noted …",
    /// "…, though she said …" (a speaker of its own, after a comma or as a pronoun).
    fn coordinated_speech(&self, t: usize, k: usize, hi: usize) -> bool {
        const CONJ: [&str; 6] = ["and", "but", "though", "although", "while", "yet"];
        // Most words are rejected by their length and first two letters, without a comparison.
        let quick = |w: &[u8]| {
            w.len() >= 3
                && matches!(
                    (w.len(), w[0] | 0x20, w[1] | 0x20),
                    (3, b'a', b'n')
                        | (3, b'b', b'u')
                        | (3, b'y', b'e')
                        | (5, b'w', b'h')
                        | (6, b't', b'h')
                        | (8, b'a', b'l')
                )
        };
        if t < k + 3
            || !self.word(t)
            || !matches!(self.toks[t].end - self.toks[t].start, 3 | 5 | 6 | 8)
            || !quick(self.w(t).as_bytes())
            || !CONJ.iter().any(|c| self.eq(t, c))
        {
            return false;
        }
        let finite = |c: usize| {
            self.word(c) && !self.cap(c) && !self.in_quote(c) && self.cue(c).is_some_and(|q| !q.ing)
        };
        let past_adverbs = |mut c: usize| {
            while c < hi && self.adverb(c) && !finite(c) {
                c += 1;
            }
            c
        };
        if (self.eq(t, "and") || self.eq(t, "but")) && finite(past_adverbs(t + 1)) {
            return true;
        }
        let apart = self.punct(t - 1, ',') || self.dash(t - 1);
        if !apart {
            return self.has(t + 1, class::PRONOUN) && finite(past_adverbs(t + 2));
        }
        // "…, and human rights groups warned …": a short subject of plain words, then the verb.
        let mut c = t + 1;
        while c < hi.min(t + 6)
            && self.word(c)
            && !self.in_quote(c)
            && !finite(c)
            && (!self.has(c, class::STOP) || self.has(c, class::DET))
        {
            c += 1;
        }
        c > t + 1 && finite(past_adverbs(c))
    }

    /// "…, Graham said, since …": a trailing attribution ending at a comma that opens an
    /// adverbial clause or a participle ("…, she said, adding …"); returns (cue, noun phrase).
    pub fn attribution_before_adjunct(
        &self,
        k: usize,
        hi: usize,
    ) -> Option<(usize, (usize, usize))> {
        let comma = (k + 1..hi.min(k + 17)).find(|&t| self.punct(t, ',') && !self.in_quote(t))?;
        let n = comma + 1;
        let adjunct = SUBORDINATORS.iter().any(|w| self.eq(n, w))
            || self.word(n) && self.cue(n).is_some_and(|c| c.ing);
        if adjunct {
            self.trailing_attribution(k, comma)
        } else {
            None
        }
    }

    /// `NP [adv] CUE [adjunct]` or `CUE NP` filling `k..hi` (after a comma or a closing mark):
    /// returns (cue token, noun phrase).
    pub fn trailing_attribution(&self, k: usize, hi: usize) -> Option<(usize, (usize, usize))> {
        let mut end = hi;
        while end > k && !self.word(end - 1) {
            end -= 1;
        }
        if end <= k || self.has(k, class::STOP) && !self.has(k, class::DET) {
            return None;
        }
        // Inverted: "said Caddell", "says the official, who …" (any appositive after a comma).
        if let Some(c) = self.cue(k).filter(|_| self.word(k)) {
            if c.class != CueClass::Tell && c.class != CueClass::Call && !c.ing {
                let np = self.np_fwd(k + 1, end)?;
                // The name ends the sentence or opens an appositive: "said X, a spokesman".
                let after = self.skip_paren_fwd(np.1, end);
                if after == end || self.punct(after, ',') {
                    return Some((k, np));
                }
            }
            return None;
        }
        if end - k > 16 {
            return None;
        }
        let (a, b) = self.np_fwd(k, end)?;
        let mut c = self.skip_paren_fwd(b, end);
        while c < end && self.adverb(c) {
            c += 1;
        }
        if c < end
            && self.word(c)
            && self
                .cue(c)
                .is_some_and(|q| !q.ing && q.class != CueClass::Call)
            && end - c <= 14
            && !(c + 1..end).any(|t| self.eq(t, "that") || self.toks[t].is_mark())
            && (c + 1 == end
                || self.has(c + 1, class::STOP | class::TIME)
                || self.adverb(c + 1)
                || self.punct(c + 1, ','))
        {
            return Some((c, (a, b)));
        }
        None
    }
}
