//! Any bytes: the article parser returns an article or a problem, never panics, and every
//! range it gives lies on char boundaries inside the text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = tidings::article::parse(Path::new("fuzz.md"), data) {
        let raw = &article.raw;
        assert!(raw.get(article.body.clone()).is_some());
        for p in &article.paragraphs {
            assert!(raw.get(p.clone()).is_some(), "paragraph {p:?} off a char boundary");
        }
    }
});
