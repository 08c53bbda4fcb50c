//! The search worker as the event loop sees it: its index is built in the
//! background, results are polled, never waited for. While documents are
//! still being read, the index covers those read so far and is rebuilt as more
//! arrive (only while the search bar is open); the last query is asked again
//! of each new index.

use crate::app::window::ListRow;
use crate::app::{self, Found, Msg};
use crate::corpus::ListQuery;
use crate::corpus::kept::Listed;
use crate::model::Corpus;
use crate::search::{CandidateSet, Scope, Searcher};
use std::sync::{Arc, mpsc};

/// The search worker, built in the background so the first frame never waits for it.
pub(super) struct Search {
    /// An index being built, and how many documents it covers.
    pending: Option<(mpsc::Receiver<Searcher>, usize)>,
    searcher: Option<Searcher>,
    /// Documents the current index covers.
    indexed: usize,
    /// The last query asked (asked again of a newer index).
    last_query: Option<String>,
    /// The list kept beside the index, shown while the documents are read:
    /// its pages are answered from it.
    kept: Option<Listed>,
    /// Answers for the reducer, waiting for the event loop.
    answers: Vec<Msg>,
}

impl Search {
    /// A search with no index yet (documents still being read).
    pub(super) fn idle() -> Search {
        Search {
            pending: None,
            searcher: None,
            indexed: 0,
            last_query: None,
            kept: None,
            answers: Vec::new(),
        }
    }

    /// Builds the index of `corpus` in the background (replacing any build
    /// under way); queries go to it once it is ready. The build holds the
    /// corpus only while it runs.
    pub(super) fn begin(&mut self, corpus: &Arc<Corpus>) {
        let (tx, rx) = mpsc::channel();
        let snapshot = Arc::clone(corpus);
        let docs = corpus.len();
        let _ = std::thread::Builder::new()
            .name("dossier-index".into())
            .spawn(move || {
                let set = Arc::new(CandidateSet::build(&snapshot, Scope::ALL));
                drop(snapshot);
                let _ = tx.send(Searcher::spawn(set));
            });
        self.pending = Some((rx, docs));
    }

    /// While documents are read: builds an index of those read so far when
    /// none is being built and enough new ones arrived since the last (half
    /// as many again), so searching can start before reading ends.
    pub(super) fn refresh(&mut self, corpus: &Arc<Corpus>) {
        let n = corpus.len();
        if self.pending.is_some() || n == 0 || n <= self.indexed + self.indexed / 2 {
            return;
        }
        self.begin(corpus);
    }

    /// Keeps `listed`, the whole list kept beside the index, to answer its
    /// pages while the documents are read; its number of rows.
    pub(super) fn keep_list(&mut self, listed: Listed) -> usize {
        let rows = listed.row_count();
        self.kept = Some(listed);
        rows
    }

    /// Forgets the kept list (the documents are all read).
    pub(super) fn forget_list(&mut self) {
        self.kept = None;
    }

    /// The answers waiting for the reducer.
    pub(super) fn take_answers(&mut self) -> Vec<Msg> {
        std::mem::take(&mut self.answers)
    }

    fn ask(&mut self, q: String) {
        if let Some(s) = &self.searcher {
            s.query(&q, app::search_bar::LIMIT);
        }
        self.last_query = Some(q);
    }

    /// Results that arrived, if any.
    pub(super) fn poll(&mut self) -> Option<Found> {
        if let Some((rx, docs)) = &self.pending {
            match rx.try_recv() {
                Ok(s) => {
                    self.indexed = *docs;
                    self.searcher = Some(s);
                    self.pending = None;
                    if let Some(q) = self.last_query.clone() {
                        self.ask(q);
                    }
                }
                Err(mpsc::TryRecvError::Disconnected) => self.pending = None,
                Err(mpsc::TryRecvError::Empty) => {}
            }
        }
        let s = self.searcher.as_ref()?;
        let r = s.try_recv()?;
        Some(Found::new(r, s.candidates()))
    }
}

use super::effects::ListAsk;

impl super::effects::Backend for Search {
    fn query(&mut self, query: String) {
        self.ask(query);
    }

    /// The corpus in memory is listed whole: no size is asked.
    fn list_size(&mut self, _ask: ListAsk, _keep: Option<String>) {}

    /// The corpus in memory is listed whole: a page is asked only of the
    /// list kept beside the index, while the documents are read.
    fn list_page(&mut self, ask: ListAsk, offset: usize, limit: usize) {
        let Some(kept) = &self.kept else { return };
        if ask.query != ListQuery::default() {
            return;
        }
        let rows = kept.page(offset, limit).iter().map(ListRow::of).collect();
        self.answers
            .push(Msg::ListRows(ask.generation, offset, rows));
    }

    /// Every document is in memory, or on its way from the reading: none is
    /// fetched.
    fn open(&mut self, _id: String) {}

    /// Every citing document is in memory: none is fetched.
    fn citing(&mut self, _key: String) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_bundled;
    use std::time::{Duration, Instant};

    /// Polls until results for `query` arrive.
    fn results(search: &mut Search, query: &str) -> Found {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(f) = search.poll() {
                if f.query == query && f.complete {
                    return f;
                }
            }
            assert!(Instant::now() < deadline, "no results for {query}");
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    #[test]
    fn documents_read_so_far_are_searched_and_the_query_asked_again_as_more_arrive() {
        let all = load_bundled().documents().to_vec();
        let mut corpus = Arc::new(Corpus::new(all[..2].to_vec(), Vec::new()));
        let mut search = Search::idle();
        search.ask("conference".into());
        search.refresh(&corpus);
        let first = results(&mut search, "conference");
        assert!(first.items.iter().all(|c| c.doc < 2));
        assert!(!first.items.is_empty());
        // The build let go of the corpus: more documents can come in.
        let deadline = Instant::now() + Duration::from_secs(20);
        while Arc::get_mut(&mut corpus).is_none() {
            assert!(Instant::now() < deadline, "the index build kept the corpus");
            std::thread::sleep(Duration::from_millis(2));
        }
        Arc::get_mut(&mut corpus).unwrap().extend(all[2..].to_vec());
        search.refresh(&corpus);
        let more = results(&mut search, "conference");
        assert!(
            more.items.iter().any(|c| c.doc >= 2),
            "the new documents are searched"
        );
        assert!(more.total > first.total);
        // Too few new documents since the last index: no rebuild.
        search.refresh(&corpus);
        assert!(search.pending.is_none());
    }
}
