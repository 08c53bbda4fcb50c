//! Markdown documents read with the CommonMark parser (`pulldown-cmark`):
//! what each byte of the source shows as, computed once when the document
//! is opened. Syntax (`**`, `[`…`](url)`, `|`, `#`, fences) is hidden, text
//! keeps its byte offsets, and decorations (bullets, rules, footnote marks)
//! are added where the structure asks for them. Drawing a segment from this
//! is in [`super::markup`].

use super::flag;
use super::markup::{Markup, Piece, Row, Table};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// Largest markdown source laid out with the CommonMark parser; larger ones
/// are shown with the light markup of plain text (laying out costs ≈ 10 ms/MB).
pub const MAX_MARKDOWN: usize = 32 << 20;

/// Widest a table column gets (but the last) before its cells are clipped.
pub(super) const MAX_COLUMN: usize = 36;

/// HTML tags that style text, and the flag each sets.
const TAGS: &[(&str, u16)] = &[
    ("i", flag::ITALIC),
    ("em", flag::ITALIC),
    ("b", flag::BOLD),
    ("strong", flag::BOLD),
    ("sup", flag::SUPER),
    ("u", flag::LINK),
    ("s", flag::STRIKE),
    ("del", flag::STRIKE),
    ("code", flag::CODE),
];

/// Builds the markup of markdown `text`.
pub fn parse(text: &str) -> Markup {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut b = Builder::new(text);
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        b.event(event, range);
    }
    b.finish()
}

/// A list being read: its next number (ordered lists) and its depth.
struct List {
    next: Option<u64>,
}

