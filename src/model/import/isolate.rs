//! Extraction in a child process: the `dossier` binary runs itself with a
//! hidden first argument ([`CHILD_ARG`]), hands it the file's bytes on
//! standard input and reads one line of JSON back. The child lowers its own
//! priority and sets its own limits: CPU time and address space. The time
//! limit is CPU time, so a loaded machine does not make a good file time out;
//! the parent also kills a child still running at [`WALL_FACTOR`] times the
//! limit in wall-clock time. So a reader that panics, aborts, loops or eats
//! memory costs one file, never the explorer or the rest of the corpus.
//!
//! Limits: `DOSSIER_EXTRACT_TIMEOUT` (seconds of CPU time, default 30) and
//! `DOSSIER_EXTRACT_MEMORY` (MiB, default 2048) in the parent's environment.

use super::{Format, ImportError, extract_here};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The first argument that makes the binary an extraction child.
pub const CHILD_ARG: &str = "__extract-document";

/// Default CPU-time limit per file, in seconds.
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;
/// A child still running after this many times its CPU-time limit, in
/// wall-clock time, is killed (blocked, or starved by the machine's load).
pub const WALL_FACTOR: u32 = 10;
/// Default address-space limit of the child, in MiB.
pub const DEFAULT_MEMORY_MIB: u64 = 2048;
/// At most this much of the child's standard error is kept, for the reason.
const STDERR_KEEP: u64 = 4096;

/// How to run extraction children.
#[derive(Debug, Clone)]
pub struct Helper {
    /// The executable that understands [`CHILD_ARG`].
    pub exe: PathBuf,
    /// CPU-time limit per file (whole seconds count).
    pub timeout: Duration,
    /// Address-space limit of a child, in MiB.
    pub memory_mib: u64,
}

static HELPER: OnceLock<Helper> = OnceLock::new();

/// Makes [`super::extract`] run every extraction in a child process of
/// `exe`, with the limits from the environment. Only the first call counts.
pub fn enable(exe: PathBuf) {
    let env_u64 = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|&v| v > 0)
    };
    let _ = HELPER.set(Helper {
        exe,
        timeout: Duration::from_secs(
            env_u64("DOSSIER_EXTRACT_TIMEOUT").unwrap_or(DEFAULT_TIMEOUT_SECS),
        ),
        memory_mib: env_u64("DOSSIER_EXTRACT_MEMORY").unwrap_or(DEFAULT_MEMORY_MIB),
    });
}

/// The helper set by [`enable`], if any.
pub fn helper() -> Option<&'static Helper> {
    HELPER.get()
}

impl Helper {
    /// Extracts `bytes` as `format` in a child process.
    pub fn extract(&self, format: Format, bytes: &[u8]) -> Result<String, ImportError> {
        let format_arg = serde_json::to_string(&format).unwrap_or_default();
        let mut child = Command::new(&self.exe)
            .arg(CHILD_ARG)
            .arg(format_arg.trim_matches('"'))
            .arg(self.timeout.as_secs().to_string())
            .arg(self.memory_mib.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                ImportError::Process(format!("cannot start {}: {e}", self.exe.display()))
            })?;
        let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(ImportError::Process("no pipes to the child".into()));
        };
        let answer = std::thread::scope(|s| {
            // A child that dies early closes its end: the write error is moot.
            s.spawn(move || {
                let _ = stdin.write_all(bytes);
            });
            let out = s.spawn(move || {
                let mut buf = Vec::new();
                let _ = stdout.read_to_end(&mut buf);
                buf
            });
            let err = s.spawn(move || {
                let mut buf = Vec::new();
                let _ = (&mut stderr).take(STDERR_KEEP).read_to_end(&mut buf);
                // The rest is drained, so that the child never blocks on it.
                let _ = std::io::copy(&mut stderr, &mut std::io::sink());
                String::from_utf8_lossy(&buf).into_owned()
            });
            let status = self.wait(&mut child);
            let out = out.join().unwrap_or_default();
            let err = err.join().unwrap_or_default();
            (status, out, err)
        });
        match answer {
            (Waited::TimedOut, _, _) => Err(ImportError::TimedOut(self.timeout.as_secs())),
            (Waited::Failed(e), _, _) => Err(ImportError::Process(e)),
            (Waited::Exited(status), out, err) => self.interpret(format, status, &out, &err),
        }
    }

    /// Waits for `child`, killing it at the wall-clock backstop.
    fn wait(&self, child: &mut std::process::Child) -> Waited {
        let deadline = Instant::now() + self.timeout * WALL_FACTOR;
        let mut pause = Duration::from_millis(1);
        loop {
            match child.try_wait() {
                Ok(Some(status)) => return Waited::Exited(status),
                Ok(None) => {}
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Waited::Failed(e.to_string());
                }
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                let _ = child.wait();
                return Waited::TimedOut;
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(25));
        }
    }

    /// The child's answer, or why there is none.
    fn interpret(
        &self,
        format: Format,
        status: std::process::ExitStatus,
        out: &[u8],
        err: &str,
    ) -> Result<String, ImportError> {
        if status.success() {
            // The answer is the last line: a library printing to stdout
            // before it must not spoil it.
            let last = out
                .split(|&b| b == b'\n')
                .rfind(|l| !l.is_empty())
                .unwrap_or_default();
            return serde_json::from_slice::<Result<String, ImportError>>(last)
                .unwrap_or_else(|e| Err(ImportError::Process(format!("unreadable answer: {e}"))));
        }
        if err.contains("memory allocation of") {
            return Err(ImportError::OutOfMemory(self.memory_mib));
        }
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            if status.signal() == Some(libc::SIGXCPU) {
                return Err(ImportError::TimedOut(self.timeout.as_secs()));
            }
        }
        if err.contains("has overflowed its stack") {
            return Err(ImportError::Failed(
                format,
                "stack overflow (objects nested without end)".into(),
            ));
        }
        let first = err.lines().map(str::trim).find(|l| !l.is_empty());
        Err(ImportError::Failed(
            format,
            first.map_or_else(|| format!("the reader died ({status})"), str::to_string),
        ))
    }
}

