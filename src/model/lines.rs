//! Line index over a text: byte offsets of line starts, and conversions between
//! byte offsets and (line, column) positions as a person counts them.

/// Byte offsets where each line of a text starts; line numbers are 1-based.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes the lines of `text` (lines end at `\n`).
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| (i + 1) as u32));
        if starts.len() > 1 && *starts.last().unwrap_or(&0) as usize == text.len() {
            // A final newline does not open a new, empty line.
            starts.pop();
        }
        Self { starts }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// True when the text has no line at all (never: an empty text has one empty line).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&(offset as u32)) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Byte range of 1-based line `line`, without its newline.
    pub fn range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else {
            return text.len()..text.len();
        };
        let start = start as usize;
        let end = self
            .starts
            .get(line)
            .map(|&s| s as usize - 1)
            .unwrap_or(text.len() - usize::from(text.ends_with('\n')));
        start..end.max(start)
    }

    /// The text of 1-based line `line`, without its newline ("" past the end).
    pub fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        &text[self.range(text, line)]
    }

    /// 1-based (line, column) of byte `offset`, the column counted in characters.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.starts[line - 1] as usize;
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }

    /// Byte offset of the start of 1-based line `line`.
    pub fn start(&self, line: usize) -> usize {
        self.starts
            .get(line.wrapping_sub(1))
            .map_or(0, |&s| s as usize)
    }
}

/// Converts byte offsets, given in increasing order, to (line, column)
/// positions in time linear in the text, however long its lines.
pub struct PositionCursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    line: usize,
    offset: usize,
    column: usize,
}

impl<'a> PositionCursor<'a> {
    /// A cursor at the start of `text`, indexed by `index`.
    pub fn new(index: &'a LineIndex, text: &'a str) -> Self {
        Self {
            index,
            text,
            line: 1,
            offset: 0,
            column: 1,
        }
    }

    /// 1-based (line, column) of byte `offset`; offsets before the previous
    /// one are answered too, by counting from the start of their line.
    pub fn position(&mut self, offset: usize) -> (usize, usize) {
        let line = self.index.line_of(offset);
        if offset < self.offset || line != self.line {
            self.line = line;
            self.offset = self.index.start(line);
            self.column = 1;
        }
        let counted = self
            .text
            .get(self.offset..offset)
            .map_or(0, |s| s.chars().count());
        self.column += counted;
        self.offset = offset;
        (self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_positions() {
        let text = "ab\ncdé\n\nf";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 4);
        assert_eq!(idx.line(text, 2), "cdé");
        assert_eq!(idx.line(text, 3), "");
        assert_eq!(idx.line(text, 4), "f");
        assert_eq!(idx.line(text, 9), "");
        assert_eq!(idx.position(text, 0), (1, 1));
        assert_eq!(idx.position(text, 5), (2, 3));
        assert_eq!(idx.position(text, text.len() - 1), (4, 1));
    }

    #[test]
    fn cursor_agrees_with_direct_positions() {
        let text = "ab\ncdé fg\n\nhé";
        let idx = LineIndex::new(text);
        let mut cursor = PositionCursor::new(&idx, text);
        let offsets: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for &o in &offsets {
            assert_eq!(cursor.position(o), idx.position(text, o), "offset {o}");
        }
        assert_eq!(cursor.position(1), idx.position(text, 1));
    }

    #[test]
    fn trailing_newline_adds_no_line() {
        let text = "a\nb\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 2);
        assert_eq!(idx.line(text, 2), "b");
    }

    #[test]
    fn empty_text_has_one_empty_line() {
        let idx = LineIndex::new("");
        assert_eq!(idx.len(), 1);
        assert_eq!(idx.line("", 1), "");
    }
}
