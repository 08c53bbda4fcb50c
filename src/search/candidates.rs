//! Candidates: everything the search bar can find, built once per corpus, each
//! with its text folded (lower case, accents removed) into one arena so that
//! matching reads contiguous bytes and allocates nothing per candidate.

use crate::model::fold::fold_char;
use crate::model::{Corpus, RefKind};
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashSet;

/// What a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CandidateKind {
    /// A document, found by its symbol, id and title.
    Document,
    /// A document symbol cited in a document.
    Symbol,
    /// Another reference key (decision, resolution, article, URL, e-mail) cited in a document.
    Reference,
    /// A line of text.
    Line,
}

impl CandidateKind {
    /// Short name for labels and JSON.
    pub fn name(self) -> &'static str {
        match self {
            CandidateKind::Document => "document",
            CandidateKind::Symbol => "symbol",
            CandidateKind::Reference => "reference",
            CandidateKind::Line => "line",
        }
    }
}

/// One thing that can be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// What it is.
    pub kind: CandidateKind,
    /// Index of its document in the corpus.
    pub doc: u32,
    /// 1-based line it points at (the citation's line, the line itself; 0 for a document).
    pub line: u32,
    /// Index of the reference in the document, for symbols and references.
    pub reference: u32,
}

/// Which kinds of candidates to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// Documents (symbol, id, title).
    pub documents: bool,
    /// Cited symbols.
    pub symbols: bool,
    /// Other reference keys.
    pub references: bool,
    /// Every non-empty line.
    pub lines: bool,
}

impl Scope {
    /// Every kind.
    pub const ALL: Scope = Scope {
        documents: true,
        symbols: true,
        references: true,
        lines: true,
    };
}

/// The candidates of a corpus and their folded texts.
#[derive(Debug, Default)]
pub struct CandidateSet {
    items: Vec<Candidate>,
    folded: String,
    offsets: Vec<u32>,
}

impl CandidateSet {
    /// Builds the candidates of `corpus` within `scope`, in corpus order.
    /// Documents are folded in parallel, then joined in order.
    pub fn build(corpus: &Corpus, scope: Scope) -> Self {
        let parts: Vec<CandidateSet> = (0..corpus.len())
            .into_par_iter()
            .with_min_len(16)
            .map(|d| {
                let mut part = CandidateSet {
                    offsets: vec![0],
                    ..CandidateSet::default()
                };
                part.push_document(corpus, d as u32, scope);
                part
            })
            .collect();
        let mut set = CandidateSet {
            items: Vec::with_capacity(parts.iter().map(|p| p.items.len()).sum()),
            folded: String::with_capacity(parts.iter().map(|p| p.folded.len()).sum()),
            offsets: Vec::with_capacity(parts.iter().map(|p| p.items.len()).sum::<usize>() + 1),
        };
        set.offsets.push(0);
        for part in parts {
            let base = set.folded.len() as u32;
            set.items.extend_from_slice(&part.items);
            set.folded.push_str(&part.folded);
            set.offsets
                .extend(part.offsets[1..].iter().map(|&o| base + o));
        }
        set
    }

    /// Appends the candidates of document `d`.
    fn push_document(&mut self, corpus: &Corpus, d: u32, scope: Scope) {
        let set = self;
        let Some(doc) = corpus.get(d as usize) else {
            return;
        };
        if scope.documents {
            let text = document_text(corpus, d);
            set.push(
                Candidate {
                    kind: CandidateKind::Document,
                    doc: d,
                    line: 0,
                    reference: u32::MAX,
                },
                &text,
            );
        }
        if scope.symbols || scope.references {
            let mut seen: HashSet<&str> = HashSet::new();
            for (r, reference) in doc.references.iter().enumerate() {
                let kind = if reference.kind == RefKind::Symbol {
                    CandidateKind::Symbol
                } else {
                    CandidateKind::Reference
                };
                let wanted = match kind {
                    CandidateKind::Symbol => scope.symbols,
                    _ => scope.references,
                };
                if wanted && seen.insert(reference.key.as_str()) {
                    set.push(
                        Candidate {
                            kind,
                            doc: d,
                            line: reference.line as u32,
                            reference: r as u32,
                        },
                        candidate_key_text(&reference.key),
                    );
                }
            }
        }
        if scope.lines {
            for line in 1..=doc.line_count() {
                let text = doc.line(line);
                if text.trim().is_empty() {
                    continue;
                }
                set.push(
                    Candidate {
                        kind: CandidateKind::Line,
                        doc: d,
                        line: line as u32,
                        reference: u32::MAX,
                    },
                    text,
                );
            }
        }
    }

