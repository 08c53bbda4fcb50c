//! The real binary in a pseudo-terminal, its screen read back with a
//! terminal emulator (vt100); every wait has a deadline. (A smaller copy of
//! the session of `tests/tui_pty.rs`, for the test binaries that share
//! `common`.)

#![allow(dead_code)]
#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// A running explorer.
pub struct Session {
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    size: (u16, u16),
    _home: tempfile::TempDir,
}

impl Session {
    /// Starts `dossier ARGS…` in a terminal of `cols`×`rows`, with `env`.
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
        thread::spawn(move || {
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
            writer,
            child,
            size: (cols, rows),
            _home: home,
        }
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        let rows = std::num::NonZero::new(self.size.1).unwrap();
        let cols = std::num::NonZero::new(self.size.0).unwrap();
        let mut p = vt100::Parser::new(rows, cols, 0);
        p.process(&self.raw.lock().unwrap());
        p.screen().contents()
    }

    /// Everything the explorer wrote.
    pub fn output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Types `bytes`, then gives the explorer up to 60 ms to draw (pacing,
    /// not a check).
    pub fn send(&mut self, bytes: &[u8]) {
        let before = self.raw.lock().unwrap().len();
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        let deadline = Instant::now() + Duration::from_millis(60);
        while Instant::now() < deadline && self.raw.lock().unwrap().len() == before {
            thread::sleep(Duration::from_millis(2));
        }
    }

    /// Waits until the screen satisfies `ok` (at most `wait`), or fails
    /// with the screen.
    pub fn wait_for(&self, what: &str, wait: Duration, ok: impl Fn(&str) -> bool) -> String {
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

    /// Waits for the explorer to exit (at most 10 s); its exit status.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the explorer did not exit; screen:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(50));
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
