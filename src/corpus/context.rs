//! The context of a citation, as backlinks show it: its line, trimmed, cut
//! around the citation when the line is very long.

use crate::model::{Document, Reference};

/// Lines longer than this (in bytes) are cut around the citation.
const LONG_LINE: usize = 4096;

/// Bytes kept on each side of a citation in a long line.
const CONTEXT_RADIUS: usize = 512;

/// The context of a citation: its line, trimmed, cut around the citation
/// when very long (a 5 MB line cited 30 000 times must not print 30 000 copies).
pub struct Context<'d> {
    /// The context text.
    pub text: &'d str,
    /// Characters of `text` before the citation.
    pub focus: usize,
    /// True when the line was cut.
    pub truncated: bool,
}

impl<'d> Context<'d> {
    /// The context of reference `r` of `doc`.
    pub fn of(doc: &'d Document, r: &Reference) -> Self {
        let range = doc.lines.range(&doc.text, r.line);
        let line = &doc.text[range.clone()];
        let start = r.start.saturating_sub(range.start).min(line.len());
        let end = r.end.saturating_sub(range.start).clamp(start, line.len());
        let (from, to, truncated) = if line.len() <= LONG_LINE {
            (0, line.len(), false)
        } else {
            let from = char_floor(line, start.saturating_sub(CONTEXT_RADIUS));
            let to = char_ceil(line, (end + CONTEXT_RADIUS).min(line.len()));
            (from, to, from > 0 || to < line.len())
        };
        let part = &line[from..to];
        let text = part.trim();
        let lead = from + (part.len() - part.trim_start().len());
        let focus = line
            .get(lead.min(start)..start)
            .map_or(0, |s| s.chars().count());
        Context {
            text,
            focus,
            truncated,
        }
    }
}

/// The char boundary at or before `i`.
fn char_floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char boundary at or after `i`.
fn char_ceil(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse_document;
    use std::path::PathBuf;

    fn doc(text: &str) -> Document {
        parse_document("t".into(), PathBuf::from("t.txt"), text.into(), "UTF-8")
    }

    #[test]
    fn context_is_the_trimmed_line() {
        let d = doc("Titre\n\n   Dans sa décision 4/4, la Conférence.  \n");
        let r = &d.references[0];
        let c = Context::of(&d, r);
        assert_eq!(c.text, "Dans sa décision 4/4, la Conférence.");
        assert!(!c.truncated);
        assert!(
            c.text[c.text.char_indices().nth(c.focus).map_or(0, |(i, _)| i)..]
                .starts_with("décision 4/4")
        );
    }

    #[test]
    fn context_of_a_long_line_is_cut_around_the_citation() {
        let sentence = "Dans sa décision 4/4, la Conférence a décidé. ";
        let d = doc(&sentence.repeat(2000));
        assert!(d.references.len() > 1000);
        let r = &d.references[1000];
        let c = Context::of(&d, r);
        assert!(c.truncated);
        assert!(c.text.len() <= 2 * CONTEXT_RADIUS + 64, "{}", c.text.len());
        let at = c.text.char_indices().nth(c.focus).map_or(0, |(i, _)| i);
        assert!(
            c.text[at..].starts_with("décision 4/4"),
            "{}",
            &c.text[at..]
        );
    }
}
