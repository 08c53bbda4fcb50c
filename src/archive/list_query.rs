//! The list as a [`ListQuery`] narrows and orders it, answered by the
//! server from the keys stored with each document (`list_keys`): every word
//! of the filter is a `LIKE` on the folded haystack (its wildcards escaped:
//! the words are data, passed as parameters, never SQL), each order one of
//! the indexes of schema version 4.

use super::Archive;
use crate::corpus::listing::{Filter, ListQuery, Sort};
use crate::corpus::{ListSummary, Page, SourceError};
use postgres::types::ToSql;
use std::collections::HashMap;

/// The `ORDER BY` of an order: its index's columns.
fn order_of(sort: Sort) -> &'static str {
    match sort {
        Sort::Corpus => "ordinal",
        Sort::Date => "list_date_key DESC NULLS LAST, ordinal",
        Sort::Symbol => "list_symbol_key, ordinal",
        Sort::Title => "list_title_key, ordinal",
    }
}

/// `word` as a `LIKE` pattern that finds it anywhere, its `\`, `%` and `_`
/// taken literally (backslash is `LIKE`'s escape character).
pub(super) fn contains_pattern(word: &str) -> String {
    let mut pattern = String::with_capacity(word.len() + 2);
    pattern.push('%');
    for c in word.chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The filter of a query: `AND list_haystack LIKE $n` for each word, the
/// parameters numbered from `first`; its patterns. `None` when no row can
/// match (a word with a NUL, which no stored text holds).
fn filter_of(query: &ListQuery, first: usize) -> Option<(String, Vec<String>)> {
    let filter = Filter::new(&query.filter);
    if filter.words().iter().any(|w| w.contains('\0')) {
        return None;
    }
    let patterns: Vec<String> = filter.words().iter().map(|w| contains_pattern(w)).collect();
    // Only placeholders are written into the statement, one per word.
    let sql = (first..first + patterns.len())
        .map(|n| format!(" AND list_haystack LIKE ${n}"))
        .collect();
    Some((sql, patterns))
}

fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// The rows before a document in an order, as a condition on its keys:
/// `$1` its order's key and `$2` its ordinal, or `$1` its ordinal alone
/// when the order needs no key (corpus order; the date order for a
/// document without a date, after every dated row); how many parameters.
fn before_of(sort: Sort, dated: bool) -> (&'static str, usize) {
    match sort {
        Sort::Corpus => ("ordinal < $1", 1),
        Sort::Date if dated => (
            "(list_date_key > $1 OR (list_date_key = $1 AND ordinal < $2))",
            2,
        ),
        Sort::Date => ("(list_date_key IS NOT NULL OR ordinal < $1)", 1),
        Sort::Symbol => ("(list_symbol_key, ordinal) < ($1, $2)", 2),
        Sort::Title => ("(list_title_key, ordinal) < ($1, $2)", 2),
    }
}

/// `first` then `patterns`, as a statement's parameters.
fn with_words<'a>(
    first: &[&'a (dyn ToSql + Sync)],
    patterns: &'a [String],
) -> Vec<&'a (dyn ToSql + Sync)> {
    let mut params = first.to_vec();
    params.extend(patterns.iter().map(|p| p as &(dyn ToSql + Sync)));
    params
}

impl Archive {
    /// How many listed documents `query` keeps (a filter counts them; the
    /// whole list's size is kept by the pushes).
    pub(super) fn query_summary(&self, query: &ListQuery) -> Result<ListSummary, SourceError> {
        let Some((filter, patterns)) = filter_of(query, 1) else {
            return Ok(ListSummary::default());
        };
        self.with(|c| {
            let row = if patterns.is_empty() {
                c.query_one("SELECT rows, with_symbol FROM list_summary", &[])?
            } else {
                let sql =
                    format!("SELECT count(*), count(symbol) FROM documents WHERE listed{filter}");
                c.query_one(&sql, &with_words(&[], &patterns))?
            };
            Ok(ListSummary {
                rows: count(row.get(0)),
                with_symbol: count(row.get(1)),
            })
        })
    }

