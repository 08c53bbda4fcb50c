//! Huge inputs: a 100 MB file, a single 5 MB line, 50 000 small files. Each
//! loads within the deadline and its content is served.

use crate::common::{dir_with_good_file, dossier, ids, run_within};
use std::fs;
use std::io::Write;

const PARAGRAPH: &str = "Dans sa décision 4/4, la Conférence des Parties a décidé, conformément au paragraphe 3 de l'article 32 de la Convention, de créer un groupe de travail (CTOC/COP/2012/1).\n";

#[test]
fn a_100_mb_file() {
    let dir = dir_with_good_file();
    let path = dir.path().join("huge.txt");
    let mut f = std::io::BufWriter::new(fs::File::create(&path).expect("create"));
    let target = 100 * 1024 * 1024;
    let mut written = 0;
    let mut n = 0u64;
    while written < target {
        let line = format!("{n}. {PARAGRAPH}");
        f.write_all(line.as_bytes()).expect("write");
        written += line.len();
        n += 1;
    }
    f.flush().expect("flush");
    drop(f);
    let mut cmd = dossier();
    cmd.args(["list", "--json"]).arg(dir.path());
    let r = run_within(cmd, 240);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let docs = r.json();
    let docs = docs.as_array().expect("array");
    assert_eq!(ids(docs), ["good", "huge"]);
    let huge = &docs[1];
    assert!(huge["words"].as_u64().unwrap_or(0) > 10_000_000, "{huge}");
}

#[test]
fn a_single_5_mb_line() {
    let dir = dir_with_good_file();
    let line = PARAGRAPH
        .trim_end()
        .repeat(5 * 1024 * 1024 / PARAGRAPH.len());
    fs::write(dir.path().join("oneline.txt"), &line).expect("write");
    let mut cmd = dossier();
    cmd.args(["refs", "--json", "--kind", "symbol"])
        .arg(dir.path());
    let r = run_within(cmd, 120);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let refs = r.json();
    let refs = refs.as_array().expect("array");
    assert_eq!(refs.len(), 5 * 1024 * 1024 / PARAGRAPH.len());
    assert!(refs.iter().all(|r| r["line"] == 1));
    let mut cmd = dossier();
    cmd.args(["grep", "CTOC/COP/2012/1"]).arg(dir.path());
    let r = run_within(cmd, 120);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn fifty_thousand_small_files() {
    let dir = dir_with_good_file();
    for folder in 0..50 {
        let sub = dir.path().join(format!("d{folder:02}"));
        fs::create_dir(&sub).expect("mkdir");
        for i in 0..1000 {
            fs::write(
                sub.join(format!("f{folder:02}_{i:04}.txt")),
                format!("{i}. {PARAGRAPH}"),
            )
            .expect("write");
        }
    }
    let mut cmd = dossier();
    cmd.args(["backlinks", "--json", "decision:4/4"])
        .arg(dir.path());
    let r = run_within(cmd, 240);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let text = r.out();
    assert!(text.contains("f49_0999") && text.contains("f00_0000") && text.contains("\"good\""));
    let mut cmd = dossier();
    cmd.args(["list", "--json"]).arg(dir.path());
    let r = run_within(cmd, 240);
    assert_eq!(r.json().as_array().map(Vec::len), Some(50_001));
}

#[test]
fn files_over_the_limit_are_skipped_with_their_size() {
    let dir = dir_with_good_file();
    // A sparse file: large to the file system, nothing written to disk.
    let f = fs::File::create(dir.path().join("enormous.txt")).expect("create");
    f.set_len(dossier::model::load::MAX_FILE_BYTES + 1)
        .expect("set_len");
    drop(f);
    let mut cmd = dossier();
    cmd.args(["list", "--json"]).arg(dir.path());
    let r = run_within(cmd, 60);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(ids(r.json().as_array().expect("array")), ["good"]);
    assert!(
        r.stderr.contains("enormous.txt") && r.stderr.contains("too large"),
        "{}",
        r.stderr
    );
}
