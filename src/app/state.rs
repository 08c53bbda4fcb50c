//! The explorer's state: which pane has focus, the list, the readers, the
//! search bar and the popups. It never owns the corpus (which is immutable and
//! shared); it holds indexes into it. Only [`crate::app::update`] changes it.

use crate::app::action::Action;
use crate::app::history::{History, Location};
use crate::app::text::Segments;
use crate::model::{Citation, Corpus};
use crate::search::{Candidate, Query};
use std::collections::HashMap;
use std::sync::Arc;

/// Which pane or popup receives keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The document list.
    #[default]
    List,
    /// Reader 0 or 1.
    Reader(usize),
    /// The search bar and its results.
    Search,
    /// The line where a search in the document is typed.
    Find,
    /// The backlinks pane.
    Backlinks,
    /// The outline popup.
    Outline,
    /// The help screen.
    Help,
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// As loaded.
    #[default]
    Corpus,
    /// Newest first.
    Date,
    /// By symbol (or id).
    Symbol,
    /// By title.
    Title,
}

impl Sort {
    /// The next order in the cycle.
    pub fn next(self) -> Sort {
        match self {
            Sort::Corpus => Sort::Date,
            Sort::Date => Sort::Symbol,
            Sort::Symbol => Sort::Title,
            Sort::Title => Sort::Corpus,
        }
    }

    /// Name shown in the list title.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Corpus => "file order",
            Sort::Date => "date",
            Sort::Symbol => "symbol",
            Sort::Title => "title",
        }
    }
}

/// Whether the list is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListVisibility {
    /// Shown when the terminal is at least 60 columns wide.
    #[default]
    Auto,
    /// Shown (on a narrow terminal it takes the whole width).
    Shown,
    /// Hidden.
    Hidden,
}

/// The document list.
#[derive(Debug, Clone, Default)]
pub struct ListState {
    /// Corpus indexes in display order.
    pub order: Vec<u32>,
    /// Selected position in `order`.
    pub selected: usize,
    /// First visible position.
    pub offset: usize,
    /// The current order.
    pub sort: Sort,
}

/// A search in the open document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    /// What was typed.
    pub query: String,
    /// Byte ranges of every hit, in order.
    pub hits: Vec<(u32, u32)>,
    /// The current hit.
    pub current: usize,
}

/// One reader: a document and where it is scrolled to.
#[derive(Debug, Clone)]
pub struct Reader {
    /// Corpus index of the document.
    pub doc: usize,
    /// Its display segments.
    pub segs: Arc<Segments>,
    /// First visible segment.
    pub top: usize,
    /// First visible row within that segment.
    pub row: usize,
    /// The selected reference (index in the document's references).
    pub current_ref: Option<usize>,
    /// The search in the document, when there is one.
    pub find: Option<Find>,
}

impl Reader {
    /// A reader at the top of document `doc`.
    pub fn new(corpus: &Corpus, doc: usize) -> Self {
        let segs = corpus
            .get(doc)
            .map(|d| Arc::new(Segments::new(d)))
            .unwrap_or_default();
        let top = corpus.get(doc).map_or(0, |d| first_text(d, &segs));
        Reader {
            doc,
            segs,
            top,
            row: 0,
            current_ref: None,
            find: None,
        }
    }
}

/// The first segment with text: many documents start with blank lines.
pub fn first_text(doc: &crate::model::Document, segs: &Segments) -> usize {
    (0..segs.len().min(40))
        .find(|&i| !doc.text[segs.range(i)].trim().is_empty())
        .unwrap_or(0)
}

/// The search bar: the query, its results, and the view to restore on Esc.
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
    /// True while results for `input` are awaited.
    pub pending: bool,
    /// Selected result.
    pub selected: usize,
    /// First visible result.
    pub offset: usize,
    /// Matched character positions in each result's shown text, computed by
    /// the reducer for the results around the visible ones (`None`: not yet).
    pub highlights: Vec<Option<Vec<usize>>>,
    /// Readers and focus before the search opened.
    pub saved: (Vec<Reader>, Focus),
}

