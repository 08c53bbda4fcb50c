//! The in-memory corpus as a [`Source`].

use super::listing::{self, ListQuery};
use super::view::{CitationRow, CitedBy, DocumentRow, MemberRow, ReferenceRow, family_rows};
use super::{ListSummary, Opened, Page, Source, SourceError};
use crate::model::fold::fold;
use crate::model::{Corpus, Document, LoadProblem, LookupError, RefKind};
use std::collections::HashMap;

/// What to say when a document's body could not be read.
fn body_failure(p: LoadProblem) -> SourceError {
    SourceError::Backend(format!("cannot read the text of {p}"))
}

impl Corpus {
    /// The index of the document `query` names; a symbol names the
    /// version the list shows.
    pub fn lookup(&self, query: &str) -> Result<usize, LookupError> {
        let i = self.find_document(query)?;
        // A symbol names the document, not one of its files: its row's version.
        Ok(match self.get(i) {
            Some(d) if d.id != query.trim() => self.listed_version(i),
            _ => i,
        })
    }

    /// The version of document `i` in language `lang` (a code or a name).
    pub fn in_language(&self, i: usize, lang: &str) -> Result<usize, SourceError> {
        let versions = self.versions_of(i);
        let lower = lang.trim().to_lowercase();
        let wanted = crate::model::masthead::language_code(&lower).unwrap_or(&lower);
        versions
            .iter()
            .find(|v| v.language.as_deref() == Some(wanted))
            .map(|v| v.doc)
            .ok_or_else(|| {
                let had: Vec<&str> = versions
                    .iter()
                    .filter_map(|v| v.language.as_deref())
                    .collect();
                SourceError::Unanswerable(format!(
                    "{} has no version in '{lang}'; it has: {}",
                    self.get(i).map_or("the document", |d| d.label()),
                    if had.is_empty() {
                        "no language known".to_string()
                    } else {
                        had.join(" ")
                    }
                ))
            })
    }
}

impl Source for Corpus {
    fn list_summary(&self, query: &ListQuery) -> Result<ListSummary, SourceError> {
        let mut summary = ListSummary::default();
        let mut count = |i: usize| {
            summary.rows += 1;
            if self.get(i).is_some_and(|d| d.meta.symbol.is_some()) {
                summary.with_symbol += 1;
            }
        };
        if query.is_everything() {
            self.listed().iter().for_each(|&i| count(i));
        } else {
            listing::listed(self, query)
                .iter()
                .for_each(|&i| count(i as usize));
        }
        Ok(summary)
    }

    fn list(&self, query: &ListQuery, page: Page) -> Result<Vec<DocumentRow>, SourceError> {
        let row = |i: usize| DocumentRow::of(self, i);
        if query.is_everything() {
            let listed = self.listed();
            let from = page.offset.min(listed.len());
            let to = from.saturating_add(page.limit).min(listed.len());
            return Ok(listed[from..to].iter().filter_map(|&i| row(i)).collect());
        }
        Ok(listing::listed(self, query)
            .into_iter()
            .skip(page.offset)
            .take(page.limit)
            .filter_map(|i| row(i as usize))
            .collect())
    }

    fn list_position(&self, query: &ListQuery, id: &str) -> Result<Option<usize>, SourceError> {
        let Some(doc) = self.by_id(id) else {
            return Ok(None);
        };
        Ok(listing::listed(self, query)
            .iter()
            .position(|&d| d as usize == doc))
    }

    fn open(&self, query: &str, lang: Option<&str>) -> Result<Opened, SourceError> {
        let mut i = self.lookup(query)?;
        if let Some(lang) = lang {
            i = self.in_language(i, lang)?;
        }
        if self.get(i).is_none() {
            return Err(LookupError::NotFound(query.to_string()).into());
        }
        let doc = self.with_body(i).map_err(body_failure)?;
        let agenda_symbol = doc
            .meta
            .agenda_item
            .as_ref()
            .and_then(|a| a.agenda_symbol.as_deref());
        let agenda_document = self
            .agenda_document(agenda_symbol)
            .and_then(|a| self.get(a))
            .map(|a| a.id.clone());
        Ok(Opened {
            doc: doc.into_owned(),
            agenda_document,
        })
    }

    fn references(&self, kinds: &[RefKind]) -> Result<Vec<ReferenceRow>, SourceError> {
        let wanted = |k: RefKind| kinds.is_empty() || kinds.contains(&k);
        let mut rows = Vec::new();
        for (i, d) in self.documents().iter().enumerate() {
            if !d.references.iter().any(|r| wanted(r.kind)) {
                continue;
            }
            let d = self.with_body(i).map_err(body_failure)?;
            rows.extend(
                d.references
                    .iter()
                    .filter(|r| wanted(r.kind))
                    .map(|r| ReferenceRow::of(&d, r)),
            );
        }
        Ok(rows)
    }

