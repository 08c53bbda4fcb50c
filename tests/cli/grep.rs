//! `grep`: matching lines like `rg -n`, checked against an independent scan; exit codes; a closed pipe.

use crate::*;
use regex::Regex;
use std::io::Read;
use std::process::Stdio;

/// (doc, line) of every line of the bundled corpus matching `re`, computed
/// here from the texts `show --json` gives, independently of `grep`.
fn expected_lines(re: &Regex) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for id in IDS {
        let doc = json(&["show", id]);
        let text = doc["text"].as_str().expect("text");
        for (n, line) in text.lines().enumerate() {
            if re.is_match(line) {
                out.push((id.to_string(), n + 1));
            }
        }
    }
    out
}

#[test]
fn grep_prints_matching_lines_like_rg_n() {
    let pattern = r"CTOC/COP/\d{4}/\d+";
    let re = Regex::new(pattern).expect("regex");
    let r = run(&["grep", pattern]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = r.stdout();
    let mut found = Vec::new();
    for line in out.lines() {
        let mut parts = line.splitn(3, ':');
        let (doc, number, text) = (
            parts.next().expect("doc"),
            parts.next().expect("line number"),
            parts.next().expect("text"),
        );
        assert!(re.is_match(text), "{line}");
        found.push((doc.to_string(), number.parse::<usize>().expect("number")));
    }
    assert!(found.len() >= 10, "{out}");
    assert_eq!(found, expected_lines(&re));
}

#[test]
fn grep_json_gives_columns_of_each_match() {
    let v = json(&["grep", r"d[ée]cision \d+/\d+"]);
    let rows = v.as_array().expect("array");
    assert!(!rows.is_empty());
    for row in rows {
        let text = row["text"].as_str().expect("text");
        for m in row["matches"].as_array().expect("matches") {
            let column = m["column"].as_u64().expect("column") as usize;
            let written = m["text"].as_str().expect("text");
            let at: String = text
                .chars()
                .skip(column - 1)
                .take(written.chars().count())
                .collect();
            assert_eq!(at, written, "{row}");
        }
    }
}

#[test]
fn grep_ignore_case() {
    let sensitive = json_with_code(&["grep", "DÉCISION"], 1);
    assert_eq!(sensitive, Value::Array(Vec::new()));
    let insensitive = json(&["grep", "-i", "DÉCISION"]);
    assert!(!insensitive.as_array().expect("array").is_empty());
}

#[test]
fn grep_with_an_invalid_regex_exits_2() {
    let r = run(&["grep", "(unclosed"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("invalid regular expression"),
        "{}",
        r.stderr
    );
}

#[test]
fn grep_without_a_match_exits_1() {
    let r = run(&["grep", "zzqqxx"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("no line matches"), "{}", r.stderr);
}

#[test]
fn grep_into_a_closed_pipe_ends_quietly() {
    // More output than a pipe holds, so that writing must fail once the reader is gone.
    let line = "décision 4/4 et résolution 5/2, une ligne parmi beaucoup d'autres\n";
    let big = line.repeat(40_000);
    let dir = corpus_dir(&[("big.txt", big.as_bytes())]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["grep", "décision"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let status = child.wait().expect("wait");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status.code(), Some(0), "{stderr}");
}

#[test]
fn grep_words_finds_every_word_in_any_form_of_the_document_s_language() {
    // French documents: the plural and the lower case find the singular.
    let v = json(&["grep", "--words", "conférences parties"]);
    let lines = v.as_array().expect("array");
    assert!(!lines.is_empty());
    for line in lines {
        let text = line["text"].as_str().expect("text").to_lowercase();
        assert!(
            text.contains("conférence") && text.contains("parti"),
            "{text}"
        );
        let found: Vec<String> = line["matches"]
            .as_array()
            .expect("matches")
            .iter()
            .map(|m| m["text"].as_str().expect("text").to_lowercase())
            .collect();
        assert!(
            found
                .iter()
                .all(|w| w.starts_with("conférence") || w.starts_with("parti")),
            "{found:?}"
        );
    }
    // Every line holding both words, found by a plain regex, is found.
    let plain = json(&["grep", "-i", "conférence.*parties|parties.*conférence"]);
    assert!(lines.len() >= plain.as_array().expect("array").len());
    // Typed without accents.
    let bare = json(&["grep", "--words", "conferences parties"]);
    assert_eq!(bare, v);
    // A word in no form anywhere: nothing, said.
    let r = run(&["grep", "--words", "zzyzx"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("no line matches 'zzyzx'"), "{}", r.stderr);
}

#[test]
fn grep_words_in_a_folder_uses_each_document_s_language() {
    let dir = corpus_dir(&[
        (
            "en.md",
            "---\nlanguage: en\n---\nThe General Assembly adopted resolutions on trafficking.\n"
                .as_bytes(),
        ),
        (
            "es.md",
            "---\nlanguage: es\n---\nLa Asamblea General aprobó la resolución 78/225.\n".as_bytes(),
        ),
    ]);
    let found = |query: &str| -> Vec<String> {
        let r = run(&[
            OsStr::new("grep"),
            OsStr::new("--words"),
            OsStr::new(query),
            dir.path().as_os_str(),
            OsStr::new("--no-index"),
            OsStr::new("--json"),
        ]);
        let v: Value = serde_json::from_str(r.stdout().trim()).expect("JSON");
        v.as_array()
            .expect("array")
            .iter()
            .map(|l| l["doc"].as_str().expect("doc").to_string())
            .collect()
    };
    assert_eq!(found("resolution trafficked"), ["en"]);
    assert_eq!(found("resoluciones"), ["es"]);
    assert!(found("resolution").contains(&"en".to_string()));
}

#[test]
fn grep_words_needs_words() {
    let r = run(&["grep", "--words", " ;, "]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("holds none"), "{}", r.stderr);
}