/// How a wait for a child ended.
enum Waited {
    Exited(std::process::ExitStatus),
    TimedOut,
    Failed(String),
}

/// When the process was started as an extraction child, does the child's
/// work and returns its exit code; `None` otherwise. Call first in `main`.
pub fn child_main_if_asked() -> Option<ExitCode> {
    let mut args = std::env::args_os().skip(1);
    if args.next()? != CHILD_ARG {
        return None;
    }
    let rest: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    let format = rest
        .first()
        .and_then(|f| serde_json::from_str::<Format>(&format!("\"{f}\"")).ok());
    let number = |i: usize, default: u64| {
        rest.get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(default)
    };
    let Some(format) = format else {
        eprintln!("dossier {CHILD_ARG}: expected FORMAT (pdf, docx, odt) TIMEOUT MEMORY");
        return Some(ExitCode::from(2));
    };
    limit_self(
        number(1, DEFAULT_TIMEOUT_SECS),
        number(2, DEFAULT_MEMORY_MIB),
    );
    // Panics are caught and answered; the default hook would only add noise.
    std::panic::set_hook(Box::new(|_| {}));
    let mut bytes = Vec::new();
    let answer = match std::io::stdin().lock().read_to_end(&mut bytes) {
        Ok(_) => extract_here(format, &bytes),
        Err(e) => Err(ImportError::Process(format!("reading standard input: {e}"))),
    };
    let line = serde_json::to_string(&answer).unwrap_or_default();
    let mut stdout = std::io::stdout().lock();
    let written = writeln!(stdout, "{line}").and_then(|()| stdout.flush());
    Some(if written.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Lowers the child's priority (the explorer stays responsive) and bounds
/// its CPU time and address space.
fn limit_self(timeout_secs: u64, memory_mib: u64) {
    #[cfg(unix)]
    {
        let set_limits = |resource, soft: u64, hard: u64| {
            let limit = libc::rlimit {
                rlim_cur: soft as libc::rlim_t,
                rlim_max: hard as libc::rlim_t,
            };
            // SAFETY: setrlimit reads the struct passed by reference and
            // only changes this process's limits.
            unsafe { libc::setrlimit(resource, &limit) };
        };
        // SIGXCPU at the limit ends the child; SIGKILL a second later if
        // it was caught.
        set_limits(
            libc::RLIMIT_CPU,
            timeout_secs,
            timeout_secs.saturating_add(1),
        );
        let bytes = memory_mib.saturating_mul(1024 * 1024);
        set_limits(libc::RLIMIT_AS, bytes, bytes);
        // A child that dies of a signal leaves no core file behind.
        set_limits(libc::RLIMIT_CORE, 0, 0);
        // SAFETY: nice only changes this process's scheduling priority.
        unsafe { libc::nice(5) };
    }
    #[cfg(not(unix))]
    let _ = (timeout_secs, memory_mib);
}
