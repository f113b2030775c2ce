//! The speakers of one article, built mention by mention in reading order, with hash indexes
//! so that each mention costs the same however many speakers the article already has.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::lexicon::{self, Fx, class};
use super::resolve::Read;
use super::{Speaker, SpeakerKind};

type Index = HashMap<String, usize, BuildHasherDefault<Fx>>;

/// `s` folded for comparison: ASCII lowercase, the curly apostrophe as a straight one (the
/// same equality as [`same`]).
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '’' {
                '\''
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// The last word of a name.
fn last_word(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// Keep the lowest speaker index under `key`.
fn keep_min(index: &mut Index, key: String, s: usize) {
    index
        .entry(key)
        .and_modify(|v| *v = (*v).min(s))
        .or_insert(s);
}

/// Folded title word -> where a person was given it: (token, index in [`Names::list`]).
pub(crate) type Titles = HashMap<String, Vec<(usize, usize)>, BuildHasherDefault<Fx>>;

/// The key of a title word: folded, abbreviations written out ("Gov." is "governor").
pub(crate) fn title_key(word: &str) -> String {
    let w = fold(word.trim_end_matches('.'));
    let full = match w.as_str() {
        "gov" => "governor",
        "sen" => "senator",
        "rep" => "representative",
        "gen" => "general",
        "col" => "colonel",
        "capt" => "captain",
        "adm" => "admiral",
        "prof" => "professor",
        "congresswoman" | "congressman" => "lawmaker",
        "chairwoman" | "chair" => "chairman",
        "spokeswoman" | "spokesperson" => "spokesman",
        _ => return w,
    };
    full.to_string()
}

/// The person given the title `head` nearest before token `at` (else the first after it).
pub(crate) fn titled_person<'n>(
    titles: &Titles,
    names: &'n Names,
    head: &str,
    at: usize,
) -> Option<&'n String> {
    let list = titles.get(&title_key(head))?;
    let n = list.partition_point(|&(i, _)| i < at);
    let (_, who) = if n > 0 { list[n - 1] } else { *list.first()? };
    names.list.get(who)
}

/// The full person names of an article, with their surnames and first words indexed.
#[derive(Default)]
pub(crate) struct Names {
    pub list: Vec<String>,
    /// Folded last word -> first name in `list` that ends with it.
    by_last: Index,
    /// Folded first word -> first name in `list` that starts with it.
    by_first: Index,
}

impl Names {
    pub fn new(list: Vec<String>) -> Self {
        let (mut by_last, mut by_first) = (Index::default(), Index::default());
        for (k, n) in list.iter().enumerate() {
            by_last.entry(fold(last_word(n))).or_insert(k);
            by_first
                .entry(fold(n.split(' ').next().unwrap_or(n)))
                .or_insert(k);
        }
        Names {
            list,
            by_last,
            by_first,
        }
    }

    /// The full name whose surname (else first word) is the single word `key`.
    fn full_of(&self, key: &str) -> Option<&String> {
        let k = fold(key);
        self.by_last
            .get(&k)
            .or_else(|| self.by_first.get(&k))
            .map(|&i| &self.list[i])
    }
}

/// The speakers of an article, built mention by mention in reading order.
#[derive(Default)]
pub(crate) struct Book {
    pub speakers: Vec<Speaker>,
    last_person: Option<usize>,
    last_other: Option<usize>,
    /// Token where the last person speaker was mentioned, when known.
    pub last_person_at: Option<usize>,
    /// Per speaker: male (true) or female (false), when a pronoun or honorific showed it.
    gender: Vec<Option<bool>>,
    /// Folded name -> first speaker with that name.
    by_name: Index,
    /// Exact name -> first speaker with that name.
    by_exact: Index,
    /// Folded alias -> lowest speaker with that alias.
    by_alias: Index,
    /// Folded surname -> lowest person speaker whose name ends with it.
    by_surname: Index,
    /// Head noun of a common-noun speaker -> the last speaker with it.
    by_head: Index,
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
pub(crate) fn same(a: &str, b: &str) -> bool {
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
        let s = self.speakers.len();
        self.by_name.entry(fold(&name)).or_insert(s);
        self.by_exact.entry(name.clone()).or_insert(s);
        if !head.is_empty() {
            self.by_head.insert(head, s);
        }
        self.speakers.push(Speaker {
            name,
            kind,
            role,
            aliases: Vec::new(),
        });
        self.gender.push(None);
        self.index_person(s);
        s
    }

    /// Index the surname of speaker `s` when it is a person.
    fn index_person(&mut self, s: usize) {
        if self.speakers[s].kind == SpeakerKind::Person {
            let key = fold(last_word(&self.speakers[s].name));
            keep_min(&mut self.by_surname, key, s);
        }
    }

    /// The gender known for the speaker called `name`.
    pub fn gender_of(&self, name: &str) -> Option<bool> {
        let s = *self.by_name.get(&fold(name))?;
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
            keep_min(&mut self.by_alias, fold(alias), s);
        }
    }

    fn touch(&mut self, s: usize) {
        if self.speakers[s].kind == SpeakerKind::Person {
            self.last_person = Some(s);
        } else {
            self.last_other = Some(s);
        }
    }

    /// The first speaker named or aliased `key`, or (for a single word) a person by surname.
    fn find(&self, key: &str, single: bool) -> Option<usize> {
        let k = fold(key);
        let by_surname = single.then(|| self.by_surname.get(&k)).flatten();
        [self.by_name.get(&k), self.by_alias.get(&k), by_surname]
            .into_iter()
            .flatten()
            .copied()
            .min()
    }

    /// The speaker a mention refers to; `names` lists every full person name of the article.
    /// `at` is the token where the mention starts, when known.
    pub fn resolve_at(
        &mut self,
        r: &Read,
        surface: &str,
        names: &Names,
        at: Option<usize>,
    ) -> Option<usize> {
        let s = match r {
            Read::Pronoun { person: true } => self.last_person?,
            Read::Pronoun { person: false } => self.last_other.or(self.last_person)?,
            Read::Named { name, role, kind } => {
                let single = !name.contains(' ');
                let s = if let Some(s) = self.find(name, single) {
                    s
                } else if let Some(full) = names.full_of(name).filter(|_| single) {
                    let s = self
                        .by_exact
                        .get(full.as_str())
                        .copied()
                        .unwrap_or_else(|| {
                            self.add(full.clone(), SpeakerKind::Person, None, String::new())
                        });
                    self.alias(s, name);
                    s
                } else {
                    self.add(
                        (*name).to_string(),
                        *kind,
                        role.map(str::to_string),
                        String::new(),
                    )
                };
                if self.speakers[s].role.is_none() {
                    self.speakers[s].role = role.map(str::to_string);
                }
                if self.speakers[s].kind == SpeakerKind::Unknown && *kind != SpeakerKind::Unknown {
                    self.speakers[s].kind = *kind;
                    self.index_person(s);
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
                let s = if *definite {
                    self.by_head.get(head.as_ref()).copied()
                } else if *fresh {
                    None
                } else {
                    self.by_name.get(&fold(name)).copied()
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

#[cfg(test)]
mod tests {
    use super::{fold, same};

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

    #[test]
    fn fold_agrees_with_same() {
        for (a, b) in [
            ("Jo Doe", "JO DOE"),
            ("O’Neil", "o'neil"),
            ("Ärzte", "ärzte"),
            ("Doe", "Dow"),
        ] {
            assert_eq!(same(a, b), fold(a) == fold(b), "{a} / {b}");
        }
    }
}
