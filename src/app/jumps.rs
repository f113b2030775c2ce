//! The jump list, like vim's: every jump (an article opened, a quotation jumped to, a
//! bookmark or a source followed) remembers where the reader was; `jump-back` returns there
//! and `jump-forward` undoes the return. A new jump after going back drops the forward half.

use std::path::PathBuf;

/// Most places remembered.
pub const MAX_JUMPS: usize = 100;

/// A place in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// First line shown in the reading pane.
    pub scroll: usize,
    /// The quotation jumped to.
    pub highlight: Option<usize>,
    /// Selected position in the quotes pane.
    pub quote_sel: usize,
}

/// Places behind and ahead.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JumpList {
    back: Vec<Location>,
    forward: Vec<Location>,
}

impl JumpList {
    /// A jump is leaving `from`: remember it; the places ahead are forgotten.
    pub fn push(&mut self, from: Location) {
        self.forward.clear();
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > MAX_JUMPS {
            self.back.remove(0);
        }
    }

    /// Go back from `current`: the place to return to, if any.
    pub fn back(&mut self, current: Option<Location>) -> Option<Location> {
        let to = self.back.pop()?;
        if let Some(c) = current {
            self.forward.push(c);
        }
        Some(to)
    }

    /// Go forward from `current` (after going back).
    pub fn forward(&mut self, current: Option<Location>) -> Option<Location> {
        let to = self.forward.pop()?;
        if let Some(c) = current {
            self.back.push(c);
        }
        Some(to)
    }

    pub fn behind(&self) -> usize {
        self.back.len()
    }

    pub fn ahead(&self) -> usize {
        self.forward.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(p: &str, scroll: usize) -> Location {
        Location {
            path: PathBuf::from(p),
            scroll,
            highlight: None,
            quote_sel: 0,
        }
    }

    #[test]
    fn back_and_forward_walk_the_list() {
        let mut j = JumpList::default();
        j.push(at("a", 0));
        j.push(at("b", 5));
        // now at c
        assert_eq!(j.back(Some(at("c", 1))), Some(at("b", 5)));
        assert_eq!(j.back(Some(at("b", 5))), Some(at("a", 0)));
        assert_eq!(j.back(Some(at("a", 0))), None);
        assert_eq!(j.forward(Some(at("a", 0))), Some(at("b", 5)));
        assert_eq!(j.forward(Some(at("b", 5))), Some(at("c", 1)));
        assert_eq!(j.forward(Some(at("c", 1))), None);
        assert_eq!((j.behind(), j.ahead()), (2, 0));
    }

    #[test]
    fn a_new_jump_drops_the_places_ahead() {
        let mut j = JumpList::default();
        j.push(at("a", 0));
        j.push(at("b", 0));
        assert_eq!(j.back(Some(at("c", 0))), Some(at("b", 0)));
        assert_eq!(j.ahead(), 1);
        j.push(at("b", 0));
        assert_eq!(j.ahead(), 0);
        assert_eq!(j.forward(Some(at("d", 0))), None);
        assert_eq!(j.back(Some(at("d", 0))), Some(at("b", 0)));
        assert_eq!(j.back(None), Some(at("a", 0)));
    }

    #[test]
    fn the_same_place_twice_is_kept_once_and_the_list_is_bounded() {
        let mut j = JumpList::default();
        j.push(at("a", 3));
        j.push(at("a", 3));
        assert_eq!(j.behind(), 1);
        for i in 0..MAX_JUMPS + 10 {
            j.push(at("x", i));
        }
        assert_eq!(j.behind(), MAX_JUMPS);
    }
}
