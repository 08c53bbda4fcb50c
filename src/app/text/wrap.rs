//! Wrapping a rendered segment to a width (by display columns).

use super::{Glyph, Rendered, Segments, flag, render};
use crate::model::Document;
use std::ops::Range;

/// Wraps `r` to `width` columns: the glyph ranges of each row. Breaks after
/// spaces when it can, inside a word when it must; never returns a row wider
/// than `width` (unless `width` is narrower than one wide character).
pub fn wrap(r: &Rendered, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let g = &r.glyphs;
    let mut rows = Vec::new();
    let mut start = 0usize;
    if g.is_empty() {
        rows.push(0..0);
        return rows;
    }
    while start < g.len() {
        let avail = if rows.is_empty() {
            width
        } else {
            width.saturating_sub(r.hang.min(width / 2)).max(1)
        };
        let mut w = 0usize;
        let mut i = start;
        let mut last_break = None;
        while i < g.len() {
            let gw = g[i].width as usize;
            if w + gw > avail && i > start {
                // A word ending at the edge: the space after it is where to break.
                if g[i].c == ' ' {
                    last_break = Some(i);
                }
                break;
            }
            w += gw;
            if g[i].c == ' ' {
                last_break = Some(i + 1);
            } else if g[i].c == '-'
                && i > start
                && is_letter(g[i - 1].c)
                && g.get(i + 1).is_some_and(|n| is_letter(n.c))
            {
                // After the hyphen of a compound (`Secretary-|General`).
                last_break = Some(i + 1);
            }
            i += 1;
        }
        let end = if i < g.len() {
            match last_break {
                Some(b) if b > start => b,
                _ => i,
            }
        } else {
            i
        };
        rows.push(start..end);
        start = end;
        if rows.len() > 1 || start < g.len() {
            // Continuation rows do not start with spaces.
            while start < g.len() && g[start].c == ' ' && g[start].flags & flag::DECOR == 0 {
                start += 1;
            }
        }
    }
    rows
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

/// The number of rows segment `seg` takes at `width`.
pub fn row_count(doc: &Document, segs: &Segments, seg: usize, width: usize) -> usize {
    segs.wrap(&render(doc, segs, seg), width).len()
}

/// Display width of a glyph range.
pub fn width_of(glyphs: &[Glyph]) -> usize {
    glyphs.iter().map(|g| g.width as usize).sum()
}
