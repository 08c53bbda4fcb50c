//! A document: its text, its line index, the metadata read from its masthead,
//! its agenda (for agenda documents), paragraphs, footnotes and references.

use crate::model::agenda::Agenda;
use crate::model::decode::Caveat;
use crate::model::lines::LineIndex;
use crate::model::reference::Reference;
use serde::Serialize;
use std::path::PathBuf;

/// What a document says about itself, from its masthead or front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// The document's own symbol, only when the text states it.
    pub symbol: Option<String>,
    /// The document's own title.
    pub title: Option<String>,
    /// Date of issue, ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Language of this version (`fr`, `en`, `es`, `ru`, `zh`, `ar`).
    pub language: Option<String>,
    /// Language the document was written in.
    pub original_language: Option<String>,
    /// Number of the session the document was issued for.
    pub session: Option<u32>,
    /// Where the meeting takes place (`Vienne`).
    pub place: Option<String>,
    /// First day of the meeting, ISO.
    pub meeting_start: Option<String>,
    /// Last day of the meeting, ISO.
    pub meeting_end: Option<String>,
    /// The agenda item the document was issued under.
    pub agenda_item: Option<AgendaItemRef>,
    /// What kind of document it is (`resolution`, `decision`, `draft`,
    /// `report`, `note`, `letter`, `agenda`, `summary_record`, …), when its
    /// symbol or its first page says.
    pub doc_type: Option<&'static str>,
}

/// The agenda item a document was issued under, with the agenda it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItemRef {
    /// The item as written: `2 b)` or `2 (b)` (the first, when the
    /// document was issued under several).
    pub item: String,
    /// Every item the document was issued under (`Agenda items 13 and 75`:
    /// `13`, `75`), the first being [`AgendaItemRef::item`].
    pub items: Vec<String>,
    /// The heading of the item, as printed above the document's title.
    pub title: Option<String>,
    /// Symbol of the agenda document, from the footnote of the item line.
    pub agenda_symbol: Option<String>,
    /// 1-based line of the item line.
    pub line: usize,
}

/// A paragraph: a block of lines, numbered when the text numbers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// The number as printed (`3`), when there is one.
    pub number: Option<String>,
    /// 1-based first line.
    pub start_line: usize,
    /// 1-based last line.
    pub end_line: usize,
}

/// A footnote: its marker and text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Footnote {
    /// The marker (`*`, `1`).
    pub marker: String,
    /// The footnote text, without its marker.
    pub text: String,
    /// 1-based line.
    pub line: usize,
}

/// True when `path` names a markdown file (`.md`, `.markdown`, `.mdown`, `.mkd`).
pub fn is_markdown_path(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["md", "markdown", "mdown", "mkd"]
            .iter()
            .any(|m| e.eq_ignore_ascii_case(m))
    })
}

/// Whether a document's body — its text, raw text, pages, line index,
/// paragraphs and footnotes — is in memory.
///
/// A document read from the index at [`Depth::Head`](crate::model::load::Depth::Head)
/// has its head only (metadata, agenda, references, counts): its body fields
/// are then empty and say nothing about the document, and what the head
/// knows of the body is in [`BodyFacts`]. Ask [`Document::body_loaded`]
/// before reading the body fields of a document that may come from a head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// The body fields hold the document's body.
    Loaded,
    /// Only the head was read: the body is in the index, not in memory.
    NotLoaded(Box<BodyFacts>),
}

/// What a document's head keeps of its body, so that listing, counting and
/// linking documents never needs the text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BodyFacts {
    /// Number of lines.
    pub lines: usize,
    /// True when the text is empty or blank.
    pub empty: bool,
    /// The title shown when the masthead gives none: the first heading or
    /// non-empty line (at most 160 characters).
    pub first_line: String,
    /// The draft a resolution's masthead names (`[on the report of … (A/C.3/78/L.5)]`).
    pub named_draft: Option<String>,
    /// How many references the head holds when they were not decoded (a
    /// document read for a listing, [`Depth::Listing`]: its `references`
    /// are then empty); `None` when they were.
    ///
    /// [`Depth::Listing`]: crate::model::load::Depth::Listing
    pub unread_references: Option<usize>,
}

