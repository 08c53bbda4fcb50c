//! `dossier list` and `dossier show`: the documents of a corpus, one row each,
//! and one document in full (metadata, agenda, footnotes, text).

use crate::cli::agenda::print_agenda;
use crate::cli::output::{Failure, Out, Table, or_dash};
use crate::corpus::view::{DocumentFacts, DocumentRow, ReferenceRow};
use crate::corpus::{ListQuery, ListSummary, Source, SourceError, list_all};
use crate::model::{Agenda, Corpus, Document, Footnote, LookupError, Paragraph};
use crate::sanitize::inert_line;
use serde::Serialize;

/// Rows asked of a corpus at a time when listing it all.
pub const LIST_PAGE: usize = 1000;

/// One document as `show --json` prints it.
#[derive(Debug, Serialize)]
struct ShowDocument<'a> {
    #[serde(flatten)]
    facts: DocumentFacts,
    agenda: Option<&'a Agenda>,
    paragraphs: &'a [Paragraph],
    footnotes: &'a [Footnote],
    references: Vec<ReferenceRow>,
    text: &'a str,
    /// The text as decoded, when it was cleaned (`--raw` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    raw: Option<&'a str>,
    /// Line where each printed page starts, for documents printed on pages.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    page_lines: Vec<usize>,
}

/// The document `query` names, or an error saying how to find one.
pub fn lookup<'c>(corpus: &'c Corpus, query: &str) -> Result<&'c Document, Failure> {
    let i = lookup_index(corpus, query)?;
    corpus
        .get(i)
        .ok_or_else(|| Failure::Usage(format!("no document matches '{query}'")))
}

/// The corpus index of the document `query` names (for a symbol, the
/// version the list shows), or an error saying how to find one.
pub fn lookup_index(corpus: &Corpus, query: &str) -> Result<usize, Failure> {
    corpus.lookup(query).map_err(lookup_failure)
}

/// What to say when a document cannot be picked out.
pub fn lookup_failure(e: LookupError) -> Failure {
    match e {
        e @ LookupError::NotFound(_) => Failure::Usage(e.to_string()),
        e @ LookupError::Ambiguous { .. } => Failure::Usage(format!(
            "{e}; give more of the id (`dossier list` shows them)"
        )),
    }
}

/// What to say when a corpus cannot answer.
pub fn source_failure(e: SourceError) -> Failure {
    match e {
        SourceError::Lookup(e) => lookup_failure(e),
        SourceError::Unanswerable(m) => Failure::Usage(m),
        SourceError::Backend(m) => Failure::Other(anyhow::anyhow!(m)),
        e @ SourceError::Cancelled => Failure::Other(e.into()),
    }
}

/// `dossier list`.
pub fn list(source: &dyn Source, out: &mut Out) -> Result<(), Failure> {
    // One row per document, however many languages and renderings it has.
    let everything = ListQuery::default();
    let summary = source.list_summary(&everything).map_err(source_failure)?;
    let rows = list_all(source, &everything, LIST_PAGE).map_err(source_failure)?;
    print_list(&summary, &rows, out)
}

/// Prints the list: `rows`, of a list `summary` describes.
pub fn print_list(
    summary: &ListSummary,
    rows: &[DocumentRow],
    out: &mut Out,
) -> Result<(), Failure> {
    if out.is_json() {
        return out.json(&rows);
    }
    // The first column is headed by what it holds: symbols, ids, or both.
    let head = match summary.with_symbol {
        0 => "ID",
        n if n == summary.rows => "SYMBOL",
        _ => "SYMBOL/ID",
    };
    let mut table = Table::new(&[head, "DATE", "LANG", "TITLE"]);
    for row in rows {
        let langs = row.language_line();
        let title = if row.facts.empty {
            "(empty)".to_string()
        } else {
            row.facts.display_title.clone()
        };
        table.row(&[
            row.label(),
            or_dash(row.facts.meta.date.as_deref()),
            or_dash(Some(langs.as_str()).filter(|l| !l.is_empty())),
            &title,
        ]);
    }
    out.table(&table)
}

