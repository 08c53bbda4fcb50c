//! Measures the word diff engines on real pairs of a draft and the
//! resolution adopted from it (pairs found by the family index): imara-diff
//! (Histogram, Myers) against similar (Patience, Myers), over the same word
//! tokens. Prints the time and the size of each edit script (tokens deleted
//! plus inserted: the smaller, the less a reader has to look at).
//!
//! `cargo run --release --features peer-diff --example diff_compare -- PATHS…`

use dossier::model::diff::words::tokens;
use dossier::model::load_paths;
use imara_diff::{Algorithm, Diff, InternedInput};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn imara(old: &[&str], new: &[&str], algorithm: Algorithm) -> usize {
    let mut input: InternedInput<&str> = InternedInput::default();
    input.update_before(old.iter().copied());
    input.update_after(new.iter().copied());
    let d = Diff::compute(algorithm, &input);
    (d.count_additions() + d.count_removals()) as usize
}

fn similar(old: &[&str], new: &[&str], algorithm: similar::Algorithm) -> usize {
    let ops = similar::capture_diff_slices(algorithm, old, new);
    ops.iter()
        .map(|op| match op.tag() {
            similar::DiffTag::Equal => 0,
            _ => op.old_range().len() + op.new_range().len(),
        })
        .sum()
}

/// Times dossier's own document diff (paragraphs aligned, then compared
/// word by word) on each pair: median and max, and the paragraphs found.
fn paragraph_level(corpus: &dossier::model::Corpus, pairs: &[(usize, usize)]) {
    let docs = corpus.documents();
    let mut times = Vec::new();
    let (mut paragraphs, mut changed) = (0, 0);
    for &(a, b) in pairs {
        let mut best = Duration::MAX;
        let mut changes = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            changes = dossier::model::diff::documents(&docs[a], &docs[b]);
            best = best.min(t.elapsed());
        }
        paragraphs += changes.len();
        changed += changes.iter().filter(|c| !c.is_equal()).count();
        times.push(best);
    }
    times.sort_unstable();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let max = times.last().copied().unwrap_or_default();
    println!(
        "dossier diff (align + word diff per paragraph): median {:.2} ms, max {:.2} ms; {paragraphs} paragraphs, {changed} changed",
        median.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3
    );
}

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let corpus = load_paths(&paths, &|_| {});
    let mut pairs = Vec::new();
    for i in 0..corpus.len() {
        let Some(link) = corpus.family_link(i) else {
            continue;
        };
        if link.relation != "adopted_from" {
            continue;
        }
        if let Some(&draft) = corpus.documents_with_symbol(&link.of).first() {
            pairs.push((draft, i));
        }
    }
    println!("{} draft → adopted pairs", pairs.len());
    type Engine = (&'static str, Box<dyn Fn(&[&str], &[&str]) -> usize>);
    let engines: Vec<Engine> = vec![
        (
            "imara-diff Histogram",
            Box::new(|a, b| imara(a, b, Algorithm::Histogram)),
        ),
        (
            "imara-diff Myers",
            Box::new(|a, b| imara(a, b, Algorithm::Myers)),
        ),
        (
            "similar Patience",
            Box::new(|a, b| similar(a, b, similar::Algorithm::Patience)),
        ),
        (
            "similar Myers",
            Box::new(|a, b| similar(a, b, similar::Algorithm::Myers)),
        ),
    ];
    let docs = corpus.documents();
    let token_pairs: Vec<(Vec<&str>, Vec<&str>)> = pairs
        .iter()
        .map(|&(a, b)| (tokens(&docs[a].text), tokens(&docs[b].text)))
        .collect();
    let sizes: Vec<usize> = token_pairs.iter().map(|(a, b)| a.len() + b.len()).collect();
    let mut sorted = sizes.clone();
    sorted.sort_unstable();
    if let (Some(median), Some(max)) = (sorted.get(sorted.len() / 2), sorted.last()) {
        println!("tokens per pair (old + new): median {median}, max {max}");
    }
    paragraph_level(&corpus, &pairs);
    println!("| engine | median | max | total | edit tokens (sum) |");
    println!("|---|---|---|---|---|");
    for (name, engine) in &engines {
        let mut times: Vec<Duration> = Vec::new();
        let mut edits = 0;
        for (a, b) in &token_pairs {
            // Best of three, so that one descheduling does not count.
            let mut best = Duration::MAX;
            let mut size = 0;
            for _ in 0..3 {
                let t = Instant::now();
                size = engine(a, b);
                best = best.min(t.elapsed());
            }
            edits += size;
            times.push(best);
        }
        let total: Duration = times.iter().sum();
        times.sort_unstable();
        let median = times.get(times.len() / 2).copied().unwrap_or_default();
        let max = times.last().copied().unwrap_or_default();
        println!(
            "| {name} | {:.2} ms | {:.2} ms | {:.1} ms | {edits} |",
            median.as_secs_f64() * 1e3,
            max.as_secs_f64() * 1e3,
            total.as_secs_f64() * 1e3
        );
    }
}
