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
    /// The text as decoded, when the reader shows it instead of the clean
    /// reading text.
    pub raw: Option<Arc<Document>>,
    /// Columns scrolled sideways (lines shown unwrapped).
    pub left: usize,
    /// Byte offset of the footnote mark last opened (the footnote key opens
    /// the next mark on screen after it).
    pub note_at: Option<usize>,
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
            raw: None,
            left: 0,
            note_at: None,
        }
    }

    /// The document shown: the corpus's (clean text), or its raw view. It
    /// does not borrow the reader, which may be moved while it is read.
    pub fn shown<'a>(&self, corpus: &'a Corpus) -> Option<Shown<'a>> {
        match &self.raw {
            Some(d) => Some(Shown::Raw(Arc::clone(d))),
            None => corpus.get(self.doc).map(Shown::Corpus),
        }
    }

    /// Switches between the clean reading text and the text as decoded,
    /// keeping the same share of the document in view; false when the
    /// document has no other text (it needed no cleaning).
    pub fn toggle_raw(&mut self, corpus: &Corpus, view: (usize, usize)) -> bool {
        let Some(doc) = corpus.get(self.doc) else {
            return false;
        };
        let Some(raw) = &doc.raw else { return false };
        let share = self.shown(corpus).map_or(0.0, |d| {
            self.top_line(&d) as f64 / d.line_count().max(1) as f64
        });
        self.raw = match self.raw.take() {
            Some(_) => None,
            None => Some(Arc::new(crate::model::parse::plain_document(
                doc.id.clone(),
                doc.path.clone(),
                raw.clone(),
                doc.encoding,
            ))),
        };
        let raw_view = self.raw.clone();
        let shown: &Document = raw_view.as_deref().unwrap_or(doc);
        self.segs = Arc::new(match self.raw {
            Some(_) => Segments::plain(shown),
            None => Segments::new(shown),
        });
        self.current_ref = None;
        self.find = None;
        self.note_at = None;
        self.left = 0;
        self.top = 0;
        self.row = 0;
        let line = ((share * shown.line_count() as f64) as usize).max(1);
        self.goto_line(shown, line, view);
        true
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

/// The document a reader shows: one of the corpus, or the raw view it holds.
#[derive(Debug, Clone)]
pub enum Shown<'a> {
    /// The corpus's document (the clean reading text).
    Corpus(&'a Document),
    /// The text as decoded.
    Raw(Arc<Document>),
}

impl std::ops::Deref for Shown<'_> {
    type Target = Document;

    fn deref(&self) -> &Document {
        match self {
            Shown::Corpus(d) => d,
            Shown::Raw(d) => d,
        }
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
