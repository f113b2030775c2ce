//! Fixtures for the reader's tests: a small store and one article with a hand-made
//! attribution, independent of the quote engine, so snapshots stay deterministic.
#![allow(dead_code)]

use std::collections::HashSet;
use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tidings::app::{Action, Effect, Model, update};
use tidings::article::{Article, Entry, Meta, Problem, Store};
use tidings::config::Config;
use tidings::keymap::Keymap;
use tidings::quotes::{Attribution, Quote, QuoteKind, Speaker, SpeakerKind};
use tidings::ui::{self, Theme, Ui};

pub const BODY: &str = "The old harbour bridge will reopen to traffic on Monday, the city said.

\"We finished the welding two weeks early,\" said Tomás Lindqvist, the chief engineer. \"The deck is sound.\"

Lindqvist told reporters that the crews had worked through the night.

Residents welcomed the news. “I walk across it every morning,” said 王芳, who runs a bakery nearby.

\"Traffic will be slow at first,\" one driver said.

Photo: the bridge at dusk, seen from the ferry pier. (Ledger staff)";

/// Byte ranges of the blank-line separated paragraphs of `body`, which starts at `start`.
pub fn paragraph_ranges(body: &str, start: usize) -> Vec<std::ops::Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut at = start;
    for p in body.split("\n\n") {
        paragraphs.push(at..at + p.len());
        at += p.len() + 2;
    }
    paragraphs
}

/// Where `needle` stands in `raw` (it must be there).
pub fn span_of(raw: &str, needle: &str) -> std::ops::Range<usize> {
    let i = raw.find(needle).expect("fixture text");
    i..i + needle.len()
}

/// A hand-made quotation of `text`, found in `raw`.
pub fn quote_in(
    raw: &str,
    speaker: Option<usize>,
    kind: QuoteKind,
    text: &str,
    cue: &str,
) -> Quote {
    let r = span_of(raw, text);
    Quote {
        speaker,
        kind,
        text: text.to_owned(),
        start: r.start,
        end: r.end,
        cue: cue.into(),
        mention: None,
    }
}

pub fn bridge_path() -> PathBuf {
    PathBuf::from("/fixture/local/bridge.md")
}

/// The article and its attribution.
pub fn bridge() -> (Article, Attribution) {
    let head = "+++\ntitle = \"Harbour bridge to reopen\"\n+++\n";
    let raw = format!("{head}{BODY}");
    let start = head.len();
    let paragraphs = paragraph_ranges(BODY, start);
    let find = |s: &str| span_of(&raw, s);
    let quote = |speaker: Option<usize>, kind: QuoteKind, text: &str, cue: &str| {
        quote_in(&raw, speaker, kind, text, cue)
    };
    let attribution = Attribution {
        speakers: vec![
            Speaker {
                name: "Tomás Lindqvist".into(),
                kind: SpeakerKind::Person,
                role: Some("chief engineer".into()),
                aliases: vec!["Lindqvist".into()],
            },
            Speaker {
                name: "王芳".into(),
                kind: SpeakerKind::Person,
                role: None,
                aliases: vec![],
            },
        ],
        quotes: vec![
            quote(
                Some(0),
                QuoteKind::Direct,
                "\"We finished the welding two weeks early,\"",
                "said",
            ),
            quote(Some(0), QuoteKind::Direct, "\"The deck is sound.\"", "said"),
            quote(
                Some(0),
                QuoteKind::Indirect,
                "the crews had worked through the night",
                "told",
            ),
            quote(
                Some(1),
                QuoteKind::Direct,
                "“I walk across it every morning,”",
                "said",
            ),
            quote(
                None,
                QuoteKind::Direct,
                "\"Traffic will be slow at first,\"",
                "said",
            ),
        ],
        captions: vec![find(
            "Photo: the bridge at dusk, seen from the ferry pier. (Ledger staff)",
        )],
    };
    let article = Article {
        path: bridge_path(),
        raw,
        meta: Meta {
            title: "Harbour bridge to reopen".into(),
            source: Some("The Coastal Ledger".into()),
            published: Some("2026-03-14".into()),
            authors: vec!["Mira Okafor".into()],
            ..Meta::default()
        },
        body: start..start + BODY.len(),
        paragraphs,
        warnings: vec![],
    };
    (article, attribution)
}