/// `dossier show DOC [--raw]`: with `raw`, the text as decoded instead of
/// the clean reading text.
pub fn show(
    source: &dyn Source,
    query: &str,
    raw: bool,
    lang: Option<&str>,
    out: &mut Out,
) -> Result<(), Failure> {
    let opened = source.open(query, lang).map_err(source_failure)?;
    let doc = &opened.doc;
    if out.is_json() {
        return out.json(&ShowDocument {
            facts: DocumentFacts::of(doc),
            agenda: doc.agenda.as_ref(),
            paragraphs: &doc.paragraphs,
            footnotes: &doc.footnotes,
            references: doc
                .references
                .iter()
                .map(|r| ReferenceRow::of(doc, r))
                .collect(),
            text: &doc.text,
            raw: doc.raw.as_deref().filter(|_| raw),
            page_lines: doc.pages.iter().map(|&p| doc.lines.line_of(p)).collect(),
        });
    }
    print_metadata(doc, opened.agenda_document.as_deref(), out)?;
    if let Some(agenda) = &doc.agenda {
        out.line("")?;
        out.line("Agenda")?;
        print_agenda(agenda, out)?;
    }
    if !doc.footnotes.is_empty() {
        out.line("")?;
        out.line("Footnotes")?;
        let mut table = Table::new(&["LINE", "MARK", "TEXT"]);
        for f in &doc.footnotes {
            table.row(&[f.line.to_string(), f.marker.clone(), f.text.clone()]);
        }
        out.table(&table)?;
    }
    out.line("")?;
    match (raw, &doc.raw) {
        (true, Some(text)) => {
            out.line(&format!(
                "Text as decoded ({} lines; without --raw: the clean reading text)",
                text.lines().count()
            ))?;
            out.line(&"─".repeat(out.width().min(80)))?;
            out.text(text)
        }
        _ => {
            let pages = if doc.pages.is_empty() {
                String::new()
            } else {
                format!(
                    ", {} pages; --raw shows the text as decoded",
                    doc.pages.len()
                )
            };
            out.line(&format!("Text ({} lines{pages})", doc.line_count()))?;
            out.line(&"─".repeat(out.width().min(80)))?;
            out.text(&doc.text)
        }
    }
}

fn print_metadata(
    doc: &Document,
    agenda_document: Option<&str>,
    out: &mut Out,
) -> Result<(), Failure> {
    let m = &doc.meta;
    let language = match (&m.language, &m.original_language) {
        (Some(l), Some(o)) if l != o => format!("{l} (original: {o})"),
        (l, _) => or_dash(l.as_deref()).to_string(),
    };
    let meeting = match (&m.meeting_start, &m.meeting_end) {
        (Some(s), Some(e)) if s != e => format!("{s} to {e}"),
        (Some(s), _) => s.clone(),
        _ => "-".to_string(),
    };
    let agenda_item = m.agenda_item.as_ref().map_or("-".to_string(), |a| {
        let mut s = format!("{} {}", a.item, or_dash(a.title.as_deref()));
        if let Some(symbol) = &a.agenda_symbol {
            s.push_str(&format!(" (agenda {symbol}"));
            if let Some(id) = agenda_document {
                s.push_str(&format!(", document {id}"));
            }
            s.push(')');
        }
        s
    });
    let fields: [(&str, String); 13] = [
        ("id", doc.id.clone()),
        ("path", doc.path.display().to_string()),
        ("symbol", or_dash(m.symbol.as_deref()).to_string()),
        ("title", doc.display_title()),
        ("date", or_dash(m.date.as_deref()).to_string()),
        ("language", language),
        (
            "session",
            m.session.map_or("-".to_string(), |s| s.to_string()),
        ),
        ("place", or_dash(m.place.as_deref()).to_string()),
        ("meeting", meeting),
        ("agenda item", agenda_item),
        ("encoding", encoding_line(doc)),
        (
            "size",
            format!("{} words, {} lines", doc.words, doc.line_count()),
        ),
        ("references", doc.references.len().to_string()),
    ];
    for (name, value) in fields {
        out.line(&format!(
            "{:<12} {}",
            format!("{name}:"),
            inert_line(&value)
        ))?;
    }
    Ok(())
}

/// The encoding, with what was replaced or left out when reading, if anything.
fn encoding_line(doc: &Document) -> String {
    let mut line = doc.encoding.to_string();
    for caveat in &doc.caveats {
        line.push_str("; ");
        line.push_str(&caveat.to_string());
    }
    line
}
