//! Tokens, paragraphs, quotation marks and sentences. Every offset is a byte offset into the
//! analysed text, taken from `char_indices`, so it always lies on a char boundary.

use super::lexicon::{self, Cue};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// One punctuation char (also dashes and brackets).
    Punct(char),
    /// A quotation mark: `"` stands for straight double marks and for `''`.
    Mark(char),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Paragraph (line) number.
    pub para: u32,
    /// Index + 1 of the direct quotation whose content holds this token, or 0.
    pub quote: u32,
    /// The cue a word is a form of.
    pub cue: Option<Cue>,
    /// The word classes of a word (`lexicon::class`), 0 for other tokens.
    pub classes: u32,
    /// A word starting with an uppercase letter.
    pub cap: bool,
}

impl Tok {
    fn new(start: usize, end: usize, kind: Kind, para: u32) -> Self {
        Tok {
            start,
            end,
            kind,
            para,
            quote: 0,
            cue: None,
            classes: 0,
            cap: false,
        }
    }

    #[inline]
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    #[inline]
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    #[inline]
    pub fn is_mark(&self) -> bool {
        matches!(self.kind, Kind::Mark(_))
    }
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The char starting at byte `i` of `text`, when `i` is inside it (ASCII without decoding).
fn char_at(text: &str, i: usize) -> Option<char> {
    let &b = text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(char::from(b))
    } else {
        text.get(i..)?.chars().next()
    }
}

/// Curly and angle quotation marks and dashes: never blanks nor word chars.
fn common_punct(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '„' | '‟' | '«' | '»' | '‘' | '’' | '—' | '–' | '―'
    )
}

/// The bytes that are ASCII letters and digits.
const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The end of the word starting at byte `start` with `first`. Joiners inside a word: don't,
/// Hamas’s, U.S, well-known, 1,332, 3.5.
fn word_end(text: &str, start: usize, first: char) -> usize {
    let bytes = text.as_bytes();
    let mut end = start + first.len_utf8();
    loop {
        while bytes.get(end).is_some_and(|&b| ASCII_WORD[usize::from(b)]) {
            end += 1;
        }
        let Some(d) = char_at(text, end) else { break };
        let joiner = matches!(d, '\'' | '’' | '-' | '.' | '&' | ',');
        // A blank or a mark other than a joiner ends the word at once.
        if d.is_ascii() && !joiner {
            break;
        }
        let len = d.len_utf8();
        if word_char(d) {
            end += len;
            continue;
        }
        if !joiner {
            break;
        }
        // The char before a joiner is always a word char; a digit allows "1,332" and "3.5".
        let digit_before = bytes[end - 1].is_ascii_digit();
        let after = char_at(text, end + len);
        let ok = match d {
            ',' => digit_before && after.is_some_and(|a| a.is_ascii_digit()),
            '.' => {
                after.is_some_and(char::is_alphanumeric)
                    && (digit_before || is_initialish(text, start, end))
            }
            _ => after.is_some_and(word_char),
        };
        if !ok {
            break;
        }
        end += len;
    }
    end
}

/// Split `text` into tokens. Newlines separate paragraphs; `\r` and other spaces are blanks.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let lex = lexicon::lexicon();
    let mut toks = Vec::with_capacity(text.len() / 4);
    let bytes = text.as_bytes();
    let mut para = 0u32;
    let mut i = 0;
    // Push the word starting at `i` with `c`; its end.
    let word = |toks: &mut Vec<Tok>, i: usize, c: char, para: u32| {
        let end = word_end(text, i, c);
        let entry = lex.entry_at(text, i, end);
        toks.push(Tok {
            cue: entry.cue,
            classes: entry.classes,
            cap: c.is_uppercase(),
            ..Tok::new(i, end, Kind::Word, para)
        });
        end
    };
    while let Some(&b) = bytes.get(i) {
        // ASCII blanks and words without decoding a char.
        match b {
            b'\n' => {
                para += 1;
                i += 1;
                continue;
            }
            b'\t' | 0x0b | 0x0c | b'\r' | b' ' => {
                i += 1;
                continue;
            }
            _ if b.is_ascii_alphanumeric() => {
                let end = word(&mut toks, i, char::from(b), para);
                // Most words end at a space: step over it here.
                i = end + usize::from(bytes.get(end) == Some(&b' '));
                continue;
            }
            _ => {}
        }
        let Some(c) = char_at(text, i) else { break };
        let len = c.len_utf8();
        if !common_punct(c) {
            if c.is_whitespace() || c == '\u{feff}' {
                i += len;
                continue;
            }
            if word_char(c) {
                i = word(&mut toks, i, c, para);
                continue;
            }
        }
        let kind = match c {
            '“' | '”' | '„' | '‟' | '«' | '»' | '"' | '‘' | '’' => Kind::Mark(c),
            '\'' if bytes.get(i + 1) == Some(&b'\'') => {
                toks.push(Tok::new(i, i + 2, Kind::Mark('"'), para));
                i += 2;
                continue;
            }
            '\'' => Kind::Mark('\''),
            '`' if bytes.get(i + 1) == Some(&b'`') => {
                toks.push(Tok::new(i, i + 2, Kind::Mark('“'), para));
                i += 2;
                continue;
            }
            _ => Kind::Punct(c),
        };
        toks.push(Tok::new(i, i + len, kind, para));
        i += len;
    }
    toks
}

