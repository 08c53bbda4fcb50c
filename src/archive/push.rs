//! `dossier archive push`: documents parsed here written into the archive
//! in batches, each batch one transaction. A document whose content hash
//! and parser version are already there is left alone (pushing twice
//! changes nothing); a changed one has its rows replaced in the
//! transaction of its batch, so that a push cut short leaves every
//! document either as it was or as it is now.

use super::neighbours::{documents_known, ids_around};
use super::row::{Rows, content_hash, parser_version};
use super::{Archive, ArchiveError, schema};
use crate::corpus::DocumentRow;
use crate::corpus::stored_row::to_stored;
use crate::model::Document;
use postgres::Transaction;
use postgres::types::ToSql;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Documents written per transaction.
pub const BATCH: usize = 64;

/// A number held with `pg_advisory_lock` during a push: two pushes to one
/// archive take turns.
const PUSH_LOCK: i64 = 0x646f_7373_6965_7202;

/// For tests: fail the batch of this number (1-based) after writing it and
/// before committing it, as a push killed at that moment would.
pub const FAIL_BATCH_VAR: &str = "DOSSIER_ARCHIVE_FAIL_BATCH";

/// What a push did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pushed {
    /// Documents the archive did not have.
    pub new: usize,
    /// Documents whose rows were replaced.
    pub changed: usize,
    /// Documents already there as they are.
    pub unchanged: usize,
}

