//! What the index keeps for one file: the document `parse_document` made of
//! it, or why it was skipped, in the encoding of [`codec`](super::codec).
//!
//! Every field of [`Document`] is named here (destructured, not accessed), so
//! a field added to the model without being added to the index fails to
//! compile rather than being silently lost.

use super::codec::{DecodeError, Reader, Writer};
use crate::model::agenda::{Agenda, AgendaItem, AgendaSubItem, DocumentationEntry};
use crate::model::decode::Caveat;
use crate::model::document::{AgendaItemRef, Document, Footnote, Metadata, Paragraph};
use crate::model::lines::LineIndex;
use crate::model::reference::{RefKind, Reference};
use std::path::PathBuf;

/// A file as the index remembers it.
#[derive(Debug, Clone)]
pub enum Entry {
    /// The parsed document (its `id` and `path` are the caller's to set).
    Document(Box<Document>),
    /// Why the file is skipped, for reasons that only its bytes decide (a
    /// binary file, an encrypted or corrupt PDF, a parser panic): the reason
    /// as reported.
    Skipped(SkipKind, String),
}

/// Which kind of skip reason a cached skip is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipKind {
    /// Not text.
    Binary,
    /// Text extraction failed for a reason that will not change.
    Import,
    /// The parser panicked on it.
    Internal,
}

const TAG_DOCUMENT: u8 = 1;
const TAG_SKIPPED: u8 = 2;

/// The bytes of the entry of a parsed document (as [`encode`] of an
/// [`Entry::Document`], without copying the document).
pub fn encode_document(doc: &Document) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes
        .reserve(doc.text.len() + doc.raw.as_ref().map_or(0, String::len) + 1024);
    w.u8(TAG_DOCUMENT);
    document(&mut w, doc);
    w.bytes
}

/// The bytes of `entry`.
pub fn encode(entry: &Entry) -> Vec<u8> {
    let mut w = Writer::default();
    match entry {
        Entry::Document(doc) => return encode_document(doc),
        Entry::Skipped(kind, reason) => {
            w.u8(TAG_SKIPPED);
            w.u8(match kind {
                SkipKind::Binary => 0,
                SkipKind::Import => 1,
                SkipKind::Internal => 2,
            });
            w.str(reason);
        }
    }
    w.bytes
}

/// The entry encoded in `bytes`, checked: offsets into the text must fall
/// inside it, on character boundaries.
pub fn decode(bytes: &[u8]) -> Result<Entry, DecodeError> {
    let mut r = Reader::new(bytes);
    let entry = match r.u8()? {
        TAG_DOCUMENT => Entry::Document(Box::new(read_document(&mut r)?)),
        TAG_SKIPPED => {
            let kind = match r.u8()? {
                0 => SkipKind::Binary,
                1 => SkipKind::Import,
                2 => SkipKind::Internal,
                _ => return Err(DecodeError::Invalid("skip kind")),
            };
            Entry::Skipped(kind, r.string()?)
        }
        _ => return Err(DecodeError::Invalid("entry tag")),
    };
    r.finish()?;
    Ok(entry)
}

fn document(w: &mut Writer, doc: &Document) {
    let Document {
        id: _,
        path: _,
        text,
        raw,
        pages,
        lines: _,
        layout,
        encoding,
        meta,
        agenda,
        paragraphs,
        footnotes,
        references,
        words,
        caveats,
    } = doc;
    w.str(text);
    w.opt_str(raw.as_deref());
    w.seq(pages, |w, p| w.usize(*p));
    w.bool(*layout);
    w.str(encoding);
    metadata(w, meta);
    w.opt(agenda.as_ref(), write_agenda);
    w.seq(paragraphs, |w, p| {
        let Paragraph {
            number,
            start_line,
            end_line,
        } = p;
        w.opt_str(number.as_deref());
        w.usize(*start_line);
        w.usize(*end_line);
    });
    w.seq(footnotes, |w, f| {
        let Footnote { marker, text, line } = f;
        w.str(marker);
        w.str(text);
        w.usize(*line);
    });
    w.seq(references, reference);
    w.usize(*words);
    w.seq(caveats, |w, c| match c {
        Caveat::InvalidBytesReplaced(n) => {
            w.u8(0);
            w.usize(*n);
        }
        Caveat::BinaryTail(n) => {
            w.u8(1);
            w.usize(*n);
        }
        Caveat::ChangedWhileRead => w.u8(2),
    });
}

