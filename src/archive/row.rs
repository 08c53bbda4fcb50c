//! A document as the archive stores it: the columns of its `documents`
//! row, its paragraphs and its citations, computed here before a push.

use super::list_keys::ListKeys;
use crate::corpus::context::Context;
use crate::model::decode::Caveat;
use crate::model::fold::fold;
use crate::model::symbol::Symbol;
use crate::model::{Document, conference, family, versions};

/// The version of dossier's parser a row was made by (the local index's
/// version key: the parser number, the crate version and a hash of the
/// model's sources): a row made by another version is pushed again even
/// when its file did not change.
pub fn parser_version() -> String {
    crate::model::store::key::version_key()
}

/// The columns of a `documents` row.
#[derive(Debug, Clone)]
pub struct DocRow {
    /// The document's id.
    pub id: String,
    /// Its path, as read.
    pub path: String,
    /// Its own symbol.
    pub symbol: Option<String>,
    /// The symbol of its family's root (`A/80/L.21` for `A/80/L.21/Rev.1`).
    pub symbol_base: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Its own title.
    pub title: Option<String>,
    /// The title shown.
    pub display_title: String,
    /// Date of issue.
    pub date: Option<String>,
    /// Session number.
    pub session: Option<i32>,
    /// Kind of document.
    pub doc_type: Option<String>,
    /// All its metadata, as `list --json` prints it.
    pub meta: serde_json::Value,
    /// How its bytes were decoded.
    pub encoding: String,
    /// What was replaced or left out when reading it.
    pub caveats: serde_json::Value,
    /// The decoded text the parser reads (`show` parses it again).
    pub source: String,
    /// SHA-256 of what the row is made from.
    pub content_hash: String,
    /// Number of words and lines.
    pub words: i32,
    /// Number of lines.
    pub lines: i32,
    /// True when it has no text.
    pub empty: bool,
    /// True when it is an agenda document.
    pub has_agenda: bool,
    /// Number of citations.
    pub reference_count: i32,
    /// The order of preference among the copies of its symbol.
    pub lang_rank: i32,
    /// The order of preference among renderings.
    pub format_rank: i32,
    /// The session it reports on, when it is a conference's report.
    pub reported: Option<(String, i32)>,
    /// The key under which a draft waits for the text adopted from it.
    pub draft_key: Option<String>,
    /// The same key for an adopted text.
    pub adopted_key: Option<String>,
    /// The base of the draft its masthead names.
    pub named_draft_base: Option<String>,
    /// What the list is filtered and sorted by.
    pub list_keys: ListKeys,
}

/// A `paragraphs` row.
#[derive(Debug, Clone)]
pub struct ParagraphRow {
    /// The number as printed.
    pub number: Option<String>,
    /// First line.
    pub start_line: i32,
    /// Last line.
    pub end_line: i32,
    /// Its text.
    pub text: String,
}

/// A `citations` row.
#[derive(Debug, Clone)]
pub struct CitationRow {
    /// Kind name.
    pub kind: &'static str,
    /// Canonical key.
    pub key: String,
    /// The key as cited.
    pub cited_as: Option<String>,
    /// Position.
    pub line: i32,
    /// Position.
    pub column: i32,
    /// Position.
    pub end_line: i32,
    /// Position.
    pub end_column: i32,
    /// As written.
    pub text: String,
    /// Its line, as backlinks show it.
    pub context: String,
    /// Characters of `context` before it.
    pub focus: i32,
    /// True when `context` is a part of its line.
    pub context_truncated: bool,
    /// The conference's session whose decision it cites.
    pub session: Option<(String, i32)>,
    /// The key's target, folded (for suggestions).
    pub key_target: String,
    /// The cited key's target, folded.
    pub cited_as_target: Option<String>,
}

/// A document made into rows.
#[derive(Debug, Clone)]
pub struct Rows {
    /// Its `documents` row.
    pub doc: DocRow,
    /// Its paragraphs (the whole text as one when it has none).
    pub paragraphs: Vec<ParagraphRow>,
    /// Its citations, in text order.
    pub citations: Vec<CitationRow>,
}

