//! What goes into the reducer ([`Msg`]) and what comes out for the event
//! loop to carry out ([`Effect`]).

use crate::app::Action;
use crate::app::state::Loading;
use crate::corpus::ListQuery;
use crate::search::{Candidate, CandidateSet, SearchResults};

/// What the event loop feeds the reducer.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A command (from a key).
    Action(Action),
    /// A key bound to nothing where it was pressed (its name, for the message).
    Unbound(String),
    /// A character typed into the search bar, the find line or the filter.
    Char(char),
    /// Text pasted (bracketed paste): goes into the line being typed in,
    /// opening the search bar when none is.
    Paste(String),
    /// Search results arrived.
    Results(Found),
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
    /// A left click at (column, row).
    Click(u16, u16),
    /// The wheel turned at (column, row); `down` when scrolling down.
    Wheel(u16, u16, bool),
    /// More documents were added to the corpus (already in it); `None` when
    /// reading is finished.
    Loaded(Option<Loading>),
    /// Files that could not be read, and why.
    Skipped(Vec<crate::model::load::LoadProblem>),
    /// Documents read with caveats (bytes replaced, a text cut short), said
    /// once reading is over so that they are never silent.
    Caveats(Vec<String>),
    /// An effect could not be carried out (the reason, for the status line).
    Failed(String),
    /// The list is paged: under the query of this generation it has this
    /// many rows, none known yet, and the document asked to be kept
    /// selected is at this row.
    ListSize(u64, usize, Option<usize>),
    /// Rows of the paged list under the query of this generation, from
    /// this offset.
    ListRows(u64, usize, Vec<crate::app::window::ListRow>),
    /// The whole list, as kept beside the index for the files being read,
    /// has this many rows: shown (its rows asked as a paged list's) until
    /// the documents are all read.
    ListKept(usize),
    /// The document of this id, asked for, is in the corpus at this index.
    Opened(String, usize),
    /// The documents citing this key, asked for, are in the corpus: show
    /// its backlinks.
    Citing(String),
    /// Something to say in the status line about where the documents come
    /// from (`warn` for a warning).
    Status(String, bool),
    /// Show what cites this key (`decision:4/4`, `symbol:A/RES/80/1`) in the
    /// backlinks pane.
    Backlinks(String),
}

/// Results of a search, with candidates looked up.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The query answered.
    pub query: String,
    /// The best candidates, best first.
    pub items: Vec<Candidate>,
    /// How many matched.
    pub matched: usize,
    /// How many candidates there are.
    pub total: usize,
    /// True when more matched than `matched` says (an archive stops
    /// counting at its limit).
    pub more: bool,
    /// False while the search is still refining these results.
    pub complete: bool,
}

impl Found {
    /// Looks up the candidates of `r` in `set`.
    pub fn new(r: SearchResults, set: &CandidateSet) -> Self {
        Found {
            query: r.query,
            items: r
                .matches
                .iter()
                .filter(|m| (m.index as usize) < set.len())
                .map(|m| set.get(m.index as usize))
                .collect(),
            matched: r.matched,
            total: r.total,
            more: false,
            complete: r.complete,
        }
    }
}

/// Something the event loop must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Ask the search worker for this query.
    Query(String),
    /// Open this URL with the platform opener (one argument, never a shell).
    OpenUrl(String),
    /// Ask how many rows the (paged) list has under this query.
    ListSize {
        /// The query's generation, given back with the answer.
        generation: u64,
        /// What the list is narrowed and ordered by.
        query: ListQuery,
        /// The id of a document whose row to say too (to keep it selected).
        keep: Option<String>,
    },
    /// Ask for this page of the (paged) list under this query.
    ListPage {
        /// The query's generation, given back with the answer.
        generation: u64,
        /// What the list is narrowed and ordered by.
        query: ListQuery,
        /// Rows skipped.
        offset: usize,
        /// Most rows.
        limit: usize,
    },
    /// Fetch the document of this id into the corpus.
    Open(String),
    /// Fetch the documents citing this key into the corpus.
    Citing(String),
    /// Put this text on the clipboard (through the terminal, OSC 52).
    Copy(String),
}
