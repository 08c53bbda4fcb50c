//! Mouse clicks and the wheel, hit-tested against the frame's layout.

use crate::app::jump;
use crate::app::state::{Focus, State};
use crate::app::text;
use crate::app::update::{keep_visible, select_in_list};
use crate::app::{Action, Msg};
use crate::model::Corpus;
use ratatui::layout::{Position, Rect};

fn inside(r: Option<Rect>, x: u16, y: u16) -> bool {
    r.is_some_and(|r| r.contains(Position::new(x, y)))
}

/// Row `y` of a bordered list `r`, as an entry index from `offset`.
fn entry(r: Rect, y: u16, offset: usize) -> Option<usize> {
    (y > r.y && y < r.bottom().saturating_sub(1)).then(|| offset + (y - r.y - 1) as usize)
}

/// A left click at (x, y).
pub fn click(state: &mut State, corpus: &Corpus, x: u16, y: u16) {
    let l = jump::layout(state);
    if l.too_small || state.help.is_some() {
        return;
    }
    // A click selects a row; a click on the selected row opens it.
    let open = |state: &mut State| {
        crate::app::update(state, Msg::Action(Action::Open), corpus);
    };
    if let (Some(r), Some(o)) = (l.outline, &mut state.outline) {
        if inside(Some(r), x, y) {
            if let Some(k) = entry(r, y, o.offset).filter(|&k| k < o.entries.len()) {
                let again = o.selected == k;
                o.selected = k;
                if again {
                    open(state);
                }
            }
            return;
        }
    }
    if let (Some(r), Some(b)) = (l.backlinks, &mut state.backlinks) {
        if inside(Some(r), x, y) {
            if let Some(k) = entry(r, y, b.offset).filter(|&k| k < b.items.len()) {
                let again = b.selected == k && state.focus == Focus::Backlinks;
                b.selected = k;
                state.focus = Focus::Backlinks;
                if again {
                    open(state);
                }
            }
            return;
        }
    }
    if let (Some(r), Some(s)) = (l.results, &state.search) {
        if inside(Some(r), x, y) {
            if let Some(k) = entry(r, y, s.offset).filter(|&k| k < s.results.len()) {
                if k == s.selected {
                    open(state);
                } else {
                    let delta = k as isize - s.selected as isize;
                    crate::app::search_bar::move_selection(state, corpus, delta, 1000);
                }
            }
            return;
        }
    }
    if let Some(r) = l.list.filter(|&r| inside(Some(r), x, y)) {
        let had_focus = state.focus == Focus::List;
        state.focus = Focus::List;
        if let Some(k) = entry(r, y, state.list.offset).filter(|&k| k < state.list.order.len()) {
            if had_focus && k == state.list.selected {
                open(state);
            } else {
                select_in_list(state, corpus, k);
            }
        }
        return;
    }
    for (i, rr) in l.readers.iter().enumerate() {
        if !rr.outer.contains(Position::new(x, y)) {
            continue;
        }
        if state.search.is_none() {
            jump::focus_reader(state, i);
        }
        if rr.text.contains(Position::new(x, y)) {
            let byte = glyph_at(
                state,
                corpus,
                i,
                rr.text.width as usize,
                (x - rr.text.x) as usize,
                (y - rr.text.y) as usize,
            );
            let r = &mut state.readers[i];
            if let (Some(byte), Some(d)) = (byte, corpus.get(r.doc)) {
                if let Some(k) = d
                    .references
                    .iter()
                    .position(|x| x.start <= byte && byte < x.end)
                {
                    let again = r.current_ref == Some(k);
                    r.current_ref = Some(k);
                    if again && state.search.is_none() {
                        crate::app::jump::follow(state, corpus, i);
                    }
                }
            }
        }
        return;
    }
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
    let d = corpus.get(r.doc)?;
    let (seg, row) = r.forward(d, (r.top, r.row), dy, width);
    let rendered = text::render(d, &r.segs, seg);
    let rows = text::wrap(&rendered, width);
    let range = rows.get(row)?.clone();
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

/// The wheel at (x, y): scrolls the pane under the pointer.
pub fn wheel(state: &mut State, corpus: &Corpus, x: u16, y: u16, down: bool) {
    let l = jump::layout(state);
    if l.too_small {
        return;
    }
    let step: isize = if down { 3 } else { -3 };
    if let Some(h) = state.help {
        crate::app::help::scroll_to(state, h.saturating_add_signed(step));
        return;
    }
    let mv = |sel: usize, len: usize| {
        (sel as isize + step).clamp(0, len.saturating_sub(1) as isize) as usize
    };
    if let (true, Some(o)) = (inside(l.outline, x, y), &mut state.outline) {
        o.selected = mv(o.selected, o.entries.len());
        keep_visible(
            &mut o.offset,
            o.selected,
            l.outline.map_or(1, |r| r.height.saturating_sub(2) as usize),
        );
        return;
    }
    if let (true, Some(b)) = (inside(l.backlinks, x, y), &mut state.backlinks) {
        b.selected = mv(b.selected, b.items.len());
        keep_visible(
            &mut b.offset,
            b.selected,
            l.backlinks
                .map_or(1, |r| r.height.saturating_sub(2) as usize),
        );
        return;
    }
    if let (true, Some(s)) = (inside(l.results, x, y), &state.search) {
        let to = mv(s.selected, s.results.len());
        let delta = to as isize - s.selected as isize;
        let page = l.results.map_or(1, |r| r.height.saturating_sub(2) as usize);
        crate::app::search_bar::move_selection(state, corpus, delta, page);
        return;
    }
    if inside(l.list, x, y) {
        let to = mv(state.list.selected, state.list.order.len());
        select_in_list(state, corpus, to);
        return;
    }
    for (i, rr) in l.readers.iter().enumerate() {
        if rr.outer.contains(Position::new(x, y)) {
            let v = l.viewport(i);
            if let Some(d) = state.readers.get(i).and_then(|r| corpus.get(r.doc)) {
                state.readers[i].scroll(d, step, v);
                jump::sync_from(state, corpus, i);
            }
            return;
        }
    }
}
