//! The search bar (fzf-like, over documents, symbols, references and lines)
//! and the line where a search in the open document is typed.

use crate::app::jump::{self, Target};
use crate::app::state::say;
use crate::app::state::{FindInput, Focus, SearchState, State};
use crate::app::update::Found;
use crate::app::{Effect, find};
use crate::model::Corpus;
use crate::search::candidates::Candidate;
use crate::search::{CandidateKind, Query};

/// Results asked of the search worker per query.
pub const LIMIT: usize = 1000;

/// Opens the search bar, remembering the view to restore on Esc.
pub fn open(state: &mut State, fx: &mut Vec<Effect>) {
    if state.search.is_some() {
        state.focus = Focus::Search;
        return;
    }
    let saved_focus = match state.focus {
        Focus::List | Focus::Reader(_) => state.focus,
        _ => state.return_focus_or(state.target_reader()),
    };
    state.search = Some(SearchState {
        input: String::new(),
        cursor: 0,
        query: Query::new(""),
        results: Vec::new(),
        matched: 0,
        total: 0,
        pending: true,
        selected: 0,
        offset: 0,
        highlights: Vec::new(),
        saved: (state.readers.clone(), saved_focus),
    });
    state.backlinks = None;
    state.outline = None;
    state.help = None;
    state.focus = Focus::Search;
    fx.push(Effect::Query(String::new()));
}

/// Closes the search bar and restores the view it was opened from.
pub fn cancel(state: &mut State) {
    if let Some(s) = state.search.take() {
        state.readers = s.saved.0;
        state.focus = s.saved.1;
    }
}

/// Edits the query; asks for new results.
pub fn edit(state: &mut State, fx: &mut Vec<Effect>, f: impl FnOnce(&mut String, &mut usize)) {
    let Some(s) = &mut state.search else { return };
    let before = s.input.clone();
    f(&mut s.input, &mut s.cursor);
    s.cursor = s.cursor.min(s.input.chars().count());
    if s.input != before {
        s.pending = true;
        fx.push(Effect::Query(s.input.clone()));
    }
}

/// Inserts `c` at the cursor.
pub fn insert(input: &mut String, cursor: &mut usize, c: char) {
    let at = byte_at(input, *cursor);
    input.insert(at, c);
    *cursor += 1;
}

/// Deletes the character before the cursor.
pub fn delete_char(input: &mut String, cursor: &mut usize) {
    if *cursor == 0 {
        return;
    }
    let at = byte_at(input, *cursor - 1);
    input.remove(at);
    *cursor -= 1;
}

/// Deletes the word before the cursor.
pub fn delete_word(input: &mut String, cursor: &mut usize) {
    let chars: Vec<char> = input.chars().collect();
    let mut i = (*cursor).min(chars.len());
    while i > 0 && chars[i - 1] == ' ' {
        i -= 1;
    }
    while i > 0 && chars[i - 1] != ' ' {
        i -= 1;
    }
    let rest: String = chars[*cursor..].iter().collect();
    *input = chars[..i].iter().collect::<String>() + &rest;
    *cursor = i;
}

fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// Takes results from the search worker (ignored when they answer an older query).
pub fn receive(state: &mut State, corpus: &Corpus, r: Found) {
    let Some(s) = &mut state.search else { return };
    if r.query != s.input {
        return;
    }
    let refining = s.query.raw() == r.query && !s.results.is_empty();
    let before = s.results.get(s.selected).copied();
    s.query = Query::new(&r.query);
    s.results = r.items;
    s.matched = r.matched;
    s.total = r.total;
    s.pending = !r.complete;
    if !refining {
        s.selected = 0;
        s.offset = 0;
    }
    s.selected = s.selected.min(s.results.len().saturating_sub(1));
    s.highlights = vec![None; s.results.len()];
    highlight_visible(state, corpus);
    let Some(s) = &mut state.search else { return };
    // Nothing typed yet: keep showing what was being read.
    let typed = !s.input.trim().is_empty();
    if typed && (!refining || s.results.get(s.selected).copied() != before) {
        preview(state, corpus);
    } else if !typed {
        let saved = s.saved.0.clone();
        state.readers = saved;
    }
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
pub fn highlight_visible(state: &mut State, corpus: &Corpus) {
    let page = crate::app::update::page(jump::layout(state).results);
    let Some(s) = &mut state.search else { return };
    crate::app::update::keep_visible(&mut s.offset, s.selected, page);
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

/// The candidate of the selected result.
pub fn selected(state: &State) -> Option<Candidate> {
    let s = state.search.as_ref()?;
    s.results.get(s.selected).copied()
}

fn target_of(c: &Candidate) -> Target {
    match c.kind {
        CandidateKind::Document => Target::Top,
        CandidateKind::Symbol | CandidateKind::Reference => Target::Reference(c.reference as usize),
        CandidateKind::Line => Target::Line(c.line as usize),
    }
}

/// Shows the selected result in the reader.
pub fn preview(state: &mut State, corpus: &Corpus) {
    if let Some(c) = selected(state) {
        let i = match state.search.as_ref().map(|s| s.saved.1) {
            Some(Focus::Reader(i)) => i,
            _ => 0,
        };
        jump::place(state, corpus, i, c.doc as usize, target_of(&c));
        carry_query(state, corpus, i, &c);
    }
}

/// The word of the search bar's query worth highlighting in the reader: its longest term.
fn query_word(state: &State) -> Option<String> {
    query_word_of(&state.search.as_ref()?.input)
}

fn query_word_of(input: &str) -> Option<String> {
    input
        .split_whitespace()
        .map(|w| w.trim_matches(|c| matches!(c, '\'' | '^' | '$' | '!' | '|')))
        .filter(|w| w.chars().count() >= 2)
        .max_by_key(|w| w.chars().count())
        .map(str::to_string)
}

/// Highlights the search bar's query in reader `i` (as a search in the document).
fn carry_query(state: &mut State, corpus: &Corpus, i: usize, c: &Candidate) {
    let Some(word) = query_word(state) else {
        return;
    };
    let Some(r) = state.readers.get_mut(i) else {
        return;
    };
    let Some(d) = corpus.get(r.doc) else { return };
    let from = d.lines.start((c.line as usize).max(1));
    if let Some(f) = r.find.as_mut().filter(|f| f.query == word) {
        f.current = first_from(&f.hits, from);
    } else if !set_find(state, corpus, i, word, from) {
        state.readers[i].find = None;
    }
}

/// Index of the first hit at or after byte `from` (the first hit when none is).
fn first_from(hits: &[(u32, u32)], from: usize) -> usize {
    let k = hits.partition_point(|h| (h.0 as usize) < from);
    if k < hits.len() { k } else { 0 }
}

/// Makes `query` reader `i`'s search in its document (none when `query` is
/// empty), the current hit the first at or after byte `from`. True when
/// something matched. The document is folded once and kept folded while it
/// is searched, so each keystroke only scans the folded text.
pub fn set_find(state: &mut State, corpus: &Corpus, i: usize, query: String, from: usize) -> bool {
    let Some(doc) = state.readers.get(i).map(|r| r.doc) else {
        return false;
    };
    let Some(d) = corpus.get(doc) else {
        return false;
    };
    let hits = if query.is_empty() {
        Vec::new()
    } else {
        let folded = state.folds.get(doc, &d.text);
        find::find_in(&folded, &d.text, &query)
    };
    let found = !hits.is_empty();
    let current = first_from(&hits, from);
    if let Some(r) = state.readers.get_mut(i) {
        r.find = (!query.is_empty()).then_some(crate::app::state::Find {
            query,
            hits,
            current,
        });
    }
    found
}

/// Opens the selected result (`side`: in the second reader) and closes the bar.
pub fn accept(state: &mut State, corpus: &Corpus, side: bool) {
    let Some(c) = selected(state) else {
        say(state, "no result to open", false);
        return;
    };
    let Some(s) = state.search.take() else { return };
    let (saved_readers, saved_focus) = s.saved;
    state.readers = saved_readers;
    state.focus = saved_focus;
    let i = match saved_focus {
        Focus::Reader(i) => i,
        _ => 0,
    };
    let word = query_word_of(&s.input);
    if side && !state.readers.is_empty() {
        jump::side_by_side(state, corpus, i, c.doc as usize, target_of(&c));
    } else {
        jump::jump(state, corpus, i, c.doc as usize, target_of(&c));
    }
    let j = state.target_reader();
    let from = state
        .readers
        .get(j)
        .and_then(|r| corpus.get(r.doc))
        .map(|d| d.lines.start((c.line as usize).max(1)));
    if let (Some(word), Some(from)) = (word, from) {
        if !set_find(state, corpus, j, word, from) {
            state.readers[j].find = None;
        }
    }
}

/// Moves the selected result by `delta`, previewing it.
pub fn move_selection(state: &mut State, corpus: &Corpus, delta: isize, page: usize) {
    let Some(s) = &mut state.search else { return };
    if s.results.is_empty() {
        return;
    }
    let last = s.results.len() - 1;
    s.selected = (s.selected as isize + delta).clamp(0, last as isize) as usize;
    crate::app::update::keep_visible(&mut s.offset, s.selected, page);
    highlight_visible(state, corpus);
    preview(state, corpus);
}

/// Opens the line where a search in reader `i`'s document is typed (and
/// folds the document now, so that typing only searches).
pub fn open_find(state: &mut State, corpus: &Corpus, i: usize) {
    let Some(r) = state.readers.get(i) else {
        return;
    };
    if let Some(d) = corpus.get(r.doc) {
        state.folds.get(r.doc, &d.text);
    }
    let Some(r) = state.readers.get(i) else {
        return;
    };
    state.find_input = Some(FindInput {
        reader: i,
        text: String::new(),
        saved: (r.top, r.row),
    });
    state.focus = Focus::Find;
}

/// Re-runs the search in the document after the typed text changed.
pub fn refind(state: &mut State, corpus: &Corpus) {
    let Some(fi) = &state.find_input else { return };
    let (i, text) = (fi.reader, fi.text.clone());
    let v = jump::view(state, i);
    let Some(r) = state.readers.get(i) else {
        return;
    };
    let Some(d) = corpus.get(r.doc) else { return };
    let from = d.lines.start(r.top_line(d));
    set_find(state, corpus, i, text, from);
    let r = &mut state.readers[i];
    if let Some(h) = r.find.as_ref().and_then(|f| f.hits.get(f.current)) {
        r.show_byte(d, h.0 as usize, v);
    }
}

/// Moves to the next (`forward`) or previous hit of reader `i`'s search.
pub fn find_step(state: &mut State, corpus: &Corpus, i: usize, forward: bool) {
    let v = jump::view(state, i);
    let Some(r) = state.readers.get_mut(i) else {
        return;
    };
    let Some(d) = corpus.get(r.doc) else { return };
    let Some(f) = &mut r.find else {
        let k = state.key(crate::app::Action::Find);
        say(
            state,
            format!("no search in this document: {k} starts one"),
            false,
        );
        return;
    };
    if f.hits.is_empty() {
        let q = f.query.clone();
        say(state, format!("no match for “{q}”"), true);
        return;
    }
    let n = f.hits.len();
    f.current = if forward {
        (f.current + 1) % n
    } else {
        (f.current + n - 1) % n
    };
    let h = f.hits[f.current];
    r.show_byte(d, h.0 as usize, v);
}