    fn cited_by(&self, key: &str) -> Result<CitedBy, SourceError> {
        let mut cited = CitedBy {
            key: key.to_string(),
            ..CitedBy::default()
        };
        for c in self.backlinks(key) {
            let (Some(doc), Some(r)) = (self.get(c.doc), self.reference(c)) else {
                continue;
            };
            if cited.documents.last() != Some(&doc.id) {
                cited.documents.push(doc.id.clone());
            }
            cited.count += 1;
            let position = format!("{}:{}", r.line, r.column).len();
            cited.widest_position = cited.widest_position.max(position);
        }
        cited.documents_with_symbol = self
            .resolve(key)
            .iter()
            .filter_map(|&i| self.get(i))
            .map(|d| d.id.clone())
            .collect();
        Ok(cited)
    }

    fn citations<'a>(
        &'a self,
        key: &str,
    ) -> Result<Box<dyn Iterator<Item = CitationRow> + 'a>, SourceError> {
        let citations = self.backlinks(key);
        // The citing documents read with their head only get their body
        // first, so that a failure is said rather than a row left out.
        let mut bodies: HashMap<usize, Document> = HashMap::new();
        for c in citations {
            if !bodies.contains_key(&c.doc) && self.get(c.doc).is_some_and(|d| !d.body_loaded()) {
                let doc = self.with_body(c.doc).map_err(body_failure)?;
                bodies.insert(c.doc, doc.into_owned());
            }
        }
        Ok(Box::new(citations.iter().filter_map(move |c| {
            let doc = bodies.get(&c.doc).or_else(|| self.get(c.doc))?;
            Some(CitationRow::of(doc, doc.references.get(c.reference)?))
        })))
    }

    fn keys_for_target(
        &self,
        folded_target: &str,
        limit: usize,
    ) -> Result<Vec<String>, SourceError> {
        Ok(self
            .keys()
            .into_iter()
            .map(|(key, _)| key)
            .filter(|key| {
                key.split_once(':')
                    .is_some_and(|(_, target)| fold(target) == folded_target)
            })
            .take(limit)
            .map(str::to_string)
            .collect())
    }

    fn family(&self, query: &str) -> Result<(String, Vec<MemberRow>), SourceError> {
        let i = self.lookup(query)?;
        let label = self.get(i).map_or(query, |d| d.label()).to_string();
        Ok((label, family_rows(self, i)))
    }

    fn search(&self, query: &str, limit: usize) -> Result<super::Found, SourceError> {
        use crate::search::{CandidateKind, CandidateSet, Query, Scope, search};
        if !self.bodies_loaded() {
            return Err(SourceError::Unanswerable(
                "searching lines needs every text, and this corpus was read without them".into(),
            ));
        }
        let set = CandidateSet::build(self, Scope::ALL);
        let parsed = Query::new(query);
        let never = std::sync::atomic::AtomicBool::new(false);
        let (outcome, _) = search(&set, &parsed, limit, None, &never);
        let hits = outcome
            .matches
            .iter()
            .filter_map(|m| {
                let i = m.index as usize;
                let c = set.items().get(i)?;
                let doc = self.get(c.doc as usize)?;
                Some(super::Hit {
                    kind: c.kind.name(),
                    doc: doc.id.clone(),
                    line: (c.kind != CandidateKind::Document).then_some(c.line),
                    score: m.score,
                    text: set.text(self, i).into_owned(),
                })
            })
            .collect();
        Ok(super::Found {
            hits,
            matched: outcome.matched,
            more: false,
        })
    }

    /// Left to the process's end: freeing 100 000 documents one by one
    /// would cost a tenth of a command.
    fn close(self: Box<Self>) {
        std::mem::forget(self);
    }

    fn documents(&self, page: Page) -> Result<Vec<crate::model::Document>, SourceError> {
        (page.offset..self.len().min(page.offset.saturating_add(page.limit)))
            .map(|i| {
                self.with_body(i)
                    .map(std::borrow::Cow::into_owned)
                    .map_err(body_failure)
            })
            .collect()
    }

    fn versions(&self, query: &str) -> Result<Vec<super::VersionRow>, SourceError> {
        let i = self.lookup(query)?;
        Ok(DocumentRow::of(self, i)
            .map(|r| r.versions)
            .unwrap_or_default())
    }
}
