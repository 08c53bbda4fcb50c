//! A list whose rows are not all in memory: the explorer knows how many
//! there are and holds the pages around what is shown, asked for with
//! [`Effect::ListPage`] and arriving as [`crate::app::Msg::ListRows`]. A
//! row's document is fetched ([`Effect::Open`]) when it is selected, and
//! arrives in the corpus before [`crate::app::Msg::Opened`] says so. The
//! rows answer one query (the list's filter and order, which its source
//! applies), tagged with a generation: a new query makes a new window, and
//! what arrives for an older one is dropped. What answers the pages is not
//! known here.

use crate::app::msg::Effect;
use crate::corpus::ListQuery;
use std::collections::{HashMap, HashSet};

/// Rows per page asked for.
pub const PAGE: usize = 100;

/// Pages kept at most; the farthest from the view are forgotten first.
const KEPT_PAGES: usize = 16;

/// One row of the list, as it is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    /// The document's id (what it is opened by).
    pub id: String,
    /// Its symbol, else its id.
    pub label: String,
    /// True when `label` is a symbol.
    pub symbol: bool,
    /// Its date, when known.
    pub date: Option<String>,
    /// The languages it is held in (`en fr`).
    pub languages: String,
    /// Its title.
    pub title: String,
}

impl ListRow {
    /// The row the list draws for `row`.
    pub fn of(row: &crate::corpus::DocumentRow) -> ListRow {
        ListRow {
            id: row.facts.id.clone(),
            label: row.label().to_string(),
            symbol: row.facts.meta.symbol.is_some(),
            date: row.facts.meta.date.clone(),
            languages: row.language_line(),
            title: row.facts.display_title.clone(),
        }
    }
}

/// The pages of the list known so far and the documents fetched.
#[derive(Debug, Clone, Default)]
pub struct Window {
    /// Rows in the whole list.
    pub total: usize,
    /// The generation of the query the rows answer.
    pub generation: u64,
    /// The query the rows answer (what pages are asked with).
    query: ListQuery,
    /// Pages received, by number.
    pages: HashMap<usize, Vec<ListRow>>,
    /// Pages asked for and not received yet.
    asked: HashSet<usize>,
    /// Documents fetched, by id: their index in the corpus.
    docs: HashMap<String, usize>,
    /// The document asked for, not arrived yet.
    opening: Option<String>,
    /// True until the selected row's document is shown, in a window made
    /// for a new query whose first row may be a document already fetched.
    fresh: bool,
    /// True for the list kept beside the index, shown while the documents
    /// are read here: its documents arrive as they are read, none is
    /// fetched, and it gives way to the documents' own list once they are
    /// all read (or as soon as it is filtered or sorted).
    pub kept: bool,
}

impl Window {
    /// The whole list in the order its source keeps, `total` rows, none
    /// known yet (generation 0).
    pub fn new(total: usize) -> Window {
        Window {
            total,
            ..Window::default()
        }
    }

    /// The whole list as kept beside the index, `total` rows, none known
    /// yet: see [`Window::kept`].
    pub fn kept(total: usize) -> Window {
        Window {
            total,
            kept: true,
            ..Window::default()
        }
    }

    /// The list `query` (of this generation) asks for, `total` rows, none
    /// known yet; the documents already fetched are known to it.
    pub fn for_query(
        generation: u64,
        query: ListQuery,
        total: usize,
        before: Option<Window>,
    ) -> Window {
        Window {
            total,
            generation,
            query,
            docs: before.map(|w| w.docs).unwrap_or_default(),
            fresh: true,
            ..Window::default()
        }
    }

    /// Row `i`, when its page has arrived.
    pub fn row(&self, i: usize) -> Option<&ListRow> {
        self.pages.get(&(i / PAGE))?.get(i % PAGE)
    }

    /// The corpus index of row `i`'s document, when it was fetched.
    pub fn doc(&self, i: usize) -> Option<usize> {
        self.docs.get(&self.row(i)?.id).copied()
    }

    /// The row showing document `doc` among the pages known.
    pub fn position_of(&self, doc: usize) -> Option<usize> {
        let id = self.docs.iter().find(|(_, d)| **d == doc)?.0;
        self.pages
            .iter()
            .find_map(|(p, rows)| rows.iter().position(|r| &r.id == id).map(|k| p * PAGE + k))
    }

    /// Takes in the rows of the page starting at `offset`.
    pub fn receive(&mut self, offset: usize, rows: Vec<ListRow>) {
        let page = offset / PAGE;
        self.asked.remove(&page);
        if offset % PAGE == 0 && offset < self.total.max(1) {
            self.pages.insert(page, rows);
        }
    }

