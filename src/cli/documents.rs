//! `dossier list` and `dossier show`: the documents of a corpus, one row each,
//! and one document in full (metadata, agenda, footnotes, text).

use crate::cli::agenda::print_agenda;
use crate::cli::output::{Failure, Out, Table, or_dash};
use crate::model::versions;
use crate::model::{
    Agenda, Corpus, Document, Footnote, LookupError, Metadata, Paragraph, Reference,
};
use crate::sanitize::inert_line;
use serde::Serialize;
use std::borrow::Cow;

/// What `list --json` and `show --json` both say of a document.
#[derive(Debug, Serialize)]
struct DocumentFacts<'a> {
    id: &'a str,
    path: Cow<'a, str>,
    #[serde(flatten)]
    meta: &'a Metadata,
    display_title: String,
    encoding: &'a str,
    /// A layout rendering, shown as printed.
    layout: bool,
    words: usize,
    lines: usize,
    empty: bool,
    /// What was replaced or left out when the file was read.
    caveats: Vec<String>,
}

impl<'a> DocumentFacts<'a> {
    fn of(doc: &'a Document) -> Self {
        DocumentFacts {
            id: &doc.id,
            path: doc.path.to_string_lossy(),
            meta: &doc.meta,
            display_title: doc.display_title(),
            encoding: doc.encoding,
            layout: doc.layout,
            words: doc.words,
            lines: doc.line_count(),
            empty: doc.is_empty(),
            caveats: doc.caveats.iter().map(ToString::to_string).collect(),
        }
    }
}

/// One document as `list --json` prints it: the version shown, with every
/// language version of its symbol.
#[derive(Debug, Serialize)]
pub struct DocumentRow<'a> {
    #[serde(flatten)]
    facts: DocumentFacts<'a>,
    /// How many references the document cites.
    references: usize,
    /// The languages the corpus has the document in, in the UN's order.
    languages: Vec<String>,
    /// Every language version and rendering: language, path, format.
    versions: Vec<VersionRow>,
    /// How it stands in its family, or null.
    family: Option<crate::model::family::Link>,
}

/// One rendering of one language version.
#[derive(Debug, Serialize)]
struct VersionRow {
    language: Option<String>,
    path: String,
    format: &'static str,
}

impl<'a> DocumentRow<'a> {
    /// The row of document `i` of `corpus`.
    pub fn of(corpus: &'a Corpus, i: usize) -> Option<Self> {
        let doc = corpus.get(i)?;
        let versions = corpus.versions_of(i);
        Some(DocumentRow {
            facts: DocumentFacts::of(doc),
            references: doc.references.len(),
            languages: versions.iter().filter_map(|v| v.language.clone()).collect(),
            versions: versions
                .iter()
                .flat_map(|v| &v.renderings)
                .filter_map(|&r| corpus.get(r))
                .map(|d| VersionRow {
                    language: d.meta.language.clone(),
                    path: d.path.to_string_lossy().into_owned(),
                    format: versions::format_of(d),
                })
                .collect(),
            family: corpus.family_link(i),
        })
    }
}

/// The languages of document `i`'s versions, as the list prints them (`en fr`).
fn languages(corpus: &Corpus, i: usize) -> String {
    let versions = corpus.versions_of(i);
    let langs: Vec<&str> = versions
        .iter()
        .filter_map(|v| v.language.as_deref())
        .collect();
    langs.join(" ")
}

/// A reference as printed in JSON: where, what, and the text as written.
#[derive(Debug, Serialize)]
pub struct ReferenceRow<'a> {
    doc: &'a str,
    key: &'a str,
    /// The key as cited, when it was resolved to another (`resolution:78/225`).
    #[serde(skip_serializing_if = "Option::is_none")]
    cited_as: Option<&'a str>,
    kind: &'static str,
    text: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl<'a> ReferenceRow<'a> {
    /// The row of reference `r` of `doc`.
    pub fn of(doc: &'a Document, r: &'a Reference) -> Self {
        ReferenceRow {
            doc: &doc.id,
            key: &r.key,
            cited_as: r.cited_as.as_deref(),
            kind: r.kind.name(),
            text: r.text(&doc.text),
            line: r.line,
            column: r.column,
            end_line: r.end_line,
            end_column: r.end_column,
        }
    }
}

