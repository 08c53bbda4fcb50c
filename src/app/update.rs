//! The reducer: the only place that changes [`State`], and the one file where
//! focus changes. It is pure: no I/O, no terminal. A message goes to the top
//! layer of the focus stack, which handles it or passes it down (to the
//! global keys); what layers ask for comes back as [`Cmd`]s, applied here;
//! then the layout is computed once and stored. What must happen outside
//! (asking the search worker, opening a URL) comes back as [`Effect`]s.

use crate::app::command::{Cmd, Cx, Target};
use crate::app::edit;
use crate::app::find_line;
use crate::app::global::{self, other_reader, typing};
use crate::app::help::{HelpPage, HelpState};
use crate::app::jump;
use crate::app::layers::{Focus, Pane, Popup};
use crate::app::layout::{self, NARROW_BELOW};
use crate::app::list::Sort;
use crate::app::mouse;
use crate::app::msg::{Effect, Msg};
use crate::app::reader::Reader;
use crate::app::search_bar;
use crate::app::state::{ListVisibility, Loading, Message, State, problem_row};
use crate::app::window::Window;
use crate::app::{Action, aligned, backlinks, list, outline, reader};
use crate::corpus::listing::{Filter, ListQuery};
use crate::model::Corpus;

mod pointer;
mod search;

use pointer::{click, wheel};
use search::{accept_result, cancel_search, find, open_search, preview_result};

/// Applies `msg` to `state`; what the event loop must do.
pub fn update(state: &mut State, msg: Msg, corpus: &Corpus) -> Vec<Effect> {
    let mut fx = Vec::new();
    if state.focus() != Focus::List {
        state.list_origin = None;
    }
    let before = aligned::places(state);
    let cmds = message(state, corpus, msg);
    apply(state, corpus, cmds, &mut fx);
    layout::relayout(state, corpus);
    let rows = layout::rows(state.layout.list);
    if let Some((generation, query, keep)) = state.list.take_requery() {
        fx.push(Effect::ListSize {
            generation,
            query,
            keep,
        });
    }
    let (offset, selected) = (state.list.offset, state.list.selected);
    if let Some(w) = state.list.window.as_mut() {
        fx.extend(w.wanted(offset, rows, selected));
    }
    if aligned::after(state, corpus, &before, layout::relayout) == aligned::Change::On
        && state.message.is_none()
    {
        let text = format!(
            "aligned paragraph by paragraph: {} {} step, {} scrolls separately",
            state.key(Action::NextParagraph),
            state.key(Action::PrevParagraph),
            state.key(Action::SyncScroll)
        );
        say(state, text, false);
    }
    fx
}

/// Sets up a new state: its first layout and focus, and what to say first.
pub(crate) fn start(state: &mut State, corpus: &Corpus, warnings: &[String]) {
    layout::relayout(state, corpus);
    if !state.list_shown() && !state.readers.is_empty() {
        focus(state, Pane::Reader(0));
    }
    if corpus.is_empty() {
        say(
            state,
            "no documents: give dossier a file or a directory (dossier PATH)",
            true,
        );
    } else if !state.problems.is_empty() {
        let text = skipped_message(state);
        say(state, text, true);
    }
    if !warnings.is_empty() {
        say(state, warnings.join("; "), true);
    }
    layout::relayout(state, corpus);
}

fn say(state: &mut State, text: impl Into<String>, warn: bool) {
    state.message = Some(Message {
        text: text.into(),
        warn,
    });
}

/// The message saying how many files were skipped and which key lists them.
fn skipped_message(state: &State) -> String {
    format!(
        "{} skipped — {} lists them with the reasons",
        crate::app::command::count(state.problems.len(), "file", "files"),
        state.key(Action::Problems)
    )
}

