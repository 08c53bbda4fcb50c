//! Memory in proportion to the input: `grep --json` writes one object per
//! matching line (its matches as spans), not one per matched character.

use crate::common::{dir_with_good_file, dossier, run_within};
use std::fs;

#[test]
fn grep_json_writes_one_object_per_line_with_its_spans() {
    let dir = dir_with_good_file();
    let line = "Dans sa décision 4/4, la Conférence a décidé. ".repeat(20);
    let text = format!("{line}\n").repeat(2000);
    fs::write(dir.path().join("many.txt"), &text).expect("write");
    let mut cmd = dossier();
    cmd.args(["grep", "--json", "."])
        .arg(dir.path().join("many.txt"));
    let r = run_within(cmd, 60);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rows = r.json();
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 2000);
    for row in rows {
        let matches = row["matches"].as_array().expect("matches");
        assert_eq!(matches.len(), 1, "{row}");
        assert_eq!(matches[0]["text"], row["text"]);
    }
    // Each line once as its text and once as its match, plus a little.
    assert!(
        r.stdout.len() < 3 * text.len(),
        "{} bytes of JSON for {} of text",
        r.stdout.len(),
        text.len()
    );
}
