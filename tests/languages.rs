//! The six official languages: mastheads (which stay in English in Arabic,
//! Chinese and Russian versions), references in each script, and search that
//! finds words in each script. The samples in tests/fixtures/lang were written
//! for these tests on the model of real documents.

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

use dossier::model::load::load_file;
use dossier::model::{Corpus, Document};
use dossier::search::{CandidateSet, Query, Scope, search};
use std::path::Path;
use std::sync::atomic::AtomicBool;

fn sample(lang: &str) -> Document {
    load_file(&Path::new("tests/fixtures/lang").join(format!("{lang}.txt"))).expect("sample loads")
}

fn keys(d: &Document) -> Vec<&str> {
    d.references.iter().map(|r| r.key.as_str()).collect()
}

struct Expect {
    symbol: &'static str,
    date: &'static str,
    session: u32,
    item: &'static str,
}

fn check_masthead(lang: &str, e: Expect) -> Document {
    let d = sample(lang);
    assert_eq!(d.meta.symbol.as_deref(), Some(e.symbol), "{lang} symbol");
    assert_eq!(d.meta.date.as_deref(), Some(e.date), "{lang} date");
    assert_eq!(d.meta.language.as_deref(), Some(lang), "{lang} language");
    assert_eq!(
        d.meta.original_language.as_deref(),
        Some("en"),
        "{lang} original"
    );
    assert_eq!(d.meta.session, Some(e.session), "{lang} session");
    let item = d.meta.agenda_item.clone().expect("agenda item");
    assert_eq!(item.item, e.item, "{lang} item");
    assert!(item.title.is_some(), "{lang} item heading");
    assert!(item.agenda_symbol.is_some(), "{lang} agenda symbol");
    d
}

#[test]
fn english() {
    let d = check_masthead(
        "en",
        Expect {
            symbol: "CTOC/COP/2018/2",
            date: "2018-07-23",
            session: 9,
            item: "2 (b)",
        },
    );
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Report on the meetings of the Working Group on Trafficking in Persons")
    );
    assert_eq!(
        keys(&d),
        [
            "decision:CTOC/COP:4/4",
            "article:convention:32:3",
            "article:rules:2:2",
            "resolution:CTOC/COP:5/2",
            "resolution:CTOC/COP:5/3",
            "symbol:CTOC/COP/WG.4/2011/8",
            "symbol:CTOC/COP/2018/1"
        ]
    );
}

#[test]
fn french() {
    let d = check_masthead(
        "fr",
        Expect {
            symbol: "CTOC/COP/2018/13",
            date: "2018-11-01",
            session: 9,
            item: "2 b)",
        },
    );
    assert_eq!(
        keys(&d),
        [
            "decision:CTOC/COP:4/4",
            "article:convention:32:3",
            "article:rules:2:2",
            "symbol:E/CN.15/2008/CRP.2",
            "article:protocol:14:2",
            "resolution:CTOC/COP:9/1",
            "resolution:CTOC/COP:9/2",
            "resolution:CTOC/COP:9/3",
            "symbol:CTOC/COP/2018/1"
        ]
    );
}

#[test]
fn spanish() {
    let d = check_masthead(
        "es",
        Expect {
            symbol: "CTOC/COP/2012/14",
            date: "2012-09-20",
            session: 6,
            item: "2 b)",
        },
    );
    assert_eq!(d.meta.place.as_deref(), Some("Viena"));
    assert_eq!(d.meta.meeting_end.as_deref(), Some("2012-10-19"));
    assert_eq!(
        keys(&d),
        [
            "decision:CTOC/COP:4/4",
            "article:convention:32:3",
            "article:rules:2:2",
            "resolution:CTOC/COP:7/1",
            "symbol:CTOC/COP/2012/1"
        ]
    );
}

#[test]
fn russian() {
    let d = check_masthead(
        "ru",
        Expect {
            symbol: "CTOC/COP/2012/14",
            date: "2012-09-20",
            session: 6,
            item: "2",
        },
    );
    assert_eq!(d.meta.place.as_deref(), Some("Вена"));
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Доклад Рабочей группы по торговле людьми")
    );
    assert_eq!(
        keys(&d),
        [
            "decision:CTOC/COP:4/4",
            "article:convention:32:3",
            "article:rules:2:2",
            "resolution:CTOC/COP:5/3",
            "symbol:S/2012/130",
            "symbol:CTOC/COP/2012/1"
        ]
    );
}

#[test]
fn chinese() {
    let d = check_masthead(
        "zh",
        Expect {
            symbol: "CTOC/COP/2008/19",
            date: "2008-06-06",
            session: 4,
            item: "2(a)",
        },
    );
    assert_eq!(d.meta.place.as_deref(), Some("维也纳"));
    assert_eq!(d.meta.meeting_start.as_deref(), Some("2008-10-08"));
    assert_eq!(
        keys(&d),
        [
            "decision:CTOC/COP:4/4",
            "symbol:CTOC/COP/2008/1",
            "resolution:CTOC/COP:8/12",
            "symbol:CMW/C/SR.415",
            "symbol:CMW/C/SR.416",
            "symbol:CTOC/COP/2008/1"
        ]
    );
}

#[test]
fn arabic() {
    let d = sample("ar");
    assert_eq!(d.meta.symbol.as_deref(), Some("CTOC/COP/2018/13"));
    assert_eq!(d.meta.date.as_deref(), Some("2020-07-16"));
    assert_eq!(d.meta.language.as_deref(), Some("ar"));
    assert_eq!(d.meta.session, Some(9));
    assert_eq!(
        d.meta.agenda_item.as_ref().map(|i| i.item.as_str()),
        Some("2 (ب)")
    );
    assert_eq!(
        keys(&d),
        [
            "decision:CTOC/COP:4/4",
            "symbol:A/72/100",
            "symbol:A/C.3/72/1",
            "symbol:CTOC/COP/2018/1"
        ]
    );
}

#[test]
fn search_works_in_every_script() {
    let docs: Vec<Document> = ["ar", "en", "es", "fr", "ru", "zh"]
        .into_iter()
        .map(sample)
        .collect();
    let corpus = Corpus::new(docs, Vec::new());
    let set = CandidateSet::build(&corpus, Scope::ALL);
    let cancel = AtomicBool::new(false);
    for (query, expected_doc) in [
        ("الاتجار", "ar"),
        ("Trafficking in Persons", "en"),
        ("reglamento", "es"),
        ("REGLEMENT interieur", "fr"),
        ("торговле людьми", "ru"),
        ("工作组的报告", "zh"),
    ] {
        let (outcome, _) = search(&set, &Query::new(query), 5, None, &cancel);
        let best = outcome
            .matches
            .first()
            .unwrap_or_else(|| panic!("no match for {query}"));
        let doc = &corpus.documents()[set.get(best.index as usize).doc as usize];
        assert_eq!(doc.id, expected_doc, "{query}");
    }
}
