//! `find` over the archive: documents by trigram similarity of their
//! symbol and title, paragraphs by full text in their document's language
//! (stemmed: `décisions` finds `décision`), Chinese by substring. Ranked
//! by PostgreSQL, not by dossier's fuzzy matcher: the hits are not those of
//! `find` over files.

use super::Archive;
use super::schema::TEXT_SEARCH_CONFIGS;
use crate::corpus::{Found, Hit, SourceError};
use crate::model::fold::fold;

impl Archive {
    /// What `query` finds, at most `limit` hits.
    pub(super) fn find(&self, query: &str, limit: usize) -> Result<Found, SourceError> {
        let query = query.trim();
        if query.is_empty() || query.contains('\0') {
            return Ok(Found::default());
        }
        let cap = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut found = Found::default();
        let mut lines: Vec<(f32, Hit)> = Vec::new();
        self.with(|c| {
            for row in c.query(
                "SELECT id, display_title,
                        greatest(similarity(coalesce(symbol, ''), $1),
                                 word_similarity($1, display_title)) AS score,
                        count(*) OVER ()
                 FROM documents
                 WHERE listed AND (symbol % $1 OR $1 <% display_title)
                 ORDER BY score DESC, ordinal LIMIT $2",
                &[&query as &(dyn postgres::types::ToSql + Sync), &cap],
            )? {
                found.matched = usize::try_from(row.get::<_, i64>(3)).unwrap_or(0);
                let score: f32 = row.get(2);
                found.hits.push(Hit {
                    kind: "document",
                    doc: row.get(0),
                    line: None,
                    score: (score * 1000.0) as u32,
                    text: row.get(1),
                });
            }
            for config in TEXT_SEARCH_CONFIGS {
                for row in c.query(
                    "SELECT p.doc_id, p.start_line, p.text, ts_rank(p.tsv, q) AS rank,
                            count(*) OVER ()
                     FROM paragraphs p JOIN documents d ON d.id = p.doc_id,
                          websearch_to_tsquery(($1::text)::regconfig, $2) AS q
                     WHERE p.config = ($1::text)::regconfig AND p.tsv @@ q
                     ORDER BY rank DESC, d.ordinal, p.n LIMIT $3",
                    &[
                        &config as &(dyn postgres::types::ToSql + Sync),
                        &query,
                        &cap,
                    ],
                )? {
                    found.matched += usize::try_from(row.get::<_, i64>(4)).unwrap_or(0);
                    lines.push((row.get(3), line_hit(&row, query)));
                }
            }
            // Chinese is not split into words: a substring of the text.
            for row in c.query(
                "SELECT p.doc_id, p.start_line, p.text, 0.1::real, count(*) OVER ()
                 FROM paragraphs p JOIN documents d ON d.id = p.doc_id
                 WHERE d.language = 'zh' AND strpos(p.text, $1) > 0
                 ORDER BY d.ordinal, p.n LIMIT $2",
                &[&query as &(dyn postgres::types::ToSql + Sync), &cap],
            )? {
                found.matched += usize::try_from(row.get::<_, i64>(4)).unwrap_or(0);
                lines.push((row.get(3), line_hit(&row, query)));
            }
            Ok(())
        })?;
        lines.sort_by(|a, b| b.0.total_cmp(&a.0));
        found.hits.extend(lines.into_iter().map(|(_, hit)| hit));
        found.hits.truncate(limit);
        found.matched = found.matched.max(found.hits.len());
        Ok(found)
    }
}

/// The hit of a paragraph row (doc, start line, text, rank): the paragraph's
/// first line holding a word of `query` (folded), else its first line.
fn line_hit(row: &postgres::Row, query: &str) -> Hit {
    let start: i32 = row.get(1);
    let text: String = row.get(2);
    let rank: f32 = row.get(3);
    let words: Vec<String> = fold(query)
        .split_whitespace()
        .map(|w| w.chars().take(5).collect())
        .collect();
    let (offset, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| {
            let l = fold(l);
            words.iter().any(|w| l.contains(w.as_str()))
        })
        .or_else(|| text.lines().next().map(|l| (0, l)))
        .unwrap_or((0, ""));
    Hit {
        kind: "line",
        doc: row.get(0),
        line: u32::try_from(i64::from(start) + offset as i64).ok(),
        score: (rank * 1000.0) as u32,
        text: line.to_string(),
    }
}
