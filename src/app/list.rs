//! The document list pane: its order (sorted, then narrowed by the filter
//! typed on its filter line), the selection, and what its keys do.

use crate::app::Action;
use crate::app::command::{Cmd, Cx, keep_visible, moved};
use crate::app::layers::Popup;
use crate::model::Corpus;
use std::sync::Arc;

/// How the list is ordered (one definition for every source).
pub use crate::corpus::listing::Sort;
use crate::corpus::listing::{Filter, ListQuery, haystack, order_by};

/// The document list.
#[derive(Debug, Clone, Default)]
pub struct ListState {
    /// Corpus indexes in display order (sorted, then filtered).
    pub order: Vec<u32>,
    /// Selected position in `order`.
    pub selected: usize,
    /// First visible position.
    pub offset: usize,
    /// The current order.
    pub sort: Sort,
    /// What the filter line holds (empty: every document).
    pub filter: String,
    /// Documents in the corpus, every version counted (to notice new ones).
    pub total: usize,
    /// Rows of the list before filtering: one per document, its versions
    /// counted once (the denominator of `12/340`).
    pub listed: usize,
    /// The orders, each computed once.
    sorted: SortCache,
    /// Each document's folded symbol, title, date and language, built on the
    /// first filter.
    haystacks: Vec<String>,
    /// The rows, when they are paged in rather than all in the corpus.
    pub window: Option<crate::app::window::Window>,
    /// The generation of the latest query asked of a paged list's source
    /// (0: the whole list, asked when the source opened).
    pub generation: u64,
    /// True when a paged list's query changed and is still to be asked.
    requery: bool,
    /// The document of the row selected when a paged list was sorted: the
    /// source says where it went, and it stays selected.
    keep: Option<String>,
}

impl ListState {
    /// The list of every document of `corpus`, in corpus order.
    pub fn new(corpus: &Corpus) -> Self {
        let order: Vec<u32> = corpus.listed().iter().map(|&d| d as u32).collect();
        ListState {
            listed: order.len(),
            order,
            total: corpus.len(),
            ..ListState::default()
        }
    }

    /// The corpus index of the selected entry (for a paged list: once its
    /// document is fetched).
    pub fn selected_doc(&self) -> Option<usize> {
        match &self.window {
            Some(w) => w.doc(self.selected),
            None => self.order.get(self.selected).map(|&d| d as usize),
        }
    }

    /// Rows in the list.
    pub fn len(&self) -> usize {
        match &self.window {
            Some(w) => w.total,
            None => self.order.len(),
        }
    }

    /// True when the list has no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Selects entry `to` (clamped), keeping it in a window of `page` rows;
    /// the selected document.
    pub fn select(&mut self, to: usize, page: usize) -> Option<usize> {
        if self.is_empty() {
            return None;
        }
        self.selected = to.min(self.len() - 1);
        keep_visible(&mut self.offset, self.selected, page);
        self.selected_doc()
    }

    /// Selects `doc` when it is in the list (without showing it anywhere).
    pub fn select_doc(&mut self, doc: usize, page: usize) {
        let at = match &self.window {
            Some(w) => w.position_of(doc),
            None => self.order.iter().position(|&d| d as usize == doc),
        };
        if let Some(k) = at {
            self.select(k, page);
        }
    }

    /// Takes in documents added to the corpus, keeping the order, the filter
    /// and the selected document.
    pub fn refresh(&mut self, corpus: &Corpus, page: usize) {
        if self.window.is_some() {
            return;
        }
        if corpus.len() == self.total && self.haystacks.len() <= corpus.len() {
            return;
        }
        let keep = self.selected_doc();
        self.total = corpus.len();
        self.rebuild(corpus);
        if let Some(k) = keep {
            self.select_doc(k, page);
        }
    }

