//! What the archive filters and sorts its list by (schema version 4),
//! computed here at push time by the very functions the corpus in memory
//! uses ([`crate::corpus::listing`]), so that both answer a
//! [`crate::corpus::ListQuery`] alike: the folded haystack the filter's
//! words are looked for in, and the byte keys of the date, symbol and title
//! orders. Archives of older versions get them from their stored columns
//! when migrated.

use crate::corpus::listing::{haystack_of, sort_key};
use postgres::Transaction;

/// The list keys of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListKeys {
    /// Its symbol (or id), title, date and language, folded.
    pub haystack: String,
    /// Its date's bytes (newest first: the order is descending).
    pub date: Option<Vec<u8>>,
    /// The natural key of its symbol (or id).
    pub symbol: Vec<u8>,
    /// The natural key of its shown title.
    pub title: Vec<u8>,
}

impl ListKeys {
    /// The keys of the document with this id, symbol, shown title, date
    /// and language (its `documents` columns).
    pub fn of(
        id: &str,
        symbol: Option<&str>,
        title: &str,
        date: Option<&str>,
        language: Option<&str>,
    ) -> ListKeys {
        let label = symbol.unwrap_or(id);
        ListKeys {
            haystack: haystack_of(label, title, date, language),
            date: date.map(|d| d.as_bytes().to_vec()),
            symbol: sort_key(label),
            title: sort_key(title),
        }
    }
}

/// Documents whose keys are computed per statement when migrating.
const FILL_PAGE: i64 = 1000;

/// Computes and stores the keys of every document that has none (all of
/// them, when migrating to version 4), in the migration's transaction.
pub fn fill(tx: &mut Transaction) -> Result<(), postgres::Error> {
    let mut last = String::new();
    loop {
        let rows = tx.query(
            "SELECT id, symbol, display_title, date, language FROM documents
             WHERE list_haystack IS NULL AND id > $1 ORDER BY id LIMIT $2",
            &[&last, &FILL_PAGE],
        )?;
        let Some(end) = rows.last().map(|r| r.get::<_, String>(0)) else {
            return Ok(());
        };
        last = end;
        let mut ids: Vec<&str> = Vec::with_capacity(rows.len());
        let mut keys: Vec<ListKeys> = Vec::with_capacity(rows.len());
        for r in &rows {
            ids.push(r.get(0));
            keys.push(ListKeys::of(
                r.get(0),
                r.get(1),
                r.get(2),
                r.get(3),
                r.get(4),
            ));
        }
        let haystacks: Vec<&str> = keys.iter().map(|k| k.haystack.as_str()).collect();
        let dates: Vec<Option<&[u8]>> = keys.iter().map(|k| k.date.as_deref()).collect();
        let symbols: Vec<&[u8]> = keys.iter().map(|k| k.symbol.as_slice()).collect();
        let titles: Vec<&[u8]> = keys.iter().map(|k| k.title.as_slice()).collect();
        tx.execute(
            "UPDATE documents d SET list_haystack = u.h, list_date_key = u.dk,
                list_symbol_key = u.sk, list_title_key = u.tk
             FROM unnest($1::text[], $2::text[], $3::bytea[], $4::bytea[], $5::bytea[])
                 AS u(id, h, dk, sk, tk)
             WHERE d.id = u.id",
            &[&ids, &haystacks, &dates, &symbols, &titles],
        )?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::listing::haystack;

    #[test]
    fn the_keys_from_columns_are_those_of_the_document() {
        let corpus = crate::model::load_bundled();
        for d in corpus.documents() {
            let m = &d.meta;
            let keys = ListKeys::of(
                &d.id,
                m.symbol.as_deref(),
                &d.display_title(),
                m.date.as_deref(),
                m.language.as_deref(),
            );
            assert_eq!(keys.haystack, haystack(d));
            assert_eq!(keys.symbol, sort_key(d.label()));
        }
    }
}
