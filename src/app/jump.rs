//! Jumps: opening a document in a reader at a line or a reference, following
//! references, backlinks, the agenda item, history, side by side.

use crate::app::Action;
use crate::app::history::Location;
use crate::app::layout::Layout;
use crate::app::state::{BacklinksState, Focus, OutlineState, Reader, State, say};
use crate::model::{Corpus, RefKind};
use ratatui::layout::Rect;

/// Where to put a document when it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Its beginning.
    Top,
    /// A 1-based line.
    Line(usize),
    /// One of its references (selected).
    Reference(usize),
}

/// The layout of `state` at its current size.
pub fn layout(state: &State) -> Layout {
    Layout::compute(Rect::new(0, 0, state.size.0, state.size.1), state)
}

/// Text width and height of reader `i`.
pub fn view(state: &State, i: usize) -> (usize, usize) {
    layout(state).viewport(i)
}

/// Where reader `i` is now.
pub fn here(state: &State, i: usize) -> Option<Location> {
    let r = state.readers.get(i)?;
    let focus = match state.focus {
        Focus::List | Focus::Reader(_) => state.focus,
        _ => state.return_focus_or(i),
    };
    Some(Location {
        reader: i,
        doc: r.doc,
        top: r.top,
        row: r.row,
        current_ref: r.current_ref,
        focus,
    })
}

/// Shows `doc` in reader `i` at `target`, without recording history.
pub fn place(state: &mut State, corpus: &Corpus, i: usize, doc: usize, target: Target) {
    let Some(d) = corpus.get(doc) else { return };
    let v = view(state, i);
    if i >= state.readers.len() {
        state.readers.push(Reader::new(corpus, doc));
    }
    let i = i.min(state.readers.len() - 1);
    let r = &mut state.readers[i];
    if r.doc != doc {
        // A new reader opens at the document's first line of text.
        *r = Reader::new(corpus, doc);
    }
    r.current_ref = None;
    match target {
        Target::Top => {
            r.top = crate::app::state::first_text(d, &r.segs);
            r.row = 0;
        }
        Target::Line(line) => r.goto_line(d, line, v),
        Target::Reference(k) => {
            if let Some(reference) = d.references.get(k) {
                r.current_ref = Some(k);
                r.goto_line(d, reference.line, v);
                r.show_byte(d, reference.start, v);
            }
        }
    }
}

/// Records where reader `i` is, then shows `doc` there at `target` and focuses it.
pub fn jump(state: &mut State, corpus: &Corpus, i: usize, doc: usize, target: Target) {
    if let Some(h) = here(state, i) {
        state.history.push(h);
    }
    place(state, corpus, i, doc, target);
    focus_reader(state, i);
    select_in_list_quietly(state, doc);
}

/// Selects `doc` in the list (without showing it anywhere), so the list
/// follows the document being read.
pub fn select_in_list_quietly(state: &mut State, doc: usize) {
    if let Some(k) = state.list.order.iter().position(|&d| d as usize == doc) {
        state.list.selected = k;
        let page = layout(state)
            .list
            .map_or(10, |r| r.height.saturating_sub(2).max(1) as usize);
        crate::app::update::keep_visible(&mut state.list.offset, k, page);
    }
}

/// Focuses reader `i`.
pub fn focus_reader(state: &mut State, i: usize) {
    if state.readers.is_empty() {
        state.focus = Focus::List;
        return;
    }
    let i = i.min(state.readers.len() - 1);
    state.focus = Focus::Reader(i);
    state.last_reader = i;
}

/// Restores a recorded location.
pub fn restore(state: &mut State, corpus: &Corpus, to: Location) {
    let i = to.reader.min(state.readers.len().saturating_sub(1));
    place(state, corpus, i, to.doc, Target::Top);
    if let (Some(r), Some(d)) = (state.readers.get_mut(i), corpus.get(to.doc)) {
        r.top = to.top;
        r.row = to.row;
        r.current_ref = to.current_ref;
        let v = layout(state).viewport(i);
        if let Some(r) = state.readers.get_mut(i) {
            r.clamp(d, v);
        }
    }
    state.focus = match to.focus {
        Focus::Reader(j) if j < state.readers.len() => Focus::Reader(j),
        Focus::List if state.list_shown() => Focus::List,
        _ => Focus::Reader(i),
    };
    if let Focus::Reader(j) = state.focus {
        state.last_reader = j;
    }
    state.backlinks = None;
    state.outline = None;
    select_in_list_quietly(state, to.doc);
}

