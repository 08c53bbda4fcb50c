//! Search: the candidates a person can find (documents, symbols, references,
//! lines), fuzzy matching and ranking over them, and a worker thread that runs
//! queries off the UI thread, cancelling stale ones as the user types.

pub mod candidates;
pub mod matcher;
pub mod worker;

pub use candidates::{Candidate, CandidateKind, CandidateSet, Scope};
pub use matcher::{MAX_QUERY_CHARS, Match, Query, SearchOutcome, highlight_positions, search};
pub use worker::{SearchResults, Searcher, search_in_blocks};
