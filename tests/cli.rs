//! The CLI contract, tested on the real binary: JSON output on the bundled
//! corpus, human output, exit codes, bad PATHS, and terminal safety.

use assert_cmd::Command;
use regex::Regex;
use serde_json::Value;
use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const IDS: [&str; 5] = [
    "000_358551e6050c8439",
    "001_273d8392d901bf09",
    "002_e599bcc0f404912d",
    "003_eb1dc6666d540682",
    "004_f6ac27cd96abb112",
];

/// What a run of the binary gave.
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }
}

/// Runs `dossier ARGS`, with a timeout so that a hang fails the test.
fn run<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env_remove("NO_COLOR")
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run dossier");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "dossier panicked: {stderr}");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: output.stdout,
        stderr,
    }
}

/// Runs `dossier ARGS --json`, expects `code`, and parses the one line of JSON.
fn json_with_code<S: AsRef<OsStr>>(args: &[S], code: i32) -> Value {
    let mut all: Vec<&OsStr> = args.iter().map(AsRef::as_ref).collect();
    all.push(OsStr::new("--json"));
    let r = run(&all);
    assert_eq!(r.code, code, "exit code of {all:?}; stderr: {}", r.stderr);
    let out = r.stdout();
    assert_eq!(out.lines().count(), 1, "--json prints one line: {out}");
    serde_json::from_str(&out).expect("valid JSON")
}

/// Runs `dossier ARGS --json`, expects success, and parses the JSON.
fn json<S: AsRef<OsStr>>(args: &[S]) -> Value {
    json_with_code(args, 0)
}

/// The string field `field` of every object of the array `v`.
fn strings(v: &Value, field: &str) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|o| o[field].as_str().unwrap_or("<none>").to_string())
        .collect()
}

fn short(id: &str) -> &str {
    &id[..3]
}

/// A temporary directory holding `files` (name, bytes).
fn corpus_dir(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, bytes).expect("write");
    }
    dir
}

fn path_arg(p: &Path) -> String {
    p.to_str().expect("UTF-8 temp path").to_string()
}

// ---------------------------------------------------------------------------
// list
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// show
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// refs
// ---------------------------------------------------------------------------

#[test]
fn refs_of_one_kind() {
    let v = json(&["refs", "--kind", "decision"]);
    let refs = v.as_array().expect("array");
    assert!(!refs.is_empty());
    for r in refs {
        assert_eq!(r["kind"], "decision");
        assert!(
            r["key"]
                .as_str()
                .is_some_and(|k| k.starts_with("decision:"))
        );
        for field in ["doc", "text", "line", "column", "end_line", "end_column"] {
            assert!(r.get(field).is_some(), "{r} lacks {field}");
        }
    }
    assert_eq!(refs[0]["doc"], IDS[0]);
    assert_eq!(refs[0]["key"], "decision:4/4");
    assert_eq!(refs[0]["text"], "décision 4/4");
    assert_eq!(
        (refs[0]["line"].as_u64(), refs[0]["column"].as_u64()),
        (Some(27), Some(9))
    );
    // Every kind is a subset of all references.
    let all = json(&["refs"]);
    let all = all.as_array().expect("array");
    assert!(all.len() > refs.len());
    assert!(refs.iter().all(|r| all.contains(r)));
}

#[test]
fn refs_rejects_an_unknown_kind_listing_the_kinds() {
    let r = run(&["refs", "--kind", "treaty"]);
    assert_eq!(r.code, 2);
    for kind in [
        "symbol",
        "decision",
        "resolution",
        "article",
        "url",
        "email",
    ] {
        assert!(r.stderr.contains(kind), "{}", r.stderr);
    }
}

// ---------------------------------------------------------------------------
// backlinks
// ---------------------------------------------------------------------------

#[test]
fn backlinks_of_a_decision_as_a_person_writes_it() {
    let v = json(&["backlinks", "décision 4/4"]);
    assert_eq!(v["key"], "decision:4/4");
    let docs: Vec<&str> = v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        docs.iter().map(|d| short(d)).collect::<Vec<_>>(),
        ["000", "001", "002", "003"]
    );
    for c in v["citations"].as_array().expect("citations") {
        assert_eq!(
            c["text"].as_str().map(str::to_lowercase).as_deref(),
            Some("décision 4/4")
        );
        assert!(
            c["context"].as_str().is_some_and(|l| l.contains("4/4")),
            "{c}"
        );
    }
    // The other ways to write the key give the same answer.
    assert_eq!(json(&["backlinks", "4/4"]), v);
    assert_eq!(json(&["backlinks", "decision:4/4"]), v);
}

#[test]
fn backlinks_of_an_article() {
    let v = json(&["backlinks", "article:convention:32:3"]);
    let docs: Vec<String> = strings(&v["citations"], "doc");
    assert_eq!(
        docs.iter().map(|d| short(d)).collect::<Vec<_>>(),
        ["000", "002", "004"]
    );
}

#[test]
fn backlinks_of_a_symbol_say_which_documents_carry_it() {
    let v = json(&["backlinks", "CTOC/COP/2012/1"]);
    assert_eq!(v["key"], "symbol:CTOC/COP/2012/1");
    assert_eq!(v["documents_with_symbol"], Value::Array(Vec::new()));
    assert_eq!(strings(&v["citations"], "doc"), [IDS[0], IDS[4]]);
    let r = run(&["backlinks", "CTOC/COP/2012/1"]);
    assert!(
        r.stdout()
            .contains("no document of the corpus carries this symbol")
    );
}

