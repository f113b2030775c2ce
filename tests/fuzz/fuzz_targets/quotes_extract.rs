//! Any UTF-8 text: the quote engine never panics, every offset lies on a char boundary inside
//! the text, and every quotation's and mention's text equals its slice.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let found = tidings::quotes::extract(text);
    for q in &found.quotes {
        assert_eq!(text.get(q.start..q.end), Some(q.text.as_str()));
        if let Some(m) = &q.mention {
            assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
        }
        if let Some(s) = q.speaker {
            assert!(s < found.speakers.len());
        }
    }
    for c in &found.captions {
        assert!(text.get(c.clone()).is_some());
    }
});
