//! One interface to a corpus, whatever holds it: the documents read into
//! memory ([`crate::model::Corpus`]) or a PostgreSQL archive
//! ([`crate::archive::Archive`]). The command line asks a [`Source`] and
//! never knows which backend answers.

pub mod context;
pub mod kept;
pub mod listing;
mod memory;
pub mod stored_row;
pub mod view;

use crate::model::{Document, LookupError, RefKind};
pub use listing::{ListQuery, Sort as ListSort};
use thiserror::Error;
pub use view::{CitationRow, CitedBy, DocumentRow, MemberRow, ReferenceRow, VersionRow};

/// Why a corpus could not answer.
#[derive(Debug, Error)]
pub enum SourceError {
    /// The document asked for is not there, or not only one is.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// The question cannot be answered as asked; the message says why.
    #[error("{0}")]
    Unanswerable(String),
    /// The question was withdrawn before it was answered (a newer one
    /// made it useless, and the backend was asked to stop).
    #[error("the question was withdrawn before it was answered")]
    Cancelled,
    /// The backend failed (a server gone, a schema too new); one line,
    /// with no password in it.
    #[error("{0}")]
    Backend(String),
}

/// A slice of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Rows skipped.
    pub offset: usize,
    /// Most rows returned.
    pub limit: usize,
}

/// What the list holds (all of it, or what a query keeps), before any
/// page of it is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListSummary {
    /// How many rows (one per symbol, or per document without one).
    pub rows: usize,
    /// How many of them have a symbol.
    pub with_symbol: usize,
}

/// A document opened to be read in full.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The document.
    pub doc: Document,
    /// The id of the agenda document its agenda item names, when the
    /// corpus has it.
    pub agenda_document: Option<String>,
}

/// One thing a search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// `document`, `symbol`, `reference` or `line`.
    pub kind: &'static str,
    /// The document's id.
    pub doc: String,
    /// The line it points at; none for a document.
    pub line: Option<u32>,
    /// The backend's own score (higher is better).
    pub score: u32,
    /// The text found.
    pub text: String,
}

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// How many matched in all (at least `hits.len()`), or at least how
    /// many when `more` is set.
    pub matched: usize,
    /// True when more may match than `matched` says: the backend stopped
    /// looking at its limit rather than count every match (the archive,
    /// so that a common word answers as fast as a rare one).
    pub more: bool,
}

/// A corpus that can be listed, read and searched for citations.
pub trait Source {
    /// How big the list is, as `query` narrows it.
    fn list_summary(&self, query: &ListQuery) -> Result<ListSummary, SourceError>;

    /// A page of the list as `query` narrows and orders it (see
    /// [`listing`]: every backend answers the same): one row per symbol
    /// (its best version) or per document without a symbol.
    fn list(&self, query: &ListQuery, page: Page) -> Result<Vec<DocumentRow>, SourceError>;

    /// The row of document `id` in the list `query` asks for; `None` when
    /// the list does not show it (filtered out, or not a listed version).
    fn list_position(&self, query: &ListQuery, id: &str) -> Result<Option<usize>, SourceError>;

    /// The document `query` names (an id, a unique id prefix, a path or a
    /// symbol; a symbol names the version the list shows), in language
    /// `lang` when given.
    fn open(&self, query: &str, lang: Option<&str>) -> Result<Opened, SourceError>;

    /// Every reference of the kinds given (all when none), in corpus and
    /// text order.
    fn references(&self, kinds: &[RefKind]) -> Result<Vec<ReferenceRow>, SourceError>;

    /// What is known of the citations of canonical `key`.
    fn cited_by(&self, key: &str) -> Result<CitedBy, SourceError>;

    /// The citations of canonical `key`, in corpus and text order, made one
    /// at a time where the backend can.
    fn citations<'a>(
        &'a self,
        key: &str,
    ) -> Result<Box<dyn Iterator<Item = CitationRow> + 'a>, SourceError>;

    /// The cited keys (sorted, at most `limit`) whose target, folded
    /// (case, accents), is `folded_target`.
    fn keys_for_target(
        &self,
        folded_target: &str,
        limit: usize,
    ) -> Result<Vec<String>, SourceError>;

    /// The family of the document `query` names: its label and members
    /// (none when it has no family).
    fn family(&self, query: &str) -> Result<(String, Vec<MemberRow>), SourceError>;

    /// The language versions and renderings of the document `query` names.
    fn versions(&self, query: &str) -> Result<Vec<VersionRow>, SourceError>;

    /// What `query` finds (titles, symbols, reference keys, lines), best
    /// first, at most `limit`; each backend ranks in its own way (in
    /// memory: fuzzy matching; an archive: full text in each document's
    /// language and trigrams).
    fn search(&self, query: &str, limit: usize) -> Result<Found, SourceError>;

    /// A page of every document (each language version and rendering), in
    /// corpus order: what a scan of the whole text (`grep`) reads.
    fn documents(&self, page: Page) -> Result<Vec<Document>, SourceError>;

    /// Ends a command's use of the source just before the process ends:
    /// dropped (an archive says goodbye to its server), unless freeing it
    /// is only cost (a corpus in memory).
    fn close(self: Box<Self>) {}
}

/// Every row of the list `query` asks for, page after page.
pub fn list_all(
    source: &dyn Source,
    query: &ListQuery,
    page_size: usize,
) -> Result<Vec<DocumentRow>, SourceError> {
    let mut rows = Vec::new();
    loop {
        let page = source.list(
            query,
            Page {
                offset: rows.len(),
                limit: page_size,
            },
        )?;
        let done = page.len() < page_size;
        rows.extend(page);
        if done {
            return Ok(rows);
        }
    }
}
