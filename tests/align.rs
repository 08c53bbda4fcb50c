//! `dossier align`: the paragraphs of two language versions of real UN
//! documents (tests/fixtures/versions: A/HRC/WG.6/7/ITA/1 in English and
//! French, A/HRC/WG.6/34/ITA/3 in English and Russian), and of two versions
//! in one language.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;

use common::dossier;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

const DIR: &str = "tests/fixtures/versions";

fn json(args: &[&str]) -> Value {
    let run = dossier(args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

/// The paragraphs and text `show --json` gives for a version.
fn shown(symbol: &str, lang: &str) -> (Vec<(u64, u64)>, Vec<String>) {
    let doc = json(&["show", symbol, DIR, "--lang", lang, "--json"]);
    let paragraphs = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["start_line"].as_u64().unwrap(),
                p["end_line"].as_u64().unwrap(),
            )
        })
        .collect();
    let lines = doc["text"]
        .as_str()
        .unwrap()
        .split('\n')
        .map(str::to_string)
        .collect();
    (paragraphs, lines)
}

/// Every paragraph of the side once, in order; lines and text as `show` gives them.
fn check_side(pairs: &[Value], side: &str, paragraphs: &[(u64, u64)], lines: &[String]) {
    let mut next = 0;
    for p in pairs {
        let s = &p[side];
        if s.is_null() {
            continue;
        }
        let (start, end) = (
            s["start_line"].as_u64().unwrap(),
            s["end_line"].as_u64().unwrap(),
        );
        assert_eq!(start, paragraphs[next].0, "{side} {p}");
        while next < paragraphs.len() && paragraphs[next].1 <= end {
            next += 1;
        }
        assert_eq!(paragraphs[next - 1].1, end, "{side} {p}");
        let text = lines[start as usize - 1..end as usize].join("\n");
        assert_eq!(s["text"].as_str().unwrap(), text);
    }
    assert_eq!(
        next,
        paragraphs.len(),
        "every {side} paragraph is in a pair"
    );
}

