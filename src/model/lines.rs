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
