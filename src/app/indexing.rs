//! How the store index's worker reaches the model: rows replacing rows (one swap, however
//! many files arrived), progress, and stale articles forgotten.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::app::model::{Model, Progress};
use crate::app::passages::IndexState;
use crate::app::update::Effect;
use crate::article::{Entry, Problem};
use crate::index::worker::Update;

/// Every row of the index, with which of them are marked read (worked out off the loop).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rows {
    pub entries: Vec<Entry>,
    pub problems: Vec<Problem>,
    pub read: HashSet<PathBuf>,
}

/// Take the worker's rows: one swap, the selection kept on the same article.
pub fn rows(m: &mut Model, rows: Rows) -> Effect {
    let keep = m.selected_entry().map(|e| e.path.clone());
    let Rows {
        entries,
        problems,
        read,
    } = rows;
    // The old rows are dropped after the new ones are in place.
    let _old = std::mem::replace(&mut m.store.entries, entries);
    m.store.problems = problems;
    m.read.extend(read);
    m.rows_total = None;
    m.list.visible.clear();
    m.refilter();
    if let Some(path) = keep
        && let Some(pos) = m
            .list
            .visible
            .iter()
            .position(|&i| m.store.entries[i].path == path)
    {
        m.list.selected = pos;
    }
    Effect::None
}

/// Everything else the worker says.
pub fn update(m: &mut Model, update: Update) -> Effect {
    match update {
        Update::Rows { entries, problems } => {
            return rows(
                m,
                Rows {
                    entries,
                    problems,
                    read: HashSet::new(),
                },
            );
        }
        Update::Progress { done, total } => {
            m.indexing = (done < total).then_some(Progress { done, total });
        }
        Update::Changed(paths) => {
            // An article changed on disk is read again when next opened.
            for p in &paths {
                m.cache.remove(p);
            }
            if matches!(m.passages.index, IndexState::Ready(_)) {
                m.passages.index = IndexState::Idle;
            }
        }
        Update::Idle => m.indexing = None,
        Update::Failed(msg) => m.status = Some(crate::sanitize::clean_line(&msg).into_owned()),
    }
    Effect::None
}
