//! Any bytes as a fetched feed: parsing never panics; every item becomes an article whose
//! file parses back with the same title and no warning, whose metadata holds no control
//! character, and whose file name and section stay plain names. The same bytes as a web page
//! for autodiscovery and as OPML never panic either.
#![no_main]

use std::path::{Component, Path};

use libfuzzer_sys::fuzz_target;
use tidings::article::write::{render, safe_section, slug};
use tidings::feeds::{discover, item, opml};

fuzz_target!(|data: &[u8]| {
    let ctx = item::Context {
        url: "https://feed.example/dir/feed.xml",
        content_type: None,
        name: None,
        tags: &[],
    };
    if let Ok(feed) = item::parse(data, &ctx) {
        if let Some(title) = &feed.title {
            assert!(!title.chars().any(char::is_control), "{title:?}");
            let section = safe_section(title);
            assert!(section.components().all(|c| matches!(c, Component::Normal(_))));
        }
        for it in feed.items {
            let a = &it.article;
            let slug = slug(&a.title);
            assert!(!slug.is_empty() && slug.len() <= 80);
            assert!(!slug.contains(['/', '\\', '.']) && !slug.chars().any(char::is_control));
            assert!(!it.identity.is_empty());
            if let Ok(text) = render(a) {
                let parsed = tidings::article::parse(Path::new("item.md"), text.as_bytes())
                    .expect("a rendered item parses");
                assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
                assert!(!parsed.meta.title.chars().any(char::is_control));
                for s in parsed.meta.authors.iter().chain(&parsed.meta.tags) {
                    assert!(!s.chars().any(char::is_control), "{s:?}");
                }
            }
        }
    }
    let page = String::from_utf8_lossy(data);
    for found in discover::feeds_in(&page, "https://page.example/a/b.html") {
        assert!(found.url.starts_with("http"));
    }
    let _ = opml::import(data);
});
