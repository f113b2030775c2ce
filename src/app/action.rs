//! What the reader can do. One enum drives the keymap (its kebab-case names in `[keys]`), the
//! help overlay and the status-bar hints, so they never disagree.

use std::path::PathBuf;

use crate::article::{Article, Entry, Problem};
use crate::quotes::Attribution;

pub use crate::geometry::layout::Pane;

/// Everything that can change the model: a user's intent (bound to keys) or the result of an
/// effect fed back by the run loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // --- bindable (listed in `Action::BINDABLE`) ---
    Quit,
    Help,
    FocusNext,
    FocusPrev,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Enter: open the selected article, or jump to the selected quote.
    Select,
    NextQuote,
    PrevQuote,
    NextSameSpeaker,
    PrevSameSpeaker,
    Search,
    Filter,
    Problems,
    /// Esc: close an overlay, leave search, clear the highlight.
    Back,
    // --- passages, bookmarks, sources, jumps (issue 4; see `app::passages`) ---
    SelectPassage,
    Bookmark,
    Bookmarks,
    Sources,
    DeleteBookmark,
    Undo,
    EditNote,
    JumpBack,
    JumpForward,
    /// Search across the store (a results view).
    SearchStore,
    /// Fetch the feeds in the background (issue 9).
    Fetch,
    /// Open the article's url in the browser.
    OpenInBrowser,
    /// A key typed into the line being edited: the search or filter prompt, the note line or
    /// the bookmarks filter ([`Context::Line`]).
    Edit(crate::app::line::LineEdit),
    /// A result of a passage effect, from the run loop.
    Passages(crate::app::passages::Done),
    // --- mouse, in terminal cells ---
    Click {
        col: u16,
        row: u16,
    },
    Wheel {
        col: u16,
        row: u16,
        down: bool,
    },
    // --- from the run loop ---
    Resize {
        width: u16,
        height: u16,
    },
    /// The article at `path` was read and analysed.
    Loaded {
        path: PathBuf,
        result: Result<Box<(Article, Attribution)>, Problem>,
    },
    /// A batch of pending files indexed by the worker.
    Indexed(Vec<Result<Entry, Problem>>),
    /// The worker finished every pending file.
    IndexDone,
    /// Every row of the store index (from its worker).
    Rows(Box<crate::app::indexing::Rows>),
    /// Progress, stale articles and failures from the store index's worker.
    Index(crate::index::worker::Update),
    /// Results of a search across the store.
    Found(Box<crate::app::found::Results>),
    /// An effect failed; shown in the status bar.
    Failed(String),
    /// The background fetch: `done` of `total` feeds finished.
    FetchProgress {
        done: usize,
        total: usize,
    },
    /// The background fetch ended; its summary for the status bar.
    FetchDone(String),
}

impl Action {
    /// The actions a user can bind, in help order.
    pub const BINDABLE: &'static [Action] = &[
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::FocusNext,
        Action::FocusPrev,
        Action::Select,
        Action::NextQuote,
        Action::PrevQuote,
        Action::NextSameSpeaker,
        Action::PrevSameSpeaker,
        Action::Search,
        Action::SearchStore,
        Action::Filter,
        Action::Problems,
        Action::SelectPassage,
        Action::Bookmark,
        Action::Bookmarks,
        Action::Sources,
        Action::DeleteBookmark,
        Action::Undo,
        Action::EditNote,
        Action::JumpBack,
        Action::JumpForward,
        Action::Fetch,
        Action::OpenInBrowser,
        Action::Help,
        Action::Back,
        Action::Quit,
    ];

    /// The action's name in the `[keys]` table, for bindable actions.
    pub fn name(&self) -> Option<&'static str> {
        Some(match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::FocusNext => "focus-next",
            Action::FocusPrev => "focus-prev",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Select => "select",
            Action::NextQuote => "next-quote",
            Action::PrevQuote => "prev-quote",
            Action::NextSameSpeaker => "next-same-speaker",
            Action::PrevSameSpeaker => "prev-same-speaker",
            Action::Search => "search",
            Action::SearchStore => "search-store",
            Action::Filter => "filter",
            Action::Problems => "problems",
            Action::Back => "back",
            Action::SelectPassage => "select-passage",
            Action::Bookmark => "bookmark",
            Action::Bookmarks => "bookmarks",
            Action::Sources => "sources",
            Action::DeleteBookmark => "delete-bookmark",
            Action::Undo => "undo",
            Action::EditNote => "edit-note",
            Action::JumpBack => "jump-back",
            Action::JumpForward => "jump-forward",
            Action::Fetch => "fetch",
            Action::OpenInBrowser => "open-in-browser",
            _ => return None,
        })
    }

    /// One line for the help overlay.
    pub fn help(&self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "show or hide this help",
            Action::FocusNext => "focus the next pane",
            Action::FocusPrev => "focus the previous pane",
            Action::Up => "move up / scroll up",
            Action::Down => "move down / scroll down",
            Action::PageUp => "one page up",
            Action::PageDown => "one page down",
            Action::Top => "go to the top",
            Action::Bottom => "go to the bottom",
            Action::Select => "open the article / jump to the quote / go there",
            Action::NextQuote => "next quotation (next hit while searching)",
            Action::PrevQuote => "previous quotation (previous hit while searching)",
            Action::NextSameSpeaker => "next quotation by the same speaker",
            Action::PrevSameSpeaker => "previous quotation by the same speaker",
            Action::Search => "search in the article",
            Action::SearchStore => "search every article and quotation",
            Action::Filter => "filter the list by title or source",
            Action::Problems => "list the files that were skipped",
            Action::Back => "leave the search, clear the highlight; back to the list",
            Action::SelectPassage => "select sentences (up and down extend)",
            Action::Bookmark => "bookmark selection, quotation or paragraph",
            Action::Bookmarks => "list the bookmarks",
            Action::Sources => "this speaker's quotations in every article",
            Action::DeleteBookmark => "delete the bookmark",
            Action::Undo => "put the deleted bookmark back",
            Action::EditNote => "edit the bookmark's note",
            Action::JumpBack => "back to before the last jump",
            Action::JumpForward => "forward again in the jump list",
            Action::Fetch => "fetch the feeds in the background",
            Action::OpenInBrowser => "open the article's url in the browser",
            _ => "",
        }
    }

    /// A bindable action by its `[keys]` name.
    pub fn from_name(name: &str) -> Option<Action> {
        Self::BINDABLE
            .iter()
            .find(|a| a.name() == Some(name))
            .cloned()
    }
}