/// The warning for documents read with caveats, after any warning already
/// shown.
fn caveats_said(state: &State, caveats: &[String]) -> Vec<Cmd> {
    const SHOWN: usize = 2;
    if caveats.is_empty() {
        return Vec::new();
    }
    let mut summary = caveats[..caveats.len().min(SHOWN)].join("; ");
    if caveats.len() > SHOWN {
        summary.push_str(&format!(
            "; {} more (`dossier list PATHS` lists them)",
            caveats.len() - SHOWN
        ));
    }
    let text = match &state.message {
        Some(m) if m.warn => format!("{}; {summary}", m.text),
        _ => summary,
    };
    vec![Cmd::Say(
        crate::sanitize::inert_line(&text).into_owned(),
        true,
    )]
}

/// What the top layer (or the global keys) asks for, for `msg`.
fn message(state: &mut State, corpus: &Corpus, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::Resize(w, h) => {
            state.size = (w, h);
            layout::relayout(state, corpus);
            if state.focus() == Focus::List && !state.list_shown() && !state.readers.is_empty() {
                vec![Cmd::Focus(Pane::Reader(state.target_reader()))]
            } else {
                Vec::new()
            }
        }
        Msg::Results(r) => {
            let page = layout::rows(state.layout.results);
            match state.layers.search_mut() {
                Some(s) => s.receive(corpus, r, page),
                None => Vec::new(),
            }
        }
        Msg::Loaded(progress) => loaded(state, corpus, progress),
        Msg::ListKept(total) => list_kept(state, corpus, total),
        Msg::Skipped(problems) => {
            state.problems.extend(problems.iter().map(problem_row));
            Vec::new()
        }
        Msg::Char(c) if edit::typable(c) => typed(state, corpus, &c.to_string()),
        Msg::Char(_) => Vec::new(),
        Msg::Paste(text) => {
            let text = edit::one_line(&text);
            if text.is_empty() {
                return Vec::new();
            }
            if !typing(state.focus()) {
                apply(state, corpus, vec![Cmd::OpenSearch], &mut Vec::new());
            }
            typed(state, corpus, &text)
        }
        Msg::Click(x, y) => click(state, corpus, mouse::hit(state, corpus, x, y)),
        Msg::Wheel(x, y, down) => wheel(state, corpus, mouse::hit(state, corpus, x, y), down),
        Msg::Unbound(key) => {
            state.message = None;
            let text = format!(
                "{} does nothing here — {} lists the keys",
                crate::sanitize::inert_line(&key),
                state.key(Action::Help)
            );
            vec![Cmd::Say(text, false)]
        }
        Msg::Failed(reason) => vec![Cmd::Say(reason, true)],
        Msg::Status(text, warn) => vec![Cmd::Say(text, warn)],
        Msg::ListSize(generation, total, at) => list_size(state, generation, total, at),
        Msg::ListRows(generation, offset, rows) => {
            let over_list = matches!(state.focus(), Focus::List | Focus::Filter);
            let selected = state.list.selected;
            let Some(w) = state.list.window.as_mut() else {
                return Vec::new();
            };
            // Rows of an earlier query are dropped.
            if w.generation != generation {
                return Vec::new();
            }
            w.receive(offset, rows);
            // A new query's first row, its document fetched before: shown.
            match w.take_fresh(selected) {
                Some(doc) if over_list => vec![Cmd::Preview(doc)],
                _ => Vec::new(),
            }
        }
        Msg::Opened(id, doc) => opened(state, corpus, &id, doc),
        Msg::Citing(key) => {
            state.message = None;
            open_backlinks(state, corpus, &key);
            Vec::new()
        }
        Msg::Caveats(caveats) => caveats_said(state, &caveats),
        Msg::Backlinks(key) => vec![Cmd::Backlinks(key)],
        Msg::Action(a) => {
            state.message = None;
            route(state, corpus, a)
        }
    }
}

/// Text typed into the line that has focus.
fn typed(state: &mut State, corpus: &Corpus, text: &str) -> Vec<Cmd> {
    let page = layout::rows(state.layout.list);
    match state.layers.top_mut() {
        Some(Popup::Search(s, _)) => s.type_text(text),
        Some(Popup::Find(fi)) => vec![find_line::type_text(fi, text)],
        Some(Popup::Filter) => {
            let filter = format!("{}{text}", state.list.filter);
            state.list.set_filter(corpus, filter, page);
            vec![Cmd::Filtered]
        }
        _ => Vec::new(),
    }
}

