//! Every terminal size from 1x1 to 200x60 draws without panic, in each state of the screen,
//! and a storm of resizes leaves the model consistent.

mod common;

use common::{keymap, opened, paint, render, theme};
use tidings::app::{Action, Pane, update};

#[test]
fn every_size_draws() {
    let mut states = Vec::new();
    let base = opened(80, 24);
    states.push(base.clone());
    let mut help = base.clone();
    update(&mut help, Action::Help);
    states.push(help);
    let mut hl = base.clone();
    update(&mut hl, Action::NextQuote);
    update(&mut hl, Action::NextQuote);
    states.push(hl);
    let mut search = base.clone();
    update(&mut search, Action::Search);
    update(
        &mut search,
        Action::Edit(tidings::app::line::LineEdit::Insert('e')),
    );
    states.push(search);
    let mut problems = base.clone();
    update(&mut problems, Action::Problems);
    states.push(problems);
    let mut quotes = base;
    update(&mut quotes, Action::FocusPrev);
    assert_eq!(quotes.focus, Pane::Quotes);
    states.push(quotes);
    let (theme, keymap) = (theme(), keymap());
    for (i, s) in states.iter().enumerate() {
        let mut m = s.clone();
        for w in 1..=200u16 {
            for h in 1..=60u16 {
                // Every size for the main screen up to 100 columns or 30 rows (where layouts
                // switch and panes get thin), every other width beyond; a sample of sizes for
                // the other states, to keep a debug build's run short.
                let sampled = if i == 0 {
                    w <= 100 || h <= 30 || w.is_multiple_of(2)
                } else {
                    (w * 3 + h + i as u16).is_multiple_of(23)
                };
                if !sampled {
                    continue;
                }
                update(
                    &mut m,
                    Action::Resize {
                        width: w,
                        height: h,
                    },
                );
                let _ = paint(&m, &theme, &keymap, w, h);
                if (w + h).is_multiple_of(29) {
                    // a frame of a size the model has not been told about draws too
                    let _ = paint(s, &theme, &keymap, w, h);
                }
            }
        }
    }
    let _ = render(&states[0], 80, 24);
}

#[test]
fn a_storm_of_resizes_keeps_scroll_and_cursors_in_bounds() {
    let mut m = opened(140, 40);
    m.focus = Pane::Reader;
    update(&mut m, Action::Bottom);
    let mut seed = 7u32;
    for _ in 0..2000 {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let w = (seed >> 8) as u16 % 220;
        let h = (seed >> 20) as u16 % 70;
        update(
            &mut m,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        update(&mut m, Action::NextQuote);
        let o = m.open.as_ref().unwrap();
        assert!(o.scroll <= o.doc.lines.len());
        assert!(m.list.selected < m.list.visible.len());
    }
    let _ = render(&m, 100, 30);
}
