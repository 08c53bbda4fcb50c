//! `dossier family DOC`: a document's family — the draft and its
//! revisions, the text adopted from it, addenda and corrigenda — with what
//! the corpus holds of it.

use crate::cli::documents::source_failure;
use crate::cli::output::{Failure, Out, Table};
use crate::corpus::Source;

/// `dossier family DOC`.
pub fn family(source: &dyn Source, query: &str, out: &mut Out) -> Result<(), Failure> {
    let (label, rows) = source.family(query).map_err(source_failure)?;
    if rows.is_empty() {
        return Err(Failure::Usage(format!(
            "{label} has no family in this corpus (no revision, addendum, corrigendum, draft or adopted text)"
        )));
    }
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
        table.row(&[&r.symbol, &relation, r.of.as_deref().unwrap_or("-"), &title]);
    }
    out.table(&table)
}