/// Gives `a` to the top layer; what it passes down goes to the global keys.
fn route(state: &mut State, corpus: &Corpus, a: Action) -> Vec<Cmd> {
    let focus = state.focus();
    let State {
        layout: l,
        layers,
        list,
        readers,
        backlinks: bl,
        keys,
        ..
    } = state;
    let (l, keys) = (&*l, &*keys);
    let cx = |pane: Option<ratatui::layout::Rect>| Cx {
        corpus,
        keys,
        page: layout::rows(pane),
        view: (80, 20),
    };
    let handled = match focus {
        Focus::Search => layers
            .search_mut()
            .and_then(|s| search_bar::handle(s, a, &cx(l.results))),
        Focus::Find => match layers.find_mut().and_then(|fi| find_line::handle(fi, a)) {
            Some(f) => Some(vec![Cmd::Find(f)]),
            None if find_line::passes_down(a) => None,
            None => Some(Vec::new()),
        },
        Focus::Filter => list::handle_filter(list, a, &cx(l.list)),
        Focus::Outline => layers
            .outline_mut()
            .and_then(|o| outline::handle(o, a, &cx(l.outline))),
        Focus::Help => layers
            .help_mut()
            .and_then(|h| crate::app::help::handle(h, a, &cx(l.help))),
        Focus::Diff => layers
            .diff_mut()
            .and_then(|d| crate::app::diff::handle(d, a, &cx(l.diff))),
        Focus::Backlinks => bl
            .as_mut()
            .and_then(|b| backlinks::handle(b, a, &cx(l.backlinks))),
        Focus::List => list::handle(list, a, &cx(l.list)),
        Focus::Reader(i) => {
            let c = Cx {
                view: l.viewport(i),
                ..cx(None)
            };
            readers
                .get_mut(i)
                .and_then(|r| reader::keys::handle(r, i, a, &c))
        }
    };
    match handled {
        Some(cmds) => cmds,
        // The footnote key over a footnote: the next one, from the reader below.
        None if a == Action::Footnote && focus == Focus::Help => {
            state.layers.remove(Focus::Help);
            match state.focus() {
                Focus::Reader(_) => route(state, corpus, a),
                _ => Vec::new(),
            }
        }
        None => global::handle(state, corpus, a),
    }
}

