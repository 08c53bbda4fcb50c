//! Helpers shared by the integration tests that run the binary.

#![allow(dead_code)]

pub mod pg;
pub mod pty;

use std::process::Command;

/// What a run of the binary gave: exit code, stdout, stderr.
pub struct Run {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// The binary as the index's tests run it: no colour, no user
/// configuration, no index named by the environment, no test version key,
/// nothing on stdin.
pub fn index_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.env("NO_COLOR", "1")
        .env_remove("DOSSIER_CONFIG")
        .env_remove("DOSSIER_INDEX")
        .env_remove("DOSSIER_INDEX_VERSION")
        .env("XDG_CONFIG_HOME", "/nonexistent-dossier-config")
        .stdin(std::process::Stdio::null());
    cmd
}

/// Runs `dossier ARGS…` (with `NO_COLOR` set, no user configuration,
/// output not a terminal).
#[allow(dead_code)] // each test binary uses its own share of these helpers
pub fn dossier(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent-dossier-config")
        // The index in the build directory, not in the user's cache.
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .env_remove("DOSSIER_INDEX")
        .env_remove("DOSSIER_ARCHIVE")
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `dossier ARGS…`: (succeeded, stdout, stderr).
#[allow(dead_code)]
pub fn outcome(args: &[&str]) -> (bool, String, String) {
    let r = dossier(args);
    (r.code == 0, r.stdout, r.stderr)
}

/// Runs `dossier ARGS…`: (exit code, stdout, stderr).
#[allow(dead_code)]
pub fn coded(args: &[&str]) -> (i32, String, String) {
    let r = dossier(args);
    (r.code, r.stdout, r.stderr)
}
