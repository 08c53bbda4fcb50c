//! The explorer fed by an archive: a worker thread owns the connection and
//! answers the list's pages, documents and searches; the event loop polls
//! its replies, never waits for them, and makes them messages. Searches
//! carry a generation: a search asked before the latest is skipped, and
//! one overtaken while its documents are fetched stops there. So do the
//! list's queries (its filter and order, answered by the server): a size
//! or a page asked for an older query than the latest is skipped, and the
//! reducer drops what was answered for one. When the
//! server goes away the worker says so, retries with backoff (2 s, 4 s, …
//! 30 s) and says when it is back; what was asked is answered then.

use super::effects::ListAsk;
use crate::app::window::ListRow;
use crate::app::{Found, Msg};
use crate::archive::{Archive, ArchiveError, Canceller};
use crate::corpus::{DocumentRow, Hit, ListQuery, Page, Source, SourceError};
use crate::model::{Corpus, Document};
use crate::search::CandidateKind;
use crate::search::candidates::Candidate;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Hits asked of the archive per search.
const HITS: usize = 200;
/// Documents fetched for one search's hits at most.
const HIT_DOCUMENTS: usize = 40;
/// Citing documents fetched for one key's backlinks at most.
const CITING_DOCUMENTS: usize = 500;
/// The results are sent again each time this many more documents are
/// there (the first as soon as one is).
const RESULTS_STEP: usize = 8;
/// The first wait before connecting again, doubled up to [`MAX_RETRY`].
const FIRST_RETRY: Duration = Duration::from_secs(2);
const MAX_RETRY: Duration = Duration::from_secs(30);

enum Req {
    /// How many rows the list has under a query, and where a document is.
    Size(ListAsk, Option<String>),
    /// A page of it (offset, limit).
    Page(ListAsk, usize, usize),
    /// Pages next to each other (offset, limit), read in one query.
    Pages(ListAsk, Vec<(usize, usize)>),
    Open(String),
    Search(u64, String),
    Citing(String),
}

enum Reply {
    /// The list's size under the query of a generation, and the row of the
    /// document asked about.
    Size(u64, usize, Option<usize>),
    /// A page of it, from an offset.
    Page(u64, usize, Vec<DocumentRow>),
    Opened(String, Vec<Document>),
    Citing(String, Vec<Document>),
    Found {
        generation: u64,
        query: String,
        hits: Vec<Hit>,
        matched: usize,
        more: bool,
        docs: Vec<Document>,
        complete: bool,
    },
    Status(String, bool),
}

/// The archive as the event loop sees it.
pub(super) struct Remote {
    tx: Sender<Req>,
    rx: Receiver<Reply>,
    generation: Arc<AtomicU64>,
    /// The generation of the list's latest query.
    list_generation: Arc<AtomicU64>,
    /// Documents in the corpus, by id.
    ids: HashMap<String, usize>,
    /// True once the worker is gone (said once).
    gone: bool,
    /// The search whose statement the worker runs, and what stops it.
    running: Arc<Running>,
}

/// The search whose statement the worker is running, and what stops the
/// statement its connection runs: a search superseded by a newer one is
/// stopped on the server, not run to its end.
#[derive(Default)]
struct Running {
    /// The generation of the search running (0: none).
    search: AtomicU64,
    /// What stops the statement, once connected.
    canceller: Mutex<Option<Canceller>>,
}

impl Running {
    /// Stops the search running when it is older than generation `g`
    /// (on a thread of its own: cancelling opens a connection).
    fn supersede(&self, g: u64) {
        let running = self.search.load(Ordering::SeqCst);
        if running == 0 || running >= g {
            return;
        }
        let canceller = self.canceller.lock().ok().and_then(|c| c.clone());
        if let Some(c) = canceller {
            let _ = std::thread::Builder::new()
                .name("dossier-cancel".into())
                .spawn(move || c.cancel());
        }
    }
}

impl Remote {
    /// Starts the worker for the archive `url` names (or `DOSSIER_ARCHIVE`):
    /// it connects, then says how many rows the list has.
    pub(super) fn start(url: Option<String>) -> Remote {
        let (tx, requests) = mpsc::channel();
        let (replies, rx) = mpsc::channel();
        let generation = Arc::new(AtomicU64::new(0));
        let list_generation = Arc::new(AtomicU64::new(0));
        let running = Arc::new(Running::default());
        let current = Arc::clone(&generation);
        let list_current = Arc::clone(&list_generation);
        let worker_running = Arc::clone(&running);
        let _ = std::thread::Builder::new()
            .name("dossier-archive".into())
            .spawn(move || {
                Worker::new(url, replies, current, list_current, worker_running).run(&requests)
            });
        Remote {
            tx,
            rx,
            generation,
            list_generation,
            ids: HashMap::new(),
            gone: false,
            running,
        }
    }