/// Applies what the layers asked for, in order.
fn apply(state: &mut State, corpus: &Corpus, cmds: Vec<Cmd>, fx: &mut Vec<Effect>) {
    for cmd in cmds {
        match cmd {
            Cmd::Say(text, warn) => say(state, text, warn),
            Cmd::Effect(e) => fx.push(e),
            Cmd::Quit => state.quit = true,
            Cmd::Pop => close_top(state),
            Cmd::Push(popup) => push(state, corpus, popup),
            Cmd::Focus(pane) => focus(state, pane),
            Cmd::Preview(doc) => preview(state, corpus, doc),
            Cmd::Jump {
                reader,
                doc,
                target,
            } => {
                clear_popups(state);
                jump::jump(state, corpus, reader, doc, target);
                focus(state, Pane::Reader(reader));
            }
            Cmd::SideBySide { from, doc, target } => side_by_side(state, corpus, from, doc, target),
            Cmd::SideBySideFromList(doc) => side_by_side_from_list(state, corpus, doc),
            Cmd::Scrolled(i) if state.aligned.is_some() => aligned::follow(state, corpus, i),
            Cmd::Scrolled(i) => jump::sync_from(state, corpus, i),
            Cmd::LanguageBeside(i) => {
                let more = aligned::language_beside(state, corpus, i);
                apply(state, corpus, more, fx);
            }
            Cmd::StepParagraph { reader, forward } => {
                if let Some(text) = aligned::step(state, corpus, reader, forward) {
                    say(state, text, false);
                } else if state.aligned.is_none() {
                    jump::sync_from(state, corpus, reader);
                }
            }
            // A paged list's corpus holds only the documents fetched: those
            // citing the key are fetched first.
            Cmd::Backlinks(key) if state.list.window.as_ref().is_some_and(|w| !w.kept) => {
                say(state, format!("finding what cites {key}…"), false);
                fx.push(Effect::Citing(key));
            }
            Cmd::Backlinks(key) => open_backlinks(state, corpus, &key),
            Cmd::OpenCitation { side } => open_citation(state, corpus, side),
            Cmd::StepCitation(forward) => step_citation(state, corpus, forward),
            Cmd::CloseBacklinks => close_backlinks(state),
            Cmd::Leave(i) => leave(state, i),
            Cmd::PreviewResult => preview_result(state, corpus),
            Cmd::AcceptResult { side } => accept_result(state, corpus, side),
            Cmd::CancelSearch => cancel_search(state),
            Cmd::OpenFind(i) => {
                if let Some(r) = state.readers.get(i) {
                    let fi = crate::app::find_line::FindInput {
                        reader: i,
                        text: String::new(),
                        saved: (r.top, r.row),
                    };
                    push(state, corpus, Popup::Find(fi));
                }
            }
            Cmd::Find(f) => find(state, corpus, f),
            // A paged list says so when its source has answered.
            Cmd::Filtered if state.list.window.is_some() => {}
            Cmd::Filtered => {
                let (n, total) = (state.list.order.len(), state.list.total);
                if let Some(doc) = state.selected_doc() {
                    preview(state, corpus, doc);
                }
                if !state.list.filter.is_empty() && n == 0 {
                    say(state, format!("{NO_MATCH} (0/{total})"), false);
                }
            }
            Cmd::OpenSearch => open_search(state, fx),
            Cmd::Help(page) => help(state, page),
            Cmd::Note(marker, text) => {
                state.note = vec![(
                    crate::model::clean::superscript(&marker),
                    crate::sanitize::inert_line(&text).into_owned(),
                )];
                state.layers.remove(Focus::Help);
                state.layers.push(Popup::Help(HelpState {
                    page: HelpPage::Note,
                    ..HelpState::default()
                }));
            }
            Cmd::History { forward } => history(state, corpus, forward),
            Cmd::Swap => {
                state.readers.swap(0, 1);
                if let Pane::Reader(j) = state.layers.pane() {
                    focus(state, Pane::Reader(1 - j.min(1)));
                }
            }
            Cmd::CloseReader(j) => close_reader(state, j),
            Cmd::ToggleList => toggle_list(state),
        }
    }
}

/// Gives focus to `pane`, or to the nearest pane that exists.
fn focus(state: &mut State, pane: Pane) {
    let pane = match pane {
        Pane::Reader(_) if state.readers.is_empty() => Pane::List,
        Pane::Reader(i) => Pane::Reader(i.min(state.readers.len() - 1)),
        Pane::Backlinks if state.backlinks.is_none() => Pane::List,
        p => p,
    };
    if let Pane::Reader(i) = pane {
        state.last_reader = i;
        // On a narrow terminal a shown list covers the reader.
        if state.size.0 < NARROW_BELOW && state.list_visibility == ListVisibility::Shown {
            state.list_visibility = ListVisibility::Auto;
        }
    }
    if pane == Pane::List && !state.list_shown() {
        state.list_visibility = ListVisibility::Shown;
    }
    state.layers.set_pane(pane);
}

/// Closes every popup (the search bar restores the readers it was opened over).
fn clear_popups(state: &mut State) {
    while state.layers.top().is_some() {
        close_top(state);
    }
}

/// Closes the top popup as Esc would.
fn close_top(state: &mut State) {
    match state.layers.pop() {
        Some(Popup::Search(_, saved)) => state.readers = saved,
        Some(Popup::Find(fi)) => {
            if let Some(r) = state.readers.get_mut(fi.reader) {
                (r.top, r.row) = fi.saved;
                r.find = None;
            }
        }
        _ => {}
    }
}

