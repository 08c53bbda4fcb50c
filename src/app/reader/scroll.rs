//! Moving a reader through its document by display rows: scrolling, keeping a
//! byte visible, jumping to a line. Only the segments passed over are laid
//! out, so a 5 MB document scrolls as cheaply as a short one.

use super::Reader;
use crate::app::text::{self, Glyph};
use crate::model::Document;

/// A position: (segment, row within it).
pub type Pos = (usize, usize);

impl Reader {
    fn rows(&self, doc: &Document, seg: usize, width: usize) -> usize {
        text::row_count(doc, &self.segs, seg, width).max(1)
    }

    /// The position `n` rows after `p` (stops at the last row).
    pub fn forward(&self, doc: &Document, p: Pos, mut n: usize, width: usize) -> Pos {
        let (mut seg, mut row) = p;
        let last = self.segs.len().saturating_sub(1);
        while n > 0 {
            let left = self.rows(doc, seg, width).saturating_sub(row + 1);
            if n <= left {
                return (seg, row + n);
            }
            if seg >= last {
                return (seg, row + left);
            }
            n -= left + 1;
            seg += 1;
            row = 0;
        }
        (seg, row)
    }

    /// The position `n` rows before `p` (stops at the first row).
    pub fn backward(&self, doc: &Document, p: Pos, mut n: usize, width: usize) -> Pos {
        let (mut seg, mut row) = p;
        while n > 0 {
            if n <= row {
                return (seg, row - n);
            }
            n -= row;
            if seg == 0 {
                return (0, 0);
            }
            n -= 1;
            seg -= 1;
            row = self.rows(doc, seg, width) - 1;
        }
        (seg, row)
    }

    /// The last position the top may take: the last page is full.
    pub fn max_top(&self, doc: &Document, (width, height): (usize, usize)) -> Pos {
        let last = self.segs.len().saturating_sub(1);
        let end = (last, self.rows(doc, last, width) - 1);
        self.backward(doc, end, height.saturating_sub(1), width)
    }

    /// Keeps the top within the document.
    pub fn clamp(&mut self, doc: &Document, view: (usize, usize)) {
        self.top = self.top.min(self.segs.len().saturating_sub(1));
        self.row = self.row.min(self.rows(doc, self.top, view.0) - 1);
        let max = self.max_top(doc, view);
        if (self.top, self.row) > max {
            (self.top, self.row) = max;
        }
    }

    /// Scrolls by `delta` rows (negative: up).
    pub fn scroll(&mut self, doc: &Document, delta: isize, view: (usize, usize)) {
        let p = (self.top, self.row);
        let to = if delta >= 0 {
            self.forward(doc, p, delta as usize, view.0)
        } else {
            self.backward(doc, p, delta.unsigned_abs(), view.0)
        };
        (self.top, self.row) = to;
        self.clamp(doc, view);
    }

    /// The position of the row showing byte `offset`.
    pub fn pos_of_byte(&self, doc: &Document, offset: usize, width: usize) -> Pos {
        let seg = self.segs.of_offset(offset);
        let r = text::render(doc, &self.segs, seg);
        let rows = self.segs.wrap(&r, width);
        let g = r
            .glyphs
            .partition_point(|g: &Glyph| (g.byte as usize) < offset);
        let row = rows
            .iter()
            .position(|rg| g < rg.end)
            .unwrap_or(rows.len().saturating_sub(1));
        (seg, row)
    }

    /// Rows from `from` down to `to`, if `to` is at most `limit` rows below.
    fn distance(
        &self,
        doc: &Document,
        from: Pos,
        to: Pos,
        limit: usize,
        width: usize,
    ) -> Option<usize> {
        if to < from {
            return None;
        }
        if to.0 == from.0 {
            return Some(to.1.saturating_sub(from.1)).filter(|&d| d <= limit);
        }
        // A row past the segment's end (the width changed since) counts as its last.
        let mut acc = self.rows(doc, from.0, width).saturating_sub(from.1);
        for seg in from.0 + 1..to.0 {
            if acc > limit {
                return None;
            }
            acc += self.rows(doc, seg, width);
        }
        Some(acc + to.1).filter(|&d| d <= limit)
    }