/// The state of one pass over the parser's events.
struct Builder<'a> {
    text: &'a str,
    out: Markup,
    /// Flags of each open container, innermost last.
    flags: Vec<u16>,
    /// Flags set by inline HTML tags (`<i>` … `</i>`).
    html: u16,
    lists: Vec<List>,
    quotes: usize,
    /// Destination and source range of each open link.
    links: Vec<(String, Range<usize>)>,
    /// Cells of the table row being read, and where the row's cell pieces start.
    cells: Vec<(u32, u32)>,
    cell_from: usize,
    cell_range: Range<usize>,
    cell_widths: Vec<usize>,
    in_head: bool,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        Builder {
            text,
            out: Markup::default(),
            flags: vec![0],
            html: 0,
            lists: Vec::new(),
            quotes: 0,
            links: Vec::new(),
            cells: Vec::new(),
            cell_from: 0,
            cell_range: 0..0,
            cell_widths: Vec::new(),
            in_head: false,
        }
    }

    fn current(&self) -> u16 {
        self.flags.last().copied().unwrap_or(0) | self.html
    }

    /// Shows source bytes `range` with the current flags.
    fn source(&mut self, range: Range<usize>, extra: u16) {
        if range.is_empty() {
            return;
        }
        let flags = self.current() | extra;
        self.out.pieces.push(Piece::source(range, flags));
    }

    /// Shows `text` in place of source bytes `range` (empty: at `range.start`).
    fn replace(&mut self, range: Range<usize>, text: &str, flags: u16, hang: bool) {
        let index = self.out.extra.len() as u32;
        self.out.extra.push(text.into());
        let mut p = Piece::replaced(range, index, flags);
        p.hang = hang;
        self.out.pieces.push(p);
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t, range, 0),
            Event::Code(t) => self.text(&t, range, flag::CODE),
            Event::SoftBreak => {
                self.out.joins.push(range.start as u32);
                self.source(range, 0);
            }
            Event::HardBreak => {}
            Event::InlineHtml(h) => self.inline_html(&h, range),
            Event::Html(_) => self.html_block(range),
            Event::FootnoteReference(label) => {
                let mark = note_mark(&label);
                let flags = self.current() | flag::FOOTNOTE | flag::SUPER;
                self.replace(range, &mark, flags, false);
            }
            Event::Rule => self.replace(range, &"─".repeat(24), flag::DECOR, false),
            Event::TaskListMarker(done) => {
                let mark = if done { "☑ " } else { "☐ " };
                self.replace(range, mark, flag::DECOR, false);
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => self.source(range, flag::CODE),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let mut add = 0u16;
        match tag {
            Tag::Heading { .. } => add = flag::HEADING | flag::BOLD,
            Tag::Emphasis => add = flag::ITALIC,
            Tag::Strong => add = flag::BOLD,
            Tag::Strikethrough => add = flag::STRIKE,
            Tag::CodeBlock(_) => add = flag::CODE,
            Tag::Link { dest_url, .. } => {
                add = flag::LINK;
                self.links.push((dest_url.to_string(), range));
            }
            Tag::Image { dest_url, .. } => {
                add = flag::LINK;
                self.replace(range.start..range.start, "▣ ", flag::DECOR, false);
                self.links.push((dest_url.to_string(), range));
            }
            Tag::List(first) => self.lists.push(List { next: first }),
            Tag::Item => self.item(range),
            Tag::BlockQuote(_) => self.quotes += 1,
            Tag::Paragraph if self.quotes > 0 => {
                let bar = "│ ".repeat(self.quotes);
                self.replace(range.start..range.start, &bar, flag::DECOR, true);
                add = flag::ITALIC;
            }
            Tag::FootnoteDefinition(label) => {
                let mark = format!("{} ", note_mark(&label));
                let end = self.text[range.clone()]
                    .find(':')
                    .map_or(range.start, |c| range.start + c + 1);
                self.replace(range.start..end, &mark, flag::FOOTNOTE | flag::SUPER, true);
                add = flag::FOOTNOTE;
            }
            Tag::Table(_) => {
                self.out.tables.push(Table::default());
            }
            Tag::TableHead => {
                self.in_head = true;
                self.start_row();
                add = flag::BOLD;
            }
            Tag::TableRow => self.start_row(),
            Tag::TableCell => {
                self.cell_from = self.out.pieces.len();
                self.cell_range = range;
            }
            _ => {}
        }
        let flags = self.flags.last().copied().unwrap_or(0) | add;
        self.flags.push(flags);
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Link | TagEnd::Image => {
                if let Some((url, range)) = self.links.pop() {
                    self.link_target(&url, range);
                }
            }
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::BlockQuote(_) => self.quotes = self.quotes.saturating_sub(1),
            TagEnd::TableCell => self.end_cell(),
            TagEnd::TableHead => {
                self.end_row(true);
                self.in_head = false;
            }
            TagEnd::TableRow => self.end_row(false),
            _ => {}
        }
        self.flags.pop();
        if self.flags.is_empty() {
            self.flags.push(0);
        }
    }

    /// Text of the source shown as is where it is the source, else (entities,
    /// code spans without their backticks) the part that is, else replaced.
    fn text(&mut self, t: &str, range: Range<usize>, extra: u16) {
        let src = self.text.get(range.clone()).unwrap_or("");
        if src == t {
            self.source(range, extra);
        } else if let Some(at) = src.find(t).filter(|_| !t.is_empty()) {
            self.source(range.start + at..range.start + at + t.len(), extra);
        } else {
            let flags = self.current() | extra;
            self.replace(range, t, flags, false);
        }
    }

    /// A list item's marker: a bullet, or the number as written, indented by depth.
    fn item(&mut self, range: Range<usize>) {
        let depth = self.lists.len().saturating_sub(1);
        let src = &self.text[range.clone()];
        let lead = src.len() - src.trim_start().len();
        let marker_len = src[lead..]
            .find([' ', '\t', '\n'])
            .unwrap_or(src.len() - lead);
        let marker_range = range.start + lead..range.start + lead + marker_len;
        let indent = "  ".repeat(depth);
        let shown = match self.lists.last_mut().and_then(|l| l.next.as_mut()) {
            Some(n) => {
                let written = &self.text[marker_range.clone()];
                let close = if written.ends_with(')') { ')' } else { '.' };
                let s = format!("{indent}{n}{close} ");
                *n += 1;
                s
            }
            None => format!("{indent}• "),
        };
        self.replace(marker_range, &shown, flag::DECOR, true);
    }

    /// After a link's text, its destination (dimmed) when it says more than the text.
    fn link_target(&mut self, url: &str, range: Range<usize>) {
        let src = &self.text[range.clone()];
        let shown_text = src.starts_with('<');
        if url.is_empty() || shown_text {
            return;
        }
        let Some(at) = src.rfind(url) else { return };
        if src.get(1..).is_some_and(|inner| inner.starts_with(url)) {
            return; // [https://x](https://x): the text is the target
        }
        let flags = flag::DECOR | flag::LINK;
        self.replace(range.start + at..range.start + at, " ", flag::DECOR, false);
        self.out.pieces.push(Piece::source(
            range.start + at..range.start + at + url.len(),
            flags,
        ));
    }

    /// Inline HTML: styling tags set or clear a flag; other tags are hidden.
    fn inline_html(&mut self, html: &str, range: Range<usize>) {
        let t = html.trim();
        let (closing, name) = match t.strip_prefix("</") {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('<').unwrap_or(t)),
        };
        let name: String = name
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(&(_, f)) = TAGS.iter().find(|(n, _)| *n == name) {
            if closing {
                self.html &= !f;
            } else {
                self.html |= f;
            }
        } else if name == "br" {
            self.replace(range.start..range.start, " ", 0, false);
        }
    }

    /// An HTML block: the text between its tags shown, tags and comments hidden.
    fn html_block(&mut self, range: Range<usize>) {
        let src = &self.text[range.clone()];
        let mut at = 0usize;
        let mut in_comment = false;
        while at < src.len() {
            let rest = &src[at..];
            if in_comment {
                match rest.find("-->") {
                    Some(e) => {
                        at += e + 3;
                        in_comment = false;
                    }
                    None => break,
                }
            } else if rest.starts_with("<!--") {
                in_comment = true;
                at += 4;
            } else if rest.starts_with('<') {
                at += rest.find('>').map_or(rest.len(), |e| e + 1);
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                self.source(range.start + at..range.start + at + end, 0);
                at += end;
            }
        }
    }

    fn start_row(&mut self) {
        self.cells.clear();
        self.cell_widths.clear();
    }

    fn end_cell(&mut self) {
        let pieces = &self.out.pieces[self.cell_from.min(self.out.pieces.len())..];
        let width: usize = pieces
            .iter()
            .map(|p| self.out.piece_text(self.text, p).width())
            .sum();
        let r = &self.cell_range;
        self.cells.push((r.start as u32, r.end as u32));
        self.cell_widths.push(width);
    }

    fn end_row(&mut self, header: bool) {
        let Some(first) = self.cells.first() else {
            return;
        };
        let table = self.out.tables.len().saturating_sub(1);
        let start = line_start(self.text, first.0 as usize);
        if let Some(t) = self.out.tables.get_mut(table) {
            for (k, w) in self.cell_widths.iter().enumerate() {
                if t.widths.len() <= k {
                    t.widths.resize(k + 1, 0);
                }
                t.widths[k] = t.widths[k].max((*w).min(MAX_COLUMN) as u16);
            }
        }
        self.out.rows.push(Row {
            start: start as u32,
            table: table as u32,
            cells: std::mem::take(&mut self.cells),
            header,
        });
        if header {
            // The delimiter row under the header is drawn as a rule.
            let next = self.text[start..]
                .find('\n')
                .map_or(self.text.len(), |n| start + n + 1);
            if next < self.text.len() {
                self.out.rows.push(Row {
                    start: next as u32,
                    table: table as u32,
                    cells: Vec::new(),
                    header: false,
                });
            }
        }
    }

    fn finish(mut self) -> Markup {
        self.out.pieces.sort_by_key(|p| p.start);
        self.out.rows.sort_by_key(|r| r.start);
        self.out.joins.sort_unstable();
        self.out
    }
}

