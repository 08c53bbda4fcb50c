//! A property test of the list kept beside the index: whatever happens to a
//! folder's files between two lists (text added, a title or a symbol put
//! first, a file renamed, deleted or added, modified just now or long ago),
//! `list --json` through the index — printed as kept, mended or made again —
//! is the list of a fresh parse, and so is the list after it.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;

use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

/// What is done to the files.
#[derive(Debug, Clone)]
enum Change {
    /// Words added at the end (the counts move, nothing else).
    Append(usize, String),
    /// A first line put before the text (its title when it has none).
    Title(usize, String),
    /// A symbol put first (the document joins or starts a family).
    Symbol(usize, u16, u8),
    /// Renamed.
    Rename(usize, String),
    /// Deleted.
    Delete(usize),
    /// A new file.
    Add(String, String),
}

fn change() -> impl Strategy<Value = Change> {
    let words = "[a-zé ]{1,40}";
    prop_oneof![
        (0..8usize, words).prop_map(|(k, w)| Change::Append(k, w)),
        (0..8usize, "[A-Z][a-z ]{3,30}").prop_map(|(k, t)| Change::Title(k, t)),
        (0..8usize, 2000..2030u16, 1..30u8).prop_map(|(k, y, n)| Change::Symbol(k, y, n)),
        (0..8usize, "[a-z]{1,8}").prop_map(|(k, n)| Change::Rename(k, n)),
        (0..8usize).prop_map(Change::Delete),
        ("[a-z]{1,8}", words).prop_map(|(n, t)| Change::Add(n, t)),
    ]
}

fn dossier() -> Command {
    common::index_command()
}

/// `dossier list --json DIR`, through `index` or afresh.
fn list(dir: &Path, index: Option<&Path>) -> String {
    let mut cmd = dossier();
    cmd.args(["list", "--json"]).arg(dir);
    match index {
        Some(i) => cmd.arg("--index").arg(i),
        None => cmd.arg("--no-index"),
    };
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn age(path: &Path, long_ago: bool) {
    let when = if long_ago {
        SystemTime::now() - Duration::from_secs(3600)
    } else {
        SystemTime::now()
    };
    let f = fs::OpenOptions::new().write(true).open(path).unwrap();
    f.set_modified(when).unwrap();
}

/// The files of `dir`, in name order.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn apply(dir: &Path, change: &Change, long_ago: bool) {
    let files = files(dir);
    let pick = |k: usize| files[k % files.len()].clone();
    let touched = match change {
        Change::Append(k, words) => {
            let path = pick(*k);
            let mut text = fs::read_to_string(&path).unwrap();
            text.push_str(&format!("\n{words}\n"));
            fs::write(&path, text).unwrap();
            Some(path)
        }
        Change::Title(k, title) => {
            let path = pick(*k);
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, format!("{title}\n\n{text}")).unwrap();
            Some(path)
        }
        Change::Symbol(k, year, n) => {
            let path = pick(*k);
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, format!("CTOC/COP/{year}/{n}\n\n{text}")).unwrap();
            Some(path)
        }
        Change::Rename(k, name) => {
            let path = pick(*k);
            let to = dir.join(format!("{name}.txt"));
            if !to.exists() {
                fs::rename(&path, &to).unwrap();
            }
            None
        }
        Change::Delete(k) if files.len() > 1 => {
            fs::remove_file(pick(*k)).unwrap();
            None
        }
        Change::Delete(_) => None,
        Change::Add(name, text) => {
            let path = dir.join(format!("new-{name}.txt"));
            fs::write(&path, format!("Un document ajouté\n\n{text}\n")).unwrap();
            Some(path)
        }
    };
    if let Some(path) = touched {
        age(&path, long_ago);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_list_through_the_index_is_always_a_fresh_parse(
        changes in prop::collection::vec((change(), any::<bool>()), 1..4),
    ) {
        let corpus = tempfile::tempdir().unwrap();
        let index = tempfile::tempdir().unwrap();
        for e in fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus")).unwrap() {
            let e = e.unwrap();
            let to = corpus.path().join(e.file_name());
            fs::copy(e.path(), &to).unwrap();
            age(&to, true);
        }
        // The list made and kept.
        prop_assert_eq!(list(corpus.path(), Some(index.path())), list(corpus.path(), None));
        for (change, long_ago) in &changes {
            apply(corpus.path(), change, *long_ago);
        }
        let fresh = list(corpus.path(), None);
        // Mended, made again or kept; then from what that run kept.
        prop_assert_eq!(&list(corpus.path(), Some(index.path())), &fresh);
        prop_assert_eq!(&list(corpus.path(), Some(index.path())), &fresh);
    }
}
