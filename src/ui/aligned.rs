//! The gutter of two language versions read side by side, aligned: a bar
//! beside the paragraph read and its counterpart (a mark that needs no
//! colour), `∅` beside a paragraph with no counterpart, and a ghost row
//! `∅ no counterpart` where the paragraph read has none.

use crate::app::aligned::paragraph_holding;
use crate::app::layout::ReaderRects;
use crate::ui::View;
use crate::ui::util::fit;
use ratatui::buffer::Buffer;

/// The bar beside the paragraph read.
pub const BAR: &str = "▌";
/// The mark of a paragraph with no counterpart.
pub const NONE: &str = "∅";

/// Draws reader `i`'s gutter and ghost row, `rows` being what each text row
/// shows (segment, row within it), as the reader drew them.
pub fn draw(v: &View, i: usize, rects: &ReaderRects, rows: &[(usize, usize)], buf: &mut Buffer) {
    let (Some(al), Some(r)) = (&v.state.aligned, v.state.readers.get(i)) else {
        return;
    };
    let Some(doc) = v.corpus.get(r.doc) else {
        return;
    };
    if al.docs.get(i) != Some(&r.doc) || r.raw.is_some() {
        return;
    }
    let t = v.theme;
    let g = rects.gutter;
    let current = al.map.span(al.current, i);
    if g.width > 0 {
        for (y, &(seg, k)) in rows.iter().enumerate().take(g.height as usize) {
            let y = g.y + y as u16;
            let start = r.segs.range(seg).start;
            let line = doc.lines.line_of(start);
            let Some(p) = paragraph_holding(doc, line) else {
                continue;
            };
            if current.is_some_and(|s| s.contains(&p)) {
                buf.set_string(g.x, y, BAR, t.aligned);
            }
            let first_row = k == 0 && doc.paragraphs[p].start_line == line;
            let pair = al.map.pair_of(i, p);
            if first_row && pair.is_some_and(|pair| al.map.unpaired(pair, i)) {
                buf.set_string(g.x + 1, y, NONE, t.dim);
            }
        }
    }
    if let Some(row) = al.ghost_in(i, r) {
        let text = rects.text;
        if row < text.height as usize {
            let y = text.y + row as u16;
            let blank = " ".repeat(text.width as usize);
            buf.set_string(text.x, y, &blank, t.text);
            let label = fit("∅ no counterpart", text.width as usize);
            buf.set_string(text.x, y, &label, t.dim);
            if g.width > 0 {
                buf.set_string(g.x, y, BAR, t.aligned);
            }
        }
    }
}
