//! The extraction passes: reported speech, "according to", colon-introduced speech, then mixed
//! quotations and inheritance; direct quotations and their attributions are read in `direct.rs`.

mod direct;

use super::QuoteKind;
use super::grammar::Cx;
use super::lexicon::{self, CueClass, class};
use super::text::Quoted;

/// A quotation found, before its speaker is resolved.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    /// Token range of the content, `a..b`.
    pub a: usize,
    pub b: usize,
    pub kind: QuoteKind,
    /// Token index of the cue, or None for ":" and inherited attributions.
    pub cue: Option<usize>,
    pub cue_text: &'static str,
    /// Token range of the mention.
    pub np: Option<(usize, usize)>,
    /// The relative pronoun standing for the mention ("the mayor, who said …"), shown as the
    /// mention while the speaker is read from `np`.
    pub relative: Option<usize>,
    /// Index of the candidate whose attribution this one takes over.
    pub inherit: Option<usize>,
    /// Index of the direct quotation, for direct candidates.
    pub quote: Option<usize>,
    pub removed: bool,
}

/// An attribution: the cue token, the mention's tokens, the cue's text when not a word.
type Found = (Option<usize>, Option<(usize, usize)>, &'static str);

pub(crate) struct Passes<'a> {
    pub cx: Cx<'a>,
    pub quotes: &'a [Quoted],
    pub sents: &'a [(usize, usize)],
    /// Per paragraph: a caption or credit line.
    pub caption: &'a [bool],
    pub consumed: Vec<bool>,
    pub cands: Vec<Cand>,
}

fn cand(
    a: usize,
    b: usize,
    kind: QuoteKind,
    cue: Option<usize>,
    np: Option<(usize, usize)>,
) -> Cand {
    Cand {
        a,
        b,
        kind,
        cue,
        cue_text: "",
        np,
        relative: None,
        inherit: None,
        quote: None,
        removed: false,
    }
}