/// The byte where the line holding `offset` starts.
fn line_start(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |n| n + 1)
}

/// How a footnote label is shown: superscript digits, else `[label]`.
fn note_mark(label: &str) -> String {
    if !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit()) {
        crate::model::clean::superscript(label)
    } else {
        format!("[{label}]")
    }
}

#[cfg(test)]
mod tests {
    use crate::app::text::{Rendered, Segments, flag, render};
    use crate::model::Document;

    fn md(text: &str) -> Document {
        crate::model::parse::parse_document("t".into(), "t.md".into(), text.to_string(), "UTF-8")
    }

    fn shown(r: &Rendered) -> String {
        r.glyphs.iter().map(|g| g.c).collect()
    }

    /// Every segment of `d`, drawn.
    fn rows(d: &Document) -> Vec<String> {
        let s = Segments::new(d);
        (0..s.len()).map(|i| shown(&render(d, &s, i))).collect()
    }

    #[test]
    fn inline_markup_is_hidden_and_offsets_kept() {
        let d = md(
            "# The *title*\n\nA \\*lit\\* &amp; [link](https://x.org/a) and <https://y.org> **bold\nacross** lines.\n",
        );
        let r = rows(&d);
        assert_eq!(r[0], "The title");
        assert_eq!(
            r[2],
            "A *lit* & link https://x.org/a and https://y.org bold across lines."
        );
        let s = Segments::new(&d);
        let p = render(&d, &s, 2);
        let across = p
            .glyphs
            .iter()
            .find(|g| d.text[g.byte as usize..].starts_with("across"))
            .unwrap();
        assert!(across.flags & flag::BOLD != 0, "bold across the line break");
        let link = p.glyphs.iter().find(|g| g.c == 'k').unwrap();
        assert!(link.flags & flag::LINK != 0);
        let heading = render(&d, &s, 0);
        assert!(heading.glyphs.iter().all(|g| g.flags & flag::HEADING != 0));
    }

