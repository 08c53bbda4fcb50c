//! Nothing lost without a word: a few invalid bytes keep a UTF-8 file UTF-8,
//! text followed by binary keeps its text, UTF-32 is decoded, two symbols a
//! space apart stay two, and each of these is said on stderr.

use crate::common::{dir_with_good_file, list, run};
use serde_json::Value;
use std::fs;

const PARAGRAPH: &str =
    "La Conférence, dans sa décision 4/4, a créé un groupe de travail (CTOC/COP/2012/1).\n";

/// The document `id` of a `list --json` answer.
fn doc<'a>(docs: &'a [Value], id: &str) -> &'a Value {
    docs.iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {docs:?}"))
}

/// The number of citations of `key` in `dir` by document `id`.
fn citations(dir: &std::path::Path, key: &str, id: &str) -> usize {
    let r = run(&["backlinks", "--json", key, &dir.to_string_lossy()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v = r.json();
    let rows = v["citations"]
        .as_array()
        .or_else(|| v.as_array())
        .cloned()
        .unwrap_or_default();
    rows.iter().filter(|c| c["doc"] == id).count()
}

#[test]
fn a_few_invalid_bytes_leave_a_utf8_file_utf8() {
    let dir = dir_with_good_file();
    let mut bytes = PARAGRAPH.repeat(100).into_bytes();
    bytes.insert(PARAGRAPH.len() + 10, 0xff); // a stray byte
    bytes.extend_from_slice(b"\xed\xa0\x80"); // a CESU-8 surrogate: 3 invalid bytes
    bytes.extend_from_slice(&"é".as_bytes()[..1]); // a last character cut in half
    fs::write(dir.path().join("stray.txt"), bytes).expect("write");
    let (docs, stderr) = list(dir.path());
    let d = doc(&docs, "stray");
    assert_eq!(d["encoding"], "UTF-8", "{d}");
    assert!(
        d["display_title"]
            .as_str()
            .unwrap_or("")
            .contains("Conférence"),
        "{d}"
    );
    assert_eq!(d["caveats"][0], "5 invalid bytes replaced", "{d}");
    assert!(
        stderr.contains("stray.txt: 5 invalid bytes replaced"),
        "{stderr}"
    );
    assert_eq!(citations(dir.path(), "4/4", "stray"), 100);
}

#[test]
fn text_followed_by_binary_keeps_its_text_and_says_so() {
    let dir = dir_with_good_file();
    let text = PARAGRAPH.repeat(2000);
    let mut bytes = text.clone().into_bytes();
    bytes.extend_from_slice(b"\0\x01\x02\x03\xff\xfe\0\0binary tail");
    bytes.extend(std::iter::repeat_n(0u8, 10_000));
    fs::write(dir.path().join("tail.txt"), bytes).expect("write");
    let (docs, stderr) = list(dir.path());
    let d = doc(&docs, "tail");
    assert_eq!(d["encoding"], "UTF-8", "{d}");
    let said = format!("binary data from byte {} on left out", text.len());
    assert!(stderr.contains(&said), "{stderr}");
    assert_eq!(citations(dir.path(), "4/4", "tail"), 2000);
}

#[test]
fn utf32_is_decoded_and_named() {
    let dir = dir_with_good_file();
    let text = PARAGRAPH.repeat(3);
    let le: Vec<u8> = text
        .chars()
        .flat_map(|c| (c as u32).to_le_bytes())
        .collect();
    let be: Vec<u8> = text
        .chars()
        .flat_map(|c| (c as u32).to_be_bytes())
        .collect();
    fs::write(
        dir.path().join("le.txt"),
        [b"\xff\xfe\0\0".as_slice(), &le].concat(),
    )
    .expect("write");
    fs::write(
        dir.path().join("be.txt"),
        [b"\0\0\xfe\xff".as_slice(), &be].concat(),
    )
    .expect("write");
    fs::write(dir.path().join("lenobom.txt"), &le).expect("write");
    let (docs, stderr) = list(dir.path());
    for (id, encoding) in [
        ("le", "UTF-32LE"),
        ("be", "UTF-32BE"),
        ("lenobom", "UTF-32LE"),
    ] {
        let d = doc(&docs, id);
        assert_eq!(d["encoding"], encoding, "{d} {stderr}");
        assert!(
            d["display_title"]
                .as_str()
                .unwrap_or("")
                .starts_with("La Conférence"),
            "{d}"
        );
        assert_eq!(citations(dir.path(), "4/4", id), 3);
    }
}

#[test]
fn two_symbols_a_space_apart_stay_two() {
    let dir = dir_with_good_file();
    fs::write(
        dir.path().join("pair.txt"),
        "Voir A/RES/55/25 A/RES/55/26, puis S/RES/1540 S/RES/1541 et A/RES/35/142 B.\n",
    )
    .expect("write");
    let r = run(&[
        "refs",
        "--json",
        "--kind",
        "symbol",
        &dir.path().to_string_lossy(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let keys: Vec<String> = r
        .json()
        .as_array()
        .expect("array")
        .iter()
        .filter(|r| r["doc"] == "pair")
        .filter_map(|r| r["key"].as_str().map(str::to_string))
        .collect();
    assert_eq!(
        keys,
        [
            "symbol:A/RES/55/25",
            "symbol:A/RES/55/26",
            "symbol:S/RES/1540",
            "symbol:S/RES/1541",
            "symbol:A/RES/35/142B",
        ]
    );
}
