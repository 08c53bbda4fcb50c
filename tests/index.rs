//! The persistent index, through the real binary: each test has a corpus in
//! a temporary directory and an index in another. What the index serves must
//! equal a fresh parse (`--no-index`) after every kind of change.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, SystemTime};

/// A corpus directory and an index directory.
struct Fixture {
    corpus: tempfile::TempDir,
    index: tempfile::TempDir,
}

impl Fixture {
    /// The five bundled documents, modified an hour ago.
    fn bundled() -> Fixture {
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
        f
    }

    fn path(&self, name: &str) -> PathBuf {
        self.corpus.path().join(name)
    }

    /// `dossier ARGS… CORPUS --index INDEX`, with `env`.
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = dossier();
        cmd.args(args)
            .arg(self.corpus.path())
            .arg("--index")
            .arg(self.index.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("dossier runs")
    }

    /// `dossier index CORPUS`: its summary line, checked to succeed quietly.
    fn index(&self, env: &[(&str, &str)]) -> String {
        let out = self.run(&["index"], env);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stderr(&out), "", "index said something on stderr");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The output of `dossier CMD --json` with the index.
    fn json(&self, cmd: &str) -> String {
        let out = self.run(&[cmd, "--json"], &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The output of `dossier CMD --json` read afresh.
    fn fresh(&self, cmd: &str) -> String {
        let out = dossier()
            .args([cmd, "--json", "--no-index"])
            .arg(self.corpus.path())
            .output()
            .expect("dossier runs");
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `list` and `refs` through the index equal a fresh parse.
    fn assert_same_as_fresh(&self) {
        for cmd in ["list", "refs"] {
            assert_eq!(
                self.json(cmd),
                self.fresh(cmd),
                "{cmd} differs from a fresh parse"
            );
        }
    }

    fn pack_files(&self) -> Vec<PathBuf> {
        let mut packs: Vec<PathBuf> = fs::read_dir(self.index.path())
            .expect("index dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "pack"))
            .collect();
        packs.sort();
        packs
    }
}

fn dossier() -> Command {
    common::index_command()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Sets the modification time of `path` an hour back, out of the window
/// where a stat cannot be trusted.
fn age(path: &Path) {
    let f = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open for times");
    f.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .expect("set mtime");
}

const FIRST: &str = "000_358551e6050c8439.txt";
const SECOND: &str = "001_273d8392d901bf09.txt";

/// Changes the text of the file at `path` (its letters in capitals) and
/// puts back its size and modification time: a change only reading the
/// file can see.
fn change_behind_the_stat(path: &Path) {
    let was = fs::metadata(path).expect("stat");
    let text = fs::read(path).expect("read");
    fs::write(path, text.to_ascii_uppercase()).expect("write");
    let f = fs::OpenOptions::new().write(true).open(path).expect("open");
    f.set_modified(was.modified().expect("mtime"))
        .expect("set mtime");
    assert_eq!(fs::metadata(path).expect("stat").len(), was.len());
}

/// The rows of `list --json`, by id.
fn rows_by_id(json: &str) -> std::collections::HashMap<String, serde_json::Value> {
    let rows: Vec<serde_json::Value> = serde_json::from_str(json).expect("JSON");
    rows.into_iter()
        .map(|r| (r["id"].as_str().expect("an id").to_string(), r))
        .collect()
}

#[test]
fn a_first_build_then_a_reopen_with_nothing_changed() {
    let f = Fixture::bundled();
    let first = f.index(&[]);
    assert!(
        first.starts_with("5 new, 0 changed, 0 removed, 0 unchanged in "),
        "{first}"
    );
    assert!(
        first.ends_with("(5 parsed, 0 reused by content)"),
        "{first}"
    );
    let again = f.index(&[]);
    assert!(
        again.starts_with("0 new, 0 changed, 0 removed, 5 unchanged in "),
        "{again}"
    );
    assert!(
        again.ends_with("(0 parsed, 0 reused by content)"),
        "{again}"
    );
    f.assert_same_as_fresh();
    // `show` of one document, whole.
    let show = |extra: &[&str]| {
        let out = dossier()
            .args(["show", "002", "--json"])
            .args(extra)
            .arg(f.corpus.path())
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let index = f.index.path().to_string_lossy().into_owned();
    assert_eq!(show(&["--index", &index]), show(&["--no-index"]));
}

#[test]
fn a_changed_file_is_read_again_and_only_it() {
    let f = Fixture::bundled();
    f.index(&[]);
    let path = f.path(FIRST);
    let mut text = fs::read_to_string(&path).expect("read");
    text.push_str("\nVoir la résolution 9/9 et le document CTOC/COP/2099/1.\n");
    fs::write(&path, text).expect("write");
    age(&path);
    let out = f.index(&[]);
    assert!(
        out.starts_with("0 new, 1 changed, 0 removed, 4 unchanged"),
        "{out}"
    );
    assert!(out.contains("(1 parsed"), "{out}");
    f.assert_same_as_fresh();
    assert!(f.json("refs").contains("CTOC/COP/2099/1"));
}

#[test]
fn a_file_modified_just_now_is_confirmed_by_its_content() {
    let f = Fixture::bundled();
    let path = f.path(FIRST);
    // Written now: its stat may not show a second write within the same tick.
    fs::write(&path, "Première version.\n").expect("write");
    f.index(&[]);
    fs::write(&path, "Deuxième version.\n").expect("write");
    let out = f.index(&[]);
    assert!(out.contains("1 changed"), "{out}");
    f.assert_same_as_fresh();
}

#[test]
fn a_new_file_is_added_and_a_deleted_one_forgotten() {
    let f = Fixture::bundled();
    f.index(&[]);
    let new = f.path("new.txt");
    fs::write(&new, "Dans sa décision 4/4, la Conférence a décidé.\n").expect("write");
    age(&new);
    let out = f.index(&[]);
    assert!(
        out.starts_with("1 new, 0 changed, 0 removed, 5 unchanged"),
        "{out}"
    );
    f.assert_same_as_fresh();
    fs::remove_file(f.path(FIRST)).expect("remove");
    let out = f.index(&[]);
    assert!(
        out.starts_with("0 new, 0 changed, 1 removed, 5 unchanged"),
        "{out}"
    );
    f.assert_same_as_fresh();
    assert!(!f.json("list").contains("000_358551e6050c8439"));
}

#[test]
fn a_renamed_or_touched_file_is_not_parsed_again() {
    let f = Fixture::bundled();
    f.index(&[]);
    fs::create_dir(f.path("moved")).expect("mkdir");
    let to = f.path("moved/renamed.txt");
    fs::rename(f.path(FIRST), &to).expect("rename");
    let out = f.index(&[]);
    assert!(
        out.starts_with("1 new, 0 changed, 1 removed, 4 unchanged"),
        "{out}"
    );
    assert!(out.ends_with("(0 parsed, 1 reused by content)"), "{out}");
    f.assert_same_as_fresh();
    assert!(f.json("list").contains("\"renamed\""));
    // Touched: a new time, the same bytes.
    let f2 = f.path("001_273d8392d901bf09.txt");
    fs::OpenOptions::new()
        .write(true)
        .open(&f2)
        .and_then(|h| h.set_modified(SystemTime::now() - Duration::from_secs(60)))
        .expect("touch");
    let out = f.index(&[]);
    assert!(
        out.starts_with("0 new, 0 changed, 0 removed, 5 unchanged"),
        "{out}"
    );
    assert!(out.contains("(0 parsed"), "{out}");
}

#[test]
fn another_parser_version_reads_everything_again() {
    let f = Fixture::bundled();
    let v1 = [("DOSSIER_INDEX_VERSION", "one")];
    let v2 = [("DOSSIER_INDEX_VERSION", "two")];
    assert!(f.index(&v1).contains("(5 parsed"));
    assert!(f.index(&v1).contains("(0 parsed"));
    let out = f.index(&v2);
    assert!(out.starts_with("5 new"), "{out}");
    assert!(out.contains("(5 parsed"), "{out}");
    assert!(f.index(&v2).contains("(0 parsed"));
    // The status names what made the index.
    let out = f.run(&["index", "--status"], &v2);
    let status = String::from_utf8_lossy(&out.stdout);
    assert!(status.contains("files:    5"), "{status}");
    assert!(status.contains("test:two"), "{status}");
}

#[test]
fn a_damaged_entry_is_said_in_one_line_and_rebuilt() {
    let f = Fixture::bundled();
    f.index(&[]);
    let packs = f.pack_files();
    assert_eq!(packs.len(), 1);
    let mut bytes = fs::read(&packs[0]).expect("read pack");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    fs::write(&packs[0], &bytes).expect("write pack");
    // `refs` reads every entry whole (heads and bodies).
    let out = f.run(&["refs", "--json"], &[]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("dossier: index: the entry for ") && err.contains("is damaged"),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), f.fresh("refs"));
    // Rebuilt: the next run says nothing and serves everything.
    let out = f.run(&["refs", "--json"], &[]);
    assert_eq!(stderr(&out), "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), f.fresh("refs"));
    let out = f.run(&["list", "--json"], &[]);
    assert_eq!(stderr(&out), "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), f.fresh("list"));
    assert!(f.index(&[]).contains("5 unchanged"));
}

/// The ids of the bundled documents, in corpus order.
const IDS: [&str; 5] = [
    "000_358551e6050c8439",
    "001_273d8392d901bf09",
    "002_e599bcc0f404912d",
    "003_eb1dc6666d540682",
    "004_f6ac27cd96abb112",
];

/// `dossier ARGS… --json CORPUS` through the index and read afresh.
fn both(f: &Fixture, args: &[&str]) -> (Output, Output) {
    let indexed = f.run(&[args, &["--json"]].concat(), &[]);
    let fresh = dossier()
        .args(args)
        .args(["--json", "--no-index"])
        .arg(f.corpus.path())
        .output()
        .expect("dossier runs");
    (indexed, fresh)
}

#[test]
fn heads_answer_list_show_backlinks_and_family_as_a_full_load() {
    let f = Fixture::bundled();
    // A resolution whose masthead names its draft, the draft, and another
    // resolution: a family known from the head alone.
    for pdf in ["A_80_L.21.pdf", "A_RES_80_174.pdf", "A_RES_79_48.pdf"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pdf")
            .join(pdf);
        let to = f.path(pdf);
        fs::copy(from, &to).expect("copy");
        age(&to);
    }
    f.index(&[]);
    // Every key cited, from a full load.
    let refs: serde_json::Value = serde_json::from_str(&f.fresh("refs")).expect("refs JSON");
    let mut keys: Vec<String> = refs
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|r| r["key"].as_str().map(str::to_string))
        .collect();
    keys.sort();
    keys.dedup();
    assert!(keys.len() > 10, "{keys:?}");
    let mut asked: Vec<Vec<&str>> = vec![vec!["list"]];
    for id in IDS
        .iter()
        .copied()
        .chain(["A/RES/80/174", "A/80/L.21", "A/RES/79/48"])
    {
        asked.push(vec!["show", id]);
        asked.push(vec!["family", id]);
    }
    for key in &keys {
        asked.push(vec!["backlinks", key]);
    }
    for args in &asked {
        let (indexed, fresh) = both(&f, args);
        // The same answer, the same messages (a document with no family
        // says so), the same exit status.
        assert_eq!(indexed.status.code(), fresh.status.code(), "{args:?}");
        assert_eq!(stderr(&indexed), stderr(&fresh), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&indexed.stdout),
            String::from_utf8_lossy(&fresh.stdout),
            "{args:?} through the heads differs from a fresh parse"
        );
    }
    let (family, _) = both(&f, &["family", "A/RES/80/174"]);
    let family = String::from_utf8_lossy(&family.stdout);
    assert!(family.contains("A/80/L.21"), "{family}");
}

#[test]
fn a_damaged_body_is_found_when_it_is_read_and_rebuilt() {
    let f = Fixture::bundled();
    f.index(&[]);
    let packs = f.pack_files();
    assert_eq!(packs.len(), 1);
    // The last byte of the pack is the end of the last record's body.
    let mut bytes = fs::read(&packs[0]).expect("read pack");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    fs::write(&packs[0], &bytes).expect("write pack");
    // Listing reads heads only: nothing to see, nothing wrong.
    let out = f.run(&["list", "--json"], &[]);
    assert_eq!(stderr(&out), "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), f.fresh("list"));
    // Showing each document reads its body: the damaged one is said once,
    // and shown as a fresh parse shows it.
    let mut damaged = 0;
    for id in IDS {
        let (indexed, fresh) = both(&f, &["show", id]);
        let err = stderr(&indexed);
        if !err.is_empty() {
            damaged += 1;
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.contains("is damaged"), "{err}");
        }
        assert_eq!(indexed.stdout, fresh.stdout, "show {id}");
    }
    assert_eq!(damaged, 1);
    // Rebuilt: every body is whole again.
    let out = f.run(&["refs", "--json"], &[]);
    assert_eq!(stderr(&out), "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), f.fresh("refs"));
}

#[test]
fn a_truncated_pack_or_manifest_is_detected_and_rebuilt() {
    let f = Fixture::bundled();
    f.index(&[]);
    let pack = f.pack_files().remove(0);
    let len = fs::metadata(&pack).expect("stat").len();
    fs::OpenOptions::new()
        .write(true)
        .open(&pack)
        .and_then(|h| h.set_len(len / 3))
        .expect("truncate");
    let out = f.run(&["list", "--json"], &[]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("truncated"), "{err}");
    assert!(
        err.lines().all(|l| l.starts_with("dossier: index: ")),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), f.fresh("list"));
    f.assert_same_as_fresh();
    // The manifest cut short.
    let manifest = f.index.path().join("manifest");
    let len = fs::metadata(&manifest).expect("stat").len();
    fs::OpenOptions::new()
        .write(true)
        .open(&manifest)
        .and_then(|h| h.set_len(len - 7))
        .expect("truncate");
    let out = f.run(&["list", "--json"], &[]);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("manifest") && err.contains("damaged"), "{err}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), f.fresh("list"));
    let again = f.index(&[]);
    assert!(again.contains("5 unchanged"), "{again}");
    // Garbage in place of the manifest.
    fs::write(&manifest, b"not a manifest at all").expect("write");
    f.assert_same_as_fresh();
    assert!(f.index(&[]).contains("5 unchanged"));
}

#[test]
fn concurrent_processes_never_corrupt_the_index() {
    let f = Fixture::bundled();
    // Each process adds files of its own besides the shared ones.
    for p in 0..4 {
        let dir = f.path(&format!("p{p}"));
        fs::create_dir(&dir).expect("mkdir");
        for i in 0..10 {
            let file = dir.join(format!("doc{i}.txt"));
            fs::write(
                &file,
                format!("Document {p}-{i}.\n\nDans sa décision {p}/{i}, la Conférence.\n"),
            )
            .expect("write");
            age(&file);
        }
    }
    let index = f.index.path().to_path_buf();
    for round in 0..2 {
        let children: Vec<_> = (0..4)
            .map(|p| {
                let mut cmd = dossier();
                cmd.args(["index", "--index"])
                    .arg(&index)
                    .arg(f.path(&format!("p{p}")))
                    .arg(f.path(FIRST))
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped());
                cmd.spawn().expect("spawn")
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().expect("wait");
            assert!(out.status.success(), "round {round}: {}", stderr(&out));
            assert_eq!(stderr(&out), "", "round {round}");
        }
    }
    // Everything every process added is there (the four bundled files
    // none of them was given are new), and serves a fresh parse.
    let out = f.index(&[]);
    assert!(
        out.starts_with("4 new, 0 changed, 0 removed, 41 unchanged"),
        "{out}"
    );
    f.assert_same_as_fresh();
}

#[test]
fn readers_meanwhile_a_writer_see_a_whole_index() {
    let f = Fixture::bundled();
    f.index(&[]);
    let expected = f.fresh("list");
    // A writer adding files in a loop while readers list.
    let dir = f.path("more");
    fs::create_dir(&dir).expect("mkdir");
    let index = f.index.path().to_path_buf();
    let writer = {
        let dir = dir.clone();
        let index = index.clone();
        std::thread::spawn(move || {
            for i in 0..6 {
                let file = dir.join(format!("w{i}.txt"));
                fs::write(&file, format!("Texte {i}.\n")).expect("write");
                let out = dossier()
                    .args(["index", "--index"])
                    .arg(&index)
                    .arg(&dir)
                    .output()
                    .expect("runs");
                assert!(out.status.success(), "{}", stderr(&out));
            }
        })
    };
    for _ in 0..6 {
        let out = dossier()
            .args(["list", "--json", "--index"])
            .arg(&index)
            .arg(f.path(FIRST))
            .arg(f.path("001_273d8392d901bf09.txt"))
            .output()
            .expect("runs");
        assert!(out.status.success());
        assert_eq!(stderr(&out), "");
        let listed = String::from_utf8_lossy(&out.stdout);
        assert!(listed.contains("000_358551e6050c8439") && listed.contains("001_273d8392d901bf09"));
    }
    writer.join().expect("writer");
    assert_eq!(f.json("list").len(), f.fresh("list").len());
    assert_ne!(expected, f.fresh("list"));
    f.assert_same_as_fresh();
}

#[test]
fn a_killed_indexing_leaves_a_usable_index() {
    let f = Fixture::bundled();
    // Enough files that indexing takes a while.
    let bundled: Vec<PathBuf> = fs::read_dir(f.corpus.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    for d in 0..40 {
        let dir = f.path(&format!("d{d:02}"));
        fs::create_dir(&dir).expect("mkdir");
        for (i, b) in bundled.iter().enumerate() {
            let to = dir.join(format!("c{i}.txt"));
            let mut text = fs::read_to_string(b).expect("read");
            text.push_str(&format!("\nCopie {d}.\n"));
            fs::write(&to, text).expect("write");
            age(&to);
        }
    }
    for delay in [50, 300, 900] {
        let mut child = dossier()
            .arg("index")
            .arg(f.corpus.path())
            .arg("--index")
            .arg(f.index.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let out = f.run(&["list", "--json"], &[]);
        assert!(out.status.success());
        assert_eq!(stderr(&out), "", "after a kill at {delay} ms");
    }
    f.assert_same_as_fresh();
    assert!(f.index(&[]).contains("205 unchanged"));
}

/// A read-only index directory still serves read-only commands: what it
/// holds is used, the rest is parsed, nothing is written. (Run as `nobody`
/// when the tests run as root, since root may write anywhere.)
#[cfg(unix)]
#[test]
fn a_read_only_index_serves_what_it_holds_and_writes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let f = Fixture::bundled();
    f.index(&[]);
    let new = f.path("new.txt");
    fs::write(&new, "Dans sa décision 4/4, la Conférence.\n").expect("write");
    age(&new);
    let perm = |path: &Path, mode| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod")
    };
    for p in [f.corpus.path(), f.index.path()] {
        perm(p, 0o755);
    }
    for e in fs::read_dir(f.index.path()).expect("dir") {
        perm(&e.expect("entry").path(), 0o444);
    }
    for e in fs::read_dir(f.corpus.path()).expect("dir") {
        perm(&e.expect("entry").path(), 0o644);
    }
    perm(f.index.path(), 0o555);
    let before: Vec<_> = fs::read_dir(f.index.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    // SAFETY: geteuid has no preconditions.
    let as_root = unsafe { libc::geteuid() } == 0;
    let bin = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str]| {
        let mut cmd = if as_root {
            perm(bin.path(), 0o755);
            let exe = bin.path().join("dossier");
            if !exe.exists() {
                fs::copy(env!("CARGO_BIN_EXE_dossier"), &exe).expect("copy the binary");
            }
            let mut cmd = Command::new(&exe);
            cmd.uid(65534).gid(65534).current_dir(bin.path());
            cmd
        } else {
            Command::new(env!("CARGO_BIN_EXE_dossier"))
        };
        cmd.env("NO_COLOR", "1")
            .env_remove("DOSSIER_INDEX")
            .env_remove("DOSSIER_INDEX_VERSION")
            .env("XDG_CONFIG_HOME", "/nonexistent-dossier-config")
            .args(args)
            .arg(f.corpus.path())
            .arg("--index")
            .arg(f.index.path())
            .output()
            .expect("runs")
    };
    for cmd in ["list", "refs"] {
        let out = run(&[cmd, "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stderr(&out), "", "{cmd}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), f.fresh(cmd), "{cmd}");
    }
    let status = run(&["index", "--status"]);
    let status_text = String::from_utf8_lossy(&status.stdout);
    assert!(status_text.contains("writable: no"), "{status_text}");
    // `index` itself says it could not store anything.
    let out = run(&["index"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    let after: Vec<_> = fs::read_dir(f.index.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    perm(f.index.path(), 0o755);
    assert_eq!(before, after, "the read-only index was written to");
}

#[test]
fn no_index_reads_afresh_and_writes_nothing() {
    let f = Fixture::bundled();
    let out = dossier()
        .args(["list", "--no-index"])
        .arg(f.corpus.path())
        .env("DOSSIER_INDEX", f.index.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(
        fs::read_dir(f.index.path()).expect("dir").count(),
        0,
        "--no-index wrote an index"
    );
    // DOSSIER_INDEX names the index when --index does not.
    let out = dossier()
        .args(["list"])
        .arg(f.corpus.path())
        .env("DOSSIER_INDEX", f.index.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(f.index.path().join("manifest").exists());
    // dossier never writes next to the documents.
    let names: Vec<_> = fs::read_dir(f.corpus.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.ends_with(".txt")), "{names:?}");
}

#[test]
fn pdfs_are_served_from_the_index_as_parsed() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    let f = Fixture {
        corpus: tempfile::tempdir().expect("tempdir"),
        index: tempfile::tempdir().expect("tempdir"),
    };
    let mut n = 0;
    for e in fs::read_dir(&fixtures).expect("fixtures") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "pdf") {
            let to = f.path(&p.file_name().expect("name").to_string_lossy());
            fs::copy(&p, &to).expect("copy");
            age(&to);
            n += 1;
        }
    }
    assert!(n > 0, "no PDF fixtures");
    // A broken PDF: its reason to be skipped is remembered too.
    let broken = f.path("broken.pdf");
    fs::write(&broken, b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage").expect("write");
    age(&broken);
    let fresh = dossier()
        .args(["list", "--json", "--no-index"])
        .arg(f.corpus.path())
        .output()
        .expect("runs");
    assert!(stderr(&fresh).contains("broken.pdf"), "{}", stderr(&fresh));
    for round in ["building", "built"] {
        let out = f.run(&["list", "--json"], &[]);
        assert_eq!(out.stdout, fresh.stdout, "{round}");
        assert_eq!(stderr(&out), stderr(&fresh), "{round}");
    }
    let out = f.run(&["index"], &[]);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains(&format!("{} unchanged", n + 1)),
        "{summary}"
    );
    assert!(summary.contains("(0 parsed"), "{summary}");
    f.assert_same_as_fresh();
}

#[test]
fn grep_over_text_files_leaves_the_index_alone() {
    let f = Fixture::bundled();
    let out = f.run(&["grep", "décision"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fs::read_dir(f.index.path()).expect("dir").count(),
        0,
        "grep opened the index for text files"
    );
    // A PDF among them: its text comes from the index, extracted once.
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/A_RES_80_174.pdf");
    fs::copy(&pdf, f.path("A_RES_80_174.pdf")).expect("copy");
    let out = f.run(&["grep", "Assembly"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.index.path().join("manifest").exists());
    let again = f.run(&["grep", "Assembly"], &[]);
    assert_eq!(again.stdout, out.stdout);
}

impl Fixture {
    /// The list snapshots the index holds.
    fn snapshots(&self) -> Vec<PathBuf> {
        match fs::read_dir(self.index.path().join("snapshots")) {
            Ok(list) => list.map(|e| e.expect("entry").path()).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// `dossier list` (human form) read afresh.
    fn fresh_table(&self) -> String {
        let out = dossier()
            .args(["list", "--no-index"])
            .arg(self.corpus.path())
            .output()
            .expect("dossier runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

#[test]
fn an_unchanged_corpus_is_listed_from_its_snapshot_without_its_records() {
    let f = Fixture::bundled();
    f.index(&[]);
    let fresh = f.fresh("list");
    let fresh_table = f.fresh_table();
    assert!(f.snapshots().is_empty(), "`index` lists nothing");
    assert_eq!(f.json("list"), fresh);
    assert_eq!(f.snapshots().len(), 1, "the first list keeps its snapshot");
    // With every record gone and a file's text changed behind the stat's
    // back, an unchanged corpus is still listed as kept, and nothing is
    // said: neither the records nor the files were read.
    for pack in f.pack_files() {
        fs::remove_file(pack).expect("remove a pack");
    }
    change_behind_the_stat(&f.path(SECOND));
    let out = f.run(&["list", "--json"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), fresh);
    assert_ne!(
        f.fresh("list"),
        fresh,
        "the change shows when the file is read"
    );
    let table = f.run(&["list"], &[]);
    assert_eq!(String::from_utf8_lossy(&table.stdout), fresh_table);
    let pretty = f.run(&["list", "--pretty"], &[]);
    let back: serde_json::Value = serde_json::from_slice(&pretty.stdout).expect("pretty JSON");
    let whole: serde_json::Value = serde_json::from_str(&fresh).expect("JSON");
    assert_eq!(back, whole);
}

#[test]
fn a_changed_renamed_or_deleted_file_is_never_listed_from_an_old_snapshot() {
    let f = Fixture::bundled();
    f.index(&[]);
    f.json("list");
    let first = f.path(FIRST);
    let mut text = fs::read_to_string(&first).expect("read");
    text.push_str("\nUne ligne de plus, et quelques mots.\n");
    fs::write(&first, text).expect("write");
    age(&first);
    // Twice each: once read, once from the snapshot made of it.
    for _ in 0..2 {
        assert_eq!(f.json("list"), f.fresh("list"), "after a change");
    }
    let renamed = f.path("zzz_renamed.txt");
    fs::rename(&first, &renamed).expect("rename");
    for _ in 0..2 {
        assert_eq!(f.json("list"), f.fresh("list"), "after a rename");
    }
    fs::remove_file(&renamed).expect("delete");
    for _ in 0..2 {
        assert_eq!(f.json("list"), f.fresh("list"), "after a deletion");
    }
    // A subset of the corpus is another list, in its own slot.
    let one = dossier()
        .args(["list", "--json"])
        .arg(f.path(FIRST).with_file_name("001_273d8392d901bf09.txt"))
        .arg("--index")
        .arg(f.index.path())
        .output()
        .expect("runs");
    assert!(one.status.success(), "{}", stderr(&one));
    let rows: serde_json::Value = serde_json::from_slice(&one.stdout).expect("JSON");
    assert_eq!(
        rows.as_array().map(Vec::len),
        Some(1),
        "a snapshot of other files was served"
    );
}

#[test]
fn a_damaged_snapshot_is_not_used_and_made_again() {
    let f = Fixture::bundled();
    f.index(&[]);
    let fresh = f.fresh("list");
    f.json("list");
    let [snapshot] = f.snapshots().try_into().expect("one snapshot");
    let whole = fs::read(&snapshot).expect("read");
    let mut flipped = whole.clone();
    flipped[whole.len() / 2] ^= 0x20;
    for damaged in [whole[..whole.len() / 2].to_vec(), flipped, Vec::new()] {
        fs::write(&snapshot, damaged).expect("damage");
        let out = f.run(&["list", "--json"], &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(
            stderr(&out),
            "",
            "a snapshot is a cache: its damage is not news"
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), fresh);
        assert_eq!(fs::read(&snapshot).expect("read"), whole, "made again");
    }
}

#[test]
fn what_was_said_of_the_files_is_said_again_from_the_snapshot() {
    let f = Fixture::bundled();
    let binary = f.path("binary.txt");
    fs::write(&binary, b"\x00\x01\x02 not a text \x00\xff\xfe".repeat(64)).expect("write");
    age(&binary);
    f.run(&["index"], &[]);
    let read = f.run(&["list", "--json"], &[]);
    assert_eq!(f.snapshots().len(), 1);
    let kept = f.run(&["list", "--json"], &[]);
    assert!(stderr(&read).contains("skipped"), "{}", stderr(&read));
    assert_eq!(stderr(&kept), stderr(&read));
    assert_eq!(kept.stdout, read.stdout);
}

#[test]
fn a_few_files_changed_in_their_counts_only_are_mended_into_the_kept_list() {
    let f = Fixture::bundled();
    f.index(&[]);
    f.json("list");
    let before = rows_by_id(&f.json("list"));
    // Unchanged files are not read again: with every record gone and a
    // file's text changed behind the stat's back, only the changed file is
    // read, and nothing is said.
    for pack in f.pack_files() {
        fs::remove_file(pack).expect("remove a pack");
    }
    change_behind_the_stat(&f.path(SECOND));
    let first = f.path(FIRST);
    let mut text = fs::read_to_string(&first).expect("read");
    text.push_str("\nQuelques mots de plus, sans rien changer au reste.\n");
    fs::write(&first, &text).expect("write");
    age(&first);
    let out = f.run(&["list", "--json"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "a record was read");
    let mended = rows_by_id(&String::from_utf8_lossy(&out.stdout));
    let fresh = rows_by_id(&f.fresh("list"));
    let id = |name: &str| name.trim_end_matches(".txt").to_string();
    assert_eq!(
        mended[&id(FIRST)],
        fresh[&id(FIRST)],
        "the changed file's row"
    );
    assert_ne!(mended[&id(FIRST)], before[&id(FIRST)]);
    assert_eq!(mended[&id(SECOND)], before[&id(SECOND)], "a file not read");
    assert_ne!(fresh[&id(SECOND)], before[&id(SECOND)]);
    // Its stat changed at last: read, and right.
    age(&f.path(SECOND));
    assert_eq!(f.json("list"), f.fresh("list"));
    // Modified just now (to be confirmed next time): mended, as right.
    text.push_str("Et encore.\n");
    fs::write(&first, &text).expect("write");
    for _ in 0..2 {
        assert_eq!(f.json("list"), f.fresh("list"), "modified just now");
    }
}

#[test]
fn a_file_placed_otherwise_is_not_mended_but_read_with_the_rest() {
    let f = Fixture::bundled();
    f.index(&[]);
    f.json("list");
    // Its first line is its title: another title, another list.
    let first = f.path(FIRST);
    let text = fs::read_to_string(&first).expect("read");
    fs::write(&first, format!("Un tout autre titre\n\n{text}")).expect("write");
    age(&first);
    for _ in 0..2 {
        assert_eq!(f.json("list"), f.fresh("list"));
    }
    // A symbol appears: the file joins (or starts) a family.
    fs::write(&first, format!("CTOC/COP/2099/99\n\n{text}")).expect("write");
    age(&first);
    for _ in 0..2 {
        assert_eq!(f.json("list"), f.fresh("list"));
    }
}
