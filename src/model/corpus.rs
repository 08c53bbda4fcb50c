//! A corpus: documents in a stable order, with the indexes that link them —
//! every reference key to the documents and lines citing it (backlinks), and
//! every symbol to the documents that carry it.

use crate::model::document::Document;
use crate::model::load::{LoadProblem, SkipReason};
use crate::model::reference::Reference;
use crate::model::{conference, family, versions};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use thiserror::Error;

/// One place where a key is cited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Citation {
    /// Index of the citing document in the corpus.
    pub doc: usize,
    /// Index of the reference in that document's `references`.
    pub reference: usize,
    /// 1-based line of the citation.
    pub line: usize,
}

/// Why a document could not be picked out.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LookupError {
    /// Nothing matches.
    #[error(
        "no document matches '{0}' (try an id, an id prefix, a path or a symbol; `dossier list` shows them)"
    )]
    NotFound(String),
    /// Several documents match a prefix.
    #[error("'{query}' matches several documents: {}", candidates.join(", "))]
    Ambiguous {
        /// What was asked for.
        query: String,
        /// Ids of the documents it matches.
        candidates: Vec<String>,
    },
}

/// Reads the body of a document whose head only is in the corpus: the
/// document read again with its body (from the index), or why it could not be.
pub type BodyReader = dyn Fn(&Document) -> Result<Document, LoadProblem> + Send + Sync;