/// A period inside a run of single letters: "U.S", "D.C", "a.m".
fn is_initialish(text: &str, start: usize, dot: usize) -> bool {
    let w = &text[start..dot];
    w.rsplit('.')
        .next()
        .is_some_and(|last| last.chars().count() == 1)
}

/// One direct quotation found by pairing marks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Quoted {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark, or of the last token when unclosed.
    pub close: usize,
    pub closed: bool,
    /// Byte offset of the content's end.
    pub end: usize,
    /// It continues an unclosed quotation of the previous paragraph.
    pub continues: bool,
}

fn opens(text: &str, t: &Tok) -> bool {
    let before = text[..t.start].chars().next_back();
    let after = text[t.end..].chars().next();
    let space_before = before.is_none_or(|b| b.is_whitespace() || "([{—–―-/:".contains(b));
    let space_after = after.is_none_or(char::is_whitespace);
    space_before && !space_after
}

/// Pair the double quotation marks of each paragraph; flag the tokens inside.
pub(crate) fn pair_quotes(text: &str, toks: &mut [Tok]) -> Vec<Quoted> {
    let mut out: Vec<Quoted> = Vec::new();
    let mut cur: Option<(usize, char)> = None; // opening token, opening char
    let mut depth = 0u32;
    let mut last_unclosed_para: Option<u32> = None;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        // Paragraph break with a quotation still open: it ends with the paragraph.
        if let Some((o, _)) = cur
            && t.para != toks[o].para
        {
            push_quote(&mut out, toks, o, i - 1, false, last_unclosed_para);
            last_unclosed_para = Some(toks[o].para.max(toks[i - 1].para));
            cur = None;
            depth = 0;
        }
        let Kind::Mark(m) = t.kind else {
            i += 1;
            continue;
        };
        if matches!(m, '‘' | '’' | '\'') {
            i += 1;
            continue;
        }
        match cur {
            None => {
                let is_open = match m {
                    '“' | '„' | '‟' | '«' => true,
                    _ => opens(text, &t),
                };
                if is_open {
                    cur = Some((i, m));
                    depth = 0;
                }
            }
            Some((o, om)) => {
                let closes = match (om, m) {
                    ('"', '"') => true,
                    ('"', '“') => {
                        depth += 1;
                        false
                    }
                    (_, '“' | '„' | '«') if !opens(text, &t) => depth == 0,
                    (_, '“' | '„' | '«') => {
                        depth += 1;
                        false
                    }
                    (_, '”' | '»' | '"') if depth > 0 => {
                        depth -= 1;
                        false
                    }
                    _ => true,
                };
                if closes {
                    push_quote(&mut out, toks, o, i, true, last_unclosed_para);
                    last_unclosed_para = None;
                    cur = None;
                }
            }
        }
        i += 1;
    }
    if let Some((o, _)) = cur {
        push_quote(&mut out, toks, o, toks.len() - 1, false, last_unclosed_para);
    }
    out
}

fn push_quote(
    out: &mut Vec<Quoted>,
    toks: &mut [Tok],
    open: usize,
    close: usize,
    closed: bool,
    last_unclosed_para: Option<u32>,
) {
    let start = toks[open].end;
    let end = if closed {
        toks[close].start
    } else {
        toks[close].end.max(start)
    };
    let first = open + 1;
    let last = if closed { close } else { close + 1 };
    if first >= last {
        return;
    }
    let para = toks[open].para;
    let continues = last_unclosed_para.is_some_and(|p| p + 1 == para || p + 2 == para)
        && toks[..open].last().is_none_or(|p| p.para != para);
    out.push(Quoted {
        open,
        close,
        closed,
        end,
        continues,
    });
    let id = out.len() as u32;
    for t in &mut toks[first..last] {
        t.quote = id;
    }
}

