//! Paragraph alignment (`model::align`) measured against the HURIDOCS gold
//! alignments (huridocs/trainable-entity-extractor, Apache-2.0, commit
//! 13104beb92e7151a09484395d9e345bfb587d32f, folder
//! `src/multilingual_paragraph_extractor/resources/labeled_data/`):
//!
//! ```sh
//! cargo run --release --example align_gold -- DIR/labeled_data
//! ```
//!
//! Each PDF is read as dossier reads it, so its paragraphs are dossier's, not
//! the gold's. Every dossier paragraph is mapped to the gold paragraph that
//! contains most of it (word trigrams, at least half of them); a gold pair
//! then stands for the links between the dossier paragraphs mapped to its
//! two sides. A predicted link counts when at least one of its paragraphs
//! is mapped (the others, such as tables of contents the gold leaves out,
//! have no truth); precision, recall and F1 are over those links.

use dossier::model::align::{Mode, Pair, Params, align_texts, paragraph_texts};
use dossier::model::fold::fold;
use dossier::model::load::load_file;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

/// One direction of each labelled pair, main language EN or ES (as RESEARCH-NEXT.md §3).
const FILES: [&str; 8] = [
    "ohchr_1_en_ru",
    "ohchr_2_en_fr",
    "ihrda_2_en_fr",
    "plan_2_en_fr",
    "plan_1_en_es",
    "ihrda_1_en_pt",
    "cejil_1_es_pt",
    "cejil_2_es_pt",
];

/// An aligner under test.
type Aligner = dyn Fn(&[String], &[String]) -> Vec<Pair>;

#[derive(serde::Deserialize)]
struct Gold {
    main_language: String,
    other_language: String,
    paragraphs: Vec<GoldPair>,
}

