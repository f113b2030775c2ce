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

/// Web-page furniture: a link label ("READ MORE: …", "WATCH: …"), a follow or sign-up
/// line, or a correction note about the article itself. Not the news, never a quotation.
fn is_clutter(line: &str) -> bool {
    const LABELS: [&str; 12] = [
        "read more",
        "watch",
        "related",
        "also read",
        "see also",
        "listen",
        "video",
        "photos",
        "more",
        "recommended",
        "trending",
        "sign up",
    ];
    const NOTES: [&str; 6] = [
        "this article",
        "this story",
        "this report",
        "this post",
        "an earlier version",
        "a previous version",
    ];
    let l = line.trim().trim_start_matches(['*', '#', '>', '-', ' ']);
    let head: String = l.chars().take(120).collect::<String>().to_lowercase();
    if let Some((label, _)) = head.split_once(':')
        && LABELS.contains(&label.trim())
    {
        return true;
    }
    let follow = ["follow ", "sign up ", "subscribe ", "click here"]
        .iter()
        .any(|p| head.starts_with(p))
        && l.len() < 160;
    let note = NOTES.iter().any(|n| head.contains(n))
        && [
            "corrected",
            "updated",
            "clarified",
            "incorrectly",
            "misstated",
            "misidentified",
        ]
        .iter()
        .any(|w| head.contains(w))
        || [
            "correction:",
            "clarification:",
            "editor's note:",
            "editor’s note:",
        ]
        .iter()
        .any(|p| head.starts_with(p));
    follow || note
}

/// Per line of `text` (`lines` as given by [`lines`]): whether it is a caption or a credit
/// line. A caption is a line ending with a credit, a bare credit, or a line repeated by the
/// caption after it.
pub(crate) fn find(text: &str, lines: &[Range<usize>]) -> Vec<bool> {
    let mut cap: Vec<bool> = lines
        .iter()
        .map(|r| {
            let line = &text[r.clone()];
            is_credit(line) || is_clutter(line)
        })
        .collect();
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

    #[test]
    fn web_clutter_lines() {
        for line in [
            "READ MORE: Tram works to close the quay road",
            "WATCH: The mayor speaks to the harbour board",
            "Follow Kit Arden on Twitter @kitarden.",
            "An earlier version of this article incorrectly said the tram opens in May.",
            "Correction: The levy starts in 2028, not 2027.",
            "Editor’s note: This story has been updated.",
        ] {
            assert!(is_clutter(line), "{line}");
        }
        for line in [
            "The mayor said the tram would be late.",
            "“Watch this space,” she said.",
            "Follow-up talks are set for Monday, the union said.",
        ] {
            assert!(!is_clutter(line), "{line}");
        }
    }
}
