//! The text layer of a PDF, page by page, with `pdf-extract` (pure Rust, on
//! `lopdf`). Characters are laid out as `pdf-extract`'s own plain-text output
//! lays them out (a new line when the baseline moves, a space when the pen
//! jumps right), page by page so that page boundaries are kept.
//!
//! `pdf-extract` panics on some inputs (unsupported CMaps, missing
//! `MediaBox`): each page is run under `catch_unwind`, and a whole file is
//! normally extracted in a child process (see [`super::isolate`]) so that an
//! abort or a loop cannot take the explorer down.

use super::{Format, ImportError};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A horizontal jump wider than this many ems, on one baseline, separates
/// two cells (or columns) rather than two words: justified text and tab
/// stops inside paragraphs stay well below it.
const CELL_GAP_EMS: f64 = 5.0;

/// The text of each page of the PDF in `bytes`.
pub fn pages(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| load_error(bytes, &e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(ImportError::Encrypted);
    }
    let numbers: Vec<u32> = doc.get_pages().into_keys().collect();
    if numbers.is_empty() {
        return Err(ImportError::Corrupt(Format::Pdf, "no pages".into()));
    }
    let mut out = Vec::with_capacity(numbers.len());
    let mut failed: Option<String> = None;
    for n in numbers {
        let mut page = PageText::default();
        let result = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut page, n)
        }));
        match result {
            Ok(Ok(())) => out.push(page.text),
            Ok(Err(e)) => {
                failed.get_or_insert_with(|| format!("page {n}: {e}"));
                out.push(String::new());
            }
            Err(panic) => {
                failed.get_or_insert_with(|| format!("page {n}: {}", panic_message(&*panic)));
                out.push(String::new());
            }
        }
    }
    if out.iter().all(|p| p.trim().is_empty()) {
        return Err(match failed {
            Some(why) => ImportError::Failed(Format::Pdf, why),
            None => ImportError::NoTextLayer,
        });
    }
    Ok(out)
}

/// Why `lopdf` could not open the file.
fn load_error(bytes: &[u8], e: &pdf_extract::Error) -> ImportError {
    let message = e.to_string();
    let encrypted = matches!(e, pdf_extract::Error::Decryption(_))
        || memchr::memmem::find(bytes, b"/Encrypt").is_some();
    if encrypted {
        ImportError::Encrypted
    } else {
        ImportError::Corrupt(Format::Pdf, message)
    }
}

/// The message a panic carried.
pub(super) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "the PDF reader panicked".into()
    }
}

/// One page's characters, laid out as lines the way `pdf-extract`'s
/// `PlainTextOutput` does.
#[derive(Debug)]
struct PageText {
    text: String,
    /// Height of the page, to flip PDF's upward y axis.
    height: f64,
    last_end: f64,
    last_y: f64,
    first_char: bool,
}

impl Default for PageText {
    fn default() -> Self {
        PageText {
            text: String::new(),
            height: 0.0,
            last_end: 100_000.0,
            last_y: 0.0,
            first_char: false,
        }
    }
}

impl OutputDev for PageText {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let (x, y) = (trm.m31, self.height - trm.m32);
        let size_x = (trm.m11 + trm.m21) * font_size;
        let size_y = (trm.m12 + trm.m22) * font_size;
        // The side of the square with the area of the transformed glyph box.
        let size = (size_x * size_y).abs().sqrt();
        // Nothing comes before a page's first character.
        if self.first_char && !self.text.is_empty() {
            if (y - self.last_y).abs() > size * 1.5 {
                self.text.push('\n');
            }
            if x < self.last_end && (y - self.last_y).abs() > size * 0.5 {
                self.text.push('\n');
            }
            let same_line = (y - self.last_y).abs() <= size * 0.5;
            if same_line && x > self.last_end + size * CELL_GAP_EMS {
                // A jump across a table cell or a column (the two-column
                // masthead: `United Nations` … `A/RES/79/48`): a new line,
                // as `pdftotext` gives it, so each cell is a line of its own.
                self.text.push('\n');
            } else if x > self.last_end + size * 0.1
                && !self.text.ends_with(char::is_whitespace)
                && !char.starts_with(char::is_whitespace)
            {
                // A gap with no space drawn in it; a justified line's wide
                // gaps after a drawn space do not double it.
                self.text.push(' ');
            }
        }
        self.text.push_str(char);
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.first_char = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
