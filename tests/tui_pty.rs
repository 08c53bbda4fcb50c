//! End to end: the real binary in a pseudo-terminal, driven by keystrokes,
//! its screen read back with a terminal emulator (vt100). Every wait has a
//! deadline so a hang fails the test instead of blocking CI.

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

mod common;

use common::pty::{COLOUR, Session, WAIT};
use std::thread;
use std::time::{Duration, Instant};

/// `dossier` in a terminal of `cols`×`rows`, colours on, with `env` and
/// `paths`.
fn explorer(cols: u16, rows: u16, env: &[(&str, &str)], paths: &[&std::path::Path]) -> Session {
    let args: Vec<&str> = paths.iter().map(|p| p.to_str().unwrap()).collect();
    let env: Vec<(&str, &str)> = COLOUR.iter().chain(env).copied().collect();
    Session::start(cols, rows, &args, &env)
}

#[test]
fn explore_follow_back_side_by_side_and_quit() {
    let mut s = explorer(100, 30, &[], &[]);
    s.wait_text("Documents 1/5");
    assert!(
        s.parser().screen().alternate_screen(),
        "draws on the alternate screen"
    );

    // Search for a symbol, fuzzily, and open the first result.
    s.send(b"\x10"); // Ctrl-P
    s.wait_text("Search ›");
    s.send(b"ctoccop2012");
    s.wait_for("the final symbol results", |sc| {
        sc.contains("Results for “ctoccop2012”")
            && sc
                .lines()
                .any(|l| l.contains("sym ") && l.contains("CTOC/COP/2012"))
            // The counter drops its "…" once the search is complete.
            && sc
                .lines()
                .any(|l| l.starts_with("Search › ctoccop2012") && !l.trim_end().ends_with('…'))
    });
    s.send(b"\r");
    s.wait_for("the reader focused on the result", |sc| {
        sc.lines()
            .last()
            .is_some_and(|l| l.contains("READ") && l.contains("symbol:CTOC/COP/2012"))
    });
    let opened = s.screen();
    assert!(!opened.contains("Search ›"), "the search bar closed");

    // Select décision 4/4 and follow it: its backlinks open.
    // From the top, `]` selects the first reference: décision 4/4.
    s.send(b"g");
    s.wait_for("the top of the document", |sc| {
        sc.lines().last().is_some_and(|l| l.contains("line 1/32"))
    });
    s.send(b"]");
    s.wait_for("décision 4/4 selected", |sc| {
        sc.lines()
            .last()
            .is_some_and(|l| l.contains("decision:CTOC/COP:4/4"))
    });
    s.send(b"\r");
    // The whole frame, not the first rows of it: the pane's title and the
    // status line that names it.
    let links = s.wait_for("the backlinks pane and its status line", |sc| {
        sc.contains("Cited by — decision:CTOC/COP:4/4")
            && sc.lines().last().is_some_and(|l| l.contains("LINKS"))
    });
    // Jump to a citation in the agenda (third row), then come back.
    let before_title = links.lines().next().unwrap_or("").to_string();
    assert!(
        before_title.contains("000_358551e6050c8439"),
        "{before_title}"
    );
    s.send(b"jj");
    s.send(b"\r");
    s.wait_for("the agenda open at the citation", |sc| {
        !sc.contains("Cited by")
            && sc
                .lines()
                .next()
                .is_some_and(|l| l.contains("002_e599bcc0f404912d"))
    });
    s.send(b"\x0f"); // Ctrl-O: back
    s.wait_for("back in the first document", |sc| {
        sc.lines()
            .next()
            .is_some_and(|l| l.contains("000_358551e6050c8439"))
    });

    // Side by side: two readers.
    s.send(b"\t");
    s.send(b"v");
    s.wait_for("two readers", |sc| {
        sc.lines()
            .next()
            .is_some_and(|l| l.matches("000_358551e6").count() == 2)
    });

    // Quit: the terminal is given back in its normal mode.
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    let raw = s.output();
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(64)..]).to_string();
    let leave = tail
        .rfind("\u{1b}[?1049l")
        .expect("leaves the alternate screen");
    let show = tail.rfind("\u{1b}[?25h").expect("shows the cursor");
    assert!(
        show > leave || tail[leave..].contains("\u{1b}[?25h"),
        "{tail:?}"
    );
    let p = s.parser();
    assert!(!p.screen().alternate_screen());
    assert!(!p.screen().hide_cursor());
}

