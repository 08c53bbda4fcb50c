//! The text of Word (`.docx`) and OpenDocument (`.odt`) files: a walk over
//! the XML inside the zip, with `zip` and `quick-xml`.
//!
//! One line per paragraph, a blank line between paragraphs, table cells as
//! paragraphs. Page breaks (explicit ones, and the ones the word processor
//! recorded when it last laid the document out) start a new page. Footnotes
//! keep their mark in the text (`1`) and are gathered after a
//! `____________` rule at the end, as UN documents print them. Deleted
//! revisions, field codes and fallback copies of drawings are skipped.

use super::{Format, ImportError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Parts larger than this are refused (a zip bomb stays a zip bomb).
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// The pages of the Word document in `bytes`.
pub fn docx_pages(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    let mut zip = open(Format::Docx, bytes)?;
    let body = part(Format::Docx, &mut zip, "word/document.xml")?
        .ok_or_else(|| corrupt(Format::Docx, "no word/document.xml"))?;
    let mut text = Walk::new(Format::Docx);
    text.run(&body)?;
    // The masthead of a UN Word document (symbol, distribution, date) is
    // printed in the first page's header: it opens the text, as on paper.
    if let Some(masthead) = first_page_header(&mut zip, &text.headers)? {
        if let Some(first) = text.pages.first_mut() {
            first.insert_str(0, &format!("{masthead}\n"));
        }
    }
    if let Some(notes) = part(Format::Docx, &mut zip, "word/footnotes.xml")? {
        let mut walk = Walk::new(Format::Docx);
        walk.numbers = text.numbers.clone();
        walk.in_notes = true;
        walk.run(&notes)?;
        text.append_notes(&walk.pages.concat());
    }
    Ok(text.finish())
}

/// The text of the header printed on the first page (the section's `first`
/// header, else its default one), when it holds any.
fn first_page_header(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    headers: &[(String, String)],
) -> Result<Option<String>, ImportError> {
    let pick = headers
        .iter()
        .find(|(kind, _)| kind == "first")
        .or_else(|| headers.iter().find(|(kind, _)| kind == "default"));
    let Some((_, id)) = pick else { return Ok(None) };
    let Some(rels) = part(Format::Docx, zip, "word/_rels/document.xml.rels")? else {
        return Ok(None);
    };
    let Some(target) = relationship_target(&rels, id) else {
        return Ok(None);
    };
    let name = format!("word/{}", target.trim_start_matches("/word/"));
    let Some(xml) = part(Format::Docx, zip, &name)? else {
        return Ok(None);
    };
    let mut walk = Walk::new(Format::Docx);
    walk.run(&xml)?;
    let text = walk.finish().concat();
    Ok((!text.trim().is_empty()).then(|| text.trim_end().to_string()))
}

/// The target of relationship `id` in a `.rels` part.
fn relationship_target(rels: &[u8], id: &str) -> Option<String> {
    let mut reader = Reader::from_reader(rels);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Eof => return None,
            Event::Empty(e) | Event::Start(e)
                if e.local_name().as_ref() == b"Relationship"
                    && attr(&e, b"Id").as_deref() == Some(id) =>
            {
                return attr(&e, b"Target");
            }
            _ => {}
        }
        buf.clear();
    }
}

/// The pages of the OpenDocument text in `bytes`.
pub fn odt_pages(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    let mut zip = open(Format::Odt, bytes)?;
    let body = part(Format::Odt, &mut zip, "content.xml")?
        .ok_or_else(|| corrupt(Format::Odt, "no content.xml"))?;
    let mut text = Walk::new(Format::Odt);
    text.run(&body)?;
    let notes = std::mem::take(&mut text.odt_notes);
    text.append_notes(&notes);
    Ok(text.finish())
}

fn corrupt(format: Format, why: impl std::fmt::Display) -> ImportError {
    ImportError::Corrupt(format, why.to_string())
}

fn open(format: Format, bytes: &[u8]) -> Result<zip::ZipArchive<Cursor<&[u8]>>, ImportError> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(format, e))
}

