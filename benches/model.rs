//! Model benchmarks: parsing and reference extraction per MB of generated
//! documents, building the search candidates, and looking up backlinks.

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::model::extract::extract_all;
use dossier::model::parse::parse_document;
use dossier::search::{CandidateSet, Scope};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn extraction(c: &mut Criterion) {
    let texts = common::texts(200);
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("references (extract_all), one thread", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|(_, t)| extract_all(t).len())
                .sum::<usize>()
        })
    });
    group.bench_function("whole document (parse_document), one thread", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|(id, t)| {
                    parse_document(id.clone(), PathBuf::from(id), t.clone(), "UTF-8")
                        .references
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

fn corpus_indexes(c: &mut Criterion) {
    let corpus = common::corpus(10_000);
    let mut group = c.benchmark_group("corpus/10000");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("backlinks lookup decision:4/4", |b| {
        b.iter(|| corpus.backlinks(black_box("decision:4/4")).len())
    });
    group.bench_function("backlinks lookup, every key", |b| {
        let keys: Vec<String> = corpus.keys().iter().map(|(k, _)| k.to_string()).collect();
        b.iter(|| {
            keys.iter()
                .map(|k| corpus.backlinks(k).len())
                .sum::<usize>()
        })
    });
    group.bench_function("build search candidates", |b| {
        b.iter(|| CandidateSet::build(&corpus, Scope::ALL).len())
    });
    group.finish();
}

criterion_group!(benches, extraction, corpus_indexes);
criterion_main!(benches);
