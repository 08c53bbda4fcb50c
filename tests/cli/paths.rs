//! PATHS: good files served, bad ones reported on stderr and skipped.

use crate::*;

#[test]
fn bad_paths_are_reported_and_the_rest_is_served() {
    let dir = corpus_dir(&[
        ("good.txt", GOOD),
        ("binary.txt", b"\x00\x01\x02\x03garbage"),
    ]);
    let missing = dir.path().join("missing.txt");
    let args = [path_arg(dir.path()), path_arg(&missing)];
    let r = run(&[&["list".to_string(), "--json".to_string()][..], &args[..]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_slice(&r.stdout).expect("json");
    assert_eq!(strings(&v, "id"), ["good"]);
    assert_eq!(v[0]["date"], "2012-06-21");
    let skipped: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("dossier: skipped "))
        .collect();
    assert_eq!(skipped.len(), 2, "{}", r.stderr);
    assert!(
        skipped
            .iter()
            .any(|l| l.contains("binary.txt") && l.contains("binary")),
        "{}",
        r.stderr
    );
    assert!(
        skipped
            .iter()
            .any(|l| l.contains("missing.txt") && l.contains("no such file")),
        "{}",
        r.stderr
    );
}

#[test]
fn commands_work_on_given_paths() {
    let dir = corpus_dir(&[("a/good.txt", GOOD)]);
    let p = path_arg(dir.path());
    let v = json(&["backlinks", "4/4", &p]);
    assert_eq!(strings(&v["citations"], "doc"), ["good"]);
    let v = json(&["grep", "Conf.rence", &p]);
    assert_eq!(v[0]["line"], 4);
    // A lone existing path after `agenda` is where to read, not a document.
    let v = json(&["agenda", &p]);
    assert_eq!(v["agendas"], Value::Array(Vec::new()));
}

#[test]
fn nothing_loadable_is_an_error_that_says_what_to_do() {
    let dir = corpus_dir(&[("binary.txt", b"\x00\x00\x00")]);
    let r = run(&["list".to_string(), path_arg(dir.path())]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("skipped"), "{}", r.stderr);
    assert!(
        r.stderr.contains("no document could be loaded"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("bundled corpus"), "{}", r.stderr);

    let empty = tempfile::tempdir().expect("tempdir");
    let r = run(&["list".to_string(), path_arg(empty.path())]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no .txt or .md"), "{}", r.stderr);
}
