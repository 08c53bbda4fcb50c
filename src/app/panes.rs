//! What keys do in the document list and in a reader, and the actions the
//! two share (history, backlinks, outline, side by side, sort, focus).

use crate::app::jump::{self, Target};
use crate::app::state::say;
use crate::app::state::{Focus, ListVisibility, Sort, State};
use crate::app::update::{Effect, keep_visible, moved, page};
use crate::app::{Action, search_bar};
use crate::model::Corpus;

/// Selects list entry `to`, showing it in the reader.
pub fn select_in_list(state: &mut State, corpus: &Corpus, to: usize) {
    let page = page(jump::layout(state).list);
    if state.list.order.is_empty() {
        return;
    }
    let to = to.min(state.list.order.len() - 1);
    state.list.selected = to;
    keep_visible(&mut state.list.offset, to, page);
    let Some(doc) = state.selected_doc() else {
        return;
    };
    let i = 0;
    if state.readers.get(i).is_some_and(|r| r.doc == doc) {
        return;
    }
    if state.list_origin.is_none() {
        state.list_origin = jump::here(state, i);
        if let Some(h) = state.list_origin {
            state.history.push(h);
        }
    }
    jump::place(state, corpus, i, doc, Target::Top);
}

/// What a key does in the document list.
pub(crate) fn list(state: &mut State, corpus: &Corpus, a: Action, fx: &mut Vec<Effect>) {
    let page = page(jump::layout(state).list);
    if let Some(to) = moved(a, state.list.selected, state.list.order.len(), page) {
        select_in_list(state, corpus, to);
        return;
    }
    match a {
        Action::Open => {
            if let Some(doc) = state.selected_doc() {
                if state.readers.first().is_none_or(|r| r.doc != doc) {
                    jump::place(state, corpus, 0, doc, Target::Top);
                }
                jump::focus_reader(state, 0);
                if state.size.0 < crate::app::layout::NARROW_BELOW {
                    state.list_visibility = ListVisibility::Auto;
                }
            }
        }
        Action::Find => search_bar::open(state, fx),
        Action::SideBySide => {
            if let Some(doc) = state.selected_doc() {
                // Beside the document read before browsing the list.
                if let Some(o) = state.list_origin.take().filter(|o| o.doc != doc) {
                    jump::place(state, corpus, 0, o.doc, Target::Top);
                    let v = jump::view(state, 0);
                    if let (Some(r), Some(d)) = (state.readers.get_mut(0), corpus.get(o.doc)) {
                        (r.top, r.row, r.current_ref) = (o.top, o.row, o.current_ref);
                        r.clamp(d, v);
                    }
                }
                jump::side_by_side(state, corpus, 0, doc, Target::Top);
            }
        }
        _ => common(state, corpus, a, state.target_reader()),
    }
}