/// The documents of a corpus and their indexes.
#[derive(Default)]
pub struct Corpus {
    docs: Vec<Document>,
    /// How many documents have their head only.
    heads_only: usize,
    /// Where the bodies of those documents are read from.
    bodies: Option<Arc<BodyReader>>,
    problems: Vec<LoadProblem>,
    backlinks: HashMap<String, Vec<Citation>>,
    by_symbol: HashMap<String, Vec<usize>>,
    by_id: HashMap<String, usize>,
    /// For each symbol, the version the list shows for it.
    primary: HashMap<String, usize>,
    /// For each document, whether it has a row of its own in the list
    /// ([`Corpus::is_listed`]), kept as `primary` changes.
    row: Vec<bool>,
    /// Revisions, addenda, corrigenda, drafts and adopted texts.
    families: family::Index,
    /// For each session of a conference (`CTOC/COP`, 4), the documents that
    /// report on it and print its decisions.
    session_reports: HashMap<(&'static str, u32), Vec<usize>>,
    /// For each session of a conference, the distinct symbols of its
    /// reports (one per report, whatever its language versions).
    session_report_symbols: HashMap<(&'static str, u32), Vec<String>>,
    /// For each session of a conference, the citations of its decisions and
    /// resolutions (`decision:CTOC/COP:4/4`).
    session_citations: HashMap<(&'static str, u32), Vec<Citation>>,
    /// The documents with a row of their own in the list, in order
    /// ([`Corpus::listed`]), found the first time they are asked for.
    listed: std::sync::OnceLock<Vec<usize>>,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus")
            .field("docs", &self.docs.len())
            .field("heads_only", &self.heads_only)
            .field("problems", &self.problems.len())
            .finish_non_exhaustive()
    }
}

impl Corpus {
    /// A corpus of `docs` (kept in the given order), with the `problems` met
    /// while loading them.
    pub fn new(docs: Vec<Document>, problems: Vec<LoadProblem>) -> Self {
        let mut corpus = Corpus {
            problems,
            ..Corpus::default()
        };
        corpus.extend(docs);
        corpus
    }

    /// Adds documents at the end, indexing them.
    pub fn extend(&mut self, docs: Vec<Document>) {
        self.listed = std::sync::OnceLock::new();
        let first = self.docs.len();
        // Indexed in place: a document is 600 bytes, and 100 000 of them
        // moved one by one cost more than indexing them.
        let mut all = std::mem::take(&mut self.docs);
        if first == 0 {
            all = docs;
        } else {
            all.extend(docs);
        }
        for index in first..all.len() {
            self.index_document(index, &all);
        }
        self.docs = all;
    }

    /// Indexes document `index` of `docs` (those before it indexed already).
    fn index_document(&mut self, index: usize, docs: &[Document]) {
        let doc = &docs[index];
        self.add_session_report(index, doc, docs);
        for (r, reference) in doc.references.iter().enumerate() {
            let citation = Citation {
                doc: index,
                reference: r,
                line: reference.line,
            };
            // Under the document it reaches, and as it was cited.
            for key in std::iter::once(&reference.key).chain(&reference.cited_as) {
                // Most keys are cited many times: copied the first time only.
                match self.backlinks.get_mut(key.as_str()) {
                    Some(citations) => citations.push(citation),
                    None => {
                        self.backlinks.insert(key.clone(), vec![citation]);
                    }
                }
            }
            if let Some(session) = conference::session_of_key(&reference.key) {
                self.add_session_citation(session, citation, doc.meta.symbol.as_deref());
            }
        }
        if !doc.body_loaded() {
            self.heads_only += 1;
        }
        self.by_id.entry(doc.id.clone()).or_insert(index);
        self.families.add(index, doc);
        self.row.push(doc.meta.symbol.is_none());
        let Some(symbol) = &doc.meta.symbol else {
            return;
        };
        // Symbols are copied the first time only.
        match self.by_symbol.get_mut(symbol) {
            Some(copies) => copies.push(index),
            None => {
                self.by_symbol.insert(symbol.clone(), vec![index]);
            }
        }
        // The best version so far against the new one only: a symbol held
        // in many copies costs one comparison each.
        match self.primary.get_mut(symbol) {
            Some(best) if versions::rank(&docs[*best]) <= versions::rank(doc) => {}
            Some(best) => {
                self.row[*best] = false;
                self.row[index] = true;
                *best = index;
            }
            None => {
                self.row[index] = true;
                self.primary.insert(symbol.clone(), index);
            }
        }
    }

    /// Sets where the bodies of the documents read with their head only
    /// are read from when one is asked for ([`Corpus::with_body`]).
    pub fn set_body_reader(&mut self, reader: Arc<BodyReader>) {
        self.bodies = Some(reader);
    }

    /// True when every document has its body in memory (none was read
    /// with its head only).
    pub fn bodies_loaded(&self) -> bool {
        self.heads_only == 0
    }

    /// Document `i` with its body: the corpus's own when loaded, else read
    /// now through the corpus's body reader (not kept: the corpus is
    /// unchanged). A document whose head only is known and that has no
    /// reader is an error, never an empty text.
    pub fn with_body(&self, i: usize) -> Result<Cow<'_, Document>, LoadProblem> {
        let Some(doc) = self.docs.get(i) else {
            return Err(LoadProblem {
                path: Default::default(),
                reason: SkipReason::NotFound,
            });
        };
        if doc.body_loaded() {
            return Ok(Cow::Borrowed(doc));
        }
        match &self.bodies {
            Some(read) => read(doc).map(Cow::Owned),
            None => Err(LoadProblem {
                path: doc.path.clone(),
                reason: SkipReason::Internal(
                    "its text was not loaded and there is no index to read it from".into(),
                ),
            }),
        }
    }

    /// Indexes `doc` (to be document `index`) as the report of a
    /// conference's session when its title says it is one; the citations of
    /// that session's decisions made so far become citations of it.
    fn add_session_report(&mut self, index: usize, doc: &Document, docs: &[Document]) {
        let Some(session) = doc
            .meta
            .title
            .as_deref()
            .and_then(|t| conference::reported_session(t, doc.meta.symbol.as_deref()))
        else {
            return;
        };
        self.session_reports.entry(session).or_default().push(index);
        let Some(symbol) = &doc.meta.symbol else {
            return;
        };
        let symbols = self.session_report_symbols.entry(session).or_default();
        if symbols.contains(symbol) {
            return; // another version of a report already indexed
        }
        symbols.push(symbol.clone());
        // The report's own versions print its decisions: no citation of it.
        let earlier: Vec<Citation> = self
            .session_citations
            .get(&session)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|c| docs.get(c.doc).and_then(|d| d.meta.symbol.as_ref()) != Some(symbol))
            .copied()
            .collect();
        if earlier.is_empty() {
            return;
        }
        let cited = self
            .backlinks
            .entry(format!("symbol:{symbol}"))
            .or_default();
        cited.extend(earlier);
        cited.sort_by_key(|c| (c.doc, c.reference));
    }

