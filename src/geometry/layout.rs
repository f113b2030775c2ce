//! Where each pane goes for a terminal size. Pure: `update` uses it for mouse hit-testing and
//! the reading pane's width, the view for drawing, so the two always agree.

use ratatui::layout::Rect;

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Pane {
    #[default]
    List,
    Reader,
    Quotes,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::List, Pane::Reader, Pane::Quotes];

    pub fn title(self) -> &'static str {
        match self {
            Pane::List => "Articles",
            Pane::Reader => "Reading",
            Pane::Quotes => "Quotes",
        }
    }
}

/// Below this size only a "terminal too small" line is drawn.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;
/// Below this width only the focused pane is shown.
pub const NARROW: u16 = 60;

/// The rectangles of one frame (outer rectangles, borders included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub area: Rect,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub quotes: Option<Rect>,
    pub status: Rect,
    pub too_small: bool,
}

impl Panes {
    pub fn get(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Quotes => self.quotes,
        }
    }

    /// The pane under a cell.
    pub fn at(&self, col: u16, row: u16) -> Option<Pane> {
        let p = ratatui::layout::Position::new(col, row);
        Pane::ALL
            .into_iter()
            .find(|&pane| self.get(pane).is_some_and(|r| r.contains(p)))
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    r.inner(ratatui::layout::Margin::new(1, 1))
}

/// Lay out `area`. `wide`: columns from which the three panes stand side by side; `focus`:
/// the focused pane; `side`: the list or the quotes, whichever shares a narrow screen with
/// the reading pane.
pub fn panes(area: Rect, wide: u16, focus: Pane, side: Pane) -> Panes {
    let mut out = Panes {
        area,
        ..Panes::default()
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        out.too_small = true;
        return out;
    }
    // Plain arithmetic rather than the constraint solver: this runs for every action.
    let main = Rect::new(area.x, area.y, area.width, area.height - 1);
    out.status = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    let cols = |widths: &[u16]| -> Vec<Rect> {
        let mut x = main.x;
        widths
            .iter()
            .map(|&w| {
                let r = Rect::new(x, main.y, w, main.height);
                x += w;
                r
            })
            .collect()
    };
    let share = |pct: u32| (u32::from(main.width) * pct / 100) as u16;
    if area.width >= wide.max(MIN_WIDTH) {
        let side = share(28);
        let c = cols(&[side, main.width - 2 * side, side]);
        out.list = Some(c[0]);
        out.reader = Some(c[1]);
        out.quotes = Some(c[2]);
    } else if area.width >= NARROW {
        let left_w = share(38);
        let c = cols(&[left_w, main.width - left_w]);
        let (left, r) = (c[0], c[1]);
        out.reader = Some(r);
        if side == Pane::Quotes {
            out.quotes = Some(left);
        } else {
            out.list = Some(left);
        }
    } else {
        match focus {
            Pane::List => out.list = Some(main),
            Pane::Reader => out.reader = Some(main),
            Pane::Quotes => out.quotes = Some(main),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_columns_when_wide_two_when_medium_one_when_narrow() {
        let p = panes(Rect::new(0, 0, 140, 40), 120, Pane::List, Pane::List);
        assert!(p.list.is_some() && p.reader.is_some() && p.quotes.is_some());
        let p = panes(Rect::new(0, 0, 80, 24), 120, Pane::Reader, Pane::Quotes);
        assert!(p.list.is_none() && p.reader.is_some() && p.quotes.is_some());
        let p = panes(Rect::new(0, 0, 40, 20), 120, Pane::Quotes, Pane::List);
        assert!(p.list.is_none() && p.reader.is_none() && p.quotes.is_some());
        assert!(panes(Rect::new(0, 0, 10, 3), 120, Pane::List, Pane::List).too_small);
    }

    #[test]
    fn hit_testing_finds_the_pane() {
        let p = panes(Rect::new(0, 0, 140, 40), 120, Pane::List, Pane::List);
        assert_eq!(p.at(1, 1), Some(Pane::List));
        assert_eq!(p.at(70, 10), Some(Pane::Reader));
        assert_eq!(p.at(139, 10), Some(Pane::Quotes));
        assert_eq!(p.at(5, 39), None);
    }
}
