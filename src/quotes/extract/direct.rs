//! Direct quotations: the attribution after the closing mark ("“…,” X said") or before the
//! opening one ("X said: “…”").

use super::super::QuoteKind;
use super::super::lexicon::{CueClass, class};
use super::super::text::Kind;
use super::{Found, Passes, cand};

impl Passes<'_> {
    /// Attribute one direct quotation from the words after and before it.
    pub(super) fn direct(&mut self, qi: usize, head_lo: usize, hi: usize) {
        let q = self.quotes[qi];
        let cx = &self.cx;
        let mut a = q.open + 1;
        let b = if q.closed { q.close } else { q.close + 1 };
        if a >= b {
            return;
        }
        let mut found: Option<Found> = None;
        // Transcript: "WALLACE: ..." inside the marks.
        if let Some(colon) = (a + 1..b.min(a + 4)).find(|&k| cx.punct(k, ':'))
            && (a..colon).all(|k| cx.cap(k) || cx.punct(k, '.'))
            && colon + 2 < b
        {
            found = Some((None, Some((a, colon)), ":"));
            a = colon + 1;
        }
        // After: "“…,” X said." / "“…,” said X." / "“…” ― X"
        if found.is_none() && q.closed {
            let mut t = q.close + 1;
            // A quotation ending its sentence: "“…?” Graham asked." is the next one.
            let next = t == hi;
            let hi = if next {
                let next_sent = self.sents.partition_point(|s| s.0 < hi);
                self.sents
                    .get(next_sent)
                    .filter(|s| s.0 == hi && cx.toks[s.0].para == cx.toks[q.close].para)
                    .map_or(hi, |s| s.1)
            } else {
                hi
            };
            let tail_hi = (t..hi)
                .find(|&k| cx.toks[k].is_mark())
                .unwrap_or(hi)
                .min(t + 40);
            if cx.punct(t, ',') {
                t += 1;
            }
            if t < tail_hi && matches!(cx.toks[t].kind, Kind::Punct('―' | '—' | '–')) {
                if let Some(np) = cx.np_fwd(t + 1, tail_hi).filter(|&(x, _)| cx.cap(x)) {
                    found = Some((None, Some(np), "―"));
                }
            } else if let Some((c, np)) = self.tail(t, tail_hi) {
                // "… “the question is the timing.” The governor said it was improper …":
                // a next sentence with a clause of its own reports its own speech.
                let own = next
                    && cx.word(c + 1)
                    && self
                        .cue_at(c)
                        .is_some_and(|q| cx.content_after(c, q.class, hi).is_some());
                if !own {
                    found = Some((Some(c), Some(np), ""));
                }
            }
        }
        // Before: "X said: “…”", "X told CNN, “…”", "According to X, “…”".
        if found.is_none() {
            found = self.head(q.open, head_lo).map(|(c, np)| (Some(c), np, ""));
        }
        let mut c = cand(a, b, QuoteKind::Direct, None, None);
        c.quote = Some(qi);
        if let Some((cue, np, txt)) = found {
            c.cue = cue;
            c.np = np;
            c.relative = cue.zip(np).and_then(|(k, np)| self.relative(k, np));
            c.cue_text = txt;
            if let Some(cue) = cue {
                self.consumed[cue] = true;
            }
        }
        self.cands.push(c);
    }

    /// A trailing attribution right after a closing mark.
    fn tail(&self, t: usize, hi: usize) -> Option<(usize, (usize, usize))> {
        let cx = &self.cx;
        if t >= hi || !cx.word(t) {
            return None;
        }
        if let Some(c) = self.cue_at(t) {
            if c.class == CueClass::Tell && !cx.eq(t, "asked") || c.class == CueClass::Call || c.ing
            {
                return None;
            }
            let np = cx.np_fwd(t + 1, hi)?;
            return Some((t, np));
        }
        let (np_a, mut np_b) = cx.np_fwd(t, hi)?;
        // "“…,” the New York businessman said": one more plain noun before the cue.
        if np_b + 1 < hi
            && cx.word(np_b)
            && !cx.cap(np_b)
            && cx.cue(np_b).is_none()
            && !cx.has(np_b, class::STOP | class::ADV | class::PRONOUN | class::DET)
            && self.trailing_cue(np_b + 1, hi)
        {
            np_b += 1;
        }
        let mut c = cx.skip_paren_fwd(np_b, hi);
        if cx.punct(c, ',') {
            // An appositive: "“…,” Jo Doe, the mayor of X, said."
            let lim = hi.min(c + 40);
            let e = (c + 1..lim).find(|&k| {
                cx.punct(k, ',')
                    && !cx.in_quote(k)
                    && self
                        .cue_at(k + 1)
                        .is_some_and(|q| !q.ing && q.class != CueClass::Call)
            })?;
            c = e + 1;
        }
        while c < hi && cx.adverb(c) {
            c += 1;
        }
        self.trailing_cue(c, hi).then_some((c, (np_a, np_b)))
    }

    /// A speech verb closing an attribution after a quotation: "said", "asked", and a
    /// present-tense form after any noun ("the ad’s narrator says") when nothing but an
    /// adjunct or the sentence's end follows it.
    fn trailing_cue(&self, c: usize, hi: usize) -> bool {
        let cx = &self.cx;
        if let Some(q) = self.cue_at(c) {
            return !q.ing && q.class != CueClass::Call;
        }
        let n = c + 1;
        cx.word(c)
            && !cx.cap(c)
            && !cx.in_quote(c)
            && cx
                .cue(c)
                .is_some_and(|q| !q.ing && q.class != CueClass::Call)
            && (n >= hi || !cx.word(n) || cx.has(n, class::STOP | class::TIME) || cx.adverb(n))
    }

    /// A cue just before an opening mark (only objects, adjuncts, "that", "," or ":" between).
    fn head(&self, open: usize, lo: usize) -> Option<(usize, Option<(usize, usize)>)> {
        let cx = &self.cx;
        let from = open.saturating_sub(8).max(lo);
        for c in (from..open).rev() {
            if cx.in_quote(c) || cx.toks[c].is_mark() {
                return None;
            }
            if cx.eq(c, "according") && cx.eq(c + 1, "to") {
                return Some((c, cx.np_fwd(c + 2, open)));
            }
            let Some(cue) = self.cue_at(c) else { continue };
            let gap_ok = c + 1 == open
                || cx.punct(open - 1, ':')
                || cx.punct(open - 1, ',')
                || cx.eq(open - 1, "that");
            if !gap_ok {
                return None;
            }
            let np = if cue.ing {
                self.sentence_subject(lo, c)
            } else {
                cx.subject(c, lo)
            };
            return Some((c, np));
        }
        None
    }
}