/// One document as `show --json` prints it.
#[derive(Debug, Serialize)]
struct ShowDocument<'a> {
    #[serde(flatten)]
    facts: DocumentFacts<'a>,
    agenda: Option<&'a Agenda>,
    paragraphs: &'a [Paragraph],
    footnotes: &'a [Footnote],
    references: Vec<ReferenceRow<'a>>,
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
    match corpus.find_document(query) {
        // A symbol names the document, not one of its files: its row's version.
        Ok(i) if corpus.get(i).is_some_and(|d| d.id != query.trim()) => {
            Ok(corpus.listed_version(i))
        }
        Ok(i) => Ok(i),
        Err(e @ LookupError::NotFound(_)) => Err(Failure::Usage(e.to_string())),
        Err(e @ LookupError::Ambiguous { .. }) => Err(Failure::Usage(format!(
            "{e}; give more of the id (`dossier list` shows them)"
        ))),
    }
}

/// The version of document `i` in language `lang`, or an error naming the languages there are.
fn in_language(corpus: &Corpus, i: usize, lang: &str) -> Result<usize, Failure> {
    let versions = corpus.versions_of(i);
    let lower = lang.trim().to_lowercase();
    let wanted = crate::model::masthead::language_code(&lower).unwrap_or(&lower);
    match versions
        .iter()
        .find(|v| v.language.as_deref() == Some(wanted))
    {
        Some(v) => Ok(v.doc),
        None => Err(Failure::Usage(format!(
            "{} has no version in '{lang}'; it has: {}",
            corpus.get(i).map_or("the document", |d| d.label()),
            languages(corpus, i)
        ))),
    }
}

/// `dossier list`.
pub fn list(corpus: &Corpus, out: &mut Out) -> Result<(), Failure> {
    // One row per document, however many languages and renderings it has.
    let listed: Vec<usize> = (0..corpus.len()).filter(|&i| corpus.is_listed(i)).collect();
    if out.is_json() {
        let rows: Vec<DocumentRow> = listed
            .iter()
            .filter_map(|&i| DocumentRow::of(corpus, i))
            .collect();
        return out.json(&rows);
    }
    // The first column is headed by what it holds: symbols, ids, or both.
    let docs = corpus.documents();
    let with_symbol = listed
        .iter()
        .filter(|&&i| docs[i].meta.symbol.is_some())
        .count();
    let head = match with_symbol {
        0 => "ID",
        n if n == listed.len() => "SYMBOL",
        _ => "SYMBOL/ID",
    };
    let mut table = Table::new(&[head, "DATE", "LANG", "TITLE"]);
    for &i in &listed {
        let d = &docs[i];
        let langs = languages(corpus, i);
        let title = if d.is_empty() {
            "(empty)".to_string()
        } else {
            d.display_title()
        };
        table.row(&[
            d.label(),
            or_dash(d.meta.date.as_deref()),
            or_dash(Some(langs.as_str()).filter(|l| !l.is_empty())),
            &title,
        ]);
    }
    out.table(&table)
}

/// `dossier show DOC [--raw]`: with `raw`, the text as decoded instead of
/// the clean reading text.
pub fn show(
    corpus: &Corpus,
    query: &str,
    raw: bool,
    lang: Option<&str>,
    out: &mut Out,
) -> Result<(), Failure> {
    let i = lookup_index(corpus, query)?;
    let i = match lang {
        Some(lang) => in_language(corpus, i, lang)?,
        None => i,
    };
    let doc = corpus
        .get(i)
        .ok_or_else(|| Failure::Usage(format!("no document matches '{query}'")))?;
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
    print_metadata(corpus, doc, out)?;
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

fn print_metadata(corpus: &Corpus, doc: &Document, out: &mut Out) -> Result<(), Failure> {
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
            if let Some(d) = corpus
                .agenda_document(Some(symbol))
                .and_then(|i| corpus.get(i))
            {
                s.push_str(&format!(", document {}", d.id));
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
