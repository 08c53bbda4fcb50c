//! `dossier grep REGEX`: the lines matching a regular expression, like
//! `rg -n`. Each document's whole text is searched at once (no per-line
//! regex runs), documents in parallel, each document's lines printed in corpus
//! order as soon as it and those before it are searched.
//! Documents are read as text only and dropped once searched: memory holds
//! the matching lines of the documents waiting for a slower one, not the corpus.

use crate::cli::output::{Failure, Out, Outcome, warn};
use crate::model::stem::WordQuery;
use crate::model::{Corpus, Document};
use rayon::prelude::*;
use regex::{Regex, RegexBuilder};
use serde::Serialize;

/// Largest compiled regex accepted, in bytes (the regex crate's default is 10 MiB).
const REGEX_SIZE_LIMIT: usize = 64 * 1024 * 1024;

/// Longest pattern accepted, in characters: matching costs up to the text's
/// length times the pattern's, so a bounded pattern keeps `grep` linear in the text.
pub const MAX_PATTERN_CHARS: usize = 1000;

/// Compiles `pattern`; `^` and `$` match at line starts and ends.
pub fn compile(pattern: &str, ignore_case: bool) -> Result<Regex, Failure> {
    let length = pattern.chars().count();
    if length > MAX_PATTERN_CHARS {
        return Err(Failure::Usage(format!(
            "the pattern is {length} characters long; the limit is {MAX_PATTERN_CHARS} \
             (search for a distinctive part of the text)"
        )));
    }
    RegexBuilder::new(pattern)
        .multi_line(true)
        .case_insensitive(ignore_case)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| {
            Failure::Usage(format!(
                "invalid regular expression: {e}\n(the syntax is described at https://docs.rs/regex/latest/regex/#syntax; \
                 escape special characters such as . ( [ with a backslash)"
            ))
        })
}

/// What `grep` looks for in each line.
#[derive(Debug)]
pub enum Matcher {
    /// A regular expression ([`compile`]).
    Regex(Regex),
    /// Words in any of their forms, in each document's language
    /// (`--words`: [`crate::model::stem`]).
    Words(WordQuery),
}

/// One matching line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hit {
    /// 1-based line.
    line: usize,
    /// Byte ranges of the matches within the line.
    spans: Vec<(usize, usize)>,
}

/// The matching lines of one document, kept after the document is dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocHits {
    id: String,
    /// Each matching line: its hit and its text.
    lines: Vec<(Hit, String)>,
}

/// The matching lines of `doc`, copied out of it.
pub fn doc_hits(doc: &Document, matcher: &Matcher) -> DocHits {
    let found = match matcher {
        Matcher::Regex(regex) => hits(doc, regex),
        Matcher::Words(query) => word_hits(doc, query),
    };
    let lines = found
        .into_iter()
        .map(|h| {
            let text = doc.line(h.line).to_string();
            (h, text)
        })
        .collect();
    DocHits {
        id: doc.id.clone(),
        lines,
    }
}

/// A match within a line, as `grep --json` prints it.
#[derive(Debug, Serialize)]
struct SpanRow<'a> {
    /// 1-based column (in characters) where the match starts.
    column: usize,
    /// 1-based column just past its end.
    end_column: usize,
    text: &'a str,
}

/// A matching line, as `grep --json` prints it.
#[derive(Debug, Serialize)]
struct LineRow<'a> {
    doc: &'a str,
    line: usize,
    column: usize,
    text: &'a str,
    matches: Vec<SpanRow<'a>>,
}

/// The lines of `doc` on which `regex` matches, in order.
fn hits(doc: &Document, regex: &Regex) -> Vec<Hit> {
    let text = doc.text.as_str();
    let mut hits = Vec::new();
    if text.is_empty() {
        // An empty file has no line to match, as in grep and rg.
        return hits;
    }
    let mut pos = 0;
    while pos <= text.len() {
        let Some(m) = regex.find_at(text, pos) else {
            break;
        };
        let line = doc.lines.line_of(m.start());
        let range = doc.lines.range(text, line);
        // Only matches within the line count, as in grep; a match running
        // over the line end does not.
        let slice = &text[range.clone()];
        let spans = merged_spans(regex.find_iter(slice).map(|s| (s.start(), s.end())));
        if !spans.is_empty() {
            hits.push(Hit { line, spans });
        }
        let next = doc.lines.start(line + 1);
        if line >= doc.lines.len() || next <= pos {
            break;
        }
        pos = next;
    }
    hits
}

