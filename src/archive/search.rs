//! `find` over the archive: documents by trigram similarity of their
//! symbol and title, paragraphs by full text in their document's language
//! (stemmed: `décisions` finds `décision`), Chinese by substring. Ranked
//! by PostgreSQL, not by dossier's fuzzy matcher: the hits are not those of
//! `find` over files.
//!
//! Every statement stops at a limit instead of ranking and counting every
//! match (schema version 3): symbols and titles are read nearest first from
//! GiST trigram indexes; full text ranks the first [`POOL`] matching
//! paragraphs the GIN index gives, not all of them; Chinese is scanned in
//! list order up to the limit. So `matched` is a lower bound when `more`
//! is set, and a common word answers as fast as a rare one.

use super::Archive;
use super::schema::TEXT_SEARCH_CONFIGS;
use crate::corpus::{Found, Hit, SourceError};
use crate::model::fold::fold;
use postgres::types::ToSql;
use std::sync::LazyLock;

/// Matching paragraphs ranked per search at least: the best hits shown are
/// the best of these (of all of them when fewer match).
pub const POOL: usize = 500;

/// Documents whose symbol or title is nearest `$1`, at most `$2`; titles
/// only when `$3`. Each arm reads its GiST index nearest first and stops
/// at the limit; a document both arms find is one hit.
const DOCUMENTS: &str = "
    SELECT id, display_title, score FROM (
        SELECT DISTINCT ON (id) id, display_title, ordinal, score FROM (
            (SELECT id, display_title, ordinal,
                    greatest(similarity(symbol, $1),
                             word_similarity($1, display_title)) AS score
             FROM documents
             WHERE listed AND symbol % $1
             ORDER BY symbol <-> $1 LIMIT $2)
            UNION ALL
            (SELECT id, display_title, ordinal,
                    greatest(similarity(coalesce(symbol, ''), $1),
                             word_similarity($1, display_title))
             FROM documents
             WHERE listed AND $3 AND $1 <% display_title
             ORDER BY $1 <<-> display_title LIMIT $2)
        ) arms ORDER BY id
    ) hits
    ORDER BY score DESC, ordinal LIMIT $2";

/// Paragraphs matching `$1` in their own configuration: the first `$2` the
/// indexes give (each arm has its configuration's own, schema version 3),
/// ranked, the best `$3` of them, each with the number ranked.
static PARAGRAPHS: LazyLock<String> = LazyLock::new(|| {
    let any: Vec<String> = TEXT_SEARCH_CONFIGS
        .iter()
        .map(|c| {
            format!(
                "(config = '{c}'::regconfig AND tsv @@ websearch_to_tsquery('{c}'::regconfig, $1))"
            )
        })
        .collect();
    format!(
        "SELECT p.doc_id, p.start_line, p.text,
                ts_rank(p.tsv, websearch_to_tsquery(p.config, $1)) AS rank,
                count(*) OVER ()
         FROM (SELECT doc_id, n, start_line, text, tsv, config FROM paragraphs
               WHERE {} LIMIT $2) p
         JOIN documents d ON d.id = p.doc_id
         ORDER BY rank DESC, d.ordinal, p.n LIMIT $3",
        any.join("\n                  OR ")
    )
});

/// Chinese paragraphs holding `$1`, in list order, the first `$2`.
const CHINESE: &str = "
    SELECT p.doc_id, p.start_line, p.text, 0.1::real
    FROM documents d JOIN paragraphs p ON p.doc_id = d.id
    WHERE d.language = 'zh' AND strpos(p.text, $1) > 0
    ORDER BY d.ordinal, p.n LIMIT $2";

impl Archive {
    /// What `query` finds, at most `limit` hits.
    pub(super) fn find(&self, query: &str, limit: usize) -> Result<Found, SourceError> {
        let query = query.trim();
        if query.is_empty() || query.contains('\0') || limit == 0 {
            return Ok(Found::default());
        }
        // One more than shown: whether more match.
        let probe = i64::try_from(limit.saturating_add(1)).unwrap_or(i64::MAX);
        let cap = i64::try_from(limit).unwrap_or(i64::MAX);
        let pool = i64::try_from(limit.saturating_add(1).max(POOL)).unwrap_or(i64::MAX);
        let titles = query.chars().any(char::is_alphabetic);
        let mut found = Found::default();
        let mut lines: Vec<(f32, Hit)> = Vec::new();
        self.with(|c| {
            let rows = c.query(DOCUMENTS, &[&query as &(dyn ToSql + Sync), &probe, &titles])?;
            found.more |= rows.len() as i64 >= probe;
            found.matched += rows.len();
            for row in rows.iter().take(limit) {
                let score: f32 = row.get(2);
                found.hits.push(Hit {
                    kind: "document",
                    doc: row.get(0),
                    line: None,
                    score: (score * 1000.0) as u32,
                    text: row.get(1),
                });
            }
            let rows = c.query(
                PARAGRAPHS.as_str(),
                &[&query as &(dyn ToSql + Sync), &pool, &cap],
            )?;
            if let Some(ranked) = rows.first().map(|r| r.get::<_, i64>(4)) {
                found.more |= ranked >= pool;
                found.matched += usize::try_from(ranked).unwrap_or(0);
            }
            lines.extend(rows.iter().map(|row| (row.get(3), line_hit(row, query))));
            // Chinese is not split into words: a substring of the text,
            // looked for only when the query has Chinese characters (words
            // in other scripts are found by the `simple` configuration).
            if query.chars().any(is_han) {
                let rows = c.query(CHINESE, &[&query as &(dyn ToSql + Sync), &probe])?;
                found.more |= rows.len() as i64 >= probe;
                found.matched += rows.len();
                lines.extend(
                    rows.iter()
                        .take(limit)
                        .map(|row| (row.get(3), line_hit(row, query))),
                );
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

/// True for a Chinese character (a CJK unified or compatibility ideograph).
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}')
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::schema;

    #[test]
    fn only_chinese_characters_take_the_substring_path() {
        assert!("缔约方".chars().any(is_han));
        assert!("CTOC 缔约".chars().any(is_han));
        assert!(!"criminalité".chars().any(is_han));
        assert!(!"Конференция 2016".chars().any(is_han));
    }

    #[test]
    fn every_configuration_is_searched_in_one_statement() {
        for config in TEXT_SEARCH_CONFIGS {
            assert!(PARAGRAPHS.contains(&format!("'{config}'::regconfig AND")));
        }
        assert!(!PARAGRAPHS.contains("{}"));
    }

    #[test]
    fn every_configuration_has_its_own_full_text_index() {
        let (_, v3) = schema::MIGRATIONS[2];
        for config in TEXT_SEARCH_CONFIGS {
            let index = format!(
                "CREATE INDEX paragraphs_tsv_{config} ON paragraphs USING gin (tsv) \
                 WHERE config = '{config}'::regconfig;"
            );
            assert!(v3.contains(&index), "{index}");
        }
    }
}
