//! Who is the same source across articles.
//!
//! - Named people and organizations are one source when their normalized full names agree:
//!   case folded, common Latin diacritics folded ("Pérez" = "Perez"), apostrophes (straight or
//!   curly) and other punctuation dropped ("O’Neil" = "O'Neil" = "ONeil", "U.S." = "US"),
//!   hyphens and runs of spaces made one space, a leading "the" or honorific ("Dr", "Ms")
//!   dropped.
//! - The name compared is the engine's canonical name (its role and aliases, such as "Finance
//!   Minister Ana Ruiz", are left out). A speaker named only by part of a name ("Danon") joins
//!   the fuller speaker ("Danny Danon") **of the same article** when exactly one such speaker
//!   ends with (or starts with) those words or lists them as an alias; an article that never
//!   names the speaker in full keeps the short name as its own source. The short forms of an
//!   article are indexed once, so joining costs about as much as reading the names.
//! - Anonymous sources are never merged across articles: their key carries the article's path.
//!   Neither are descriptions that are not names ("the union", "officials at the ministry":
//!   cased text with no capitalized word): "the union" of one story is not that of another.

use std::collections::HashMap;
use std::path::Path;

use crate::quotes::{Speaker, SpeakerKind};

/// Key prefix of a named source.
const NAMED: &str = "name:";
/// Key prefix of an anonymous source (followed by the article path).
const ANON: &str = "anon:";

/// The cross-article key of a named speaker, from its own name only; `None` for an anonymous
/// source or a description (those are keyed per article: see [`article_keys`]).
///
/// When the whole article's speakers are at hand, prefer [`article_keys`], which also joins a
/// surname-only speaker to its full name.
pub fn key_for(speaker: &Speaker) -> Option<String> {
    if !is_named(speaker) {
        return None;
    }
    let full = normalize(&speaker.name);
    (!full.is_empty()).then(|| format!("{NAMED}{full}"))
}

/// The key of every speaker of one article, in the same order as `speakers`: named sources
/// by normalized full name (short forms joined within the article), anonymous ones by
/// article and name.
pub fn article_keys(path: &Path, speakers: &[Speaker]) -> Vec<String> {
    let full: Vec<String> = speakers.iter().map(|s| normalize(&s.name)).collect();
    let edges = Edges::new(speakers, &full);
    speakers
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if !is_named(s) || full[i].is_empty() {
                return format!("{ANON}{}#{}", path.display(), normalize(&s.name));
            }
            let target = edges.joined_to(i, speakers, &full).unwrap_or(i);
            format!("{NAMED}{}", full[target])
        })
        .collect()
}

/// Whether a key names a per-article source (anonymous, or a description rather than a name).
pub fn is_anonymous_key(key: &str) -> bool {
    key.starts_with(ANON)
}

/// Per short form (a strict run of whole words at the start or end of a full name, or a
/// normalized alias): the named speakers it may stand for, in order. Built once per article,
/// so that joining every speaker costs about as much as reading the names.
struct Edges(HashMap<String, Vec<usize>>);

impl Edges {
    fn new(speakers: &[Speaker], full: &[String]) -> Self {
        let mut map: HashMap<String, Vec<usize>> = HashMap::new();
        for (j, s) in speakers.iter().enumerate() {
            if !is_named(s) {
                continue;
            }
            let f = full[j].as_str();
            for (k, _) in f.match_indices(' ') {
                map.entry(f[..k].to_string()).or_default().push(j);
                map.entry(f[k + 1..].to_string()).or_default().push(j);
            }
            for a in &s.aliases {
                map.entry(normalize(a)).or_default().push(j);
            }
        }
        for list in map.values_mut() {
            list.dedup();
        }
        Edges(map)
    }

    /// The fuller speaker of the same article that speaker `i` is a short form of, if
    /// exactly one.
    fn joined_to(&self, i: usize, speakers: &[Speaker], full: &[String]) -> Option<usize> {
        let short = &full[i];
        let mut found: Option<usize> = None;
        for &j in self.0.get(short.as_str())? {
            if j == i || full[j] == *short || !kinds_agree(speakers[i].kind, speakers[j].kind) {
                continue;
            }
            if found.is_some_and(|f| full[f] != full[j]) {
                return None; // two different fuller names: ambiguous
            }
            found.get_or_insert(j);
        }
        found
    }
}

fn kinds_agree(a: SpeakerKind, b: SpeakerKind) -> bool {
    a == b || a == SpeakerKind::Unknown || b == SpeakerKind::Unknown
}

