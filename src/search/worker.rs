//! The search worker: a thread that owns the candidates and answers queries,
//! so that typing never waits on matching. A newer query cancels an older one;
//! a query that only grows the previous one searches within its matches.
//! A long search (millions of lines) sends the best matches found so far
//! every [`PARTIAL_EVERY`] until it is complete, so the first results show at once.

use crate::search::candidates::CandidateSet;
use crate::search::matcher::{Match, Query, rank_shortlist, scan, shortlist};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Results of one query.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Which query this answers (as returned by [`Searcher::query`]).
    pub generation: u64,
    /// The query text.
    pub query: String,
    /// The best matches, best first.
    pub matches: Vec<Match>,
    /// How many candidates matched in all.
    pub matched: usize,
    /// How many candidates there are.
    pub total: usize,
    /// False for early results of a long search: the best matches among the
    /// candidates searched so far (`matched` counts those only). The complete
    /// results of the same generation follow.
    pub complete: bool,
}

struct Request {
    generation: u64,
    query: String,
    limit: usize,
    /// Set when a newer query arrives. Each request has its own flag, so a
    /// newer query can never be mistaken for, or reset, an older one's.
    cancel: Arc<AtomicBool>,
}

/// A handle on the search thread.
pub struct Searcher {
    requests: Sender<Request>,
    results: Receiver<SearchResults>,
    latest: Arc<AtomicU64>,
    /// The flag of the newest request sent.
    running: Mutex<Arc<AtomicBool>>,
    set: Arc<CandidateSet>,
}

impl Searcher {
    /// Starts a search thread over `set`.
    pub fn spawn(set: Arc<CandidateSet>) -> Self {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, results) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let worker_set = Arc::clone(&set);
        thread::Builder::new()
            .name("dossier-search".into())
            .spawn(move || run(&worker_set, &inbox, &outbox))
            .ok();
        Searcher {
            requests,
            results,
            latest,
            running: Mutex::new(Arc::new(AtomicBool::new(false))),
            set,
        }
    }

    /// Asks for the `limit` best matches of `query`; returns its generation.
    /// Any query still running is cancelled.
    pub fn query(&self, query: &str, limit: usize) -> u64 {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let cancel = Arc::new(AtomicBool::new(false));
        {
            let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
            running.store(true, Ordering::SeqCst);
            *running = Arc::clone(&cancel);
        }
        // If the worker is gone, results simply never come.
        let _ = self.requests.send(Request {
            generation,
            query: query.to_string(),
            limit,
            cancel,
        });
        generation
    }

    /// The newest results that have arrived, if any (older ones are dropped).
    pub fn try_recv(&self) -> Option<SearchResults> {
        let mut newest = None;
        while let Ok(r) = self.results.try_recv() {
            newest = Some(r);
        }
        newest
    }

    /// Waits for the complete results of `generation` (for the CLI and tests).
    pub fn wait_for(&self, generation: u64) -> Option<SearchResults> {
        while let Ok(r) = self.results.recv() {
            if r.generation == generation && r.complete {
                return Some(r);
            }
        }
        None
    }

    /// The candidates searched.
    pub fn candidates(&self) -> &Arc<CandidateSet> {
        &self.set
    }
}

/// Candidates searched before the first partial results of a long search.
pub const FIRST_BLOCK: usize = 64 * 1024;

/// Largest block of candidates searched between two looks at the clock.
pub const MAX_BLOCK: usize = 1024 * 1024;

/// How often a long search sends the results found so far.
pub const PARTIAL_EVERY: Duration = Duration::from_millis(100);

/// Runs `query` over `set` (within `ids` when given) block by block (the
/// first of `first_block` candidates, each next one twice as large up to
/// [`MAX_BLOCK`]), calling `on_partial` with the best matches so far after
/// the first block and then at most every [`PARTIAL_EVERY`]. Returns every
/// match, in index order, with its quick score, and the `limit` best ranked
/// (exactly what [`crate::search::search`] gives), or None when cancelled.
/// Only a shortlist of the best is kept from block to block, so early
/// results cost no more than their block.
pub fn search_in_blocks(
    set: &CandidateSet,
    query: &Query,
    limit: usize,
    ids: Option<&[u32]>,
    first_block: usize,
    cancel: &AtomicBool,
    on_partial: &mut dyn FnMut(Vec<Match>, usize),
) -> Option<(Vec<Match>, Vec<Match>)> {
    let total = ids.map_or(set.len(), <[u32]>::len);
    let mut all: Vec<Match> = Vec::new();
    let mut best: Vec<Match> = Vec::new();
    let mut start = 0;
    let mut block = first_block.max(1);
    let mut last_sent: Option<Instant> = None;
    while start < total {
        let end = (start + block).min(total);
        let found = scan(set, query, ids, start..end, cancel)?;
        best.extend_from_slice(&found);
        best = shortlist(set, query, best, limit);
        all.extend(found);
        start = end;
        block = (block * 2).min(MAX_BLOCK);
        if start < total && last_sent.is_none_or(|t| t.elapsed() >= PARTIAL_EVERY) {
            on_partial(rank_shortlist(set, query, best.clone(), limit), all.len());
            last_sent = Some(Instant::now());
        }
    }
    Some((all, rank_shortlist(set, query, best, limit)))
}

fn run(set: &CandidateSet, inbox: &Receiver<Request>, outbox: &Sender<SearchResults>) {
    let mut previous: Option<(Query, Vec<u32>)> = None;
    while let Ok(mut request) = inbox.recv() {
        // Only the newest waiting request matters.
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        let cancel = &*request.cancel;
        let query = Query::new(&request.query);
        let within = previous
            .as_ref()
            .filter(|(q, _)| q.is_refined_by(&query))
            .map(|(_, ids)| ids.as_slice());
        let mut on_partial = |matches: Vec<Match>, matched: usize| {
            let _ = outbox.send(SearchResults {
                generation: request.generation,
                query: request.query.clone(),
                matches,
                matched,
                total: set.len(),
                complete: false,
            });
        };
        let Some((all, matches)) = search_in_blocks(
            set,
            &query,
            request.limit,
            within,
            FIRST_BLOCK,
            cancel,
            &mut on_partial,
        ) else {
            continue;
        };
        let results = SearchResults {
            generation: request.generation,
            query: request.query,
            matches,
            matched: all.len(),
            total: set.len(),
            complete: true,
        };
        previous = Some((query, all.iter().map(|m| m.index).collect()));
        if outbox.send(results).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_bundled;
    use crate::search::candidates::Scope;

    #[test]
    fn answers_the_latest_query() {
        let corpus = load_bundled();
        let searcher = Searcher::spawn(Arc::new(CandidateSet::build(&corpus, Scope::ALL)));
        searcher.query("tra", 10);
        let g = searcher.query("traite", 10);
        let r = searcher.wait_for(g).expect("results");
        assert_eq!(r.query, "traite");
        assert!(r.complete);
        assert!(!r.matches.is_empty());
        assert!(r.matched >= r.matches.len());
    }
}
