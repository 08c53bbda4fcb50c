//! `dossier family DOC`: a document's family — the draft and its
//! revisions, the text adopted from it, addenda and corrigenda — with what
//! the corpus holds of it.

use crate::cli::documents::lookup_index;
use crate::cli::output::{Failure, Out, Table};
use crate::model::Corpus;
use serde::Serialize;

/// One member as `family --json` prints it.
#[derive(Debug, Serialize)]
struct MemberRow<'a> {
    symbol: &'a str,
    relation: &'static str,
    of: Option<&'a str>,
    superseded: bool,
    /// The document's id, when the corpus has it.
    id: Option<&'a str>,
    title: Option<String>,
    doc_type: Option<&'static str>,
}

/// `dossier family DOC`.
pub fn family(corpus: &Corpus, query: &str, out: &mut Out) -> Result<(), Failure> {
    let i = lookup_index(corpus, query)?;
    let members = corpus.family(i);
    let label = corpus.get(i).map_or(query, |d| d.label());
    if members.is_empty() {
        return Err(Failure::Usage(format!(
            "{label} has no family in this corpus (no revision, addendum, corrigendum, draft or adopted text)"
        )));
    }
    let rows: Vec<MemberRow> = members
        .iter()
        .map(|m| {
            let doc = m
                .doc
                .map(|d| corpus.listed_version(d))
                .and_then(|d| corpus.get(d));
            MemberRow {
                symbol: &m.symbol,
                relation: m.relation,
                of: m.of.as_deref(),
                superseded: m.superseded,
                id: doc.map(|d| d.id.as_str()),
                title: doc.map(|d| d.display_title()),
                doc_type: doc.and_then(|d| d.meta.doc_type),
            }
        })
        .collect();
    if out.is_json() {
        return out.json(&rows);
    }
    let mut table = Table::new(&["SYMBOL", "RELATION", "OF", "TITLE"]);
    for r in &rows {
        let relation = if r.superseded {
            format!("{} (superseded)", r.relation)
        } else {
            r.relation.to_string()
        };
        let title = r
            .title
            .clone()
            .unwrap_or_else(|| "(not in the corpus)".to_string());
        table.row(&[r.symbol, &relation, r.of.unwrap_or("-"), &title]);
    }
    out.table(&table)
}
