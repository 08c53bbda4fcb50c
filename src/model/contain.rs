//! Containing a panic to the one file that caused it: a parse that panics
//! (a bug of dossier's, met on a document it did not foresee) skips that
//! file with the panic's message, and every other file is still served.
//! While a panic is contained the process's panic hook stays silent (the
//! explorer keeps its terminal; the CLI prints the skipped file instead).

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    static CONTAINING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`; a panic inside it comes back as its message.
pub fn contained<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let before = CONTAINING.with(|c| c.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    CONTAINING.with(|c| c.set(before));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string())
    })
}

/// True while the current thread runs inside [`contained`]: panic hooks
/// return at once.
pub fn is_containing() -> bool {
    CONTAINING.with(Cell::get)
}

/// Makes the process's panic hook silent for contained panics.
pub fn install_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !is_containing() {
            previous(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_the_flag_is_restored() {
        let r: Result<(), String> = contained(|| panic!("boom at {}", 3));
        assert_eq!(r, Err("boom at 3".to_string()));
        assert!(!is_containing());
        assert_eq!(contained(|| 7), Ok(7));
    }
}
