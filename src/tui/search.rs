//! The search worker as the event loop sees it: its index is built in the
//! background (after all documents are read), queries wait for it, results
//! are polled, never waited for.

use crate::app::{self, Found};
use crate::model::Corpus;
use crate::search::{CandidateSet, Scope, Searcher};
use std::sync::{Arc, mpsc};

/// The search worker, built in the background so the first frame never waits for it.
pub(super) struct Search {
    pending: Option<mpsc::Receiver<Searcher>>,
    searcher: Option<Searcher>,
    waiting_query: Option<String>,
}

impl Search {
    /// A search with no index yet (documents still being read).
    pub(super) fn idle() -> Search {
        Search {
            pending: None,
            searcher: None,
            waiting_query: None,
        }
    }

    /// Builds the index of `corpus` in the background; queries wait for it.
    pub(super) fn begin(&mut self, corpus: &Arc<Corpus>) {
        let started = Search::start(corpus);
        self.pending = started.pending;
    }

    fn start(corpus: &Arc<Corpus>) -> Search {
        let (tx, rx) = mpsc::channel();
        let corpus = Arc::clone(corpus);
        let _ = std::thread::Builder::new()
            .name("dossier-index".into())
            .spawn(move || {
                let set = Arc::new(CandidateSet::build(&corpus, Scope::ALL));
                let _ = tx.send(Searcher::spawn(set));
            });
        Search {
            pending: Some(rx),
            searcher: None,
            waiting_query: None,
        }
    }

    pub(super) fn query(&mut self, q: String) {
        match &self.searcher {
            Some(s) => {
                s.query(&q, app::search_bar::LIMIT);
            }
            None => self.waiting_query = Some(q),
        }
    }

    /// Results that arrived, if any.
    pub(super) fn poll(&mut self) -> Option<Found> {
        if let Some(rx) = &self.pending {
            if let Ok(s) = rx.try_recv() {
                self.searcher = Some(s);
                self.pending = None;
                if let Some(q) = self.waiting_query.take() {
                    self.query(q);
                }
            }
        }
        let s = self.searcher.as_ref()?;
        let r = s.try_recv()?;
        Some(Found::new(r, s.candidates()))
    }
}
