//! Passage bookmarks and their persistence (issue 4).
