//! The real binary in a pseudo-terminal, its screen read back with a
//! terminal emulator (vt100); every wait has a deadline, so a hang fails
//! the test instead of blocking CI.

#![allow(dead_code)]
#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long a wait lasts unless told otherwise.
pub const WAIT: Duration = Duration::from_secs(10);

/// The environment that leaves colours on (`NO_COLOR` set but empty, which
/// the convention and dossier read as unset).
pub const COLOUR: &[(&str, &str)] = &[("NO_COLOR", "")];

/// A running explorer.
pub struct Session {
    raw: Arc<Mutex<Vec<u8>>>,
    /// The thread copying the terminal's output into `raw`; it ends at EOF,
    /// once the explorer has exited and its side of the terminal is closed.
    reader: Option<thread::JoinHandle<()>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    size: (u16, u16),
    _home: tempfile::TempDir,
}

impl Session {
    /// Starts `dossier ARGS…` in a terminal of `cols`×`rows`, in a home of
    /// its own, with `NO_COLOR=1` and then `env`.
    pub fn start(cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Session {
        let home = tempfile::tempdir().unwrap();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home.path());
        cmd.env("XDG_CONFIG_HOME", home.path());
        cmd.env("NO_COLOR", "1");
        cmd.env_remove("DOSSIER_CONFIG");
        cmd.env_remove("DOSSIER_ARCHIVE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&raw);
        let reader = thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.lock().unwrap().extend_from_slice(&buf[..n]),
                }
            }
        });
        Session {
            raw,
            reader: Some(reader),
            writer,
            child,
            size: (cols, rows),
            _home: home,
        }
    }

    /// The terminal as the explorer has drawn it so far.
    pub fn parser(&self) -> vt100::Parser {
        let rows = std::num::NonZero::new(self.size.1).unwrap();
        let cols = std::num::NonZero::new(self.size.0).unwrap();
        let mut p = vt100::Parser::new(rows, cols, 0);
        p.process(&self.raw.lock().unwrap());
        p
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.parser().screen().contents()
    }

    /// Everything the explorer wrote.
    pub fn output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// The explorer's process id (to send it signals).
    pub fn pid(&self) -> i32 {
        let pid = self.child.process_id().expect("pid");
        i32::try_from(pid).expect("a pid fits an i32")
    }

    /// How many bytes the explorer has written.
    pub fn output_len(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    /// Types `bytes`. Pacing, not a check: keys written back to back can
    /// reach the explorer in one read (a lone Esc followed by a key would
    /// parse as Alt-key). Once it has drawn in answer, it has taken the
    /// key; keys that draw nothing get at most 60 ms. Every check waits for
    /// its own condition ([`Session::wait_for`], [`Session::wait_exit`]).
    pub fn send(&mut self, bytes: &[u8]) {
        let before = self.output_len();
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        let deadline = Instant::now() + Duration::from_millis(60);
        while Instant::now() < deadline && self.output_len() == before {
            thread::sleep(Duration::from_millis(2));
        }
    }

    /// Waits until the screen satisfies `ok` (at most [`WAIT`]), or fails
    /// with the screen.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_for_within(what, WAIT, ok)
    }

    /// Like [`Session::wait_for`], at most `wait`.
    pub fn wait_for_within(&self, what: &str, wait: Duration, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + wait;
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{s}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    /// Waits for the explorer to exit, then for the last of its output (the
    /// reader thread's end of file), so the output and the screen are
    /// complete; its exit status.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.drain(deadline);
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the explorer did not exit; screen:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Joins the reader thread once it reaches the end of the output.
    fn drain(&mut self, deadline: Instant) {
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) {
            assert!(
                Instant::now() < deadline,
                "the terminal's output did not end after the explorer exited"
            );
            thread::sleep(Duration::from_millis(10));
        }
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
        }
    }
}