/// Where keys are read: the base screen or the layer on top of it. Each context has its own
/// bindings (`[keys]` for the reader, `[keys.<name>-view]` for the others), so a key means
/// something only where it is bound. Text lines (prompts, the note, filters) read keys with
/// the line editor's fixed shell keys instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// The three panes.
    Reader,
    Help,
    Problems,
    Bookmarks,
    Sources,
    /// The results of a search across the store.
    Found,
}

/// Moving in a list or an overlay.
const MOVES: [Action; 6] = [
    Action::Up,
    Action::Down,
    Action::PageUp,
    Action::PageDown,
    Action::Top,
    Action::Bottom,
];

impl Context {
    pub const ALL: [Context; 6] = [
        Context::Reader,
        Context::Help,
        Context::Problems,
        Context::Bookmarks,
        Context::Sources,
        Context::Found,
    ];

    /// The name of its table in the configuration: `[keys]` for the reader, `[keys.<name>]`.
    pub fn name(self) -> &'static str {
        match self {
            Context::Reader => "reader",
            Context::Help => "help-view",
            Context::Problems => "problems-view",
            Context::Bookmarks => "bookmarks-view",
            Context::Sources => "sources-view",
            Context::Found => "search-view",
        }
    }

    /// The configuration table of its keys.
    pub fn table(self) -> String {
        match self {
            Context::Reader => "keys".into(),
            c => format!("keys.{}", c.name()),
        }
    }

    /// A heading for the help.
    pub fn title(self) -> &'static str {
        match self {
            Context::Reader => "Reader",
            Context::Help => "Help",
            Context::Problems => "Skipped files",
            Context::Bookmarks => "Bookmarks view",
            Context::Sources => "Sources view",
            Context::Found => "Search results",
        }
    }

    pub fn from_name(name: &str) -> Option<Context> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The actions that mean something here, in help order.
    pub fn actions(self) -> Vec<Action> {
        let mut v: Vec<Action> = match self {
            Context::Reader => Action::BINDABLE
                .iter()
                .filter(|a| !matches!(a, Action::DeleteBookmark | Action::Undo | Action::EditNote))
                .cloned()
                .collect(),
            Context::Help | Context::Problems => MOVES.to_vec(),
            Context::Bookmarks => {
                let mut v = MOVES.to_vec();
                v.extend([
                    Action::Select,
                    Action::DeleteBookmark,
                    Action::Undo,
                    Action::EditNote,
                    Action::Filter,
                    Action::Help,
                ]);
                v
            }
            Context::Sources => {
                let mut v = MOVES.to_vec();
                v.extend([Action::Select, Action::Help]);
                v
            }
            Context::Found => {
                let mut v = MOVES.to_vec();
                v.extend([Action::Select, Action::SearchStore, Action::Help]);
                v
            }
        };
        if self != Context::Reader {
            v.extend([Action::Back, Action::Quit]);
        }
        v
    }

    /// What `action` does here, for the help.
    pub fn help(self, action: &Action) -> &'static str {
        match (self, action) {
            (Context::Reader, a) => a.help(),
            (Context::Bookmarks, Action::Select) => "go to the bookmarked passage",
            (Context::Bookmarks, Action::Filter) => "filter the bookmarks",
            (Context::Sources, Action::Select) => "go to the quotation",
            (Context::Found, Action::Select) => "go to the passage found",
            (Context::Found, Action::SearchStore) => "type the query again",
            (_, Action::Back) => "close this view",
            (_, Action::Up) => "move up",
            (_, Action::Down) => "move down",
            (_, a) => a.help(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bindable_action_has_a_unique_kebab_name_and_help() {
        let mut seen = std::collections::HashSet::new();
        for a in Action::BINDABLE {
            let name = a.name().expect("bindable actions are named");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name}"
            );
            assert!(seen.insert(name), "duplicate {name}");
            assert!(!a.help().is_empty(), "{name} has no help");
            assert_eq!(Action::from_name(name).as_ref(), Some(a));
        }
        assert_eq!(Action::from_name("launch-rockets"), None);
        assert_eq!(
            Action::Resize {
                width: 1,
                height: 1
            }
            .name(),
            None
        );
        for c in Context::ALL {
            for a in c.actions() {
                assert!(a.name().is_some(), "{a:?} in {c:?}");
            }
            assert!(c.actions().contains(&Action::Back), "{c:?} cannot be left");
        }
    }
}