    /// Leaves the list kept beside the index (shown while the documents
    /// are read) for the list of the documents read so far, keeping the
    /// selected one selected; nothing for any other list.
    pub fn leave_kept(&mut self, corpus: &Corpus, page: usize) {
        if !self.window.as_ref().is_some_and(|w| w.kept) {
            return;
        }
        let keep = self.selected_doc();
        self.window = None;
        self.total = corpus.len();
        self.rebuild(corpus);
        self.selected = 0;
        if let Some(k) = keep {
            self.select_doc(k, page);
        }
        keep_visible(&mut self.offset, self.selected, page);
    }

    /// Orders the list by `sort`, keeping the selected document selected.
    /// A paged list is asked again in that order (its source sorts it).
    pub fn sort_by(&mut self, corpus: &Corpus, sort: Sort, page: usize) {
        self.leave_kept(corpus, page);
        if let Some(w) = &self.window {
            self.keep = w.row(self.selected).map(|r| r.id.clone());
            self.sort = sort;
            self.ask_again();
            return;
        }
        let keep = self.selected_doc();
        self.sort = sort;
        self.rebuild(corpus);
        self.selected = 0;
        if let Some(k) = keep {
            self.select_doc(k, page);
        }
        keep_visible(&mut self.offset, self.selected, page);
    }

    /// Computes every order now (once all documents are read), so that no
    /// key press pays for it.
    pub fn warm(&mut self, corpus: &Corpus) {
        self.sorted.warm(corpus);
    }

    /// Sets the filter, narrowing the list; the selection goes to the first
    /// entry. A paged list is asked again with it (its source filters it).
    pub fn set_filter(&mut self, corpus: &Corpus, filter: String, page: usize) {
        self.leave_kept(corpus, page);
        if self.window.is_some() {
            // A space typed changes no word: nothing to ask again.
            let changed = Filter::new(&filter) != Filter::new(&self.filter);
            self.filter = filter;
            if changed {
                self.keep = None;
                self.ask_again();
            }
            return;
        }
        self.filter = filter;
        self.rebuild(corpus);
        self.selected = 0;
        self.offset = 0;
        keep_visible(&mut self.offset, self.selected, page);
    }

    fn rebuild(&mut self, corpus: &Corpus) {
        // One row per document: its other languages and renderings are
        // reached from the row (the reader's language key, `show --lang`).
        let mut order = self.sorted.order(corpus, self.sort);
        order.retain(|&d| corpus.is_listed(d as usize));
        self.listed = order.len();
        let filter = Filter::new(&self.filter);
        if filter.is_empty() {
            self.order = order;
            return;
        }
        if self.haystacks.len() != corpus.len() {
            let docs = corpus.documents();
            let known = self.haystacks.len().min(docs.len());
            self.haystacks.truncate(known);
            self.haystacks.extend(docs[known..].iter().map(haystack));
        }
        let hay = &self.haystacks;
        self.order = order
            .into_iter()
            .filter(|&d| filter.matches(&hay[d as usize]))
            .collect();
    }

    /// The query the list shows: its filter and order.
    pub fn query(&self) -> ListQuery {
        ListQuery {
            filter: self.filter.clone(),
            sort: self.sort,
        }
    }

    /// A paged list's filter or order changed: its source is asked again
    /// under a new generation (answers to older ones are then dropped).
    pub fn ask_again(&mut self) {
        self.generation += 1;
        self.requery = true;
    }

    /// True while a paged list's source has not answered its latest query
    /// (the rows shown answer an earlier one).
    pub fn waiting(&self) -> bool {
        self.window
            .as_ref()
            .is_some_and(|w| w.generation != self.generation)
    }

    /// The query to ask a paged list's source, once, when its filter or
    /// order changed since it was last asked, with its generation and the
    /// document to keep selected (after a sort).
    pub fn take_requery(&mut self) -> Option<(u64, ListQuery, Option<String>)> {
        if !std::mem::take(&mut self.requery) {
            return None;
        }
        Some((self.generation, self.query(), self.keep.take()))
    }
}

