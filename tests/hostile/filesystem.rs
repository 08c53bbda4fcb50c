//! Binary files, empty files, unreadable paths, symlinks, FIFOs and devices:
//! each reported once with a reason, never opened when opening could block,
//! and the good file beside them still served.

use crate::common::{dir_with_good_file, dossier, dossier_at, ids, list, run, run_within};
use std::fs;
use std::path::Path;

#[test]
fn binary_files_are_skipped_with_a_reason() {
    let dir = dir_with_good_file();
    let p = dir.path();
    fs::write(p.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    fs::write(p.join("scan.txt"), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj").expect("write");
    fs::write(p.join("archive.md"), b"PK\x03\x04\x14\0\0\0").expect("write");
    fs::write(p.join("nul.txt"), b"text\0with a NUL byte").expect("write");
    let (docs, stderr) = list(p);
    assert_eq!(ids(&docs), ["good"]);
    for (name, why) in [
        ("image.txt", "PNG"),
        ("scan.txt", "PDF"),
        ("archive.md", "ZIP"),
        ("nul.txt", "NUL"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not reported: {stderr}"));
        assert!(line.contains("binary") && line.contains(why), "{line}");
    }
    assert_eq!(
        stderr.lines().filter(|l| l.contains("image.txt")).count(),
        1,
        "reported once"
    );
}

#[test]
fn empty_files_are_listed_as_empty() {
    let dir = dir_with_good_file();
    fs::write(dir.path().join("empty.txt"), "").expect("write");
    fs::write(dir.path().join("blank.md"), "\n\n  \n").expect("write");
    let (docs, stderr) = list(dir.path());
    assert_eq!(ids(&docs), ["blank", "empty", "good"], "{stderr}");
    let empty = docs
        .iter()
        .find(|d| d["id"] == "empty")
        .expect("empty listed");
    assert_eq!(empty["words"], 0);
    assert_eq!(empty["empty"], true);
    let shown = run(&["show", "empty", &dir.path().to_string_lossy()]);
    assert_eq!(shown.code, Some(0), "{}", shown.stderr);
}

#[test]
fn missing_paths_are_reported_and_the_rest_served() {
    let dir = dir_with_good_file();
    let missing = dir.path().join("nowhere");
    let r = run(&[
        "list",
        "--json",
        &dir.path().to_string_lossy(),
        &missing.to_string_lossy(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(ids(r.json().as_array().expect("array")), ["good"]);
    assert!(
        r.stderr.contains("nowhere") && r.stderr.contains("no such file"),
        "{}",
        r.stderr
    );
}

#[test]
fn nothing_readable_is_an_error_that_says_what_to_do() {
    let r = run(&["list", "/nonexistent/dossier/path"]);
    assert_ne!(r.code, Some(0));
    assert!(
        r.stderr.contains("/nonexistent/dossier/path"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links() {
    use std::os::unix::fs::symlink;
    let dir = dir_with_good_file();
    let p = dir.path();
    fs::create_dir(p.join("sub")).expect("mkdir");
    symlink(p, p.join("sub/loop")).expect("symlink");
    symlink(p.join("gone.txt"), p.join("dangling.txt")).expect("symlink");
    let (docs, stderr) = list(p);
    assert_eq!(ids(&docs), ["good"], "{stderr}");
    assert!(stderr.contains("loop"), "{stderr}");
    assert!(
        stderr.contains("dangling.txt") && stderr.contains("dangling"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_never_opened() {
    use std::os::unix::fs::symlink;
    let dir = dir_with_good_file();
    let p = dir.path();
    let fifo = p.join("pipe.txt");
    let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).expect("path");
    // SAFETY: mkfifo reads a valid NUL-terminated path and has no other effect.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
    symlink("/dev/zero", p.join("zero.txt")).expect("symlink");
    // Walked, and given explicitly: neither may block or read forever.
    let mut cmd = dossier();
    cmd.args(["list", "--json"])
        .arg(p)
        .arg(&fifo)
        .arg("/dev/zero");
    let r = run_within(cmd, 30);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(ids(r.json().as_array().expect("array")), ["good"]);
    assert!(
        r.stderr.contains("pipe.txt") && r.stderr.contains("FIFO"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("zero.txt") && r.stderr.contains("device"),
        "{}",
        r.stderr
    );
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = dir_with_good_file();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(
        dir.path().join(name),
        "Dans sa résolution 5/2, la Conférence.",
    )
    .expect("write");
    let (docs, stderr) = list(dir.path());
    assert_eq!(docs.len(), 2, "{stderr}");
    assert!(
        ids(&docs).iter().any(|id| id.starts_with("caf")),
        "{docs:?}"
    );
    let r = run(&[
        "refs",
        "--json",
        "--kind",
        "resolution",
        &dir.path().to_string_lossy(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.out().contains("resolution:5/2"));
}

/// Permission denied needs a user the kernel refuses: when the tests run as
/// root (as in CI), the binary is run as `nobody`.
#[cfg(unix)]
#[test]
fn unreadable_files_and_directories() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = dir_with_good_file();
    let p = dir.path();
    let perm = |path: &Path, mode| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod")
    };
    perm(p, 0o755);
    perm(&p.join("good.txt"), 0o644);
    fs::write(p.join("secret.txt"), "décision 1/1").expect("write");
    perm(&p.join("secret.txt"), 0o000);
    fs::create_dir(p.join("locked")).expect("mkdir");
    fs::write(p.join("locked/inside.txt"), "x").expect("write");
    perm(&p.join("locked"), 0o000);
    // SAFETY: geteuid has no preconditions.
    let as_root = unsafe { libc::geteuid() } == 0;
    // As root, run a copy of the binary that `nobody` can reach, wherever the
    // build directory is (CI may clone under a directory only root can enter).
    let bin = tempfile::tempdir().expect("tempdir");
    let mut cmd = if as_root {
        perm(bin.path(), 0o755);
        let exe = bin.path().join("dossier");
        fs::copy(env!("CARGO_BIN_EXE_dossier"), &exe).expect("copy the binary");
        perm(&exe, 0o755);
        let mut cmd = dossier_at(&exe);
        cmd.uid(65534).gid(65534).current_dir(bin.path());
        cmd
    } else {
        dossier()
    };
    cmd.args(["list", "--json"]).arg(p);
    let r = run_within(cmd, 30);
    perm(&p.join("locked"), 0o755);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(ids(r.json().as_array().expect("array")), ["good"]);
    assert!(
        r.stderr.contains("secret.txt") && r.stderr.contains("permission denied"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("locked") && r.stderr.contains("permission denied"),
        "{}",
        r.stderr
    );
}

/// A folder that cannot be listed deep in the tree is named, not the root
/// the walk started from (run as `nobody` when the tests run as root).
#[cfg(unix)]
#[test]
fn a_walk_error_names_the_folder_that_failed() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = dir_with_good_file();
    let p = dir.path();
    let perm = |path: &Path, mode| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod")
    };
    perm(p, 0o755);
    perm(&p.join("good.txt"), 0o644);
    let locked = p.join("d/inner/locked");
    fs::create_dir_all(&locked).expect("mkdir");
    fs::write(locked.join("x.txt"), "x").expect("write");
    fs::write(p.join("d/inner/ok.txt"), "décision 4/4").expect("write");
    perm(&p.join("d"), 0o755);
    perm(&p.join("d/inner"), 0o755);
    perm(&locked, 0o000);
    // SAFETY: geteuid has no preconditions.
    let as_root = unsafe { libc::geteuid() } == 0;
    let bin = tempfile::tempdir().expect("tempdir");
    let mut cmd = if as_root {
        perm(bin.path(), 0o755);
        let exe = bin.path().join("dossier");
        fs::copy(env!("CARGO_BIN_EXE_dossier"), &exe).expect("copy the binary");
        perm(&exe, 0o755);
        let mut cmd = dossier_at(&exe);
        cmd.uid(65534).gid(65534).current_dir(bin.path());
        cmd
    } else {
        dossier()
    };
    cmd.args(["list", "--json"]).arg(p.join("d"));
    let r = run_within(cmd, 30);
    perm(&locked, 0o755);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(ids(r.json().as_array().expect("array")), ["ok"]);
    let expected = format!("skipped {}: permission denied", locked.display());
    assert!(r.stderr.contains(&expected), "{}", r.stderr);
    assert_eq!(r.stderr.matches("skipped").count(), 1, "{}", r.stderr);
}

#[test]
fn files_that_vanish_between_the_walk_and_the_read() {
    let dir = dir_with_good_file();
    fs::write(dir.path().join("vanishing.txt"), "bientôt parti").expect("write");
    let (files, problems) = dossier::model::load::discover(&[dir.path().to_path_buf()]);
    assert_eq!((files.len(), problems.len()), (2, 0));
    fs::remove_file(dir.path().join("vanishing.txt")).expect("rm");
    let results: Vec<_> = files
        .iter()
        .map(|f| dossier::model::load::load_file(f))
        .collect();
    assert!(results[0].is_ok());
    let problem = results[1].as_ref().expect_err("vanished");
    assert_eq!(problem.reason, dossier::model::load::SkipReason::NotFound);
}
