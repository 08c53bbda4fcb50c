//! How a document's text is laid out for reading: cut into display segments
//! (its lines, with very long lines cut into pieces so no frame ever lays out
//! more than a few kilobytes), each segment rendered from its markdown-ish
//! markup into glyphs that remember their byte offset in the document, then
//! wrapped to a width with unicode-width (CJK characters take two columns).
//! Nothing here draws: the reader widget styles and paints the glyphs.

use crate::model::Document;
use crate::sanitize;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Longest segment, in bytes: longer lines are cut (at a space when possible).
pub const MAX_SEGMENT: usize = 8 * 1024;

/// Columns between tab stops.
pub const TAB: usize = 8;

/// Glyph flags.
pub mod flag {
    /// Bold text (`**x**`, `<b>`).
    pub const BOLD: u16 = 1;
    /// Italic text (`*x*`, `<i>`).
    pub const ITALIC: u16 = 2;
    /// A heading line (`# x`).
    pub const HEADING: u16 = 4;
    /// A superscript (`^{er}`, `<sup>`).
    pub const SUPER: u16 = 8;
    /// A footnote marker (`*` after a word) or a footnote's own line.
    pub const FOOTNOTE: u16 = 16;
    /// A control character made visible.
    pub const CONTROL: u16 = 32;
    /// Decoration added by the renderer (bullets, table rules).
    pub const DECOR: u16 = 64;
}

/// The display segments of a document: byte ranges, in order, covering every line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segments {
    ranges: Vec<(u32, u32)>,
}

impl Segments {
    /// Cuts `doc` into segments: one per line, except that the lines of a
    /// hard-wrapped paragraph are joined (and reflowed when drawn).
    pub fn new(doc: &Document) -> Self {
        let mut ranges = Vec::with_capacity(doc.line_count());
        let n = doc.line_count();
        let mut line = 1;
        while line <= n {
            let first = doc.lines.range(&doc.text, line);
            let mut end = first.end;
            while line < n && joins(doc, line) && end - first.start < MAX_SEGMENT {
                line += 1;
                end = doc.lines.range(&doc.text, line).end;
            }
            let mut start = first.start;
            while end - start > MAX_SEGMENT {
                let mut cut = start + MAX_SEGMENT;
                while !doc.text.is_char_boundary(cut) {
                    cut -= 1;
                }
                if let Some(space) = doc.text[start..cut].rfind([' ', '\n']) {
                    if space > MAX_SEGMENT / 2 {
                        cut = start + space + 1;
                    }
                }
                ranges.push((start as u32, cut as u32));
                start = cut;
            }
            ranges.push((start as u32, end as u32));
            line += 1;
        }
        Segments { ranges }
    }

    /// Number of segments.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// True when there is no segment.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Byte range of segment `i` (empty past the end).
    pub fn range(&self, i: usize) -> Range<usize> {
        self.ranges
            .get(i)
            .map_or(0..0, |&(s, e)| s as usize..e as usize)
    }

    /// The segment holding byte `offset` (the last one past the end).
    pub fn of_offset(&self, offset: usize) -> usize {
        let i = self.ranges.partition_point(|&(s, _)| s as usize <= offset);
        i.saturating_sub(1)
    }

    /// The first segment of 1-based line `line`.
    pub fn of_line(&self, doc: &Document, line: usize) -> usize {
        let line = line.clamp(1, doc.line_count().max(1));
        self.of_offset(doc.lines.start(line))
    }
}

/// Shortest line (in bytes, trimmed) taken as part of a hard-wrapped paragraph.
const WRAPPED_LINE: usize = 45;

fn is_footnote_line(doc: &Document, line: usize) -> bool {
    let i = doc.footnotes.partition_point(|f| f.line < line);
    doc.footnotes.get(i).is_some_and(|f| f.line == line)
}

/// True when a line starts a block of its own (heading, list item, table row).
fn starts_block(t: &str) -> bool {
    let t = t.trim_start();
    let mut chars = t.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next().unwrap_or(' ');
    matches!(first, '#' | '-' | '*' | '•' | '+' | '(' | '|' | '>')
        || (first.is_ascii_digit() && (second == '.' || second == ')' || second.is_ascii_digit()))
        || (first.is_alphabetic() && second == ')')
        || t.contains('\t')
}

