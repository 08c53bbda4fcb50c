//! The reducer: the only place that changes [`State`]. It is pure: no I/O, no
//! terminal. What must happen outside (asking the search worker, opening a
//! URL) comes back as [`Effect`]s for the event loop to carry out.

use crate::app::jump::{self, Target};
pub use crate::app::panes::{select_in_list, sort};
use crate::app::state::say;
use crate::app::state::{Focus, HelpPage, Loading, Reader, Sort, State};
use crate::app::{Action, panes, search_bar};
use crate::model::Corpus;
use crate::search::{Candidate, CandidateSet, SearchResults};

/// What the event loop feeds the reducer.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A command (from a key).
    Action(Action),
    /// A character typed into the search bar or the find line.
    Char(char),
    /// Text pasted (bracketed paste): goes into the search bar or the find
    /// line, opening the search bar when neither is being typed in.
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
    /// Put this text on the clipboard (through the terminal, OSC 52).
    Copy(String),
}

/// Moves `offset` so that `selected` is within a window of `height` rows.
pub fn keep_visible(offset: &mut usize, selected: usize, height: usize) {
    let height = height.max(1);
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + height {
        *offset = selected + 1 - height;
    }
}

/// Applies `msg` to `state`.
pub fn update(state: &mut State, msg: Msg, corpus: &Corpus) -> Vec<Effect> {
    let fx = apply(state, msg, corpus);
    state.settle_focus();
    fx
}

fn apply(state: &mut State, msg: Msg, corpus: &Corpus) -> Vec<Effect> {
    let mut fx = Vec::new();
    if state.focus != Focus::List {
        state.list_origin = None;
    }
    match msg {
        Msg::Resize(w, h) => {
            state.size = (w, h);
            if state.focus == Focus::List && !state.list_shown() && !state.readers.is_empty() {
                jump::focus_reader(state, state.target_reader());
            }
            clamp_readers(state, corpus);
            search_bar::highlight_visible(state, corpus);
        }
        Msg::Results(r) => search_bar::receive(state, corpus, r),
        Msg::Loaded(progress) => loaded(state, corpus, progress),
        Msg::Skipped(problems) => state
            .problems
            .extend(problems.iter().map(crate::app::state::problem_row)),
        Msg::Char(c) => typed(state, corpus, c, &mut fx),
        Msg::Paste(text) => pasted(state, corpus, &text, &mut fx),
        Msg::Click(x, y) => crate::app::mouse::click(state, corpus, x, y),
        Msg::Wheel(x, y, down) => crate::app::mouse::wheel(state, corpus, x, y, down),
        Msg::Action(a) => {
            state.message = None;
            if a == Action::Quit {
                state.quit = true;
            } else {
                act(state, corpus, a, &mut fx);
            }
        }
    }
    fx
}

/// Takes in documents added to the corpus while reading goes on.
fn loaded(state: &mut State, corpus: &Corpus, progress: Option<Loading>) {
    let known = state.list.order.len();
    state
        .list
        .order
        .extend((known..corpus.len()).map(|d| d as u32));
    if state.readers.is_empty() && !corpus.is_empty() {
        state.readers.push(Reader::new(corpus, 0));
        if state.message.as_ref().is_some_and(|m| m.warn) {
            state.message = None;
        }
    }
    let finished = progress.is_none();
    let skipped = state.problems.len();
    state.loading = progress;
    if finished {
        state.sorted.warm(corpus);
        if state.list.sort != Sort::Corpus {
            let keep = state.list.sort;
            sort(state, corpus, keep);
            state.message = None;
        }
        if corpus.is_empty() {
            say(
                state,
                "no document could be read (dossier list PATHS says why)",
                true,
            );
        } else if skipped > 0 {
            let text = crate::app::state::skipped_message(state);
            say(state, text, true);
        }
    }
}

fn clamp_readers(state: &mut State, corpus: &Corpus) {
    for i in 0..state.readers.len() {
        let v = jump::view(state, i);
        let r = &mut state.readers[i];
        if let Some(d) = corpus.get(r.doc) {
            r.clamp(d, v);
        }
    }
}

