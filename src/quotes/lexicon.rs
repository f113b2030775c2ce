//! The cue lexicon and the word classes, read from the data files embedded in the binary.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

const CUES: &str = include_str!("data/cues.txt");
const WORDS: &str = include_str!("data/words.txt");

/// How a cue verb takes its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// "said (that) CLAUSE", "CLAUSE, X said".
    Say,
    /// "told ADDRESSEE (that) CLAUSE".
    Tell,
    /// "vowed to ..." or a clause.
    To,
    /// "called for X", "called X a liar": the content is what follows.
    Call,
}

/// One form of a cue verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cue {
    pub class: CueClass,
    /// The "-ing" form ("saying", "adding"): the subject is the clause's subject.
    pub ing: bool,
}

/// Word classes (bit flags) from `words.txt`.
pub(crate) mod class {
    pub const TITLE: u32 = 1;
    pub const HONORIFIC: u32 = 1 << 1;
    pub const ORG: u32 = 1 << 2;
    pub const ANON: u32 = 1 << 3;
    pub const ORGNOUN: u32 = 1 << 4;
    pub const DET: u32 = 1 << 5;
    pub const PRONOUN: u32 = 1 << 6;
    pub const ADV: u32 = 1 << 7;
    pub const STOP: u32 = 1 << 8;
    pub const TIME: u32 = 1 << 9;
    pub const CLAUSE_START: u32 = 1 << 10;
    pub const DESC: u32 = 1 << 11;
    pub const CLUTTER: u32 = 1 << 12;
    pub const PARTICLE: u32 = 1 << 13;
    pub const PLACE: u32 = 1 << 14;
}

/// A small fast hasher for short keys (FxHash).
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write_u128(&mut self, i: u128) {
        // The same value as `write` on the 16 little-endian bytes, without the loop.
        self.mix(i as u64);
        self.mix((i >> 64) as u64);
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.mix(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(w));
        }
    }
}

impl Fx {
    fn mix(&mut self, word: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

/// A map keyed by strings, hashed with [`Fx`].
pub(crate) type Map<'a, V> = HashMap<&'a str, V, BuildHasherDefault<Fx>>;
/// A set of strings, hashed with [`Fx`].
pub(crate) type Set<'a> = std::collections::HashSet<&'a str, BuildHasherDefault<Fx>>;
type ShortMap<V> = HashMap<u128, V, BuildHasherDefault<Fx>>;

/// A word of at most 15 ASCII bytes packed with its length in the last byte, lowercased when
/// `lower`: a key hashed and compared without touching the string again.
fn short_key(word: &str, lower: bool) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut k = [0u8; 16];
    k[..bytes.len()].copy_from_slice(bytes);
    pack(k, bytes.len(), lower)
}

/// The short key of `text[start..end]`, read in two loads when 16 bytes of `text` follow
/// `start` (the common case inside an article), else through a copy.
fn short_key_at(text: &str, start: usize, end: usize, lower: bool) -> Option<u128> {
    let len = end - start;
    if len > 15 {
        return None;
    }
    match text
        .as_bytes()
        .get(start..)
        .and_then(<[u8]>::first_chunk::<16>)
    {
        Some(&window) => {
            // Zero every byte from `len` on.
            let keep = u128::MAX >> (8 * (16 - len));
            pack(
                (u128::from_le_bytes(window) & keep).to_le_bytes(),
                len,
                lower,
            )
        }
        None => short_key(text.get(start..end)?, lower),
    }
}

/// 16 bytes, zero from `len` on, as a key (None when one is not ASCII).
fn pack(k: [u8; 16], len: usize, lower: bool) -> Option<u128> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut halves = [0u64; 2];
    for (h, chunk) in halves.iter_mut().zip(k.chunks_exact(8)) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let x = u64::from_le_bytes(w);
        if x & HIGH != 0 {
            return None;
        }
        // Per byte (all below 0x80, so no carries): high bit set when in 'A'..='Z'.
        let upper = x.wrapping_add(ONES * (0x80 - u64::from(b'A')))
            & !x.wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1))
            & HIGH;
        *h = if lower { x | (upper >> 2) } else { x };
    }
    Some(u128::from(halves[0]) | u128::from(halves[1]) << 64 | (len as u128) << 120)
}

/// The short ASCII words of both maps, keyed by their exact text.
fn shorten(cues: &Map<'_, Cue>, words: &Map<'_, u32>) -> ShortMap<Entry> {
    let mut short = ShortMap::default();
    for (w, &cue) in cues {
        if let Some(k) = short_key(w, false) {
            short.entry(k).or_insert_with(Entry::default).cue = Some(cue);
        }
    }
    for (w, &classes) in words {
        if let Some(k) = short_key(w, false) {
            short.entry(k).or_insert_with(Entry::default).classes = classes;
        }
    }
    short
}