fn push(state: &mut State, corpus: &Corpus, popup: Popup) {
    if let Popup::Find(fi) = &popup {
        // Fold the document now, so that typing only searches.
        if let Some(r) = state.readers.get(fi.reader) {
            if let Some(shown) = r.shown(corpus) {
                let d: &crate::model::Document = &shown;
                state.folds.get(r.doc, &d.text);
            }
        }
    }
    if matches!(popup, Popup::Outline(_)) {
        state.layers.remove(Focus::Outline);
    }
    state.layers.push(popup);
}

fn help(state: &mut State, page: HelpPage) {
    match state.layers.help_mut() {
        // `?` closes the popup whatever it shows (as its hint says).
        Some(h) if h.page == page || page == HelpPage::Keys => {
            state.layers.remove(Focus::Help);
        }
        Some(h) => *h = HelpState { page, ..*h },
        None => state.layers.push(Popup::Help(HelpState {
            page,
            ..HelpState::default()
        })),
    }
}

/// The list's selection shown in the first reader (where the reader was is
/// remembered once, for side by side and history).
fn preview(state: &mut State, corpus: &Corpus, doc: usize) {
    if state.readers.first().is_some_and(|r| r.doc == doc) {
        return;
    }
    if state.list_origin.is_none() {
        state.list_origin = jump::here(state, 0);
        if let Some(h) = state.list_origin.clone() {
            state.history.push(h);
        }
    }
    jump::place(state, corpus, 0, doc, Target::Top);
}

fn side_by_side(state: &mut State, corpus: &Corpus, from: usize, doc: usize, target: Target) {
    clear_popups(state);
    let other = other_reader(state, from);
    jump::place(state, corpus, other, doc, target);
    focus(state, Pane::Reader(other));
}

/// Opens `doc` beside the document read before browsing the list.
fn side_by_side_from_list(state: &mut State, corpus: &Corpus, doc: usize) {
    if let Some(o) = state.list_origin.take().filter(|o| o.doc != doc) {
        jump::place(state, corpus, 0, o.doc, Target::Top);
        let v = state.layout.viewport(0);
        if let (Some(r), Some(d)) = (state.readers.get_mut(0), corpus.get(o.doc)) {
            (r.top, r.row, r.current_ref) = (o.top, o.row, o.current_ref);
            r.clamp(d, v);
        }
    }
    side_by_side(state, corpus, 0, doc, Target::Top);
}

fn open_backlinks(state: &mut State, corpus: &Corpus, key: &str) {
    let i = state.target_reader();
    match jump::backlinks_of(state, corpus, key, i) {
        Some(b) => {
            clear_popups(state);
            state.backlinks = Some(b);
            focus(state, Pane::Backlinks);
            layout::relayout(state, corpus);
            // The pane takes rows from the reader: keep the cited place in view.
            let v = state.layout.viewport(i);
            if let Some(r) = state.readers.get_mut(i) {
                let at = corpus
                    .get(r.doc)
                    .and_then(|d| Some((d, d.references.get(r.current_ref?)?.start)));
                if let Some((d, at)) = at {
                    r.show_byte(d, at, v);
                }
            }
        }
        None => say(state, format!("nothing in this corpus cites {key}"), false),
    }
}

fn close_backlinks(state: &mut State) {
    state.backlinks = None;
    if state.layers.pane() == Pane::Backlinks {
        let i = state.last_reader;
        focus(state, Pane::Reader(i));
    }
}

/// Opens the backlinks pane's selected citation: in the target reader
/// (recorded in history, the pane closed), or beside it (`side`).
fn open_citation(state: &mut State, corpus: &Corpus, side: bool) {
    let Some(c) = state.backlinks.as_ref().and_then(|b| b.current()) else {
        return;
    };
    let i = state.last_reader.min(state.readers.len().saturating_sub(1));
    if side {
        let other = other_reader(state, i);
        jump::place(state, corpus, other, c.doc, Target::Reference(c.reference));
        state.last_reader = other;
        return;
    }
    let from_pane = state.layers.pane() == Pane::Backlinks;
    jump::jump(state, corpus, i, c.doc, Target::Reference(c.reference));
    if from_pane {
        state.backlinks = None;
    }
    focus(state, Pane::Reader(i));
}

