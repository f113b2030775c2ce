//! Fixtures for the passage tests (issue 4): a second article quoting the bridge article's
//! engineer, hand-made bookmarks and a hand-made speaker index. Engine-independent.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use tidings::app::Action;
use tidings::app::passages::Done;
use tidings::article::{Article, Meta};
use tidings::bookmarks::Bookmark;
use tidings::index::{ArticleRecord, SpeakerIndex};
use tidings::quotes::{Attribution, QuoteKind, Speaker, SpeakerKind};

use crate::common::{bridge, bridge_path, paragraph_ranges, quote_in};

pub const GRAIN_BODY: &str = "Grain prices eased this week as the harvest drew near.

\"The silos are fuller than last year,\" said Tomás Lindqvist, who now advises the port.

A trader who asked not to be named said buyers were waiting for the first barges.";

pub fn grain_path() -> PathBuf {
    PathBuf::from("/fixture/world/grain.md")
}

pub fn grain() -> (Article, Attribution) {
    let raw = GRAIN_BODY.to_owned();
    let paragraphs = paragraph_ranges(GRAIN_BODY, 0);
    let quote = |speaker, kind, text: &str| quote_in(&raw, Some(speaker), kind, text, "said");
    let attribution = Attribution {
        speakers: vec![
            Speaker {
                name: "Tomás Lindqvist".into(),
                kind: SpeakerKind::Person,
                role: None,
                aliases: vec![],
            },
            Speaker {
                name: "trader".into(),
                kind: SpeakerKind::Anonymous,
                role: None,
                aliases: vec![],
            },
        ],
        quotes: vec![
            quote(
                0,
                QuoteKind::Direct,
                "\"The silos are fuller than last year,\"",
            ),
            quote(
                1,
                QuoteKind::Indirect,
                "buyers were waiting for the first barges",
            ),
        ],
        captions: vec![],
    };
    let article = Article {
        path: grain_path(),
        raw,
        meta: Meta {
            title: "Grain prices ease as harvest nears".into(),
            source: Some("Farm Wire".into()),
            published: Some("2026-03-12".into()),
            ..Meta::default()
        },
        body: 0..GRAIN_BODY.len(),
        paragraphs,
        warnings: vec![],
    };
    (article, attribution)
}

pub fn grain_loaded() -> Action {
    Action::Loaded {
        path: grain_path(),
        result: Ok(Box::new(grain())),
    }
}

/// The speaker index of the two articles, built from their hand-made attributions.
pub fn index() -> Arc<SpeakerIndex> {
    let (b, ba) = bridge();
    let (g, ga) = grain();
    let records = [
        ArticleRecord::from_attribution(&bridge_path(), &b.meta.title, &ba),
        ArticleRecord::from_attribution(&grain_path(), &g.meta.title, &ga),
    ];
    Arc::new(SpeakerIndex::from_records(&records))
}

/// A bookmark of `needle` in the bridge (or grain) article, made at `when`.
pub fn mark(grain_article: bool, needle: &str, note: &str, when: &str) -> Bookmark {
    let (a, _) = if grain_article { grain() } else { bridge() };
    let at = a.raw.find(needle).expect("needle in fixture");
    Bookmark::from_selection(
        a.path.clone(),
        a.meta.title.clone(),
        &a.raw,
        at..at + needle.len(),
        note,
        when.parse().expect("a timestamp"),
    )
    .expect("a bookmark")
}

/// The action that sets the bookmark list, as the run loop sends it.
pub fn list(bookmarks: Vec<Bookmark>) -> Action {
    Action::Passages(Done::Bookmarks {
        list: bookmarks,
        warning: None,
        removed: None,
    })
}
