//! Every fast path of search returns what a plain, obviously correct version
//! returns, on random corpora and queries: the parallel, chunked scan and the
//! two-pass ranking against a sequential loop; refining within the matches of
//! a shorter query against a full search; block-by-block (streamed) search
//! against a single search; the folded arena against folding each text when
//! it is matched.

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

use dossier::model::Corpus;
use dossier::model::fold::fold;
use dossier::model::parse::parse_document;
use dossier::search::matcher::{new_matcher, quick_score, rescore_budget, scan_chunked, score_one};
use dossier::search::{CandidateSet, Match, Query, Scope, search, search_in_blocks};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// Words that documents are made of: French with and without accents, English,
/// symbols, numbers, references, a little Cyrillic and CJK.
const WORDS: &[&str] = &[
    "traite",
    "traité",
    "Traite",
    "des",
    "personnes",
    "PERSONNES",
    "décision",
    "decision",
    "4/4",
    "résolution",
    "5/2",
    "CTOC/COP/2012/1",
    "CTOC/COP/WG.4/2011/8",
    "ctoccop2012",
    "Conférence",
    "Parties",
    "œuvrer",
    "l’État",
    "article",
    "32",
    "de",
    "la",
    "Convention",
    "groupe",
    "travail",
    "Groupe",
    "Vienne,",
    "2012",
    "session",
    "Шестая",
    "сессия",
    "公约第32条",
    "e\u{301}tat",
    "a",
    "t",
    "p",
];

const QUERY_WORDS: &[&str] = &[
    "t",
    "tr",
    "trai",
    "traite",
    "pers",
    "personnes",
    "dec",
    "decision 4",
    "4/4",
    "résol",
    "ctoc",
    "ctoccop2012",
    "cop 2012",
    "conf",
    "etat",
    "état",
    "oeuvr",
    "grp trav",
    "сесс",
    "公约",
    "xyz",
    "'traite",
    "^traite",
    "personnes$",
    "!groupe",
    "a",
    "32",
];

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..14).prop_map(|w| w.join(" "))
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 1..12).prop_map(|lines| lines.join("\n"))
}

fn corpus() -> impl Strategy<Value = Corpus> {
    prop::collection::vec(document(), 1..5).prop_map(|texts| {
        let docs = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                parse_document(
                    format!("d{i}"),
                    PathBuf::from(format!("d{i}.txt")),
                    t,
                    "UTF-8",
                )
            })
            .collect();
        Corpus::new(docs, Vec::new())
    })
}

fn query() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(QUERY_WORDS), 0..3).prop_map(|w| w.join(" "))
}

/// Best first, then kind, then corpus order: the documented order of results.
fn sort(set: &CandidateSet, v: &mut [Match]) {
    v.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| {
                set.get(a.index as usize)
                    .kind
                    .cmp(&set.get(b.index as usize).kind)
            })
            .then_with(|| a.index.cmp(&b.index))
    });
}

/// The plain version of `search`: one loop, one thread, a full sort.
fn naive(set: &CandidateSet, q: &Query, limit: usize) -> (Vec<Match>, usize) {
    let mut matcher = new_matcher();
    let mut buf = Vec::new();
    let mut quick: Vec<Match> = Vec::new();
    for i in 0..set.len() {
        let score = if q.is_empty() {
            Some(match set.get(i).kind {
                dossier::search::CandidateKind::Document => 12,
                dossier::search::CandidateKind::Symbol => 8,
                dossier::search::CandidateKind::Reference => 4,
                dossier::search::CandidateKind::Line => 0,
            })
        } else {
            quick_score(set, q, &mut matcher, &mut buf, i)
        };
        if let Some(score) = score {
            quick.push(Match {
                index: i as u32,
                score,
            });
        }
    }
    let matched = quick.len();
    sort(set, &mut quick);
    if q.is_empty() {
        quick.truncate(limit);
        return (quick, matched);
    }
    quick.truncate(rescore_budget(limit));
    let mut full: Vec<Match> = quick
        .iter()
        .map(|m| Match {
            index: m.index,
            score: score_one(set, q, &mut matcher, &mut buf, m.index as usize)
                .expect("a quick match is a match"),
        })
        .collect();
    sort(set, &mut full);
    full.truncate(limit);
    (full, matched)
}