impl BodyFacts {
    /// The facts of `text`.
    pub fn of(text: &str, lines: &LineIndex) -> Self {
        BodyFacts {
            lines: lines.len(),
            empty: text.trim().is_empty(),
            first_line: first_line_title(text),
            named_draft: crate::model::family::draft_named_in(text),
            unread_references: None,
        }
    }
}

/// The first heading or non-empty line of `text`, at most 160 characters.
fn first_line_title(text: &str) -> String {
    let first = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim().trim_matches('*'))
        .find(|l| !l.is_empty())
        .unwrap_or("");
    first.chars().take(160).collect()
}

/// One document of a corpus.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file stem (`000_358551e6050c8439`).
    pub id: String,
    /// Where it was read from (`assets/corpus/…` for the bundled corpus).
    pub path: PathBuf,
    /// The reading text: decoded, line endings made `\n`, and for text
    /// printed on pages, cleaned (furniture removed, paragraphs rebuilt,
    /// footnotes lifted). Every line and column points into it.
    pub text: String,
    /// The text as decoded, when cleaning changed it (`show --raw`).
    pub raw: Option<String>,
    /// Byte offsets in `text` where each printed page starts (empty when the
    /// text was not printed on pages).
    pub pages: Vec<usize>,
    /// Line starts of `text`.
    pub lines: LineIndex,
    /// True when the text is a layout rendering (`pdftotext -layout`,
    /// fixed-width tables): its lines are shown as printed, unwrapped.
    pub layout: bool,
    /// How the bytes were decoded (`UTF-8`, `UTF-16LE`, `windows-1252`, …).
    pub encoding: &'static str,
    /// What the masthead says.
    pub meta: Metadata,
    /// The agenda, for agenda documents.
    pub agenda: Option<Agenda>,
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Footnotes in order.
    pub footnotes: Vec<Footnote>,
    /// Every citation, in text order.
    pub references: Vec<Reference>,
    /// Number of words.
    pub words: usize,
    /// What was replaced or left out when the file was read.
    pub caveats: Vec<Caveat>,
    /// Whether `text`, `raw`, `pages`, `lines`, `paragraphs` and
    /// `footnotes` hold the body, or only the head was read.
    pub body: Body,
}

impl Document {
    /// The printed page (1-based) holding byte `offset`, when the document
    /// was printed on pages.
    pub fn page_of(&self, offset: usize) -> Option<usize> {
        (!self.pages.is_empty()).then(|| self.pages.partition_point(|&p| p <= offset).max(1))
    }

    /// True when the body (text, lines, paragraphs, footnotes) is in
    /// memory; false for a document read from its head only.
    pub fn body_loaded(&self) -> bool {
        matches!(self.body, Body::Loaded)
    }

    /// What is known of the body without it: from the head when the body is
    /// not loaded, else computed from the text.
    pub fn body_facts(&self) -> BodyFacts {
        match &self.body {
            Body::Loaded => BodyFacts::of(&self.text, &self.lines),
            Body::NotLoaded(facts) => (**facts).clone(),
        }
    }

    /// Number of references it cites (known from the head when a listing
    /// left them undecoded).
    pub fn reference_count(&self) -> usize {
        match &self.body {
            Body::NotLoaded(facts) => facts.unread_references.unwrap_or(self.references.len()),
            Body::Loaded => self.references.len(),
        }
    }

    /// Number of lines (known from the head when the body is not loaded).
    pub fn line_count(&self) -> usize {
        match &self.body {
            Body::Loaded => self.lines.len(),
            Body::NotLoaded(facts) => facts.lines,
        }
    }

    /// The text of 1-based line `n` ("" past the end).
    pub fn line(&self, n: usize) -> &str {
        self.lines.line(&self.text, n)
    }

    /// The title to show: the document's own title, else its first heading or
    /// first non-empty line.
    pub fn display_title(&self) -> String {
        if let Some(t) = &self.meta.title {
            return t.clone();
        }
        match &self.body {
            Body::Loaded => first_line_title(&self.text),
            Body::NotLoaded(facts) => facts.first_line.clone(),
        }
    }

