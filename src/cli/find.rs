//! `dossier find QUERY`: fuzzy, accent-insensitive search across document
//! titles, cited symbols, reference keys and lines, ranked by the search module.

use crate::cli::documents::source_failure;
use crate::cli::output::{Failure, Out, Outcome, Table, warn, window};
use crate::corpus::Source;
use crate::search::{MAX_QUERY_CHARS, Query, highlight_positions};
use serde::Serialize;

/// Longest text whose matched characters are located for display.
const HIGHLIGHT_MAX_BYTES: usize = 16 * 1024;

/// One result as `find --json` prints it.
#[derive(Debug, Serialize)]
struct FindRow<'a> {
    rank: usize,
    kind: &'static str,
    doc: &'a str,
    /// The line it points at; null for a document.
    line: Option<u32>,
    /// The matcher's internal score, only with `--scores`.
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<u32>,
    text: String,
}

/// How many results `find` prints when no `--limit` is given.
pub const DEFAULT_LIMIT: usize = 20;

/// `dossier find QUERY [--limit N] [--scores]`. No match is
/// [`Outcome::NothingFound`]. The matcher's scores are printed only when
/// `scores` is asked for.
pub fn find(
    source: &dyn Source,
    query: &str,
    limit: Option<usize>,
    scores: bool,
    out: &mut Out,
) -> Result<Outcome, Failure> {
    let length = query.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(Failure::Usage(format!(
            "the query is {length} characters long; the limit is {MAX_QUERY_CHARS} \
             (search for a few distinctive words, or use `dossier grep` for a long exact text)"
        )));
    }
    let asked = limit;
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    let parsed = Query::new(query);
    let found = source.search(query, limit).map_err(source_failure)?;
    let rows: Vec<FindRow> = found
        .hits
        .iter()
        .enumerate()
        .map(|(n, h)| FindRow {
            rank: n + 1,
            kind: h.kind,
            doc: &h.doc,
            line: h.line,
            score: scores.then_some(h.score),
            text: h.text.clone(),
        })
        .collect();
    let result = if rows.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    };
    if out.is_json() {
        out.json(&rows)?;
        return Ok(result);
    }
    if rows.is_empty() {
        warn(&format!("nothing matches '{query}'"));
        return Ok(result);
    }
    let heads: &[&str] = if scores {
        &["#", "KIND", "DOC", "LINE", "SCORE", "TEXT"]
    } else {
        &["#", "KIND", "DOC", "LINE", "TEXT"]
    };
    let mut table = Table::new(heads);
    let fixed = if scores { 50 } else { 42 };
    let text_width = out.width().saturating_sub(fixed).max(30);
    for r in &rows {
        // Show the line from its first matched character; a very long line
        // is shown from its start (highlighting it costs too much).
        let focus = if r.text.len() <= HIGHLIGHT_MAX_BYTES {
            highlight_positions(&parsed, &r.text)
                .first()
                .copied()
                .unwrap_or(0)
        } else {
            0
        };
        let mut cells = vec![
            r.rank.to_string(),
            r.kind.to_string(),
            r.doc.to_string(),
            r.line.map_or("-".to_string(), |l| l.to_string()),
        ];
        cells.extend(r.score.map(|s| s.to_string()));
        cells.push(window(&r.text, focus, text_width));
        table.row(&cells);
    }
    out.table(&table)?;
    if asked.is_none() && (found.matched > rows.len() || found.more) {
        warn(&format!(
            "{} of {}{} matches shown; use --limit to see more",
            rows.len(),
            if found.more { "at least " } else { "" },
            found.matched
        ));
    }
    Ok(result)
}
