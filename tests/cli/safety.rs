//! Terminal safety: escapes from documents never reach the output raw.

use crate::*;

const HOSTILE: &[u8] = b"Titre \x1b]0;owned\x07\n\nLa d\xc3\xa9cision 4/4 \x1b[2J efface \x1b]52;c;ZXZpbA==\x07 l'\xc3\xa9cran, DEL \x7f, CSI \xc2\x9b31m, RLO \xe2\x80\xae.\n";

/// Characters a terminal may act on: C0 controls but newline, DEL, C1, bidi overrides.
fn is_terminal_control(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn json_escapes_control_characters() {
    let dir = corpus_dir(&[("hostile.txt", HOSTILE)]);
    for format in ["--json", "--pretty"] {
        let r = run(&[
            "show".to_string(),
            "hostile".to_string(),
            format.to_string(),
            path_arg(dir.path()),
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let out = r.stdout();
        assert!(
            !out.chars().any(is_terminal_control),
            "raw control character in JSON: {out:?}"
        );
        for escape in ["\\u001b", "\\u0007", "\\u007f", "\\u009b", "\\u202e"] {
            assert!(out.contains(escape), "{escape} missing");
        }
        let v: Value = serde_json::from_str(&out).expect("json");
        let written = std::str::from_utf8(HOSTILE).expect("UTF-8");
        assert_eq!(
            v["text"].as_str(),
            Some(written),
            "JSON gives the exact text back"
        );
    }
}

#[test]
fn human_output_shows_no_raw_escape() {
    let dir = corpus_dir(&[("hostile.txt", HOSTILE)]);
    let p = path_arg(dir.path());
    for args in [
        vec!["show", "hostile", &p],
        vec!["list", &p],
        vec!["grep", "efface", &p],
        vec!["backlinks", "4/4", &p],
        vec!["find", "efface", &p],
        vec!["refs", &p],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(!r.stdout.is_empty(), "{args:?}");
        let out = r.stdout();
        assert!(
            !out.chars().any(is_terminal_control),
            "{args:?} printed a raw control character: {out:?}"
        );
    }
    let shown = run(&["show", "hostile", &p]).stdout();
    assert!(shown.contains("␛[2J"), "{shown}");
}

#[test]
fn hostile_file_names_are_reported_inert() {
    let dir = corpus_dir(&[("good.txt", GOOD)]);
    let bad = dir.path().join("evil\x1b[2J.txt");
    std::fs::write(&bad, b"\x00\x01").expect("write");
    let r = run(&["list".to_string(), path_arg(dir.path())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);
    assert!(r.stderr.contains("evil␛[2J.txt"), "{}", r.stderr);
}
