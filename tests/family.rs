//! Families: a draft and the resolution adopted from it (real GA PDFs of
//! `tests/fixtures/pdf/`), revisions, addenda and corrigenda, and a
//! committee's draft found by its session and title — never guessed when
//! two drafts share the title.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;

use dossier::app::state::State;
use dossier::app::{Action, Msg, update};
use dossier::model::{Corpus, load_paths};
use serde_json::Value;
use std::path::PathBuf;

const PDFS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf");

fn doc_with(c: &Corpus, symbol: &str) -> usize {
    c.documents_with_symbol(symbol)[0]
}

#[test]
fn a_resolution_and_its_draft_are_one_family_both_ways() {
    let c = load_paths(&[PathBuf::from(PDFS)], &|_| {});
    let res = doc_with(&c, "A/RES/80/174");
    let draft = doc_with(&c, "A/80/L.21");
    let link = c.family_link(res).unwrap();
    assert_eq!(
        (link.relation, link.of.as_str(), link.base.as_str()),
        ("adopted_from", "A/80/L.21", "A/80/L.21")
    );
    let link = c.family_link(draft).unwrap();
    assert_eq!(
        (link.relation, link.of.as_str()),
        ("draft_of", "A/RES/80/174")
    );
    let members: Vec<String> = c.family(res).iter().map(|m| m.symbol.clone()).collect();
    assert_eq!(members, ["A/80/L.21", "A/RES/80/174"]);
    assert_eq!(c.documents()[res].meta.doc_type, Some("resolution"));
    assert_eq!(c.documents()[draft].meta.doc_type, Some("draft"));
    // A resolution with no draft in the corpus has no family.
    let other = doc_with(&c, "A/RES/79/48");
    assert!(c.family(other).is_empty());
    assert_eq!(c.family_link(other), None);
}

fn corpus_of(files: &[(&str, &str)]) -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let c = load_paths(&[dir.path().to_path_buf()], &|_| {});
    (dir, c)
}

fn md(symbol: &str, title: &str) -> String {
    format!("---\nsymbol: {symbol}\ntitle: {title}\nlanguage: en\n---\n\nText.\n")
}

#[test]
fn revisions_addenda_and_a_committee_draft_found_by_title() {
    let (_dir, c) = corpus_of(&[
        (
            "l7.md",
            &md("A/C.3/80/L.7", "Strengthening the crime programme"),
        ),
        (
            "l7r1.md",
            &md("A/C.3/80/L.7/Rev.1", "Strengthening the crime programme"),
        ),
        (
            "res.md",
            &md("A/RES/80/225", "Strengthening the crime programme"),
        ),
        (
            "rescorr.md",
            &md("A/RES/80/225/Corr.1", "Strengthening the crime programme"),
        ),
        (
            "report.md",
            &md(
                "A/80/476",
                "Crime prevention: report of the Third Committee",
            ),
        ),
        (
            "add.md",
            &md(
                "A/80/476/Add.1",
                "Crime prevention: report of the Third Committee",
            ),
        ),
    ]);
    let res = doc_with(&c, "A/RES/80/225");
    let link = c.family_link(res).unwrap();
    assert_eq!(link.relation, "adopted_from");
    assert_eq!(
        link.of, "A/C.3/80/L.7/Rev.1",
        "the latest revision was adopted"
    );
    let family = c.family(res);
    let shown: Vec<(&str, &str, bool)> = family
        .iter()
        .map(|m| (m.symbol.as_str(), m.relation, m.superseded))
        .collect();
    assert_eq!(
        shown,
        [
            ("A/C.3/80/L.7", "base", true),
            ("A/C.3/80/L.7/Rev.1", "revision", false),
            ("A/RES/80/225", "adopted_from", false),
            ("A/RES/80/225/Corr.1", "corrigendum", false),
        ]
    );
    let add = doc_with(&c, "A/80/476/Add.1");
    let link = c.family_link(add).unwrap();
    assert_eq!((link.relation, link.of.as_str()), ("addendum", "A/80/476"));
}

#[test]
fn two_drafts_of_one_title_leave_the_resolution_unlinked() {
    let (_dir, c) = corpus_of(&[
        ("l7.md", &md("A/C.3/80/L.7", "Rights of the child")),
        ("l9.md", &md("A/C.3/80/L.9", "Rights of the child")),
        ("res.md", &md("A/RES/80/230", "Rights of the child")),
    ]);
    let res = doc_with(&c, "A/RES/80/230");
    assert_eq!(c.family_link(res), None, "not guessed");
}

#[test]
fn the_family_key_lists_the_members_and_opens_one() {
    let c = load_paths(&[PathBuf::from(PDFS)], &|_| {});
    let mut s = State::new(&c, (100, 30), &dossier::input::config::Config::default());
    let draft = doc_with(&c, "A/80/L.21");
    s.list.select_doc(draft, 20);
    update(&mut s, Msg::Action(Action::Open), &c);
    update(&mut s, Msg::Action(Action::Family), &c);
    let o = s.outline().unwrap();
    assert_eq!(o.title, "Family of A/80/L.21");
    assert_eq!(o.entries.len(), 2);
    update(&mut s, Msg::Action(Action::Down), &c);
    update(&mut s, Msg::Action(Action::Open), &c);
    assert!(s.outline().is_none());
    assert_eq!(s.readers[0].doc, doc_with(&c, "A/RES/80/174"));
}

#[test]
fn family_and_list_json_in_the_cli() {
    let run = common::outcome;
    let (ok, out, err) = run(&["family", "A/RES/80/174", PDFS, "--json"]);
    assert!(ok, "{err}");
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["symbol"], "A/80/L.21");
    assert_eq!(rows[1]["relation"], "adopted_from");
    assert_eq!(rows[1]["doc_type"], "resolution");
    let (ok, out, _) = run(&["list", PDFS, "--json"]);
    assert!(ok);
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    let draft = rows.iter().find(|r| r["symbol"] == "A/80/L.21").unwrap();
    assert_eq!(draft["family"]["relation"], "draft_of");
    assert_eq!(draft["family"]["of"], "A/RES/80/174");
    assert_eq!(draft["doc_type"], "draft");
    assert_eq!(draft["agenda_item"]["item"], "13");
    let alone = rows.iter().find(|r| r["symbol"] == "A/RES/79/48").unwrap();
    assert!(alone["family"].is_null());
    let (ok, _, err) = run(&["family", "A/RES/79/48", PDFS]);
    assert!(!ok);
    assert!(err.contains("has no family in this corpus"), "{err}");
}
