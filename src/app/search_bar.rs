//! The search bar (fzf-like, over documents, symbols, references and
//! lines): what is typed, the results, and what its keys do. Results are
//! asked of the search worker through [`Effect::Query`]. The readers to
//! restore on Esc are kept by its layer ([`crate::app::layers::Popup`]).

use crate::app::Action;
use crate::app::command::{Cmd, Cx, Target, keep_visible, moved};
use crate::app::edit;
use crate::app::msg::{Effect, Found};
use crate::model::Corpus;
use crate::search::candidates::Candidate;
use crate::search::{CandidateKind, Query};

/// Results asked of the search worker per query.
pub const LIMIT: usize = 1000;

/// The search bar: the query, its results, and the readers to restore on Esc.
#[derive(Debug, Clone)]
pub struct SearchState {
    /// What is typed.
    pub input: String,
    /// Cursor position in characters.
    pub cursor: usize,
    /// The query the results answer.
    pub query: Query,
    /// Best results, best first.
    pub results: Vec<Candidate>,
    /// How many candidates matched.
    pub matched: usize,
    /// How many candidates there are.
    pub total: usize,
    /// True when more matched than `matched` says.
    pub more: bool,
    /// True while results for `input` are awaited.
    pub pending: bool,
    /// Selected result.
    pub selected: usize,
    /// First visible result.
    pub offset: usize,
    /// Matched character positions in each result's shown text, computed by
    /// the reducer for the results around the visible ones (`None`: not yet).
    pub highlights: Vec<Option<Vec<usize>>>,
    /// The reader results are previewed in.
    pub reader: usize,
}

impl SearchState {
    /// An empty search bar, previewing in reader `reader`.
    pub fn new(reader: usize) -> Self {
        SearchState {
            input: String::new(),
            cursor: 0,
            query: Query::new(""),
            results: Vec::new(),
            matched: 0,
            total: 0,
            more: false,
            pending: true,
            selected: 0,
            offset: 0,
            highlights: Vec::new(),
            reader,
        }
    }

    /// The selected result.
    pub fn selected(&self) -> Option<Candidate> {
        self.results.get(self.selected).copied()
    }

    /// True when something other than spaces is typed.
    pub fn typed(&self) -> bool {
        !self.input.trim().is_empty()
    }

    /// Edits the query; the query to ask for when it changed.
    pub fn edit(&mut self, f: impl FnOnce(&mut String, &mut usize)) -> Vec<Cmd> {
        let before = self.input.clone();
        f(&mut self.input, &mut self.cursor);
        self.cursor = self.cursor.min(self.input.chars().count());
        if self.input == before {
            return Vec::new();
        }
        self.pending = true;
        vec![Cmd::Effect(Effect::Query(self.input.clone()))]
    }

    /// Types `text` at the cursor.
    pub fn type_text(&mut self, text: &str) -> Vec<Cmd> {
        self.edit(|s, cur| {
            for c in text.chars() {
                edit::insert(s, cur, c);
            }
        })
    }

    /// Moves the selection to `to` (clamped).
    pub fn select(&mut self, corpus: &Corpus, to: usize, page: usize) -> Vec<Cmd> {
        if self.results.is_empty() {
            return Vec::new();
        }
        self.selected = to.min(self.results.len() - 1);
        highlight_visible(self, corpus, page);
        vec![Cmd::PreviewResult]
    }

    /// Takes results from the search worker (ignored when they answer an
    /// older query); asks for a preview when the selection changed.
    pub fn receive(&mut self, corpus: &Corpus, r: Found, page: usize) -> Vec<Cmd> {
        if r.query != self.input {
            return Vec::new();
        }
        let refining = self.query.raw() == r.query && !self.results.is_empty();
        let before = self.selected();
        self.query = Query::new(&r.query);
        self.results = r.items;
        self.matched = r.matched;
        self.total = r.total;
        self.more = r.more;
        self.pending = !r.complete;
        if !refining {
            self.selected = 0;
            self.offset = 0;
        }
        self.selected = self.selected.min(self.results.len().saturating_sub(1));
        self.highlights = vec![None; self.results.len()];
        highlight_visible(self, corpus, page);
        if !self.typed() || !refining || self.selected() != before {
            vec![Cmd::PreviewResult]
        } else {
            Vec::new()
        }
    }

    /// The word of the query worth highlighting in the reader: its longest term.
    pub fn query_word(&self) -> Option<String> {
        query_word_of(&self.input)
    }
}

/// What a key does in the search bar; `None` passes it down.
pub fn handle(s: &mut SearchState, a: Action, cx: &Cx) -> Option<Vec<Cmd>> {
    Some(match a {
        Action::Close => vec![Cmd::CancelSearch],
        Action::Open => vec![Cmd::AcceptResult { side: false }],
        Action::SideBySide => vec![Cmd::AcceptResult { side: true }],
        Action::DeleteChar => s.edit(edit::delete_char),
        Action::DeleteWord => s.edit(edit::delete_word),
        Action::ClearQuery => s.edit(|q, c| {
            q.clear();
            *c = 0;
        }),
        Action::CursorLeft => s.edit(|_, c| *c = c.saturating_sub(1)),
        Action::CursorRight => s.edit(|_, c| *c += 1),
        Action::Help | Action::Problems | Action::Quit => return None,
        _ => match moved(a, s.selected, s.results.len(), cx.page) {
            Some(to) => s.select(cx.corpus, to, cx.page),
            // Modal: nothing else reaches the panes below.
            None => Vec::new(),
        },
    })
}

/// Longest part of a result's text shown and examined for highlighting (as
/// in the CLI): a 5 MB line costs no more than a short one.
pub const SHOWN_MAX_BYTES: usize = 16 * 1024;

/// The text of result `c` as the results pane shows it: its first
/// [`SHOWN_MAX_BYTES`] bytes, made inert.
pub fn shown_text(corpus: &Corpus, c: &Candidate) -> String {
    let text = crate::search::candidates::display_text(corpus, c);
    let mut end = text.len().min(SHOWN_MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    crate::sanitize::inert_line(&text[..end]).into_owned()
}

/// Computes the highlighted positions of the results on screen and a page
/// either side (once per result and query), so drawing only reads them.
pub fn highlight_visible(s: &mut SearchState, corpus: &Corpus, page: usize) {
    keep_visible(&mut s.offset, s.selected, page);
    let from = s.offset.saturating_sub(page);
    let to = (s.offset + 2 * page).min(s.results.len());
    s.highlights.resize(s.results.len(), None);
    for k in from..to {
        if s.highlights[k].is_none() {
            let text = shown_text(corpus, &s.results[k]);
            s.highlights[k] = Some(crate::search::highlight_positions(&s.query, &text));
        }
    }
}

/// Where result `c` opens in its document.
pub fn target_of(c: &Candidate) -> Target {
    match c.kind {
        CandidateKind::Document => Target::Top,
        CandidateKind::Symbol | CandidateKind::Reference => Target::Reference(c.reference as usize),
        CandidateKind::Line => Target::Line(c.line as usize),
    }
}

fn query_word_of(input: &str) -> Option<String> {
    input
        .split_whitespace()
        .map(|w| w.trim_matches(|c| matches!(c, '\'' | '^' | '$' | '!' | '|')))
        .filter(|w| w.chars().count() >= 2)
        .max_by_key(|w| w.chars().count())
        .map(str::to_string)
}