/// `cases` cases, failures kept in `tests/search_props.proptest-regressions`
/// (proptest cannot find a source file to put them beside in an
/// integration test) and replayed first on every run.
fn persisted(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/search_props.proptest-regressions",
            ),
        )),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(persisted(48))]

    #[test]
    fn search_equals_the_plain_loop(c in corpus(), q in query(), limit in 0usize..30) {
        let set = CandidateSet::build(&c, Scope::ALL);
        let q = Query::new(&q);
        let (out, ids) = search(&set, &q, limit, None, &AtomicBool::new(false));
        let (expected, matched) = naive(&set, &q, limit);
        prop_assert_eq!(&out.matches, &expected);
        prop_assert_eq!(out.matched, matched);
        prop_assert_eq!(ids.len(), matched);
        prop_assert!(ids.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn quick_pass_matches_exactly_what_the_full_matcher_matches(c in corpus(), q in query()) {
        let set = CandidateSet::build(&c, Scope::ALL);
        let q = Query::new(&q);
        let mut matcher = new_matcher();
        let mut buf = Vec::new();
        for i in 0..set.len() {
            let quick = quick_score(&set, &q, &mut matcher, &mut buf, i);
            let full = score_one(&set, &q, &mut matcher, &mut buf, i);
            prop_assert_eq!(quick.is_some(), full.is_some(), "candidate {}", set.folded(i));
        }
    }

    #[test]
    fn chunked_parallel_scan_equals_one_chunk(c in corpus(), q in query(), chunk in 1usize..9) {
        let set = CandidateSet::build(&c, Scope::ALL);
        let q = Query::new(&q);
        let never = AtomicBool::new(false);
        let one = scan_chunked(&set, &q, None, 0..set.len(), usize::MAX, &never);
        let many = scan_chunked(&set, &q, None, 0..set.len(), chunk, &never);
        prop_assert_eq!(one, many);
    }

    #[test]
    fn refining_within_previous_matches_equals_a_full_search(
        c in corpus(),
        short in query(),
        more in "[a-z /]{0,4}",
        limit in 1usize..30,
    ) {
        let set = CandidateSet::build(&c, Scope::ALL);
        let never = AtomicBool::new(false);
        let short = Query::new(&short);
        let long = Query::new(&format!("{}{more}", short.raw()));
        prop_assume!(short.is_refined_by(&long));
        let (_, ids) = search(&set, &short, limit, None, &never);
        let (within, _) = search(&set, &long, limit, Some(&ids), &never);
        let (full, _) = search(&set, &long, limit, None, &never);
        prop_assert_eq!(within.matches, full.matches);
        prop_assert_eq!(within.matched, full.matched);
    }

    #[test]
    fn block_by_block_search_ends_with_the_full_results(
        c in corpus(),
        q in query(),
        first in 1usize..20,
        limit in 1usize..20,
    ) {
        let set = CandidateSet::build(&c, Scope::ALL);
        let q = Query::new(&q);
        let never = AtomicBool::new(false);
        let mut partials = Vec::new();
        let (all, ranked) = search_in_blocks(&set, &q, limit, None, first, &never, &mut |m, n| {
            partials.push((m, n));
        })
        .expect("not cancelled");
        let (full, ids) = search(&set, &q, limit, None, &never);
        prop_assert_eq!(&ranked, &full.matches);
        prop_assert_eq!(dossier::search::matcher::rank(&set, &q, &all, limit), full.matches);
        prop_assert_eq!(all.iter().map(|m| m.index).collect::<Vec<_>>(), ids);
        for (m, n) in partials {
            prop_assert!(m.len() <= limit && n <= full.matched);
        }
    }

    #[test]
    fn folded_arena_equals_folding_each_text(c in corpus()) {
        let set = CandidateSet::build(&c, Scope::ALL);
        let plain = CandidateSet::build_sequential(&c, Scope::ALL);
        prop_assert_eq!(set.items(), plain.items());
        for i in 0..set.len() {
            prop_assert_eq!(set.folded(i), fold(&set.text(&c, i)));
            prop_assert_eq!(set.folded(i), plain.folded(i));
        }
    }

    #[test]
    fn scoring_the_arena_equals_scoring_text_folded_at_match_time(c in corpus(), q in query()) {
        let set = CandidateSet::build(&c, Scope::ALL);
        let q = Query::new(&q);
        prop_assume!(!q.is_empty());
        let mut matcher = new_matcher();
        let mut buf = Vec::new();
        // A set of one candidate per text, built from the text folded now.
        for i in 0..set.len() {
            let folded_now = fold(&set.text(&c, i));
            let on_arena = score_one(&set, &q, &mut matcher, &mut buf, i).is_some();
            let pattern = nucleo_matcher::pattern::Pattern::parse(
                &fold(q.raw().trim()),
                nucleo_matcher::pattern::CaseMatching::Ignore,
                nucleo_matcher::pattern::Normalization::Never,
            );
            let at_match_time = pattern
                .score(nucleo_matcher::Utf32Str::new(&folded_now, &mut buf), &mut matcher)
                .is_some();
            prop_assert_eq!(on_arena, at_match_time);
        }
    }
}
