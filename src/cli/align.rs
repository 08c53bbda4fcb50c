//! `dossier align DOC_A DOC_B`: the paragraphs of two documents paired
//! (`model::align`), or of two language versions of one
//! (`dossier align SYMBOL --lang fr`).

use crate::cli::documents::lookup_index;
use crate::cli::output::{Failure, Out, Table, truncate};
use crate::model::align::{self, Mode, Span};
use crate::model::{Corpus, Document};
use crate::sanitize::inert_line;
use serde::Serialize;

/// What `align --json` prints.
#[derive(Debug, Serialize)]
struct Alignment<'a> {
    /// `translation` (two languages) or `revision` (one language).
    mode: &'static str,
    /// The left document.
    left: DocRef<'a>,
    /// The right document.
    right: DocRef<'a>,
    /// The beads in document order.
    pairs: Vec<PairRow>,
}

/// A document named in `align --json`.
#[derive(Debug, Serialize)]
struct DocRef<'a> {
    id: &'a str,
    path: String,
    symbol: Option<&'a str>,
    language: Option<&'a str>,
}

/// One bead: its paragraphs on each side (null when unpaired) and its confidence.
#[derive(Debug, Serialize)]
struct PairRow {
    left: Option<SideRow>,
    right: Option<SideRow>,
    score: f64,
}

/// The paragraphs of one side of a bead: 1-based inclusive lines of the
/// reading text, and their text.
#[derive(Debug, Serialize)]
struct SideRow {
    start_line: usize,
    end_line: usize,
    text: String,
}

impl SideRow {
    fn of(doc: &Document, span: &Span) -> Option<Self> {
        let first = doc.paragraphs.get(span.start)?;
        let last = doc.paragraphs.get(span.end.checked_sub(1)?)?;
        let lines: Vec<&str> = (first.start_line..=last.end_line)
            .map(|n| doc.line(n))
            .collect();
        Some(SideRow {
            start_line: first.start_line,
            end_line: last.end_line,
            text: lines.join("\n"),
        })
    }

    /// `12` or `12-14`.
    fn lines(&self) -> String {
        if self.start_line == self.end_line {
            self.start_line.to_string()
        } else {
            format!("{}-{}", self.start_line, self.end_line)
        }
    }
}

/// `dossier align DOC_A DOC_B` or `dossier align DOC --lang CODE[,CODE]`.
pub fn align(
    corpus: &Corpus,
    doc_a: &str,
    doc_b: Option<&str>,
    lang: Option<&str>,
    out: &mut Out,
) -> Result<(), Failure> {
    let (i, j) = match (doc_b, lang) {
        (Some(b), None) => {
            let (i, j) = (lookup_index(corpus, doc_a)?, lookup_index(corpus, b)?);
            if i == j {
                return Err(Failure::Usage(format!(
                    "'{doc_a}' and '{b}' are one document; to align two of its language versions: \
                     dossier align {doc_a} --lang CODE (or --lang CODE,CODE)"
                )));
            }
            (i, j)
        }
        (None, Some(lang)) => versions(corpus, doc_a, lang)?,
        (Some(_), Some(_)) => {
            return Err(Failure::Usage(
                "with --lang give one document (its language versions are aligned)".to_string(),
            ));
        }
        (None, None) => {
            return Err(Failure::Usage(format!(
                "give a second document, or --lang CODE to align '{doc_a}' with its version in that language"
            )));
        }
    };
    let (Some(a), Some(b)) = (corpus.get(i), corpus.get(j)) else {
        return Err(Failure::Usage(format!("no document matches '{doc_a}'")));
    };
    let mode = mode_of(a, b);
    let pairs: Vec<PairRow> = align::align(a, b, mode)
        .iter()
        .map(|p| PairRow {
            left: p.left.as_ref().and_then(|s| SideRow::of(a, s)),
            right: p.right.as_ref().and_then(|s| SideRow::of(b, s)),
            score: (f64::from(p.score) * 1000.0).round() / 1000.0,
        })
        .collect();
    let alignment = Alignment {
        mode: match mode {
            Mode::Translation => "translation",
            Mode::Revision => "revision",
        },
        left: DocRef::of(a),
        right: DocRef::of(b),
        pairs,
    };
    if out.is_json() {
        return out.json(&alignment);
    }
    print_human(&alignment, out)
}