/// Abbreviations after which a period does not end a sentence.
pub(crate) fn abbreviation(word: &str) -> bool {
    if word.contains('.') || word.chars().count() == 1 {
        return true;
    }
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Gen"
            | "St"
            | "Jr"
            | "Sr"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Prof"
            | "Rev"
            | "Inc"
            | "Corp"
            | "Co"
            | "Ltd"
            | "vs"
            | "No"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Aug"
            | "Sept"
            | "Sep"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Adm"
            | "Gens"
            | "Reps"
            | "Sens"
            | "Ft"
            | "Mt"
            | "Supt"
            | "Det"
            | "Cmdr"
    )
}

/// Sentence ranges as token index ranges `[start, end)`. A sentence never crosses a paragraph;
/// quotation content never ends one, its closing mark may.
pub(crate) fn sentences(text: &str, toks: &[Tok], quotes: &[Quoted]) -> Vec<(usize, usize)> {
    // News sentences run to some twenty tokens: room for most without regrowing.
    let mut out = Vec::with_capacity(toks.len() / 16 + 1);
    let mut s = 0;
    let mut qi = 0;
    for i in 0..toks.len() {
        let t = &toks[i];
        let next = toks.get(i + 1);
        let boundary = match next {
            None => true,
            Some(n) if n.para != t.para => true,
            Some(_)
                if t.quote != 0
                    || !matches!(t.kind, Kind::Punct('.' | '?' | '!') | Kind::Mark(_)) =>
            {
                false
            }
            Some(n) => {
                let starts_new = matches!(n.kind, Kind::Mark(_))
                    || (n.is_word()
                        && text[n.start..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()));
                if t.quote != 0 || !starts_new {
                    false
                } else {
                    match t.kind {
                        // Not after an abbreviation ("Mr."), nor when the next word is glued
                        // to the period ("(D-N.Y.)" reads "D-N", ".", "Y", ".").
                        Kind::Punct('.') if n.is_word() && n.start == t.end => false,
                        Kind::Punct('.') => {
                            i == 0
                                || !(toks[i - 1].is_word()
                                    && toks[i - 1].end == t.start
                                    && abbreviation(&text[toks[i - 1].start..toks[i - 1].end]))
                        }
                        Kind::Punct('?' | '!') => true,
                        Kind::Mark(_) => {
                            while qi < quotes.len() && quotes[qi].close < i {
                                qi += 1;
                            }
                            quotes.get(qi).is_some_and(|q| {
                                q.closed
                                    && q.close == i
                                    && text[..q.end].trim_end().ends_with(['.', '?', '!'])
                            }) && !matches!(n.kind, Kind::Mark(_))
                        }
                        _ => false,
                    }
                }
            }
        };
        if boundary {
            out.push((s, i + 1));
            s = i + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn words_keep_apostrophes_and_abbreviations() {
        assert_eq!(
            words("Don’t, U.S. aid 1,332 o'clock."),
            ["Don’t", ",", "U.S", ".", "aid", "1,332", "o'clock", "."]
        );
    }

    #[test]
    fn pairs_curly_and_straight_marks() {
        let text = "“One two,” she said. \"Three “four” five\" end";
        let mut toks = tokenize(text);
        let q = pair_quotes(text, &mut toks);
        assert_eq!(q.len(), 2);
        assert_eq!(&text[toks[q[0].open].end..q[0].end], "One two,");
        assert_eq!(&text[toks[q[1].open].end..q[1].end], "Three “four” five");
    }

    #[test]
    fn unclosed_quote_continues_into_next_paragraph() {
        let text = "“First part.\n\n“Second part,” he said.";
        let mut toks = tokenize(text);
        let q = pair_quotes(text, &mut toks);
        assert_eq!(q.len(), 2);
        assert!(!q[0].closed);
        assert_eq!(&text[toks[q[0].open].end..q[0].end], "First part.");
        assert!(q[1].continues);
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let text = "Mr. Smith went to Washington. He said so.\r\nNext line";
        let mut toks = tokenize(text);
        let q = pair_quotes(text, &mut toks);
        assert_eq!(sentences(text, &toks, &q).len(), 3);
        // A period glued to the next word ends nothing: "(D-N.Y.)".
        let text = "Jo Doe (D-N.Y.) Said it. Next one.";
        let mut toks = tokenize(text);
        let q = pair_quotes(text, &mut toks);
        assert_eq!(sentences(text, &toks, &q).len(), 2);
    }
}
