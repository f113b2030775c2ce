//! Articles by their guid or url (`files.identity`): what lets a read mark follow an article
//! moved or renamed within the folder.

use std::path::{Path, PathBuf};

use rusqlite::OptionalExtension;

use super::db::{Db, DbError, rel_bytes};

impl Db {
    /// The guid or url of the article at `path`, as last indexed.
    pub fn identity_of(&self, path: &Path) -> Result<Option<String>, DbError> {
        let rel = rel_bytes(path.strip_prefix(self.root()).unwrap_or(path));
        self.conn()
            .prepare_cached("SELECT identity FROM files WHERE rel = ?1")
            .and_then(|mut s| {
                s.query_row([rel], |r| r.get::<_, Option<String>>(0))
                    .optional()
            })
            .map(Option::flatten)
            .map_err(|e| self.err(e))
    }

    /// Every indexed article with this guid or url.
    pub fn paths_with_identity(&self, identity: &str) -> Result<Vec<PathBuf>, DbError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT rel FROM files WHERE identity = ?1 ORDER BY rel")
            .map_err(|e| self.err(e))?;
        stmt.query_map([identity], |r| Ok(self.join(r.get(0)?)))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))
    }
}