#[test]
fn backlinks_human_shows_the_cited_line() {
    let r = run(&["backlinks", "résolution 5/2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = r.stdout();
    assert!(out.contains("resolution:5/2"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with(IDS[0]) && l.contains("résolution 5/2")),
        "{out}"
    );
}

#[test]
fn backlinks_of_an_uncited_key_exit_1() {
    let r = run(&["backlinks", "decision:99/99"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("nothing cites decision:99/99"),
        "{}",
        r.stderr
    );
    let v = json_with_code(&["backlinks", "decision:99/99"], 1);
    assert_eq!(v["citations"], Value::Array(Vec::new()));
}

#[test]
fn backlinks_suggest_the_key_meant() {
    let r = run(&["backlinks", "ctoc/cop/2012/1"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("did you mean symbol:CTOC/COP/2012/1?"),
        "{}",
        r.stderr
    );
    let r = run(&["backlinks", "CTOC/COP/WG.4/2011/8."]);
    assert!(
        r.stderr
            .contains("did you mean symbol:CTOC/COP/WG.4/2011/8?"),
        "{}",
        r.stderr
    );
}

#[test]
fn backlinks_of_something_that_is_no_key_exit_2() {
    let r = run(&["backlinks", "hello world"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("decision:4/4"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------
// agenda
// ---------------------------------------------------------------------------

#[test]
fn agenda_of_the_agenda_document() {
    let v = json(&["agenda", "002"]);
    let agendas = v["agendas"].as_array().expect("agendas");
    assert_eq!(agendas.len(), 1);
    assert_eq!(agendas[0]["doc"], IDS[2]);
    let items = agendas[0]["items"].as_array().expect("items");
    assert_eq!(
        strings(&agendas[0]["items"], "number"),
        ["1", "2", "3", "4"]
    );
    assert_eq!(strings(&items[0]["sub_items"], "letter"), ["a", "b"]);
    let symbols = |item: &Value| -> Vec<String> { strings(&item["documentation"], "symbol") };
    let two = symbols(&items[1]);
    assert_eq!(two.len(), 7, "{two:?}");
    assert_eq!(two[0], "CTOC/COP/WG.4/2009/CRP.1");
    assert_eq!(symbols(&items[2]).len(), 4);
    assert_eq!(v["issued_under"], Value::Array(Vec::new()));
}

#[test]
fn agenda_items_documents_were_issued_under() {
    let v = json(&["agenda"]);
    assert_eq!(v["agendas"].as_array().map(Vec::len), Some(1));
    let issued = &v["issued_under"];
    assert_eq!(strings(issued, "doc"), [IDS[0], IDS[1], IDS[4]]);
    assert_eq!(strings(issued, "item"), ["2 b)", "2 b)", "2 c)"]);
    assert_eq!(
        strings(issued, "agenda_symbol"),
        ["CTOC/COP/2012/1", "CTOC/COP/2018/1", "CTOC/COP/2012/1"]
    );
    let one = json(&["agenda", "004"]);
    assert_eq!(one["agendas"], Value::Array(Vec::new()));
    assert_eq!(strings(&one["issued_under"], "doc"), [IDS[4]]);
}

#[test]
fn agenda_human_lists_items_and_documentation() {
    let r = run(&["agenda", "002"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = r.stdout();
    assert!(out.contains("1. Questions d'organisation"), "{out}");
    assert!(out.contains("a) Ouverture de la réunion"), "{out}");
    assert!(out.contains("CTOC/COP/WG.4/2009/CRP.1"), "{out}");
}

// ---------------------------------------------------------------------------
// find
// ---------------------------------------------------------------------------

#[test]
fn find_ranks_an_exact_symbol_first() {
    let v = json(&["find", "CTOC/COP/2008/6"]);
    let first = &v[0];
    assert_eq!(first["rank"], 1);
    assert_eq!(first["kind"], "symbol");
    assert_eq!(first["text"], "CTOC/COP/2008/6");
    assert_eq!(first["doc"], IDS[2]);
}

#[test]
fn find_is_accent_insensitive_and_limited() {
    let v = json(&["find", "resolution", "--limit", "50"]);
    let texts = strings(&v, "text");
    assert!(texts.iter().any(|t| t.contains("résolution")), "{texts:?}");
    let three = json(&["find", "resolution", "--limit", "3"]);
    assert_eq!(three.as_array().map(Vec::len), Some(3));
    let ranks: Vec<u64> = three
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["rank"].as_u64())
        .collect();
    assert_eq!(ranks, [1, 2, 3]);
}

#[test]
fn find_without_a_match_exits_1() {
    let r = run(&["find", "qqqxqqqzzz"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("nothing matches"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------
// grep
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// PATHS: good files served, bad ones reported and skipped
// ---------------------------------------------------------------------------

const GOOD: &[u8] = b"Distr. g\xc3\xa9n\xc3\xa9rale\n21 juin 2012\n\nDans sa d\xc3\xa9cision 4/4, la Conf\xc3\xa9rence a d\xc3\xa9cid\xc3\xa9.\n";

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

// ---------------------------------------------------------------------------
// Terminal safety: escapes from documents never reach the output raw
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Usage
// ---------------------------------------------------------------------------

#[test]
fn help_lists_the_commands() {
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    let out = r.stdout();
    for command in [
        "list",
        "show",
        "refs",
        "backlinks",
        "agenda",
        "find",
        "grep",
    ] {
        assert!(out.contains(command), "{out}");
    }
}

#[test]
fn unknown_options_are_usage_errors() {
    let r = run(&["list", "--frobnicate"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--frobnicate"), "{}", r.stderr);
    let r = run(&["find", "x", "--limit", "0"]);
    assert_eq!(r.code, 2);
}
