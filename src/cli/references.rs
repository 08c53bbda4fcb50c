//! `dossier refs` (every citation, optionally of some kinds) and
//! `dossier backlinks KEY` (the documents and lines citing a key).

use crate::cli::documents::ReferenceRow;
use crate::cli::output::{Columns, Failure, Out, Outcome, Table, warn, window};
use crate::model::fold::fold;
use crate::model::reference::normalize_key;
use crate::model::{Citation, Corpus, Document, RefKind, Reference};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// Widest context printed for a citation, whatever the terminal.
const CONTEXT_WIDTH: usize = 100;

/// `dossier refs [--kind KIND]...`.
pub fn refs(corpus: &Corpus, kinds: &[RefKind], out: &mut Out) -> Result<(), Failure> {
    let wanted = |k: RefKind| kinds.is_empty() || kinds.contains(&k);
    let rows = corpus.documents().iter().flat_map(|d| {
        d.references
            .iter()
            .filter(|r| wanted(r.kind))
            .map(move |r| (d, r))
    });
    if out.is_json() {
        let rows: Vec<ReferenceRow> = rows.map(|(d, r)| ReferenceRow::of(d, r)).collect();
        return out.json(&rows);
    }
    let mut table = Table::new(&["DOC", "LINE:COL", "KIND", "KEY", "TEXT"]).cap(3, 48);
    for (d, r) in rows {
        table.row(&[
            d.id.as_str(),
            &format!("{}:{}", r.line, r.column),
            r.kind.name(),
            &r.key,
            r.text(&d.text),
        ]);
    }
    out.table(&table)
}

/// One citation of a key, as `backlinks --json` prints it.
#[derive(Debug, Serialize)]
struct CitationRow<'a> {
    /// Characters of `context` before the citation.
    #[serde(skip)]
    focus: usize,
    doc: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// The citation as written.
    text: &'a str,
    /// The cited line, trimmed; only the part around the citation when the
    /// line is very long (then `context_truncated` is true).
    context: &'a str,
    context_truncated: bool,
}

/// Everything `backlinks --json` prints; the citations are made one at a
/// time as they are written.
#[derive(Serialize)]
#[serde(bound = "Streamed<F>: Serialize")]
struct Backlinks<'a, F> {
    key: &'a str,
    /// For a symbol key: the corpus documents carrying that symbol.
    documents_with_symbol: Vec<&'a str>,
    /// The citing documents, each once, in corpus order.
    documents: Vec<&'a str>,
    citations: Streamed<F>,
}

/// A sequence serialized from a fresh iterator, never collected.
struct Streamed<F>(F);

impl<F, I, T> Serialize for Streamed<F>
where
    F: Fn() -> I,
    I: Iterator<Item = T>,
    T: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// The row of citation `c`.
fn citation_row<'c>(corpus: &'c Corpus, c: &Citation) -> Option<CitationRow<'c>> {
    let doc = corpus.get(c.doc)?;
    let r = corpus.reference(c)?;
    let context = Context::of(doc, r);
    Some(CitationRow {
        focus: context.focus,
        doc: &doc.id,
        line: r.line,
        column: r.column,
        end_line: r.end_line,
        end_column: r.end_column,
        text: r.text(&doc.text),
        context: context.text,
        context_truncated: context.truncated,
    })
}

