//! The documents a question about some documents needs: their copies (the
//! other languages and renderings of their symbols) and their families
//! (revisions, addenda, drafts and adopted texts, found through the keys
//! stored with each row). They are read from the archive and parsed again
//! here, with the parser that parsed them, into a small corpus on which the
//! model's own code answers: the archive says what the corpus in memory
//! says.

use super::row::caveats_of;
use crate::model::parse::parse_document;
use crate::model::{Corpus, Document};
use postgres::GenericClient;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// Rounds of widening at most (a family is a few links deep).
const MAX_ROUNDS: usize = 8;

/// The corpus of `seeds` (document ids), their copies and their families,
/// in archive order.
pub fn corpus_around(
    client: &mut impl GenericClient,
    seeds: &[String],
) -> Result<Corpus, postgres::Error> {
    let ids = ids_around(client, seeds)?;
    documents(client, &ids)
}

/// The ids of `seeds` (document ids), their copies and their families.
pub fn ids_around(
    client: &mut impl GenericClient,
    seeds: &[String],
) -> Result<Vec<String>, postgres::Error> {
    let mut ids: HashSet<String> = seeds.iter().cloned().collect();
    let mut symbols: HashSet<String> = HashSet::new();
    let mut bases: HashSet<String> = HashSet::new();
    let mut keys: HashSet<String> = HashSet::new();
    for _ in 0..MAX_ROUNDS {
        let as_vec = |s: &HashSet<String>| s.iter().cloned().collect::<Vec<String>>();
        let rows = client.query(
            "SELECT id, symbol, symbol_base, draft_key, adopted_key, named_draft_base
             FROM documents
             WHERE id = ANY($1) OR symbol = ANY($2) OR symbol_base = ANY($3)
                OR named_draft_base = ANY($3) OR draft_key = ANY($4) OR adopted_key = ANY($4)",
            &[
                &as_vec(&ids),
                &as_vec(&symbols),
                &as_vec(&bases),
                &as_vec(&keys),
            ],
        )?;
        let before = (ids.len(), symbols.len(), bases.len(), keys.len());
        for row in rows {
            ids.insert(row.get(0));
            if let Some(symbol) = row.get::<_, Option<String>>(1) {
                symbols.insert(symbol.clone());
                // A resolution's own symbol heads the family of its addenda.
                bases.insert(symbol);
            }
            for column in [2, 5] {
                if let Some(base) = row.get::<_, Option<String>>(column) {
                    bases.insert(base);
                }
            }
            for column in [3, 4] {
                if let Some(key) = row.get::<_, Option<String>>(column) {
                    keys.insert(key);
                }
            }
        }
        if before == (ids.len(), symbols.len(), bases.len(), keys.len()) {
            break;
        }
    }
    Ok(ids.into_iter().collect())
}

/// The documents `ids`, parsed again, in archive order.
pub fn documents(
    client: &mut impl GenericClient,
    ids: &[String],
) -> Result<Corpus, postgres::Error> {
    documents_known(client, ids, &HashMap::new())
}

/// Like [`documents`], taking those of `known` (by id: the document and its
/// ordinal) as they are instead of parsing them again.
pub fn documents_known(
    client: &mut impl GenericClient,
    ids: &[String],
    known: &HashMap<&str, (&Document, i64)>,
) -> Result<Corpus, postgres::Error> {
    let wanted: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|id| !known.contains_key(id))
        .collect();
    let rows = client.query(
        "SELECT id, path, encoding, caveats, source, ordinal FROM documents
         WHERE id = ANY($1)",
        &[&wanted],
    )?;
    let stored: Vec<(String, String, String, serde_json::Value, String, i64)> = rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)))
        .collect();
    let mut docs: Vec<(i64, Document)> = stored
        .into_par_iter()
        .map(|(id, path, encoding, caveats, source, ordinal)| {
            let mut doc =
                parse_document(id, PathBuf::from(path), source, static_encoding(&encoding));
            doc.caveats = caveats_of(&caveats);
            (ordinal, doc)
        })
        .collect();
    docs.extend(
        ids.iter()
            .filter_map(|id| known.get(id.as_str()))
            .map(|&(doc, ordinal)| (ordinal, doc.clone())),
    );
    docs.sort_by_key(|(ordinal, _)| *ordinal);
    Ok(Corpus::new(
        docs.into_iter().map(|(_, d)| d).collect(),
        Vec::new(),
    ))
}

/// The encoding's name as the model holds it (a `&'static str`).
fn static_encoding(name: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "PDF", "DOCX", "ODT",
    ];
    if let Some(known) = KNOWN.iter().find(|k| **k == name) {
        return known;
    }
    if let Some(e) = encoding_rs::Encoding::for_label(name.as_bytes()) {
        if e.name() == name {
            return e.name();
        }
    }
    // Any other name, kept once for the life of the process.
    static OTHERS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut others = OTHERS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(kept) = others.get(name) {
        return kept;
    }
    let kept: &'static str = Box::leak(name.to_string().into_boxed_str());
    others.insert(kept);
    kept
}
