//! Cutting a document into display segments: its lines, the lines of a
//! hard-wrapped paragraph joined, very long lines cut into pieces.

use super::MAX_SEGMENT;
use super::markdown::{self, MAX_MARKDOWN};
use super::markup::Markup;
use crate::model::Document;
use std::ops::Range;
use std::sync::Arc;

/// The display segments of a document: byte ranges, in order, covering
/// every line; for a markdown document, its markup too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segments {
    ranges: Vec<(u32, u32)>,
    markup: Option<Arc<Markup>>,
    unwrapped: bool,
}

impl Segments {
    /// Cuts `doc` into segments: one per line, except that the lines of a
    /// paragraph are joined (and reflowed when drawn). A markdown document
    /// is read with the CommonMark parser, whose paragraphs are joined;
    /// other text is joined where its lines look hard-wrapped.
    pub fn new(doc: &Document) -> Self {
        if doc.is_markdown() && doc.text.len() <= MAX_MARKDOWN {
            let markup = markdown::parse(&doc.text);
            let ranges = cut(doc, |line| {
                markup.joins_at(doc.lines.range(&doc.text, line).end)
            });
            return Segments {
                ranges,
                markup: Some(Arc::new(markup)),
                unwrapped: false,
            };
        }
        Self::plain(doc)
    }

    /// Cuts `doc` into segments as plain text (its markdown not parsed: the
    /// text as decoded). A layout rendering keeps its lines as printed:
    /// one segment each, never wrapped.
    pub fn plain(doc: &Document) -> Self {
        Segments {
            ranges: cut(doc, |line| !doc.layout && joins(doc, line)),
            markup: None,
            unwrapped: doc.layout,
        }
    }

    /// True when lines are shown as printed, scrolled sideways rather than wrapped.
    pub fn unwrapped(&self) -> bool {
        self.unwrapped
    }

    /// The rows of rendered segment `r` at `width`: wrapped, or one row
    /// when lines are shown unwrapped.
    pub fn wrap(&self, r: &super::Rendered, width: usize) -> Vec<Range<usize>> {
        if self.unwrapped {
            std::iter::once(0..r.glyphs.len()).collect()
        } else {
            super::wrap(r, width)
        }
    }

    /// The markup of a markdown document.
    pub fn markup(&self) -> Option<&Markup> {
        self.markup.as_deref()
    }
}

/// The segments of `doc`, line `l` joined to the next when `join(l)`.
fn cut(doc: &Document, join: impl Fn(usize) -> bool) -> Vec<(u32, u32)> {
    {
        let mut ranges = Vec::with_capacity(doc.line_count());
        let n = doc.line_count();
        let mut line = 1;
        while line <= n {
            let first = doc.lines.range(&doc.text, line);
            let mut end = first.end;
            while line < n && join(line) && end - first.start < MAX_SEGMENT {
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
        ranges
    }
}

impl Segments {
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

pub(super) fn is_footnote_line(doc: &Document, line: usize) -> bool {
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