/// Opens the next (or previous) citation of the backlinks pane in the
/// reader, the pane kept open and focus where it is.
fn step_citation(state: &mut State, corpus: &Corpus, forward: bool) {
    let page = layout::rows(state.layout.backlinks);
    let Some(b) = &mut state.backlinks else {
        return;
    };
    if !backlinks::step(b, forward, page) && b.items.len() < 2 {
        say(state, "this is the only place that cites it", false);
    }
    let Some(c) = state.backlinks.as_ref().and_then(|b| b.current()) else {
        return;
    };
    let i = state.last_reader.min(state.readers.len().saturating_sub(1));
    jump::jump(state, corpus, i, c.doc, Target::Reference(c.reference));
}

fn leave(state: &mut State, i: usize) {
    if state.readers.len() == 2 {
        close_reader(state, i);
    } else {
        focus(state, Pane::List);
    }
}

fn close_reader(state: &mut State, j: usize) {
    if state.readers.len() < 2 {
        return;
    }
    state.readers.remove(j.min(1));
    state.sync_scroll = false;
    state.last_reader = 0;
    if matches!(state.layers.pane(), Pane::Reader(_)) {
        focus(state, Pane::Reader(0));
    }
}

fn toggle_list(state: &mut State) {
    if state.list_shown() {
        state.list_visibility = ListVisibility::Hidden;
        if state.layers.pane() == Pane::List {
            let i = state.target_reader();
            focus(state, Pane::Reader(i));
        }
    } else {
        state.list_visibility = ListVisibility::Shown;
        focus(state, Pane::List);
    }
}

fn history(state: &mut State, corpus: &Corpus, forward: bool) {
    clear_popups(state);
    let i = state.target_reader();
    let Some(now) = jump::here(state, i) else {
        return;
    };
    let to = if forward {
        state.history.forward(now)
    } else {
        state.history.back(now)
    };
    match to {
        Some(to) => {
            let pane = jump::restore(state, corpus, &to);
            layout::relayout(state, corpus);
            let pane = match pane {
                Pane::List if !state.list_shown() => Pane::Reader(to.reader),
                p => p,
            };
            focus(state, pane);
        }
        None => say(
            state,
            if forward {
                "nothing to go forward to"
            } else {
                "nothing to go back to"
            },
            false,
        ),
    }
}

/// What is said when the filter keeps no row.
const NO_MATCH: &str = "no document matches";

/// The paged list has `total` rows under the query of `generation`: a new
/// query's rows replace the list's, the selection on row `at` (the
/// document selected before a sort) or the first (as a folder's filter
/// does); an answer to an older query is dropped.
fn list_size(state: &mut State, generation: u64, total: usize, at: Option<usize>) -> Vec<Cmd> {
    if generation != state.list.generation {
        return Vec::new();
    }
    let page = layout::rows(state.layout.list);
    let before = state.list.window.take();
    // The same query sized again (or the first answer) keeps the selection.
    let again = before.as_ref().is_none_or(|w| w.generation == generation);
    let keep = if again {
        state.list.selected
    } else {
        at.unwrap_or(0)
    };
    // Generation 0 is the whole list, sized when the source opened; a
    // filter or an order chosen before that is asked now.
    let query = if generation == 0 {
        ListQuery::default()
    } else {
        state.list.query()
    };
    if generation == 0 && query != state.list.query() {
        state.list.ask_again();
    }
    state.list.window = Some(Window::for_query(generation, query, total, before));
    state.list.order.clear();
    // The denominator of `12/340`: the list without a filter.
    if generation == 0 || Filter::new(&state.list.filter).is_empty() {
        state.list.listed = total;
    }
    if !again {
        state.list.offset = 0;
    }
    state.list.select(keep, page);
    // What was said while connecting is over, and so is an earlier
    // filter's "no document matches".
    let no_match = |m: &Message| m.text.starts_with(NO_MATCH);
    if generation == 0 || state.message.as_ref().is_some_and(no_match) {
        state.message = None;
    }
    if total > 0 {
        Vec::new()
    } else if !state.list.filter.is_empty() {
        let text = format!("{NO_MATCH} (0/{})", state.list.listed);
        vec![Cmd::Say(text, false)]
    } else {
        vec![Cmd::Say("the archive holds no document".into(), true)]
    }
}

