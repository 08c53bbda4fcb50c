//! `agenda` and `find`: agendas and the items documents were issued under; fuzzy find.

use crate::*;

#[test]
fn agenda_of_the_agenda_document() {
    let v = json(&["agenda", "002"]);
    let agendas = v["agendas"].as_array().expect("agendas");
    assert_eq!(agendas.len(), 1);
    assert_eq!(agendas[0]["doc"], IDS[2]);
    let items = agendas[0]["items"].as_array().expect("items");
    assert_eq!(
        strings(&agendas[0]["items"], "number"),
        ["1", "2", "3", "4"]
    );
    assert_eq!(strings(&items[0]["sub_items"], "letter"), ["a", "b"]);
    let symbols = |item: &Value| -> Vec<String> { strings(&item["documentation"], "symbol") };
    let two = symbols(&items[1]);
    assert_eq!(two.len(), 7, "{two:?}");
    assert_eq!(two[0], "CTOC/COP/WG.4/2009/CRP.1");
    assert_eq!(symbols(&items[2]).len(), 4);
    assert_eq!(v["issued_under"], Value::Array(Vec::new()));
}

#[test]
fn agenda_items_documents_were_issued_under() {
    let v = json(&["agenda"]);
    assert_eq!(v["agendas"].as_array().map(Vec::len), Some(1));
    let issued = &v["issued_under"];
    assert_eq!(strings(issued, "doc"), [IDS[0], IDS[1], IDS[4]]);
    assert_eq!(strings(issued, "item"), ["2 b)", "2 b)", "2 c)"]);
    assert_eq!(
        strings(issued, "agenda_symbol"),
        ["CTOC/COP/2012/1", "CTOC/COP/2018/1", "CTOC/COP/2012/1"]
    );
    let one = json(&["agenda", "004"]);
    assert_eq!(one["agendas"], Value::Array(Vec::new()));
    assert_eq!(strings(&one["issued_under"], "doc"), [IDS[4]]);
}

#[test]
fn agenda_human_lists_items_and_documentation() {
    let r = run(&["agenda", "002"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = r.stdout();
    assert!(out.contains("1. Questions d'organisation"), "{out}");
    assert!(out.contains("a) Ouverture de la réunion"), "{out}");
    assert!(out.contains("CTOC/COP/WG.4/2009/CRP.1"), "{out}");
}

#[test]
fn find_ranks_an_exact_symbol_first() {
    let v = json(&["find", "CTOC/COP/2008/6"]);
    let first = &v[0];
    assert_eq!(first["rank"], 1);
    assert_eq!(first["kind"], "symbol");
    assert_eq!(first["text"], "CTOC/COP/2008/6");
    assert_eq!(first["doc"], IDS[2]);
}

#[test]
fn find_is_accent_insensitive_and_limited() {
    let v = json(&["find", "resolution", "--limit", "50"]);
    let texts = strings(&v, "text");
    assert!(texts.iter().any(|t| t.contains("résolution")), "{texts:?}");
    let three = json(&["find", "resolution", "--limit", "3"]);
    assert_eq!(three.as_array().map(Vec::len), Some(3));
    let ranks: Vec<u64> = three
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["rank"].as_u64())
        .collect();
    assert_eq!(ranks, [1, 2, 3]);
}

#[test]
fn find_without_a_match_exits_1() {
    let r = run(&["find", "qqqxqqqzzz"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("nothing matches"), "{}", r.stderr);
}

#[test]
fn find_prints_no_internal_score_unless_asked() {
    let r = run(&["find", "CTOC/COP/2008/6", "--limit", "2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout().contains("SCORE"), "{}", r.stdout());
    let v = json(&["find", "CTOC/COP/2008/6", "--limit", "2"]);
    assert!(v[0].get("score").is_none(), "{v}");
    let r = run(&["find", "CTOC/COP/2008/6", "--limit", "2", "--scores"]);
    assert!(r.stdout().contains("SCORE"), "{}", r.stdout());
    let v = json(&["find", "CTOC/COP/2008/6", "--limit", "2", "--scores"]);
    assert!(v[0]["score"].as_u64().is_some(), "{v}");
}
