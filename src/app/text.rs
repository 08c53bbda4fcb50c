//! How a document's text is laid out for reading: cut into display segments
//! (its lines, with very long lines cut into pieces so no frame ever lays out
//! more than a few kilobytes), each segment rendered from its markdown-ish
//! markup into glyphs that remember their byte offset in the document, then
//! wrapped to a width with unicode-width (CJK characters take two columns).
//! Nothing here draws: the reader widget styles and paints the glyphs.

mod inline;
pub mod markdown;
pub mod markup;
mod segments;
mod table;
mod wrap;

use crate::model::Document;
use inline::{Renderer, inline};
pub use segments::Segments;
use segments::is_footnote_line;
use table::table_row;
pub use wrap::{row_count, width_of, wrap};

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
    /// A link's text or target.
    pub const LINK: u16 = 128;
    /// Code (`` `x` ``, fenced blocks).
    pub const CODE: u16 = 256;
    /// Struck-out text (`~~x~~`).
    pub const STRIKE: u16 = 512;
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
    if let Some(markup) = segs.markup() {
        return markup.render(&doc.text, range);
    }
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
    fn a_word_ending_at_the_edge_keeps_its_row_and_compounds_break_after_their_hyphen() {
        let d = doc_of("aaaa bbbb cccc dddd");
        let s = Segments::new(&d);
        let r = render(&d, &s, 0);
        let rows: Vec<String> = wrap(&r, 9)
            .iter()
            .map(|x| r.glyphs[x.clone()].iter().map(|g| g.c).collect())
            .collect();
        assert_eq!(rows, ["aaaa bbbb", "cccc dddd"], "as textwrap wraps it");
        let d = doc_of("the Secretary-General reports");
        let s = Segments::new(&d);
        let r = render(&d, &s, 0);
        let rows: Vec<String> = wrap(&r, 16)
            .iter()
            .map(|x| r.glyphs[x.clone()].iter().map(|g| g.c).collect())
            .collect();
        assert_eq!(rows, ["the Secretary-", "General reports"]);
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