/// The part `name` of the archive, `None` when it has none.
fn part(
    format: Format,
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, ImportError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(corrupt(format, e)),
    };
    let mut out = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| corrupt(format, format!("{name}: {e}")))?;
    if out.len() as u64 > MAX_PART_BYTES {
        return Err(corrupt(format, format!("{name} is larger than 256 MiB")));
    }
    Ok(Some(out))
}

/// State of a walk over one XML part.
struct Walk {
    format: Format,
    pages: Vec<String>,
    /// The paragraph being read.
    line: String,
    /// Depth inside elements whose text is not the document's.
    skip: usize,
    /// Inside a text run's text element.
    in_text: bool,
    /// Walking `footnotes.xml`.
    in_notes: bool,
    /// Word footnote id → the number printed for it, in order of reference.
    numbers: HashMap<String, usize>,
    /// The footnote being read in `footnotes.xml` (its id).
    note_id: Option<String>,
    /// Just after a footnote's own mark in `footnotes.xml`.
    after_mark: bool,
    /// OpenDocument: depth inside a note body, and the notes read so far.
    odt_note_depth: usize,
    odt_note: String,
    odt_mark: String,
    odt_notes: String,
    /// Word: the headers of the first section (`first`, `default`, `even`) and their relationship ids.
    headers: Vec<(String, String)>,
}

impl Walk {
    fn new(format: Format) -> Walk {
        Walk {
            format,
            pages: vec![String::new()],
            line: String::new(),
            skip: 0,
            in_text: false,
            in_notes: false,
            numbers: HashMap::new(),
            note_id: None,
            after_mark: false,
            odt_note_depth: 0,
            odt_note: String::new(),
            odt_mark: String::new(),
            odt_notes: String::new(),
            headers: Vec::new(),
        }
    }

