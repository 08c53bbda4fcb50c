//! `dossier agenda [DOC]`: the agendas of agenda documents (items, sub-items,
//! documentation), and the agenda items that documents were issued under.

use crate::cli::documents::lookup;
use crate::cli::output::{Failure, Out, Table, or_dash, truncate};
use crate::model::{Agenda, AgendaItemRef, Corpus, Document};
use crate::sanitize::inert_line;
use serde::Serialize;

/// The agenda of one agenda document, as printed in JSON.
#[derive(Debug, Serialize)]
struct AgendaOf<'a> {
    doc: &'a str,
    symbol: Option<&'a str>,
    title: String,
    #[serde(flatten)]
    agenda: &'a Agenda,
}

/// A document issued under an agenda item, as printed in JSON.
#[derive(Debug, Serialize)]
struct IssuedUnder<'a> {
    doc: &'a str,
    #[serde(flatten)]
    item: &'a AgendaItemRef,
    /// The id of the agenda document in the corpus, when it is there.
    agenda_doc: Option<&'a str>,
}

/// Everything `agenda --json` prints.
#[derive(Debug, Serialize)]
struct AgendaReport<'a> {
    agendas: Vec<AgendaOf<'a>>,
    issued_under: Vec<IssuedUnder<'a>>,
}

/// `dossier agenda [DOC]`.
pub fn agenda(corpus: &Corpus, doc: Option<&str>, out: &mut Out) -> Result<(), Failure> {
    let docs: Vec<&Document> = match doc {
        Some(query) => vec![lookup(corpus, query)?],
        None => corpus.documents().iter().collect(),
    };
    let report = AgendaReport {
        agendas: docs
            .iter()
            .filter_map(|d| {
                Some(AgendaOf {
                    doc: &d.id,
                    symbol: d.meta.symbol.as_deref(),
                    title: d.display_title(),
                    agenda: d.agenda.as_ref()?,
                })
            })
            .collect(),
        issued_under: docs
            .iter()
            .filter_map(|d| {
                let item = d.meta.agenda_item.as_ref()?;
                let agenda_doc = corpus
                    .agenda_document(item.agenda_symbol.as_deref())
                    .and_then(|i| corpus.get(i))
                    .map(|a| a.id.as_str());
                Some(IssuedUnder {
                    doc: &d.id,
                    item,
                    agenda_doc,
                })
            })
            .collect(),
    };
    if out.is_json() {
        return out.json(&report);
    }
    if report.agendas.is_empty() && report.issued_under.is_empty() {
        let message = match docs.as_slice() {
            [d] if doc.is_some() => format!(
                "{} has no agenda and was not issued under an agenda item.",
                d.id
            ),
            _ => "No document of the corpus has an agenda or was issued under an agenda item."
                .to_string(),
        };
        return out.line(&inert_line(&message));
    }
    for (n, a) in report.agendas.iter().enumerate() {
        if n > 0 {
            out.line("")?;
        }
        let width = out.width();
        out.line(&truncate(
            &inert_line(&format!("Agenda of {}: {}", a.doc, a.title)),
            width,
        ))?;
        print_agenda(a.agenda, out)?;
    }
    if !report.issued_under.is_empty() {
        if !report.agendas.is_empty() {
            out.line("")?;
        }
        out.line("Issued under agenda items")?;
        let mut table = Table::new(&["DOC", "ITEM", "AGENDA", "AGENDA DOC", "ITEM TITLE"]);
        for i in &report.issued_under {
            table.row(&[
                i.doc,
                &i.item.item,
                or_dash(i.item.agenda_symbol.as_deref()),
                or_dash(i.agenda_doc),
                or_dash(i.item.title.as_deref()),
            ]);
        }
        out.table(&table)?;
    }
    Ok(())
}

/// Prints the items of `agenda`, indented, with sub-items and documentation.
pub fn print_agenda(agenda: &Agenda, out: &mut Out) -> Result<(), Failure> {
    let width = out.width();
    let line = |out: &mut Out, text: String| -> Result<(), Failure> {
        out.line(&truncate(&inert_line(&text), width))
    };
    for item in &agenda.items {
        line(out, format!("  {:>2}. {}", item.number, item.title))?;
        for sub in &item.sub_items {
            line(out, format!("        {}) {}", sub.letter, sub.title))?;
        }
        if !item.documentation.is_empty() {
            line(out, "      Documentation:".to_string())?;
            let symbol_width = item
                .documentation
                .iter()
                .filter_map(|e| e.symbol.as_deref())
                .map(str::len)
                .max()
                .unwrap_or(0);
            for e in &item.documentation {
                line(
                    out,
                    format!(
                        "        {:<symbol_width$}  {}",
                        or_dash(e.symbol.as_deref()),
                        e.description
                    ),
                )?;
            }
        }
    }
    Ok(())
}
