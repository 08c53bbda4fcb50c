//! The archive as a [`Source`]: the list, references and citations from
//! their tables, documents and families from the documents around them
//! (see `neighbours`).

use super::neighbours::corpus_around;
use super::{Archive, ArchiveError};
use crate::corpus::stored_row::from_stored;
use crate::corpus::view::family_rows;
use crate::corpus::{
    CitationRow, CitedBy, DocumentRow, ListQuery, ListSummary, MemberRow, Opened, Page,
    ReferenceRow, Source, SourceError, VersionRow,
};
use crate::model::{Corpus, Document, LookupError, RefKind, conference};
use std::path::Path;

impl From<ArchiveError> for SourceError {
    fn from(e: ArchiveError) -> Self {
        match e {
            ArchiveError::Cancelled(_) => SourceError::Cancelled,
            e => SourceError::Backend(e.to_string()),
        }
    }
}

/// Most candidates named when a prefix matches several documents.
const CANDIDATES: i64 = 10;

impl Archive {
    /// Runs `f` with the client, a failure made one line.
    pub(super) fn with<T>(
        &self,
        f: impl FnOnce(&mut postgres::Client) -> Result<T, postgres::Error>,
    ) -> Result<T, SourceError> {
        let mut client = self.client.borrow_mut();
        f(&mut client).map_err(|e| self.failed(&e).into())
    }

    /// The id of the document `query` names, as [`Corpus::lookup`] finds it.
    fn lookup(&self, query: &str) -> Result<String, SourceError> {
        let query = query.trim();
        // PostgreSQL text holds no NUL: no document is named with one.
        if query.contains('\0') {
            return Err(LookupError::NotFound(query.to_string()).into());
        }
        let found = self.with(|c| {
            let one = |c: &mut postgres::Client, sql: &str, p: &str| {
                c.query_opt(sql, &[&p])
                    .map(|r| r.map(|r| r.get::<_, String>(0)))
            };
            if let Some(id) = one(c, "SELECT id FROM documents WHERE id = $1", query)? {
                return Ok(Ok(id));
            }
            let by_symbol = "SELECT id FROM documents WHERE symbol = $1 ORDER BY ordinal LIMIT 1";
            let found = match one(c, by_symbol, query)? {
                Some(id) => Some(id),
                None => {
                    let canonical = std::fs::canonicalize(query)
                        .map(|p| p.to_string_lossy().into_owned())
                        .unwrap_or_else(|_| query.to_string());
                    c.query_opt(
                        "SELECT id FROM documents WHERE path = $1 OR path = $2
                         ORDER BY ordinal LIMIT 1",
                        &[&query, &canonical],
                    )?
                    .map(|r| r.get(0))
                }
            };
            let found = match found {
                Some(id) => Some(id),
                None => match Path::new(query).file_stem().and_then(|s| s.to_str()) {
                    Some(stem) if stem != query => {
                        one(c, "SELECT id FROM documents WHERE id = $1", stem)?
                    }
                    _ => None,
                },
            };
            if let Some(id) = found {
                return Ok(Ok(id));
            }
            if query.is_empty() {
                return Ok(Err(LookupError::NotFound(query.to_string())));
            }
            let rows = c.query(
                "SELECT id FROM documents WHERE left(id, length($1)) = $1
                 ORDER BY ordinal LIMIT $2",
                &[&query, &(CANDIDATES + 1)],
            )?;
            let ids: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
            Ok(match ids.as_slice() {
                [id] => Ok(id.clone()),
                [] => Err(LookupError::NotFound(query.to_string())),
                many => Err(LookupError::Ambiguous {
                    query: query.to_string(),
                    candidates: many.iter().take(10).cloned().collect(),
                }),
            })
        })??;
        if found == query {
            return Ok(found);
        }
        // A symbol names the document, not one of its files: its row's version.
        self.with(|c| {
            c.query_one(
                "SELECT coalesce(
                    (SELECT l.id FROM documents l WHERE l.symbol = d.symbol AND l.listed LIMIT 1),
                    d.id)
                 FROM documents d WHERE d.id = $1",
                &[&found],
            )
            .map(|r| r.get(0))
        })
    }

    /// The corpus around document `id`, and its index there.
    fn around(&self, id: &str) -> Result<(Corpus, usize), SourceError> {
        let corpus = self.with(|c| corpus_around(c, &[id.to_string()]))?;
        let i = corpus
            .by_id(id)
            .ok_or_else(|| LookupError::NotFound(id.to_string()))?;
        Ok((corpus, i))
    }

    /// The document `query` names with its language versions, renderings
    /// and family, in archive order: what the explorer fetches to show it
    /// (its language key and family view then work as over files).
    pub fn document_around(&self, query: &str) -> Result<Vec<Document>, SourceError> {
        let id = self.lookup(query)?;
        let (corpus, _) = self.around(&id)?;
        Ok(corpus.documents().to_vec())
    }

    /// The citations of `key` (read in full), in corpus and text order.
    fn citation_rows(&self, key: &str) -> Result<Vec<CitationRow>, SourceError> {
        if key.contains('\0') {
            return Ok(Vec::new());
        }
        self.with(|c| {
            // A conference's report is cited by every citation of a decision
            // of its session, except its own.
            let symbol = key.strip_prefix("symbol:").unwrap_or("");
            let reports = c.query(
                "SELECT id, reported_conference, reported_session FROM documents
                 WHERE symbol = $1 AND reported_conference IS NOT NULL ORDER BY ordinal",
                &[&symbol],
            )?;
            let session: Option<(String, i32)> = reports.first().map(|r| (r.get(1), r.get(2)));
            let (conference, number) = session.unzip();
            let excluded: Vec<String> = if reports.len() == 1 {
                reports.iter().map(|r| r.get(0)).collect()
            } else {
                Vec::new()
            };
            let rows = c.query(
                "SELECT d.id, c.line, c.col, c.end_line, c.end_col, c.text, c.context, c.focus,
                        c.context_truncated
                 FROM citations c JOIN documents d ON d.id = c.doc_id
                 WHERE c.key = $1 OR c.cited_as = $1
                    OR (c.conference = $2 AND c.session = $3 AND NOT c.doc_id = ANY($4))
                 ORDER BY d.ordinal, c.n",
                &[&key, &conference, &number, &excluded],
            )?;
            Ok(rows
                .iter()
                .map(|r| CitationRow {
                    doc: r.get(0),
                    line: usize_of(r.get(1)),
                    column: usize_of(r.get(2)),
                    end_line: usize_of(r.get(3)),
                    end_column: usize_of(r.get(4)),
                    text: r.get(5),
                    context: r.get(6),
                    focus: usize_of(r.get(7)),
                    context_truncated: r.get(8),
                })
                .collect())
        })
    }
}

