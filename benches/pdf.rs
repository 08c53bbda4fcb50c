//! PDF extraction throughput: the real UN PDFs of `tests/fixtures/pdf/`
//! (or the folder in `DOSSIER_BENCH_PDFS`), extracted in this process on one
//! thread, in pages per second of the thread's CPU time (pages per second
//! per core, whatever else the machine runs); and the same through the child
//! process the binary uses, in wall-clock time, to show what isolation costs
//! per file.

#[path = "common/cpu_time.rs"]
mod cpu_time;
#[path = "common/pdf_files.rs"]
mod pdf_files;

use cpu_time::ThreadCpuTime;
use criterion::measurement::Measurement;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use dossier::model::import::isolate::Helper;
use dossier::model::import::{Format, extract_here};
use std::path::PathBuf;
use std::time::Duration;

/// The PDFs, their number of pages, and a group set up to measure them.
fn setup<'c, M: Measurement>(
    c: &'c mut Criterion<M>,
) -> (Vec<Vec<u8>>, usize, BenchmarkGroup<'c, M>) {
    let pdfs = pdf_files::pdfs();
    let pages: usize = pdfs
        .iter()
        .filter_map(|b| extract_here(Format::Pdf, b).ok())
        .map(|t| 1 + t.matches('\u{c}').count())
        .sum();
    let mut group = c.benchmark_group("pdf");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(pages as u64));
    (pdfs, pages, group)
}

fn in_process(c: &mut Criterion<ThreadCpuTime>) {
    let (pdfs, pages, mut group) = setup(c);
    group.bench_function(
        format!(
            "extract {} files, {pages} pages, one thread (CPU time)",
            pdfs.len()
        ),
        |b| {
            b.iter(|| {
                pdfs.iter()
                    .filter_map(|bytes| extract_here(Format::Pdf, bytes).ok())
                    .map(|t| t.len())
                    .sum::<usize>()
            })
        },
    );
    group.finish();
}

fn through_children(c: &mut Criterion) {
    let (pdfs, pages, mut group) = setup(c);
    let helper = Helper {
        exe: PathBuf::from(env!("CARGO_BIN_EXE_dossier")),
        timeout: Duration::from_secs(60),
        memory_mib: 2048,
    };
    group.bench_function(
        format!(
            "extract {} files, {pages} pages, a child process per file",
            pdfs.len()
        ),
        |b| {
            b.iter(|| {
                pdfs.iter()
                    .filter_map(|bytes| helper.extract(Format::Pdf, bytes).ok())
                    .map(|t| t.len())
                    .sum::<usize>()
            })
        },
    );
    group.finish();
}

criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = in_process
}
criterion_group!(wall, through_children);
criterion_main!(cpu, wall);