    /// Builds the candidates one document after the other, on this thread:
    /// the plain version of [`CandidateSet::build`], for tests.
    pub fn build_sequential(corpus: &Corpus, scope: Scope) -> Self {
        let mut set = CandidateSet {
            offsets: vec![0],
            ..CandidateSet::default()
        };
        for d in 0..corpus.len() {
            set.push_document(corpus, d as u32, scope);
        }
        set
    }

    fn push(&mut self, candidate: Candidate, text: &str) {
        self.items.push(candidate);
        fold_fast(text, &mut self.folded);
        self.offsets.push(self.folded.len() as u32);
    }

    /// Number of candidates.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there is no candidate.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Candidate `i`.
    pub fn get(&self, i: usize) -> Candidate {
        self.items[i]
    }

    /// Every candidate, in order.
    pub fn items(&self) -> &[Candidate] {
        &self.items
    }

    /// The folded text of candidate `i`.
    pub fn folded(&self, i: usize) -> &str {
        &self.folded[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// The text of candidate `i` as shown to a person.
    pub fn text<'c>(&self, corpus: &'c Corpus, i: usize) -> Cow<'c, str> {
        display_text(corpus, &self.items[i])
    }
}

/// Appends the folded form of `text` to `out`, exactly as
/// [`crate::model::fold::fold_into`] does, but copying runs of ASCII in bulk
/// (most of a French line) and folding only the other characters one by one.
fn fold_fast(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            let from = out.len();
            out.push_str(&text[i..i + run]);
            out[from..].make_ascii_lowercase();
            i += run;
        }
        if let Some(c) = text[i..].chars().next() {
            fold_char(c, out);
            i += c.len_utf8();
        }
    }
}

/// What a document candidate is matched on: its label and its title.
fn document_text(corpus: &Corpus, doc: u32) -> String {
    let Some(d) = corpus.get(doc as usize) else {
        return String::new();
    };
    format!("{}  {}", d.label(), d.display_title())
}

/// A key as matched and shown: `CTOC/COP/2012/1`, `decision 4/4`, `article convention 32 3`.
fn candidate_key_text(key: &str) -> &str {
    key.strip_prefix("symbol:").unwrap_or(key)
}

/// The text of a candidate as shown to a person.
pub fn display_text<'c>(corpus: &'c Corpus, c: &Candidate) -> Cow<'c, str> {
    let Some(doc) = corpus.get(c.doc as usize) else {
        return Cow::Borrowed("");
    };
    match c.kind {
        CandidateKind::Document => Cow::Owned(document_text(corpus, c.doc)),
        CandidateKind::Symbol | CandidateKind::Reference => doc
            .references
            .get(c.reference as usize)
            .map_or(Cow::Borrowed(""), |r| {
                Cow::Borrowed(candidate_key_text(&r.key))
            }),
        CandidateKind::Line => Cow::Borrowed(doc.line(c.line as usize)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fold::fold;

    #[test]
    fn fast_fold_is_the_fold() {
        for s in [
            "",
            "ABC def",
            "Résolution 5/2 ŒUVRER à l’État",
            "Re\u{301}solution",
            "é",
            "Шестая сессия 公约第32条 ß\u{a0}x",
            "a\u{301}\u{301}B",
        ] {
            let mut out = String::from("x");
            fold_fast(s, &mut out);
            assert_eq!(out, format!("x{}", fold(s)), "{s:?}");
        }
    }
}