fn typed(state: &mut State, corpus: &Corpus, c: char, fx: &mut Vec<Effect>) {
    if c.is_control() || crate::sanitize::is_dangerous(c) {
        return;
    }
    match state.focus {
        Focus::Search => {
            search_bar::edit(state, fx, |s, cur| search_bar::insert(s, cur, c));
        }
        Focus::Find => {
            if let Some(f) = &mut state.find_input {
                f.text.push(c);
            }
            search_bar::refind(state, corpus);
        }
        _ => {}
    }
}

/// Longest paste taken into a one-line input, in characters.
const PASTE_MAX: usize = 1000;

/// `text` made fit for a one-line input: line breaks and tabs become spaces,
/// other control characters are dropped, runs of spaces are kept single.
pub fn one_line(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        };
        if c.is_control() || crate::sanitize::is_dangerous(c) {
            continue;
        }
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
        if out.chars().count() >= PASTE_MAX {
            break;
        }
    }
    out.trim_end().to_string()
}

fn pasted(state: &mut State, corpus: &Corpus, text: &str, fx: &mut Vec<Effect>) {
    let text = one_line(text);
    if text.is_empty() {
        return;
    }
    if !matches!(state.focus, Focus::Search | Focus::Find) {
        search_bar::open(state, fx);
    }
    match state.focus {
        Focus::Search => search_bar::edit(state, fx, |s, cur| {
            for c in text.chars() {
                search_bar::insert(s, cur, c);
            }
        }),
        Focus::Find => {
            if let Some(f) = &mut state.find_input {
                f.text.push_str(&text);
            }
            search_bar::refind(state, corpus);
        }
        _ => {}
    }
}

fn act(state: &mut State, corpus: &Corpus, a: Action, fx: &mut Vec<Effect>) {
    // Actions that mean the same everywhere.
    match a {
        Action::Help | Action::Problems => {
            let page = if a == Action::Help {
                HelpPage::Keys
            } else {
                HelpPage::Problems
            };
            if page == HelpPage::Problems && state.problems.is_empty() {
                say(state, "no file was skipped", false);
            } else if state.help.is_some() && (state.help_page == page || a == Action::Help) {
                // `?` closes the popup whatever it shows (as its hint says).
                state.help = None;
                state.focus = state.return_focus;
            } else {
                if state.help.is_none() {
                    state.return_focus = state.focus;
                }
                state.help = Some(0);
                state.help_page = page;
                state.focus = Focus::Help;
            }
            return;
        }
        Action::SearchBar if !matches!(state.focus, Focus::Search | Focus::Find) => {
            search_bar::open(state, fx);
            return;
        }
        _ => {}
    }
    match state.focus {
        Focus::Help => help(state, a),
        Focus::Search => search(state, corpus, a, fx),
        Focus::Find => find_line(state, corpus, a),
        Focus::Backlinks => backlinks(state, corpus, a),
        Focus::Outline => outline(state, corpus, a),
        Focus::List => panes::list(state, corpus, a, fx),
        Focus::Reader(i) => panes::reader(state, corpus, i, a, fx),
    }
}

/// Rows of a bordered pane, for page movements.
pub(crate) fn page(rect: Option<ratatui::layout::Rect>) -> usize {
    rect.map_or(10, |r| r.height.saturating_sub(2).max(1) as usize)
}

/// Movement within a list of `len` entries: the new selection.
pub(crate) fn moved(a: Action, selected: usize, len: usize, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    Some(match a {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => (selected + page).min(last),
        Action::HalfPageUp => selected.saturating_sub(page / 2),
        Action::HalfPageDown => (selected + page / 2).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    })
}

fn help(state: &mut State, a: Action) {
    if state.help.is_none() {
        return;
    }
    match a {
        Action::Close => {
            state.help = None;
            state.focus = state.return_focus;
        }
        _ => {
            let page = crate::app::help::page(state);
            if let Some(s) = moved(a, state.help.unwrap_or(0), usize::MAX, page) {
                crate::app::help::scroll_to(state, s);
            }
        }
    }
}

