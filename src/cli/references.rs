//! `dossier refs` (every citation, optionally of some kinds) and
//! `dossier backlinks KEY` (the documents and lines citing a key).

use crate::cli::documents::ReferenceRow;
use crate::cli::output::{Failure, Out, Outcome, Table, warn, window};
use crate::model::fold::fold;
use crate::model::reference::normalize_key;
use crate::model::{Corpus, RefKind};
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
    #[serde(skip)]
    index: usize,
    doc: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// The citation as written.
    text: &'a str,
    /// The whole cited line, trimmed.
    context: &'a str,
}

/// Everything `backlinks --json` prints.
#[derive(Debug, Serialize)]
struct Backlinks<'a> {
    key: &'a str,
    /// For a symbol key: the corpus documents carrying that symbol.
    documents_with_symbol: Vec<&'a str>,
    /// The citing documents, each once, in corpus order.
    documents: Vec<&'a str>,
    citations: Vec<CitationRow<'a>>,
}

/// `dossier backlinks KEY`. Nothing citing the key is [`Outcome::NothingFound`].
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
    let citations: Vec<CitationRow> = corpus
        .backlinks(&key)
        .iter()
        .filter_map(|c| {
            let doc = corpus.get(c.doc)?;
            let r = corpus.reference(c)?;
            Some(CitationRow {
                index: c.doc,
                doc: &doc.id,
                line: r.line,
                column: r.column,
                end_line: r.end_line,
                end_column: r.end_column,
                text: r.text(&doc.text),
                context: doc.line(r.line).trim(),
            })
        })
        .collect();
    let mut documents: Vec<&str> = citations.iter().map(|c| c.doc).collect();
    documents.dedup();
    let report = Backlinks {
        key: &key,
        documents_with_symbol: corpus
            .resolve(&key)
            .iter()
            .filter_map(|&i| corpus.get(i))
            .map(|d| d.id.as_str())
            .collect(),
        documents,
        citations,
    };
    let outcome = if report.citations.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    };
    if out.is_json() {
        out.json(&report)?;
        return Ok(outcome);
    }
    if key.starts_with("symbol:") {
        let carried = if report.documents_with_symbol.is_empty() {
            "no document of the corpus carries this symbol".to_string()
        } else {
            format!("carried by {}", report.documents_with_symbol.join(", "))
        };
        out.line(&format!("{key}: {carried}"))?;
    }
    if report.citations.is_empty() {
        let mut message = format!("nothing cites {key}");
        push_suggestions(&mut message, corpus, input);
        message.push_str(" (`dossier refs` lists the keys cited)");
        warn(&message);
        return Ok(outcome);
    }
    out.line(&format!(
        "{key}: cited {} time{} in {} document{}",
        report.citations.len(),
        plural(report.citations.len()),
        report.documents.len(),
        plural(report.documents.len()),
    ))?;
    let mut table = Table::new(&["DOC", "LINE:COL", "CONTEXT"]);
    // Room for the context: what the DOC and LINE:COL columns leave.
    let doc_width = report
        .citations
        .iter()
        .map(|c| c.doc.width())
        .max()
        .unwrap_or(0);
    let room = out
        .width()
        .saturating_sub(doc_width + 2 + 10 + 2)
        .clamp(30, CONTEXT_WIDTH);
    for c in &report.citations {
        // Column of the citation within the trimmed line, 0-based.
        let line = corpus.get(c.index).map_or("", |d| d.line(c.line));
        let lead = line.chars().take_while(|ch| ch.is_whitespace()).count();
        let focus = c.column.saturating_sub(1).saturating_sub(lead);
        table.row(&[
            c.doc,
            &format!("{}:{}", c.line, c.column),
            &window(c.context, focus, room),
        ]);
    }
    out.table(&table)?;
    Ok(outcome)
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
