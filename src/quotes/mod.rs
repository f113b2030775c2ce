//! Quotation extraction and speaker attribution.
//!
//! Pure: article text in, speakers and quotations out. No UI, no I/O. Every offset is a byte
//! offset into the text given to [`extract`], always on a char boundary.

use serde::Serialize;

/// What kind of source a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organization,
    Anonymous,
    Unknown,
}

/// One source quoted in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// Canonical name: "Danny Danon", "Hamas", "US official".
    pub name: String,
    pub kind: SpeakerKind,
    /// Title or role split off the name: "Ambassador to the United Nations".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Other ways the article names this speaker ("Danon").
    pub aliases: Vec<String>,
}

/// How a quotation is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Inside quotation marks.
    Direct,
    /// Reported speech.
    Indirect,
    /// Reported speech with quoted fragments.
    Mixed,
}

/// The words an attribution rests on ("a US official", "he", "Danon").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// Index into [`Attribution::speakers`]; `None` when unattributed.
    pub speaker: Option<usize>,
    pub kind: QuoteKind,
    /// Exactly `text[start..end]` of the analysed text.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The cue the attribution rests on: "said", "told", "according to", ":".
    pub cue: String,
    pub mention: Option<Mention>,
}

/// Everything the engine finds in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Attribution {
    pub speakers: Vec<Speaker>,
    /// In reading order (by `start`).
    pub quotes: Vec<Quote>,
    /// Byte ranges of paragraphs recognised as photo captions or credit lines.
    #[serde(skip)]
    pub captions: Vec<std::ops::Range<usize>>,
}

impl Attribution {
    /// Shift every offset by `delta` (used when the text analysed was a slice of a file).
    #[must_use]
    pub fn shifted(mut self, delta: usize) -> Self {
        for q in &mut self.quotes {
            q.start += delta;
            q.end += delta;
            if let Some(m) = &mut q.mention {
                m.start += delta;
                m.end += delta;
            }
        }
        for c in &mut self.captions {
            *c = c.start + delta..c.end + delta;
        }
        self
    }
}

/// Find every quotation in `text` and attribute it.
///
/// PLACEHOLDER until the engine lands (issue 3): returns nothing.
pub fn extract(text: &str) -> Attribution {
    let _ = text;
    Attribution::default()
}