/// What a key does in reader `i`.
pub(crate) fn reader(
    state: &mut State,
    corpus: &Corpus,
    i: usize,
    a: Action,
    fx: &mut Vec<Effect>,
) {
    let Some(doc) = state.readers.get(i).and_then(|r| corpus.get(r.doc)) else {
        common(state, corpus, a, i);
        return;
    };
    let v = jump::view(state, i);
    let r = &mut state.readers[i];
    let scrolled = match a {
        Action::Up => Some(-1),
        Action::Down => Some(1),
        Action::PageUp => Some(-(v.1.saturating_sub(2).max(1) as isize)),
        Action::PageDown => Some(v.1.saturating_sub(2).max(1) as isize),
        Action::HalfPageUp => Some(-((v.1 / 2).max(1) as isize)),
        Action::HalfPageDown => Some((v.1 / 2).max(1) as isize),
        Action::Top => {
            r.home();
            Some(0)
        }
        Action::Bottom => {
            r.end(doc, v);
            Some(0)
        }
        _ => None,
    };
    if let Some(delta) = scrolled {
        r.scroll(doc, delta, v);
        jump::sync_from(state, corpus, i);
        return;
    }
    match a {
        Action::Open => jump::follow(state, corpus, i),
        Action::NextReference | Action::PrevReference => {
            let forward = a == Action::NextReference;
            let n = doc.references.len();
            if n == 0 {
                say(state, "this document cites nothing", false);
                return;
            }
            let top_byte = r.segs.range(r.top).start;
            // A selection scrolled out of view no longer anchors ] and [.
            let current = r.current_ref.filter(|&k| {
                doc.references
                    .get(k)
                    .is_some_and(|x| r.is_visible(doc, x.start, v))
            });
            let next = match current {
                Some(c) if forward => (c + 1 < n).then_some(c + 1),
                Some(c) => c.checked_sub(1),
                None if forward => doc.references.iter().position(|x| x.start >= top_byte),
                None => doc
                    .references
                    .iter()
                    .rposition(|x| x.start < top_byte)
                    .or(Some(n - 1)),
            };
            match next {
                Some(k) => {
                    r.current_ref = Some(k);
                    r.show_byte(doc, doc.references[k].start, v);
                    jump::sync_from(state, corpus, i);
                }
                None => say(
                    state,
                    if forward {
                        "no more references below"
                    } else {
                        "no more references above"
                    },
                    false,
                ),
            }
        }
        Action::Find => search_bar::open_find(state, corpus, i),
        Action::FindNext => search_bar::find_step(state, corpus, i, true),
        Action::FindPrev => search_bar::find_step(state, corpus, i, false),
        Action::Close => {
            if r.find.take().is_none() && r.current_ref.take().is_none() && state.readers.len() > 1
            {
                let k = state.key(Action::CloseReader);
                say(state, format!("{k} closes this reader"), false);
            }
        }
        Action::SideBySide => {
            let target = r
                .current_ref
                .and_then(|k| doc.references.get(k))
                .and_then(|x| corpus.resolve(&x.key).first().copied());
            match target {
                Some(d) => jump::side_by_side(state, corpus, i, d, Target::Top),
                None => {
                    let (top, row, d) = (r.top, r.row, r.doc);
                    jump::side_by_side(state, corpus, i, d, Target::Top);
                    let j = state.target_reader();
                    if let Some(o) = state.readers.get_mut(j) {
                        (o.top, o.row) = (top, row);
                    }
                }
            }
        }
        Action::OpenUrl => {
            let url = r
                .current_ref
                .and_then(|k| doc.references.get(k))
                .filter(|x| x.kind == crate::model::RefKind::Url)
                .map(|x| x.target().to_string());
            match url {
                Some(u) => {
                    let u = if u.starts_with("www.") {
                        format!("https://{u}")
                    } else {
                        u
                    };
                    say(state, format!("opening {u}"), false);
                    fx.push(Effect::OpenUrl(u));
                }
                None => say(state, "no URL selected (] and [ select references)", false),
            }
        }
        Action::Copy => {
            let text = r
                .current_ref
                .and_then(|k| doc.references.get(k))
                .map(|x| match x.kind {
                    crate::model::RefKind::Url
                    | crate::model::RefKind::Symbol
                    | crate::model::RefKind::Email => x.target().to_string(),
                    _ => crate::sanitize::inert_line(x.text(&doc.text)).into_owned(),
                });
            match text {
                Some(t) => {
                    say(state, format!("copied {t}"), false);
                    fx.push(Effect::Copy(t));
                }
                None => say(
                    state,
                    "no reference selected (] and [ select references)",
                    false,
                ),
            }
        }
        _ => common(state, corpus, a, i),
    }
}

/// Actions that mean the same in the list and the readers.
fn common(state: &mut State, corpus: &Corpus, a: Action, i: usize) {
    match a {
        Action::FocusNext | Action::FocusPrev => cycle_focus(state, a == Action::FocusNext),
        Action::Back => jump::history_step(state, corpus, false),
        Action::Forward => jump::history_step(state, corpus, true),
        Action::Backlinks => jump::backlinks_action(state, corpus),
        Action::AgendaItem => jump::agenda_item(state, corpus, i),
        Action::Outline => jump::open_outline(state, corpus, i),
        Action::Swap => {
            if state.readers.len() == 2 {
                state.readers.swap(0, 1);
                if let Focus::Reader(j) = state.focus {
                    jump::focus_reader(state, 1 - j);
                }
            } else {
                say(state, "only one reader is open", false);
            }
        }
        Action::CloseReader => {
            if state.readers.len() == 2 {
                let j = match state.focus {
                    Focus::Reader(j) => j,
                    _ => 1,
                };
                state.readers.remove(j);
                jump::focus_reader(state, 0);
                state.sync_scroll = false;
            } else {
                say(state, "only one reader is open", false);
            }
        }
        Action::SyncScroll => {
            if state.readers.len() < 2 {
                let k = state.key(Action::SideBySide);
                say(
                    state,
                    format!("synchronised scrolling needs two readers ({k})"),
                    false,
                );
                return;
            }
            state.sync_scroll = !state.sync_scroll;
            let how = if jump::sync_by_number(state, corpus) {
                "by paragraph number"
            } else {
                "by position"
            };
            if state.sync_scroll {
                say(state, format!("scrolling together ({how})"), false);
                jump::sync_from(state, corpus, i);
            } else {
                say(state, "scrolling separately", false);
            }
        }
        Action::Sort => sort(state, corpus, state.list.sort.next()),
        Action::ToggleList => {
            if state.list_shown() {
                state.list_visibility = ListVisibility::Hidden;
                if state.focus == Focus::List {
                    jump::focus_reader(state, state.target_reader());
                }
            } else {
                state.list_visibility = ListVisibility::Shown;
                state.focus = Focus::List;
            }
        }
        _ => {}
    }
}

