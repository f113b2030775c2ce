//! Bookmarks that follow an article moved or renamed within the folder: a bookmark keeps the
//! article's guid or url, and when its file is gone, whoever knows where an article with that
//! guid or url is now (the store index) says where the bookmark goes.

use std::path::{Path, PathBuf};

use super::{BookmarkError, BookmarkFile};

impl BookmarkFile {
    /// Give bookmarks without one the guid or url of their article (`identity_of`), and move
    /// the bookmarks of articles that are gone to where an article with their guid or url is
    /// now (`paths_with`). Reads first (never setting a bad file aside) and writes, under the lock, only when
    /// something changes. Returns how many bookmarks moved.
    pub fn follow_moved(
        &self,
        identity_of: impl Fn(&Path) -> Option<String>,
        paths_with: impl Fn(&str) -> Vec<PathBuf>,
    ) -> Result<usize, BookmarkError> {
        let plan = |list: &[super::Bookmark]| -> Vec<(usize, Option<PathBuf>, Option<String>)> {
            list.iter()
                .enumerate()
                .filter_map(|(i, b)| {
                    if b.path.is_file() {
                        let id = b
                            .identity
                            .is_none()
                            .then(|| identity_of(&b.path))
                            .flatten()?;
                        Some((i, None, Some(id)))
                    } else {
                        let id = b.identity.as_deref()?;
                        let to = paths_with(id).into_iter().find(|p| p.is_file())?;
                        Some((i, Some(to), None))
                    }
                })
                .collect()
        };
        // A file that does not parse is left for the loading to set aside and report.
        let Ok(list) = self.parse()? else {
            return Ok(0);
        };
        if plan(&list).is_empty() {
            return Ok(0);
        }
        let mut moved = 0;
        self.change(|list| {
            let steps = plan(list);
            for (i, to, id) in &steps {
                if let Some(to) = to {
                    list[*i].path.clone_from(to);
                    moved += 1;
                }
                if id.is_some() {
                    list[*i].identity.clone_from(id);
                }
            }
            Ok(!steps.is_empty())
        })?;
        Ok(moved)
    }
}