    /// Rows from `from` down to `to`, negative when `to` is above; counting
    /// stops at `limit` rows either way.
    pub fn rows_between(
        &self,
        doc: &Document,
        from: Pos,
        to: Pos,
        limit: usize,
        width: usize,
    ) -> isize {
        if to < from {
            return -self.rows_between(doc, to, from, limit, width);
        }
        let n = if to.0 == from.0 {
            to.1.saturating_sub(from.1)
        } else {
            let mut acc = self.rows(doc, from.0, width).saturating_sub(from.1);
            for seg in from.0 + 1..to.0 {
                if acc > limit {
                    break;
                }
                acc += self.rows(doc, seg, width);
            }
            acc + to.1
        };
        n.min(limit) as isize
    }

    /// The position of the first row of 1-based line `line`.
    /// (Past the last line: the last row.)
    pub fn pos_of_line(&self, doc: &Document, line: usize, width: usize) -> Pos {
        if line > doc.line_count() {
            let last = self.segs.len().saturating_sub(1);
            return (last, self.rows(doc, last, width) - 1);
        }
        self.pos_of_byte(doc, doc.lines.start(line.max(1)), width)
    }

    /// True when byte `offset` is on screen.
    pub fn is_visible(&self, doc: &Document, offset: usize, view: (usize, usize)) -> bool {
        let target = self.pos_of_byte(doc, offset, view.0);
        self.distance(
            doc,
            (self.top, self.row),
            target,
            view.1.saturating_sub(1),
            view.0,
        )
        .is_some()
    }

    /// Scrolls so that byte `offset` is visible (a third down the page when it was not).
    pub fn show_byte(&mut self, doc: &Document, offset: usize, view: (usize, usize)) {
        if !self.is_visible(doc, offset, view) {
            let target = self.pos_of_byte(doc, offset, view.0);
            (self.top, self.row) = self.backward(doc, target, view.1 / 3, view.0);
        }
        self.clamp(doc, view);
    }

    /// Puts 1-based line `line` near the top (with a little context above).
    pub fn goto_line(&mut self, doc: &Document, line: usize, view: (usize, usize)) {
        let line = line.clamp(1, doc.line_count().max(1));
        let at = self.pos_of_byte(doc, doc.lines.start(line), view.0);
        let context = if at.1 == 0 { 2.min(view.1 / 4) } else { 0 };
        (self.top, self.row) = self.backward(doc, at, context, view.0);
        self.clamp(doc, view);
    }

    /// The 1-based source line where the top segment starts.
    pub fn top_line(&self, doc: &Document) -> usize {
        doc.lines.line_of(self.segs.range(self.top).start)
    }

    /// Goes to the top of the document.
    pub fn home(&mut self) {
        self.top = 0;
        self.row = 0;
    }

    /// Goes to the end of the document.
    pub fn end(&mut self, doc: &Document, view: (usize, usize)) {
        (self.top, self.row) = self.max_top(doc, view);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse_document;

    fn doc(lines: usize) -> Document {
        let text: String = (0..lines)
            .map(|i| format!("ligne {i} {}\n\n", "mot ".repeat(i % 7 * 10)))
            .collect();
        parse_document("t".into(), "t.txt".into(), text, "UTF-8")
    }

    /// A reader of `d` (document 0) at its top.
    fn at_top(d: &Document) -> Reader {
        Reader {
            doc: 0,
            segs: std::sync::Arc::new(crate::app::text::Segments::new(d)),
            top: 0,
            row: 0,
            current_ref: None,
            find: None,
            raw: None,
            left: 0,
            note_at: None,
        }
    }

    #[test]
    fn forward_then_backward_returns() {
        let d = doc(200);
        let r = at_top(&d);
        for n in [0, 1, 5, 17, 80] {
            let p = r.forward(&d, (3, 0), n, 30);
            assert_eq!(r.backward(&d, p, n, 30), (3, 0), "n={n}");
        }
        let max = r.max_top(&d, (30, 10));
        let end = r.forward(&d, max, 9, 30);
        assert_eq!(end.0, r.segs.len() - 1);
        assert_eq!(r.forward(&d, end, 1, 30), end);
    }

    #[test]
    fn show_byte_makes_it_visible() {
        let d = doc(300);
        let mut r = at_top(&d);
        let offset = d.lines.start(250) + 3;
        r.show_byte(&d, offset, (30, 10));
        let target = r.pos_of_byte(&d, offset, 30);
        assert!(r.distance(&d, (r.top, r.row), target, 9, 30).is_some());
        r.goto_line(&d, 101, (30, 10));
        assert!(
            r.top_line(&d) <= 101 && r.top_line(&d) >= 97,
            "{}",
            r.top_line(&d)
        );
    }
}
