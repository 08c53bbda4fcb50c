//! `list` and `show`: the documents of the bundled corpus, in JSON and for a person.

use crate::*;

#[test]
fn list_json_describes_the_bundled_corpus() {
    let v = json(&["list"]);
    assert_eq!(strings(&v, "id"), IDS);
    assert_eq!(
        strings(&v, "date"),
        [
            "2012-06-21",
            "2018-07-18",
            "2009-03-05",
            "<none>",
            "2012-07-10"
        ]
    );
    let sessions: Vec<Option<u64>> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["session"].as_u64())
        .collect();
    assert_eq!(sessions, [Some(6), Some(9), None, None, Some(6)]);
    for d in v.as_array().expect("array") {
        for field in [
            "id",
            "path",
            "symbol",
            "title",
            "date",
            "language",
            "original_language",
            "session",
            "agenda_item",
            "words",
            "encoding",
            "place",
            "meeting_start",
            "meeting_end",
            "references",
            "empty",
        ] {
            assert!(d.get(field).is_some(), "{} lacks {field}", d["id"]);
        }
        assert_eq!(d["language"], "fr");
        assert_eq!(d["encoding"], "UTF-8");
        assert_eq!(d["empty"], false);
        assert!(d["words"].as_u64().is_some_and(|w| w > 50), "{}", d["id"]);
        // The seeds do not state their own symbols; none is invented.
        assert!(d["symbol"].is_null());
    }
    let item000 = &v[0]["agenda_item"];
    assert_eq!(item000["item"], "2 b)");
    assert_eq!(item000["agenda_symbol"], "CTOC/COP/2012/1");
    assert!(
        item000["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Examen de l'application")),
        "{item000}"
    );
    assert_eq!(v[4]["agenda_item"]["item"], "2 c)");
    assert_eq!(v[4]["agenda_item"]["agenda_symbol"], "CTOC/COP/2012/1");
    assert!(v[2]["agenda_item"].is_null());
    assert!(v[3]["agenda_item"].is_null());
}

#[test]
fn list_json_is_compact_unless_pretty() {
    let compact = run(&["list", "--json"]);
    let pretty = run(&["list", "--pretty"]);
    assert_eq!(compact.code, 0);
    assert_eq!(pretty.code, 0);
    assert_eq!(compact.stdout().lines().count(), 1);
    assert!(pretty.stdout().lines().count() > 50);
    let a: Value = serde_json::from_slice(&compact.stdout).expect("json");
    let b: Value = serde_json::from_slice(&pretty.stdout).expect("json");
    assert_eq!(a, b);
}

#[test]
fn list_human_is_aligned() {
    let r = run(&["list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = r.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + IDS.len(), "{out}");
    assert!(lines[0].starts_with("ID"), "{out}");
    let date_column = lines[1].find("2012-06-21").expect("date of 000");
    for (line, id) in lines[1..].iter().zip(IDS) {
        assert!(line.starts_with(id), "{line}");
        assert_eq!(
            line.char_indices().nth(date_column).map(|(i, _)| i),
            Some(date_column)
        );
        assert!(
            line.chars().count() <= 100,
            "wider than 100 columns: {line}"
        );
    }
    assert_eq!(lines[0].find("DATE"), Some(date_column));
    assert!(lines[3].contains("Ordre du jour provisoire et annotations"));
}

#[test]
fn show_json_by_id_prefix() {
    let v = json(&["show", "002"]);
    assert_eq!(v["id"], IDS[2]);
    assert_eq!(v["date"], "2009-03-05");
    assert_eq!(v["agenda"]["items"].as_array().map(Vec::len), Some(4));
    let text = v["text"].as_str().expect("text");
    assert!(text.contains("Ordre du jour provisoire"));
    assert!(v["paragraphs"].is_array() && v["footnotes"].is_array());
    let refs = v["references"].as_array().expect("references");
    assert!(!refs.is_empty());
    for r in refs {
        assert_eq!(r["doc"], IDS[2]);
        // The text of a reference is what stands at its position in the text.
        let line = text
            .lines()
            .nth(r["line"].as_u64().expect("line") as usize - 1);
        let written = r["text"].as_str().expect("text");
        assert!(line.is_some_and(|l| l.contains(written)), "{r}");
    }
}

#[test]
fn show_by_full_id_and_by_path() {
    let by_id = json(&["show", IDS[0]]);
    let by_path = json(&["show", "assets/corpus/000_358551e6050c8439.txt"]);
    assert_eq!(by_id["id"], IDS[0]);
    assert_eq!(by_id, by_path);
    assert_eq!(by_id["footnotes"][0]["marker"], "*");
    assert_eq!(by_id["agenda"], Value::Null);
}

#[test]
fn show_human_has_metadata_footnotes_and_text() {
    let r = run(&["show", "000"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = r.stdout();
    assert!(
        out.lines()
            .any(|l| l.starts_with("date:") && l.ends_with("2012-06-21")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("session:") && l.ends_with(" 6")),
        "{out}"
    );
    assert!(out.contains("CTOC/COP/2012/1"), "{out}");
    assert!(out.contains("Footnotes"), "{out}");
    assert!(out.contains("Dans sa décision 4/4, intitulée"), "{out}");
}

#[test]
fn show_unknown_document_says_how_to_find_one() {
    let r = run(&["show", "zzz"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("zzz"), "{}", r.stderr);
    assert!(r.stderr.contains("dossier list"), "{}", r.stderr);
}

#[test]
fn show_ambiguous_prefix_lists_candidates() {
    let r = run(&["show", "00"]);
    assert_eq!(r.code, 2);
    for id in IDS {
        assert!(r.stderr.contains(id), "{}", r.stderr);
    }
}

#[test]
fn list_heads_its_first_column_by_what_it_prints_and_show_takes_it() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "---\nsymbol: A/RES/80/2\ntitle: A resolution\n---\n\nText.\n";
    std::fs::write(dir.path().join("a.md"), doc).unwrap();
    let path = dir.path().to_str().unwrap();
    let r = run(&["list", path]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = r.stdout();
    assert!(out.starts_with("SYMBOL"), "{out}");
    let first = out
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    assert_eq!(first, "A/RES/80/2");
    let r = run(&["show", first, path]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    std::fs::write(dir.path().join("b.txt"), "No symbol here.\n").unwrap();
    assert!(run(&["list", path]).stdout().starts_with("SYMBOL/ID"));
}

#[test]
fn show_prints_the_clean_text_and_raw_the_text_as_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let paged = "United Nations\nA/RES/79/1\n\n24-23070 (E)\n*2423070*\n\nThe General Assembly,\n\n1. Decides to\ncontinue;¹\n\n__________\n1 See A/79/1.\n\u{c}\nA/RES/79/1\n\n24-23070 2/2\n\n2. Requests;\n";
    std::fs::write(dir.path().join("r.txt"), paged).unwrap();
    let path = dir.path().to_str().unwrap();
    let out = run(&["show", "r", path]).stdout();
    assert!(!out.contains("24-23070"), "{out}");
    assert!(out.contains("1. Decides to continue;"), "{out}");
    assert!(out.contains("2 pages"), "{out}");
    let raw = run(&["show", "r", path, "--raw"]).stdout();
    assert!(
        raw.contains("24-23070 (E)") && raw.contains("Text as decoded"),
        "{raw}"
    );
    let v = json(&["show", "r", path, "--raw"]);
    assert!(v["raw"].as_str().unwrap().contains("*2423070*"));
    assert_eq!(v["page_lines"].as_array().unwrap().len(), 2);
}
