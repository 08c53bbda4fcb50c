//! Terminal safety: escape sequences in documents never reach the terminal
//! live; JSON escapes them; without a TTY the explorer refuses to draw and
//! says what to do.

use crate::common::{dir_with_good_file, dossier, run, run_within};
use std::fs;

const HOSTILE: &str = "Texte piégé \u{1b}]52;c;ZXZpbCBjbGlwYm9hcmQ=\u{7} puis \u{1b}[2J\u{1b}[H effacé, \u{1b}]0;titre\u{7}, C1 \u{9b}31m et DEL \u{7f}. Décision 4/4.\n";

fn hostile_dir() -> tempfile::TempDir {
    let dir = dir_with_good_file();
    fs::write(dir.path().join("hostile.txt"), HOSTILE).expect("write");
    dir
}

fn assert_inert(bytes: &[u8]) {
    assert!(
        !bytes.contains(&0x1b),
        "raw ESC in output: {:?}",
        String::from_utf8_lossy(bytes)
    );
    assert!(!bytes.contains(&0x07), "raw BEL in output");
    assert!(!bytes.contains(&0x7f), "raw DEL in output");
    assert!(
        !String::from_utf8_lossy(bytes).contains('\u{9b}'),
        "raw CSI (C1) in output"
    );
}

#[test]
fn human_output_shows_escapes_as_placeholders() {
    let dir = hostile_dir();
    let p = dir.path().to_string_lossy().into_owned();
    for args in [
        vec!["show", "hostile", &p],
        vec!["grep", "piégé", &p],
        vec!["list", &p],
        vec!["backlinks", "4/4", &p],
        vec!["find", "piege", &p],
    ] {
        let r = run(&args);
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        assert_inert(&r.stdout);
        assert_inert(r.stderr.as_bytes());
    }
    let shown = run(&["show", "hostile", &p]).out();
    assert!(
        shown.contains('\u{241b}'),
        "ESC is shown as a visible placeholder: {shown}"
    );
}

#[test]
fn json_escapes_control_characters() {
    let dir = hostile_dir();
    let r = run(&["show", "--json", "hostile", &dir.path().to_string_lossy()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_inert(&r.stdout);
    assert!(r.out().contains("\\u001b]52"), "{}", r.out());
    assert_eq!(r.json()["text"], HOSTILE, "JSON round-trips the exact text");
}

#[test]
fn explorer_without_a_tty_says_what_to_do() {
    let mut cmd = dossier();
    cmd.env("TERM", "dumb");
    let r = run_within(cmd, 30);
    assert_ne!(r.code, Some(0));
    assert!(r.stdout.is_empty() || !r.stdout.contains(&0x1b));
    assert_inert(r.stderr.as_bytes());
    assert!(
        r.stderr.contains("terminal") && r.stderr.contains("dossier list"),
        "{}",
        r.stderr
    );
}

#[test]
fn piped_output_has_no_escape_codes() {
    let dir = hostile_dir();
    let mut cmd = dossier();
    cmd.env_remove("NO_COLOR").env("TERM", "xterm-256color");
    cmd.args(["grep", "Décision"]).arg(dir.path());
    let r = run_within(cmd, 30);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_inert(&r.stdout);
}

#[cfg(unix)]
#[test]
fn file_names_with_escapes_are_shown_inert() {
    use std::os::unix::ffi::OsStrExt;
    let dir = hostile_dir();
    let name = std::ffi::OsStr::from_bytes(b"evil\x1b]52;c;eA==\x07\x1b[2J.txt");
    fs::write(
        dir.path().join(name),
        "voir CTOC/COP/2012/1 et la décision 4/4",
    )
    .expect("write");
    let p = dir.path().to_string_lossy().into_owned();
    for args in [
        vec!["list", &p],
        vec!["backlinks", "4/4", &p],
        vec!["backlinks", "CTOC/COP/2012/1", &p],
        vec!["refs", &p],
        vec!["grep", "CTOC", &p],
        vec!["agenda", &p],
    ] {
        let r = run(&args);
        assert_inert(&r.stdout);
        assert_inert(r.stderr.as_bytes());
    }
}

#[test]
fn a_url_closed_by_a_million_parentheses_does_not_hang() {
    let dir = dir_with_good_file();
    let text = format!("voir http://un.org/x{} fin", ")".repeat(1_000_000));
    fs::write(dir.path().join("parens.txt"), text).expect("write");
    let mut cmd = dossier();
    cmd.args(["refs", "--json", "--kind", "url"])
        .arg(dir.path());
    let r = run_within(cmd, 60);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.out().contains("url:http://un.org/x\""), "{}", r.out());
}

#[test]
fn usage_errors_echo_what_was_typed_inert() {
    let osc = "\u{1b}]0;X\u{7}";
    let unknown = format!("--{osc}");
    for args in [
        vec!["refs", "--kind", osc],
        vec!["find", "x", "--limit", osc],
        vec!["list", unknown.as_str()],
    ] {
        let r = run(&args);
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("␛]0;X␇"), "{args:?}: {}", r.stderr);
        assert_inert(r.stderr.as_bytes());
    }
}