/// A 16,384-bit filter over packed keys: a clear bit proves a key is absent, so most words
/// are rejected without a map lookup.
struct Filter(Vec<u64>);

impl Filter {
    fn bit(key: u128) -> usize {
        let h = ((key as u64) ^ ((key >> 64) as u64).rotate_left(29))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> 50) as usize
    }
    fn new<V>(map: &ShortMap<V>) -> Self {
        let mut bits = vec![0u64; 256];
        for &k in map.keys() {
            let b = Self::bit(k);
            bits[b / 64] |= 1 << (b % 64);
        }
        Filter(bits)
    }
    fn may_hold(&self, key: u128) -> bool {
        let b = Self::bit(key);
        self.0.get(b / 64).is_some_and(|w| w & (1 << (b % 64)) != 0)
    }
}

pub(crate) struct Lexicon {
    cues: Map<'static, Cue>,
    words: Map<'static, u32>,
    /// The cue and the word classes of every short ASCII entry, in one map.
    short: ShortMap<Entry>,
    /// Rejects most words before a map lookup.
    filter: Filter,
    /// Bit `len` of `cue_lengths[first byte]`: some cue has that first byte and length.
    cue_lengths: [u32; 128],
}

/// What the lexicon knows of one word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    pub cue: Option<Cue>,
    pub classes: u32,
}

/// A line of a data file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct DataError {
    pub file: &'static str,
    pub line: usize,
    pub reason: String,
}

fn entries(text: &'static str) -> impl Iterator<Item = (usize, &'static str, &'static str)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let (head, rest) = line.split_once(':').unwrap_or(("", line));
        Some((i + 1, head.trim(), rest))
    })
}

/// Parse the embedded data files.
pub(crate) fn parse() -> Result<Lexicon, DataError> {
    let mut cues = Map::default();
    for (line, head, rest) in entries(CUES) {
        let class = match head {
            "say" => CueClass::Say,
            "tell" => CueClass::Tell,
            "to" => CueClass::To,
            "call" => CueClass::Call,
            other => {
                return Err(DataError {
                    file: "cues.txt",
                    line,
                    reason: format!("unknown cue class {other:?}"),
                });
            }
        };
        for form in rest.split_whitespace() {
            cues.insert(
                form,
                Cue {
                    class,
                    ing: form.ends_with("ing"),
                },
            );
        }
    }
    let mut words: Map<'static, u32> = Map::default();
    for (line, head, rest) in entries(WORDS) {
        let bit = match head {
            "title" => class::TITLE,
            "honorific" => class::HONORIFIC,
            "org" => class::ORG,
            "anon" => class::ANON,
            "orgnoun" => class::ORGNOUN,
            "det" => class::DET,
            "pronoun" => class::PRONOUN,
            "adv" => class::ADV,
            "stop" => class::STOP,
            "time" => class::TIME,
            "clausestart" => class::CLAUSE_START,
            "desc" => class::DESC,
            "clutter" => class::CLUTTER,
            "particle" => class::PARTICLE,
            "place" => class::PLACE,
            other => {
                return Err(DataError {
                    file: "words.txt",
                    line,
                    reason: format!("unknown word class {other:?}"),
                });
            }
        };
        for w in rest.split_whitespace() {
            *words.entry(w).or_default() |= bit;
        }
    }
    let mut cue_lengths = [0u32; 128];
    for w in cues.keys() {
        if let Some(&b) = w.as_bytes().first()
            && b < 128
            && w.len() < 32
        {
            cue_lengths[usize::from(b)] |= 1 << w.len();
        }
    }
    let short = shorten(&cues, &words);
    Ok(Lexicon {
        filter: Filter::new(&short),
        short,
        cues,
        words,
        cue_lengths,
    })
}

pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    // The data files are part of the binary and a unit test parses them: an error here is a
    // build defect, and an empty lexicon is the safe fallback.
    LEX.get_or_init(|| {
        parse().unwrap_or_else(|_| Lexicon {
            cues: Map::default(),
            words: Map::default(),
            short: ShortMap::default(),
            filter: Filter(Vec::new()),
            cue_lengths: [0; 128],
        })
    })
}

/// Call `f` with the lowercase form of `word` (without allocating for short ASCII words).
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = word.as_bytes();
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        return f(word);
    }
    if bytes.len() <= 32 && word.is_ascii() {
        let mut buf = [0u8; 32];
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        // ASCII in, ASCII out: always valid UTF-8.
        return f(std::str::from_utf8(&buf[..bytes.len()]).unwrap_or(""));
    }
    f(&word.to_lowercase())
}

