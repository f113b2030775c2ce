//! The text side of the conversion: paragraphs, prefixes and whitespace.

use super::Kind;
use crate::sanitize;

/// Builds the text as the walk enters and leaves elements.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    /// Finished paragraphs, separated by blank lines.
    out: String,
    /// The paragraph being written; lines separated by `\n` (from `<br>` or `<pre>`).
    para: String,
    /// A collapsed space waits before the next visible char.
    space: bool,
    /// Depth of `<pre>` elements.
    pre: usize,
    /// Depth of block quotes.
    quote: usize,
    /// Open lists: whether ordered, and the next number.
    lists: Vec<(bool, u64)>,
    /// Open list items: the width of their marker.
    items: Vec<usize>,
    /// The marker of the item whose first paragraph has not been written yet.
    marker: Option<String>,
    /// Open table rows: the number of cells seen so far.
    rows: Vec<usize>,
}

impl Writer {
    pub(crate) fn enter(&mut self, kind: Kind) {
        match kind {
            Kind::Inline => {}
            Kind::Block | Kind::Heading | Kind::Rule => self.flush(),
            Kind::Quote => {
                self.flush();
                self.quote += 1;
            }
            Kind::Pre => {
                self.flush();
                self.pre += 1;
            }
            Kind::List { ordered, start } => {
                self.flush();
                self.lists.push((ordered, start));
            }
            Kind::Item => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some((true, next)) => {
                        let m = format!("{next}. ");
                        *next = next.saturating_add(1);
                        m
                    }
                    _ => "- ".to_owned(),
                };
                self.items.push(marker.len());
                self.marker = Some(marker);
            }
            Kind::Row => {
                self.flush();
                self.rows.push(0);
            }
            Kind::Cell => {
                if let Some(cells) = self.rows.last_mut() {
                    if *cells > 0 && !self.para.trim().is_empty() {
                        self.space = false;
                        self.para.push_str(" | ");
                    }
                    *cells += 1;
                }
            }
            Kind::Break => {
                if self.pre > 0 {
                    self.para.push('\n');
                } else if self.para.ends_with('\n') {
                    // Two breaks in a row end the paragraph.
                    self.flush();
                } else if !self.para.trim().is_empty() {
                    self.para.push('\n');
                    self.space = false;
                }
            }
        }
    }

    pub(crate) fn leave(&mut self, kind: Kind) {
        match kind {
            Kind::Inline | Kind::Cell | Kind::Break => {}
            Kind::Block | Kind::Heading | Kind::Rule => self.flush(),
            Kind::Quote => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            Kind::Pre => {
                self.flush();
                self.pre = self.pre.saturating_sub(1);
            }
            Kind::List { .. } => {
                self.flush();
                self.lists.pop();
            }
            Kind::Item => {
                self.flush();
                self.items.pop();
                self.marker = None;
            }
            Kind::Row => {
                self.flush();
                self.rows.pop();
            }
        }
    }

    /// A collapsible space (between an image's alt text and its neighbours).
    pub(crate) fn space(&mut self) {
        self.space = true;
    }

    /// Text content: whitespace collapsed outside `<pre>`, invisible controls dropped.
    pub(crate) fn text(&mut self, s: &str) {
        if self.pre > 0 {
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '\r' => {
                        if chars.peek() != Some(&'\n') {
                            self.para.push('\n');
                        }
                    }
                    '\n' | '\t' => self.para.push(c),
                    c if dropped(c) => {}
                    c => self.para.push(c),
                }
            }
            return;
        }
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else if !dropped(c) {
                if self.space && !self.para.is_empty() && !self.para.ends_with('\n') {
                    self.para.push(' ');
                }
                self.space = false;
                self.para.push(c);
            }
        }
    }

    /// The text, paragraphs separated by one blank line, with no blank line at either end.
    pub(crate) fn finish(mut self) -> String {
        self.flush();
        self.out
    }

    /// Ends the current paragraph: writes it with its prefixes, or drops it when empty.
    fn flush(&mut self) {
        self.space = false;
        if self.para.is_empty() {
            return;
        }
        let para = std::mem::take(&mut self.para);
        let lines: Vec<&str> = if self.pre > 0 {
            let body = para.trim_end().trim_start_matches('\n');
            body.split('\n').map(str::trim_end).collect()
        } else {
            para.split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect()
        };
        if lines.iter().all(|l| l.trim().is_empty()) {
            return;
        }
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        let quote = "> ".repeat(self.quote);
        let indent = "  ".repeat(self.lists.len().saturating_sub(1));
        let hang = " ".repeat(self.items.last().copied().unwrap_or(0));
        let mut marker = self.marker.take();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            if line.is_empty() {
                self.out.push_str(quote.trim_end());
                continue;
            }
            self.out.push_str(&quote);
            if !self.items.is_empty() {
                self.out.push_str(&indent);
                match marker.take() {
                    Some(m) => self.out.push_str(&m),
                    None => self.out.push_str(&hang),
                }
            }
            self.out.push_str(line);
        }
    }
}

/// Chars that never reach the text: controls, bidi overrides, BOM and zero-width space.
fn dropped(c: char) -> bool {
    c.is_control() || sanitize::is_unsafe(c) || matches!(c, '\u{feff}' | '\u{200b}')
}
