//! Photo captions and credit lines: recognised so the reading pane can dim them; never a
//! source of quotations.

use std::ops::Range;

/// Byte ranges of the paragraphs (lines) of `text`, blank ones included, in order.
pub(crate) fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        out.push(start..start + line.len());
        start += line.len() + 1;
    }
    out
}

fn is_credit(line: &str) -> bool {
    let l = line.trim_end().trim_end_matches('.');
    if l.ends_with(')')
        && let Some(open) = l.rfind('(')
    {
        let inner = l[open..].to_lowercase();
        return inner.contains("credit") || inner.contains("photo") || inner.contains("image");
    }
    // A short line like "Agency/Photographer": a bare credit.
    l.len() < 80 && l.split_whitespace().count() <= 4 && l.contains('/') && !l.contains("//")
}

/// Per line of `text` (`lines` as given by [`lines`]): whether it is a caption or a credit
/// line. A caption is a line ending with a credit, a bare credit, or a line repeated by the
/// caption after it.
pub(crate) fn find(text: &str, lines: &[Range<usize>]) -> Vec<bool> {
    let mut cap: Vec<bool> = lines.iter().map(|r| is_credit(&text[r.clone()])).collect();
    for i in 0..lines.len() {
        if !cap[i] {
            continue;
        }
        let body = text[lines[i].clone()].trim();
        for j in i.saturating_sub(2)..i {
            let prev = text[lines[j].clone()].trim();
            if prev.len() > 20 && body.starts_with(prev) {
                cap[j] = true;
            }
        }
    }
    cap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_lines_and_repeated_captions() {
        let text = "Body text here.\nA crowd gathers in the square on Monday morning.\nA crowd gathers in the square on Monday morning. (credit: SOME AGENCY/PHOTOGRAPHER)\nMore body.\nAgency/Instagram.";
        assert_eq!(find(text, &lines(text)), [false, true, true, false, true]);
    }
}