fn usize_of(n: i32) -> usize {
    usize::try_from(n).unwrap_or(0)
}

impl Source for Archive {
    fn list_summary(&self, query: &ListQuery) -> Result<ListSummary, SourceError> {
        // Without a filter: kept by the pushes, a million rows not counted.
        self.query_summary(query)
    }

    fn list(&self, query: &ListQuery, page: Page) -> Result<Vec<DocumentRow>, SourceError> {
        // Each row's id and stored list row, in the list's order.
        let stored = self.query_page(query, page)?;
        let mut rows: Vec<Option<DocumentRow>> = stored
            .iter()
            .map(|(_, text)| text.as_deref().and_then(from_stored))
            .collect();
        // A row not stored (or not readable) is worked out from the
        // documents around it, as before schema version 2.
        let missing: Vec<String> = stored
            .iter()
            .zip(&rows)
            .filter(|(_, row)| row.is_none())
            .map(|((id, _), _)| id.clone())
            .collect();
        if !missing.is_empty() {
            let corpus = self.with(|c| corpus_around(c, &missing))?;
            for ((id, _), row) in stored.iter().zip(rows.iter_mut()) {
                if row.is_none() {
                    *row = corpus.by_id(id).and_then(|i| DocumentRow::of(&corpus, i));
                }
            }
        }
        Ok(rows.into_iter().flatten().collect())
    }

    fn list_position(&self, query: &ListQuery, id: &str) -> Result<Option<usize>, SourceError> {
        self.query_position(query, id)
    }

    fn open(&self, query: &str, lang: Option<&str>) -> Result<Opened, SourceError> {
        let id = self.lookup(query)?;
        let (corpus, mut i) = self.around(&id)?;
        if let Some(lang) = lang {
            i = corpus.in_language(i, lang)?;
        }
        let doc = corpus
            .get(i)
            .cloned()
            .ok_or_else(|| LookupError::NotFound(query.to_string()))?;
        let agenda_symbol = doc
            .meta
            .agenda_item
            .as_ref()
            .and_then(|a| a.agenda_symbol.clone());
        let agenda_document = match agenda_symbol {
            None => None,
            Some(symbol) => self.with(|c| {
                Ok(c.query_opt(
                    "SELECT id, has_agenda FROM documents WHERE symbol = $1
                     ORDER BY ordinal LIMIT 1",
                    &[&symbol],
                )?
                .filter(|r| r.get::<_, bool>(1))
                .map(|r| r.get(0)))
            })?,
        };
        Ok(Opened {
            doc,
            agenda_document,
        })
    }