impl Archive {
    /// Writes `docs` into the archive (creating or migrating its schema),
    /// calling `progress` with the documents done and the total after each
    /// batch.
    pub fn push(
        &self,
        docs: &[Document],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Pushed, ArchiveError> {
        let mut client = self.client.borrow_mut();
        let found = schema::migrate(&mut client).map_err(|e| self.failed(&e))?;
        if found > schema::CURRENT {
            return Err(ArchiveError::TooNew {
                archive: self.settings.shown.clone(),
                found,
            });
        }
        client
            .execute("SELECT pg_advisory_lock($1)", &[&PUSH_LOCK])
            .map_err(|e| self.failed(&e))?;
        if (1..4).contains(&found) {
            // Migrating to version 4 rewrote every document row: until
            // the table is vacuumed, a page deep in a sorted list cannot be
            // read on its index alone (140 ms instead of 6 at 100 000
            // documents). Autovacuum would get there; a role that may not
            // vacuum leaves it to it.
            let _ = client.batch_execute("VACUUM (ANALYZE) documents");
        }
        let result = push_locked(&mut client, docs, progress).map_err(|e| self.failed(&e));
        // The lock also ends with the session.
        let _ = client.execute("SELECT pg_advisory_unlock($1)", &[&PUSH_LOCK]);
        result?.map_err(|batch| ArchiveError::Query {
            archive: self.settings.shown.clone(),
            reason: format!("batch {batch} failed on purpose ({FAIL_BATCH_VAR}); rolled back"),
        })
    }
}

/// What the archive holds of a document already.
struct Held {
    ordinal: i64,
    hash: String,
    parser: String,
    symbol: Option<String>,
}

fn push_locked(
    client: &mut postgres::Client,
    docs: &[Document],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Result<Pushed, usize>, postgres::Error> {
    // What each document is, not its rows: those are made a batch at a
    // time (a document's rows copy its text several times over).
    let hashes: Vec<String> = docs.par_iter().map(content_hash).collect();
    let by_id: HashMap<&str, &Document> = docs.iter().rev().map(|d| (d.id.as_str(), d)).collect();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    let parser = parser_version();
    let mut held: HashMap<String, Held> = HashMap::new();
    for row in client.query(
        "SELECT id, ordinal, content_hash, parser_version, symbol FROM documents WHERE id = ANY($1)",
        &[&ids],
    )? {
        held.insert(
            row.get(0),
            Held {
                ordinal: row.get(1),
                hash: row.get(2),
                parser: row.get(3),
                symbol: row.get(4),
            },
        );
    }
    let mut next: i64 = client
        .query_one("SELECT coalesce(max(ordinal), 0) + 1 FROM documents", &[])?
        .get(0);
    let mut pushed = Pushed::default();
    let mut to_write: Vec<(i64, &Document)> = Vec::new();
    let mut seen = HashSet::new();
    for (doc, hash) in docs.iter().zip(&hashes) {
        if !seen.insert(doc.id.as_str()) {
            continue; // the same id twice in one push: the first stands
        }
        match held.get(&doc.id) {
            Some(h) if h.hash == *hash && h.parser == parser => {
                pushed.unchanged += 1;
            }
            Some(h) => {
                pushed.changed += 1;
                to_write.push((h.ordinal, doc));
            }
            None => {
                pushed.new += 1;
                to_write.push((next, doc));
                next += 1;
            }
        }
    }
    let fail_at: Option<usize> = std::env::var(FAIL_BATCH_VAR)
        .ok()
        .and_then(|v| v.parse().ok());
    let total = to_write.len();
    let mut done = 0;
    progress(0, total);
    for (b, docs) in to_write.chunks(BATCH).enumerate() {
        let rows: Vec<(i64, Rows)> = docs
            .par_iter()
            .map(|&(ordinal, doc)| (ordinal, Rows::of(doc)))
            .collect();
        let batch: Vec<(i64, &Rows)> = rows.iter().map(|(o, r)| (*o, r)).collect();
        let batch = batch.as_slice();
        let mut tx = client.transaction()?;
        let old_symbols: Vec<String> = batch
            .iter()
            .filter_map(|(_, r)| held.get(&r.doc.id)?.symbol.clone())
            .collect();
        // The documents whose list rows the batch may change: those around
        // its changed documents before (a family left) and after.
        let changed: Vec<String> = batch
            .iter()
            .filter(|(_, r)| held.contains_key(&r.doc.id))
            .map(|(_, r)| r.doc.id.clone())
            .collect();
        let mut around = ids_around(&mut tx, &changed)?;
        let ids: Vec<&str> = batch.iter().map(|(_, r)| r.doc.id.as_str()).collect();
        let mut symbols: Vec<String> = batch
            .iter()
            .filter_map(|(_, r)| r.doc.symbol.clone())
            .chain(old_symbols)
            .collect();
        symbols.sort();
        symbols.dedup();
        let before = listed_among(&mut tx, &ids, &symbols)?;
        write_batch(&mut tx, batch)?;
        mark_listed(&mut tx, &symbols)?;
        // Only these rows' `listed` can have changed: the list's size
        // moves by what they changed.
        let after = listed_among(&mut tx, &ids, &symbols)?;
        tx.execute(
            "UPDATE list_summary SET rows = rows + $1, with_symbol = with_symbol + $2",
            &[&(after.0 - before.0), &(after.1 - before.1)],
        )?;
        around.extend(batch.iter().map(|(_, r)| r.doc.id.clone()));
        let known = batch
            .iter()
            .filter_map(|&(ordinal, r)| {
                Some((r.doc.id.as_str(), (*by_id.get(r.doc.id.as_str())?, ordinal)))
            })
            .collect();
        write_list_rows(&mut tx, &around, &known)?;
        if fail_at == Some(b + 1) {
            tx.rollback()?;
            return Ok(Err(b + 1));
        }
        tx.commit()?;
        done += batch.len();
        progress(done, total);
    }
    fill_list_rows(client)?;
    Ok(Ok(pushed))
}

/// Of the documents `ids` and those carrying `symbols`: how many are
/// listed, and how many of those have a symbol.
fn listed_among(
    tx: &mut Transaction,
    ids: &[&str],
    symbols: &[String],
) -> Result<(i64, i64), postgres::Error> {
    let row = tx.query_one(
        "SELECT count(*) FILTER (WHERE listed), count(symbol) FILTER (WHERE listed)
         FROM documents WHERE id = ANY($1) OR symbol = ANY($2)",
        &[&ids, &symbols],
    )?;
    Ok((row.get(0), row.get(1)))
}

/// Rows of the list worked out per transaction when filling those missing.
const FILL_PAGE: i64 = 256;

/// Stores the list row of every listed document that has none (those
/// pushed before schema version 2), a page per transaction.
fn fill_list_rows(client: &mut postgres::Client) -> Result<(), postgres::Error> {
    let mut last = 0_i64;
    loop {
        let mut tx = client.transaction()?;
        let rows = tx.query(
            "SELECT id, ordinal FROM documents
             WHERE listed AND list_row IS NULL AND ordinal > $1 ORDER BY ordinal LIMIT $2",
            &[&last, &FILL_PAGE],
        )?;
        let Some(end) = rows.last().map(|r| r.get::<_, i64>(1)) else {
            return Ok(());
        };
        last = end;
        let ids: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
        write_list_rows(&mut tx, &ids, &HashMap::new())?;
        tx.commit()?;
    }
}

/// Works out and stores the list rows of the listed documents among
/// `seeds` and the documents around them (their copies and families).
/// The documents of `known` (by id, with their ordinals) are those being
/// pushed: taken as they are rather than parsed again.
fn write_list_rows(
    tx: &mut Transaction,
    seeds: &[String],
    known: &HashMap<&str, (&Document, i64)>,
) -> Result<(), postgres::Error> {
    if seeds.is_empty() {
        return Ok(());
    }
    let around = ids_around(tx, seeds)?;
    let listed: HashSet<String> = tx
        .query(
            "SELECT id FROM documents WHERE listed AND id = ANY($1)",
            &[&around],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let corpus = documents_known(tx, &around, known)?;
    let (ids, rows): (Vec<&str>, Vec<String>) = corpus
        .documents()
        .iter()
        .enumerate()
        .filter(|(_, d)| listed.contains(&d.id))
        .filter_map(|(i, d)| Some((d.id.as_str(), to_stored(&DocumentRow::of(&corpus, i)?))))
        .unzip();
    tx.execute(
        "UPDATE documents d SET list_row = u.r::json
         FROM unnest($1::text[], $2::text[]) AS u(id, r) WHERE d.id = u.id",
        &[&ids, &rows],
    )?;
    Ok(())
}

/// Replaces the rows of the documents of `batch` (with their ordinals).
fn write_batch(tx: &mut Transaction, batch: &[(i64, &Rows)]) -> Result<(), postgres::Error> {
    let ids: Vec<&str> = batch.iter().map(|(_, r)| r.doc.id.as_str()).collect();
    tx.execute("DELETE FROM paragraphs WHERE doc_id = ANY($1)", &[&ids])?;
    tx.execute("DELETE FROM citations WHERE doc_id = ANY($1)", &[&ids])?;
    tx.execute("DELETE FROM documents WHERE id = ANY($1)", &[&ids])?;
    let parser = parser_version();
    let insert = tx.prepare(
        "INSERT INTO documents (id, ordinal, path, symbol, symbol_base, language, title,
            display_title, date, session, doc_type, meta, encoding, caveats, source,
            content_hash, parser_version, words, lines, empty, has_agenda, reference_count,
            lang_rank, format_rank, reported_conference, reported_session, draft_key,
            adopted_key, named_draft_base, list_haystack, list_date_key, list_symbol_key,
            list_title_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
            $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33)",
    )?;
    for (ordinal, r) in batch {
        let d = &r.doc;
        let (conference, session) = d.reported.clone().unzip();
        let keys = &d.list_keys;
        let params: [&(dyn ToSql + Sync); 33] = [
            &d.id,
            ordinal,
            &d.path,
            &d.symbol,
            &d.symbol_base,
            &d.language,
            &d.title,
            &d.display_title,
            &d.date,
            &d.session,
            &d.doc_type,
            &d.meta,
            &d.encoding,
            &d.caveats,
            &d.source,
            &d.content_hash,
            &parser,
            &d.words,
            &d.lines,
            &d.empty,
            &d.has_agenda,
            &d.reference_count,
            &d.lang_rank,
            &d.format_rank,
            &conference,
            &session,
            &d.draft_key,
            &d.adopted_key,
            &d.named_draft_base,
            &keys.haystack,
            &keys.date,
            &keys.symbol,
            &keys.title,
        ];
        tx.execute(&insert, &params)?;
    }
    write_paragraphs(tx, batch)?;
    write_citations(tx, batch)
}

/// The paragraphs of `batch`, in one statement, each with the full-text
/// configuration of its document's language.
fn write_paragraphs(tx: &mut Transaction, batch: &[(i64, &Rows)]) -> Result<(), postgres::Error> {
    let mut doc_id = Vec::new();
    let mut n = Vec::new();
    let mut number = Vec::new();
    let mut start = Vec::new();
    let mut end = Vec::new();
    let mut config = Vec::new();
    let mut text = Vec::new();
    for (_, r) in batch {
        let cfg = schema::text_search_config(r.doc.language.as_deref());
        for (i, p) in r.paragraphs.iter().enumerate() {
            doc_id.push(r.doc.id.as_str());
            n.push(i32::try_from(i).unwrap_or(i32::MAX));
            number.push(p.number.as_deref());
            start.push(p.start_line);
            end.push(p.end_line);
            config.push(cfg);
            text.push(p.text.as_str());
        }
    }
    tx.execute(
        "INSERT INTO paragraphs (doc_id, n, number, start_line, end_line, config, text, tsv)
         SELECT d, n, num, s, e, c::regconfig, t, to_tsvector(c::regconfig, t)
         FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[])
              AS u(d, n, num, s, e, c, t)",
        &[&doc_id, &n, &number, &start, &end, &config, &text],
    )?;
    Ok(())
}

/// The citations of `batch`, in one statement.
fn write_citations(tx: &mut Transaction, batch: &[(i64, &Rows)]) -> Result<(), postgres::Error> {
    let rows: Vec<(&str, i32, &super::row::CitationRow)> = batch
        .iter()
        .flat_map(|(_, r)| {
            r.citations
                .iter()
                .enumerate()
                .map(move |(i, c)| (r.doc.id.as_str(), i32::try_from(i).unwrap_or(i32::MAX), c))
        })
        .collect();
    let col = |f: &dyn Fn(&super::row::CitationRow) -> i32| -> Vec<i32> {
        rows.iter().map(|(_, _, c)| f(c)).collect()
    };
    let doc_id: Vec<&str> = rows.iter().map(|r| r.0).collect();
    let n: Vec<i32> = rows.iter().map(|r| r.1).collect();
    let kind: Vec<&str> = rows.iter().map(|r| r.2.kind).collect();
    let key: Vec<&str> = rows.iter().map(|r| r.2.key.as_str()).collect();
    let cited_as: Vec<Option<&str>> = rows.iter().map(|r| r.2.cited_as.as_deref()).collect();
    let line = col(&|c| c.line);
    let column = col(&|c| c.column);
    let end_line = col(&|c| c.end_line);
    let end_column = col(&|c| c.end_column);
    let text: Vec<&str> = rows.iter().map(|r| r.2.text.as_str()).collect();
    let context: Vec<&str> = rows.iter().map(|r| r.2.context.as_str()).collect();
    let focus = col(&|c| c.focus);
    let truncated: Vec<bool> = rows.iter().map(|r| r.2.context_truncated).collect();
    let conference: Vec<Option<&str>> = rows
        .iter()
        .map(|r| r.2.session.as_ref().map(|s| s.0.as_str()))
        .collect();
    let session: Vec<Option<i32>> = rows
        .iter()
        .map(|r| r.2.session.as_ref().map(|s| s.1))
        .collect();
    let key_target: Vec<&str> = rows.iter().map(|r| r.2.key_target.as_str()).collect();
    let cited_as_target: Vec<Option<&str>> = rows
        .iter()
        .map(|r| r.2.cited_as_target.as_deref())
        .collect();
    tx.execute(
        "INSERT INTO citations (doc_id, n, kind, key, cited_as, line, col, end_line, end_col,
            text, context, focus, context_truncated, conference, session, key_target,
            cited_as_target)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[],
            $6::int[], $7::int[], $8::int[], $9::int[], $10::text[], $11::text[], $12::int[],
            $13::bool[], $14::text[], $15::int[], $16::text[], $17::text[])",
        &[
            &doc_id,
            &n,
            &kind,
            &key,
            &cited_as,
            &line,
            &column,
            &end_line,
            &end_column,
            &text,
            &context,
            &focus,
            &truncated,
            &conference,
            &session,
            &key_target,
            &cited_as_target,
        ],
    )?;
    Ok(())
}

/// Marks, for each of `symbols`, the copy the list shows (by language,
/// rendering, then path, as in memory) and unmarks the others.
fn mark_listed(tx: &mut Transaction, symbols: &[String]) -> Result<(), postgres::Error> {
    if symbols.is_empty() {
        return Ok(());
    }
    let mut best: HashMap<String, (i32, i32, String, String)> = HashMap::new();
    for row in tx.query(
        "SELECT symbol, lang_rank, format_rank, path, id FROM documents WHERE symbol = ANY($1)",
        &[&symbols],
    )? {
        let candidate: (i32, i32, String, String) =
            (row.get(1), row.get(2), row.get(3), row.get(4));
        let symbol: String = row.get(0);
        let better = best.get(&symbol).is_none_or(|b| {
            (b.0, b.1, Path::new(&b.2)) > (candidate.0, candidate.1, Path::new(&candidate.2))
        });
        if better {
            best.insert(symbol, candidate);
        }
    }
    let listed: Vec<&str> = best.values().map(|b| b.3.as_str()).collect();
    tx.execute(
        "UPDATE documents SET listed = (id = ANY($2)) WHERE symbol = ANY($1)",
        &[&symbols, &listed],
    )?;
    Ok(())
}