fn entry(path: &str, section: &str, title: &str, source: &str, date: &str, quotes: usize) -> Entry {
    Entry {
        path: PathBuf::from(path),
        section: section.into(),
        title: title.into(),
        source: Some(source.into()),
        published: Some(date.into()),
        size: 1000,
        quote_count: quotes,
    }
}

pub fn store() -> Store {
    Store {
        root: PathBuf::from("/fixture"),
        entries: vec![
            entry(
                "/fixture/local/bridge.md",
                "local",
                "Harbour bridge to reopen",
                "The Coastal Ledger",
                "2026-03-14",
                5,
            ),
            entry(
                "/fixture/world/grain.md",
                "world",
                "Grain prices ease as harvest nears",
                "Farm Wire",
                "2026-03-12",
                3,
            ),
            entry(
                "/fixture/culture/museum.txt",
                "culture",
                "Museum of clocks opens in the old mill",
                "Valley Post",
                "2026-03-02T09:30:00Z",
                0,
            ),
        ],
        problems: vec![Problem {
            path: PathBuf::from("/fixture/broken.md"),
            line: Some(3),
            reason: "front matter: expected a string for `title`".into(),
        }],
    }
}

/// A model sized to `w`x`h`, nothing open.
pub fn model(w: u16, h: u16) -> Model {
    let mut m = Model::new(store(), HashSet::new(), 120);
    update(
        &mut m,
        Action::Resize {
            width: w,
            height: h,
        },
    );
    m
}

/// Send `Loaded` for the bridge article.
pub fn loaded() -> Action {
    Action::Loaded {
        path: bridge_path(),
        result: Ok(Box::new(bridge())),
    }
}

/// A model with the bridge article open.
pub fn opened(w: u16, h: u16) -> Model {
    let mut m = model(w, h);
    assert_eq!(update(&mut m, Action::Select), Effect::Load(bridge_path()));
    assert_eq!(update(&mut m, loaded()), Effect::MarkRead(bridge_path()));
    m
}

pub fn keymap() -> Keymap {
    Config::defaults().keymap().unwrap()
}

pub fn theme() -> Theme {
    Theme::new(&Config::defaults().theme, false)
}

/// Draw a frame of `m` at `w`x`h`.
pub fn render(m: &Model, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = theme();
    let keymap = keymap();
    t.draw(|f| {
        ui::draw(
            f,
            &Ui {
                model: m,
                theme: &theme,
                keymap: &keymap,
            },
        );
    })
    .unwrap();
    t.backend().buffer().clone()
}

/// Paint `m` straight into a buffer of `w`x`h` (no terminal diffing: fast enough for
/// rendering thousands of sizes).
pub fn paint(m: &Model, theme: &Theme, keymap: &Keymap, w: u16, h: u16) -> Buffer {
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    ui::render(
        &Ui {
            model: m,
            theme,
            keymap,
        },
        area,
        &mut buf,
    );
    buf
}

/// The buffer as text, one line per row, trailing spaces removed.
pub fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The first cell where `needle` starts on a row, searching left to right.
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    find_in(buf, buf.area, needle)
}

/// Like `find`, only inside `area`.
pub fn find_in(buf: &Buffer, area: ratatui::layout::Rect, needle: &str) -> Option<(u16, u16)> {
    for y in area.y..area.y + area.height {
        let mut row = String::new();
        let mut starts = Vec::new();
        let mut skip = 0;
        for x in area.x..area.x + area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            starts.push((row.len(), x));
            row.push_str(sym);
        }
        if let Some(i) = row.find(needle) {
            let x = starts
                .iter()
                .rev()
                .find(|(b, _)| *b <= i)
                .map_or(0, |s| s.1);
            return Some((x, y));
        }
    }
    None
}
