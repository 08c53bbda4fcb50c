//! Helpers shared by the integration tests that run the binary.

#![allow(dead_code)]

pub mod pg;

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

/// Runs `dossier ARGS…` (with `NO_COLOR` set, output not a terminal).
pub fn dossier(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("DOSSIER_ARCHIVE")
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
