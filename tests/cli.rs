//! The CLI contract, tested on the real binary: JSON output on the bundled
//! corpus, human output, exit codes, bad PATHS, and terminal safety.

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

use assert_cmd::Command;
use serde_json::Value;
use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

#[path = "cli/agenda_find.rs"]
mod agenda_find;
#[path = "cli/documents.rs"]
mod documents;
#[path = "cli/grep.rs"]
mod grep;
#[path = "cli/paths.rs"]
mod paths;
#[path = "cli/references.rs"]
mod references;
#[path = "cli/safety.rs"]
mod safety;
#[path = "cli/usage.rs"]
mod usage;

// Helpers shared by the modules.

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
        // The index in the build directory, not in the user's cache.
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .env_remove("DOSSIER_INDEX")
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

/// A small well-formed French document.
const GOOD: &[u8] = b"Distr. g\xc3\xa9n\xc3\xa9rale\n21 juin 2012\n\nDans sa d\xc3\xa9cision 4/4, la Conf\xc3\xa9rence a d\xc3\xa9cid\xc3\xa9.\n";