#[derive(serde::Deserialize)]
struct GoldPair {
    main_language: String,
    other_language: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: align_gold DIR/labeled_data")?;
    let aligners: [(&str, Box<Aligner>); 4] = [
        ("position", Box::new(position)),
        (
            "length",
            Box::new(|a: &[String], b: &[String]| align_texts(a, b, &Params::length_only())),
        ),
        (
            "anchors, no pins",
            Box::new(|a: &[String], b: &[String]| {
                let p = Params {
                    pin: false,
                    ..Params::for_mode(Mode::Translation)
                };
                align_texts(a, b, &p)
            }),
        ),
        (
            "dossier",
            Box::new(|a: &[String], b: &[String]| {
                align_texts(a, b, &Params::for_mode(Mode::Translation))
            }),
        ),
    ];
    let mut totals = vec![(0.0, 0.0, 0.0); aligners.len()];
    println!(
        "| document | pair | gold pairs (mapped) | dossier ¶ (mapped) | {} |",
        aligners
            .iter()
            .map(|(n, _)| format!("{n} P / R / F1"))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("|---|---|---|---|{}", "---|".repeat(aligners.len()));
    for name in FILES {
        let gold: Gold = serde_json::from_str(&std::fs::read_to_string(
            dir.join("labels").join(format!("{name}.json")),
        )?)?;
        let stem = name.rsplitn(3, '_').nth(2).unwrap_or(name);
        let read = |lang: &str| -> Result<Vec<String>, Box<dyn std::error::Error>> {
            let path = dir.join("pdfs").join(format!("{stem}_{lang}.pdf"));
            let doc = load_file(&path).map_err(|e| format!("{}: {e:?}", path.display()))?;
            Ok(paragraph_texts(&doc))
        };
        let a = read(&gold.main_language)?;
        let b = read(&gold.other_language)?;
        let (ga, gb): (Vec<&str>, Vec<&str>) = gold
            .paragraphs
            .iter()
            .map(|p| (p.main_language.as_str(), p.other_language.as_str()))
            .unzip();
        let ma = map_to_gold(&a, &ga);
        let mb = map_to_gold(&b, &gb);
        let truth = gold_links(&ma, &mb);
        let mut row = format!(
            "| {stem} | {}–{} | {} ({}) | {} ({}) / {} ({}) |",
            gold.main_language,
            gold.other_language,
            gold.paragraphs.len(),
            truth.len(),
            a.len(),
            ma.iter().flatten().count(),
            b.len(),
            mb.iter().flatten().count(),
        );
        for (k, (_, aligner)) in aligners.iter().enumerate() {
            let start = Instant::now();
            let pairs = aligner(&a, &b);
            let took = start.elapsed();
            let (p, r, f) = score(&pairs, &truth, &ma, &mb);
            totals[k].0 += p;
            totals[k].1 += r;
            totals[k].2 += f;
            row.push_str(&format!(" {p:.3} / {r:.3} / **{f:.3}**"));
            if k + 1 == aligners.len() {
                row.push_str(&format!(" ({:.1} ms)", took.as_secs_f64() * 1000.0));
            }
            row.push_str(" |");
        }
        println!("{row}");
    }
    let n = FILES.len() as f64;
    let mut row = "| **mean** | | | |".to_string();
    for (p, r, f) in &totals {
        row.push_str(&format!(
            " {:.3} / {:.3} / **{:.3}** |",
            p / n,
            r / n,
            f / n
        ));
    }
    println!("{row}");
    Ok(())
}

/// Paragraph i with paragraph i.
fn position(a: &[String], b: &[String]) -> Vec<Pair> {
    let n = a.len().max(b.len());
    (0..n)
        .map(|i| Pair {
            left: (i < a.len()).then_some(i..i + 1),
            right: (i < b.len()).then_some(i..i + 1),
            score: 0.0,
        })
        .collect()
}

/// The folded words of `text`, letters and digits only.
fn norm(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Word trigrams (single words for a text of fewer than three).
fn shingles(words: &[String]) -> HashSet<String> {
    if words.len() < 3 {
        return words.iter().cloned().collect();
    }
    words.windows(3).map(|w| w.join(" ")).collect()
}

/// For each dossier paragraph, the gold paragraph holding at least half of
/// its trigrams (the one holding most), if any.
fn map_to_gold(paras: &[String], gold: &[&str]) -> Vec<Option<usize>> {
    let gold: Vec<HashSet<String>> = gold.iter().map(|g| shingles(&norm(g))).collect();
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (g, set) in gold.iter().enumerate() {
        for s in set {
            index.entry(s.as_str()).or_default().push(g);
        }
    }
    paras
        .iter()
        .map(|p| {
            let set = shingles(&norm(p));
            let mut hits: HashMap<usize, usize> = HashMap::new();
            for s in &set {
                for &g in index.get(s.as_str()).into_iter().flatten() {
                    *hits.entry(g).or_default() += 1;
                }
            }
            hits.into_iter()
                .filter(|&(_, h)| !set.is_empty() && h * 2 >= set.len())
                .max_by_key(|&(g, h)| (h, std::cmp::Reverse(g)))
                .map(|(g, _)| g)
        })
        .collect()
}

/// Gold pairs with paragraphs mapped on both sides.
fn gold_links(ma: &[Option<usize>], mb: &[Option<usize>]) -> HashSet<usize> {
    let left: HashSet<usize> = ma.iter().flatten().copied().collect();
    mb.iter()
        .flatten()
        .copied()
        .filter(|g| left.contains(g))
        .collect()
}

/// Precision: of the predicted links with a mapped paragraph, the share
/// whose two paragraphs map to one gold pair. Recall: of the mapped
/// paragraphs (both sides) whose gold pair is mapped on the other side too,
/// the share linked to a paragraph of that pair.
fn score(
    pairs: &[Pair],
    truth: &HashSet<usize>,
    ma: &[Option<usize>],
    mb: &[Option<usize>],
) -> (f64, f64, f64) {
    let (mut links, mut good) = (0usize, 0usize);
    let mut found_a = vec![false; ma.len()];
    let mut found_b = vec![false; mb.len()];
    for p in pairs {
        if let (Some(l), Some(r)) = (&p.left, &p.right) {
            for i in l.clone() {
                for j in r.clone() {
                    if ma[i].is_none() && mb[j].is_none() {
                        continue;
                    }
                    links += 1;
                    if ma[i].is_some() && ma[i] == mb[j] {
                        good += 1;
                        found_a[i] = true;
                        found_b[j] = true;
                    }
                }
            }
        }
    }
    let should = |m: &[Option<usize>]| {
        m.iter()
            .filter(|g| g.is_some_and(|g| truth.contains(&g)))
            .count()
    };
    let expected = should(ma) + should(mb);
    let found = found_a.iter().filter(|f| **f).count() + found_b.iter().filter(|f| **f).count();
    let p = if links == 0 {
        0.0
    } else {
        good as f64 / links as f64
    };
    let r = if expected == 0 {
        0.0
    } else {
        found as f64 / expected as f64
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}
