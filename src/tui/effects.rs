//! What the event loop does for the reducer's [`Effect`]s: queries to the
//! search worker, URLs to the platform opener, text to the clipboard.

use super::search::Search;
use super::terminal;
use crate::app::{Effect, Msg};

/// Carries out `effects`; what could not be done comes back as messages for
/// the reducer.
pub(super) fn perform(effects: Vec<Effect>, search: &mut Search) -> Vec<Msg> {
    let mut failed = Vec::new();
    for e in effects {
        match e {
            Effect::Query(q) => search.query(q),
            Effect::OpenUrl(u) => {
                if let Err(m) = open_url(&u) {
                    failed.push(Msg::Failed(m));
                }
            }
            Effect::Copy(text) => terminal::copy_to_clipboard(&text),
        }
    }
    failed
}

/// Opens `url` with the platform's opener, the URL as one argument, no shell.
pub(super) fn open_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(format!(
            "not opening {url}: only http and https addresses are opened"
        ));
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| format!("could not run {opener}: {e}"))
}