    fn run(&mut self, xml: &[u8]) -> Result<(), ImportError> {
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        loop {
            let event = reader
                .read_event_into(&mut buf)
                .map_err(|e| corrupt(self.format, format!("XML: {e}")))?;
            match event {
                Event::Eof => break,
                Event::Start(e) => self.start(&e, false),
                Event::Empty(e) => self.start(&e, true),
                Event::End(e) => self.end(e.local_name().as_ref()),
                Event::Text(t) if self.in_text && self.skip == 0 => {
                    let s = t
                        .decode()
                        .map_err(|e| corrupt(self.format, format!("XML: {e}")))?;
                    self.push(&s);
                }
                Event::GeneralRef(r) if self.in_text && self.skip == 0 => {
                    let name = String::from_utf8_lossy(&r);
                    let c = match name.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => r.resolve_char_ref().ok().flatten(),
                    };
                    if let Some(c) = c {
                        self.push(c.encode_utf8(&mut [0; 4]));
                    }
                }
                _ => {}
            }
            buf.clear();
        }
        self.end_paragraph();
        Ok(())
    }

    /// Text goes to the note being read, or to the current paragraph.
    fn push(&mut self, s: &str) {
        // A footnote's own mark is kept apart from its text.
        if std::mem::take(&mut self.after_mark) && !s.starts_with(char::is_whitespace) {
            self.line.push(' ');
        }
        if self.odt_note_depth > 0 {
            self.odt_note.push_str(s);
        } else {
            self.line.push_str(s);
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        match (self.format, name) {
            (Format::Docx, b"delText" | b"instrText" | b"Fallback")
            | (Format::Odt, b"annotation" | b"tracked-changes")
                if !empty =>
            {
                self.skip = 1;
            }
            (Format::Docx, b"t") | (Format::Odt, b"p" | b"h") => {
                self.in_text = !empty || self.format == Format::Odt;
                if empty && self.format == Format::Odt {
                    self.end(name);
                }
            }
            (Format::Docx, b"tab") | (Format::Odt, b"tab") => self.push("\t"),
            (Format::Docx, b"cr") | (Format::Odt, b"line-break") => self.push("\n"),
            (Format::Docx, b"noBreakHyphen") => self.push("-"),
            (Format::Odt, b"s") => {
                let n = attr(e, b"c").and_then(|c| c.parse().ok()).unwrap_or(1usize);
                self.push(&" ".repeat(n.min(1000)));
            }
            (Format::Docx, b"br") => match attr(e, b"type").as_deref() {
                Some("page") => self.page_break(),
                Some("column") => self.push("\n"),
                _ => self.push("\n"),
            },
            (Format::Docx, b"lastRenderedPageBreak") | (Format::Odt, b"soft-page-break") => {
                self.page_break();
            }
            (Format::Docx, b"footnoteReference") => {
                if let Some(id) = attr(e, b"id") {
                    let next = self.numbers.len() + 1;
                    let n = *self.numbers.entry(id).or_insert(next);
                    self.line.push_str(&n.to_string());
                }
            }
            (Format::Docx, b"headerReference") => {
                if let (Some(kind), Some(id)) = (attr(e, b"type"), attr(e, b"id")) {
                    if !self.headers.iter().any(|(k, _)| *k == kind) {
                        self.headers.push((kind, id));
                    }
                }
            }
            (Format::Docx, b"footnote") if self.in_notes => {
                let separator = attr(e, b"type").is_some_and(|t| t != "normal");
                self.note_id = if separator { None } else { attr(e, b"id") };
                if separator && !empty {
                    self.skip = 1;
                }
            }
            (Format::Docx, b"footnoteRef") => {
                let n = self.note_id.as_ref().and_then(|id| self.numbers.get(id));
                if let Some(n) = n {
                    self.line.push_str(&n.to_string());
                    self.after_mark = true;
                }
            }
            (Format::Odt, b"note-citation") if !empty => {
                self.in_text = true;
                self.odt_mark.clear();
                self.odt_note_depth = self.odt_note_depth.max(1);
            }
            (Format::Odt, b"note-body") if !empty => {
                self.odt_note_depth = 1;
                self.odt_note.push(' ');
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match (self.format, name) {
            (Format::Docx, b"t") => self.in_text = false,
            (Format::Docx, b"p") => self.end_paragraph(),
            (Format::Docx, b"tr") => self.end_paragraph(),
            (Format::Odt, b"p" | b"h") if self.odt_note_depth > 0 => self.odt_note.push(' '),
            (Format::Odt, b"p" | b"h") => self.end_paragraph(),
            (Format::Odt, b"note-citation") => {
                // The citation text was gathered as a note; it is the mark.
                let mark = std::mem::take(&mut self.odt_note).trim().to_string();
                self.line.push_str(&mark);
                self.odt_mark = mark;
                self.odt_note_depth = 0;
            }
            (Format::Odt, b"note-body") => {
                let body = std::mem::take(&mut self.odt_note);
                let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
                self.odt_notes
                    .push_str(&format!("{} {body}\n\n", self.odt_mark));
                self.odt_note_depth = 0;
            }
            _ => {}
        }
    }

    /// Ends the paragraph being read: one line, then a blank line; empty
    /// paragraphs add nothing.
    fn end_paragraph(&mut self) {
        let line = std::mem::take(&mut self.line);
        let line = line.trim_end();
        if line.trim().is_empty() {
            return;
        }
        if let Some(page) = self.pages.last_mut() {
            page.push_str(line);
            page.push_str("\n\n");
        }
    }

    /// Starts a new page, unless the current one is still empty.
    fn page_break(&mut self) {
        let pending = std::mem::take(&mut self.line);
        let nothing_yet = self.pages.last().is_none_or(|p| p.trim().is_empty());
        if nothing_yet && pending.trim().is_empty() {
            self.line = pending;
            return;
        }
        self.line = pending;
        self.end_paragraph();
        self.pages.push(String::new());
    }

    /// Adds the footnotes after a rule, at the end of the last page.
    fn append_notes(&mut self, notes: &str) {
        self.end_paragraph();
        if notes.trim().is_empty() {
            return;
        }
        if let Some(page) = self.pages.last_mut() {
            page.push_str("____________\n\n");
            page.push_str(notes);
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.end_paragraph();
        if self.pages.len() > 1 && self.pages.last().is_some_and(|p| p.trim().is_empty()) {
            self.pages.pop();
        }
        self.pages
    }
}

/// The value of the attribute whose local name is `key`.
fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}