/// Moves focus to the next (or previous) pane: list, readers, backlinks.
pub(crate) fn cycle_focus(state: &mut State, forward: bool) {
    let mut ring = Vec::new();
    if state.list_shown()
        && (state.size.0 >= crate::app::layout::NARROW_BELOW || state.readers.is_empty())
    {
        ring.push(Focus::List);
    }
    ring.extend((0..state.readers.len()).map(Focus::Reader));
    if state.backlinks.is_some() {
        ring.push(Focus::Backlinks);
    }
    if ring.is_empty() {
        return;
    }
    let at = ring.iter().position(|f| *f == state.focus).unwrap_or(0);
    let n = ring.len();
    let to = ring[if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    }];
    match to {
        Focus::List => state.focus = Focus::List,
        Focus::Reader(j) => jump::focus_reader(state, j),
        Focus::Backlinks => {
            state.return_focus = state.focus;
            state.focus = Focus::Backlinks;
        }
        _ => {}
    }
}

/// The list's orders, each computed once for a corpus of a given size (a
/// press of the sort key then only copies one).
#[derive(Debug, Clone, Default)]
pub struct SortCache {
    /// Documents in the corpus the orders were computed for.
    docs: usize,
    /// By date, symbol and title.
    orders: [Option<std::sync::Arc<Vec<u32>>>; 3],
}

impl SortCache {
    /// The order of `corpus`'s documents by `sort`, computed when not known.
    pub fn order(&mut self, corpus: &Corpus, sort: Sort) -> Vec<u32> {
        if self.docs != corpus.len() {
            *self = SortCache {
                docs: corpus.len(),
                ..SortCache::default()
            };
        }
        let slot = match sort {
            Sort::Corpus => return (0..corpus.len() as u32).collect(),
            Sort::Date => 0,
            Sort::Symbol => 1,
            Sort::Title => 2,
        };
        let order = self.orders[slot].get_or_insert_with(|| order_by(corpus, sort).into());
        order.to_vec()
    }

    /// Computes every order now (once all documents are read), so that no
    /// key press pays for it.
    pub fn warm(&mut self, corpus: &Corpus) {
        for sort in [Sort::Date, Sort::Symbol, Sort::Title] {
            self.order(corpus, sort);
        }
    }
}

fn order_by(corpus: &Corpus, sort: Sort) -> Vec<u32> {
    let docs = corpus.documents();
    let mut order: Vec<u32> = (0..docs.len() as u32).collect();
    match sort {
        Sort::Corpus => {}
        Sort::Date => order.sort_by(|&a, &b| {
            let (da, db) = (&docs[a as usize].meta.date, &docs[b as usize].meta.date);
            db.is_some().cmp(&da.is_some()).then_with(|| db.cmp(da))
        }),
        Sort::Symbol => {
            order.sort_by_cached_key(|&d| crate::model::fold::fold(docs[d as usize].label()))
        }
        Sort::Title => order
            .sort_by_cached_key(|&d| crate::model::fold::fold(&docs[d as usize].display_title())),
    }
    order
}

/// Orders the list by `sort`, keeping the selected document selected.
pub fn sort(state: &mut State, corpus: &Corpus, sort: Sort) {
    let keep = state.selected_doc();
    state.list.order = state.sorted.order(corpus, sort);
    state.list.sort = sort;
    if let Some(k) = keep {
        state.list.selected = state
            .list
            .order
            .iter()
            .position(|&d| d as usize == k)
            .unwrap_or(0);
    }
    let page = page(jump::layout(state).list);
    keep_visible(&mut state.list.offset, state.list.selected, page);
    say(state, format!("sorted by {}", sort.name()), false);
}