impl Lexicon {
    /// The cue and the word classes of `word` (case-insensitive).
    pub(crate) fn entry(&self, word: &str) -> Entry {
        self.entry_at(word, 0, word.len())
    }

    /// The entry of the word `text[start..end]` (on char boundaries).
    pub(crate) fn entry_at(&self, text: &str, start: usize, end: usize) -> Entry {
        if let Some(k) = short_key_at(text, start, end, true) {
            if !self.filter.may_hold(k) {
                return Entry::default();
            }
            return self.short.get(&k).copied().unwrap_or_default();
        }
        let word = &text[start..end];
        Entry {
            cue: self.long_cue(word),
            classes: with_lower(word, |w| self.words.get(w).copied().unwrap_or(0)),
        }
    }

    /// The cue of a word too long or not ASCII enough for a short key.
    fn long_cue(&self, word: &str) -> Option<Cue> {
        let &b = word.as_bytes().first()?;
        if word.len() >= 32
            || b >= 128
            || self.cue_lengths[usize::from(b.to_ascii_lowercase())] & (1 << word.len()) == 0
        {
            return None;
        }
        with_lower(word, |w| self.cues.get(w).copied())
    }
}

/// The cue `word` is a form of, if any (case-insensitive).
#[cfg(test)]
fn cue(word: &str) -> Option<Cue> {
    lexicon().entry(word).cue
}

/// The word classes of `word` (case-insensitive; a trailing period is ignored).
pub(crate) fn classes(word: &str) -> u32 {
    let word = word.strip_suffix('.').unwrap_or(word);
    lexicon().entry(word).classes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse_and_cover_the_required_verbs() {
        let lex = parse().expect("data files parse");
        for v in [
            "say",
            "tell",
            "add",
            "state",
            "note",
            "write",
            "ask",
            "claim",
            "argue",
            "insist",
            "warn",
            "announce",
            "declare",
            "reply",
            "respond",
            "acknowledge",
            "admit",
            "deny",
            "suggest",
            "confirm",
            "explain",
            "emphasize",
            "stress",
            "urge",
            "vow",
            "promise",
            "predict",
            "recall",
            "continue",
            "tweet",
            "testify",
        ] {
            assert!(lex.cues.contains_key(v), "{v} missing");
        }
        assert!(lex.cues.contains_key("told"));
        assert!(lex.words.contains_key("minister"));
    }

    #[test]
    fn lookups_find_every_entry_and_nothing_else() {
        let lex = parse().expect("data files parse");
        for (w, &classes) in &lex.words {
            assert_eq!(lex.entry(w).classes, classes, "{w}");
        }
        for (w, &cue) in &lex.cues {
            assert_eq!(lex.entry(w).cue, Some(cue), "{w}");
        }
        for w in ["zebra", "Okafor", "sayings", "tolds", "x", "the-the"] {
            assert_eq!(lex.entry(w), Entry::default(), "{w}");
        }
    }

    #[test]
    fn lookups_ignore_case() {
        assert_eq!(cue("Said").map(|c| c.class), Some(CueClass::Say));
        assert_eq!(cue("TOLD").map(|c| c.class), Some(CueClass::Tell));
        assert!(cue("spoke").is_none());
        assert!(classes("Minister") & class::TITLE != 0);
        assert!(classes("Sen.") & class::TITLE != 0);
        assert!(cue("saying").is_some_and(|c| c.ing));
    }
}

#[cfg(test)]
mod key_tests {
    use super::{short_key, short_key_at};

    #[test]
    fn short_keys_lowercase_every_ascii_byte() {
        let all: String = (0u8..0x80).map(char::from).collect();
        for chunk in all.as_bytes().chunks(15) {
            let w = std::str::from_utf8(chunk).expect("ascii");
            let lower = w.to_ascii_lowercase();
            assert_eq!(short_key(w, true), short_key(&lower, false), "{w:?}");
        }
        assert_ne!(short_key("ab", false), short_key("ab\0", false));
        assert_eq!(short_key("é", true), None);
        assert_eq!(short_key("sixteen-letters!", true), None);
        // Read from inside a longer text, the key is the same as the word's own.
        let text = "The Mayor’s office SAID this, twenty-one sixteen-letters! x";
        let starts = text.char_indices().filter(|(_, c)| c.is_alphanumeric());
        for (start, _) in starts {
            let end = start + text[start..].find(' ').unwrap_or(text.len() - start);
            assert_eq!(
                short_key_at(text, start, end, true),
                short_key(&text[start..end], true),
                "{:?}",
                &text[start..end]
            );
        }
    }
}