    fn references(&self, kinds: &[RefKind]) -> Result<Vec<ReferenceRow>, SourceError> {
        let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
        self.with(|c| {
            let rows = c.query(
                "SELECT d.id, c.key, c.cited_as, c.kind, c.text, c.line, c.col, c.end_line,
                        c.end_col
                 FROM citations c JOIN documents d ON d.id = c.doc_id
                 WHERE cardinality($1::text[]) = 0 OR c.kind = ANY($1)
                 ORDER BY d.ordinal, c.n",
                &[&names],
            )?;
            Ok(rows
                .iter()
                .filter_map(|r| {
                    Some(ReferenceRow {
                        doc: r.get(0),
                        key: r.get(1),
                        cited_as: r.get(2),
                        kind: RefKind::from_name(r.get(3))?.name(),
                        text: r.get(4),
                        line: usize_of(r.get(5)),
                        column: usize_of(r.get(6)),
                        end_line: usize_of(r.get(7)),
                        end_column: usize_of(r.get(8)),
                    })
                })
                .collect())
        })
    }

    fn cited_by(&self, key: &str) -> Result<CitedBy, SourceError> {
        let rows = self.citation_rows(key)?;
        let mut cited = CitedBy {
            key: key.to_string(),
            count: rows.len(),
            ..CitedBy::default()
        };
        for r in &rows {
            if cited.documents.last() != Some(&r.doc) {
                cited.documents.push(r.doc.clone());
            }
            let position = format!("{}:{}", r.line, r.column).len();
            cited.widest_position = cited.widest_position.max(position);
        }
        cited.documents_with_symbol = self.with(|c| {
            let rows = if key.contains('\0') {
                Vec::new()
            } else if let Some(symbol) = key.strip_prefix("symbol:") {
                c.query(
                    "SELECT id FROM documents WHERE symbol = $1 ORDER BY ordinal",
                    &[&symbol],
                )?
            } else if let Some((conf, session)) = conference::session_of_key(key) {
                let session = i32::try_from(session).unwrap_or(i32::MAX);
                c.query(
                    "SELECT id FROM documents
                     WHERE reported_conference = $1 AND reported_session = $2 ORDER BY ordinal",
                    &[&conf, &session],
                )?
            } else {
                Vec::new()
            };
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })?;
        Ok(cited)
    }

    fn citations<'a>(
        &'a self,
        key: &str,
    ) -> Result<Box<dyn Iterator<Item = CitationRow> + 'a>, SourceError> {
        Ok(Box::new(self.citation_rows(key)?.into_iter()))
    }

    fn keys_for_target(
        &self,
        folded_target: &str,
        limit: usize,
    ) -> Result<Vec<String>, SourceError> {
        if folded_target.contains('\0') {
            return Ok(Vec::new());
        }
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.with(|c| {
            let rows = c.query(
                "SELECT k FROM (
                    SELECT key AS k FROM citations WHERE key_target = $1
                    UNION SELECT cited_as FROM citations WHERE cited_as_target = $1) AS keys
                 ORDER BY k COLLATE \"C\" LIMIT $2",
                &[&folded_target, &limit],
            )?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })
    }

    fn family(&self, query: &str) -> Result<(String, Vec<MemberRow>), SourceError> {
        let id = self.lookup(query)?;
        let (corpus, i) = self.around(&id)?;
        let label = corpus.get(i).map_or(query, |d| d.label()).to_string();
        Ok((label, family_rows(&corpus, i)))
    }

    fn search(&self, query: &str, limit: usize) -> Result<crate::corpus::Found, SourceError> {
        self.find(query, limit)
    }

    fn documents(&self, page: Page) -> Result<Vec<Document>, SourceError> {
        let ids: Vec<String> = self.with(|c| {
            let offset = i64::try_from(page.offset).unwrap_or(i64::MAX);
            let limit = i64::try_from(page.limit).unwrap_or(i64::MAX);
            let rows = c.query(
                "SELECT id FROM documents ORDER BY ordinal OFFSET $1 LIMIT $2",
                &[&offset, &limit],
            )?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })?;
        let corpus = self.with(|c| super::neighbours::documents(c, &ids))?;
        Ok(corpus.documents().to_vec())
    }

    fn versions(&self, query: &str) -> Result<Vec<VersionRow>, SourceError> {
        let id = self.lookup(query)?;
        let (corpus, i) = self.around(&id)?;
        Ok(DocumentRow::of(&corpus, i)
            .map(|r| r.versions)
            .unwrap_or_default())
    }
}
