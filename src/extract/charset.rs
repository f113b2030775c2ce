//! The character set of a page: a byte order mark; else UTF-8 when the page has non-ASCII
//! bytes that are all valid UTF-8 (text in another encoding almost never is, while servers
//! and templates often declare Latin-1 or GBK for pages saved as UTF-8); else the HTTP
//! `Content-Type`; else a `<meta charset>` or `http-equiv` declaration near the top; else
//! Windows-1252 (what browsers assume) for non-UTF-8 bytes. Decoding never fails:
//! undecodable bytes become U+FFFD.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a `<meta charset>` is looked for (browsers use 1024 bytes; pages
/// with a long head put it later, so look a little further).
const PRESCAN: usize = 4096;

/// `bytes` decoded to text, with the encoding used.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> (String, &'static Encoding) {
    let utf8 = std::str::from_utf8(bytes).is_ok();
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| (utf8 && !bytes.is_ascii()).then_some(UTF_8))
        .or_else(|| content_type.and_then(from_content_type))
        .or_else(|| from_meta(&bytes[..bytes.len().min(PRESCAN)]))
        .unwrap_or(if utf8 { UTF_8 } else { WINDOWS_1252 });
    // `decode` removes a BOM and lets it override the label, as browsers do.
    let (text, used, _had_errors) = encoding.decode(bytes);
    (text.into_owned(), used)
}

/// The encoding named by a `charset=` parameter of a content type.
fn from_content_type(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    let value = lower[at + "charset=".len()..]
        .trim_start()
        .trim_start_matches(['"', '\''])
        .split(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .next()?;
    label(value)
}

/// The encoding declared by `<meta charset=…>` or `<meta http-equiv=content-type
/// content="…; charset=…">` in `head`.
fn from_meta(head: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(c) = tag.find("charset") {
            let after = tag[c + "charset".len()..].trim_start();
            if let Some(value) = after.strip_prefix('=') {
                let value = value
                    .trim_start()
                    .trim_start_matches(['"', '\''])
                    .split(|ch: char| {
                        ch == '"' || ch == '\'' || ch == ';' || ch == '/' || ch.is_whitespace()
                    })
                    .next()
                    .unwrap_or("");
                if let Some(e) = label(value) {
                    return Some(e);
                }
            }
        }
    }
    None
}

/// An encoding label; a page declaring UTF-16 while being read as bytes is really ASCII
/// compatible (the HTML standard's rule), so it reads as UTF-8.
fn label(value: &str) -> Option<&'static Encoding> {
    let e = Encoding::for_label(value.trim().as_bytes())?;
    if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE || e == encoding_rs::X_USER_DEFINED
    {
        Some(UTF_8)
    } else {
        Some(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_from_meta() {
        let bytes =
            b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9 \x93q\x94</body>";
        let (text, enc) = decode(bytes, None);
        assert_eq!(enc, WINDOWS_1252);
        assert!(text.contains("café “q”"), "{text}");
    }

    #[test]
    fn iso_8859_2_from_http_equiv() {
        let bytes = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-2\">\
            <p>\xb3\xf3d\xbc</p>";
        let (text, enc) = decode(bytes, None);
        assert_eq!(enc.name(), "ISO-8859-2");
        assert!(text.contains("łódź"), "{text}");
    }

    #[test]
    fn shift_jis_from_the_http_header_beats_meta() {
        // "日本" in Shift_JIS.
        let bytes = b"<meta charset=utf-8><p>\x93\xfa\x96\x7b</p>";
        let (text, enc) = decode(bytes, Some("text/html; charset=Shift_JIS"));
        assert_eq!(enc.name(), "Shift_JIS");
        assert!(text.contains("日本"), "{text}");
    }

    #[test]
    fn valid_utf8_beats_a_wrong_declaration() {
        let bytes = "<meta charset=gb2312><p>人工智能 café</p>".as_bytes();
        let (text, enc) = decode(bytes, Some("text/html; charset=iso-8859-1"));
        assert_eq!(enc, UTF_8);
        assert!(text.contains("人工智能 café"), "{text}");
    }

    #[test]
    fn ascii_pages_follow_their_declaration() {
        // ISO-2022-JP is written in 7-bit bytes: "日本" after an escape.
        let bytes = b"<meta charset=iso-2022-jp><p>\x1b$BF|K\\\x1b(B</p>";
        let (text, enc) = decode(bytes, None);
        assert_eq!(enc.name(), "ISO-2022-JP");
        assert!(text.contains("日本"), "{text}");
    }

    #[test]
    fn bom_beats_everything() {
        let mut bytes = vec![0xef, 0xbb, 0xbf];
        bytes.extend_from_slice("<meta charset=latin1><p>é</p>".as_bytes());
        let (text, enc) = decode(&bytes, Some("text/html; charset=iso-8859-1"));
        assert_eq!(enc, UTF_8);
        assert!(text.starts_with("<meta") && text.contains("é"), "{text}");
    }

    #[test]
    fn undeclared_pages_are_utf8_or_windows_1252() {
        assert_eq!(decode("<p>é</p>".as_bytes(), None).1, UTF_8);
        let (text, enc) = decode(b"<p>\xe9\xff\x81</p>", None);
        assert_eq!(enc, WINDOWS_1252);
        assert!(text.contains('é'));
    }

    #[test]
    fn undecodable_bytes_become_replacement_chars() {
        let (text, _) = decode(b"<p>ok \xff\xfe\xc3</p>", Some("text/html; charset=utf-8"));
        assert!(text.contains('\u{fffd}'), "{text}");
    }

    #[test]
    fn unknown_labels_are_ignored() {
        let (_, enc) = decode(
            b"<meta charset=klingon><p>x</p>",
            Some("text/html; charset=nope"),
        );
        assert_eq!(enc, UTF_8);
    }
}