    /// Asks for `query`'s results; older searches are dropped.
    fn ask(&mut self, query: String) {
        let g = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = self.tx.send(Req::Search(g, query));
        self.running.supersede(g);
    }

    /// The next reply as a message, its documents added to `corpus`
    /// (which nothing else holds while the archive feeds it).
    pub(super) fn poll(&mut self, corpus: &mut Arc<Corpus>) -> Option<Msg> {
        loop {
            let reply = match self.rx.try_recv() {
                Ok(r) => r,
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) if self.gone => return None,
                Err(TryRecvError::Disconnected) => {
                    self.gone = true;
                    return Some(Msg::Failed(
                        "the archive's worker stopped: nothing more can be read".into(),
                    ));
                }
            };
            if let Some(msg) = self.message(reply, corpus) {
                return Some(msg);
            }
        }
    }

    fn message(&mut self, reply: Reply, corpus: &mut Arc<Corpus>) -> Option<Msg> {
        Some(match reply {
            Reply::Size(g, n, at) => Msg::ListSize(g, n, at),
            Reply::Page(g, offset, rows) => {
                Msg::ListRows(g, offset, rows.iter().map(ListRow::of).collect())
            }
            Reply::Opened(id, docs) => {
                self.add(corpus, docs);
                let at = *self.ids.get(&id)?;
                Msg::Opened(id, at)
            }
            Reply::Status(text, warn) => Msg::Status(text, warn),
            Reply::Citing(key, docs) => {
                self.add(corpus, docs);
                Msg::Citing(key)
            }
            Reply::Found {
                generation,
                query,
                hits,
                matched,
                more,
                docs,
                complete,
            } => {
                // Kept even when stale: the worker counts them as sent.
                self.add(corpus, docs);
                if generation != self.generation.load(Ordering::SeqCst) {
                    return None; // a newer search was asked
                }
                let items: Vec<Candidate> = hits
                    .iter()
                    .filter_map(|h| {
                        Some(Candidate {
                            kind: if h.line.is_some() {
                                CandidateKind::Line
                            } else {
                                CandidateKind::Document
                            },
                            doc: u32::try_from(*self.ids.get(&h.doc)?).ok()?,
                            line: h.line.unwrap_or(0),
                            reference: 0,
                        })
                    })
                    .collect();
                Msg::Results(Found {
                    query,
                    total: matched.max(items.len()),
                    matched: matched.max(items.len()),
                    more,
                    items,
                    complete,
                })
            }
        })
    }

    /// Adds `docs` to the corpus, each once.
    fn add(&mut self, corpus: &mut Arc<Corpus>, docs: Vec<Document>) {
        let docs: Vec<Document> = docs
            .into_iter()
            .filter(|d| !self.ids.contains_key(&d.id))
            .collect();
        if docs.is_empty() {
            return;
        }
        let Some(c) = Arc::get_mut(corpus) else {
            return;
        };
        let first = c.len();
        for (k, d) in docs.iter().enumerate() {
            self.ids.insert(d.id.clone(), first + k);
        }
        c.extend(docs);
    }
}

impl super::effects::Backend for Remote {
    fn query(&mut self, query: String) {
        self.ask(query);
    }

    fn list_size(&mut self, ask: ListAsk, keep: Option<String>) {
        self.list_generation
            .fetch_max(ask.generation, Ordering::SeqCst);
        let _ = self.tx.send(Req::Size(ask, keep));
    }

    fn list_page(&mut self, ask: ListAsk, offset: usize, limit: usize) {
        let _ = self.tx.send(Req::Page(ask, offset, limit));
    }

    fn open(&mut self, id: String) {
        let _ = self.tx.send(Req::Open(id));
    }

    fn citing(&mut self, key: String) {
        let _ = self.tx.send(Req::Citing(key));
    }
}

/// Times a request stopped on the server while still wanted is asked again.
const MAX_CANCELLED: usize = 3;

/// The thread that talks to the archive.
struct Worker {
    url: Option<String>,
    out: Sender<Reply>,
    generation: Arc<AtomicU64>,
    list_generation: Arc<AtomicU64>,
    archive: Option<Archive>,
    /// The search running, and what stops it (shared with the event loop).
    running: Arc<Running>,
    /// Documents sent to the event loop (it keeps them).
    sent: HashSet<String>,
    /// True once the list's size was sent.
    sized: bool,
}