impl<'a> DocRef<'a> {
    fn of(doc: &'a Document) -> Self {
        DocRef {
            id: &doc.id,
            path: doc.path.to_string_lossy().into_owned(),
            symbol: doc.meta.symbol.as_deref(),
            language: doc.meta.language.as_deref(),
        }
    }

    /// `A/HRC/1 en (id)`, or the id alone.
    fn label(&self) -> String {
        match self.symbol {
            Some(symbol) => format!("{symbol} {}", self.version()),
            None => self.version(),
        }
    }

    /// `en (id)`, or the id alone.
    fn version(&self) -> String {
        match self.language {
            Some(l) => format!("{l} ({})", self.id),
            None => self.id.to_string(),
        }
    }
}

/// Translation between two languages; revision within one (or when neither is known).
fn mode_of(a: &Document, b: &Document) -> Mode {
    if a.meta.language == b.meta.language {
        Mode::Revision
    } else {
        Mode::Translation
    }
}

/// The two versions `--lang` names: `fr` pairs the version `query` names
/// with the French one, `en,fr` the English with the French.
fn versions(corpus: &Corpus, query: &str, lang: &str) -> Result<(usize, usize), Failure> {
    let i = lookup_index(corpus, query)?;
    let codes: Vec<&str> = lang
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let (i, j) = match codes.as_slice() {
        [one] => (i, in_language(corpus, i, one)?),
        [left, right] => (
            in_language(corpus, i, left)?,
            in_language(corpus, i, right)?,
        ),
        _ => {
            return Err(Failure::Usage(format!(
                "--lang takes one language (fr) or two (en,fr), not '{lang}'"
            )));
        }
    };
    if i == j {
        let label = corpus.get(i).map_or(query, |d| d.label());
        return Err(Failure::Usage(format!(
            "both sides are the same version of {label}; name another language (--lang en,fr)"
        )));
    }
    Ok((i, j))
}

/// The version of document `i` in language `lang`, or an error naming the languages there are.
fn in_language(corpus: &Corpus, i: usize, lang: &str) -> Result<usize, Failure> {
    corpus
        .in_language(i, lang)
        .map_err(crate::cli::documents::source_failure)
}

/// Two columns, each paragraph on one line cut to the width, with its lines and the score.
fn print_human(al: &Alignment, out: &mut Out) -> Result<(), Failure> {
    let paired = al
        .pairs
        .iter()
        .filter(|p| p.left.is_some() && p.right.is_some())
        .count();
    let sides = if al.left.symbol.is_some() && al.left.symbol == al.right.symbol {
        format!(
            "{}: {} ↔ {}",
            al.left.symbol.unwrap_or_default(),
            al.left.version(),
            al.right.version()
        )
    } else {
        format!("{} ↔ {}", al.left.label(), al.right.label())
    };
    let head = format!(
        "{sides} · {}, {paired} pairs, {} unpaired",
        al.mode,
        al.pairs.len() - paired
    );
    out.line(&truncate(&inert_line(&head), out.width()))?;
    let head = |d: &DocRef| d.language.unwrap_or("text").to_uppercase();
    let (hl, hr) = (head(&al.left), head(&al.right));
    let mut table = Table::new(&["LINES", &hl, "LINES", &hr, "SCORE"]);
    for p in &al.pairs {
        let cell = |s: &Option<SideRow>| match s {
            Some(s) => (
                s.lines(),
                s.text.split_whitespace().collect::<Vec<_>>().join(" "),
            ),
            None => ("-".to_string(), "·".to_string()),
        };
        let (ll, lt) = cell(&p.left);
        let (rl, rt) = cell(&p.right);
        table.row(&[ll, lt, rl, rt, format!("{:.2}", p.score)]);
    }
    out.table(&table)
}