/// The left and right paragraph texts of the pairs that pair both sides.
fn paired(pairs: &[Value]) -> Vec<(String, String)> {
    pairs
        .iter()
        .filter(|p| !p["left"].is_null() && !p["right"].is_null())
        .map(|p| {
            (
                p["left"]["text"].as_str().unwrap().to_string(),
                p["right"]["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The number a paragraph starts with (`12.`).
fn number(text: &str) -> Option<u32> {
    let (n, _) = text.trim_start().split_once(". ")?;
    n.parse().ok()
}

#[test]
fn english_and_french_versions_pair_paragraph_by_paragraph() {
    let al = json(&["align", "A/HRC/WG.6/7/ITA/1", DIR, "--lang", "fr", "--json"]);
    assert_eq!(al["mode"], "translation");
    assert_eq!(al["left"]["language"], "en");
    assert_eq!(al["right"]["language"], "fr");
    let pairs = al["pairs"].as_array().unwrap();
    for p in pairs {
        let score = p["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score), "{p}");
        assert!(!(p["left"].is_null() && p["right"].is_null()));
    }
    let (pa, la) = shown("A/HRC/WG.6/7/ITA/1", "en");
    let (pb, lb) = shown("A/HRC/WG.6/7/ITA/1", "fr");
    check_side(pairs, "left", &pa, &la);
    check_side(pairs, "right", &pb, &lb);
    let both = paired(pairs);
    assert!(both.iter().any(|(en, fr)| {
        en.starts_with("1. The preparation of the Italian State Report")
            && fr.starts_with("1. L’établissement du rapport")
    }));
    // The numbered paragraphs of the body (after the contents) keep their numbers.
    let numbered: Vec<_> = both
        .iter()
        .filter_map(|(en, fr)| Some((number(en)?, number(fr)?, en.len())))
        .filter(|(_, _, len)| *len > 200)
        .collect();
    assert!(numbered.len() > 80, "{}", numbered.len());
    let same = numbered.iter().filter(|(a, b, _)| a == b).count();
    assert!(
        same * 100 >= numbered.len() * 97,
        "{same}/{}",
        numbered.len()
    );
}

#[test]
fn english_and_russian_versions_keep_their_numbers_to_the_last_page() {
    let al = json(&[
        "align",
        "A/HRC/WG.6/34/ITA/3",
        DIR,
        "--lang",
        "en,ru",
        "--json",
    ]);
    let pairs = al["pairs"].as_array().unwrap();
    let (pa, la) = shown("A/HRC/WG.6/34/ITA/3", "en");
    let (pb, lb) = shown("A/HRC/WG.6/34/ITA/3", "ru");
    check_side(pairs, "left", &pa, &la);
    check_side(pairs, "right", &pb, &lb);
    let numbered: Vec<_> = paired(pairs)
        .iter()
        .filter_map(|(en, ru)| Some((number(en)?, number(ru)?)))
        .collect();
    let same = numbered.iter().filter(|(a, b)| a == b).count();
    assert!(same >= 80 && same == numbered.len(), "{numbered:?}");
    assert!(numbered.iter().any(|&(a, _)| a >= 90), "to the last page");
}

#[test]
fn two_documents_by_id_and_the_sides_swapped() {
    let al = json(&["align", "ohchr_2_fr", "ohchr_2_en", DIR, "--json"]);
    assert_eq!(al["left"]["id"], "ohchr_2_fr");
    assert_eq!(al["right"]["language"], "en");
    let both = paired(al["pairs"].as_array().unwrap());
    assert!(both.iter().any(
        |(fr, en)| fr.starts_with("1. L’établissement") && en.starts_with("1. The preparation")
    ));
}

#[test]
fn human_output_is_two_columns_within_the_width() {
    let run = dossier(&["align", "A/HRC/WG.6/7/ITA/1", DIR, "--lang", "fr"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    let head = lines.next().unwrap();
    assert!(
        head.starts_with("A/HRC/WG.6/7/ITA/1: en (ohchr_2_en) ↔ fr (ohchr_2_fr) · translation")
            && head.contains("translation"),
        "{head}"
    );
    let columns = lines.next().unwrap();
    assert!(columns.starts_with("LINES") && columns.contains(" EN ") && columns.contains(" FR "));
    assert!(columns.ends_with("SCORE"), "{columns}");
    for line in run.stdout.lines() {
        assert!(line.width() <= 100, "{line}");
    }
    assert!(
        run.stdout.contains("1. The preparation of"),
        "{}",
        run.stdout
    );
}

#[test]
fn versions_in_one_language_align_as_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let draft = "---\nsymbol: A/C.5/48/L.50\nlanguage: en\n---\n\n\
        1. Decides to appropriate to the Special Account for the United Nations Mission in Haiti the amount of 10,000,000 dollars;\n\n\
        2. Requests the Secretary-General to take all necessary action to ensure that the Mission is administered with a maximum of efficiency and economy;\n\n\
        3. Invites voluntary contributions to the Mission in cash and in the form of services and supplies acceptable to the Secretary-General;\n";
    let adopted = "---\nsymbol: A/RES/48/249\nlanguage: en\n---\n\n\
        1. Decides to appropriate to the Special Account for the United Nations Mission in Haiti the amount of 12,500,000 dollars;\n\n\
        2. Invites voluntary contributions to the Mission in cash and in the form of services and supplies acceptable to the Secretary-General;\n";
    std::fs::write(dir.path().join("draft.md"), draft).unwrap();
    std::fs::write(dir.path().join("adopted.md"), adopted).unwrap();
    let path = dir.path().to_str().unwrap();
    let al = json(&["align", "A/C.5/48/L.50", "A/RES/48/249", path, "--json"]);
    assert_eq!(al["mode"], "revision");
    let pairs = al["pairs"].as_array().unwrap();
    let requests = pairs
        .iter()
        .find(|p| {
            p["left"]["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("2. Requests"))
        })
        .unwrap();
    assert!(
        requests["right"].is_null(),
        "the deleted paragraph: {requests}"
    );
    assert!(
        paired(pairs)
            .iter()
            .any(|(l, r)| l.starts_with("3. Invites") && r.starts_with("2. Invites"))
    );
}

#[test]
fn errors_say_what_to_do() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["align", "nope", "ohchr_2_fr", DIR],
            "no document matches 'nope'",
        ),
        (
            &["align", "A/HRC/WG.6/7/ITA/1", DIR, "--lang", "ar"],
            "has no version in 'ar'; it has: en fr",
        ),
        (
            &["align", "A/HRC/WG.6/7/ITA/1", "A/HRC/WG.6/7/ITA/1", DIR],
            "--lang",
        ),
        (
            &["align", "ohchr_2_en"],
            "give a second document, or --lang",
        ),
        (
            &["align", "A/HRC/WG.6/7/ITA/1", DIR, "--lang", "en,en"],
            "same version",
        ),
    ];
    for (args, message) in cases {
        let run = dossier(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}
