//! What a corpus answers, as owned rows: the same for every backend, and
//! what the command line prints (`list --json`, `refs --json`,
//! `backlinks --json`, `family --json`).

use crate::model::family::Link;
use crate::model::versions;
use crate::model::{Corpus, Document, Metadata, Reference};
use serde::Serialize;

/// What `list --json` and `show --json` both say of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentFacts {
    /// The document's id.
    pub id: String,
    /// Where it was read from.
    pub path: String,
    /// What its masthead says.
    #[serde(flatten)]
    pub meta: Metadata,
    /// The title to show.
    pub display_title: String,
    /// How its bytes were decoded.
    pub encoding: String,
    /// A layout rendering, shown as printed.
    pub layout: bool,
    /// Number of words.
    pub words: usize,
    /// Number of lines.
    pub lines: usize,
    /// True when it has no text.
    pub empty: bool,
    /// What was replaced or left out when the file was read.
    pub caveats: Vec<String>,
}

impl DocumentFacts {
    /// The facts of `doc`.
    pub fn of(doc: &Document) -> Self {
        DocumentFacts {
            id: doc.id.clone(),
            path: doc.path.to_string_lossy().into_owned(),
            meta: doc.meta.clone(),
            display_title: doc.display_title(),
            encoding: doc.encoding.to_string(),
            layout: doc.layout,
            words: doc.words,
            lines: doc.line_count(),
            empty: doc.is_empty(),
            caveats: doc.caveats.iter().map(ToString::to_string).collect(),
        }
    }
}

/// One document as `list --json` prints it: the version shown, with every
/// language version of its symbol.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentRow {
    /// What is said of the version shown.
    #[serde(flatten)]
    pub facts: DocumentFacts,
    /// How many references the document cites.
    pub references: usize,
    /// The languages the corpus has the document in, in the UN's order.
    pub languages: Vec<String>,
    /// Every language version and rendering.
    pub versions: Vec<VersionRow>,
    /// How it stands in its family, or null.
    pub family: Option<Link>,
}

/// One rendering of one language version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionRow {
    /// Its language, when known.
    pub language: Option<String>,
    /// Its file.
    pub path: String,
    /// `pdf`, `docx`, `odt`, `md` or `txt`.
    pub format: &'static str,
}

impl DocumentRow {
    /// The row of document `i` of `corpus`.
    pub fn of(corpus: &Corpus, i: usize) -> Option<Self> {
        let doc = corpus.get(i)?;
        let versions = corpus.versions_of(i);
        Some(DocumentRow {
            facts: DocumentFacts::of(doc),
            references: doc.reference_count(),
            languages: versions.iter().filter_map(|v| v.language.clone()).collect(),
            versions: versions
                .iter()
                .flat_map(|v| &v.renderings)
                .filter_map(|&r| corpus.get(r))
                .map(|d| VersionRow {
                    language: d.meta.language.clone(),
                    path: d.path.to_string_lossy().into_owned(),
                    format: versions::format_of(d),
                })
                .collect(),
            family: corpus.family_link(i),
        })
    }

    /// The label the list shows: the symbol when known, else the id.
    pub fn label(&self) -> &str {
        self.facts.meta.symbol.as_deref().unwrap_or(&self.facts.id)
    }

    /// The languages as the list prints them (`en fr`).
    pub fn language_line(&self) -> String {
        self.languages.join(" ")
    }
}

/// A reference as printed in JSON: where, what, and the text as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferenceRow {
    /// The citing document's id.
    pub doc: String,
    /// Its canonical key.
    pub key: String,
    /// The key as cited, when it was resolved to another (`resolution:78/225`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cited_as: Option<String>,
    /// Its kind's name.
    pub kind: &'static str,
    /// The citation as written.
    pub text: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// 1-based last line.
    pub end_line: usize,
    /// Column past its end.
    pub end_column: usize,
}

impl ReferenceRow {
    /// The row of reference `r` of `doc`.
    pub fn of(doc: &Document, r: &Reference) -> Self {
        ReferenceRow {
            doc: doc.id.clone(),
            key: r.key.clone(),
            cited_as: r.cited_as.clone(),
            kind: r.kind.name(),
            text: r.text(&doc.text).to_string(),
            line: r.line,
            column: r.column,
            end_line: r.end_line,
            end_column: r.end_column,
        }
    }
}

/// One citation of a key, as `backlinks --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitationRow {
    /// Characters of `context` before the citation.
    #[serde(skip)]
    pub focus: usize,
    /// The citing document's id.
    pub doc: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// 1-based last line.
    pub end_line: usize,
    /// Column past its end.
    pub end_column: usize,
    /// The citation as written.
    pub text: String,
    /// The cited line, trimmed; only the part around the citation when the
    /// line is very long (then `context_truncated` is true).
    pub context: String,
    /// True when `context` is a part of the line.
    pub context_truncated: bool,
}

impl CitationRow {
    /// The row of reference `r` of `doc`.
    pub fn of(doc: &Document, r: &Reference) -> Self {
        let context = crate::corpus::context::Context::of(doc, r);
        CitationRow {
            focus: context.focus,
            doc: doc.id.clone(),
            line: r.line,
            column: r.column,
            end_line: r.end_line,
            end_column: r.end_column,
            text: r.text(&doc.text).to_string(),
            context: context.text.to_string(),
            context_truncated: context.truncated,
        }
    }
}

/// What is known of a key's citations before they are listed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CitedBy {
    /// The key, canonical.
    pub key: String,
    /// For a symbol key: the documents carrying that symbol (for a
    /// conference's decision: the reports of its session).
    pub documents_with_symbol: Vec<String>,
    /// The citing documents, each once, in corpus order.
    pub documents: Vec<String>,
    /// How many citations.
    #[serde(skip)]
    pub count: usize,
    /// The widest `LINE:COL` among them, in characters.
    #[serde(skip)]
    pub widest_position: usize,
}

/// One member of a family as `family --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberRow {
    /// Its symbol.
    pub symbol: String,
    /// How it stands (`base`, `revision`, `adopted_from`, …).
    pub relation: &'static str,
    /// What it stands in that relation to.
    pub of: Option<String>,
    /// A draft or revision replaced by a later revision.
    pub superseded: bool,
    /// The document's id, when the corpus has it.
    pub id: Option<String>,
    /// Its title, when the corpus has it.
    pub title: Option<String>,
    /// Its kind, when the corpus has it.
    pub doc_type: Option<&'static str>,
}

/// Document `i`'s family in `corpus`, as rows (empty when it has none).
pub fn family_rows(corpus: &Corpus, i: usize) -> Vec<MemberRow> {
    corpus
        .family(i)
        .iter()
        .map(|m| {
            let doc = m
                .doc
                .map(|d| corpus.listed_version(d))
                .and_then(|d| corpus.get(d));
            MemberRow {
                symbol: m.symbol.clone(),
                relation: m.relation,
                of: m.of.clone(),
                superseded: m.superseded,
                id: doc.map(|d| d.id.clone()),
                title: doc.map(|d| d.display_title()),
                doc_type: doc.and_then(|d| d.meta.doc_type),
            }
        })
        .collect()
}