    #[test]
    fn footnotes_show_as_marks() {
        let d =
            md("Text with a note[^1] and another[^n].\n\n[^1]: The first note.\n[^n]: Named.\n");
        let r = rows(&d);
        assert_eq!(r[0], "Text with a note¹ and another[n].");
        assert!(r.contains(&"¹ The first note.".to_string()), "{r:?}");
        assert_eq!(d.footnotes.len(), 2);
    }

    #[test]
    fn lists_quotes_and_code() {
        let d = md(
            "- item one that is long enough to wrap\n  continued\n  - nested\n\n3. third\n4) fourth\n\n> quoted\n> text\n\n```\ncode  line\nsecond\n```\n\n---\n- [x] done\n",
        );
        let s = Segments::new(&d);
        let r = rows(&d);
        assert_eq!(r[0], "• item one that is long enough to wrap continued");
        assert_eq!(render(&d, &s, 0).hang, 2);
        assert!(r.contains(&"  • nested".to_string()), "{r:?}");
        assert!(r.contains(&"3. third".to_string()), "{r:?}");
        assert!(r.contains(&"4) fourth".to_string()), "{r:?}");
        assert!(r.contains(&"│ quoted text".to_string()), "{r:?}");
        assert!(r.contains(&"code  line".to_string()), "{r:?}");
        assert!(
            r.contains(&"second".to_string()),
            "code lines are not joined: {r:?}"
        );
        assert!(!r.iter().any(|l| l.contains("```")), "{r:?}");
        assert!(r.iter().any(|l| l.starts_with("────")), "{r:?}");
        assert!(r.contains(&"• ☑ done".to_string()), "{r:?}");
    }

    #[test]
    fn pipe_tables_line_up() {
        let d = md(
            "Before.\n\n| Symbol | Title |\n|---|---|\n| A/RES/80/1 | One |\n| S/RES/2700(2023) | `Two` |\n\nAfter.\n",
        );
        let r = rows(&d);
        let at = r.iter().position(|l| l.starts_with("Symbol")).unwrap();
        assert_eq!(r[at], "Symbol           │ Title");
        assert_eq!(r[at + 1], "─────────────────┼──────");
        assert_eq!(r[at + 2], "A/RES/80/1       │ One");
        assert_eq!(r[at + 3], "S/RES/2700(2023) │ Two");
        let s = Segments::new(&d);
        let row = render(&d, &s, at + 3);
        let t = row.glyphs.iter().find(|g| g.c == 'T').unwrap();
        assert_eq!(&d.text[t.byte as usize..][..3], "Two");
    }

    #[test]
    fn html_is_styled_or_hidden() {
        let d = md(
            "An <i>italic</i> word<br>and <span>more</span>.\n\n<!-- hidden -->\n<div>Kept text</div>\n",
        );
        let r = rows(&d);
        assert_eq!(r[0], "An italic word and more.");
        assert!(r.iter().any(|l| l == "Kept text"), "{r:?}");
        assert!(!r.iter().any(|l| l.contains("hidden")), "{r:?}");
    }

    #[test]
    fn raw_segments_show_the_source() {
        let d = md("# Title\n\n**bold**\n");
        let s = Segments::plain(&d);
        assert!(s.markup().is_none());
    }
}
