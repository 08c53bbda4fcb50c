//! Line endings and odd characters: CRLF, lone CR, BOM, tabs, form feeds,
//! zero-width and bidirectional controls, NFC and NFD forms of the same word.

use crate::common::{dir_with_good_file, run};
use std::fs;

#[test]
fn line_endings_are_normalised_and_lines_counted_as_a_person_does() {
    let dir = dir_with_good_file();
    fs::write(
        dir.path().join("crlf.txt"),
        "ligne un\r\nDans sa décision 4/4\r\nfin\r\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("cr.txt"),
        "ligne un\rligne deux\rrésolution 5/2",
    )
    .expect("write");
    let p = dir.path().to_string_lossy().into_owned();
    let r = run(&["refs", "--json", &p]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let refs = r.json();
    let find = |doc: &str, key: &str| {
        refs.as_array()
            .and_then(|a| {
                a.iter()
                    .find(|r| r["doc"] == doc && r["key"] == key)
                    .cloned()
            })
            .unwrap_or_else(|| panic!("{doc} {key} in {refs}"))
    };
    assert_eq!(find("crlf", "decision:4/4")["line"], 2);
    assert_eq!(find("crlf", "decision:4/4")["column"], 9);
    assert_eq!(find("cr", "resolution:5/2")["line"], 3);
    let shown = run(&["show", "--json", "crlf", &p]);
    assert!(!shown.json()["text"].as_str().unwrap_or("\r").contains('\r'));
}

#[test]
fn odd_characters_do_not_break_extraction() {
    let dir = dir_with_good_file();
    let text = "\u{feff}Titre\tavec\ttabulations\u{c}\nDans sa\u{200b} décision 4/4 \u{202e}inversé\u{202c} et la résolution\u{a0}5/2.\n";
    fs::write(dir.path().join("odd.txt"), text).expect("write");
    let r = run(&["refs", "--json", "odd", &dir.path().to_string_lossy()]);
    let r = if r.code == Some(0) {
        r
    } else {
        run(&["refs", "--json", &dir.path().to_string_lossy()])
    };
    let out = r.out();
    assert!(
        out.contains("\"odd\"") && out.contains("decision:4/4") && out.contains("resolution:5/2"),
        "{out}"
    );
}

#[test]
fn nfc_and_nfd_forms_find_each_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("nfc.txt"),
        "La Conf\u{e9}rence et sa r\u{e9}solution.",
    )
    .expect("write");
    fs::write(
        dir.path().join("nfd.txt"),
        "La Confe\u{301}rence et sa re\u{301}solution.",
    )
    .expect("write");
    let p = dir.path().to_string_lossy().into_owned();
    for query in ["r\u{e9}solution", "re\u{301}solution", "resolution"] {
        let r = run(&["find", "--json", query, &p]);
        assert_eq!(r.code, Some(0), "{query}: {}", r.stderr);
        let out = r.out();
        assert!(
            out.contains("\"nfc\"") && out.contains("\"nfd\""),
            "{query}: {out}"
        );
    }
    let r = run(&["grep", "-i", "conf", &p]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}