impl Passes<'_> {
    fn is_caption(&self, tok: usize) -> bool {
        self.caption
            .get(self.cx.toks[tok].para as usize)
            .copied()
            .unwrap_or(false)
    }

    fn cue_at(&self, i: usize) -> Option<lexicon::Cue> {
        if !self.cx.word(i) || self.cx.in_quote(i) {
            return None;
        }
        let c = self.cx.cue(i)?;
        // A noun, not a verb: "the tweet", "his claims", "Trump’s comments", "two states".
        if i > 0 && self.cx.toks[i - 1].para == self.cx.toks[i].para {
            let p = i - 1;
            let pw = self.cx.w(p);
            let possessive = self.cx.word(p)
                && (pw.ends_with("’s")
                    || pw.ends_with("'s")
                    || pw.ends_with('’')
                    || pw.ends_with('\''));
            let det = self.cx.has(p, class::DET) && !self.cx.has(p, class::PRONOUN);
            let number = pw.starts_with(|ch: char| ch.is_ascii_digit());
            if possessive || det || number {
                return None;
            }
            // "a start-up called Kreislauf": naming, not speech.
            if c.class == CueClass::Call
                && self.cx.word(p)
                && !self.cx.cap(p)
                && !self.cx.has(p, class::PRONOUN | class::ADV)
                && (p.saturating_sub(2)..p).any(|k| self.cx.eq(k, "a") || self.cx.eq(k, "an"))
            {
                return None;
            }
            // A present-tense form must follow its subject: "Trump says", "officials say",
            // not "derogatory comments" or "swing states".
            let w = self.cx.w(i);
            let past = w.ends_with("ed")
                || ["said", "told", "wrote", "written"]
                    .iter()
                    .any(|f| w.eq_ignore_ascii_case(f));
            // "say" has no plural noun: "observers in the region say …" is the verb, when a
            // clause or the sentence's end follows it.
            let next = i + 1;
            let say = (w.eq_ignore_ascii_case("say") || w.eq_ignore_ascii_case("says"))
                && (!self.cx.word(next)
                    || self.cx.cap(next)
                    || self.cx.has(next, class::CLAUSE_START | class::PRONOUN)
                    || self.cx.eq(next, "that")
                    || self.cx.eq(next, "of"));
            if !past && !c.ing && !say {
                let cx = &self.cx;
                let subject_like = !cx.word(p)
                    || cx.cap(p)
                    || cx.has(
                        p,
                        class::PRONOUN | class::ADV | class::ANON | class::ORGNOUN | class::TITLE,
                    );
                if !subject_like {
                    return None;
                }
            }
        }
        // "The president's said..." never; but a capitalised cue mid-sentence is a name ("Stress").
        (!self.cx.cap(i)
            || i == 0
            || self.cx.toks[i - 1].para != self.cx.toks[i].para
            || self.cx.toks[i - 1].is_mark()
            || self.cx.punct(i - 1, '.'))
        .then_some(c)
    }

    /// Run every pass.
    pub fn run(&mut self) {
        let mut qi = 0;
        for si in 0..self.sents.len() {
            let (lo, hi) = self.sents[si];
            if self.is_caption(lo) {
                while qi < self.quotes.len() && self.quotes[qi].open < hi {
                    qi += 1;
                }
                continue;
            }
            self.colon_heading(lo, hi);
            let mut prev_close = lo;
            while qi < self.quotes.len() && self.quotes[qi].open < hi {
                self.direct(qi, lo.max(prev_close), hi);
                prev_close = self.quotes[qi].close + 1;
                qi += 1;
            }
            self.reported(lo, hi);
        }
        self.mix_and_dedupe();
        self.inherit();
    }

    /// The subject of the sentence holding token `c`: the last attributed candidate's in the
    /// same sentence, else its first noun phrase.
    fn sentence_subject(&self, lo: usize, c: usize) -> Option<(usize, usize)> {
        // Sentences are in text order: a binary search finds the one holding `c`.
        let n = self.sents.partition_point(|s| s.0 <= c);
        let sent_lo = n.checked_sub(1).map_or(lo, |k| self.sents[k].0);
        // Candidates are made sentence by sentence: those ending before this sentence end
        // the search.
        if let Some(prev) = self
            .cands
            .iter()
            .rev()
            .take_while(|k| k.b > sent_lo)
            .find(|k| k.np.is_some() && k.a >= sent_lo && k.b <= c)
        {
            return prev.np;
        }
        self.cx.clause_subject(sent_lo, c)
    }

    /// Reported speech in the sentence `lo..hi`.
    fn reported(&mut self, lo: usize, hi: usize) {
        for (i, t) in self.cx.toks.iter().enumerate().take(hi).skip(lo) {
            // Neither a cue nor "according": most tokens, rejected without a lookup.
            if t.cue.is_none() && t.end - t.start != "according".len() || self.consumed[i] {
                continue;
            }
            if self.cx.eq(i, "according") && self.cx.eq(i + 1, "to") && !self.cx.in_quote(i) {
                self.according(i, lo, hi);
                continue;
            }
            let Some(cue) = self.cue_at(i) else { continue };
            self.one_cue(i, cue, lo, hi);
        }
    }

    fn according(&mut self, i: usize, lo: usize, hi: usize) {
        let cx = &self.cx;
        let Some(mut np) = cx.np_fwd(i + 2, hi) else {
            return;
        };
        // "according to figures released by the agency": the agency speaks, not the figures.
        let last = np.1 - 1;
        if !cx.cap(last)
            && !cx.has(last, class::ANON | class::ORGNOUN | class::PRONOUN)
            && let Some(by) = (np.1..(np.1 + 4).min(hi))
                .take_while(|&k| cx.word(k))
                .find(|&k| cx.eq(k, "by"))
            && let Some(agent) = cx.np_fwd(by + 1, hi)
        {
            np = agent;
        }
        let first = (lo..i).all(|k| cx.toks[k].is_mark() || cx.adverb(k) || cx.punct(k, ','));
        let range = if first {
            // "According to X (who ...), CLAUSE": the clause follows the first comma.
            let mut a = (np.1..hi)
                .find(|&k| cx.punct(k, ',') && !cx.in_quote(k))
                .map_or(np.1, |c| c + 1);
            if cx.punct(a, ',') {
                a += 1;
            }
            (a < hi && !cx.toks[a].is_mark()).then(|| (a, cx.clause_end(a, hi)))
        } else {
            let b = if cx.punct(i - 1, ',') { i - 1 } else { i };
            let quoted_before = b > lo && cx.toks[b - 1].is_mark();
            (!quoted_before).then_some((lo, b))
        };
        if let Some((a, b)) = range
            && (a..b).filter(|&t| cx.word(t)).count() >= 3
        {
            let mut c = cand(a, b, QuoteKind::Indirect, Some(i), Some(np));
            c.cue_text = "according to";
            self.cands.push(c);
            self.consumed[i] = true;
        }
    }

    fn one_cue(&mut self, i: usize, cue: lexicon::Cue, lo: usize, hi: usize) {
        let cx = &self.cx;
        let be = ["was", "were", "been", "be", "being", "is", "are"];
        // "The mayor is warning that …", "they were now saying …": a finite verb.
        let progressive = cue.ing && {
            let mut p = i;
            while p > lo && cx.adverb(p - 1) && !be.iter().any(|w| cx.eq(p - 1, w)) {
                p -= 1;
            }
            p > lo + 1
                && ["is", "are", "was", "were", "been"]
                    .iter()
                    .any(|w| cx.eq(p - 1, w))
                && !cx.has(p - 2, class::STOP)
        };
        if cue.ing && !progressive {
            let after = |w: &str| cx.eq(i - 1, w);
            if i == lo
                || !(cx.punct(i - 1, ',')
                    || cx.toks[i - 1].is_mark()
                    || ["by", "after", "before", "while", "and", "for", "from"]
                        .into_iter()
                        .any(after))
            {
                return;
            }
            let np = self.sentence_subject(lo, i);
            if let Some((a, b)) = cx.content_after(i, cue.class, hi) {
                self.cands
                    .push(cand(a, b, QuoteKind::Indirect, Some(i), np));
                self.consumed[i] = true;
            }
            return;
        }
        // Post-posed: "CLAUSE, X said." / "CLAUSE, said X."
        if let Some(p) = (i.saturating_sub(9).max(lo)..i)
            .rev()
            .find(|&p| cx.punct(p, ',') && !cx.in_quote(p))
            && let Some((c, np)) = cx
                .trailing_attribution(p + 1, hi)
                .or_else(|| cx.attribution_before_adjunct(p + 1, hi))
            && c == i
        {
            let quoted = p > lo && cx.toks[p - 1].is_mark();
            let mut a = lo;
            while a < p && (cx.toks[a].is_mark() || !cx.word(a)) {
                a += 1;
            }
            // "Asked whether he would run, Hale said no": the question, not what was said;
            // the answer follows the cue.
            let asked = cx.eq(a, "asked") || cx.eq(a, "when") && cx.eq(a + 1, "asked");
            if !asked {
                if !quoted && (a..p).filter(|&t| cx.word(t)).count() >= 3 {
                    self.cands
                        .push(cand(a, p, QuoteKind::Indirect, Some(i), Some(np)));
                    self.consumed[i] = true;
                }
                return;
            }
        }
        // "did not say", "never told", "was told" (the addressee is the subject).
        let mut b = i;
        let mut passive = false;
        while b > lo && cx.adverb(b - 1) && !cx.eq(b - 1, "not") && !cx.eq(b - 1, "never") {
            passive |=
                cue.class == CueClass::Tell && !progressive && be.iter().any(|w| cx.eq(b - 1, w));
            b -= 1;
        }
        // "has been called a charlatan", "was described as": naming, not speech.
        if passive
            || cue.class == CueClass::Call
                && !cue.ing
                && i > lo
                && be.iter().any(|w| cx.eq(i - 1, w))
        {
            return;
        }
        if b > lo {
            let p = b - 1;
            let negated = cx.eq(p, "not")
                || cx.eq(p, "never")
                || cx.w(p).ends_with("n't")
                || cx.w(p).ends_with("n’t");
            let passive = cue.class == CueClass::Tell
                && ["was", "were", "been", "be", "being", "is", "are"]
                    .iter()
                    .any(|w| cx.eq(p, w));
            if negated || passive {
                return;
            }
        }
        let np = cx.subject(i, lo);
        let Some(np) = np else { return };
        // "Caddell continued:" closing a paragraph: the next paragraph's quotation is his.
        let mut k = i + 1;
        while k < hi && (cx.has(k, class::TIME) || cx.adverb(k)) {
            k += 1;
        }
        if k + 1 == hi && cx.punct(k, ':') {
            let mut c = cand(k, k, QuoteKind::Direct, Some(i), Some(np));
            c.removed = true;
            self.cands.push(c);
            return;
        }
        if let Some((a, b)) = cx.content_after(i, cue.class, hi) {
            let mut c = cand(a, b, QuoteKind::Indirect, Some(i), Some(np));
            c.relative = self.relative(i, np);
            self.cands.push(c);
            self.consumed[i] = true;
        }
    }

    /// "the mayor, who said …": the relative pronoun between the subject `np` and the cue,
    /// which is the word the attribution rests on.
    fn relative(&self, cue: usize, np: (usize, usize)) -> Option<usize> {
        let cx = &self.cx;
        let mut r = cue.checked_sub(1)?;
        while r > np.1 && cx.adverb(r) {
            r -= 1;
        }
        (r >= np.1 && (cx.eq(r, "who") || cx.eq(r, "which"))).then_some(r)
    }

    /// "Name: words" opening a paragraph (a headline's or a transcript's speaker).
    fn colon_heading(&mut self, lo: usize, hi: usize) {
        let cx = &self.cx;
        if lo > 0 && cx.toks[lo - 1].para == cx.toks[lo].para {
            return;
        }
        let Some(colon) = (lo + 1..hi.min(lo + 5)).find(|&k| cx.punct(k, ':')) else {
            return;
        };
        // "UPDATE:", "READ MORE:", "Editor's note:": web-page labels, not speakers.
        if (lo..colon).all(|k| cx.has(k, class::CLUTTER) || !cx.word(k))
            || cx.has(lo, class::DET)
            || !(lo..colon)
                .all(|k| cx.cap(k) && !cx.has(k, class::STOP | class::PRONOUN) || cx.punct(k, '.'))
        {
            return;
        }
        let a = colon + 1;
        if (a..hi).filter(|&t| cx.word(t)).count() < 3
            || cx.toks[a].is_mark() && cx.toks[a].quote == 0
        {
            return;
        }
        if cx.toks[a].quote != 0 {
            return;
        }
        let mut c = cand(a, hi, QuoteKind::Direct, None, Some((lo, colon)));
        c.cue_text = ":";
        self.cands.push(c);
    }

    /// Reported clauses holding direct quotations become mixed; overlapping candidates go.
    fn mix_and_dedupe(&mut self) {
        let n = self.cands.len();
        // Direct candidates by start, with the furthest end up to each: the ones overlapping a
        // clause are found by a binary search and a short walk back, not a scan of all.
        let mut direct: Vec<usize> = (0..n)
            .filter(|&j| self.cands[j].kind == QuoteKind::Direct)
            .collect();
        direct.sort_by_key(|&j| self.cands[j].a);
        let reach: Vec<usize> = direct
            .iter()
            .scan(0, |m, &j| {
                *m = (*m).max(self.cands[j].b);
                Some(*m)
            })
            .collect();
        let mut near = Vec::new();
        for i in 0..n {
            if self.cands[i].removed || self.cands[i].kind == QuoteKind::Direct {
                continue;
            }
            let (a, b) = (self.cands[i].a, self.cands[i].b);
            let mut mixed = false;
            near.clear();
            let mut k = direct.partition_point(|&j| self.cands[j].a < b);
            while k > 0 && reach[k - 1] > a {
                k -= 1;
                near.push(direct[k]);
            }
            // In candidate order, as a scan of all would meet them.
            near.sort_unstable();
            for &j in &near {
                if i != j && !self.cands[j].removed && self.cands[j].kind == QuoteKind::Direct {
                    let (ja, jb) = (self.cands[j].a, self.cands[j].b);
                    if ja >= a && jb <= b {
                        self.cands[j].removed = true;
                        mixed = true;
                    } else if ja < b && jb > a {
                        // A direct quotation straddles the clause: trust the marks.
                        self.cands[i].removed = true;
                        break;
                    }
                }
            }
            if !self.cands[i].removed && (mixed || (a..b).any(|t| self.cx.toks[t].is_mark())) {
                self.cands[i].kind = QuoteKind::Mixed;
            }
        }
        let mut order: Vec<usize> = (0..n).filter(|&i| !self.cands[i].removed).collect();
        order.sort_by_key(|&i| (self.cands[i].a, std::cmp::Reverse(self.cands[i].b)));
        let mut last_end = 0;
        for i in order {
            if self.cands[i].a < last_end {
                self.cands[i].removed = true;
            } else {
                last_end = self.cands[i].b;
            }
        }
    }

    /// Unattributed direct quotations take the speaker of the quotation before them in the
    /// paragraph, of the quotation they continue, or of a "X continued:" just before.
    fn inherit(&mut self) {
        let mut order: Vec<usize> = (0..self.cands.len()).collect();
        order.sort_by_key(|&i| self.cands[i].a);
        let mut prev: Option<usize> = None;
        for &i in &order {
            let c = &self.cands[i];
            if c.np.is_none()
                && c.inherit.is_none()
                && let Some(p) = prev
            {
                {
                    let pc = &self.cands[p];
                    let para = self.cx.toks[c.a].para;
                    let prev_para = self.cx.toks[pc.a.min(self.cx.toks.len() - 1)].para;
                    let qi = c.quote;
                    let starts_para = qi.is_some_and(|q| {
                        let o = self.quotes[q].open;
                        o == 0 || self.cx.toks[o - 1].para != para
                    });
                    let cont = qi.is_some_and(|q| self.quotes[q].continues);
                    let ok = prev_para == para
                        || (starts_para
                            && (cont || pc.removed || pc.kind == QuoteKind::Direct)
                            && para <= prev_para + 2);
                    if ok {
                        self.cands[i].inherit = Some(p);
                    }
                }
            }
            let c = &self.cands[i];
            if c.np.is_some() || c.inherit.is_some() {
                prev = Some(i);
            } else if !c.removed {
                prev = None;
            }
        }
    }
}
