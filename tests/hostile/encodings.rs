//! Non-UTF-8 text is decoded, reported by its encoding, and never mangled.

use crate::common::{dir_with_good_file, ids, list, run};
use std::fs;

const SENTENCE: &str = "Dans sa décision 4/4, la Conférence a décidé de créer un groupe de travail à composition non limitée, conformément à l'article 32 de la Convention.";

#[test]
fn legacy_and_utf16_files_are_decoded_and_named() {
    let dir = dir_with_good_file();
    let p = dir.path();
    let mut utf16le = vec![0xff, 0xfe];
    utf16le.extend(SENTENCE.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(p.join("utf16le.txt"), utf16le).expect("write");
    let mut utf16be = vec![0xfe, 0xff];
    utf16be.extend(SENTENCE.encode_utf16().flat_map(u16::to_be_bytes));
    fs::write(p.join("utf16be.txt"), utf16be).expect("write");
    let bomless: Vec<u8> = SENTENCE.encode_utf16().flat_map(u16::to_le_bytes).collect();
    fs::write(p.join("utf16nobom.txt"), bomless).expect("write");
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(SENTENCE);
    fs::write(p.join("cp1252.txt"), &*cp1252).expect("write");
    fs::write(
        p.join("utf8bom.txt"),
        [b"\xef\xbb\xbf".as_slice(), SENTENCE.as_bytes()].concat(),
    )
    .expect("write");

    let (docs, stderr) = list(p);
    assert_eq!(
        ids(&docs),
        [
            "cp1252",
            "good",
            "utf16be",
            "utf16le",
            "utf16nobom",
            "utf8bom"
        ],
        "{stderr}"
    );
    let encoding = |id: &str| {
        docs.iter()
            .find(|d| d["id"] == id)
            .and_then(|d| d["encoding"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(encoding("cp1252"), "windows-1252");
    assert_eq!(encoding("utf16le"), "UTF-16LE");
    assert_eq!(encoding("utf16be"), "UTF-16BE");
    assert_eq!(encoding("utf16nobom"), "UTF-16LE");
    assert_eq!(encoding("utf8bom"), "UTF-8");
    assert_eq!(encoding("good"), "UTF-8");

    // Decoded text is served whole: the decision is found in every version.
    let r = run(&["backlinks", "--json", "décision 4/4", &p.to_string_lossy()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let text = r.out();
    for id in [
        "cp1252",
        "good",
        "utf16be",
        "utf16le",
        "utf16nobom",
        "utf8bom",
    ] {
        assert!(
            text.contains(&format!("\"{id}\"")),
            "{id} missing from {text}"
        );
    }
    let shown = run(&["show", "--json", "cp1252", &p.to_string_lossy()]);
    assert!(
        shown.out().contains("Conférence a décidé"),
        "{}",
        shown.out()
    );
}

#[test]
fn utf8_is_never_reinterpreted() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Valid UTF-8 that a legacy detector might take for something else.
    let text = "Ð¡Ð¾Ð²ÐµÑ‚ — «guillemets» — 维也纳 — Résolution";
    fs::write(dir.path().join("utf8.txt"), text).expect("write");
    let r = run(&["show", "--json", "utf8", &dir.path().to_string_lossy()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.json()["text"], text);
}