/// The lines of `doc` holding every word of `query` in some form of the
/// document's language, in order, each word found a span.
fn word_hits(doc: &Document, query: &WordQuery) -> Vec<Hit> {
    let matcher = query.in_language(doc.meta.language.as_deref());
    (1..=doc.line_count())
        .filter_map(|line| {
            let spans = matcher.spans(doc.line(line))?;
            Some(Hit { line, spans })
        })
        .collect()
}

/// `spans` (in order) with those that touch made one: `grep .` gives one
/// span per line, not one per character.
fn merged_spans(spans: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if last.1 == s && s > last.0 => last.1 = e,
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// The matching lines of every document of `corpus`, in corpus order.
pub fn corpus_hits(corpus: &Corpus, matcher: &Matcher) -> Vec<DocHits> {
    corpus
        .documents()
        .par_iter()
        .map(|d| doc_hits(d, matcher))
        .collect()
}

/// Documents read from a corpus at a time when scanning it.
const SCAN_PAGE: usize = 256;

/// The hits of every document of `source`, handed to `each` in corpus
/// order, one page of documents at a time.
pub fn source_hits(
    source: &dyn crate::corpus::Source,
    matcher: &Matcher,
    each: &mut dyn FnMut(DocHits) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let mut offset = 0;
    loop {
        let page = source
            .documents(crate::corpus::Page {
                offset,
                limit: SCAN_PAGE,
            })
            .map_err(crate::cli::documents::source_failure)?;
        for doc in &page {
            each(doc_hits(doc, matcher))?;
        }
        if page.len() < SCAN_PAGE {
            return Ok(());
        }
        offset += page.len();
    }
}

/// `dossier grep REGEX` printing each document's matching lines as they come
/// (in corpus order): human lines, or one JSON array written item by item.
pub struct Printer {
    found: bool,
    /// JSON only: whether the array has been opened.
    opened: bool,
}

impl Printer {
    /// A printer that has printed nothing yet.
    pub fn new() -> Self {
        Printer {
            found: false,
            opened: false,
        }
    }

    /// Prints the matching lines of one document.
    pub fn doc(&mut self, hits: &DocHits, out: &mut Out) -> Result<(), Failure> {
        for (h, text) in &hits.lines {
            self.found = true;
            if out.is_json() {
                out.json_item(!self.opened, &line_row(&hits.id, text, h))?;
                self.opened = true;
            } else {
                // `pieces` makes the id and the line inert.
                let number = h.line.to_string();
                out.pieces(&[&hits.id, ":", &number, ":", text])?;
            }
        }
        Ok(())
    }

    /// Ends the output (`pattern`: what was looked for). No matching line
    /// is [`Outcome::NothingFound`].
    pub fn finish(self, pattern: &str, out: &mut Out) -> Result<Outcome, Failure> {
        if out.is_json() {
            out.json_array_end(self.opened)?;
        } else if !self.found {
            warn(&format!("no line matches '{pattern}'"));
        }
        Ok(if self.found {
            Outcome::Done
        } else {
            Outcome::NothingFound
        })
    }
}

impl Default for Printer {
    fn default() -> Self {
        Self::new()
    }
}

fn line_row<'d>(id: &'d str, line: &'d str, hit: &Hit) -> LineRow<'d> {
    // Columns counted from the previous position, since spans come in order:
    // a long line with many matches costs one pass, not one per match.
    let mut cursor = (0usize, 1usize);
    let mut column_of = |byte: usize| {
        let (from, column) = cursor;
        let byte = byte.max(from);
        let column = column + line.get(from..byte).map_or(0, |s| s.chars().count());
        cursor = (byte, column);
        column
    };
    let matches: Vec<SpanRow> = hit
        .spans
        .iter()
        .map(|&(s, e)| {
            let column = column_of(s);
            let end_column = column_of(e);
            SpanRow {
                column,
                end_column,
                text: line.get(s..e).unwrap_or(""),
            }
        })
        .collect();
    LineRow {
        doc: id,
        line: hit.line,
        column: matches.first().map_or(1, |m| m.column),
        text: line,
        matches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse_document;
    use std::path::PathBuf;

    fn doc(text: &str) -> Document {
        parse_document("t".into(), PathBuf::from("t.txt"), text.into(), "UTF-8")
    }

    fn lines(text: &str, pattern: &str) -> Vec<usize> {
        let re = compile(pattern, false).expect("regex");
        hits(&doc(text), &re).iter().map(|h| h.line).collect()
    }

    #[test]
    fn reports_each_matching_line_once() {
        assert_eq!(lines("a a\nb\na\n", "a"), [1, 3]);
        assert_eq!(lines("x\ny\n", "^"), [1, 2]);
        assert_eq!(lines("abc\n\ndef", "^$"), [2]);
        assert_eq!(lines("", "z"), Vec::<usize>::new());
    }

    #[test]
    fn matches_do_not_cross_lines() {
        assert_eq!(lines("a\nb\na b\n", r"a\s*b"), [3]);
        assert_eq!(lines("y\nz x\n", r"x|y\s+z"), [2]);
    }

    #[test]
    fn anchors_work_per_line() {
        assert_eq!(lines("one\ntwo one\none two", "^one"), [1, 3]);
        assert_eq!(lines("one\ntwo one\none two", "one$"), [1, 2]);
    }

    #[test]
    fn columns_count_characters() {
        let d = doc("éé décision 4/4");
        let re = compile(r"\d/\d", false).expect("regex");
        let h = hits(&d, &re);
        let row = line_row(&d.id, d.line(h[0].line), &h[0]);
        assert_eq!(row.column, 13);
        assert_eq!(row.matches[0].text, "4/4");
    }

    #[test]
    fn columns_of_many_matches() {
        let d = doc("é a é a éé a");
        let re = compile("a", false).expect("regex");
        let h = hits(&d, &re);
        let row = line_row(&d.id, d.line(h[0].line), &h[0]);
        let columns: Vec<(usize, usize)> = row
            .matches
            .iter()
            .map(|m| (m.column, m.end_column))
            .collect();
        assert_eq!(columns, [(3, 4), (7, 8), (12, 13)]);
    }

    #[test]
    fn touching_matches_are_one_span() {
        let d = doc("décision 4/4, a b");
        let re = compile(".", false).expect("regex");
        let h = hits(&d, &re);
        assert_eq!(h[0].spans, [(0, d.text.len())]);
        let re = compile(r"\w", false).expect("regex");
        let h = hits(&d, &re);
        assert_eq!(h[0].spans.len(), 5, "{:?}", h[0].spans);
        let re = compile("x*", false).expect("regex");
        assert!(hits(&doc("ab"), &re)[0].spans.iter().all(|(s, e)| s == e));
    }

    #[test]
    fn an_empty_document_has_no_matching_line() {
        assert_eq!(lines("", "^$"), Vec::<usize>::new());
        assert_eq!(lines("", "x*"), Vec::<usize>::new());
    }

    /// The obviously correct way: the regex run on each line.
    fn per_line(text: &str, re: &Regex) -> Vec<usize> {
        text.lines()
            .enumerate()
            .filter(|(_, l)| re.is_match(l))
            .map(|(n, _)| n + 1)
            .collect()
    }

    const PATTERNS: &[&str] = &[
        "a",
        "^a",
        "a$",
        "^$",
        r"a\s*b",
        r"a\s+b|b$",
        "b+a",
        "(?i)A",
        r"\bab\b",
        "é",
        "x*",
        r"^\s+$",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn whole_text_search_equals_per_line_search(
            text in "[ab é\n\t]{0,80}",
            pattern in proptest::sample::select(PATTERNS),
        ) {
            let re = compile(pattern, false).expect("regex");
            let found: Vec<usize> = hits(&doc(&text), &re).iter().map(|h| h.line).collect();
            proptest::prop_assert_eq!(found, per_line(&text, &re));
        }
    }

    #[test]
    fn invalid_regex_is_a_usage_error() {
        assert!(matches!(compile("(", false), Err(Failure::Usage(_))));
    }
}
