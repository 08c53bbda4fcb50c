//! The terminal itself: raw mode and the alternate screen, restored on every
//! exit path (a drop guard, a panic hook that restores then chains the old
//! hook, SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1/2, SIGALRM, a vanished
//! terminal), and suspension by Ctrl-Z or SIGTSTP, taken back on SIGCONT.

use anyhow::Result;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

/// The terminating signal received (SIGTERM, SIGHUP, SIGINT, …), 0 when none.
pub(super) static SIGNALLED: AtomicI32 = AtomicI32::new(0);

/// True once SIGTSTP came from outside (`kill -TSTP`): the event loop gives
/// the terminal back before stopping.
pub(super) static STOP_REQUESTED: AtomicBool = AtomicBool::new(false);

/// True once SIGCONT arrived: the event loop takes the terminal again and
/// redraws (after a `kill -STOP` nothing could be restored beforehand).
pub(super) static CONTINUED: AtomicBool = AtomicBool::new(false);

/// Signals whose default action ends the process: each restores the terminal
/// first, then the process exits as if killed by it.
const TERMINATING: &[libc::c_int] = &[
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
];

extern "C" fn on_signal(sig: libc::c_int) {
    SIGNALLED.store(sig, Ordering::SeqCst);
}

extern "C" fn on_stop(_: libc::c_int) {
    STOP_REQUESTED.store(true, Ordering::SeqCst);
}

extern "C" fn on_continue(_: libc::c_int) {
    CONTINUED.store(true, Ordering::SeqCst);
}

/// True when the terminal on stdin hung up (its window closed).
fn terminal_hung_up() -> bool {
    let mut p = libc::pollfd {
        fd: 0,
        events: 0,
        revents: 0,
    };
    // SAFETY: polls one valid pollfd for zero milliseconds.
    let n = unsafe { libc::poll(&mut p, 1, 0) };
    n > 0 && p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Restores the terminal and exits as a process killed by `sig` would.
pub(super) fn exit_on_signal(sig: i32) -> ! {
    restore();
    std::process::exit(128 + sig);
}

/// Watches for SIGTERM/SIGHUP and a vanished terminal even while the event
/// loop is blocked inside the terminal library (which spins on a closed tty).
pub(super) fn start_watchdog() {
    let _ = std::thread::Builder::new()
        .name("dossier-watchdog".into())
        .spawn(|| {
            loop {
                std::thread::sleep(Duration::from_millis(100));
                let sig = SIGNALLED.load(Ordering::SeqCst);
                if sig != 0 {
                    // Give the event loop a moment to leave on its own.
                    std::thread::sleep(Duration::from_millis(200));
                    exit_on_signal(sig);
                }
                if terminal_hung_up() {
                    exit_on_signal(libc::SIGHUP);
                }
            }
        });
}

/// Catches the signals that end, stop or continue the process, so the
/// terminal is given back and taken again on each.
pub(super) fn install_signal_handlers() {
    // SAFETY: each handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        for &sig in TERMINATING {
            libc::signal(sig, on_signal as *const () as libc::sighandler_t);
        }
        libc::signal(libc::SIGTSTP, on_stop as *const () as libc::sighandler_t);
        libc::signal(
            libc::SIGCONT,
            on_continue as *const () as libc::sighandler_t,
        );
    }
}

/// Puts the terminal into explorer mode.
pub(super) fn enter() -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )
}

/// Restores the terminal to its normal mode (safe to call more than once).
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = io::stdout().flush();
}

/// Restores the terminal when dropped, whatever the exit path.
pub(super) struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

pub(super) fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if crate::model::contain::is_containing() {
                return; // one file's parse, skipped with its message
            }
            restore();
            previous(info);
        }));
    });
}

/// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
pub(super) fn suspend<B: Backend>(terminal: &mut Terminal<B>) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    restore();
    // SAFETY: raising a signal on ourselves with its default action, which
    // stops the process until SIGCONT; then catching it again.
    unsafe {
        libc::signal(libc::SIGTSTP, libc::SIG_DFL);
        libc::raise(libc::SIGTSTP);
        libc::signal(libc::SIGTSTP, on_stop as *const () as libc::sighandler_t);
    }
    STOP_REQUESTED.store(false, Ordering::SeqCst);
    CONTINUED.store(false, Ordering::SeqCst);
    enter()?;
    redraw_all(terminal)
}

/// Clears the screen and forgets what was drawn, so the next frame paints everything
/// (without asking the terminal where its cursor is).
pub(super) fn redraw_all<B: Backend>(terminal: &mut Terminal<B>) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
    Ok(())
}

/// Base64 (standard alphabet, padded), for OSC 52.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (k, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if k <= chunk.len() {
                out.push(ABC[(n >> shift) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Asks the terminal to put `text` on the clipboard (OSC 52). The text is
/// base64-encoded, so nothing in it can act as a control sequence.
pub(super) fn copy_to_clipboard(text: &str) {
    let mut out = io::stdout();
    let _ = write!(out, "\u{1b}]52;c;{}\u{7}", base64(text.as_bytes()));
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"evil"), "ZXZpbA==");
        assert_eq!(base64("décision".as_bytes()), "ZMOpY2lzaW9u");
    }
}
