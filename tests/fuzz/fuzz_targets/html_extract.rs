//! Any bytes as an HTML page: the charset detection, `html::to_text` and article extraction
//! never panic, and no control character (newline and tab aside) reaches their text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn clean(s: &str) -> bool {
    !s.chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || tidings::sanitize::is_unsafe(c))
}

fuzz_target!(|data: &[u8]| {
    let (html, _) = tidings::extract::charset::decode(data, None);
    let text = tidings::html::to_text(&html);
    assert!(clean(&text), "control char in {text:?}");
    // A content type from the first bytes, so the header path is explored too.
    let content_type = data.first().map(|b| {
        format!(
            "text/html; charset={}",
            ["utf-8", "shift_jis", "windows-1252", "gbk"][usize::from(b % 4)]
        )
    });
    if let Ok(page) = tidings::extract::extract(data, content_type.as_deref(), None) {
        assert!(clean(&page.text), "control char in {:?}", page.text);
        assert!(
            clean(&page.title) && !page.title.contains('\n'),
            "bad title {:?}",
            page.title
        );
    }
});