fn read_document(r: &mut Reader) -> Result<Document, DecodeError> {
    let text = r.string()?;
    let raw = r.opt_string()?;
    let pages = r.seq(Reader::usize)?;
    if pages.iter().any(|&p| !text.is_char_boundary(p)) {
        return Err(DecodeError::Invalid("page offset"));
    }
    let layout = r.bool()?;
    let encoding = r.interned()?;
    let meta = read_metadata(r)?;
    let agenda = r.opt(read_agenda)?;
    let paragraphs = r.seq(|r| {
        Ok(Paragraph {
            number: r.opt_string()?,
            start_line: r.usize()?,
            end_line: r.usize()?,
        })
    })?;
    let footnotes = r.seq(|r| {
        Ok(Footnote {
            marker: r.string()?,
            text: r.string()?,
            line: r.usize()?,
        })
    })?;
    let references = r.seq(read_reference)?;
    if references.iter().any(|x| {
        x.start > x.end || !text.is_char_boundary(x.start) || !text.is_char_boundary(x.end)
    }) {
        return Err(DecodeError::Invalid("reference offset"));
    }
    let words = r.usize()?;
    let caveats = r.seq(|r| match r.u8()? {
        0 => Ok(Caveat::InvalidBytesReplaced(r.usize()?)),
        1 => Ok(Caveat::BinaryTail(r.usize()?)),
        2 => Ok(Caveat::ChangedWhileRead),
        _ => Err(DecodeError::Invalid("caveat")),
    })?;
    Ok(Document {
        id: String::new(),
        path: PathBuf::new(),
        lines: LineIndex::new(&text),
        text,
        raw,
        pages,
        layout,
        encoding,
        meta,
        agenda,
        paragraphs,
        footnotes,
        references,
        words,
        caveats,
    })
}

fn metadata(w: &mut Writer, meta: &Metadata) {
    let Metadata {
        symbol,
        title,
        date,
        language,
        original_language,
        session,
        place,
        meeting_start,
        meeting_end,
        agenda_item,
        doc_type,
    } = meta;
    for s in [symbol, title, date, language, original_language] {
        w.opt_str(s.as_deref());
    }
    w.opt(session.as_ref(), |w, s| w.u64(u64::from(*s)));
    for s in [place, meeting_start, meeting_end] {
        w.opt_str(s.as_deref());
    }
    w.opt(agenda_item.as_ref(), |w, a| {
        let AgendaItemRef {
            item,
            items,
            title,
            agenda_symbol,
            line,
        } = a;
        w.str(item);
        w.seq(items, |w, s| w.str(s));
        w.opt_str(title.as_deref());
        w.opt_str(agenda_symbol.as_deref());
        w.usize(*line);
    });
    w.opt(doc_type.as_ref(), |w, s| w.str(s));
}

fn read_metadata(r: &mut Reader) -> Result<Metadata, DecodeError> {
    Ok(Metadata {
        symbol: r.opt_string()?,
        title: r.opt_string()?,
        date: r.opt_string()?,
        language: r.opt_string()?,
        original_language: r.opt_string()?,
        session: r.opt(Reader::u32)?,
        place: r.opt_string()?,
        meeting_start: r.opt_string()?,
        meeting_end: r.opt_string()?,
        agenda_item: r.opt(|r| {
            Ok(AgendaItemRef {
                item: r.string()?,
                items: r.seq(Reader::string)?,
                title: r.opt_string()?,
                agenda_symbol: r.opt_string()?,
                line: r.usize()?,
            })
        })?,
        doc_type: r.opt(Reader::interned)?,
    })
}

fn write_agenda(w: &mut Writer, agenda: &Agenda) {
    let Agenda { items } = agenda;
    w.seq(items, |w, item| {
        let AgendaItem {
            number,
            title,
            line,
            sub_items,
            annotation_line,
            annotation,
            documentation,
        } = item;
        w.str(number);
        w.str(title);
        w.usize(*line);
        w.seq(sub_items, |w, s| {
            let AgendaSubItem {
                letter,
                title,
                line,
                annotation_line,
                annotation,
            } = s;
            w.str(letter);
            w.str(title);
            w.usize(*line);
            w.opt(annotation_line.as_ref(), |w, l| w.usize(*l));
            w.str(annotation);
        });
        w.opt(annotation_line.as_ref(), |w, l| w.usize(*l));
        w.str(annotation);
        w.seq(documentation, |w, d| {
            let DocumentationEntry {
                symbol,
                description,
                line,
            } = d;
            w.opt_str(symbol.as_deref());
            w.str(description);
            w.usize(*line);
        });
    });
}