fn int(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The target of a key, folded: `symbol:CTOC/COP/2012/1` → `ctoc/cop/2012/1`.
fn folded_target(key: &str) -> String {
    fold(key.split_once(':').map_or(key, |(_, t)| t))
}

impl Rows {
    /// The rows of `doc`.
    pub fn of(doc: &Document) -> Rows {
        let source = doc.raw.clone().unwrap_or_else(|| doc.text.clone());
        let caveats = serde_json::to_value(&doc.caveats).unwrap_or_default();
        let path = doc.path.to_string_lossy().into_owned();
        let symbol = doc.meta.symbol.as_deref().and_then(Symbol::parse);
        let key3 = |k: Option<(String, String, String)>| {
            k.map(|(a, b, c)| format!("{a}\u{1f}{b}\u{1f}{c}"))
        };
        let (lang_rank, format_rank, _) = versions::rank(doc);
        let reported = doc
            .meta
            .title
            .as_deref()
            .and_then(|t| conference::reported_session(t, doc.meta.symbol.as_deref()))
            .map(|(c, s)| (c.to_string(), int(s as usize)));
        let named_draft_base = (family::adopted_key(doc).is_some())
            .then(|| family::draft_named_in(&doc.text))
            .flatten()
            .and_then(|d| Symbol::parse(&d))
            .map(|s| s.base().to_string());
        let content_hash = content_hash(doc);
        let display_title = doc.display_title();
        let list_keys = ListKeys::of(
            &doc.id,
            doc.meta.symbol.as_deref(),
            &display_title,
            doc.meta.date.as_deref(),
            doc.meta.language.as_deref(),
        );
        let row = DocRow {
            id: doc.id.clone(),
            symbol_base: symbol.as_ref().map(|s| s.base().to_string()),
            symbol: doc.meta.symbol.clone(),
            language: doc.meta.language.clone(),
            title: doc.meta.title.clone(),
            display_title,
            date: doc.meta.date.clone(),
            session: doc.meta.session.map(|s| int(s as usize)),
            doc_type: doc.meta.doc_type.map(str::to_string),
            meta: serde_json::to_value(&doc.meta).unwrap_or_default(),
            encoding: doc.encoding.to_string(),
            caveats,
            source,
            content_hash,
            words: int(doc.words),
            lines: int(doc.line_count()),
            empty: doc.is_empty(),
            has_agenda: doc.agenda.is_some(),
            reference_count: int(doc.references.len()),
            lang_rank: int(lang_rank),
            format_rank: i32::from(format_rank),
            reported,
            draft_key: key3(family::draft_key(doc)),
            adopted_key: key3(family::adopted_key(doc)),
            named_draft_base,
            list_keys,
            path,
        };
        let mut paragraphs: Vec<ParagraphRow> = doc
            .paragraphs
            .iter()
            .map(|p| ParagraphRow {
                number: p.number.clone(),
                start_line: int(p.start_line),
                end_line: int(p.end_line),
                text: (p.start_line..=p.end_line)
                    .map(|l| doc.line(l))
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
            .collect();
        if paragraphs.is_empty() && !doc.is_empty() {
            paragraphs.push(ParagraphRow {
                number: None,
                start_line: 1,
                end_line: int(doc.line_count()),
                text: doc.text.clone(),
            });
        }
        let citations = doc
            .references
            .iter()
            .map(|r| {
                let context = Context::of(doc, r);
                CitationRow {
                    kind: r.kind.name(),
                    key: r.key.clone(),
                    cited_as: r.cited_as.clone(),
                    line: int(r.line),
                    column: int(r.column),
                    end_line: int(r.end_line),
                    end_column: int(r.end_column),
                    text: r.text(&doc.text).to_string(),
                    context: context.text.to_string(),
                    focus: int(context.focus),
                    context_truncated: context.truncated,
                    session: conference::session_of_key(&r.key)
                        .map(|(c, s)| (c.to_string(), int(s as usize))),
                    key_target: folded_target(&r.key),
                    cited_as_target: r.cited_as.as_deref().map(folded_target),
                }
            })
            .collect();
        Rows {
            doc: row,
            paragraphs,
            citations,
        }
    }
}

/// SHA-256 of `parts`, each preceded by its length, in hex.
/// What tells whether the archive holds `doc` as it is: a SHA-256 of its
/// id, path, encoding, caveats and source text (the `content_hash` of its
/// row, found without making the rest of its rows).
pub fn content_hash(doc: &Document) -> String {
    let source = doc.raw.as_deref().unwrap_or(&doc.text);
    let caveats = serde_json::to_value(&doc.caveats).unwrap_or_default();
    hash(&[
        doc.id.as_bytes(),
        doc.path.to_string_lossy().as_bytes(),
        doc.encoding.as_bytes(),
        caveats.to_string().as_bytes(),
        source.as_bytes(),
    ])
}

fn hash(parts: &[&[u8]]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The caveats stored with a document, read back.
pub fn caveats_of(value: &serde_json::Value) -> Vec<Caveat> {
    serde_json::from_value(value.clone()).unwrap_or_default()
}
