//! A list row kept as the JSON `list --json` prints for it, with its
//! language versions and family link worked out over the documents around
//! it: stored with its document in an archive (`documents.list_row`, schema
//! version 2, so that a page of the list is one indexed query), and in the
//! list's snapshot beside a local index.

use crate::corpus::view::{DocumentFacts, DocumentRow, VersionRow};
use crate::model::family::Link;
use crate::model::{AgendaItemRef, Metadata};
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// The row as stored: the JSON `list --json` prints for it.
pub fn to_stored(row: &DocumentRow) -> String {
    serde_json::to_string(row).unwrap_or_default()
}

/// The row stored as `text`; `None` when it cannot be read (then the
/// reader works it out from the documents around it).
pub fn from_stored(text: &str) -> Option<DocumentRow> {
    let s: StoredRow = serde_json::from_str(text).ok()?;
    Some(DocumentRow {
        facts: DocumentFacts {
            id: s.id,
            path: s.path,
            meta: s.meta.into_metadata(),
            display_title: s.display_title,
            encoding: s.encoding,
            layout: s.layout,
            words: s.words,
            lines: s.lines,
            empty: s.empty,
            caveats: s.caveats,
        },
        references: s.references,
        languages: s.languages,
        versions: s
            .versions
            .into_iter()
            .map(|v| VersionRow {
                language: v.language,
                path: v.path,
                format: interned(&v.format),
            })
            .collect(),
        family: s.family.map(|l| Link {
            base: l.base,
            relation: interned(&l.relation),
            of: l.of,
        }),
    })
}

#[derive(Deserialize)]
struct StoredRow {
    id: String,
    path: String,
    #[serde(flatten)]
    meta: StoredMeta,
    display_title: String,
    encoding: String,
    layout: bool,
    words: usize,
    lines: usize,
    empty: bool,
    caveats: Vec<String>,
    references: usize,
    languages: Vec<String>,
    versions: Vec<StoredVersion>,
    family: Option<StoredLink>,
}

#[derive(Deserialize)]
struct StoredMeta {
    symbol: Option<String>,
    title: Option<String>,
    date: Option<String>,
    language: Option<String>,
    original_language: Option<String>,
    session: Option<u32>,
    place: Option<String>,
    meeting_start: Option<String>,
    meeting_end: Option<String>,
    agenda_item: Option<StoredAgendaItem>,
    doc_type: Option<String>,
}

impl StoredMeta {
    fn into_metadata(self) -> Metadata {
        Metadata {
            symbol: self.symbol,
            title: self.title,
            date: self.date,
            language: self.language,
            original_language: self.original_language,
            session: self.session,
            place: self.place,
            meeting_start: self.meeting_start,
            meeting_end: self.meeting_end,
            agenda_item: self.agenda_item.map(|a| AgendaItemRef {
                item: a.item,
                items: a.items,
                title: a.title,
                agenda_symbol: a.agenda_symbol,
                line: a.line,
            }),
            doc_type: self.doc_type.as_deref().map(interned),
        }
    }
}

#[derive(Deserialize)]
struct StoredAgendaItem {
    item: String,
    items: Vec<String>,
    title: Option<String>,
    agenda_symbol: Option<String>,
    line: usize,
}

#[derive(Deserialize)]
struct StoredVersion {
    language: Option<String>,
    path: String,
    format: String,
}

#[derive(Deserialize)]
struct StoredLink {
    base: String,
    relation: String,
    of: String,
}

/// Most distinct names kept (kinds, relations, formats: a few dozen are
/// known); past it a name from the archive reads as `other`.
const MAX_NAMES: usize = 1024;

/// `name` as a `&'static str`, each distinct name kept once for the life
/// of the process.
fn interned(name: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(kept) = names.get(name) {
        return kept;
    }
    if names.len() >= MAX_NAMES {
        return "other";
    }
    let kept: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(kept);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_row_reads_back_as_written() {
        let corpus = crate::model::load_bundled();
        for i in 0..corpus.len() {
            let row = DocumentRow::of(&corpus, i).expect("a row");
            let stored = to_stored(&row);
            let back = from_stored(&stored).expect("readable");
            assert_eq!(back, row);
            assert_eq!(to_stored(&back), stored);
        }
    }

    #[test]
    fn a_damaged_row_is_not_read() {
        assert!(from_stored("{\"id\": 3}").is_none());
        assert!(from_stored("not json").is_none());
    }
}