impl Worker {
    fn new(
        url: Option<String>,
        out: Sender<Reply>,
        generation: Arc<AtomicU64>,
        list_generation: Arc<AtomicU64>,
        running: Arc<Running>,
    ) -> Worker {
        Worker {
            url,
            out,
            generation,
            list_generation,
            archive: None,
            running,
            sent: HashSet::new(),
            sized: false,
        }
    }

    fn say(&self, text: String, warn: bool) {
        let _ = self.out.send(Reply::Status(text, warn));
    }

    fn run(mut self, requests: &Receiver<Req>) {
        // Connect and size the list before anything is asked.
        self.serve_retrying(None);
        while let Ok(first) = requests.recv() {
            let mut queued = vec![first];
            queued.extend(requests.try_iter());
            let latest = self.list_generation.load(Ordering::SeqCst);
            let queued = merge_pages(current_list(queued, latest));
            // Of the documents asked for, only the last: the list's
            // selection has moved past the others.
            let last_open = queued.iter().rposition(|r| matches!(r, Req::Open(_)));
            for (k, req) in queued.iter().enumerate() {
                let stale = match req {
                    Req::Search(g, _) => *g != self.generation.load(Ordering::SeqCst),
                    Req::Open(_) => Some(k) != last_open,
                    _ => false,
                };
                if !stale {
                    self.serve_retrying(Some(req));
                }
            }
        }
    }

    /// Answers `req` (or only connects, for `None`), connecting again as
    /// long as the server cannot be reached; what cannot be answered is
    /// said on the status line.
    fn serve_retrying(&mut self, req: Option<&Req>) {
        let mut wait = FIRST_RETRY;
        let mut down = false;
        let mut cancelled = 0;
        loop {
            if self.archive.is_none() {
                match Archive::open(self.url.as_deref()) {
                    Ok(a) => {
                        if down {
                            self.say(format!("archive reachable again: {}", a.shown()), false);
                        }
                        if let Ok(mut c) = self.running.canceller.lock() {
                            *c = Some(a.canceller());
                        }
                        self.archive = Some(a);
                    }
                    Err(e @ (ArchiveError::Connect { .. } | ArchiveError::Query { .. })) => {
                        down = true;
                        self.say(unreachable(&e.to_string(), wait), true);
                        std::thread::sleep(wait);
                        wait = (wait * 2).min(MAX_RETRY);
                        continue;
                    }
                    Err(e) => {
                        self.say(e.to_string(), true);
                        // Nothing can be read; later requests say it again.
                        return;
                    }
                }
            }
            // A panic answering (a stored text the parser chokes on) is
            // said, never taken down with the terminal.
            let answered =
                crate::model::contain::contained(|| self.serve(req)).unwrap_or_else(|panic| {
                    Err(SourceError::Unanswerable(format!(
                        "the archive's answer could not be read: {panic}"
                    )))
                });
            match answered {
                Ok(()) => return,
                // Stopped on the server: dropped when superseded, else
                // asked again (the stop meant for the search before it
                // came as this statement began).
                Err(SourceError::Cancelled) => {
                    let wanted = match req {
                        Some(Req::Search(g, _)) => *g == self.generation.load(Ordering::SeqCst),
                        _ => true,
                    };
                    if !wanted || cancelled >= MAX_CANCELLED {
                        return;
                    }
                    cancelled += 1;
                }
                Err(SourceError::Backend(reason))
                    if self.archive.as_ref().is_none_or(Archive::is_closed) =>
                {
                    self.archive = None;
                    down = true;
                    self.say(unreachable(&reason, wait), true);
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(MAX_RETRY);
                }
                Err(other) => {
                    self.say(other.to_string(), true);
                    return;
                }
            }
        }
    }

