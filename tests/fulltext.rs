//! `dossier grep` through the full-text index, with the real binary: its
//! output must be the scan's (`--no-index`) byte for byte, whatever changed
//! since the index was made, and a damaged or read-only full-text index must
//! still give the scan's answer.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

/// Patterns selective and broad, with and without words to look up.
const PATTERNS: &[&str] = &[
    "Conférence des Parties",
    "conference des parties",
    "(?i)CONFÉRENCE",
    r"\bGroupe de travail\b",
    "traite|criminalité",
    r"\d+/\d+",
    "^Distr",
    "organisée$",
    "no such words anywhere",
    "personnes, en",
    "A/RES",
    "xyzzy|Vienne",
];

struct Fixture {
    corpus: tempfile::TempDir,
    index: tempfile::TempDir,
}

impl Fixture {
    /// The bundled documents, modified an hour ago, indexed.
    fn indexed() -> Fixture {
        let f = Fixture {
            corpus: tempfile::tempdir().expect("tempdir"),
            index: tempfile::tempdir().expect("tempdir"),
        };
        for e in fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus"))
            .expect("bundled corpus")
        {
            let e = e.expect("entry");
            let to = f.corpus.path().join(e.file_name());
            fs::copy(e.path(), &to).expect("copy");
            age(&to);
        }
        let out = f.grep_args(&["index"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(!f.segments().is_empty(), "no full-text segment was written");
        f
    }

    fn path(&self, name: &str) -> PathBuf {
        self.corpus.path().join(name)
    }

    fn segments(&self) -> Vec<PathBuf> {
        let dir = self.index.path().join("fulltext");
        let mut s: Vec<PathBuf> = fs::read_dir(dir)
            .map(|l| l.map(|e| e.expect("entry").path()).collect())
            .unwrap_or_default();
        s.retain(|p| p.extension().is_some_and(|e| e == "seg"));
        s.sort();
        s
    }

    /// `dossier ARGS… CORPUS --index INDEX`.
    fn grep_args(&self, args: &[&str]) -> Output {
        dossier()
            .args(args)
            .arg(self.corpus.path())
            .arg("--index")
            .arg(self.index.path())
            .output()
            .expect("dossier runs")
    }

    fn grep(&self, pattern: &str, extra: &[&str]) -> Output {
        let mut args = vec!["grep", pattern];
        args.extend(extra);
        self.grep_args(&args)
    }

    fn scan(&self, pattern: &str, extra: &[&str]) -> Output {
        dossier()
            .args(["grep", pattern])
            .args(extra)
            .arg(self.corpus.path())
            .arg("--no-index")
            .output()
            .expect("dossier runs")
    }

    /// Every pattern, human and JSON, gives the scan's stdout, stderr and status.
    fn assert_same_as_scan(&self) {
        for p in PATTERNS {
            for extra in [&[][..], &["--json"], &["-i"]] {
                let (a, b) = (self.grep(p, extra), self.scan(p, extra));
                assert_eq!(
                    String::from_utf8_lossy(&a.stdout),
                    String::from_utf8_lossy(&b.stdout),
                    "{p} {extra:?}"
                );
                assert_eq!(stderr(&a), stderr(&b), "{p} {extra:?}");
                assert_eq!(a.status.code(), b.status.code(), "{p} {extra:?}");
            }
        }
    }
}

fn dossier() -> Command {
    common::index_command()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn age(path: &Path) {
    let f = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open for times");
    f.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .expect("set mtime");
}

#[test]
fn grep_through_the_index_prints_what_the_scan_prints() {
    Fixture::indexed().assert_same_as_scan();
}

/// The index is consulted: a file rewritten behind its back with the same
/// size and time (which the store trusts, as git does) is not read when
/// the index says it cannot match.
#[test]
fn the_index_decides_which_unchanged_files_are_read() {
    let f = Fixture::indexed();
    let p = f.path("000_358551e6050c8439.txt");
    let text = fs::read_to_string(&p).expect("read");
    let swapped = text.replacen("Vienne", "Zwölf", 1);
    assert_eq!(swapped.len(), text.len());
    let before = fs::metadata(&p).expect("stat").modified().expect("mtime");
    let file = fs::OpenOptions::new().write(true).open(&p).expect("open");
    std::io::Write::write_all(&mut &file, swapped.as_bytes()).expect("write");
    file.set_modified(before).expect("set mtime");
    drop(file);
    assert!(stdout(&f.scan("Zwölf", &[])).contains("Zwölf"));
    assert_eq!(f.grep("Zwölf", &[]).status.code(), Some(1));
}

#[test]
fn changed_new_and_deleted_files_are_read_as_the_scan_reads_them() {
    let f = Fixture::indexed();
    let changed = f.path("001_273d8392d901bf09.txt");
    let mut text = fs::read_to_string(&changed).expect("read");
    text.push_str("\nVienne appears here now, xyzzy.\n");
    fs::write(&changed, text).expect("write");
    fs::write(
        f.path("new.txt"),
        "Conférence des Parties, nouvelle.\nxyzzy\n",
    )
    .expect("write");
    fs::remove_file(f.path("002_e599bcc0f404912d.txt")).expect("remove");
    f.assert_same_as_scan();
    // A load brings the full-text index up to date; still the same.
    assert!(f.grep_args(&["list"]).status.success());
    f.assert_same_as_scan();
}

#[test]
fn a_damaged_segment_is_reported_scanned_around_and_rebuilt() {
    let f = Fixture::indexed();
    let seg = f.segments().pop().expect("a segment");
    let mut bytes = fs::read(&seg).expect("read");
    // The head: detected when the segment is opened.
    bytes[30] ^= 0x55;
    fs::write(&seg, &bytes).expect("write");
    let (a, b) = (f.grep("Vienne", &[]), f.scan("Vienne", &[]));
    assert_eq!(stdout(&a), stdout(&b));
    let said = stderr(&a);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains("full-text segment") && said.contains("damaged"),
        "{said}"
    );
    // The next load rebuilds it; grep is then quiet again.
    let out = f.grep_args(&["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(f.segments().len(), 1);
    f.assert_same_as_scan();
    // A list of records: detected when read; the segment is removed.
    let seg = f.segments().pop().expect("a segment");
    let mut bytes = fs::read(&seg).expect("read");
    let head = u64::from_le_bytes(bytes[8..16].try_into().expect("8 bytes")) as usize;
    for b in &mut bytes[20 + head..] {
        *b ^= 0x55;
    }
    fs::write(&seg, &bytes).expect("write");
    let (a, b) = (f.grep("Conférence", &[]), f.scan("Conférence", &[]));
    assert_eq!(stdout(&a), stdout(&b));
    assert_eq!(stderr(&a).lines().count(), 1, "{}", stderr(&a));
    assert!(f.segments().is_empty());
    assert!(f.grep_args(&["list"]).status.success());
    assert_eq!(f.segments().len(), 1);
    f.assert_same_as_scan();
}

/// Without a full-text index (an index made before it existed), grep scans;
/// the next load adds it.
#[test]
fn a_missing_full_text_index_is_built_by_the_next_load() {
    let f = Fixture::indexed();
    fs::remove_dir_all(f.index.path().join("fulltext")).expect("remove");
    f.assert_same_as_scan();
    assert!(f.grep_args(&["list"]).status.success());
    assert_eq!(f.segments().len(), 1);
}

/// A read-only index directory still answers, as the scan would. (Run as
/// `nobody` when the tests run as root, since root may write anywhere.)
#[cfg(unix)]
#[test]
fn a_read_only_full_text_index_still_answers() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let f = Fixture::indexed();
    let perm = |path: &Path, mode: u32| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod")
    };
    for s in f.segments() {
        perm(&s, 0o444);
    }
    perm(&f.index.path().join("fulltext"), 0o555);
    for e in fs::read_dir(f.index.path()).expect("dir") {
        let p = e.expect("entry").path();
        if p.is_file() {
            perm(&p, 0o444);
        }
    }
    for e in fs::read_dir(f.corpus.path()).expect("dir") {
        perm(&e.expect("entry").path(), 0o644);
    }
    perm(f.corpus.path(), 0o755);
    perm(f.index.path(), 0o555);
    // SAFETY: geteuid has no preconditions.
    let as_root = unsafe { libc::geteuid() } == 0;
    let bin = tempfile::tempdir().expect("tempdir");
    perm(bin.path(), 0o755);
    let exe = bin.path().join("dossier");
    fs::copy(env!("CARGO_BIN_EXE_dossier"), &exe).expect("copy the binary");
    for p in ["Conférence des Parties", "Vienne|xyzzy"] {
        let mut cmd = Command::new(&exe);
        if as_root {
            cmd.uid(65534).gid(65534).current_dir(bin.path());
        }
        let out = cmd
            .env("NO_COLOR", "1")
            .env_remove("DOSSIER_INDEX")
            .env("XDG_CONFIG_HOME", "/nonexistent-dossier-config")
            .args(["grep", p])
            .arg(f.corpus.path())
            .arg("--index")
            .arg(f.index.path())
            .output()
            .expect("runs");
        let scan = f.scan(p, &[]);
        assert_eq!(stdout(&out), stdout(&scan), "{p}");
        assert_eq!(stderr(&out), stderr(&scan), "{p}");
    }
    perm(f.index.path(), 0o755);
    perm(&f.index.path().join("fulltext"), 0o755);
}
