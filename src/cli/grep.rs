//! `dossier grep REGEX`: the lines matching a regular expression, like
//! `rg -n`. Each document's whole text is searched at once (no per-line
//! regex runs), documents in parallel, results printed in corpus order.

use crate::cli::output::{Failure, Out, Outcome, warn};
use crate::model::{Corpus, Document};
use crate::sanitize::inert;
use rayon::prelude::*;
use regex::{Regex, RegexBuilder};
use serde::Serialize;

/// Largest compiled regex accepted, in bytes (the regex crate's default is 10 MiB).
const REGEX_SIZE_LIMIT: usize = 64 * 1024 * 1024;

/// Compiles `pattern`; `^` and `$` match at line starts and ends.
pub fn compile(pattern: &str, ignore_case: bool) -> Result<Regex, Failure> {
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

/// One matching line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hit {
    /// 1-based line.
    line: usize,
    /// Byte ranges of the matches within the line.
    spans: Vec<(usize, usize)>,
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
        let spans: Vec<(usize, usize)> = regex
            .find_iter(slice)
            .map(|s| (s.start(), s.end()))
            .collect();
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

/// `dossier grep REGEX`. No matching line is [`Outcome::NothingFound`].
pub fn grep(corpus: &Corpus, regex: &Regex, out: &mut Out) -> Result<Outcome, Failure> {
    let per_doc: Vec<Vec<Hit>> = corpus
        .documents()
        .par_iter()
        .map(|d| hits(d, regex))
        .collect();
    let found = per_doc.iter().any(|h| !h.is_empty());
    let result = if found {
        Outcome::Done
    } else {
        Outcome::NothingFound
    };
    if out.is_json() {
        let rows: Vec<LineRow> = corpus
            .documents()
            .iter()
            .zip(&per_doc)
            .flat_map(|(d, hits)| hits.iter().map(move |h| line_row(d, h)))
            .collect();
        out.json(&rows)?;
        return Ok(result);
    }
    if !found {
        warn(&format!("no line matches '{}'", regex.as_str()));
        return Ok(result);
    }
    for (d, hits) in corpus.documents().iter().zip(&per_doc) {
        let id = inert(&d.id);
        for h in hits {
            let number = h.line.to_string();
            out.pieces(&[&id, ":", &number, ":", &inert(d.line(h.line))])?;
        }
    }
    Ok(result)
}

fn line_row<'d>(doc: &'d Document, hit: &Hit) -> LineRow<'d> {
    let line = doc.line(hit.line);
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
        doc: &doc.id,
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
        let row = line_row(&d, &h[0]);
        assert_eq!(row.column, 13);
        assert_eq!(row.matches[0].text, "4/4");
    }

    #[test]
    fn columns_of_many_matches() {
        let d = doc("é a é a éé a");
        let re = compile("a", false).expect("regex");
        let row = line_row(&d, &hits(&d, &re)[0]);
        let columns: Vec<(usize, usize)> = row
            .matches
            .iter()
            .map(|m| (m.column, m.end_column))
            .collect();
        assert_eq!(columns, [(3, 4), (7, 8), (12, 13)]);
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
