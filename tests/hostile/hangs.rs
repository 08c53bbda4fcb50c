//! Nothing hangs: a "diamond" of symbolic links, links into /proc and /sys,
//! thousands of symbols on one line, a pasted page as a query or a pattern,
//! a config file that is a FIFO or a device. Each runs within a deadline.

use crate::common::{dir_with_good_file, dossier, ids, run, run_within};
use std::fs;

#[cfg(unix)]
#[test]
fn a_diamond_of_symbolic_links_is_walked_once() {
    let dir = dir_with_good_file();
    let levels = 24; // 2^24 paths: hours when each path is walked
    for i in 0..=levels {
        let level = dir.path().join(format!("l{i}"));
        fs::create_dir(&level).expect("mkdir");
        if i > 0 {
            let up = dir.path().join(format!("l{}", i - 1));
            std::os::unix::fs::symlink(&level, up.join("a")).expect("symlink");
            std::os::unix::fs::symlink(&level, up.join("b")).expect("symlink");
        }
    }
    fs::write(
        dir.path().join(format!("l{levels}/deep.txt")),
        "décision 4/4",
    )
    .expect("write");
    let mut cmd = dossier();
    cmd.args(["list", "--json"]).arg(dir.path());
    let r = run_within(cmd, 60);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(ids(r.json().as_array().expect("array")), ["good", "deep"]);
}

#[cfg(target_os = "linux")]
#[test]
fn links_into_proc_sys_and_dev_are_not_followed() {
    let dir = dir_with_good_file();
    for target in ["/proc", "/sys", "/dev", "/proc/self"] {
        let name = target.trim_start_matches('/').replace('/', "-");
        std::os::unix::fs::symlink(target, dir.path().join(name)).expect("symlink");
    }
    let mut cmd = dossier();
    cmd.args(["list", "--json"]).arg(dir.path());
    let r = run_within(cmd, 60);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(ids(r.json().as_array().expect("array")), ["good"]);
}

#[test]
fn thousands_of_symbols_on_one_line_take_linear_time() {
    let dir = dir_with_good_file();
    // A space before a capital may continue a symbol (`35/142 B`), so each
    // search once ran to the end of the line: 2 minutes for 80 000.
    let line: String = (0..80_000).map(|i| format!("CTOC/COP/{i} ")).collect();
    fs::write(dir.path().join("many.txt"), format!("{line}\n")).expect("write");
    let mut cmd = dossier();
    cmd.args(["backlinks", "--json", "CTOC/COP/79999"])
        .arg(dir.path());
    let r = run_within(cmd, 60);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.json()["citations"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_page_long_query_or_pattern_is_refused_with_a_reason() {
    let dir = dir_with_good_file();
    let p = dir.path().to_string_lossy().into_owned();
    let query = "décision ".repeat(10_000); // as many as one argument may hold
    let r = run(&["find", &query, &p]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("the limit is"), "{}", r.stderr);
    let pattern = "x".repeat(10_000);
    let r = run(&["grep", &pattern, &p]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("the limit is"), "{}", r.stderr);
}

#[test]
fn the_longest_pattern_allowed_on_a_long_line_is_quick() {
    let dir = dir_with_good_file();
    fs::write(dir.path().join("long.txt"), "décision ".repeat(120_000)).expect("write");
    let pattern = "décision ".repeat(110); // 990 characters
    let mut cmd = dossier();
    cmd.args(["grep", "--json", &pattern]).arg(dir.path());
    let r = run_within(cmd, 60);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.json().as_array().map(Vec::len), Some(1));
}

#[cfg(unix)]
#[test]
fn a_config_that_is_no_regular_file_is_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("fifo");
    let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).expect("path");
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let fifo = fifo.to_string_lossy().into_owned();
    for config in [fifo.as_str(), "/dev/zero", "/dev/stdin"] {
        let mut cmd = dossier();
        cmd.env("DOSSIER_CONFIG", config).arg("--bench-startup");
        let r = run_within(cmd, 60);
        assert_eq!(r.code, Some(0), "{config}: {}", r.stderr);
    }
}
