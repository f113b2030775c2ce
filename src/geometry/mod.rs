//! Pure geometry shared by `app` and `ui`: where the panes go for a terminal size, and an
//! article laid out at a width. Neither module owns it, so `app` never imports `ui`.

pub mod doc;
pub mod layout;