/// The line where a search in the document is typed.
#[derive(Debug, Clone, Default)]
pub struct FindInput {
    /// The reader searched.
    pub reader: usize,
    /// What is typed.
    pub text: String,
    /// The reader's position before, restored on Esc.
    pub saved: (usize, usize),
}

/// The backlinks pane: every citation of one key.
#[derive(Debug, Clone, Default)]
pub struct BacklinksState {
    /// The key (`decision:4/4`).
    pub key: String,
    /// The citations.
    pub items: Vec<Citation>,
    /// Selected citation.
    pub selected: usize,
    /// First visible citation.
    pub offset: usize,
}

/// One entry of an outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    /// Nesting depth (0 top).
    pub depth: u8,
    /// What is shown.
    pub label: String,
    /// 1-based line it jumps to.
    pub line: usize,
}

/// The outline popup of a reader's document.
#[derive(Debug, Clone, Default)]
pub struct OutlineState {
    /// The reader it belongs to.
    pub reader: usize,
    /// Its entries.
    pub entries: Vec<OutlineEntry>,
    /// Selected entry.
    pub selected: usize,
    /// First visible entry.
    pub offset: usize,
}

/// A transient message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// True for a warning or an error.
    pub warn: bool,
}

/// The whole state of the explorer.
#[derive(Debug, Clone)]
pub struct State {
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Who receives keys.
    pub focus: Focus,
    /// The last focused reader (where opened documents go).
    pub last_reader: usize,
    /// The list.
    pub list: ListState,
    /// Whether the list is shown.
    pub list_visibility: ListVisibility,
    /// One or two readers (none for an empty corpus).
    pub readers: Vec<Reader>,
    /// The search bar, when open.
    pub search: Option<SearchState>,
    /// The line where a search in the document is typed, when open.
    pub find_input: Option<FindInput>,
    /// The backlinks pane, when open.
    pub backlinks: Option<BacklinksState>,
    /// The outline popup, when open.
    pub outline: Option<OutlineState>,
    /// Help scroll position, when help is shown.
    pub help: Option<usize>,
    /// The help text (set from the keymap), to stop scrolling at its end.
    pub help_text: Arc<Vec<(String, String)>>,
    /// What the help popup shows: the keys, or the skipped files.
    pub help_page: HelpPage,
    /// Files that were skipped, as (reason, path) made inert, for the
    /// skipped-files popup.
    pub problems: Vec<(String, String)>,
    /// Where back and forward go.
    pub history: History,
    /// True when the readers scroll together.
    pub sync_scroll: bool,
    /// The status-line message.
    pub message: Option<Message>,
    /// Where reader 0 was before the list started showing its selection in
    /// it (kept while the list has focus), so side by side can put it back.
    pub list_origin: Option<Location>,
    /// Where focus returns when a popup (help, outline, backlinks) closes.
    pub return_focus: Focus,
    /// The key shown for each action in messages (filled from the keymap).
    pub key_names: HashMap<Action, String>,
    /// Progress while documents are still being read, `None` once all are in.
    pub loading: Option<Loading>,
    /// Documents folded for the search in a document (folded once, searched
    /// on every keystroke).
    pub folds: crate::app::find::FoldCache,
    /// The list's orders, computed once.
    pub sorted: crate::app::panes::SortCache,
    /// Set when the explorer should exit.
    pub quit: bool,
}

/// How far reading the documents has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loading {
    /// Files read so far.
    pub done: usize,
    /// Files to read.
    pub total: usize,
    /// Files skipped so far (unreadable, binary, …).
    pub skipped: usize,
}