/// What a key does in the list; `None` passes it down to the global keys.
pub fn handle(list: &mut ListState, a: Action, cx: &Cx) -> Option<Vec<Cmd>> {
    if let Some(to) = moved(a, list.selected, list.len(), cx.page) {
        return Some(
            list.select(to, cx.page)
                .map(Cmd::Preview)
                .into_iter()
                .collect(),
        );
    }
    Some(match a {
        Action::Open => match list.selected_doc() {
            Some(doc) => vec![
                Cmd::Preview(doc),
                Cmd::Focus(crate::app::layers::Pane::Reader(0)),
            ],
            None if list.window.is_some() && !list.is_empty() => {
                vec![Cmd::Say("the document is on its way".into(), false)]
            }
            None => vec![Cmd::Say("no document to open".into(), false)],
        },
        Action::Filter => vec![Cmd::Push(Popup::Filter)],
        Action::SideBySide => list
            .selected_doc()
            .map(Cmd::SideBySideFromList)
            .into_iter()
            .collect(),
        Action::Close if !list.filter.is_empty() => {
            list.set_filter(cx.corpus, String::new(), cx.page);
            vec![Cmd::Filtered]
        }
        _ => return None,
    })
}

/// What a key does on the filter line; `None` passes it down.
pub fn handle_filter(list: &mut ListState, a: Action, cx: &Cx) -> Option<Vec<Cmd>> {
    let mut text = list.filter.clone();
    match a {
        Action::Open => return Some(vec![Cmd::Pop]),
        Action::Close => {
            list.set_filter(cx.corpus, String::new(), cx.page);
            return Some(vec![Cmd::Pop, Cmd::Filtered]);
        }
        Action::DeleteChar => {
            text.pop();
        }
        Action::DeleteWord => {
            let mut cur = text.chars().count();
            crate::app::edit::delete_word(&mut text, &mut cur);
        }
        Action::ClearQuery => text.clear(),
        Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
            let to = moved(a, list.selected, list.len(), cx.page)?;
            return Some(
                list.select(to, cx.page)
                    .map(Cmd::Preview)
                    .into_iter()
                    .collect(),
            );
        }
        Action::Help | Action::Problems | Action::Quit => return None,
        // Modal while typing.
        _ => return Some(Vec::new()),
    }
    list.set_filter(cx.corpus, text, cx.page);
    Some(vec![Cmd::Filtered])
}

/// The list's orders, each computed once for a corpus of a given size (a
/// press of the sort key then only copies one).
#[derive(Debug, Clone, Default)]
pub struct SortCache {
    /// Documents in the corpus the orders were computed for.
    docs: usize,
    /// By date, symbol and title.
    orders: [Option<Arc<Vec<u32>>>; 3],
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

    /// Computes every order now.
    pub fn warm(&mut self, corpus: &Corpus) {
        for sort in [Sort::Date, Sort::Symbol, Sort::Title] {
            self.order(corpus, sort);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fold::fold;

    #[test]
    fn the_filter_narrows_by_every_word_accent_insensitive() {
        let corpus = crate::model::load_bundled();
        let mut l = ListState::new(&corpus);
        // A word of one title, typed in capitals without its accents.
        let title = fold(&corpus.documents()[1].display_title());
        let word = title
            .split_whitespace()
            .find(|w| w.len() >= 6)
            .expect("a long word")
            .to_string();
        l.set_filter(&corpus, word.to_uppercase(), 10);
        assert!(!l.order.is_empty() && l.order.len() <= corpus.len());
        assert!(l.order.contains(&1));
        for &d in &l.order {
            let doc = &corpus.documents()[d as usize];
            let hay = fold(&format!("{} {}", doc.label(), doc.display_title()));
            assert!(hay.contains(&word), "{hay}");
        }
        l.set_filter(&corpus, "zzzz-nothing".into(), 10);
        assert!(l.order.is_empty());
        assert_eq!(l.selected_doc(), None);
        l.set_filter(&corpus, String::new(), 10);
        assert_eq!(l.order.len(), corpus.len());
    }
}
