//! The reader's application: actions, the model, the pure `update` and the run loop that
//! performs effects and owns the terminal.

pub mod action;
pub mod arrive;
pub mod bookmark;
pub mod bookmarks_view;
pub mod fetch;
pub mod found;
pub mod indexing;
pub mod jumps;
pub mod layer;
pub mod line;
pub mod model;
pub mod passages;
pub mod persist;
pub mod run;
pub mod selection;
pub mod signals;
pub mod sources;
pub mod update;

pub use action::{Action, Context, Pane};
pub use layer::Layer;
pub use model::Model;
pub use update::{Effect, update};
