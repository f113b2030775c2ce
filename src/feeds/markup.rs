//! A stand-in for `crate::html::to_text` (branch `web`) until it lands in main: markup to
//! paragraphs, list items as `- item`, block quotes as `> `, scripts and styles dropped, common
//! entities decoded, whitespace collapsed, no control characters. Replace the one call in
//! `item.rs` with `crate::html::to_text` and delete this file when that module is merged.

/// Readable text of an HTML fragment.
pub fn to_text(html: &str) -> String {
    let mut out = Text::default();
    let mut rest = html;
    let mut skip_until: Option<&'static str> = None;
    while let Some(lt) = rest.find('<') {
        if skip_until.is_none() {
            out.push_text(&rest[..lt]);
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            if skip_until.is_none() {
                out.push_text(rest);
            }
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(end) = skip_until {
            if closing && name == end {
                skip_until = None;
            }
            continue;
        }
        match name.as_str() {
            "script" | "style" | "template" | "noscript" if !closing => {
                skip_until = Some(match name.as_str() {
                    "script" => "script",
                    "style" => "style",
                    "template" => "template",
                    _ => "noscript",
                });
            }
            "br" => out.line_break(),
            "li" if !closing => {
                out.paragraph();
                out.prefix = "- ";
            }
            "blockquote" => {
                out.paragraph();
                out.quote = !closing;
            }
            "img" if !closing => {
                if let Some(alt) = attribute(tag, "alt") {
                    out.push_text(&alt);
                }
            }
            "p" | "div" | "section" | "article" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "ul" | "ol" | "pre" | "table" | "tr" | "figure" | "figcaption" | "header"
            | "footer" | "hr" | "dl" | "dt" | "dd" | "li" => out.paragraph(),
            _ => {}
        }
    }
    if skip_until.is_none() {
        out.push_text(rest);
    }
    out.finish()
}

#[derive(Default)]
struct Text {
    paragraphs: Vec<String>,
    current: String,
    prefix: &'static str,
    quote: bool,
}

impl Text {
    fn push_text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        let is_space = |c: char| c.is_whitespace() || c.is_control();
        let mut space = decoded.starts_with(is_space);
        for word in decoded.split(is_space).filter(|w| !w.is_empty()) {
            if self.current.is_empty() {
                if self.quote {
                    self.current.push_str("> ");
                }
                self.current.push_str(self.prefix);
            } else if space && !self.current.ends_with([' ', '\n']) {
                self.current.push(' ');
            }
            self.current.push_str(word);
            space = true;
        }
        if decoded.ends_with(is_space)
            && !self.current.is_empty()
            && !self.current.ends_with([' ', '\n'])
        {
            self.current.push(' ');
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.current.trim_end().len();
        self.current.truncate(trimmed);
        if !self.current.is_empty() {
            self.current.push('\n');
        }
    }

    fn paragraph(&mut self) {
        let p = self.current.trim().to_owned();
        if !p.is_empty() && p != "-" && p != ">" {
            self.paragraphs.push(p);
        }
        self.current.clear();
        self.prefix = "";
    }

    fn finish(mut self) -> String {
        self.paragraph();
        self.paragraphs.join("\n\n")
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let value = &tag[at..];
    let (quote, value) = match value.chars().next()? {
        q @ ('"' | '\'') => (q, &value[1..]),
        _ => (' ', value),
    };
    let end = value.find(quote).unwrap_or(value.len());
    Some(decode_entities(&value[..end]))
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 12);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        if let (Some(e), Some(c)) = (end, decoded) {
            out.push(c);
            rest = &rest[e + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || *c == '\n');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "eacute" => 'é',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_lists_quotes_and_entities() {
        let html = "<p>One &amp; <b>two</b></p><script>alert(1)</script><ul><li>a</li><li>b</li></ul>\
                    <blockquote><p>Said</p></blockquote><p><img alt=\"A cat\"> x&#8217;s<br>next</p>";
        assert_eq!(
            to_text(html),
            "One & two\n\n- a\n\n- b\n\n> Said\n\nA cat x’s\nnext"
        );
    }

    #[test]
    fn unclosed_and_hostile_markup_is_harmless() {
        assert_eq!(to_text("a <b"), "a <b");
        assert_eq!(to_text("<script>never closed"), "");
        assert_eq!(to_text("x\u{1b}[2Jy &#27; &#x1b;"), "x [2Jy &#27; &#x1b;");
    }
}