/// True when line `line` and the next belong to one hard-wrapped paragraph.
fn joins(doc: &Document, line: usize) -> bool {
    let a = doc.line(line);
    let b = doc.line(line + 1);
    a.trim().len() >= WRAPPED_LINE
        && !b.trim().is_empty()
        && !a.contains('\t')
        && !a.trim_start().starts_with('#')
        && !starts_block(b)
        && !is_footnote_line(doc, line)
        && !is_footnote_line(doc, line + 1)
}

/// One displayed character: what to show, where it comes from, how wide it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    /// The character shown (already made safe).
    pub c: char,
    /// Byte offset in the document of the character it shows.
    pub byte: u32,
    /// Display width in columns (0 for combining marks).
    pub width: u8,
    /// [`flag`] bits.
    pub flags: u16,
}

/// A segment ready to wrap: its glyphs and the indent of continuation rows.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The glyphs, in order.
    pub glyphs: Vec<Glyph>,
    /// Columns of indent for wrapped rows (list items hang).
    pub hang: usize,
}

/// Renders segment `seg` of `doc`.
pub fn render(doc: &Document, segs: &Segments, seg: usize) -> Rendered {
    let range = segs.range(seg);
    let text = &doc.text[range.clone()];
    let base = range.start;
    let line = doc.lines.line_of(base);
    let line_start = doc.lines.start(line) == base;
    let mut out = Renderer {
        glyphs: Vec::with_capacity(text.len()),
        col: 0,
    };
    let mut flags = 0u16;
    let mut body = 0usize; // byte where inline text starts
    let mut hang = 0usize;
    if line <= front_matter_end(doc) {
        flags |= flag::DECOR;
    } else if line_start {
        let trimmed = text.trim_start_matches(' ');
        let lead = text.len() - trimmed.len();
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            flags |= flag::HEADING | flag::BOLD;
            body = lead + hashes + 1;
        } else if is_footnote_line(doc, line) {
            flags |= flag::FOOTNOTE;
        } else if let Some(rest) = ["- ", "* ", "• ", "+ "]
            .iter()
            .find_map(|m| trimmed.strip_prefix(m))
        {
            for _ in 0..lead {
                out.push(' ', base as u32, flag::DECOR);
            }
            out.push('•', (base + lead) as u32, flag::DECOR);
            out.push(' ', (base + lead) as u32, flag::DECOR);
            body = text.len() - rest.len();
            hang = lead + 2;
        }
        if hang == 0 && lead > 0 && lead < 16 {
            hang = lead;
        }
    }
    if line_start && flags & flag::DECOR == 0 && text.contains('\t') {
        return table_row(doc, line, text, base);
    }
    if open_bold_before(doc, segs, seg) {
        flags |= flag::BOLD;
    }
    inline(&mut out, text, base, body, flags);
    Rendered {
        glyphs: out.glyphs,
        hang,
    }
}

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
fn table_row(doc: &Document, line: usize, text: &str, base: usize) -> Rendered {
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

/// The last line of the document's front matter (`---` … `---` at the top), or 0.
fn front_matter_end(doc: &Document) -> usize {
    if !doc.text.starts_with("---") || doc.line(1).trim() != "---" {
        return 0;
    }
    (2..=doc.line_count().min(60))
        .find(|&l| doc.line(l).trim() == "---")
        .unwrap_or(0)
}

/// True when an earlier segment of the same paragraph opened `**` bold that is still open.
fn open_bold_before(doc: &Document, segs: &Segments, seg: usize) -> bool {
    let mut count = 0usize;
    for s in (seg.saturating_sub(8)..seg).rev() {
        let t = &doc.text[segs.range(s)];
        if t.trim().is_empty() {
            break;
        }
        count += t.matches("**").count();
    }
    count % 2 == 1
}

struct Renderer {
    glyphs: Vec<Glyph>,
    col: usize,
}

impl Renderer {
    fn push(&mut self, c: char, byte: u32, flags: u16) {
        if c == '\n' {
            // A joined line break: reflowed as a space.
            self.push(' ', byte, flags);
            return;
        }
        if c == '\t' {
            let n = TAB - self.col % TAB;
            for _ in 0..n {
                self.push(' ', byte, flags);
            }
            return;
        }
        let (c, flags) = if sanitize::is_dangerous(c) {
            (sanitize::placeholder(c), flags | flag::CONTROL)
        } else {
            (c, flags)
        };
        let width = c.width().unwrap_or(0) as u8;
        self.col += width as usize;
        self.glyphs.push(Glyph {
            c,
            byte,
            width,
            flags,
        });
    }
}

const TAGS: &[(&str, u16, bool)] = &[
    ("<i>", flag::ITALIC, true),
    ("</i>", flag::ITALIC, false),
    ("<em>", flag::ITALIC, true),
    ("</em>", flag::ITALIC, false),
    ("<b>", flag::BOLD, true),
    ("</b>", flag::BOLD, false),
    ("<strong>", flag::BOLD, true),
    ("</strong>", flag::BOLD, false),
    ("<sup>", flag::SUPER, true),
    ("</sup>", flag::SUPER, false),
];

/// Renders the inline markup of `text[from..]` (bold, italic, tags, superscripts, footnote markers).
fn inline(out: &mut Renderer, text: &str, base: usize, from: usize, mut flags: u16) {
    let bytes = text.as_bytes();
    let mut i = from;
    let mut super_brace = false;
    while i < text.len() {
        let rest = &text[i..];
        let b = bytes[i];
        if b == b'*' {
            if let Some(after) = rest.strip_prefix("**") {
                let opening_line = text[from..i].trim().is_empty();
                let closing = flags & flag::BOLD != 0 || after.contains("**") || opening_line;
                let at_end = rest.len() == 2;
                if closing || at_end {
                    flags ^= flag::BOLD;
                    if at_end {
                        flags &= !flag::BOLD;
                    }
                    i += 2;
                    continue;
                }
            } else if flags & flag::ITALIC != 0 {
                if i > from && !bytes[i - 1].is_ascii_whitespace() {
                    flags &= !flag::ITALIC;
                    i += 1;
                    continue;
                }
            } else if rest.len() > 1 && !bytes[i + 1].is_ascii_whitespace() && bytes[i + 1] != b'*'
            {
                if let Some(close) = rest[1..].find('*') {
                    let inner = &rest[1..1 + close];
                    if !inner.is_empty() && !inner.ends_with(' ') && !inner.contains('\t') {
                        flags |= flag::ITALIC;
                        i += 1;
                        continue;
                    }
                }
            }
            out.push('*', (base + i) as u32, flags | flag::FOOTNOTE);
            i += 1;
            continue;
        }
        if b == b'<' {
            if let Some(&(tag, f, on)) = TAGS.iter().find(|(t, _, _)| {
                rest.get(..t.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(t))
            }) {
                if on {
                    flags |= f;
                } else {
                    flags &= !f;
                }
                i += tag.len();
                continue;
            }
        }
        if b == b'^' && rest.starts_with("^{") && rest.contains('}') {
            flags |= flag::SUPER;
            super_brace = true;
            i += 2;
            continue;
        }
        if b == b'}' && super_brace {
            flags &= !flag::SUPER;
            super_brace = false;
            i += 1;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c, (base + i) as u32, flags);
        i += c.len_utf8();
    }
}

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
                break;
            }
            w += gw;
            if g[i].c == ' ' {
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

/// The number of rows segment `seg` takes at `width`.
pub fn row_count(doc: &Document, segs: &Segments, seg: usize, width: usize) -> usize {
    wrap(&render(doc, segs, seg), width).len()
}

/// Display width of a glyph range.
pub fn width_of(glyphs: &[Glyph]) -> usize {
    glyphs.iter().map(|g| g.width as usize).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_bundled;

    fn doc_of(text: &str) -> Document {
        crate::model::parse::parse_document("t".into(), "t.txt".into(), text.to_string(), "UTF-8")
    }

    fn shown(r: &Rendered) -> String {
        r.glyphs.iter().map(|g| g.c).collect()
    }

    #[test]
    fn markup_is_rendered_and_offsets_kept() {
        let d = doc_of("Un **gras** et *italique* et <i>ital</i> 1^{er} note*\n# Titre\n- point\n");
        let s = Segments::new(&d);
        let r = render(&d, &s, 0);
        assert_eq!(shown(&r), "Un gras et italique et ital 1er note*");
        let g = r.glyphs.iter().find(|g| g.c == 'g').unwrap();
        assert_eq!(&d.text[g.byte as usize..g.byte as usize + 1], "g");
        assert!(g.flags & flag::BOLD != 0);
        let e = r
            .glyphs
            .iter()
            .find(|g| g.c == 'e' && g.flags & flag::SUPER != 0);
        assert!(e.is_some());
        assert!(r.glyphs.last().unwrap().flags & flag::FOOTNOTE != 0);
        let h = render(&d, &s, 1);
        assert_eq!(shown(&h), "Titre");
        assert!(h.glyphs[0].flags & flag::HEADING != 0);
        assert_eq!(shown(&render(&d, &s, 2)), "• point");
    }

    #[test]
    fn controls_become_visible() {
        let d = doc_of("a\u{1b}[2J b");
        let s = Segments::new(&d);
        let r = render(&d, &s, 0);
        assert_eq!(shown(&r), "a␛[2J b");
        assert!(r.glyphs[1].flags & flag::CONTROL != 0);
    }

    #[test]
    fn tab_separated_rows_line_up_as_a_table() {
        let d = doc_of(
            "<i>Date</i>\t<i>Point</i>\tTitre\nMardi 14 avril\t\t\n10 heures\t1 a)\tOuverture\n\tx\u{1b}\ty\n",
        );
        let s = Segments::new(&d);
        let rows: Vec<String> = (0..4).map(|i| shown(&render(&d, &s, i))).collect();
        assert_eq!(
            rows[0], "Date           │ Poi… │ Titre",
            "the header clipped"
        );
        assert_eq!(rows[1], "Mardi 14 avril │      │ ");
        assert_eq!(rows[2], "10 heures      │ 1 a) │ Ouverture");
        assert_eq!(rows[3], "               │ x␛   │ y");
        // Offsets still point into the text.
        let r = render(&d, &s, 2);
        let o = r.glyphs.iter().find(|g| g.c == 'O').unwrap();
        assert_eq!(&d.text[o.byte as usize..o.byte as usize + 1], "O");
        assert_eq!(r.hang, "10 heures      │ 1 a) │ ".chars().count());
    }

    #[test]
    fn a_header_wider_than_its_column_is_clipped() {
        let d = doc_of(
            "Date de la séance plénière\t联合国会议\tTitre\n14 avril\t1 a)\tOuverture\n15 avril\t2\tClôture\n",
        );
        let s = Segments::new(&d);
        let rows: Vec<String> = (0..3).map(|i| shown(&render(&d, &s, i))).collect();
        assert_eq!(rows[0], "Date de… │ 联…  │ Titre");
        assert_eq!(rows[1], "14 avril │ 1 a) │ Ouverture");
        let rule = |r: &str| unicode_width::UnicodeWidthStr::width(&r[..r.find('│').unwrap()]);
        assert_eq!(rule(&rows[0]), rule(&rows[1]));
        let second = |r: &str| {
            let at = r.match_indices('│').nth(1).unwrap().0;
            unicode_width::UnicodeWidthStr::width(&r[..at])
        };
        assert_eq!(second(&rows[0]), second(&rows[2]), "{rows:?}");
    }

    #[test]
    fn wrap_respects_width_including_wide_characters() {
        let d = doc_of("联合国毒品和犯罪问题办公室 the quick brown fox jumps");
        let s = Segments::new(&d);
        let r = render(&d, &s, 0);
        for w in 1..30 {
            let rows = wrap(&r, w);
            let total: usize = rows.iter().map(|x| x.len()).sum();
            assert!(total <= r.glyphs.len());
            for row in &rows {
                assert!(width_of(&r.glyphs[row.clone()]) <= w.max(2), "w={w}");
            }
        }
        let rows = wrap(&r, 10);
        assert_eq!(width_of(&r.glyphs[rows[0].clone()]), 10);
    }

    #[test]
    fn long_lines_are_cut_into_segments() {
        let line = "mot ".repeat(10_000);
        let d = doc_of(&line);
        let s = Segments::new(&d);
        assert!(s.len() > 4);
        for i in 0..s.len() {
            assert!(s.range(i).len() <= MAX_SEGMENT);
        }
        assert_eq!(s.of_offset(s.range(3).start + 1), 3);
        let corpus = load_bundled();
        let d = &corpus.documents()[0];
        let s = Segments::new(d);
        assert!(s.len() < d.line_count(), "the wrapped heading is joined");
        assert_eq!(s.range(s.of_line(d, 27)).start, d.lines.start(27));
        let heading = s.of_line(d, 19);
        assert_eq!(s.of_line(d, 20), heading);
        let r = render(d, &s, heading);
        let shown: String = r.glyphs.iter().map(|g| g.c).collect();
        assert!(
            shown.starts_with("Examen de l'application de la Convention des Nations Unies contre"),
            "{shown}"
        );
        assert!(r.glyphs.iter().all(|g| g.flags & flag::BOLD != 0));
    }
}
