//! `DOSSIER_BENCH_KEYS=FILE`: a log of the search bar's latency, for
//! `scripts/bench-keys`. Each line is a time on the system's monotonic clock
//! (`CLOCK_MONOTONIC`, nanoseconds: the clock a driver in another process
//! reads too), what happened, and the query: `key` when a key that changed
//! the query was read, `first` when the first frame showing results for it
//! was drawn, `complete` when the frame showing all of them was. Off (and
//! free) without the variable.

use crate::app::State;
use std::fs::File;
use std::io::{BufWriter, Write};

/// The log, when asked for.
pub(super) struct KeyLog {
    out: BufWriter<File>,
    /// The query typed when the last key was read.
    input: String,
    /// What was said of it: nothing, `first`, `complete`.
    said: u8,
}

impl KeyLog {
    /// The log `DOSSIER_BENCH_KEYS` names, if it names one that can be made.
    pub(super) fn from_env() -> Option<KeyLog> {
        let path = std::env::var_os("DOSSIER_BENCH_KEYS")?;
        Some(KeyLog {
            out: BufWriter::new(File::create(path).ok()?),
            input: String::new(),
            said: 2,
        })
    }

    /// After a key was handled: notes it when it changed the query.
    pub(super) fn key(&mut self, state: &State) {
        let Some(s) = state.search() else { return };
        if s.input != self.input {
            self.input.clone_from(&s.input);
            self.said = 0;
            self.line("key");
        }
    }

    /// After a frame was drawn: notes the first frame with the query's
    /// results and the first with all of them.
    pub(super) fn drawn(&mut self, state: &State) {
        let Some(s) = state.search() else { return };
        if self.said == 2 || s.input != self.input || s.query.raw() != s.input {
            return;
        }
        if self.said == 0 {
            self.said = 1;
            self.line("first");
        }
        if !s.pending {
            self.said = 2;
            self.line("complete");
        }
    }

    fn line(&mut self, what: &str) {
        let _ = writeln!(self.out, "{}\t{what}\t{}", monotonic_ns(), self.input);
        let _ = self.out.flush();
    }
}

/// Now on `CLOCK_MONOTONIC`, in nanoseconds.
fn monotonic_ns() -> u128 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut t) };
    t.tv_sec as u128 * 1_000_000_000 + t.tv_nsec as u128
}
