//! What changed between a draft and the resolution adopted from it (the real
//! GA PDFs A/80/L.21 and A/RES/80/174 of `tests/fixtures/pdf/`): the CLI's
//! JSON and word-diff forms, and the explorer's diff view opened with one
//! key from the family.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::outcome as run;

use dossier::app::state::State;
use dossier::app::{Action, Focus, Msg, update};
use dossier::model::diff::{OpKind, documents};
use dossier::model::{Corpus, load_paths};
use serde_json::Value;
use std::path::PathBuf;

const PDFS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf");

fn corpus() -> Corpus {
    load_paths(&[PathBuf::from(PDFS)], &|_| {})
}

fn doc_with(c: &Corpus, symbol: &str) -> usize {
    c.documents_with_symbol(symbol)[0]
}

#[test]
fn the_adopted_text_against_its_draft_paragraph_by_paragraph() {
    let c = corpus();
    let (draft, res) = (doc_with(&c, "A/80/L.21"), doc_with(&c, "A/RES/80/174"));
    let docs = c.documents();
    let changes = documents(&docs[draft], &docs[res]);
    // Every paragraph of both sides is shown once, in order.
    let lefts: Vec<usize> = changes
        .iter()
        .filter_map(|c| c.left.as_ref().map(|s| s.start_line))
        .collect();
    assert!(lefts.windows(2).all(|w| w[0] < w[1]) || changes.iter().any(|c| c.moved));
    // The operative paragraphs were adopted as drafted.
    for n in ["1.", "2.", "3.", "4.", "5."] {
        let c = changes
            .iter()
            .find(|c| c.right.as_ref().is_some_and(|s| s.text.starts_with(n)))
            .unwrap_or_else(|| panic!("operative paragraph {n}"));
        assert!(c.is_equal(), "{n} changed: {:?}", c.ops);
    }
    // The resolution gains its number before the title.
    assert!(changes.iter().any(|c| {
        c.ops
            .iter()
            .any(|o| o.kind == OpKind::Insert && o.text.contains("80/174"))
    }));
    // The sponsors' line of the draft is not in the resolution.
    assert!(changes.iter().any(|c| {
        c.ops
            .iter()
            .any(|o| o.kind == OpKind::Delete && o.text.contains("draft resolution"))
    }));
}

#[test]
fn diff_json_and_word_diff_in_the_cli() {
    let (ok, out, err) = run(&["diff", "A/80/L.21", "A/RES/80/174", PDFS, "--json"]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["old"], "A/80/L.21");
    assert_eq!(v["new"], "A/RES/80/174");
    let paragraphs = v["paragraphs"].as_array().unwrap();
    assert!(paragraphs.len() > 10);
    for p in paragraphs {
        // The runs spell each side's text.
        let spell = |skip: &str| -> String {
            p["ops"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|o| o["op"] != skip)
                .map(|o| o["text"].as_str().unwrap().to_string())
                .collect()
        };
        if !p["left"].is_null() {
            assert_eq!(spell("insert"), p["left"]["text"].as_str().unwrap());
            assert!(p["left"]["start_line"].as_u64() <= p["left"]["end_line"].as_u64());
        }
        if !p["right"].is_null() {
            assert_eq!(spell("delete"), p["right"]["text"].as_str().unwrap());
        }
        for o in p["ops"].as_array().unwrap() {
            assert!(["equal", "insert", "delete"].contains(&o["op"].as_str().unwrap()));
        }
    }
    let (ok, out, _) = run(&["diff", "A/80/L.21", "A/RES/80/174", PDFS]);
    assert!(ok);
    assert!(out.starts_with("diff A/80/L.21 → A/RES/80/174\n"), "{out}");
    assert!(out.contains("{+80/174. +}"), "{out}");
    assert!(out.contains("unchanged paragraph"), "{out}");
    assert!(!out.contains('\x1b'), "NO_COLOR: no escape codes");
    // Two files named with no PATHS are what is read.
    let (draft, res) = (
        format!("{PDFS}/A_80_L.21.pdf"),
        format!("{PDFS}/A_RES_80_174.pdf"),
    );
    let (ok, out, err) = run(&["diff", &draft, &res]);
    assert!(ok, "{err}");
    assert!(out.starts_with("diff A/80/L.21 → A/RES/80/174\n"), "{out}");
    let (ok, out, err) = run(&["show", &res]);
    assert!(ok, "{err}");
    assert!(out.contains("symbol:      A/RES/80/174"), "{out}");
    let (ok, _, err) = run(&["diff", "A/80/L.21", "A/RES/99/999", PDFS]);
    assert!(!ok);
    assert!(err.contains("no document matches 'A/RES/99/999'"), "{err}");
}

#[test]
fn one_key_opens_the_diff_of_a_resolution_and_its_draft() {
    let c = corpus();
    let mut s = State::new(&c, (120, 40), &dossier::input::config::Config::default());
    let res = doc_with(&c, "A/RES/80/174");
    s.list.select_doc(res, 20);
    update(&mut s, Msg::Action(Action::Open), &c);
    update(&mut s, Msg::Action(Action::Diff), &c);
    assert_eq!(s.focus(), Focus::Diff);
    let d = s.layers.diff().unwrap();
    assert_eq!(
        (d.old.1.as_str(), d.new.1.as_str()),
        ("A/80/L.21", "A/RES/80/174")
    );
    assert!(d.changed() > 0);
    assert_eq!(d.change_number(), Some(1));
    assert!(!d.rows.is_empty(), "laid out for the screen");
    update(&mut s, Msg::Action(Action::NextChange), &c);
    assert_eq!(s.layers.diff().unwrap().change_number(), Some(2));
    update(&mut s, Msg::Action(Action::Close), &c);
    assert_eq!(s.focus(), Focus::Reader(0));
    // A document with no family says what to do instead.
    let alone = doc_with(&c, "A/RES/79/48");
    s.list.select_doc(alone, 20);
    update(&mut s, Msg::Action(Action::Leave), &c);
    update(&mut s, Msg::Action(Action::Open), &c);
    update(&mut s, Msg::Action(Action::Diff), &c);
    assert_ne!(s.focus(), Focus::Diff);
    assert!(
        s.message
            .as_ref()
            .is_some_and(|m| m.text.contains("side by side")),
        "{:?}",
        s.message
    );
}
