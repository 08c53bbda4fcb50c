//! Moves across panes, for the reducer: showing a document in a reader at a
//! line or a reference, recording and restoring history, synchronised
//! scrolling, the search in a document. Focus is not changed here: the
//! reducer decides it (`update.rs`).

use crate::app::command::Target;
use crate::app::history::Location;
use crate::app::layers::Pane;
use crate::app::layout;
use crate::app::reader::{Find, Reader, first_from, first_text};
use crate::app::state::State;
use crate::model::Corpus;

/// Where reader `i` is now, with the pane that has focus.
pub fn here(state: &State, i: usize) -> Option<Location> {
    let r = state.readers.get(i)?;
    Some(Location {
        reader: i,
        doc: r.doc,
        top: r.top,
        row: r.row,
        current_ref: r.current_ref,
        pane: state.layers.pane(),
        backlinks: state
            .backlinks
            .as_ref()
            .map(|b| (b.key.clone(), b.selected)),
    })
}

/// Shows `doc` in reader `i` (a new reader when `i` is past the last) at
/// `target`, without recording history.
pub fn place(state: &mut State, corpus: &Corpus, i: usize, doc: usize, target: Target) {
    let Some(d) = corpus.get(doc) else { return };
    if i >= state.readers.len() {
        state.readers.push(Reader::new(corpus, doc));
        layout::relayout(state, corpus);
    }
    let i = i.min(state.readers.len() - 1);
    let v = state.layout.viewport(i);
    let r = &mut state.readers[i];
    if r.doc != doc {
        *r = Reader::new(corpus, doc);
    }
    r.current_ref = None;
    match target {
        Target::Top => {
            r.top = first_text(d, &r.segs);
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

/// Records where reader `i` is, then shows `doc` there at `target`; the list
/// follows the document.
pub fn jump(state: &mut State, corpus: &Corpus, i: usize, doc: usize, target: Target) {
    if let Some(h) = here(state, i) {
        state.history.push(h);
    }
    place(state, corpus, i, doc, target);
    select_in_list_quietly(state, doc);
}

/// Selects `doc` in the list (without showing it anywhere).
pub fn select_in_list_quietly(state: &mut State, doc: usize) {
    let page = layout::rows(state.layout.list);
    state.list.select_doc(doc, page);
}

/// Puts reader `i` back where `to` was; the pane to focus.
pub fn restore(state: &mut State, corpus: &Corpus, to: &Location) -> Pane {
    let i = to.reader.min(state.readers.len().saturating_sub(1));
    place(state, corpus, i, to.doc, Target::Top);
    let v = state.layout.viewport(i);
    if let (Some(r), Some(d)) = (state.readers.get_mut(i), corpus.get(to.doc)) {
        (r.top, r.row, r.current_ref) = (to.top, to.row, to.current_ref);
        r.clamp(d, v);
    }
    state.backlinks = to.backlinks.as_ref().and_then(|(key, selected)| {
        let items = corpus.backlinks(key).to_vec();
        let mut b = crate::app::backlinks::BacklinksState {
            key: key.clone(),
            items,
            selected: 0,
            offset: 0,
        };
        b.select(*selected, 10);
        (!b.items.is_empty()).then_some(b)
    });
    select_in_list_quietly(state, to.doc);
    match to.pane {
        Pane::Backlinks if state.backlinks.is_none() => Pane::Reader(i),
        p => p,
    }
}

/// The backlinks of `key`, the citation in reader `i` selected when it is one.
pub fn backlinks_of(
    state: &State,
    corpus: &Corpus,
    key: &str,
    i: usize,
) -> Option<crate::app::backlinks::BacklinksState> {
    let items = corpus.backlinks(key).to_vec();
    if items.is_empty() {
        return None;
    }
    let selected = state
        .readers
        .get(i)
        .and_then(|r| {
            items
                .iter()
                .position(|c| c.doc == r.doc && Some(c.reference) == r.current_ref)
        })
        .unwrap_or(0);
    let mut b = crate::app::backlinks::BacklinksState {
        key: key.to_string(),
        items,
        selected: 0,
        offset: 0,
    };
    b.select(selected, layout::rows(state.layout.backlinks).max(5));
    Some(b)
}

/// The key whose backlinks the backlinks key shows from reader `i`: its
/// current reference's, else the document's own symbol's.
pub fn backlinks_key(state: &State, corpus: &Corpus, i: usize) -> Option<String> {
    let r = state.readers.get(i)?;
    let shown = r.shown(corpus)?;
    let d: &crate::model::Document = &shown;
    match r.current_ref.and_then(|k| d.references.get(k)) {
        Some(reference) => Some(reference.key.clone()),
        None => d.meta.symbol.as_ref().map(|s| format!("symbol:{s}")),
    }
}

/// The line of the agenda item the document of reader `i` was issued under:
/// `Ok((agenda document, line))`, or what to say.
pub fn agenda_item(state: &State, corpus: &Corpus, i: usize) -> Result<(usize, Target), String> {
    let Some(d) = state.readers.get(i).and_then(|r| r.shown(corpus)) else {
        return Err("no document open".into());
    };
    if d.agenda.is_some() {
        return Err(format!(
            "this is an agenda: {} shows its items",
            state.key(crate::app::Action::Outline)
        ));
    }
    let Some(item) = &d.meta.agenda_item else {
        return Err("this document names no agenda item".into());
    };
    let symbol = item.agenda_symbol.clone();
    let Some(agenda) = corpus.agenda_document(symbol.as_deref()) else {
        let which = symbol.unwrap_or_else(|| "its agenda".into());
        return Err(format!(
            "item {}: the agenda {which} is not in this corpus",
            item.item
        ));
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
    Ok((agenda, line.map_or(Target::Top, Target::Line)))
}

/// Scrolls the other reader to match reader `i` when scrolling is synchronised.
pub fn sync_from(state: &mut State, corpus: &Corpus, i: usize) {
    if !state.sync_scroll || state.readers.len() < 2 || i > 1 {
        return;
    }
    let j = 1 - i;
    let (Some(a), Some(b)) = (
        state.readers[i].shown(corpus),
        state.readers[j].shown(corpus),
    ) else {
        return;
    };
    let (a, b): (&crate::model::Document, &crate::model::Document) = (&a, &b);
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
    let v = state.layout.viewport(j);
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
        crate::app::find::find_in(&folded, &d.text, &query)
    };
    let found = !hits.is_empty();
    let current = first_from(&hits, from);
    if let Some(r) = state.readers.get_mut(i) {
        r.find = (!query.is_empty()).then_some(Find {
            query,
            hits,
            current,
        });
    }
    found
}

/// Searches reader `i`'s document for `text` from its top line, showing the
/// first hit.
pub fn refind(state: &mut State, corpus: &Corpus, i: usize, text: String) {
    let v = state.layout.viewport(i);
    let Some(r) = state.readers.get(i) else {
        return;
    };
    let Some(shown) = r.shown(corpus) else { return };
    let d: &crate::model::Document = &shown;
    let from = d.lines.start(r.top_line(d));
    set_find(state, corpus, i, text, from);
    let r = &mut state.readers[i];
    if let Some(h) = r.find.as_ref().and_then(|f| f.hits.get(f.current)) {
        r.show_byte(d, h.0 as usize, v);
    }
}