    /// The document of row `selected`, once, when this window was made for
    /// a new query and the row's document was already fetched (one not
    /// fetched yet is shown when it arrives).
    pub fn take_fresh(&mut self, selected: usize) -> Option<usize> {
        if !self.fresh {
            return None;
        }
        let doc = self.doc(selected)?;
        self.fresh = false;
        Some(doc)
    }

    /// Takes in that document `id` is `doc` in the corpus.
    pub fn fetched(&mut self, id: &str, doc: usize) {
        if self.opening.as_deref() == Some(id) {
            self.opening = None;
        }
        self.docs.insert(id.to_string(), doc);
    }

    /// What to ask for so that rows `first..first + height` and the
    /// selected row's document are there: the pages of the view and one on
    /// each side, not already known or asked. Pages far from the view are
    /// forgotten.
    pub fn wanted(&mut self, first: usize, height: usize, selected: usize) -> Vec<Effect> {
        if self.total == 0 {
            return Vec::new();
        }
        let last_page = (self.total - 1) / PAGE;
        let from = (first / PAGE).saturating_sub(1);
        let to = ((first + height.max(1)) / PAGE + 1).min(last_page);
        let mut fx = Vec::new();
        for p in from..=to {
            if !self.pages.contains_key(&p) && self.asked.insert(p) {
                fx.push(Effect::ListPage {
                    generation: self.generation,
                    query: self.query.clone(),
                    offset: p * PAGE,
                    limit: PAGE,
                });
            }
        }
        if self.pages.len() > KEPT_PAGES {
            let centre = first / PAGE;
            let mut far: Vec<usize> = self.pages.keys().copied().collect();
            far.sort_by_key(|p| std::cmp::Reverse(p.abs_diff(centre)));
            for p in far.into_iter().take(self.pages.len() - KEPT_PAGES) {
                self.pages.remove(&p);
            }
        }
        let id = self.row(selected).map(|r| r.id.clone());
        if let Some(id) = id {
            if !self.docs.contains_key(&id) && self.opening.as_ref() != Some(&id) {
                self.opening = Some(id.clone());
                fx.push(Effect::Open(id));
            }
        }
        fx
    }

    /// Forgets what was asked and not received (the source went away and
    /// came back): it is asked again.
    pub fn retry(&mut self) {
        self.asked.clear();
        self.opening = None;
    }

    /// Pages held now.
    pub fn pages_held(&self) -> usize {
        self.pages.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(offset: usize, n: usize) -> Vec<ListRow> {
        (offset..offset + n)
            .map(|i| ListRow {
                id: format!("doc{i}"),
                label: format!("A/{i}"),
                symbol: true,
                date: None,
                languages: "en".into(),
                title: format!("Title {i}"),
            })
            .collect()
    }

    #[test]
    fn only_the_pages_around_the_view_are_asked_once() {
        let mut w = Window::new(1_000_000);
        let fx = w.wanted(0, 30, 0);
        assert_eq!(
            fx,
            vec![
                Effect::ListPage {
                    generation: 0,
                    query: ListQuery::default(),
                    offset: 0,
                    limit: PAGE
                },
                Effect::ListPage {
                    generation: 0,
                    query: ListQuery::default(),
                    offset: PAGE,
                    limit: PAGE
                }
            ]
        );
        assert!(w.wanted(0, 30, 0).is_empty(), "asked twice");
        w.receive(0, rows(0, PAGE));
        assert_eq!(w.row(5).map(|r| r.id.as_str()), Some("doc5"));
        // The selected row's document is fetched once.
        assert_eq!(w.wanted(0, 30, 5), vec![Effect::Open("doc5".into())]);
        assert!(w.wanted(0, 30, 5).is_empty());
        w.fetched("doc5", 0);
        assert_eq!(w.doc(5), Some(0));
        assert_eq!(w.position_of(0), Some(5));
        // The end of a million rows: its pages only.
        let fx = w.wanted(999_990, 30, 999_999);
        assert_eq!(
            fx,
            vec![
                Effect::ListPage {
                    generation: 0,
                    query: ListQuery::default(),
                    offset: 999_800,
                    limit: PAGE
                },
                Effect::ListPage {
                    generation: 0,
                    query: ListQuery::default(),
                    offset: 999_900,
                    limit: PAGE
                }
            ]
        );
    }

    #[test]
    fn pages_far_from_the_view_are_forgotten() {
        let mut w = Window::new(100_000);
        for p in 0..40 {
            w.receive(p * PAGE, rows(p * PAGE, PAGE));
        }
        w.wanted(0, 30, 0);
        assert_eq!(w.pages_held(), KEPT_PAGES);
        assert!(w.row(0).is_some());
        assert!(w.row(39 * PAGE).is_none());
    }
}
