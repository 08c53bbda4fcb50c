//! `refs` and `backlinks`: citations, their kinds, and what cites a key.

use crate::*;

#[test]
fn refs_of_one_kind() {
    let v = json(&["refs", "--kind", "decision"]);
    let refs = v.as_array().expect("array");
    assert!(!refs.is_empty());
    for r in refs {
        assert_eq!(r["kind"], "decision");
        assert!(
            r["key"]
                .as_str()
                .is_some_and(|k| k.starts_with("decision:"))
        );
        for field in ["doc", "text", "line", "column", "end_line", "end_column"] {
            assert!(r.get(field).is_some(), "{r} lacks {field}");
        }
    }
    assert_eq!(refs[0]["doc"], IDS[0]);
    assert_eq!(refs[0]["key"], "decision:CTOC/COP:4/4");
    assert_eq!(refs[0]["cited_as"], "decision:4/4");
    assert_eq!(refs[0]["text"], "décision 4/4");
    assert_eq!(
        (refs[0]["line"].as_u64(), refs[0]["column"].as_u64()),
        (Some(27), Some(9))
    );
    // Every kind is a subset of all references.
    let all = json(&["refs"]);
    let all = all.as_array().expect("array");
    assert!(all.len() > refs.len());
    assert!(refs.iter().all(|r| all.contains(r)));
}

#[test]
fn refs_rejects_an_unknown_kind_listing_the_kinds() {
    let r = run(&["refs", "--kind", "treaty"]);
    assert_eq!(r.code, 2);
    for kind in [
        "symbol",
        "decision",
        "resolution",
        "article",
        "url",
        "email",
    ] {
        assert!(r.stderr.contains(kind), "{}", r.stderr);
    }
}

#[test]
fn backlinks_of_a_decision_as_a_person_writes_it() {
    let v = json(&["backlinks", "décision 4/4"]);
    assert_eq!(v["key"], "decision:4/4");
    let docs: Vec<&str> = v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        docs.iter().map(|d| short(d)).collect::<Vec<_>>(),
        ["000", "001", "002", "003"]
    );
    for c in v["citations"].as_array().expect("citations") {
        assert_eq!(
            c["text"].as_str().map(str::to_lowercase).as_deref(),
            Some("décision 4/4")
        );
        assert!(
            c["context"].as_str().is_some_and(|l| l.contains("4/4")),
            "{c}"
        );
    }
    // The other ways to write the key give the same answer.
    assert_eq!(json(&["backlinks", "4/4"]), v);
    assert_eq!(json(&["backlinks", "decision:4/4"]), v);
}

#[test]
fn backlinks_of_an_article() {
    let v = json(&["backlinks", "article:convention:32:3"]);
    let docs: Vec<String> = strings(&v["citations"], "doc");
    assert_eq!(
        docs.iter().map(|d| short(d)).collect::<Vec<_>>(),
        ["000", "002", "004"]
    );
}

#[test]
fn backlinks_of_a_symbol_say_which_documents_carry_it() {
    let v = json(&["backlinks", "CTOC/COP/2012/1"]);
    assert_eq!(v["key"], "symbol:CTOC/COP/2012/1");
    assert_eq!(v["documents_with_symbol"], Value::Array(Vec::new()));
    assert_eq!(strings(&v["citations"], "doc"), [IDS[0], IDS[4]]);
    let r = run(&["backlinks", "CTOC/COP/2012/1"]);
    assert!(
        r.stdout()
            .contains("no document of the corpus carries this symbol")
    );
}

#[test]
fn backlinks_human_shows_the_cited_line() {
    let r = run(&["backlinks", "résolution 5/2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = r.stdout();
    assert!(out.contains("resolution:5/2"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with(IDS[0]) && l.contains("résolution 5/2")),
        "{out}"
    );
}

#[test]
fn backlinks_of_an_uncited_key_exit_1() {
    let r = run(&["backlinks", "decision:99/99"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("nothing cites decision:99/99"),
        "{}",
        r.stderr
    );
    let v = json_with_code(&["backlinks", "decision:99/99"], 1);
    assert_eq!(v["citations"], Value::Array(Vec::new()));
}

#[test]
fn backlinks_take_symbols_as_people_type_them() {
    for typed in [
        "ctoc/cop/2012/1",
        "CTOC/COP/2012/1.",
        "symbol:CTOC/COP/2012/1",
    ] {
        let v = json(&["backlinks", typed]);
        assert_eq!(v["key"], "symbol:CTOC/COP/2012/1", "{typed}");
        assert_eq!(v["citations"].as_array().map(Vec::len), Some(2), "{typed}");
    }
}

#[test]
fn backlinks_suggest_the_key_meant() {
    // A symbol is one symbol in any case: the key typed in lower case finds it.
    let r = run(&["backlinks", "symbol:ctoc/cop/2012/1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout().contains("symbol:CTOC/COP/2012/1: cited 2 times"));
    // Under the wrong kind, the key meant is suggested.
    let r = run(&["backlinks", "decision:ctoc/cop/2012/1"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("did you mean symbol:CTOC/COP/2012/1?"),
        "{}",
        r.stderr
    );
}

#[test]
fn backlinks_of_something_that_is_no_key_exit_2() {
    let r = run(&["backlinks", "hello world"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("decision:4/4"), "{}", r.stderr);
}

#[test]
fn backlinks_in_a_very_long_line_give_bounded_context() {
    let sentence = "Dans sa décision 4/4, la Conférence a décidé de poursuivre. ";
    let line = sentence.repeat(20_000);
    let dir = corpus_dir(&[("long.txt", line.as_bytes())]);
    let v = json(&[
        "backlinks".to_string(),
        "4/4".to_string(),
        path_arg(dir.path()),
    ]);
    let citations = v["citations"].as_array().expect("citations");
    assert_eq!(citations.len(), 20_000);
    for c in citations {
        let context = c["context"].as_str().expect("context");
        assert!(context.len() < 4096, "context of {} bytes", context.len());
        assert!(context.contains("décision 4/4"));
        assert_eq!(c["context_truncated"], true);
    }
    let r = run(&[
        "backlinks".to_string(),
        "4/4".to_string(),
        path_arg(dir.path()),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout().lines().all(|l| l.chars().count() <= 100));
}
