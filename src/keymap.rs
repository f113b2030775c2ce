//! Key parsing and (pane, key) -> Action.
