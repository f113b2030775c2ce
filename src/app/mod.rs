//! The reader's application: actions, the model, the pure `update` and the run loop that
//! performs effects and owns the terminal.

pub mod action;
pub mod model;
pub mod run;
pub mod update;

pub use action::{Action, Pane};
pub use model::Model;
pub use update::{Effect, update};
