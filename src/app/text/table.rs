//! Tab-separated rows drawn as a table: columns sized from the rows around,
//! cells padded, separated by a rule.

use super::inline::{Renderer, inline};
use super::{MAX_SEGMENT, Rendered, flag, width_of};
use crate::model::Document;

/// Widest a table column gets (but the last) before its cells overflow.
const MAX_COLUMN: usize = 28;
/// Lines looked at above and below a row to size a table's columns.
const TABLE_REACH: usize = 60;

/// The display width of a cell once its markup is rendered.
fn cell_width(cell: &str) -> usize {
    let mut r = Renderer {
        glyphs: Vec::new(),
        col: 0,
    };
    inline(&mut r, cell, 0, 0, 0);
    width_of(&r.glyphs)
}

/// The first [`MAX_SEGMENT`] bytes of 1-based line `l` (all of it when shorter).
fn line_head(doc: &Document, l: usize) -> &str {
    let text = doc.line(l);
    let mut end = text.len().min(MAX_SEGMENT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Column widths of the tab-separated table around 1-based `line`, and
/// whether `line` is its header (a first row that did not size the columns).
fn table_widths(doc: &Document, line: usize) -> (Vec<usize>, bool) {
    let has_tab = |l: usize| line_head(doc, l).contains('\t');
    let mut first = line;
    while first > 1 && line - first < TABLE_REACH && has_tab(first - 1) {
        first -= 1;
    }
    let mut last = line;
    while last < doc.line_count() && last - line < TABLE_REACH && has_tab(last + 1) {
        last += 1;
    }
    // A header row (the first of three or more) may overflow its columns
    // rather than widen them for every row.
    let from = if last - first >= 2 { first + 1 } else { first };
    let header = from > first && line == first;
    let mut widths: Vec<usize> = Vec::new();
    for l in from..=last {
        let cells: Vec<&str> = line_head(doc, l).split('\t').take(32).collect();
        let n = cells.len();
        for (k, cell) in cells.into_iter().enumerate() {
            if k + 1 == n {
                break; // the last cell of a row wraps; it does not size a column
            }
            // Columns are capped, so the start of a cell is enough to size it.
            let mut end = cell.len().min(4 * MAX_COLUMN);
            while !cell.is_char_boundary(end) {
                end -= 1;
            }
            let w = cell_width(&cell[..end]).min(MAX_COLUMN);
            if widths.len() <= k {
                widths.resize(k + 1, 0);
            }
            widths[k] = widths[k].max(w);
        }
    }
    (widths, header)
}

/// A row of a tab-separated table: cells padded to their column's width,
/// separated by a rule, the last cell wrapping under itself. A header cell
/// wider than its column is clipped with `…` so the rules stay aligned.
pub(super) fn table_row(doc: &Document, line: usize, text: &str, base: usize) -> Rendered {
    let (widths, header) = table_widths(doc, line);
    let mut out = Renderer {
        glyphs: Vec::with_capacity(text.len() + 16),
        col: 0,
    };
    let mut at = 0usize;
    let cells: Vec<&str> = text.split('\t').collect();
    let n = cells.len();
    let mut hang = 0;
    for (k, cell) in cells.into_iter().enumerate() {
        let start = out.glyphs.len();
        inline(&mut out, cell, base + at, 0, 0);
        if k + 1 < n {
            let mut w = width_of(&out.glyphs[start..]);
            let pad_to = widths.get(k).copied().unwrap_or(w);
            let tab = (base + at + cell.len()) as u32;
            if header && w > pad_to && pad_to > 0 {
                while w > pad_to - 1 {
                    let Some(g) = out.glyphs.pop() else { break };
                    w -= g.width as usize;
                }
                out.push('…', tab, flag::DECOR);
                w += 1;
            }
            for _ in w..pad_to {
                out.push(' ', tab, flag::DECOR);
            }
            out.push(' ', tab, flag::DECOR);
            out.push('│', tab, flag::DECOR);
            out.push(' ', tab, flag::DECOR);
            hang = width_of(&out.glyphs);
        }
        at += cell.len() + 1;
    }
    Rendered {
        glyphs: out.glyphs,
        hang,
    }
}
