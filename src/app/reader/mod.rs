//! A reader pane: a document, where it is scrolled to, the selected
//! reference and the search in the document. Scrolling by display rows is in
//! [`scroll`], what its keys do in [`keys`].

pub mod keys;
pub mod scroll;

use crate::app::text::Segments;
use crate::model::{Corpus, Document};
use std::sync::Arc;

/// A search in the open document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    /// What was typed.
    pub query: String,
    /// Byte ranges of every hit, in order.
    pub hits: Vec<(u32, u32)>,
    /// The current hit.
    pub current: usize,
}

/// One reader: a document and where it is scrolled to.
#[derive(Debug, Clone)]
pub struct Reader {
    /// Corpus index of the document.
    pub doc: usize,
    /// Its display segments.
    pub segs: Arc<Segments>,
    /// First visible segment.
    pub top: usize,
    /// First visible row within that segment.
    pub row: usize,
    /// The selected reference (index in the document's references).
    pub current_ref: Option<usize>,
    /// The search in the document, when there is one.
    pub find: Option<Find>,
}

impl Reader {
    /// A reader at the first line of text of document `doc`.
    pub fn new(corpus: &Corpus, doc: usize) -> Self {
        let segs = corpus
            .get(doc)
            .map(|d| Arc::new(Segments::new(d)))
            .unwrap_or_default();
        let top = corpus.get(doc).map_or(0, |d| first_text(d, &segs));
        Reader {
            doc,
            segs,
            top,
            row: 0,
            current_ref: None,
            find: None,
        }
    }

    /// Moves to the next (`forward`) or previous hit of its search; a
    /// message when there is nothing to move to.
    pub fn find_step(
        &mut self,
        doc: &Document,
        forward: bool,
        view: (usize, usize),
    ) -> Result<(), FindStep> {
        let Some(f) = &mut self.find else {
            return Err(FindStep::NoSearch);
        };
        if f.hits.is_empty() {
            return Err(FindStep::NoMatch(f.query.clone()));
        }
        let n = f.hits.len();
        f.current = if forward {
            (f.current + 1) % n
        } else {
            (f.current + n - 1) % n
        };
        let h = f.hits[f.current];
        self.show_byte(doc, h.0 as usize, view);
        Ok(())
    }
}

/// Why a step to the next hit did not move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindStep {
    /// No search in this document.
    NoSearch,
    /// The search found nothing.
    NoMatch(String),
}

/// The first segment with text: many documents start with blank lines.
pub fn first_text(doc: &Document, segs: &Segments) -> usize {
    (0..segs.len().min(40))
        .find(|&i| !doc.text[segs.range(i)].trim().is_empty())
        .unwrap_or(0)
}

/// Index of the first hit at or after byte `from` (the first hit when none is).
pub fn first_from(hits: &[(u32, u32)], from: usize) -> usize {
    let k = hits.partition_point(|h| (h.0 as usize) < from);
    if k < hits.len() { k } else { 0 }
}
