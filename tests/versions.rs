//! Language versions of one document are one document: real UN PDFs of
//! two Human Rights Council documents, each in English and in French or
//! Russian (`tests/fixtures/versions/`, from the Apache-2.0 dataset of
//! huridocs/trainable-entity-extractor).

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::outcome as run;

use dossier::app::state::State;
use dossier::app::{Action, Msg, update};
use dossier::model::{Corpus, load_paths};
use serde_json::Value;
use std::path::PathBuf;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/versions");

fn corpus() -> Corpus {
    let c = load_paths(&[PathBuf::from(DIR)], &|_| {});
    assert!(c.problems().is_empty(), "{:?}", c.problems());
    c
}

fn index(c: &Corpus, id: &str) -> usize {
    c.by_id(id).unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn each_symbol_is_one_row_with_its_languages() {
    let c = corpus();
    assert_eq!(c.len(), 4);
    let listed: Vec<&str> = (0..c.len())
        .filter(|&i| c.is_listed(i))
        .map(|i| c.documents()[i].id.as_str())
        .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(
        listed.iter().all(|id| id.ends_with("_en")),
        "English shown first: {listed:?}"
    );
    let ru = index(&c, "ohchr_1_ru");
    let langs: Vec<_> = c
        .versions_of(ru)
        .iter()
        .map(|v| v.language.clone().unwrap())
        .collect();
    assert_eq!(langs, ["en", "ru"]);
    assert_eq!(c.listed_version(ru), index(&c, "ohchr_1_en"));
}

#[test]
fn every_version_has_its_own_masthead_read() {
    let c = corpus();
    let ru = &c.documents()[index(&c, "ohchr_1_ru")];
    assert_eq!(ru.meta.symbol.as_deref(), Some("A/HRC/WG.6/34/ITA/3"));
    assert_eq!(ru.meta.language.as_deref(), Some("ru"));
    assert_eq!(ru.meta.date.as_deref(), Some("2019-08-14"));
    assert_eq!(
        ru.meta.session,
        Some(34),
        "the session from a fused Russian masthead"
    );
    assert_eq!(
        ru.meta.title.as_deref(),
        Some("Резюме материалов по Италии, представленных заинтересованными сторонами")
    );
    let fr = &c.documents()[index(&c, "ohchr_2_fr")];
    assert_eq!(fr.meta.symbol.as_deref(), Some("A/HRC/WG.6/7/ITA/1"));
    assert_eq!(fr.meta.language.as_deref(), Some("fr"));
    assert_eq!(fr.meta.date.as_deref(), Some("2009-11-16"));
}

#[test]
fn the_language_key_opens_the_other_version_at_the_same_paragraph() {
    let c = corpus();
    let mut s = State::new(&c, (100, 30), &dossier::input::config::Config::default());
    let en = index(&c, "ohchr_1_en");
    s.list.select_doc(en, 20);
    update(&mut s, Msg::Action(Action::Open), &c);
    assert_eq!(s.readers[0].doc, en);
    let d = &c.documents()[en];
    let p3 = d.paragraph("3").unwrap().start_line;
    let view = s.layout.viewport(0);
    let shown = s.readers[0].clone();
    let mut r = shown;
    r.goto_line(d, p3, view);
    s.readers[0] = r;
    update(&mut s, Msg::Action(Action::Language), &c);
    let ru = index(&c, "ohchr_1_ru");
    assert_eq!(s.readers[0].doc, ru);
    let rd = &c.documents()[ru];
    let top = s.readers[0].top_line(rd);
    let p3_ru = rd.paragraph("3").unwrap().start_line;
    assert!(
        top <= p3_ru && p3_ru - top <= 4,
        "paragraph 3 at the top: {top} {p3_ru}"
    );
    assert!(s.message.as_ref().unwrap().text.starts_with("ru version"));
    // Back where it was with the history key, and round again with L.
    update(&mut s, Msg::Action(Action::Back), &c);
    assert_eq!(s.readers[0].doc, en);
}

#[test]
fn list_json_gives_languages_and_versions_and_show_takes_a_language() {
    let (ok, out, err) = run(&["list", "--json", DIR]);
    assert!(ok, "{err}");
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(rows.len(), 2);
    let row = rows
        .iter()
        .find(|r| r["symbol"] == "A/HRC/WG.6/7/ITA/1")
        .unwrap();
    assert_eq!(row["languages"], serde_json::json!(["en", "fr"]));
    let versions = row["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert!(versions.iter().any(|v| v["language"] == "fr"
        && v["format"] == "pdf"
        && v["path"].as_str().unwrap().ends_with("ohchr_2_fr.pdf")));

    let (ok, out, _) = run(&["show", "A/HRC/WG.6/7/ITA/1", DIR, "--lang", "FR", "--json"]);
    assert!(ok);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["language"], "fr");
    let (ok, _, err) = run(&["show", "A/HRC/WG.6/7/ITA/1", DIR, "--lang", "es"]);
    assert!(!ok);
    assert!(
        err.contains("has no version in 'es'; it has: en fr"),
        "{err}"
    );
}