impl State {
    /// The start state for `corpus` in a terminal of `size`.
    pub fn new(corpus: &Corpus, size: (u16, u16)) -> Self {
        let order = (0..corpus.len() as u32).collect();
        let readers = if corpus.is_empty() {
            Vec::new()
        } else {
            vec![Reader::new(corpus, 0)]
        };
        let mut state = State {
            size,
            focus: Focus::List,
            last_reader: 0,
            list: ListState {
                order,
                ..ListState::default()
            },
            list_visibility: ListVisibility::Auto,
            readers,
            search: None,
            find_input: None,
            backlinks: None,
            outline: None,
            help: None,
            help_text: Arc::default(),
            help_page: HelpPage::Keys,
            problems: corpus.problems().iter().map(problem_row).collect(),
            history: History::default(),
            sync_scroll: false,
            message: None,
            list_origin: None,
            return_focus: Focus::List,
            key_names: HashMap::new(),
            loading: None,
            folds: Default::default(),
            sorted: Default::default(),
            quit: false,
        };
        if !state.list_shown() && !state.readers.is_empty() {
            state.focus = Focus::Reader(0);
        }
        if corpus.is_empty() {
            state.message = Some(Message {
                text: "no documents: give dossier a file or a directory (dossier PATH)".into(),
                warn: true,
            });
        } else if !corpus.problems().is_empty() {
            state.message = Some(Message {
                text: skipped_message(&state),
                warn: true,
            });
        }
        state
    }

    /// The help popup's rows for its current page.
    pub fn help_rows(&self) -> &[(String, String)] {
        match self.help_page {
            HelpPage::Keys => &self.help_text,
            HelpPage::Problems => &self.problems,
        }
    }

    /// The corpus index of the selected list entry.
    pub fn selected_doc(&self) -> Option<usize> {
        self.list.order.get(self.list.selected).map(|&d| d as usize)
    }

    /// True when the list is shown at the current size.
    pub fn list_shown(&self) -> bool {
        match self.list_visibility {
            ListVisibility::Auto => self.size.0 >= 60,
            ListVisibility::Shown => true,
            ListVisibility::Hidden => false,
        }
    }

    /// The key bound to `action`, for messages (its name when unbound).
    pub fn key(&self, action: Action) -> String {
        self.key_names
            .get(&action)
            .cloned()
            .unwrap_or_else(|| action.name().to_string())
    }

    /// The reader documents opened from lists and links go to.
    pub fn target_reader(&self) -> usize {
        self.last_reader.min(self.readers.len().saturating_sub(1))
    }
}

/// What the help popup shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HelpPage {
    /// Every key binding.
    #[default]
    Keys,
    /// The files that were skipped, and why.
    Problems,
}

/// A skipped file as a popup row: (reason, path), made inert.
pub fn problem_row(p: &crate::model::load::LoadProblem) -> (String, String) {
    (
        crate::sanitize::inert_line(&p.reason.to_string()).into_owned(),
        crate::sanitize::inert_line(&p.path.display().to_string()).into_owned(),
    )
}

/// The status-line message saying how many files were skipped and which key lists them.
pub fn skipped_message(state: &State) -> String {
    format!(
        "{} file(s) skipped — {} lists them with the reasons",
        state.problems.len(),
        state.key(Action::Problems)
    )
}

/// Sets a status-line message.
pub fn say(state: &mut State, text: impl Into<String>, warn: bool) {
    state.message = Some(Message {
        text: text.into(),
        warn,
    });
}

impl State {
    /// The pane focus goes back to from a popup, defaulting to reader `i`.
    pub fn return_focus_or(&self, i: usize) -> Focus {
        match self.return_focus {
            Focus::Reader(j) if j < self.readers.len() => self.return_focus,
            Focus::List => Focus::List,
            _ if self.readers.is_empty() => Focus::List,
            _ => Focus::Reader(i.min(self.readers.len() - 1)),
        }
    }

    /// Puts focus back on something that exists (a closed pane's focus goes
    /// to a reader, or to the list when there is none).
    pub fn settle_focus(&mut self) {
        let ok = match self.focus {
            Focus::List => true,
            Focus::Reader(i) => i < self.readers.len(),
            Focus::Search => self.search.is_some(),
            Focus::Find => self.find_input.is_some(),
            Focus::Backlinks => self.backlinks.is_some(),
            Focus::Outline => self.outline.is_some(),
            Focus::Help => self.help.is_some(),
        };
        if !ok {
            self.focus = if self.search.is_some() {
                Focus::Search
            } else if self.readers.is_empty() {
                Focus::List
            } else {
                Focus::Reader(self.target_reader())
            };
        }
    }
}
