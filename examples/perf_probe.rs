//! Prints how long each phase of loading and searching a corpus takes, for
//! quick profiling: `cargo run --release --example perf_probe -- DIR [QUERY…]`.
//! (The measured figures are in BENCHMARKS.md; this is the quick look.)

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

use dossier::model::load_paths;
use dossier::search::matcher::{new_matcher, order, score_one};
use dossier::search::{CandidateSet, Match, Query, Scope, search};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: perf_probe DIR [QUERY…]");
        return;
    };
    let mut queries: Vec<String> = args.collect();
    if queries.is_empty() {
        queries = vec![
            "traite personnes".into(),
            "ctoccop2012".into(),
            "xyzzy".into(),
        ];
    }
    phases(&PathBuf::from(&dir));
    let t = Instant::now();
    let corpus = load_paths(&[PathBuf::from(dir)], &|_| {});
    let bytes: usize = corpus.documents().iter().map(|d| d.text.len()).sum();
    println!(
        "load      {:>8.1} ms  ({} docs, {} bytes)",
        ms(t),
        corpus.len(),
        bytes
    );
    let t = Instant::now();
    let set = CandidateSet::build(&corpus, Scope::ALL);
    println!("candidates{:>8.1} ms  ({} candidates)", ms(t), set.len());
    let cancel = AtomicBool::new(false);
    for q in &queries {
        let query = Query::new(q);
        for round in 0..3 {
            let t = Instant::now();
            let (out, _) = search(&set, &query, 50, None, &cancel);
            println!(
                "search {q:?} #{round} {:>8.1} ms  ({} matched)",
                ms(t),
                out.matched
            );
            if round == 0 {
                let t = Instant::now();
                let full = full_ranking(&set, &query, 50);
                let same = out.matches.iter().filter(|m| full.contains(m)).count();
                let ours: Vec<u32> = out.matches.iter().map(|m| m.score).collect();
                let theirs: Vec<u32> = full.iter().map(|m| m.score).collect();
                if ours != theirs {
                    println!("  scores differ: ours {ours:?}\n  full {theirs:?}");
                }
                println!(
                    "  every match scored optimally: {:>8.1} ms; {same} of the {} shown are in its top {}",
                    ms(t),
                    out.matches.len(),
                    full.len()
                );
            }
        }
    }
    // Refinement: each prefix of the first query searched within the previous matches.
    let q = &queries[0];
    let t = Instant::now();
    let mut previous: Option<(Query, Vec<u32>)> = None;
    for end in 1..=q.len() {
        if !q.is_char_boundary(end) {
            continue;
        }
        let query = Query::new(&q[..end]);
        let within = previous
            .as_ref()
            .filter(|(p, _)| p.is_refined_by(&query))
            .map(|(_, ids)| ids.as_slice());
        let (_, ids) = search(&set, &query, 50, within, &cancel);
        previous = Some((query, ids));
    }
    println!("typing {q:?} key by key {:>8.1} ms", ms(t));
}

/// The `limit` best by the full (optimal) score of every match, sequentially.
fn full_ranking(set: &CandidateSet, query: &Query, limit: usize) -> Vec<Match> {
    let mut matcher = new_matcher();
    let mut buf = Vec::new();
    let mut all: Vec<Match> = (0..set.len())
        .filter_map(|i| {
            score_one(set, query, &mut matcher, &mut buf, i).map(|score| Match {
                index: i as u32,
                score,
            })
        })
        .collect();
    all.sort_by(order(set));
    all.truncate(limit);
    all
}

/// The phases of loading, one after the other, each in parallel as the loader does.
fn phases(dir: &std::path::Path) {
    use rayon::prelude::*;
    let t = Instant::now();
    let (files, _) = dossier::model::load::discover(&[dir.to_path_buf()]);
    println!(
        "  discover        {:>8.1} ms ({} files)",
        ms(t),
        files.len()
    );
    let t = Instant::now();
    let bytes: Vec<Vec<u8>> = files
        .par_iter()
        .filter_map(|f| std::fs::read(f).ok())
        .collect();
    println!("  read            {:>8.1} ms", ms(t));
    let t = Instant::now();
    let texts: Vec<String> = bytes
        .par_iter()
        .filter_map(|b| dossier::model::decode::decode(b).ok().map(|d| d.text))
        .collect();
    println!("  decode          {:>8.1} ms", ms(t));
    let t = Instant::now();
    let n: usize = texts
        .par_iter()
        .map(|t| dossier::model::extract::extract_all(t).len())
        .sum();
    println!("  extract_all     {:>8.1} ms ({n} references)", ms(t));
    let t = Instant::now();
    let docs: Vec<_> = texts
        .into_par_iter()
        .enumerate()
        .map(|(i, t)| {
            dossier::model::parse::parse_document(i.to_string(), PathBuf::from("x"), t, "UTF-8")
        })
        .collect();
    println!("  parse_document  {:>8.1} ms", ms(t));
    let t = Instant::now();
    let corpus = dossier::model::Corpus::new(docs, Vec::new());
    println!(
        "  Corpus::new     {:>8.1} ms ({} docs)",
        ms(t),
        corpus.len()
    );
    let t = Instant::now();
    drop(corpus);
    println!("  drop            {:>8.1} ms", ms(t));
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}