    fn serve(&mut self, req: Option<&Req>) -> Result<(), SourceError> {
        let Some(archive) = self.archive.as_ref() else {
            return Ok(());
        };
        if !self.sized {
            let summary = archive.list_summary(&ListQuery::default())?;
            self.sized = true;
            let _ = self.out.send(Reply::Size(0, summary.rows, None));
        }
        match req {
            None => Ok(()),
            Some(Req::Size(ask, keep)) => {
                let summary = archive.list_summary(&ask.query)?;
                let at = match keep {
                    Some(id) => archive.list_position(&ask.query, id)?,
                    None => None,
                };
                let _ = self.out.send(Reply::Size(ask.generation, summary.rows, at));
                Ok(())
            }
            Some(Req::Page(ask, offset, limit)) => {
                let page = Page {
                    offset: *offset,
                    limit: *limit,
                };
                let rows = archive.list(&ask.query, page)?;
                let _ = self.out.send(Reply::Page(ask.generation, *offset, rows));
                Ok(())
            }
            Some(Req::Pages(ask, pages)) => {
                let (Some(first), Some(last)) = (pages.first(), pages.last()) else {
                    return Ok(());
                };
                let all = Page {
                    offset: first.0,
                    limit: last.0 + last.1 - first.0,
                };
                let mut rows = archive.list(&ask.query, all)?.into_iter();
                for &(offset, limit) in pages {
                    let page: Vec<DocumentRow> = rows.by_ref().take(limit).collect();
                    let _ = self.out.send(Reply::Page(ask.generation, offset, page));
                }
                Ok(())
            }
            Some(Req::Open(id)) => {
                // With its language versions and family, fetched once.
                let docs: Vec<Document> = if self.sent.contains(id) {
                    Vec::new()
                } else {
                    archive
                        .document_around(id)?
                        .into_iter()
                        .filter(|d| !self.sent.contains(&d.id))
                        .collect()
                };
                self.sent.insert(id.clone());
                self.sent.extend(docs.iter().map(|d| d.id.clone()));
                let _ = self.out.send(Reply::Opened(id.clone(), docs));
                Ok(())
            }
            Some(Req::Search(g, query)) => self.search(*g, query),
            Some(Req::Citing(key)) => {
                let cited = archive.cited_by(key)?;
                let mut docs = Vec::new();
                let ids = cited.documents_with_symbol.iter().chain(&cited.documents);
                for id in ids.take(CITING_DOCUMENTS) {
                    if !self.sent.contains(id) {
                        docs.push(archive.open(id, None)?.doc);
                        self.sent.insert(id.clone());
                    }
                }
                let _ = self.out.send(Reply::Citing(key.clone(), docs));
                Ok(())
            }
        }
    }

    /// Searches, then fetches the documents of the hits not sent yet,
    /// sending the first results early; stops when a newer search comes.
    fn search(&mut self, g: u64, query: &str) -> Result<(), SourceError> {
        let Some(archive) = self.archive.as_ref() else {
            return Ok(());
        };
        self.running.search.store(g, Ordering::SeqCst);
        let found = archive.search(query, HITS);
        self.running.search.store(0, Ordering::SeqCst);
        let found = found?;
        let mut order: Vec<&str> = Vec::new();
        for h in &found.hits {
            if !order.contains(&h.doc.as_str()) && order.len() < HIT_DOCUMENTS {
                order.push(&h.doc);
            }
        }
        let mut docs = Vec::new();
        let mut ready: HashSet<&str> = HashSet::new();
        let mut shown = 0;
        for (k, id) in order.iter().enumerate() {
            if g != self.generation.load(Ordering::SeqCst) {
                return Ok(());
            }
            if !self.sent.contains(*id) {
                let doc = archive.open(id, None)?.doc;
                self.sent.insert(doc.id.clone());
                docs.push(doc);
            }
            ready.insert(id);
            let last = k + 1 == order.len();
            if last || shown == 0 || ready.len() >= shown + RESULTS_STEP {
                shown = ready.len();
                let _ = self.out.send(Reply::Found {
                    generation: g,
                    query: query.to_string(),
                    hits: found
                        .hits
                        .iter()
                        .filter(|h| ready.contains(h.doc.as_str()))
                        .cloned()
                        .collect(),
                    matched: found.matched,
                    more: found.more,
                    docs: std::mem::take(&mut docs),
                    complete: last,
                });
            }
        }
        if order.is_empty() {
            let _ = self.out.send(Reply::Found {
                generation: g,
                query: query.to_string(),
                hits: Vec::new(),
                matched: 0,
                more: false,
                docs: Vec::new(),
                complete: true,
            });
        }
        Ok(())
    }
}

/// `queued` without the list's sizes and pages asked for a query older than
/// generation `latest`: the list has moved on (keys typed faster than the
/// server answers).
fn current_list(mut queued: Vec<Req>, latest: u64) -> Vec<Req> {
    queued.retain(|r| match r {
        Req::Size(ask, _) | Req::Page(ask, ..) | Req::Pages(ask, _) => ask.generation >= latest,
        _ => true,
    });
    queued
}