#[test]
fn ctrl_c_quits_even_while_typing_and_restores() {
    let mut s = explorer(100, 30, &[], &[]);
    s.wait_text("Documents 1/5");
    s.send(b"\x10");
    s.wait_text("Search ›");
    s.send(b"qq");
    s.wait_text("Results for “qq”");
    s.send(b"\x03"); // Ctrl-C
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(!s.parser().screen().alternate_screen());
}

#[test]
fn a_bracketed_paste_goes_into_the_search_bar_whole() {
    let mut s = explorer(100, 30, &[], &[]);
    s.wait_text("Documents 1/5");
    let screen = s.wait_for("bracketed paste enabled", |_| {
        String::from_utf8_lossy(&s.output()).contains("\x1b[?2004h")
    });
    assert!(!screen.contains("Search ›"));
    // Pasted in the list: opens the search bar with the text, the line break
    // dropped rather than taken as Enter.
    s.send(b"\x1b[200~CTOC/COP/2012/1\r\n\x1b[201~");
    s.wait_text("Search › CTOC/COP/2012/1");
    s.wait_text("Results for “CTOC/COP/2012/1”");
    s.send(b"\x03");
    assert!(s.wait_exit().success());
    s.wait_for("bracketed paste disabled", |_| {
        String::from_utf8_lossy(&s.output()).contains("\x1b[?2004l")
    });
}

#[test]
fn small_terminal_says_so() {
    let mut s = explorer(30, 10, &[], &[]);
    s.wait_text("terminal too small");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = explorer(100, 30, &[], &[]);
    s.wait_text("Documents 1/5");
    let pid = s.pid();
    // SAFETY: signalling our own child process.
    unsafe {
        libc::kill(pid, libc::SIGTERM);
    }
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 143, "{status:?}");
    let p = s.parser();
    assert!(!p.screen().alternate_screen());
    assert!(!p.screen().hide_cursor());
}

#[test]
fn without_a_terminal_it_points_to_the_commands_and_fails() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(
        err.contains("dossier list") && err.contains("dossier find"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing drawn");
    assert!(!err.contains('\u{1b}'), "no escape codes");
}

#[test]
fn a_bad_config_is_reported_with_its_line_and_the_rest_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "theme = \"mono\"\n[keys.reader]\nx = \"frobnicate\"\nz = \"swap\"\n",
    )
    .unwrap();
    let mut s = explorer(100, 30, &[("DOSSIER_CONFIG", path.to_str().unwrap())], &[]);
    let screen = s.wait_text("line 3");
    assert!(screen.contains("frobnicate"), "{screen}");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn skipped_files_are_listed_with_their_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus");
    let first = std::fs::read_dir(&corpus).unwrap().next().unwrap().unwrap();
    std::fs::create_dir_all(dir.path().join("a")).unwrap();
    std::fs::create_dir_all(dir.path().join("b")).unwrap();
    std::fs::write(dir.path().join("a/rapport.txt"), b"\x00\x01binary\x00").unwrap();
    std::fs::copy(first.path(), dir.path().join("b/rapport.txt")).unwrap();
    let mut s = explorer(100, 30, &[], &[dir.path()]);
    s.wait_text("1 file skipped — ! lists them");
    s.send(b"!");
    let screen = s.wait_text("Skipped files — 1");
    assert!(screen.contains("a/rapport.txt"), "{screen}");
    s.send(b"\x1b");
    s.wait_for("the popup closes", |sc| !sc.contains("Skipped files"));
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_directory_is_shown_while_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus");
    let texts: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for i in 0..150 {
        let sub = dir.path().join(format!("part{}", i / 50));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("doc{i:03}.txt")), &texts[i % texts.len()]).unwrap();
    }
    let mut s = explorer(100, 30, &[], &[dir.path()]);
    s.wait_for("all 150 documents", |sc| {
        sc.contains("Documents 1/150") && !sc.contains("reading")
    });
    s.send(b"G");
    s.wait_text("Documents 150/150");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn escape_sequences_in_a_document_stay_inert_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Titre\n\n");
    for i in 0..60 {
        text.push_str(&format!(
            "ligne {i}: copie \u{1b}]52;c;ZXZpbA==\u{7} puis \u{1b}[2J efface \u{9b}31m rouge\n\n"
        ));
    }
    std::fs::write(dir.path().join("evil.txt"), text).unwrap();
    let mut s = explorer(100, 30, &[], &[dir.path()]);
    let before = s.wait_text("␛]52;c;ZXZpbA==␇");
    assert!(
        before.contains("ligne 0:") && !before.contains("ligne 8:"),
        "{before}"
    );
    s.send(b"\t");
    s.send(b"\x04"); // Ctrl-D: half a page down
    // The first lines scroll out of view and later ones come in.
    s.wait_for("half a page down", |sc| {
        !sc.contains("ligne 0:") && sc.contains("ligne 8:")
    });
    s.send(b"G");
    s.wait_text("ligne 59");
    let screen = s.screen();
    assert!(screen.contains("␛[2J efface"), "{screen}");
    s.send(b"q");
    assert!(s.wait_exit().success());
    let raw = s.output();
    let raw = String::from_utf8_lossy(&raw);
    assert!(!raw.contains("\u{1b}]52"), "no live OSC 52 clipboard write");
    assert!(
        !raw.contains("\u{1b}[2J efface"),
        "no live screen clear from the text"
    );
    assert!(!raw.contains('\u{9b}'), "no live C1 CSI");
    assert!(raw.contains("ZXZpbA=="), "the text itself is shown");
}