/// Goes back (`forward == false`) or forward in history.
pub fn history_step(state: &mut State, corpus: &Corpus, forward: bool) {
    let i = state.target_reader();
    let Some(now) = here(state, i) else { return };
    let to = if forward {
        state.history.forward(now)
    } else {
        state.history.back(now)
    };
    match to {
        Some(to) => restore(state, corpus, to),
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

/// Follows the current reference of reader `i`.
pub fn follow(state: &mut State, corpus: &Corpus, i: usize) {
    let Some(r) = state.readers.get(i) else {
        return;
    };
    let Some(d) = corpus.get(r.doc) else { return };
    let Some(reference) = r.current_ref.and_then(|k| d.references.get(k)) else {
        let (next, prev) = (
            state.key(Action::NextReference),
            state.key(Action::PrevReference),
        );
        say(
            state,
            format!("no reference selected: {next} and {prev} select one"),
            false,
        );
        return;
    };
    let key = reference.key.clone();
    let target = reference.target().to_string();
    match reference.kind {
        RefKind::Symbol => match corpus.resolve(&key).first() {
            Some(&doc) if doc == r.doc => say(state, format!("{target} is this document"), false),
            Some(&doc) => jump(state, corpus, i, doc, Target::Top),
            None => say(state, format!("{target} is not in this corpus"), true),
        },
        RefKind::Url => {
            let k = state.key(Action::OpenUrl);
            say(
                state,
                format!("{target}  ({k} opens it in the browser)"),
                false,
            );
        }
        RefKind::Email => say(state, format!("e-mail address: {target}"), false),
        _ => open_backlinks(state, corpus, &key),
    }
}

/// Opens the backlinks pane on `key`.
pub fn open_backlinks(state: &mut State, corpus: &Corpus, key: &str) {
    let items = corpus.backlinks(key).to_vec();
    if items.is_empty() {
        say(state, format!("nothing in this corpus cites {key}"), false);
        return;
    }
    let i = state.target_reader();
    let selected = state
        .readers
        .get(i)
        .and_then(|r| {
            items
                .iter()
                .position(|c| c.doc == r.doc && Some(c.reference) == r.current_ref)
        })
        .unwrap_or(0);
    if !matches!(state.focus, Focus::Backlinks) {
        state.return_focus = state.focus;
    }
    state.backlinks = Some(BacklinksState {
        key: key.to_string(),
        items,
        selected,
        offset: 0,
    });
    state.outline = None;
    state.focus = Focus::Backlinks;
}

/// The backlinks action: the current reference's, else the document's own symbol's.
pub fn backlinks_action(state: &mut State, corpus: &Corpus) {
    let i = match state.focus {
        Focus::Reader(i) => i,
        _ => state.target_reader(),
    };
    let Some(r) = state.readers.get(i) else {
        return;
    };
    let Some(d) = corpus.get(r.doc) else { return };
    if let Some(reference) = r.current_ref.and_then(|k| d.references.get(k)) {
        let key = reference.key.clone();
        open_backlinks(state, corpus, &key);
    } else if let Some(sym) = &d.meta.symbol {
        let key = format!("symbol:{sym}");
        open_backlinks(state, corpus, &key);
    } else {
        let next = state.key(Action::NextReference);
        say(
            state,
            format!("select a reference first ({next}); this document states no symbol of its own"),
            false,
        );
    }
}

/// Opens the backlinks pane's selected citation in reader `i`.
pub fn open_citation(state: &mut State, corpus: &Corpus, i: usize, record: bool) {
    let Some(b) = &state.backlinks else { return };
    let Some(c) = b.items.get(b.selected).copied() else {
        return;
    };
    if record {
        jump(state, corpus, i, c.doc, Target::Reference(c.reference));
    } else {
        place(state, corpus, i, c.doc, Target::Reference(c.reference));
        focus_reader(state, i);
    }
}

/// Goes to the agenda item the document of reader `i` was issued under.
pub fn agenda_item(state: &mut State, corpus: &Corpus, i: usize) {
    let Some(d) = state.readers.get(i).and_then(|r| corpus.get(r.doc)) else {
        return;
    };
    if d.agenda.is_some() {
        let k = state.key(Action::Outline);
        say(
            state,
            format!("this is an agenda: {k} shows its items"),
            false,
        );
        return;
    }
    let Some(item) = &d.meta.agenda_item else {
        say(state, "this document names no agenda item", false);
        return;
    };
    let symbol = item.agenda_symbol.clone();
    let Some(agenda) = corpus.agenda_document(symbol.as_deref()) else {
        let which = symbol.unwrap_or_else(|| "its agenda".into());
        say(
            state,
            format!(
                "item {}: the agenda {which} is not in this corpus",
                item.item
            ),
            true,
        );
        return;
    };
    let mut words = item
        .item
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let number = words.next().unwrap_or("").to_string();
    let letter = words.next().map(str::to_string);
    let line = corpus
        .get(agenda)
        .and_then(|a| a.agenda.as_ref())
        .and_then(|a| a.items.iter().find(|it| it.number == number))
        .map(|it| {
            letter
                .as_ref()
                .and_then(|l| it.sub_items.iter().find(|s| &s.letter == l))
                .map(|s| s.annotation_line.unwrap_or(s.line))
                .unwrap_or(it.annotation_line.unwrap_or(it.line))
        });
    jump(
        state,
        corpus,
        i,
        agenda,
        line.map_or(Target::Top, Target::Line),
    );
}

/// Opens the outline of reader `i`'s document.
pub fn open_outline(state: &mut State, corpus: &Corpus, i: usize) {
    let Some(r) = state.readers.get(i) else {
        return;
    };
    let Some(d) = corpus.get(r.doc) else { return };
    let entries = crate::app::outline::outline(d);
    if entries.is_empty() {
        say(
            state,
            "no agenda items, headings or numbered paragraphs here",
            false,
        );
        return;
    }
    let top = r.top_line(d);
    let selected = entries.iter().rposition(|e| e.line <= top).unwrap_or(0);
    state.return_focus = state.focus;
    state.outline = Some(OutlineState {
        reader: i,
        entries,
        selected,
        offset: selected.saturating_sub(3),
    });
    state.focus = Focus::Outline;
}

/// Opens `doc` at `target` in the reader next to reader `from`, creating it.
pub fn side_by_side(state: &mut State, corpus: &Corpus, from: usize, doc: usize, target: Target) {
    let other = if state.readers.len() >= 2 {
        1 - from.min(1)
    } else {
        1
    };
    place(state, corpus, other, doc, target);
    focus_reader(state, other);
}

/// Scrolls the other reader to match reader `i` when scrolling is synchronised.
pub fn sync_from(state: &mut State, corpus: &Corpus, i: usize) {
    if !state.sync_scroll || state.readers.len() < 2 || i > 1 {
        return;
    }
    let j = 1 - i;
    let (Some(a), Some(b)) = (
        corpus.get(state.readers[i].doc),
        corpus.get(state.readers[j].doc),
    ) else {
        return;
    };
    let top = state.readers[i].top_line(a);
    let by_number = a
        .paragraphs
        .iter()
        .rev()
        .find(|p| p.start_line <= top && p.number.is_some())
        .and_then(|p| b.paragraph(p.number.as_deref()?));
    let line = match by_number {
        Some(p) => p.start_line,
        None => {
            let total = a.line_count().max(1);
            (top * b.line_count() / total).max(1)
        }
    };
    let v = view(state, j);
    let r = &mut state.readers[j];
    (r.top, r.row) = r.pos_of_byte(b, b.lines.start(line), v.0);
    r.clamp(b, v);
}

/// True when both readers number their paragraphs (sync goes by number).
pub fn sync_by_number(state: &State, corpus: &Corpus) -> bool {
    state.readers.len() == 2
        && state.readers.iter().all(|r| {
            corpus
                .get(r.doc)
                .is_some_and(|d| d.paragraphs.iter().any(|p| p.number.is_some()))
        })
}
