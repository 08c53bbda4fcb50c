//! The in-process figures of `scripts/bench-peers`, printed as one JSON object:
//! load and candidate building times, the search bar's keystroke latency over
//! titles, symbols and reference keys, and the time to first and to complete
//! results when searching every line (streamed, as the search worker does).
//! `cargo run --release --example bench_inproc -- DIR`

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

use dossier::model::load_paths;
use dossier::search::worker::FIRST_BLOCK;
use dossier::search::{CandidateSet, Query, Scope, search, search_in_blocks};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// What people type in the search bar, key by key.
const TYPED: [&str; 5] = [
    "traite personnes",
    "ctoc/cop/2012",
    "decision 4/4",
    "resolution 5/2",
    "article 32",
];

/// Queries over every line.
const LINE_QUERIES: [&str; 3] = ["traite personnes", "ctoccop2012", "groupe travail"];

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: bench_inproc DIR");
        return;
    };
    let t = Instant::now();
    let corpus = load_paths(&[PathBuf::from(dir)], &|_| {});
    let load_ms = ms(t);
    let t = Instant::now();
    let bar_scope = Scope {
        lines: false,
        ..Scope::ALL
    };
    let bar = CandidateSet::build(&corpus, bar_scope);
    let bar_build_ms = ms(t);
    let t = Instant::now();
    let all = CandidateSet::build(&corpus, Scope::ALL);
    let all_build_ms = ms(t);
    let never = AtomicBool::new(false);

    // Keystroke → complete ranked results, refining as the worker does.
    let mut keystrokes = Vec::new();
    for typed in TYPED {
        let mut previous: Option<(Query, Vec<u32>)> = None;
        for (end, _) in typed.char_indices().skip(1).chain([(typed.len(), ' ')]) {
            let query = Query::new(&typed[..end]);
            let t = Instant::now();
            let within = previous
                .as_ref()
                .filter(|(p, _)| p.is_refined_by(&query))
                .map(|(_, ids)| ids.as_slice());
            let (_, ids) = search(&bar, &query, 50, within, &never);
            keystrokes.push(ms(t));
            previous = Some((query, ids));
        }
    }
    keystrokes.sort_by(f64::total_cmp);

    // Every line: first (partial) results and complete results.
    let mut lines = Vec::new();
    for q in LINE_QUERIES {
        let query = Query::new(q);
        let t = Instant::now();
        let mut first: Option<f64> = None;
        let matches = search_in_blocks(&all, &query, 50, None, FIRST_BLOCK, &never, &mut |_, _| {
            first.get_or_insert_with(|| ms(t));
        })
        .map_or(0, |(all, _)| all.len());
        let complete = ms(t);
        lines.push(format!(
            "{{\"query\":{q:?},\"first_ms\":{:.1},\"complete_ms\":{complete:.1},\"matched\":{matches}}}",
            first.unwrap_or(complete)
        ));
    }
    let bytes: usize = corpus.documents().iter().map(|d| d.text.len()).sum();
    println!(
        "{{\"docs\":{},\"bytes\":{bytes},\"load_ms\":{load_ms:.1},\"bar_candidates\":{},\"bar_build_ms\":{bar_build_ms:.1},\
         \"candidates\":{},\"build_ms\":{all_build_ms:.1},\"keystroke_median_ms\":{:.2},\"keystroke_p99_ms\":{:.2},\
         \"keystrokes\":{},\"lines\":[{}],\"peak_rss_kb\":{}}}",
        corpus.len(),
        bar.len(),
        all.len(),
        percentile(&keystrokes, 0.5),
        percentile(&keystrokes, 0.99),
        keystrokes.len(),
        lines.join(","),
        peak_rss_kb()
    );
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}