#[test]
fn every_terminating_signal_restores_the_terminal() {
    for sig in [
        libc::SIGINT,
        libc::SIGQUIT,
        libc::SIGUSR1,
        libc::SIGUSR2,
        libc::SIGALRM,
    ] {
        let mut s = explorer(100, 30, &[], &[]);
        s.wait_text("Documents 1/5");
        let pid = s.pid();
        // SAFETY: signalling our own child process.
        unsafe {
            libc::kill(pid, sig);
        }
        let status = s.wait_exit();
        assert_eq!(
            status.exit_code(),
            128 + sig as u32,
            "signal {sig}: {status:?}"
        );
        let p = s.parser();
        assert!(
            !p.screen().alternate_screen(),
            "signal {sig}: alternate screen"
        );
        assert!(!p.screen().hide_cursor(), "signal {sig}: cursor hidden");
        assert_eq!(
            p.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "signal {sig}: mouse capture on"
        );
    }
}

#[test]
fn sigtstp_from_outside_gives_the_terminal_back_and_sigcont_takes_it_again() {
    let mut s = explorer(100, 30, &[], &[]);
    s.wait_text("Documents 1/5");
    let before = s.output_len();
    let pid = s.pid();
    // SAFETY: signalling our own child process.
    unsafe {
        libc::kill(pid, libc::SIGTSTP);
    }
    let deadline = Instant::now() + WAIT;
    loop {
        let raw = s.output()[before..].to_vec();
        let text = String::from_utf8_lossy(&raw).to_string();
        if let Some(left) = text.find("\u{1b}[?1049l") {
            assert!(text[left..].contains("\u{1b}[?25h"), "cursor shown");
            assert!(text[..left].contains("\u{1b}[?1000l"), "mouse capture off");
            break;
        }
        assert!(Instant::now() < deadline, "never left the alternate screen");
        thread::sleep(Duration::from_millis(50));
    }
    // SAFETY: signalling our own child process.
    unsafe {
        libc::kill(pid, libc::SIGCONT);
    }
    s.wait_for("the explorer again", |sc| {
        s.parser().screen().alternate_screen() && sc.contains("Documents 1/5")
    });
    s.send(b"j");
    s.wait_text("Documents 2/5");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn sighup_restores_the_terminal() {
    let mut s = explorer(100, 30, &[], &[]);
    s.wait_text("Documents 1/5");
    let pid = s.pid();
    // SAFETY: signalling our own child process.
    unsafe {
        libc::kill(pid, libc::SIGHUP);
    }
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 129, "{status:?}");
    assert!(!s.parser().screen().alternate_screen());
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_comes_back_redrawn() {
    let mut s = explorer(100, 30, &[], &[]);
    s.wait_text("Documents 1/5");
    let before = s.output_len();
    s.send(b"\x1a"); // Ctrl-Z
    // The terminal is restored before stopping. (Here the process group has no
    // job-control shell, so the kernel does not stop it: it comes straight back,
    // as after `fg`.) Continue it anyway, as `fg` would.
    let pid = s.pid();
    let deadline = Instant::now() + WAIT;
    loop {
        let raw = s.output()[before..].to_vec();
        let text = String::from_utf8_lossy(&raw).to_string();
        if let Some(left) = text.find("\u{1b}[?1049l") {
            assert!(
                text[left..].contains("\u{1b}[?25h"),
                "cursor shown while suspended"
            );
            break;
        }
        assert!(Instant::now() < deadline, "never left the alternate screen");
        thread::sleep(Duration::from_millis(50));
    }
    // SAFETY: signalling our own child process.
    unsafe {
        libc::kill(pid, libc::SIGCONT);
    }
    s.wait_for("the explorer again", |sc| {
        s.parser().screen().alternate_screen() && sc.contains("Documents 1/5")
    });
    s.send(b"j");
    s.wait_text("Documents 2/5");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_panic_restores_the_terminal_and_reports() {
    let mut s = explorer(100, 30, &[("DOSSIER_TEST_PANIC", "1")], &[]);
    let status = s.wait_exit();
    assert!(!status.success());
    let raw = String::from_utf8_lossy(&s.output()).to_string();
    let left = raw
        .find("\u{1b}[?1049l")
        .expect("left the alternate screen");
    let message = raw
        .find("panic requested")
        .expect("the panic message is printed");
    assert!(
        message > left,
        "printed after the terminal was restored: {raw:?}"
    );
    assert!(!s.parser().screen().alternate_screen());
    assert!(!s.parser().screen().hide_cursor());
}

/// Standard base64, padded (what OSC 52 carries).
fn base64_decode(s: &str) -> Vec<u8> {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().take_while(|&c| c != b'=') {
        let v = ABC.iter().position(|&a| a == c).expect("base64") as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

#[test]
fn y_copies_only_printable_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("piege.txt"),
        "Voir http://evil.example/\u{1b}]0;x\u{7}\u{9b}\u{7f} et la fin.\n",
    )
    .unwrap();
    let mut s = explorer(100, 30, &[], &[dir.path()]);
    s.wait_text("evil.example");
    s.send(b"\r"); // open the document in the reader
    s.send(b"]"); // select its first reference: the URL
    s.wait_for("the URL selected", |sc| {
        sc.lines().last().is_some_and(|l| l.contains("url:"))
    });
    let before = s.output_len();
    s.send(b"y");
    let deadline = Instant::now() + WAIT;
    let copied = loop {
        let raw = String::from_utf8_lossy(&s.output()[before..]).to_string();
        if let Some(at) = raw.find("\u{1b}]52;c;") {
            let rest = &raw[at + 7..];
            if let Some(end) = rest.find('\u{7}') {
                break base64_decode(&rest[..end]);
            }
        }
        assert!(Instant::now() < deadline, "nothing was copied");
        thread::sleep(Duration::from_millis(50));
    };
    let copied = String::from_utf8(copied).expect("UTF-8");
    assert!(copied.starts_with("http://evil.example/"), "{copied:?}");
    assert!(
        !copied.chars().any(|c| c.is_control()),
        "control characters copied: {copied:?}"
    );
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_document_read_with_replaced_bytes_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Dans sa décision 4/4.\n").unwrap();
    std::fs::write(
        dir.path().join("stray.txt"),
        b"La Conf\xc3\xa9rence \xff d\xc3\xa9cision 4/4.\n",
    )
    .unwrap();
    let mut s = explorer(100, 30, &[], &[dir.path()]);
    s.wait_text("stray.txt: 1 invalid byte replaced");
    s.send(b"q");
    assert!(s.wait_exit().success());
}
