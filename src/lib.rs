//! tidings: a terminal news reader that shows who said what.
//!
//! The domain (`article`, `quotes`, `bookmarks`, `index`) never imports `app` or `ui`.

pub mod app;
pub mod article;
pub mod bookmarks;
pub mod commands;
pub mod config;
pub mod extract;
pub mod feeds;
pub mod geometry;
pub mod html;
pub mod index;
pub mod keymap;
pub mod net;
pub mod paths;
pub mod quotes;
pub mod sanitize;
pub mod state;
pub mod ui;