/// `dossier backlinks KEY`. Nothing citing the key is [`Outcome::NothingFound`].
/// Rows are made and written one at a time: memory does not grow with the
/// number of citations, and `| head` gets its lines at once.
pub fn backlinks(corpus: &Corpus, input: &str, out: &mut Out) -> Result<Outcome, Failure> {
    let Some(key) = normalize_key(input) else {
        let mut message = format!("'{input}' is not a reference key");
        push_suggestions(&mut message, corpus, input);
        message.push_str(
            "\nwrite a key as symbol:CTOC/COP/2012/1 (or just CTOC/COP/2012/1), decision:4/4 \
             (or 4/4, 'décision 4/4'), resolution:5/2, article:convention:32:3, url:https://… \
             or email:name@example.org; `dossier refs` lists the keys cited",
        );
        return Err(Failure::Usage(message));
    };
    let cited = corpus.backlinks(&key);
    let rows = || cited.iter().filter_map(|c| citation_row(corpus, c));
    // What the rows will hold, known without making them.
    let citing = || {
        cited
            .iter()
            .filter(|c| corpus.reference(c).is_some())
            .filter_map(|c| Some((corpus.get(c.doc)?, corpus.reference(c)?)))
    };
    let mut documents: Vec<&str> = citing().map(|(d, _)| d.id.as_str()).collect();
    documents.dedup();
    let count = citing().count();
    let documents_with_symbol: Vec<&str> = corpus
        .resolve(&key)
        .iter()
        .filter_map(|&i| corpus.get(i))
        .map(|d| d.id.as_str())
        .collect();
    let outcome = if count == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Done
    };
    if out.is_json() {
        out.json(&Backlinks {
            key: &key,
            documents_with_symbol,
            documents,
            citations: Streamed(rows),
        })?;
        return Ok(outcome);
    }
    if key.starts_with("symbol:") {
        let carried = if documents_with_symbol.is_empty() {
            "no document of the corpus carries this symbol".to_string()
        } else {
            format!("carried by {}", documents_with_symbol.join(", "))
        };
        out.line(&format!("{key}: {carried}"))?;
    }
    if count == 0 {
        let mut message = format!("nothing cites {key}");
        push_suggestions(&mut message, corpus, input);
        message.push_str(" (`dossier refs` lists the keys cited)");
        warn(&message);
        return Ok(outcome);
    }
    out.line(&format!(
        "{key}: cited {count} time{} in {} document{}",
        plural(count),
        documents.len(),
        plural(documents.len()),
    ))?;
    // Room for the context: what the DOC and LINE:COL columns leave.
    let doc_width = documents.iter().map(|d| d.width()).max().unwrap_or(0);
    let room = out
        .width()
        .saturating_sub(doc_width + 2 + 10 + 2)
        .clamp(30, CONTEXT_WIDTH);
    let cells = |c: CitationRow| {
        [
            c.doc.to_string(),
            format!("{}:{}", c.line, c.column),
            window(c.context, c.focus, room),
        ]
    };
    // The widths from what is cheap to know (the context is as wide as the
    // room it is given at most), then the rows, each made and written in turn.
    let mut columns = Columns::new(&["DOC", "LINE:COL", "CONTEXT"]);
    for (d, r) in citing() {
        columns.measure(&[d.id.as_str(), &format!("{}:{}", r.line, r.column)]);
    }
    columns.measure(&["", "", &" ".repeat(room)]);
    let columns = columns.fit(out.width());
    out.line(&columns.header())?;
    for c in rows() {
        out.line(&columns.line(&cells(c)))?;
    }
    Ok(outcome)
}

/// Lines longer than this (in bytes) are cut around the citation.
const LONG_LINE: usize = 4096;

/// Bytes kept on each side of a citation in a long line.
const CONTEXT_RADIUS: usize = 512;

/// The context of a citation: its line, trimmed, cut around the citation
/// when very long (a 5 MB line cited 30 000 times must not print 30 000 copies).
struct Context<'d> {
    text: &'d str,
    /// Characters of `text` before the citation.
    focus: usize,
    truncated: bool,
}

impl<'d> Context<'d> {
    fn of(doc: &'d Document, r: &Reference) -> Self {
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

/// Most keys suggested for a key that is not cited.
const MAX_SUGGESTIONS: usize = 5;

/// The cited keys that `input` may have meant: the same target as written
/// without regard to case, accents or trailing punctuation
/// (`ctoc/cop/2012/1` → `symbol:CTOC/COP/2012/1`).
fn suggestions<'c>(corpus: &'c Corpus, input: &str) -> Vec<&'c str> {
    let wanted = fold(input.trim().trim_end_matches(['.', ',', ';', ':', ')']));
    let wanted = wanted
        .split_once(':')
        .filter(|(kind, _)| RefKind::from_name(kind).is_some())
        .map_or(wanted.as_str(), |(_, target)| target);
    if wanted.is_empty() {
        return Vec::new();
    }
    corpus
        .keys()
        .into_iter()
        .map(|(key, _)| key)
        .filter(|key| {
            key.split_once(':')
                .is_some_and(|(_, target)| fold(target) == wanted)
        })
        .take(MAX_SUGGESTIONS)
        .collect()
}

fn push_suggestions(message: &mut String, corpus: &Corpus, input: &str) {
    let found = suggestions(corpus, input);
    if !found.is_empty() {
        message.push_str("; did you mean ");
        message.push_str(&found.join(" or "));
        message.push('?');
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
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
