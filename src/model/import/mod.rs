//! Documents as users have them: PDF, Word (`.docx`) and OpenDocument
//! (`.odt`) files, turned into text before parsing like any `.txt`.
//!
//! Pages are kept: the text of each page is followed by a line holding only a
//! form feed (`\f`) before the next page, so that "page 3" is the text after
//! the second form feed ([`page_at`]). A form-feed line is blank to the
//! paragraph rules, since a `\f` is whitespace.
//!
//! PDF extraction runs in a child process when the binary asked for it
//! ([`isolate::enable`]), with a time and memory bound; otherwise (library
//! use, tests) in this process, each page under `catch_unwind`.

pub mod isolate;
pub mod office;
pub mod pdf;

use serde::{Deserialize, Serialize};
use std::path::Path;
use thiserror::Error;

/// Extensions of the document formats read when walking a directory.
pub const EXTENSIONS: &[&str] = &["pdf", "docx", "odt"];

/// A document format whose text is extracted rather than decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Portable Document Format.
    Pdf,
    /// Office Open XML word processing (Word 2007 and later).
    Docx,
    /// OpenDocument text (LibreOffice).
    Odt,
}

impl Format {
    /// The name shown as the document's encoding (`dossier list --json`).
    pub fn label(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Docx => "DOCX",
            Format::Odt => "ODT",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::Pdf => "PDF",
            Format::Docx => "Word document",
            Format::Odt => "OpenDocument text",
        })
    }
}

/// Why a document's text could not be extracted.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum ImportError {
    /// The PDF is encrypted and the empty password does not open it.
    #[error("encrypted PDF: it needs a password")]
    Encrypted,
    /// Pages, but not one character of text: an image-only (scanned) PDF.
    #[error("scanned PDF: no text layer")]
    NoTextLayer,
    /// The file is not a well-formed document of its format.
    #[error("corrupt {0}: {1}")]
    Corrupt(Format, String),
    /// The reader gave up or crashed on every page.
    #[error("{0} reader failed: {1}")]
    Failed(Format, String),
    /// Extraction was stopped at its time limit, in whole seconds.
    #[error("extraction timed out after {0}s")]
    TimedOut(u64),
    /// Extraction was stopped at its memory limit, in MiB.
    #[error("extraction ran out of memory (limit {0} MiB)")]
    OutOfMemory(u64),
    /// The extraction process could not be run or answered nonsense.
    #[error("extraction process failed: {0}")]
    Process(String),
}

/// The format of the file at `path` holding `bytes`, when it is one whose
/// text must be extracted: the extension names the format (as the walk
/// picks files by extension) and the content must agree. A `.pdf` that is
/// really text is decoded as text; a PDF named `.txt` stays a binary file.
pub fn format_of(path: &Path, bytes: &[u8]) -> Option<Format> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let zip = bytes.starts_with(b"PK\x03\x04");
    match ext.as_deref()? {
        "pdf" => {
            let head = &bytes[..bytes.len().min(1024)];
            memchr::memmem::find(head, b"%PDF-").map(|_| Format::Pdf)
        }
        "docx" => zip.then_some(Format::Docx),
        "odt" => zip.then_some(Format::Odt),
        _ => None,
    }
}

/// How much reading the file at `path` costs, in units of a typical text
/// file: a PDF or Word file takes some 25 ms of extraction (and a process)
/// where a text file takes about one. Batches of files are sized with it, so
/// the first documents show as soon with PDFs as with `.txt`.
pub fn read_cost(path: &Path) -> usize {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some(e) if EXTENSIONS.contains(&e) => 32,
        _ => 1,
    }
}

/// The text of the `format` document held in `bytes`, pages separated by a
/// form-feed line: in a child process when [`isolate::enable`] was called,
/// here otherwise.
pub fn extract(format: Format, bytes: &[u8]) -> Result<String, ImportError> {
    match isolate::helper() {
        Some(helper) => helper.extract(format, bytes),
        None => extract_here(format, bytes),
    }
}

/// Like [`extract`], always in this process; a panic of the reader is
/// caught and reported.
pub fn extract_here(format: Format, bytes: &[u8]) -> Result<String, ImportError> {
    let pages = std::panic::catch_unwind(|| match format {
        Format::Pdf => pdf::pages(bytes),
        Format::Docx => office::docx_pages(bytes),
        Format::Odt => office::odt_pages(bytes),
    })
    .unwrap_or_else(|panic| Err(ImportError::Failed(format, pdf::panic_message(&*panic))))?;
    Ok(join_pages(&pages))
}

/// The pages as one text: each page's lines, right-trimmed, then a line
/// holding a form feed before the next page.
pub fn join_pages(pages: &[String]) -> String {
    let mut out = String::with_capacity(pages.iter().map(|p| p.len() + 2).sum());
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            out.push_str("\u{c}\n");
        }
        for line in page.trim_end().lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// The 1-based page holding byte `offset` of a text made by [`join_pages`].
pub fn page_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + memchr::memchr_iter(b'\x0c', &text.as_bytes()[..end]).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_separated_by_a_form_feed_line() {
        let text = join_pages(&["A/RES/80/1  \nfirst\n\n".into(), "second\n".into()]);
        assert_eq!(text, "A/RES/80/1\nfirst\n\u{c}\nsecond\n");
        assert_eq!(page_at(&text, text.find("first").unwrap_or(0)), 1);
        assert_eq!(page_at(&text, text.find("second").unwrap_or(0)), 2);
    }

    #[test]
    fn formats_are_named_by_extension_and_checked_by_content() {
        let p = Path::new;
        assert_eq!(format_of(p("a.PDF"), b"%PDF-1.7\n"), Some(Format::Pdf));
        assert_eq!(format_of(p("a.txt"), b"%PDF-1.7\n"), None);
        assert_eq!(format_of(p("a.pdf"), b"plain text"), None);
        assert_eq!(
            format_of(p("a.docx"), b"PK\x03\x04rest"),
            Some(Format::Docx)
        );
        assert_eq!(format_of(p("a.odt"), b"PK\x03\x04rest"), Some(Format::Odt));
        assert_eq!(format_of(p("a.zip"), b"PK\x03\x04rest"), None);
    }
}
