//! Running the real binary with a deadline, and building test trees.

use serde_json::Value;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a run of the binary produced.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    /// Standard output as text.
    pub fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Standard output parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}): {}\nstderr: {}",
                self.out(),
                self.stderr
            )
        })
    }
}

/// The dossier command, with a clean environment for colours and config.
pub fn dossier() -> Command {
    dossier_at(Path::new(env!("CARGO_BIN_EXE_dossier")))
}

/// The dossier command run from the binary at `exe` (a copy, for runs as
/// another user), with the same environment as [`dossier`].
pub fn dossier_at(exe: &Path) -> Command {
    let mut cmd = Command::new(exe);
    cmd.env("NO_COLOR", "1")
        .env_remove("DOSSIER_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-dossier-config")
        // The index in the build directory, not in the user's cache.
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .env_remove("DOSSIER_INDEX")
        .stdin(Stdio::null());
    cmd
}

/// Runs `cmd`, killing it and failing the test when it outlives `secs`.
pub fn run_within(mut cmd: Command, secs: u64) -> Run {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary starts");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err.read_to_end(&mut buf);
        buf
    });
    let deadline = Instant::now() + Duration::from_secs(secs);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dossier did not finish within {secs} s: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code(),
        stdout: out_reader.join().expect("stdout reader"),
        stderr: String::from_utf8_lossy(&err_reader.join().expect("stderr reader")).into_owned(),
    }
}

/// `dossier ARGS` within 60 s.
pub fn run(args: &[&str]) -> Run {
    let mut cmd = dossier();
    cmd.args(args);
    run_within(cmd, 60)
}

/// `dossier list --json DIR`, checked to succeed, as (id → document JSON).
pub fn list(dir: &Path) -> (Vec<Value>, String) {
    let r = run(&["list", "--json", &dir.to_string_lossy()]);
    assert_eq!(r.code, Some(0), "list failed: {}", r.stderr);
    let docs = r.json().as_array().cloned().expect("a JSON array");
    (docs, r.stderr)
}

/// The ids in a `list --json` answer.
pub fn ids(docs: &[Value]) -> Vec<String> {
    docs.iter()
        .map(|d| d["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// A good document to place beside the bad ones: its decision must still be served.
pub const GOOD: &str = "Conférence des Parties\n\nDistr. générale\n21 juin 2012\nFrançais\nOriginal: anglais\n\nSixième session\n\nDans sa décision 4/4, la Conférence a décidé.\n";

/// A fresh temporary directory holding `good.txt`.
pub fn dir_with_good_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("good.txt"), GOOD).expect("write");
    dir
}
