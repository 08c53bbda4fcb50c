//! Paragraph alignment (`model::align`) of two language versions about 100
//! pages long: the English and French versions of A/HRC/WG.6/7/ITA/1 and the
//! English and Russian versions of A/HRC/WG.6/34/ITA/3
//! (`tests/fixtures/versions/`, 17 to 20 pages each), read once, their
//! paragraphs repeated to about 100 pages a side. Repeated, the paragraph
//! numbers are no longer unique: nothing is pinned and the banded programme
//! runs over the whole documents (the worst case); the single documents, whose
//! numbered paragraphs are pinned, are timed too. Times are the thread's CPU
//! time (`common/cpu_time.rs`).

#[path = "common/cpu_time.rs"]
mod cpu_time;

use cpu_time::ThreadCpuTime;
use criterion::{Criterion, criterion_group, criterion_main};
use dossier::model::align::{Mode, Params, align_texts, paragraph_texts};
use dossier::model::load::load_file;
use std::path::Path;
use std::time::Duration;

fn texts(name: &str) -> Vec<String> {
    let path = Path::new("tests/fixtures/versions").join(name);
    load_file(&path).map_or_else(|_| Vec::new(), |d| paragraph_texts(&d))
}

fn aligning(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    let params = Params::for_mode(Mode::Translation);
    for (left, right, pages) in [
        ("ohchr_2_en.pdf", "ohchr_2_fr.pdf", 17),
        ("ohchr_1_en.pdf", "ohchr_1_ru.pdf", 20),
    ] {
        let (a, b) = (texts(left), texts(right));
        group.bench_function(
            format!(
                "{left} ↔ {right}, {pages} pages, {} × {} paragraphs",
                a.len(),
                b.len()
            ),
            |bench| bench.iter(|| align_texts(&a, &b, &params).len()),
        );
        let times = 100 / pages;
        let repeat =
            |t: &[String]| -> Vec<String> { (0..times).flat_map(|_| t.iter().cloned()).collect() };
        let (a, b) = (repeat(&a), repeat(&b));
        group.bench_function(
            format!(
                "{left} ↔ {right} repeated to {} pages, {} × {} paragraphs, nothing pinned",
                pages * times,
                a.len(),
                b.len()
            ),
            |bench| bench.iter(|| align_texts(&a, &b, &params).len()),
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = aligning
}
criterion_main!(benches);
