//! Mouse hit-testing against the stored layout: what is under the pointer.
//! The reducer decides what a click or a turn of the wheel does there.

use crate::app::state::State;
use crate::app::text;
use crate::model::Corpus;
use ratatui::layout::{Position, Rect};

/// What is at a point of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// Nothing that takes the mouse (a border, the status line, a popup
    /// that ignores it).
    Nothing,
    /// The help popup.
    Help,
    /// The outline popup, at entry `k` when on one.
    Outline(Option<usize>),
    /// The backlinks pane, at citation `k` when on one.
    Backlinks(Option<usize>),
    /// The search results, at result `k` when on one.
    Results(Option<usize>),
    /// The list, at entry `k` when on one.
    List(Option<usize>),
    /// Reader `i`, at the document byte shown there when on text.
    Reader(usize, Option<usize>),
}

fn inside(r: Option<Rect>, x: u16, y: u16) -> bool {
    r.is_some_and(|r| r.contains(Position::new(x, y)))
}

/// Row `y` of a bordered list `r`, as an entry index from `offset`, when
/// below `len`.
fn entry(r: Option<Rect>, y: u16, offset: usize, len: usize) -> Option<usize> {
    let r = r?;
    (y > r.y && y < r.bottom().saturating_sub(1))
        .then(|| offset + (y - r.y - 1) as usize)
        .filter(|&k| k < len)
}

/// What is at (x, y), topmost first.
pub fn hit(state: &State, corpus: &Corpus, x: u16, y: u16) -> Hit {
    let l = &state.layout;
    if l.too_small {
        return Hit::Nothing;
    }
    if state.help().is_some() {
        return Hit::Help;
    }
    if let Some(o) = state.outline().filter(|_| inside(l.outline, x, y)) {
        return Hit::Outline(entry(l.outline, y, o.offset, o.entries.len()));
    }
    if let Some(b) = state
        .backlinks
        .as_ref()
        .filter(|_| inside(l.backlinks, x, y))
    {
        return Hit::Backlinks(entry(l.backlinks, y, b.offset, b.items.len()));
    }
    if let Some(s) = state.search().filter(|_| inside(l.results, x, y)) {
        return Hit::Results(entry(l.results, y, s.offset, s.results.len()));
    }
    if inside(l.list, x, y) {
        let list = &state.list;
        return Hit::List(entry(l.list, y, list.offset, list.len()));
    }
    for (i, rr) in l.readers.iter().enumerate() {
        if !rr.outer.contains(Position::new(x, y)) {
            continue;
        }
        let byte = rr
            .text
            .contains(Position::new(x, y))
            .then(|| {
                glyph_at(
                    state,
                    corpus,
                    i,
                    rr.text.width as usize,
                    (x - rr.text.x) as usize,
                    (y - rr.text.y) as usize,
                )
            })
            .flatten();
        return Hit::Reader(i, byte);
    }
    Hit::Nothing
}

/// The document byte shown at (dx, dy) of reader `i`'s text.
fn glyph_at(
    state: &State,
    corpus: &Corpus,
    i: usize,
    width: usize,
    dx: usize,
    dy: usize,
) -> Option<usize> {
    let r = state.readers.get(i)?;
    let shown = r.shown(corpus)?;
    let d: &crate::model::Document = &shown;
    let (seg, row) = r.forward(d, (r.top, r.row), dy, width);
    let rendered = text::render(d, &r.segs, seg);
    let rows = r.segs.wrap(&rendered, width);
    let range = rows.get(row)?.clone();
    let dx = dx + r.left;
    let mut col = if row > 0 {
        rendered.hang.min(width / 2)
    } else {
        0
    };
    for g in &rendered.glyphs[range] {
        if dx < col + g.width as usize {
            return Some(g.byte as usize);
        }
        col += g.width as usize;
    }
    None
}
