//! The clean reading text (`model::clean`) per MB: the text extracted from the
//! real UN PDFs of `tests/fixtures/pdf/` (or of the folder in
//! `DOSSIER_BENCH_PDFS`) once, before timing, then cleaned on one thread as
//! the loader cleans it; and the whole parse the loader runs on it, with and
//! without the clean stage. Throughput is per byte of extracted text; times
//! are the thread's CPU time (`common/cpu_time.rs`).

#[path = "common/cpu_time.rs"]
mod cpu_time;
#[path = "common/pdf_files.rs"]
mod pdf_files;

use cpu_time::ThreadCpuTime;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::model::clean;
use dossier::model::import::{Format, extract_here};
use dossier::model::parse::parse_document;
use std::path::PathBuf;
use std::time::Duration;

fn cleaning(c: &mut Criterion<ThreadCpuTime>) {
    let raw: Vec<String> = pdf_files::pdfs()
        .iter()
        .filter_map(|bytes| extract_here(Format::Pdf, bytes).ok())
        .collect();
    let cleaned: Vec<String> = raw
        .iter()
        .map(|t| clean::clean(t).map_or_else(|| t.clone(), |c| c.text))
        .collect();
    let bytes: usize = raw.iter().map(String::len).sum();
    let pages: usize = raw.iter().map(|t| 1 + t.matches('\u{c}').count()).sum();
    let files = raw.len();
    let mut group = c.benchmark_group("clean");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(
        format!("clean text (clean::clean), {files} files, {pages} pages, one thread (CPU time)"),
        |b| {
            b.iter(|| {
                raw.iter()
                    .filter_map(|t| clean::clean(t))
                    .map(|c| c.text.len())
                    .sum::<usize>()
            })
        },
    );
    // What the loader runs on an extracted text: clean, then parse.
    group.bench_function(
        format!("clean + parse (parse_document of the extracted text), {files} files, one thread (CPU time)"),
        |b| {
            b.iter(|| {
                raw.iter()
                    .map(|t| parse(t.clone()).references.len())
                    .sum::<usize>()
            })
        },
    );
    // The same parse of the text already clean (nothing left to clean).
    group.bench_function(
        format!(
            "parse alone (parse_document of the clean text), {files} files, one thread (CPU time)"
        ),
        |b| {
            b.iter(|| {
                cleaned
                    .iter()
                    .map(|t| parse(t.clone()).references.len())
                    .sum::<usize>()
            })
        },
    );
    group.finish();
}

fn parse(text: String) -> dossier::model::Document {
    parse_document(
        "bench".into(),
        PathBuf::from("bench.pdf"),
        text,
        Format::Pdf.label(),
    )
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = cleaning
}
criterion_main!(benches);
