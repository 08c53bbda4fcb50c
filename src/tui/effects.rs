//! What the event loop does for the reducer's [`Effect`]s: queries to the
//! search worker, URLs to the platform opener, text to the clipboard.

use super::terminal;
use crate::app::{Effect, Msg};
use crate::corpus::ListQuery;
use crate::search::MAX_QUERY_CHARS;

/// A query of the paged list and its generation (given back with the
/// answer, so that answers to older queries can be told apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ListAsk {
    /// The generation the reducer gave the query.
    pub generation: u64,
    /// The list's filter and order.
    pub query: ListQuery,
}

/// What answers the explorer's questions: the search worker over a corpus
/// in memory, or an archive's worker.
pub(super) trait Backend {
    /// Asks for the results of `query`.
    fn query(&mut self, query: String);
    /// Asks how many rows a paged list has under a query, and where the
    /// document `keep` is in it.
    fn list_size(&mut self, ask: ListAsk, keep: Option<String>);
    /// Asks for a page of a paged list under a query.
    fn list_page(&mut self, ask: ListAsk, offset: usize, limit: usize);
    /// Asks for the document `id` to be fetched into the corpus.
    fn open(&mut self, id: String);
    /// Asks for the documents citing `key` to be fetched into the corpus.
    fn citing(&mut self, key: String);
}

/// Carries out `effects`; what could not be done (or only in part) comes
/// back as messages for the reducer.
pub(super) fn perform(effects: Vec<Effect>, search: &mut dyn Backend) -> Vec<Msg> {
    let mut failed = Vec::new();
    for e in effects {
        match e {
            Effect::Query(q) => match q.char_indices().nth(MAX_QUERY_CHARS) {
                Some((cut, _)) => {
                    failed.push(Msg::Failed(format!(
                        "only the first {MAX_QUERY_CHARS} characters are searched"
                    )));
                    search.query(q[..cut].to_string());
                }
                None => search.query(q),
            },
            Effect::OpenUrl(u) => {
                if let Err(m) = open_url(&u) {
                    failed.push(Msg::Failed(m));
                }
            }
            Effect::Copy(text) => terminal::copy_to_clipboard(&printable(&text)),
            Effect::ListSize {
                generation,
                query,
                keep,
            } => search.list_size(ListAsk { generation, query }, keep),
            Effect::ListPage {
                generation,
                query,
                offset,
                limit,
            } => search.list_page(ListAsk { generation, query }, offset, limit),
            Effect::Open(id) => search.open(id),
            Effect::Citing(key) => search.citing(key),
        }
    }
    failed
}

/// `text` without the characters a terminal or an editor would act on when
/// it is pasted (C0 controls but tab and newline, DEL, C1 and bidirectional
/// controls): only printable text goes to the clipboard.
pub(super) fn printable(text: &str) -> String {
    text.chars()
        .filter(|&c| !crate::sanitize::is_dangerous(c))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn only_printable_text_is_copied() {
        assert_eq!(
            printable("http://evil.example/\u{1b}]0;x\u{7}\u{9b}31m\u{7f}\u{202e}fin"),
            "http://evil.example/]0;x31mfin"
        );
        assert_eq!(printable("décision 4/4\tok\n"), "décision 4/4\tok\n");
    }
}