    /// The draft the document's masthead names, for a resolution or
    /// decision adopted from one (known from the head when the body is not
    /// loaded).
    pub fn named_draft(&self) -> Option<String> {
        match &self.body {
            Body::Loaded => crate::model::family::draft_named_in(&self.text),
            Body::NotLoaded(facts) => facts.named_draft.clone(),
        }
    }

    /// A hash of all the document's listing says but its id (made from the
    /// paths around it) and counts (words, lines, references): its path,
    /// format, metadata, agenda, caveats
    /// and what its head keeps of its body (empty or not, first line, the
    /// draft its masthead names). What places a document in the corpus —
    /// its row, its language versions, its family — is read from these
    /// alone, so two listings of one digest differ in the list only by
    /// those counts. The same for a document read whole or from its head.
    pub fn listing_digest(&self) -> u64 {
        use siphasher::sip::SipHasher13;
        use std::hash::{Hash, Hasher};
        /// Formats into the hash, allocating nothing.
        struct Into<'h>(&'h mut SipHasher13);
        impl std::fmt::Write for Into<'_> {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                self.0.write(s.as_bytes());
                Ok(())
            }
        }
        let mut h = SipHasher13::new_with_keys(0x6c69_7374_696e_6721, 0x6469_6765_7374_7631);
        self.path.hash(&mut h);
        (self.layout, self.encoding, self.is_empty()).hash(&mut h);
        self.display_title().hash(&mut h);
        self.named_draft().hash(&mut h);
        // Their Debug forms: every field, present and future.
        let _ = std::fmt::write(
            &mut Into(&mut h),
            format_args!(
                "{:?}\u{1f}{:?}\u{1f}{:?}",
                self.meta, self.agenda, self.caveats
            ),
        );
        h.finish()
    }

    /// The label used in lists: the symbol when known, else the id.
    pub fn label(&self) -> &str {
        self.meta.symbol.as_deref().unwrap_or(&self.id)
    }

    /// True when the document is markdown (`.md`, `.markdown`): its text is
    /// CommonMark, laid out as such by the reader.
    pub fn is_markdown(&self) -> bool {
        is_markdown_path(&self.path)
    }

    /// True when the document has no text at all (known from the head when
    /// the body is not loaded: a document whose body is not loaded is not
    /// empty for that).
    pub fn is_empty(&self) -> bool {
        match &self.body {
            Body::Loaded => self.text.trim().is_empty(),
            Body::NotLoaded(facts) => facts.empty,
        }
    }

    /// The references starting on 1-based line `line`.
    pub fn references_on_line(&self, line: usize) -> impl Iterator<Item = &Reference> {
        let from = self.references.partition_point(|r| r.line < line);
        self.references[from..]
            .iter()
            .take_while(move |r| r.line == line)
    }

    /// The numbered paragraph `number`, if the document has one.
    pub fn paragraph(&self, number: &str) -> Option<&Paragraph> {
        self.paragraphs
            .iter()
            .find(|p| p.number.as_deref() == Some(number))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::load_bundled;

    #[test]
    fn the_listing_digest_moves_with_what_places_a_document_not_its_counts() {
        let corpus = load_bundled();
        let doc = corpus.documents()[0].clone();
        let digest = doc.listing_digest();
        let mut counted = doc.clone();
        counted.words += 10;
        counted.id.push_str("-2");
        assert_eq!(counted.listing_digest(), digest, "counts and id");
        let mut other = doc.clone();
        other.meta.symbol = Some("A/RES/78/1".into());
        assert_ne!(other.listing_digest(), digest, "symbol");
        let mut other = doc.clone();
        other.meta.title = Some("Another title".into());
        assert_ne!(other.listing_digest(), digest, "title");
        let mut other = doc.clone();
        other.meta.language = Some("ar".into());
        assert_ne!(other.listing_digest(), digest, "language");
        let mut other = doc.clone();
        other.path.set_file_name("other.txt");
        assert_ne!(other.listing_digest(), digest, "path");
        let mut other = doc;
        other.layout = !other.layout;
        assert_ne!(other.listing_digest(), digest, "layout");
    }
}