/// `queued` with the pages of one query that follow one another asked as
/// one run (each page still answered alone), where the first of them was.
fn merge_pages(queued: Vec<Req>) -> Vec<Req> {
    let mut pages: Vec<(ListAsk, usize, usize)> = Vec::new();
    let mut out = Vec::new();
    let mut at = None;
    for req in queued {
        match req {
            Req::Page(ask, offset, limit) => {
                at.get_or_insert(out.len());
                pages.push((ask, offset, limit));
            }
            other => out.push(other),
        }
    }
    pages.sort_by_key(|p| (p.0.generation, p.1, p.2));
    pages.dedup_by(|a, b| a.0.generation == b.0.generation && (a.1, a.2) == (b.1, b.2));
    let mut runs: Vec<Req> = Vec::new();
    let mut run: Option<(ListAsk, Vec<(usize, usize)>)> = None;
    for (ask, offset, limit) in pages {
        if let Some((current, pages)) = &mut run {
            let follows = pages.last().is_some_and(|&(o, l)| o + l == offset);
            if current.generation == ask.generation && follows {
                pages.push((offset, limit));
                continue;
            }
        }
        if let Some((ask, pages)) = run.take() {
            runs.push(Req::Pages(ask, pages));
        }
        run = Some((ask, vec![(offset, limit)]));
    }
    if let Some((ask, pages)) = run {
        runs.push(Req::Pages(ask, pages));
    }
    let at = at.unwrap_or(0).min(out.len());
    out.splice(at..at, runs);
    out
}

/// The status line while the server cannot be reached, on one line: the
/// last cause only (the archive's name is known; no password is in it).
fn unreachable(reason: &str, wait: Duration) -> String {
    let cause = reason.rsplit(": ").next().unwrap_or(reason).trim();
    format!(
        "archive unreachable: {cause}; retrying in {} s",
        wait.as_secs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(generation: u64) -> ListAsk {
        ListAsk {
            generation,
            query: ListQuery::default(),
        }
    }

    #[test]
    fn pages_next_to_each_other_are_one_run_where_the_first_was() {
        let queued = vec![
            Req::Open("a".into()),
            Req::Page(ask(0), 200, 100),
            Req::Search(1, "x".into()),
            Req::Page(ask(0), 100, 100),
            Req::Page(ask(0), 500, 100),
            Req::Page(ask(0), 100, 100),
            Req::Page(ask(1), 300, 100),
        ];
        let merged = merge_pages(queued);
        let shape: Vec<String> = merged
            .iter()
            .map(|r| match r {
                Req::Open(id) => format!("open {id}"),
                Req::Pages(a, p) => format!("pages {} {p:?}", a.generation),
                Req::Page(a, o, l) => format!("page {} {o} {l}", a.generation),
                Req::Size(a, _) => format!("size {}", a.generation),
                Req::Search(g, q) => format!("search {g} {q}"),
                Req::Citing(k) => format!("citing {k}"),
            })
            .collect();
        assert_eq!(
            shape,
            [
                "open a",
                "pages 0 [(100, 100), (200, 100)]",
                "pages 0 [(500, 100)]",
                "pages 1 [(300, 100)]",
                "search 1 x"
            ]
        );
    }

    #[test]
    fn only_the_latest_list_query_is_answered() {
        let queued = vec![
            Req::Size(ask(1), None),
            Req::Page(ask(0), 0, 100),
            Req::Open("a".into()),
            Req::Size(ask(2), None),
            Req::Size(ask(3), Some("b".into())),
            Req::Page(ask(3), 100, 100),
        ];
        let kept: Vec<String> = current_list(queued, 3)
            .iter()
            .map(|r| match r {
                Req::Size(a, keep) => format!("size {} {keep:?}", a.generation),
                Req::Page(a, o, _) => format!("page {} {o}", a.generation),
                Req::Open(id) => format!("open {id}"),
                _ => "other".into(),
            })
            .collect();
        assert_eq!(kept, ["open a", "size 3 Some(\"b\")", "page 3 100"]);
    }

    #[test]
    fn the_unreachable_line_names_the_last_cause_and_the_wait() {
        let reason = "cannot reach the archive at postgresql://u@h/db: error connecting \
                      to server: Connection refused (os error 111)";
        assert_eq!(
            unreachable(reason, Duration::from_secs(4)),
            "archive unreachable: Connection refused (os error 111); retrying in 4 s"
        );
    }
}
