//! Matching benchmarks: every line of a generated corpus (plus titles, symbols
//! and reference keys) at 10 000, 100 000 and 1 000 000 candidates (and
//! 7 000 000 with `DOSSIER_BENCH_7M=1`), for a broad query, a symbol-like query
//! and a query that matches nothing; at 10 000 and 100 000 candidates, the
//! same candidates matched by fuzzy-matcher's `SkimMatcherV2` and by nucleo
//! scoring every match optimally; typing a query key by key with and without
//! refinement.

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

mod common;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dossier::search::matcher::{new_matcher, score_one};
use dossier::search::{CandidateSet, Match, Query, Scope, search};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

const QUERIES: [&str; 3] = ["traite personnes", "ctoccop2012", "xyzzy"];

/// Generated documents have about 56 candidates each.
const CANDIDATES_PER_DOC: usize = 56;

fn set_of(candidates: usize) -> CandidateSet {
    let corpus = common::corpus(candidates / CANDIDATES_PER_DOC + 1);
    CandidateSet::build(&corpus, Scope::ALL)
}

fn top(mut all: Vec<Match>, limit: usize) -> Vec<Match> {
    all.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
    all.truncate(limit);
    all
}

/// Every match scored with nucleo's optimal matcher (what dossier did before
/// its greedy first pass).
fn nucleo_optimal_all(set: &CandidateSet, query: &Query, limit: usize) -> Vec<Match> {
    let all = (0..set.len())
        .into_par_iter()
        .map_init(
            || (new_matcher(), Vec::new()),
            |(m, buf), i| {
                score_one(set, query, m, buf, i).map(|score| Match {
                    index: i as u32,
                    score,
                })
            },
        )
        .flatten()
        .collect();
    top(all, limit)
}

/// fuzzy-matcher's skim algorithm over the same folded texts; every word of
/// the query must match (as nucleo's atoms do), scores are summed.
fn skim(set: &CandidateSet, words: &[&str], limit: usize) -> Vec<Match> {
    let all = (0..set.len())
        .into_par_iter()
        .map_init(SkimMatcherV2::default, |m, i| {
            let text = set.folded(i);
            let mut score = 0i64;
            for w in words {
                score += m.fuzzy_match(text, w)?;
            }
            Some(Match {
                index: i as u32,
                score: score.max(0) as u32,
            })
        })
        .flatten()
        .collect();
    top(all, limit)
}

fn matching(c: &mut Criterion) {
    let mut sizes = vec![10_000, 100_000, 1_000_000];
    if std::env::var_os("DOSSIER_BENCH_7M").is_some() {
        sizes.push(7_000_000);
    }
    let never = AtomicBool::new(false);
    for size in sizes {
        let set = set_of(size);
        let mut group = c.benchmark_group(format!("match/{size}"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(if size > 100_000 { 5 } else { 2 }));
        for q in QUERIES {
            let query = Query::new(q);
            group.bench_with_input(BenchmarkId::new("dossier", q), &query, |b, query| {
                b.iter(|| search(&set, query, 50, None, &never).0.matched)
            });
            if size <= 100_000 {
                group.bench_with_input(
                    BenchmarkId::new("nucleo-optimal-all", q),
                    &query,
                    |b, query| b.iter(|| nucleo_optimal_all(&set, query, 50)),
                );
                let words: Vec<&str> = q.split_whitespace().collect();
                group.bench_with_input(BenchmarkId::new("skim-v2", q), &words, |b, words| {
                    b.iter(|| skim(&set, words, 50))
                });
            }
        }
        group.finish();
    }
}

fn refinement(c: &mut Criterion) {
    let set = set_of(100_000);
    let never = AtomicBool::new(false);
    let typed = "traite personnes";
    let prefixes: Vec<Query> = (1..=typed.len()).map(|n| Query::new(&typed[..n])).collect();
    let mut group = c.benchmark_group("typing/100000");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("key by key, refining", |b| {
        b.iter(|| {
            let mut previous: Option<(&Query, Vec<u32>)> = None;
            for q in &prefixes {
                let within = previous
                    .as_ref()
                    .filter(|(p, _)| p.is_refined_by(q))
                    .map(|(_, ids)| ids.as_slice());
                let (_, ids) = search(&set, q, 50, within, &never);
                previous = Some((q, ids));
            }
            black_box(previous.map(|(_, ids)| ids.len()))
        })
    });
    group.bench_function("key by key, from scratch", |b| {
        b.iter(|| {
            prefixes
                .iter()
                .map(|q| search(&set, q, 50, None, &never).0.matched)
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, matching, refinement);
criterion_main!(benches);
