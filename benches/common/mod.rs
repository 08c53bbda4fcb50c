//! Shared by the benchmarks: corpora generated in memory by the same generator
//! as `examples/gen_corpus` (same documents for the same seed).

#[allow(dead_code)]
#[path = "../../examples/gen_corpus/generator.rs"]
mod generator;

use dossier::model::Corpus;
use dossier::model::parse::parse_document;
use rayon::prelude::*;
use std::path::PathBuf;

/// The seed of every benchmark corpus.
pub const SEED: u64 = 1;

/// The ids and texts of the first `docs` generated documents.
pub fn texts(docs: usize) -> Vec<(String, String)> {
    let generator = generator::Generator::new();
    (0..docs as u64)
        .into_par_iter()
        .map(|i| generator.document(SEED, i))
        .collect()
}

/// A corpus of the first `docs` generated documents, parsed in parallel.
pub fn corpus(docs: usize) -> Corpus {
    let parsed = texts(docs)
        .into_par_iter()
        .map(|(id, text)| {
            let path = PathBuf::from(format!("{id}.txt"));
            parse_document(id, path, text, "UTF-8")
        })
        .collect();
    Corpus::new(parsed, Vec::new())
}
