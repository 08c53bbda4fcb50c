//! Measures the reader's wrapper against textwrap (the field's Unicode-aware
//! wrapper) on real documents: each display segment is rendered as the
//! reader renders it, then wrapped by both at a few widths; prints the rows,
//! the time and how many segments they wrap differently.
//!
//! `cargo run --release --example wrap_compare -- PATHS…`

use dossier::app::text::{Segments, render, wrap};
use dossier::model::load_paths;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let corpus = load_paths(&paths, &|_| {});
    let mut segments: Vec<Vec<dossier::app::text::Glyph>> = Vec::new();
    for d in corpus.documents() {
        let segs = Segments::new(d);
        for i in 0..segs.len() {
            let r = render(d, &segs, i);
            if !r.glyphs.is_empty() {
                segments.push(r.glyphs);
            }
        }
    }
    let texts: Vec<String> = segments
        .iter()
        .map(|g| g.iter().map(|g| g.c).collect())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} documents, {} segments, {:.2} MB",
        corpus.len(),
        texts.len(),
        bytes as f64 / 1e6
    );
    for width in [40usize, 80, 100] {
        let rendered: Vec<dossier::app::text::Rendered> = segments
            .iter()
            .map(|g| dossier::app::text::Rendered {
                glyphs: g.clone(),
                hang: 0,
            })
            .collect();
        let t = Instant::now();
        let ours: Vec<Vec<String>> = rendered
            .iter()
            .map(|r| {
                wrap(r, width)
                    .into_iter()
                    .map(|row| {
                        r.glyphs[row]
                            .iter()
                            .map(|g| g.c)
                            .collect::<String>()
                            .trim_end()
                            .to_string()
                    })
                    .collect()
            })
            .collect();
        let ours_time = t.elapsed();
        let options = textwrap::Options::new(width)
            .break_words(true)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
        let t = Instant::now();
        let theirs: Vec<Vec<String>> = texts
            .iter()
            .map(|s| {
                textwrap::wrap(s, &options)
                    .into_iter()
                    .map(|l| l.trim_end().to_string())
                    .collect()
            })
            .collect();
        let theirs_time = t.elapsed();
        let differ = ours.iter().zip(&theirs).filter(|(a, b)| a != b).count();
        if std::env::var_os("SHOW").is_some() {
            for (a, b) in ours.iter().zip(&theirs).filter(|(a, b)| a != b).take(3) {
                let first = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(0);
                println!("  ours:     {:?}", &a[first..(first + 2).min(a.len())]);
                println!("  textwrap: {:?}", &b[first..(first + 2).min(b.len())]);
            }
        }
        let rows = |v: &[Vec<String>]| v.iter().map(Vec::len).sum::<usize>();
        println!(
            "width {width}: ours {} rows in {:.1} ms, textwrap first-fit {} rows in {:.1} ms; segments wrapped differently: {differ} of {} ({:.2} %)",
            rows(&ours),
            ours_time.as_secs_f64() * 1e3,
            rows(&theirs),
            theirs_time.as_secs_f64() * 1e3,
            texts.len(),
            100.0 * differ as f64 / texts.len() as f64
        );
    }
}
