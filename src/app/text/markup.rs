//! The markup of a markdown document (built in [`super::markdown`]) and how
//! one display segment of it is drawn into glyphs: pieces of source shown
//! with their flags, replacements (bullets, footnote marks, rules) in place
//! of syntax, table rows padded into columns.

use super::inline::Renderer;
use super::markdown::MAX_COLUMN;
use super::{Rendered, flag, width_of};
use std::ops::Range;

/// Marks a piece that shows its own source bytes.
const SOURCE: u32 = u32::MAX;

/// A run of the document shown one way: source bytes `start..end` with
/// `flags`, or a replacement text standing in for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// First source byte.
    pub start: u32,
    /// Source byte past the end (equal to `start` for an insertion).
    pub end: u32,
    /// [`flag`] bits.
    pub flags: u16,
    /// Index of the replacement text in [`Markup::extra`], or [`SOURCE`].
    pub text: u32,
    /// A decoration that starts a line, under which wrapped rows hang.
    pub hang: bool,
}

impl Piece {
    /// Source bytes `range` shown with `flags`.
    pub fn source(range: Range<usize>, flags: u16) -> Self {
        Piece {
            start: range.start as u32,
            end: range.end as u32,
            flags,
            text: SOURCE,
            hang: false,
        }
    }

    /// Replacement `index` shown in place of source bytes `range`.
    pub fn replaced(range: Range<usize>, index: u32, flags: u16) -> Self {
        Piece {
            text: index,
            ..Piece::source(range, flags)
        }
    }
}

/// A table of a markdown document: the width of each column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Display columns of each column (capped for all but the last).
    pub widths: Vec<u16>,
}

/// A line of a table: a row of cells, or the rule under the header (no cells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Byte where the line starts.
    pub start: u32,
    /// Index of its table.
    pub table: u32,
    /// Source byte range of each cell.
    pub cells: Vec<(u32, u32)>,
    /// True for the header row.
    pub header: bool,
}

/// What a markdown document shows, byte by byte; bytes no piece covers are syntax.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markup {
    /// Pieces in source order, not overlapping.
    pub pieces: Vec<Piece>,
    /// Replacement texts.
    pub extra: Vec<Box<str>>,
    /// Offsets of the line breaks inside a paragraph (the lines around join).
    pub joins: Vec<u32>,
    /// Table lines, by start.
    pub rows: Vec<Row>,
    /// Tables, in order.
    pub tables: Vec<Table>,
}

impl Markup {
    /// The text piece `p` shows.
    pub fn piece_text<'t>(&'t self, text: &'t str, p: &Piece) -> &'t str {
        if p.text == SOURCE {
            text.get(p.start as usize..p.end as usize).unwrap_or("")
        } else {
            self.extra.get(p.text as usize).map_or("", |s| s)
        }
    }

    /// True when the line break at byte `newline` sits inside a paragraph.
    pub fn joins_at(&self, newline: usize) -> bool {
        self.joins.binary_search(&(newline as u32)).is_ok()
    }

    /// The pieces that show something of source bytes `range`.
    fn pieces_in(&self, range: &Range<usize>) -> &[Piece] {
        let (s, e) = (range.start as u32, range.end as u32);
        let first = self.pieces.partition_point(|p| p.end <= s && p.start < s);
        let last = first + self.pieces[first..].partition_point(|p| p.start < e);
        &self.pieces[first..last]
    }

    /// Draws the segment of `text` spanning `range`.
    pub fn render(&self, text: &str, range: Range<usize>) -> Rendered {
        let start = range.start as u32;
        if let Ok(k) = self.rows.binary_search_by_key(&start, |r| r.start) {
            return self.row(text, &self.rows[k], &range);
        }
        let mut out = Renderer {
            glyphs: Vec::with_capacity(range.len()),
            col: 0,
        };
        let mut hang = 0usize;
        for p in self.pieces_in(&range) {
            self.draw(&mut out, text, p, &range);
            let leading = out.glyphs.iter().all(|g| g.flags & flag::DECOR != 0);
            if p.hang && leading {
                hang = width_of(&out.glyphs);
            }
        }
        Rendered {
            glyphs: out.glyphs,
            hang,
        }
    }

    /// Draws what piece `p` shows within source bytes `range`.
    fn draw(&self, out: &mut Renderer, text: &str, p: &Piece, range: &Range<usize>) {
        let (s, e) = (p.start as usize, p.end as usize);
        if p.text != SOURCE {
            if s >= range.start {
                for c in self.piece_text(text, p).chars() {
                    out.push(c, p.start, p.flags);
                }
            }
            return;
        }
        let from = s.max(range.start);
        let to = e.min(range.end);
        let Some(shown) = text.get(from..to) else {
            return;
        };
        for (i, c) in shown.char_indices() {
            out.push(c, (from + i) as u32, p.flags);
        }
    }

    /// A table line: cells padded to their column, separated by a rule; the
    /// rule under the header drawn across the columns.
    fn row(&self, text: &str, row: &Row, range: &Range<usize>) -> Rendered {
        let widths = self
            .tables
            .get(row.table as usize)
            .map_or(&[][..], |t| &t.widths[..]);
        let mut out = Renderer {
            glyphs: Vec::new(),
            col: 0,
        };
        if row.cells.is_empty() {
            for (k, &w) in widths.iter().enumerate() {
                if k > 0 {
                    for c in "─┼─".chars() {
                        out.push(c, row.start, flag::DECOR);
                    }
                }
                for _ in 0..w {
                    out.push('─', row.start, flag::DECOR);
                }
            }
            return Rendered {
                glyphs: out.glyphs,
                hang: 0,
            };
        }
        let n = row.cells.len();
        let mut hang = 0;
        for (k, &(s, e)) in row.cells.iter().enumerate() {
            let cell = (s as usize).max(range.start)..(e as usize).min(range.end);
            let from = out.glyphs.len();
            for p in self.pieces_in(&cell) {
                self.draw(&mut out, text, p, &cell);
            }
            if k + 1 == n {
                break;
            }
            let pad_to = widths.get(k).map_or(0, |&w| w as usize).min(MAX_COLUMN);
            let mut w = width_of(&out.glyphs[from..]);
            if w > pad_to && pad_to > 0 {
                while w > pad_to - 1 {
                    let Some(g) = out.glyphs.pop() else { break };
                    w -= g.width as usize;
                }
                out.push('…', e, flag::DECOR);
                w += 1;
            }
            for _ in w..pad_to {
                out.push(' ', e, flag::DECOR);
            }
            for c in " │ ".chars() {
                out.push(c, e, flag::DECOR);
            }
            hang = width_of(&out.glyphs);
        }
        Rendered {
            glyphs: out.glyphs,
            hang,
        }
    }
}
