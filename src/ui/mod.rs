//! The view: `draw(frame, &Ui)` paints the model. Widgets borrow the model; nothing here
//! changes it. Every text from an article goes through `sanitize` before it is drawn.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::app::action::{Action, Context, Pane};
use crate::app::layer::Layer;
use crate::app::model::Model;
use crate::keymap::Keymap;

pub mod bookmarks;
pub mod found;
pub mod help;
pub mod list;
pub mod marks;
pub mod note;
pub mod problems;
pub mod quotes;
pub mod reader;
pub mod search;
pub mod sources;
pub mod status;
pub mod theme;

pub use crate::geometry::{doc, layout};
pub use theme::Theme;

/// What a frame is drawn from.
#[derive(Clone, Copy)]
pub struct Ui<'a> {
    pub model: &'a Model,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
}

impl Ui<'_> {
    /// The first key bound to `action` in the reader, for hints ("?" for help).
    pub fn key(&self, action: &Action) -> String {
        self.key_in(Context::Reader, action)
    }

    /// The first key bound to `action` in `context`.
    pub fn key_in(&self, context: Context, action: &Action) -> String {
        self.keymap
            .keys_for(context, action)
            .into_iter()
            .next()
            .unwrap_or_else(|| "(unbound)".into())
    }

    /// A pane's frame: the focused one stands out.
    fn block(&self, pane: Pane, title: String) -> Block<'static> {
        let focused = self.model.focus == pane;
        let style = if focused {
            self.theme.focus
        } else {
            self.theme.border
        };
        let block = Block::bordered().border_style(style).title(title);
        if focused {
            block
                .border_type(ratatui::widgets::BorderType::Thick)
                .title_style(style)
        } else {
            block
        }
    }
}

/// The message drawn instead of the panes on a tiny terminal.
pub fn too_small_message() -> String {
    format!(
        "terminal too small: need {}x{}",
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    )
}

/// Draw the whole screen.
pub fn draw(frame: &mut Frame, ui: &Ui) {
    let area = frame.area();
    render(ui, area, frame.buffer_mut());
}

/// Draw into a buffer (what `draw` does; handy for tests).
pub fn render(ui: &Ui, area: Rect, buf: &mut Buffer) {
    let m = ui.model;
    let panes = layout::panes(area, m.wide, m.focus, m.side);
    if panes.too_small {
        Paragraph::new(Line::from(too_small_message()))
            .wrap(ratatui::widgets::Wrap { trim: true })
            .render(area, buf);
        return;
    }
    if let Some(r) = panes.list {
        list::ListView { ui }.render(r, buf);
    }
    if let Some(r) = panes.reader {
        reader::ReaderView { ui }.render(r, buf);
        marks::ReaderMarks { ui }.render(r, buf);
    }
    if let Some(r) = panes.quotes {
        quotes::QuotesView { ui }.render(r, buf);
    }
    status::StatusBar { ui }.render(panes.status, buf);
    // The layers, from the bottom up: each covers what is under it.
    for (i, layer) in m.layers.iter().enumerate() {
        let under = m.layers[..i]
            .iter()
            .rev()
            .find_map(Layer::context)
            .unwrap_or(Context::Reader);
        match layer {
            Layer::Help { scroll } => help::HelpView {
                ui,
                scroll: *scroll,
                under,
            }
            .render(area, buf),
            Layer::Problems { scroll } => problems::ProblemsView {
                ui,
                scroll: *scroll,
            }
            .render(area, buf),
            Layer::Bookmarks(view) => bookmarks::BookmarksOverlay { ui, view }.render(area, buf),
            Layer::Sources(view) => sources::SourcesOverlay { ui, view }.render(area, buf),
            Layer::Found(search) => found::StoreSearchOverlay { ui, search }.render(area, buf),
            Layer::Note(note) => note::NoteBar { ui, note }.render(panes.status, buf),
            Layer::Prompt(prompt) => search::PromptBar { ui, prompt }.render(panes.status, buf),
        }
    }
}

/// A centred rectangle for an overlay, leaving a margin.
pub fn centered(area: Rect, max_w: u16, max_h: u16) -> Rect {
    let w = max_w.min(area.width.saturating_sub(2)).max(1);
    let h = max_h.min(area.height.saturating_sub(2)).max(1);
    Rect::new(
        area.x + (area.width.saturating_sub(w)) / 2,
        area.y + (area.height.saturating_sub(h)) / 2,
        w.min(area.width),
        h.min(area.height),
    )
}
