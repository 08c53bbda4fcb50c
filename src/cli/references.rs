//! `dossier refs` (every citation, optionally of some kinds) and
//! `dossier backlinks KEY` (the documents and lines citing a key).

use crate::cli::documents::source_failure;
use crate::cli::output::{Columns, Failure, Out, Outcome, Table, warn, window};
use crate::corpus::{CitationRow, Source};
use crate::model::RefKind;
use crate::model::fold::fold;
use crate::model::reference::normalize_key;
use serde::Serialize;
use std::cell::RefCell;
use unicode_width::UnicodeWidthStr;

/// Widest context printed for a citation, whatever the terminal.
const CONTEXT_WIDTH: usize = 100;

/// `dossier refs [--kind KIND]...`.
pub fn refs(source: &dyn Source, kinds: &[RefKind], out: &mut Out) -> Result<(), Failure> {
    let rows = source.references(kinds).map_err(source_failure)?;
    if out.is_json() {
        return out.json(&rows);
    }
    let mut table = Table::new(&["DOC", "LINE:COL", "KIND", "KEY", "TEXT"]).cap(3, 48);
    for r in &rows {
        table.row(&[
            r.doc.as_str(),
            &format!("{}:{}", r.line, r.column),
            r.kind,
            &r.key,
            &r.text,
        ]);
    }
    out.table(&table)
}

/// Everything `backlinks --json` prints; the citations are written one at
/// a time as the source makes them.
#[derive(Serialize)]
struct Backlinks<'a> {
    key: &'a str,
    /// For a symbol key: the corpus documents carrying that symbol.
    documents_with_symbol: &'a [String],
    /// The citing documents, each once, in corpus order.
    documents: &'a [String],
    citations: Streamed<'a>,
}

/// A sequence serialized from an iterator, never collected.
struct Streamed<'a>(RefCell<Option<Box<dyn Iterator<Item = CitationRow> + 'a>>>);

impl Serialize for Streamed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let rows = self.0.borrow_mut().take();
        serializer.collect_seq(rows.into_iter().flatten())
    }
}

/// `dossier backlinks KEY`. Nothing citing the key is [`Outcome::NothingFound`].
/// Rows are made and written one at a time where the source can: memory
/// does not grow with the number of citations, and `| head` gets its lines
/// at once.
pub fn backlinks(source: &dyn Source, input: &str, out: &mut Out) -> Result<Outcome, Failure> {
    let Some(key) = normalize_key(input) else {
        let mut message = format!("'{input}' is not a reference key");
        push_suggestions(&mut message, source, input)?;
        message.push_str(
            "\nwrite a key as symbol:CTOC/COP/2012/1 (or just CTOC/COP/2012/1), decision:4/4 \
             (or 4/4, 'décision 4/4'), resolution:5/2, article:convention:32:3, url:https://… \
             or email:name@example.org; `dossier refs` lists the keys cited",
        );
        return Err(Failure::Usage(message));
    };
    let cited = source.cited_by(&key).map_err(source_failure)?;
    let count = cited.count;
    let outcome = if count == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Done
    };
    if out.is_json() {
        let rows = source.citations(&key).map_err(source_failure)?;
        out.json(&Backlinks {
            key: &key,
            documents_with_symbol: &cited.documents_with_symbol,
            documents: &cited.documents,
            citations: Streamed(RefCell::new(Some(rows))),
        })?;
        return Ok(outcome);
    }
    if key.starts_with("symbol:") {
        let carried = if cited.documents_with_symbol.is_empty() {
            "no document of the corpus carries this symbol".to_string()
        } else {
            format!("carried by {}", cited.documents_with_symbol.join(", "))
        };
        out.line(&format!("{key}: {carried}"))?;
    }
    if count == 0 {
        let mut message = format!("nothing cites {key}");
        push_suggestions(&mut message, source, input)?;
        message.push_str(" (`dossier refs` lists the keys cited)");
        warn(&message);
        return Ok(outcome);
    }
    let documents = &cited.documents;
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
            c.doc.clone(),
            format!("{}:{}", c.line, c.column),
            window(&c.context, c.focus, room),
        ]
    };
    // The widths from what is known without making the rows (the context
    // is as wide as the room it is given at most), then the rows, each
    // made and written in turn.
    let mut columns = Columns::new(&["DOC", "LINE:COL", "CONTEXT"]);
    for d in documents {
        columns.measure(&[d.as_str(), ""]);
    }
    columns.measure(&["", &" ".repeat(cited.widest_position)]);
    columns.measure(&["", "", &" ".repeat(room)]);
    let columns = columns.fit(out.width());
    out.line(&columns.header())?;
    for c in source.citations(&key).map_err(source_failure)? {
        out.line(&columns.line(&cells(c)))?;
    }
    Ok(outcome)
}

/// Most keys suggested for a key that is not cited.
const MAX_SUGGESTIONS: usize = 5;

/// The cited keys that `input` may have meant: the same target as written
/// without regard to case, accents or trailing punctuation
/// (`ctoc/cop/2012/1` → `symbol:CTOC/COP/2012/1`).
fn suggestions(source: &dyn Source, input: &str) -> Result<Vec<String>, Failure> {
    let wanted = fold(input.trim().trim_end_matches(['.', ',', ';', ':', ')']));
    let wanted = wanted
        .split_once(':')
        .filter(|(kind, _)| RefKind::from_name(kind).is_some())
        .map_or(wanted.as_str(), |(_, target)| target);
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    source
        .keys_for_target(wanted, MAX_SUGGESTIONS)
        .map_err(source_failure)
}

fn push_suggestions(message: &mut String, source: &dyn Source, input: &str) -> Result<(), Failure> {
    let found = suggestions(source, input)?;
    if !found.is_empty() {
        message.push_str("; did you mean ");
        message.push_str(&found.join(" or "));
        message.push('?');
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