    /// Indexes a citation of a conference's decision of `session` (made in
    /// a document of symbol `citing`), also under the symbols of the reports
    /// of that session (but not in the reports themselves).
    fn add_session_citation(
        &mut self,
        session: (&'static str, u32),
        citation: Citation,
        citing: Option<&str>,
    ) {
        self.session_citations
            .entry(session)
            .or_default()
            .push(citation);
        let Some(symbols) = self.session_report_symbols.get(&session) else {
            return;
        };
        for symbol in symbols {
            if citing == Some(symbol.as_str()) {
                continue;
            }
            self.backlinks
                .entry(format!("symbol:{symbol}"))
                .or_default()
                .push(citation);
        }
    }

    /// True when document `i` has a row of its own in the list: it has no
    /// symbol, or it is the version shown for its symbol (the other
    /// languages and renderings are reached from it).
    pub fn is_listed(&self, i: usize) -> bool {
        self.row.get(i).copied().unwrap_or(false)
    }

    /// The documents with a row of their own in the list ([`Corpus::is_listed`]),
    /// in corpus order.
    pub fn listed(&self) -> &[usize] {
        self.listed.get_or_init(|| {
            (0..self.docs.len())
                .filter(|&i| self.is_listed(i))
                .collect()
        })
    }

    /// The version of document `i` the list shows for its symbol (`i` itself
    /// when it has no symbol).
    pub fn listed_version(&self, i: usize) -> usize {
        self.docs
            .get(i)
            .and_then(|d| d.meta.symbol.as_ref())
            .and_then(|s| self.primary.get(s))
            .copied()
            .unwrap_or(i)
    }

    /// Every copy of document `i`: the documents carrying its symbol (in
    /// every language and rendering), or `i` alone.
    pub fn copies_of(&self, i: usize) -> Vec<usize> {
        match self.docs.get(i).and_then(|d| d.meta.symbol.as_ref()) {
            Some(symbol) => self.documents_with_symbol(symbol).to_vec(),
            None if i < self.docs.len() => vec![i],
            None => Vec::new(),
        }
    }

    /// How document `i` stands in its family (a revision of, an addendum
    /// to, adopted from, the draft of), when it has one.
    pub fn family_link(&self, i: usize) -> Option<family::Link> {
        self.families.link(&self.docs, i)
    }

    /// Every member of document `i`'s family (empty when it has none).
    pub fn family(&self, i: usize) -> Vec<family::Member> {
        self.families.members(&self.docs, i)
    }

    /// The language versions of document `i`: for each language (in the
    /// UN's order: ar zh en fr ru es, then others), the best rendering of it.
    pub fn versions_of(&self, i: usize) -> Vec<versions::Version> {
        versions::of(&self.docs, &self.copies_of(i))
    }

    /// The documents, in corpus order.
    pub fn documents(&self) -> &[Document] {
        &self.docs
    }

    /// Document `index`.
    pub fn get(&self, index: usize) -> Option<&Document> {
        self.docs.get(index)
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when the corpus has no document.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Files that could not be loaded.
    pub fn problems(&self) -> &[LoadProblem] {
        &self.problems
    }

    /// Every place citing `key` (canonical form), in corpus and text order.
    pub fn backlinks(&self, key: &str) -> &[Citation] {
        self.backlinks.get(key).map_or(&[], Vec::as_slice)
    }

    /// The reference a citation points at.
    pub fn reference(&self, citation: &Citation) -> Option<&Reference> {
        self.docs
            .get(citation.doc)?
            .references
            .get(citation.reference)
    }

    /// Every distinct key with how many times it is cited, sorted by key.
    pub fn keys(&self) -> Vec<(&str, usize)> {
        let mut keys: Vec<_> = self
            .backlinks
            .iter()
            .map(|(k, v)| (k.as_str(), v.len()))
            .collect();
        keys.sort_unstable();
        keys
    }

    /// The documents of the corpus that carry `symbol` as their own.
    pub fn documents_with_symbol(&self, symbol: &str) -> &[usize] {
        self.by_symbol.get(symbol).map_or(&[], Vec::as_slice)
    }

    /// The documents a key resolves to: for `symbol:` keys, the documents that
    /// carry that symbol; for a conference's decision (`decision:CTOC/COP:4/4`),
    /// the reports of its session; nothing for other kinds.
    pub fn resolve(&self, key: &str) -> &[usize] {
        if let Some(symbol) = key.strip_prefix("symbol:") {
            return self.documents_with_symbol(symbol);
        }
        conference::session_of_key(key)
            .and_then(|session| self.session_reports.get(&session))
            .map_or(&[], Vec::as_slice)
    }

    /// The document with this exact id.
    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The document named by `query`: an id, a unique id prefix, a path, or a symbol.
    pub fn find_document(&self, query: &str) -> Result<usize, LookupError> {
        let query = query.trim();
        if let Some(i) = self.by_id(query) {
            return Ok(i);
        }
        if let Some(&i) = self.documents_with_symbol(query).first() {
            return Ok(i);
        }
        let as_path = Path::new(query);
        let canonical = std::fs::canonicalize(as_path).ok();
        if let Some(i) = self.docs.iter().position(|d| {
            d.path == as_path
                || canonical
                    .as_deref()
                    .is_some_and(|c| std::fs::canonicalize(&d.path).ok().as_deref() == Some(c))
        }) {
            return Ok(i);
        }
        if let Some(stem) = as_path.file_stem().and_then(|s| s.to_str()) {
            if stem != query {
                if let Some(i) = self.by_id(stem) {
                    return Ok(i);
                }
            }
        }
        let matches: Vec<usize> = (0..self.docs.len())
            .filter(|&i| !query.is_empty() && self.docs[i].id.starts_with(query))
            .collect();
        match matches.as_slice() {
            [i] => Ok(*i),
            [] => Err(LookupError::NotFound(query.to_string())),
            many => Err(LookupError::Ambiguous {
                query: query.to_string(),
                candidates: many
                    .iter()
                    .take(10)
                    .map(|&i| self.docs[i].id.clone())
                    .collect(),
            }),
        }
    }

    /// Index of the agenda document that carries `symbol`, if the corpus has it.
    /// (No guess is made: a working group's agenda is not the session's.)
    pub fn agenda_document(&self, symbol: Option<&str>) -> Option<usize> {
        if let Some(&i) = symbol.and_then(|s| self.documents_with_symbol(s).first()) {
            if self.docs[i].agenda.is_some() {
                return Some(i);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse_document;
    use proptest::prelude::*;

    /// A document of `symbol` (none when empty) in `language`, read from `path`.
    fn doc(symbol: &str, language: &str, path: &str) -> Document {
        let front = if symbol.is_empty() {
            format!("---\nlanguage: {language}\n---\n")
        } else {
            format!("---\nsymbol: {symbol}\nlanguage: {language}\n---\n")
        };
        parse_document(
            path.replace(['/', '.'], "_"),
            std::path::PathBuf::from(path),
            format!("{front}\nTexte.\n"),
            "UTF-8",
        )
    }

    proptest! {
        /// Whatever order the copies of a symbol arrive in, and however
        /// they are split between additions, the list shows its best copy
        /// and only it, and every document without a symbol.
        #[test]
        fn each_symbol_is_listed_once_by_its_best_copy(
            picks in prop::collection::vec((0usize..4, 0usize..5, any::<bool>()), 1..24),
            split in 0usize..24,
        ) {
            let symbols = ["", "A/80/1", "A/80/2", "CTOC/COP/2020/3"];
            let languages = ["en", "fr", "ru", "zh", "de"];
            let docs: Vec<Document> = picks
                .iter()
                .enumerate()
                .map(|(k, &(s, l, md))| {
                    let ext = if md { "md" } else { "txt" };
                    doc(symbols[s], languages[l], &format!("d/{k}.{ext}"))
                })
                .collect();
            let split = split.min(docs.len());
            let mut corpus = Corpus::new(docs[..split].to_vec(), Vec::new());
            corpus.extend(docs[split..].to_vec());
            let all = corpus.documents();
            for (i, d) in all.iter().enumerate() {
                let best = match &d.meta.symbol {
                    None => true,
                    Some(s) => all
                        .iter()
                        .filter(|o| o.meta.symbol.as_ref() == Some(s))
                        .all(|o| versions::rank(d) <= versions::rank(o)),
                };
                prop_assert_eq!(corpus.is_listed(i), best, "{}", d.path.display());
            }
            let listed: Vec<usize> = (0..all.len()).filter(|&i| corpus.is_listed(i)).collect();
            prop_assert_eq!(corpus.listed(), &listed[..]);
        }
    }
}