fn read_agenda(r: &mut Reader) -> Result<Agenda, DecodeError> {
    let items = r.seq(|r| {
        Ok(AgendaItem {
            number: r.string()?,
            title: r.string()?,
            line: r.usize()?,
            sub_items: r.seq(|r| {
                Ok(AgendaSubItem {
                    letter: r.string()?,
                    title: r.string()?,
                    line: r.usize()?,
                    annotation_line: r.opt(Reader::usize)?,
                    annotation: r.string()?,
                })
            })?,
            annotation_line: r.opt(Reader::usize)?,
            annotation: r.string()?,
            documentation: r.seq(|r| {
                Ok(DocumentationEntry {
                    symbol: r.opt_string()?,
                    description: r.string()?,
                    line: r.usize()?,
                })
            })?,
        })
    })?;
    Ok(Agenda { items })
}

fn reference(w: &mut Writer, x: &Reference) {
    let Reference {
        kind,
        key,
        cited_as,
        line,
        column,
        end_line,
        end_column,
        start,
        end,
    } = x;
    let tag = RefKind::ALL.iter().position(|k| k == kind).unwrap_or(0);
    w.usize(tag);
    w.str(key);
    w.opt_str(cited_as.as_deref());
    for v in [line, column, end_line, end_column, start, end] {
        w.usize(*v);
    }
}

fn read_reference(r: &mut Reader) -> Result<Reference, DecodeError> {
    let kind = *RefKind::ALL
        .get(r.usize()?)
        .ok_or(DecodeError::Invalid("reference kind"))?;
    Ok(Reference {
        kind,
        key: r.string()?,
        cited_as: r.opt_string()?,
        line: r.usize()?,
        column: r.usize()?,
        end_line: r.usize()?,
        end_column: r.usize()?,
        start: r.usize()?,
        end: r.usize()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_bundled;

    fn same(a: &Document, b: &Document) {
        assert_eq!(a.text, b.text);
        assert_eq!(a.raw, b.raw);
        assert_eq!(a.pages, b.pages);
        assert_eq!(a.lines, b.lines);
        assert_eq!(a.layout, b.layout);
        assert_eq!(a.encoding, b.encoding);
        assert_eq!(a.meta, b.meta);
        assert_eq!(a.agenda, b.agenda);
        assert_eq!(a.paragraphs, b.paragraphs);
        assert_eq!(a.footnotes, b.footnotes);
        assert_eq!(a.references, b.references);
        assert_eq!(a.words, b.words);
        assert_eq!(a.caveats, b.caveats);
    }

    #[test]
    fn bundled_documents_round_trip() {
        let corpus = load_bundled();
        for doc in corpus.documents() {
            let bytes = encode(&Entry::Document(Box::new(doc.clone())));
            let Ok(Entry::Document(back)) = decode(&bytes) else {
                panic!("{} did not decode", doc.id);
            };
            same(doc, &back);
            // Every prefix is refused, none panics.
            for cut in (0..bytes.len()).step_by(97) {
                assert!(decode(&bytes[..cut]).is_err());
            }
        }
    }

    #[test]
    fn skips_round_trip() {
        let e = Entry::Skipped(
            SkipKind::Import,
            "encrypted PDF: it needs a password".into(),
        );
        match decode(&encode(&e)) {
            Ok(Entry::Skipped(SkipKind::Import, r)) => assert!(r.starts_with("encrypted")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn offsets_outside_the_text_are_refused() {
        let corpus = load_bundled();
        let mut doc = corpus.documents()[0].clone();
        doc.references[0].end = doc.text.len() + 10;
        let bytes = encode(&Entry::Document(Box::new(doc)));
        assert_eq!(
            decode(&bytes).err(),
            Some(DecodeError::Invalid("reference offset"))
        );
    }
}