/// Document `id`, asked for by the paged list, is `doc` in the corpus:
/// shown when its row is still the one selected (or no document is shown).
fn opened(state: &mut State, corpus: &Corpus, id: &str, doc: usize) -> Vec<Cmd> {
    let Some(w) = state.list.window.as_mut() else {
        return Vec::new();
    };
    w.fetched(id, doc);
    let selected =
        w.take_fresh(state.list.selected) == Some(doc) || w.doc(state.list.selected) == Some(doc);
    if state.readers.is_empty() && corpus.get(doc).is_some() {
        state.readers.push(Reader::new(corpus, doc));
        return Vec::new();
    }
    // Over the list, or its filter line (a folder's filter shows the
    // first row kept as it narrows).
    if selected && matches!(state.focus(), Focus::List | Focus::Filter) {
        return vec![Cmd::Preview(doc)];
    }
    // Arrived while the search bar was open over the list (an archive
    // that came back): Esc goes back to it, not to the row before.
    if selected && state.focus() == Focus::Search && state.layers.pane() == Pane::List {
        if let Some(first) = state.layers.search_saved_mut().and_then(|s| s.first_mut()) {
            if first.doc != doc && corpus.get(doc).is_some() {
                *first = Reader::new(corpus, doc);
            }
        }
    }
    Vec::new()
}

/// The whole list, kept beside the index, has `total` rows: shown while
/// the documents are read, unless the list was filtered or sorted already
/// (or reading is over).
fn list_kept(state: &mut State, corpus: &Corpus, total: usize) -> Vec<Cmd> {
    let list = &mut state.list;
    let as_read = list.filter.is_empty() && list.sort == Sort::Corpus;
    if state.loading.is_none() || list.window.is_some() || !as_read {
        return Vec::new();
    }
    let mut window = Window::kept(total);
    for (i, doc) in corpus.documents().iter().enumerate() {
        window.fetched(&doc.id, i);
    }
    list.window = Some(window);
    list.order.clear();
    list.listed = total;
    list.total = corpus.len();
    let (keep, page) = (list.selected, layout::rows(state.layout.list));
    list.select(keep, page);
    // The list is there: "no documents" said before it came is over.
    if state.message.as_ref().is_some_and(|m| m.warn) {
        state.message = None;
    }
    Vec::new()
}

/// Takes in documents added to the corpus while reading goes on: over the
/// list kept beside the index, each is its row's (shown if its row is the
/// one selected), and the documents' own list takes over once all are read.
fn loaded(state: &mut State, corpus: &Corpus, progress: Option<Loading>) -> Vec<Cmd> {
    let page = layout::rows(state.layout.list);
    let mut cmds = Vec::new();
    if state.list.window.as_ref().is_some_and(|w| w.kept) {
        for i in state.list.total..corpus.len() {
            if let Some(doc) = corpus.get(i) {
                cmds.extend(opened(state, corpus, &doc.id, i));
            }
        }
        state.list.total = corpus.len();
        if progress.is_none() {
            state.list.leave_kept(corpus, page);
        }
    }
    state.list.refresh(corpus, page);
    if state.readers.is_empty() && !corpus.is_empty() {
        state.readers.push(Reader::new(corpus, 0));
        if state.message.as_ref().is_some_and(|m| m.warn) {
            state.message = None;
        }
    }
    state.loading = progress;
    if progress.is_some() {
        return cmds;
    }
    state.list.warm(corpus);
    if state.list.sort != Sort::Corpus {
        let keep = state.list.sort;
        state.list.sort_by(corpus, keep, page);
    }
    if corpus.is_empty() {
        say(
            state,
            "no document could be read (dossier list PATHS says why)",
            true,
        );
    } else if !state.problems.is_empty() {
        let text = skipped_message(state);
        say(state, text, true);
    }
    cmds
}
