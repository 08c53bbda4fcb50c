//! Property tests: whatever text comes in, extraction and document building
//! never panic, every span lies inside the text on character boundaries, and
//! every key is in canonical form.

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

use dossier::model::RefKind;
use dossier::model::extract::extract_all;
use dossier::model::parse::parse_document;
use proptest::prelude::*;
use std::path::PathBuf;

/// Text mixing citation-like fragments with arbitrary characters, so that
/// extractors are exercised at their edges and not only on noise.
fn texty() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("décision 4/4".to_string()),
        Just("résolutions 9/1 à 9/3".to_string()),
        Just("CTOC/COP/2012/1".to_string()),
        Just("E/CN.15/2008/ CRP.2".to_string()),
        Just("(A/61/L.45 and Add.1)".to_string()),
        Just("paragraphe 3 de l'article 32 de la Convention".to_string()),
        Just("rule 2 of the rules of procedure".to_string()),
        Just("<http://www.unodc.org/a/CTOC/x.html>".to_string()),
        Just("[a@b.org](mailto:a@b.org)".to_string()),
        Just("第8/12号决议".to_string()),
        Just("Point 2 b) de l'ordre du jour provisoire*".to_string()),
        Just("**gras**".to_string()),
        Just("\u{1b}]52;c;ZXZpbA==\u{7}".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        any::<String>(),
        "[ -~]{0,20}",
        "[\u{300}-\u{36f}a-zé/.()0-9 ]{0,12}",
    ];
    prop::collection::vec(fragment, 0..12).prop_map(|parts| parts.concat())
}

fn canonical(kind: RefKind, key: &str) -> bool {
    let Some((prefix, target)) = key.split_once(':') else {
        return false;
    };
    if prefix != kind.name() || target.is_empty() {
        return false;
    }
    match kind {
        RefKind::Symbol => {
            !target.contains(char::is_whitespace)
                && !target.ends_with(['.', ',', ';', ':'])
                && target.contains('/')
        }
        RefKind::Decision | RefKind::Resolution => {
            let (a, b) = target.split_once('/').unwrap_or(("", ""));
            !a.is_empty() && !b.is_empty() && !target.contains(' ')
        }
        RefKind::Article => {
            let parts: Vec<&str> = target.split(':').collect();
            matches!(parts[0], "convention" | "protocol" | "rules")
                && (2..=3).contains(&parts.len())
                && parts[1..]
                    .iter()
                    .all(|p| p.chars().all(|c| c.is_ascii_digit()))
        }
        RefKind::Url | RefKind::Email => !target.contains(char::is_whitespace),
    }
}

/// `cases` cases, failures kept in `tests/extract_props.proptest-regressions`
/// (proptest cannot find a source file to put them beside in an
/// integration test) and replayed first on every run.
fn persisted(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/extract_props.proptest-regressions",
            ),
        )),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(persisted(400))]

    #[test]
    fn extraction_spans_and_keys(text in texty()) {
        for f in extract_all(&text) {
            prop_assert!(f.start <= f.end && f.end <= text.len());
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            prop_assert!(canonical(f.kind, &f.key), "not canonical: {}", f.key);
        }
    }

    #[test]
    fn documents_build_from_anything(text in texty()) {
        let doc = parse_document("p".into(), PathBuf::from("p.txt"), text.clone(), "UTF-8");
        for r in &doc.references {
            prop_assert!(r.line >= 1 && r.line <= doc.line_count());
            prop_assert!(r.column >= 1 && r.end_line >= r.line);
            prop_assert_eq!(doc.line(r.line).chars().count() + 1 >= r.column, true);
        }
        for p in &doc.paragraphs {
            prop_assert!(p.start_line <= p.end_line && p.end_line <= doc.line_count());
        }
        if let Some(agenda) = &doc.agenda {
            for item in &agenda.items {
                prop_assert!(item.line >= 1 && item.line <= doc.line_count());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// `grep --words` on any line, in any language: no panic; each span a
    /// whole word of the line; a word of the line always finds its line.
    #[test]
    fn word_queries_find_words_and_only_words(
        line in "[ -~éèàçÉœ公约Конвенцияاتفاقية]{0,60}",
        query in "[ -~éèàçÉœ公约Конвенцияاتفاقية]{0,20}",
        lang in prop::sample::select(vec!["en", "fr", "es", "ru", "ar", "zh", "xx"]),
    ) {
        use dossier::model::stem::{WordQuery, words};
        let matcher = WordQuery::new(&query).in_language(Some(lang));
        if let Some(spans) = matcher.spans(&line) {
            let all = words(&line);
            for span in &spans {
                prop_assert!(all.contains(span), "{span:?} is not a word of {line:?}");
            }
        }
        // Each word of the line, asked alone, finds the line.
        for &(a, b) in words(&line).iter().take(5) {
            let m = WordQuery::new(&line[a..b]).in_language(Some(lang));
            prop_assert!(m.spans(&line).is_some(), "{:?} in {line:?}", &line[a..b]);
        }
    }
}