fn search(state: &mut State, corpus: &Corpus, a: Action, fx: &mut Vec<Effect>) {
    let page = page(jump::layout(state).results);
    match a {
        Action::Close => search_bar::cancel(state),
        Action::Open => search_bar::accept(state, corpus, false),
        Action::SideBySide => search_bar::accept(state, corpus, true),
        Action::DeleteChar => search_bar::edit(state, fx, search_bar::delete_char),
        Action::DeleteWord => search_bar::edit(state, fx, search_bar::delete_word),
        Action::ClearQuery => search_bar::edit(state, fx, |s, c| {
            s.clear();
            *c = 0;
        }),
        Action::CursorLeft => search_bar::edit(state, fx, |_, c| *c = c.saturating_sub(1)),
        Action::CursorRight => search_bar::edit(state, fx, |_, c| *c += 1),
        _ => {
            let Some(s) = &state.search else { return };
            if let Some(to) = moved(a, s.selected, s.results.len(), page) {
                let delta = to as isize - s.selected as isize;
                search_bar::move_selection(state, corpus, delta, page);
            }
        }
    }
}

fn find_line(state: &mut State, corpus: &Corpus, a: Action) {
    let Some(fi) = &mut state.find_input else {
        state.focus = Focus::Reader(state.target_reader());
        return;
    };
    let i = fi.reader;
    match a {
        Action::Open => {
            state.find_input = None;
            state.focus = Focus::Reader(i);
            if let Some(f) = state.readers.get(i).and_then(|r| r.find.as_ref()) {
                if f.hits.is_empty() {
                    let q = f.query.clone();
                    say(state, format!("no match for “{q}”"), true);
                }
            }
        }
        Action::Close => {
            let saved = fi.saved;
            state.find_input = None;
            state.focus = Focus::Reader(i);
            if let Some(r) = state.readers.get_mut(i) {
                (r.top, r.row) = saved;
                r.find = None;
            }
        }
        Action::DeleteChar => {
            fi.text.pop();
            search_bar::refind(state, corpus);
        }
        Action::DeleteWord | Action::ClearQuery => {
            let mut cur = fi.text.chars().count();
            if a == Action::ClearQuery {
                fi.text.clear();
            } else {
                search_bar::delete_word(&mut fi.text, &mut cur);
            }
            search_bar::refind(state, corpus);
        }
        Action::FindNext | Action::Down => search_bar::find_step(state, corpus, i, true),
        Action::FindPrev | Action::Up => search_bar::find_step(state, corpus, i, false),
        _ => {}
    }
}

fn backlinks(state: &mut State, corpus: &Corpus, a: Action) {
    let page = page(jump::layout(state).backlinks);
    let i = state.target_reader();
    match a {
        Action::Close | Action::Backlinks => {
            state.backlinks = None;
            state.focus = state.return_focus_or(i);
        }
        Action::Open => {
            state.focus = state.return_focus_or(i);
            jump::open_citation(state, corpus, i, true);
            state.backlinks = None;
        }
        Action::SideBySide => {
            let other = if state.readers.len() >= 2 {
                1 - i.min(1)
            } else {
                1
            };
            jump::open_citation(state, corpus, other, false);
            state.focus = Focus::Backlinks;
        }
        Action::FocusNext | Action::FocusPrev => {
            panes::cycle_focus(state, a == Action::FocusNext);
        }
        Action::Back | Action::Forward => {
            state.backlinks = None;
            state.focus = state.return_focus_or(i);
            jump::history_step(state, corpus, a == Action::Forward);
        }
        _ => {
            let Some(b) = &mut state.backlinks else {
                return;
            };
            if let Some(to) = moved(a, b.selected, b.items.len(), page) {
                b.selected = to;
                keep_visible(&mut b.offset, b.selected, page);
            }
        }
    }
}

fn outline(state: &mut State, corpus: &Corpus, a: Action) {
    let page = page(jump::layout(state).outline);
    let Some(o) = &mut state.outline else { return };
    match a {
        Action::Close | Action::Outline => {
            state.outline = None;
            state.focus = state.return_focus;
        }
        Action::Open => {
            let (i, line) = (o.reader, o.entries.get(o.selected).map(|e| e.line));
            state.outline = None;
            state.focus = state.return_focus;
            if let (Some(line), Some(doc)) = (line, state.readers.get(i).map(|r| r.doc)) {
                jump::jump(state, corpus, i, doc, Target::Line(line));
            }
        }
        _ => {
            if let Some(to) = moved(a, o.selected, o.entries.len(), page) {
                o.selected = to;
                keep_visible(&mut o.offset, o.selected, page);
            }
        }
    }
}