    /// The rows of `page` of the list `query` asks for, in its order:
    /// each document's id and stored list row (none before version 2).
    pub(super) fn query_page(
        &self,
        query: &ListQuery,
        page: Page,
    ) -> Result<Vec<(String, Option<String>)>, SourceError> {
        let Some((filter, patterns)) = filter_of(query, 3) else {
            return Ok(Vec::new());
        };
        let offset = i64::try_from(page.offset).unwrap_or(i64::MAX);
        let limit = i64::try_from(page.limit).unwrap_or(i64::MAX);
        let order = order_of(query.sort);
        self.with(|c| {
            if patterns.is_empty() && query.sort == Sort::Corpus {
                // The page's first ordinal found on the index alone
                // (skipping a million rows reads no row), then the page.
                let rows = c.query(
                    "SELECT id, list_row::text FROM documents
                     WHERE listed AND ordinal >= (SELECT ordinal FROM documents WHERE listed
                                                  ORDER BY ordinal OFFSET $1 LIMIT 1)
                     ORDER BY ordinal LIMIT $2",
                    &[&offset, &limit],
                )?;
                return Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect());
            }
            // The ids first: the order's index holds them, so the rows
            // skipped are read on it alone; then the page's rows by id.
            let sql = format!(
                "SELECT id FROM documents WHERE listed{filter}
                 ORDER BY {order} OFFSET $1 LIMIT $2"
            );
            let ids: Vec<String> = c
                .query(&sql, &with_words(&[&offset, &limit], &patterns))?
                .iter()
                .map(|r| r.get(0))
                .collect();
            let rows = c.query(
                "SELECT id, list_row::text FROM documents WHERE id = ANY($1)",
                &[&ids],
            )?;
            let mut by_id: HashMap<String, Option<String>> =
                rows.iter().map(|r| (r.get(0), r.get(1))).collect();
            Ok(ids
                .into_iter()
                .filter_map(|id| {
                    let row = by_id.remove(&id)?;
                    Some((id, row))
                })
                .collect())
        })
    }

    /// The row of document `id` in the list `query` asks for: the rows
    /// that pass its filter and come before it in its order, counted.
    pub(super) fn query_position(
        &self,
        query: &ListQuery,
        id: &str,
    ) -> Result<Option<usize>, SourceError> {
        if id.contains('\0') {
            return Ok(None);
        }
        let Some((filter, patterns)) = filter_of(query, 2) else {
            return Ok(None);
        };
        let key = match query.sort {
            Sort::Corpus | Sort::Date => "list_date_key",
            Sort::Symbol => "list_symbol_key",
            Sort::Title => "list_title_key",
        };
        // The document, when the list shows it.
        let found = self.with(|c| {
            let sql =
                format!("SELECT {key}, ordinal FROM documents WHERE id = $1 AND listed{filter}");
            c.query_opt(&sql, &with_words(&[&id], &patterns))
        })?;
        let Some(found) = found else {
            return Ok(None);
        };
        let (k, ordinal): (Option<Vec<u8>>, i64) = (found.get(0), found.get(1));
        let (before, n) = before_of(query.sort, k.is_some());
        let Some((filter, patterns)) = filter_of(query, n + 1) else {
            return Ok(None);
        };
        let keys: Vec<&(dyn ToSql + Sync)> = if n == 1 {
            vec![&ordinal]
        } else {
            vec![&k, &ordinal]
        };
        self.with(|c| {
            let sql = format!("SELECT count(*) FROM documents WHERE listed{filter} AND {before}");
            let row = c.query_one(&sql, &with_words(&keys, &patterns))?;
            Ok(Some(count(row.get(0))))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_are_taken_literally() {
        assert_eq!(contains_pattern("a/res"), "%a/res%");
        assert_eq!(contains_pattern("100%"), "%100\\%%");
        assert_eq!(contains_pattern("a_b"), "%a\\_b%");
        assert_eq!(contains_pattern("c:\\x"), "%c:\\\\x%");
        assert_eq!(contains_pattern("'--"), "%'--%");
    }

    #[test]
    fn only_placeholders_reach_the_statement() {
        let query = ListQuery {
            filter: "'; DROP TABLE documents; -- 50%".into(),
            sort: Sort::Title,
        };
        let (sql, patterns) = filter_of(&query, 3).expect("no NUL");
        let placeholders: Vec<String> =
            (3..9).map(|n| format!("list_haystack LIKE ${n}")).collect();
        assert_eq!(sql, format!(" AND {}", placeholders.join(" AND ")));
        assert!(!sql.contains("DROP") && !sql.contains('\''));
        assert_eq!(patterns[0], "%';%");
        assert_eq!(patterns[5], "%50\\%%");
        let nul = ListQuery {
            filter: "a\0b".into(),
            sort: Sort::Corpus,
        };
        assert!(filter_of(&nul, 1).is_none());
    }
}
