//! The explorer's state: the focus stack, the panes (list, readers,
//! backlinks) with their own sub-states, the layout of the current frame,
//! history and the status-line message. It never owns the corpus (which is
//! immutable and shared); it holds indexes into it. Only
//! [`crate::app::update`] changes it.

use crate::app::backlinks::BacklinksState;
use crate::app::find_line::FindInput;
use crate::app::help::{HelpPage, HelpState};
use crate::app::history::History;
use crate::app::keys::KeyNames;
use crate::app::layers::{Focus, Layers, Pane};
use crate::app::layout::Layout;
use crate::app::list::ListState;
use crate::app::outline::OutlineState;
use crate::app::reader::Reader;
use crate::app::search_bar::SearchState;
use crate::app::{Action, update};
use crate::input::config::Config;
use crate::model::Corpus;
use std::sync::Arc;

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

/// A transient message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// True for a warning or an error.
    pub warn: bool,
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
    /// Printed pages extracted so far (PDFs parsed, not served by the index).
    pub pages: usize,
    /// Seconds left at the pace so far, once reading has gone on long
    /// enough for the pace to mean something.
    pub eta_secs: Option<u64>,
}

/// The whole state of the explorer.
#[derive(Debug, Clone)]
pub struct State {
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Where every pane is, computed by the reducer whenever panes or the
    /// size change; drawing, paging and the mouse all read it.
    pub layout: Layout,
    /// Who receives keys: a pane at the bottom, popups above.
    pub layers: Layers,
    /// The document list.
    pub list: ListState,
    /// Whether the list is shown.
    pub list_visibility: ListVisibility,
    /// One or two readers (none for an empty corpus).
    pub readers: Vec<Reader>,
    /// The last focused reader (where opened documents go).
    pub last_reader: usize,
    /// The backlinks pane, when open.
    pub backlinks: Option<BacklinksState>,
    /// The help rows generated from the keymap.
    pub help_text: Arc<Vec<(String, String)>>,
    /// Files that were skipped, as (reason, path) made inert, for the
    /// skipped-files popup.
    pub problems: Vec<(String, String)>,
    /// The footnote shown by the footnote popup: (marker, text).
    pub note: Vec<(String, String)>,
    /// The key bound to each action, for messages.
    pub keys: KeyNames,
    /// Where back and forward go.
    pub history: History,
    /// True when the readers scroll together.
    pub sync_scroll: bool,
    /// The two readers' language versions aligned paragraph by paragraph,
    /// when they show two versions of one document.
    pub aligned: Option<crate::app::aligned::Aligned>,
    /// Alignments computed so far (each pair of documents aligned once).
    pub alignments: crate::app::aligned::AlignCache,
    /// The status-line message.
    pub message: Option<Message>,
    /// Where reader 0 was before the list started showing its selection in
    /// it (kept while the list has focus), so side by side can put it back.
    pub list_origin: Option<crate::app::history::Location>,
    /// Progress while documents are still being read, `None` once all are in.
    pub loading: Option<Loading>,
    /// Documents folded for the search in a document (folded once, searched
    /// on every keystroke).
    pub folds: crate::app::find::FoldCache,
    /// Widest a reader's text runs, in columns (a comfortable measure on
    /// wide terminals).
    pub measure: u16,
    /// Set when the explorer should exit.
    pub quit: bool,
}

impl State {
    /// The start state for `corpus` in a terminal of `size`, with the keys and
    /// settings of `config`.
    pub fn new(corpus: &Corpus, size: (u16, u16), config: &Config) -> Self {
        let readers = if corpus.is_empty() {
            Vec::new()
        } else {
            vec![Reader::new(corpus, 0)]
        };
        let mut state = State {
            size,
            layout: Layout::default(),
            layers: Layers::new(Pane::List),
            list: ListState::new(corpus),
            list_visibility: ListVisibility::Auto,
            readers,
            last_reader: 0,
            backlinks: None,
            help_text: Arc::new(crate::input::help::lines(&config.keymap)),
            problems: corpus.problems().iter().map(problem_row).collect(),
            note: Vec::new(),
            keys: crate::input::key_names(&config.keymap),
            history: History::default(),
            sync_scroll: false,
            aligned: None,
            alignments: Default::default(),
            message: None,
            list_origin: None,
            loading: None,
            folds: Default::default(),
            measure: config.reader_width,
            quit: false,
        };
        update::start(&mut state, corpus, &config.warnings);
        state
    }

    /// Who receives keys.
    pub fn focus(&self) -> Focus {
        self.layers.focus()
    }

    /// The search bar, when open.
    pub fn search(&self) -> Option<&SearchState> {
        self.layers.search()
    }

    /// The find line, when open.
    pub fn find_input(&self) -> Option<&FindInput> {
        self.layers.find()
    }

    /// The outline popup, when open.
    pub fn outline(&self) -> Option<&OutlineState> {
        self.layers.outline()
    }

    /// The help popup, when open.
    pub fn help(&self) -> Option<&HelpState> {
        self.layers.help()
    }

    /// The help popup's rows for `page`.
    pub fn help_rows(&self, page: HelpPage) -> &[(String, String)] {
        match page {
            HelpPage::Keys => &self.help_text,
            HelpPage::Problems => &self.problems,
            HelpPage::Note => &self.note,
        }
    }

    /// The corpus index of the selected list entry.
    pub fn selected_doc(&self) -> Option<usize> {
        self.list.selected_doc()
    }

    /// True when the list is shown at the current size.
    pub fn list_shown(&self) -> bool {
        match self.list_visibility {
            ListVisibility::Auto => self.size.0 >= crate::app::layout::NARROW_BELOW,
            ListVisibility::Shown => true,
            ListVisibility::Hidden => false,
        }
    }

    /// The key bound to `action`, for messages.
    pub fn key(&self, action: Action) -> String {
        self.keys.key(action)
    }

    /// The reader documents opened from lists and links go to.
    pub fn target_reader(&self) -> usize {
        match self.focus() {
            Focus::Reader(i) => i,
            _ => self.last_reader,
        }
        .min(self.readers.len().saturating_sub(1))
    }
}

/// A skipped file as a popup row: (reason, path), made inert.
pub fn problem_row(p: &crate::model::load::LoadProblem) -> (String, String) {
    (
        crate::sanitize::inert_line(&p.reason.to_string()).into_owned(),
        crate::sanitize::inert_line(&p.path.display().to_string()).into_owned(),
    )
}
