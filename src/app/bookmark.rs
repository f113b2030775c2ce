//! Bookmarking: `b` saves the selection, the selected quotation or the paragraph at the top of
//! the reading pane at once, then the note line opens over the status bar to attach a note.
//! Saving first means that nothing typed can lose the bookmark: a signal, a crash or `Esc`
//! while the note is typed leaves it saved without a note.

use std::ops::Range;

use crate::app::action::{Action, Pane};
use crate::app::layer::Layer;
use crate::app::line::{LineEdit, LineEditor};
use crate::app::model::Model;
use crate::app::passages::PassageEffect;
use crate::app::selection::top_text;
use crate::app::update::Effect;
use crate::bookmarks::Bookmark;

/// What the note line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotePurpose {
    /// A bookmark just saved: its note, if one is typed, is attached on Enter.
    New(Box<Bookmark>),
    /// Changing the note of bookmark `id`.
    Edit { id: String },
}

impl NotePurpose {
    /// The bookmark whose note this is.
    pub fn id(&self) -> &str {
        match self {
            NotePurpose::New(b) => &b.id,
            NotePurpose::Edit { id } => id,
        }
    }
}

/// The note line, a layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteLine {
    pub editor: LineEditor,
    pub purpose: NotePurpose,
}

/// What `b` bookmarks: the selected quotation in the quotes pane; else the selection; else
/// the paragraph at the top of the reading pane.
fn bookmark_range(m: &Model) -> Option<Range<usize>> {
    let o = m.open.as_ref()?;
    if m.focus == Pane::Quotes {
        let q = o.loaded.pane_order().nth(o.quote_sel)?;
        let q = o.loaded.attribution.quotes.get(q)?;
        return Some(q.start..q.end);
    }
    if let Some(sel) = m.passages.selection.as_ref().filter(|s| s.path == o.path) {
        return Some(sel.range());
    }
    let (para, _) = top_text(m)?;
    o.loaded.article.paragraphs.get(para).cloned()
}

/// `b`: save the bookmark now and open the note line for it.
pub fn bookmark(m: &mut Model) -> Effect {
    let Some(o) = &m.open else {
        m.status = Some("open an article to bookmark a passage".into());
        return Effect::None;
    };
    let Some(range) = bookmark_range(m) else {
        m.status = Some("nothing to bookmark here".into());
        return Effect::None;
    };
    let a = &o.loaded.article;
    match Bookmark::from_selection(
        o.path.clone(),
        a.meta.title.clone(),
        &a.raw,
        range,
        "",
        jiff::Timestamp::UNIX_EPOCH,
    ) {
        Ok(b) => {
            m.passages.selection = None;
            m.status = Some("bookmarked".into());
            m.push(Layer::Note(NoteLine {
                editor: LineEditor::default(),
                purpose: NotePurpose::New(Box::new(b.clone())),
            }));
            Effect::Passages(PassageEffect::Save(Box::new(b)))
        }
        Err(e) => {
            m.status = Some(format!("cannot bookmark: {e}"));
            Effect::None
        }
    }
}

/// Keys while the note line is on top: edits, then Enter attaches the note (an empty one
/// changes nothing) and Esc leaves the note as it was.
pub fn note_update(m: &mut Model, action: Action) -> Effect {
    let edit = match action {
        Action::Edit(e) => e,
        Action::Back => LineEdit::Cancel,
        _ => return Effect::None,
    };
    let Some(Layer::Note(note)) = m.layers.last_mut() else {
        return Effect::None;
    };
    match edit {
        LineEdit::Submit => {
            let text = note.editor.text().trim().to_owned();
            let id = note.purpose.id().to_owned();
            let new = matches!(note.purpose, NotePurpose::New(_));
            m.layers.pop();
            if new && text.is_empty() {
                return Effect::None;
            }
            m.status = Some(if new { "bookmarked" } else { "note saved" }.into());
            Effect::Passages(PassageEffect::SetNote { id, note: text })
        }
        LineEdit::Cancel => {
            m.layers.pop();
            Effect::None
        }
        e => {
            note.editor.apply(e);
            Effect::None
        }
    }
}