/// Whether a speaker is a name that may be matched across articles: not anonymous, and not
/// a description in lowercase ("union", "senior official at the ministry"). Text without
/// case (CJK) counts as a name.
fn is_named(speaker: &Speaker) -> bool {
    let name = &speaker.name;
    speaker.kind != SpeakerKind::Anonymous
        && (!name.chars().any(char::is_lowercase)
            || name
                .split_whitespace()
                .any(|w| w.chars().next().is_some_and(char::is_uppercase)))
}

/// Words dropped from the front of a name (when more words follow): an article and the
/// usual honorifics, which the engine may leave on a name.
const LEADING: &[&str] = &["the", "mr", "mrs", "ms", "dr", "prof", "sir", "dame"];

/// Normalize a name for comparison (see the module documentation).
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            // Apostrophes and combining marks vanish inside a word.
            '\'' | '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{0300}'..='\u{036f}' => {}
            c if c.is_alphanumeric() => match fold(c) {
                Some(s) => out.push_str(s),
                None => out.push(c),
            },
            '.' => {}
            _ => out.push(' '),
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let words = match words.as_slice() {
        [first, rest @ ..] if !rest.is_empty() && LEADING.contains(first) => rest,
        all => all,
    };
    words.join(" ")
}

/// The plain Latin letters for a lowercase letter with a diacritic (or a ligature).
fn fold(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăąǎ", "a"),
        ("çćĉċč", "c"),
        ("ďđð", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįıǐ", "i"),
        ("ĵ", "j"),
        ("ķ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏőǒ", "o"),
        ("ŕŗř", "r"),
        ("śŝşšș", "s"),
        ("ţťŧț", "t"),
        ("ùúûüũūŭůűųǔ", "u"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
        ("þ", "th"),
    ];
    if c.is_ascii() {
        return None;
    }
    TABLE
        .iter()
        .find(|(from, _)| from.contains(c))
        .map(|&(_, to)| to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_and_a_titled_full_name_in_two_articles_are_one_source() {
        let a = crate::quotes::extract(
            "Finance Minister Ana Ruiz said the budget was balanced. Ruiz added that taxes \
             would not rise.",
        );
        let b = crate::quotes::extract(
            "Ana Ruiz opened the session on Monday. Later Ruiz said the levy would stay.",
        );
        let ka = article_keys(Path::new("a.md"), &a.speakers);
        let kb = article_keys(Path::new("b.md"), &b.speakers);
        assert_eq!(ka, ["name:ana ruiz"]);
        assert_eq!(kb, ["name:ana ruiz"]);
    }

    #[test]
    fn among_many_speakers_each_surname_joins_its_own_and_a_shared_first_name_none() {
        // A surname-only speaker per full name: each joins its own, and the shared first
        // name joins none (ambiguous).
        let mut speakers = Vec::new();
        for i in 0..20_000 {
            for name in [format!("Ada Morrow{i}"), format!("Morrow{i}")] {
                speakers.push(Speaker {
                    name,
                    kind: SpeakerKind::Person,
                    role: None,
                    aliases: Vec::new(),
                });
            }
        }
        speakers.push(Speaker {
            name: "Ada".into(),
            kind: SpeakerKind::Person,
            role: None,
            aliases: Vec::new(),
        });
        let keys = article_keys(Path::new("a.md"), &speakers);
        assert_eq!(keys[1], "name:ada morrow0");
        assert_eq!(keys[39_999], "name:ada morrow19999");
        assert_eq!(keys[40_000], "name:ada");
    }

    #[test]
    fn normalization_folds_case_diacritics_quotes_and_punctuation() {
        assert_eq!(normalize("  José   Pérez-Núñez "), "jose perez nunez");
        assert_eq!(normalize("Siobhán O’Neill"), "siobhan oneill");
        assert_eq!(normalize("Siobhan O'Neill"), "siobhan oneill");
        assert_eq!(normalize("U.S. State Department"), "us state department");
        assert_eq!(normalize("The Red Cross"), "red cross");
        assert_eq!(normalize("Ærø Straße"), "aero strasse");
        // Decomposed accents (e + combining acute) fold the same way.
        assert_eq!(normalize("Rene\u{301}e"), normalize("Renée"));
        assert_eq!(normalize("東京電力"), "東京電力");
        assert_eq!(normalize("The"), "the");
        assert_eq!(normalize("Dr. Ama Owusu"), "ama owusu");
        assert_eq!(normalize("Ms Owusu"), "owusu");
    }
}
