//! The search bar and the find line as the reducer carries them out:
//! opening and closing the bar (the readers it was opened over restored),
//! previewing and opening a result with its words highlighted, and the
//! search in a document.

use super::{clear_popups, close_top, focus, say, side_by_side};
use crate::app::find_line::FindCmd;
use crate::app::jump;
use crate::app::layers::{Focus, Pane, Popup};
use crate::app::msg::Effect;
use crate::app::search_bar::{self, SearchState};
use crate::app::state::State;
use crate::model::Corpus;

pub(super) fn open_search(state: &mut State, fx: &mut Vec<Effect>) {
    if state.search().is_some() {
        while state.focus() != Focus::Search {
            close_top(state);
        }
        return;
    }
    clear_popups(state);
    state.backlinks = None;
    if state.layers.pane() == Pane::Backlinks {
        focus(state, Pane::Reader(state.target_reader()));
    }
    let reader = match state.layers.pane() {
        Pane::Reader(i) => i,
        _ => 0,
    };
    state.layers.push(Popup::Search(
        Box::new(SearchState::new(reader)),
        state.readers.clone(),
    ));
    fx.push(Effect::Query(String::new()));
}

pub(super) fn cancel_search(state: &mut State) {
    if let Some(Popup::Search(_, saved)) = state.layers.remove(Focus::Search) {
        state.readers = saved;
    }
}

/// Shows the search bar's selected result in the reader it previews in (or
/// the readers it was opened over, while nothing is typed).
pub(super) fn preview_result(state: &mut State, corpus: &Corpus) {
    let Some(s) = state.search() else { return };
    if !s.typed() {
        if let Some(saved) = state.layers.search_saved() {
            state.readers = saved.to_vec();
        }
        return;
    }
    let (i, word) = (s.reader, s.query_word());
    let Some(c) = s.selected() else { return };
    jump::place(state, corpus, i, c.doc as usize, search_bar::target_of(&c));
    carry_query(state, corpus, i, word, c.line as usize);
}

/// Highlights the search bar's query word in reader `i` (as a search in the
/// document), the current hit at or after line `line`.
fn carry_query(state: &mut State, corpus: &Corpus, i: usize, word: Option<String>, line: usize) {
    let Some(word) = word else { return };
    let Some(r) = state.readers.get_mut(i) else {
        return;
    };
    let Some(shown) = r.shown(corpus) else { return };
    let d: &crate::model::Document = &shown;
    let from = d.lines.start(line.max(1));
    if let Some(f) = r.find.as_mut().filter(|f| f.query == word) {
        f.current = crate::app::reader::first_from(&f.hits, from);
    } else if !jump::set_find(state, corpus, i, word, from) {
        state.readers[i].find = None;
    }
}

pub(super) fn accept_result(state: &mut State, corpus: &Corpus, side: bool) {
    let Some(c) = state.search().and_then(SearchState::selected) else {
        say(state, "no result to open", false);
        return;
    };
    let word = state.search().and_then(SearchState::query_word);
    cancel_search(state);
    let i = match state.layers.pane() {
        Pane::Reader(i) => i,
        _ => 0,
    };
    let target = search_bar::target_of(&c);
    if side && !state.readers.is_empty() {
        side_by_side(state, corpus, i, c.doc as usize, target);
    } else {
        jump::jump(state, corpus, i, c.doc as usize, target);
        focus(state, Pane::Reader(i));
    }
    let j = state.target_reader();
    carry_query(state, corpus, j, word, c.line as usize);
}

pub(super) fn find(state: &mut State, corpus: &Corpus, f: FindCmd) {
    let Some(fi) = state.find_input().cloned() else {
        return;
    };
    let i = fi.reader;
    match f {
        FindCmd::Refind => jump::refind(state, corpus, i, fi.text),
        FindCmd::Accept => {
            state.layers.remove(Focus::Find);
            if let Some(x) = state.readers.get(i).and_then(|r| r.find.as_ref()) {
                if x.hits.is_empty() {
                    let q = x.query.clone();
                    say(state, format!("no match for “{q}”"), true);
                }
            }
        }
        FindCmd::Cancel => close_top(state),
        FindCmd::Step(forward) => {
            let v = state.layout.viewport(i);
            if let Some(r) = state.readers.get_mut(i) {
                if let Some(shown) = r.shown(corpus) {
                    let d: &crate::model::Document = &shown;
                    if let Err(crate::app::reader::FindStep::NoMatch(q)) =
                        r.find_step(d, forward, v)
                    {
                        say(state, format!("no match for “{q}”"), true);
                    }
                }
            }
        }
    }
}
