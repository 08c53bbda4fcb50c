//! What the index keeps for one file: the document `parse_document` made of
//! it, or why it was skipped, in the encoding of [`codec`](super::codec).
//!
//! Every field of [`Document`] is named here (destructured, not accessed), so
//! a field added to the model without being added to the index fails to
//! compile rather than being silently lost.

use super::codec::{DecodeError, Reader, Writer};
use crate::model::agenda::{Agenda, AgendaItem, AgendaSubItem, DocumentationEntry};
use crate::model::decode::Caveat;
use crate::model::document::{
    AgendaItemRef, Body, BodyFacts, Document, Footnote, Metadata, Paragraph,
};
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

/// A parsed document: its head, then its body (see [`encode_document`]).
const TAG_DOCUMENT: u8 = 3;
const TAG_SKIPPED: u8 = 2;

/// Where the head's length (then its CRC-32) lies in an entry.
const HEAD_AT: usize = 1;
/// Where the listing's length (then its CRC-32) lies in an entry.
const LISTING_AT: usize = 9;

/// Bytes before a document's head: the tag, the head's length and its
/// CRC-32, then the length and CRC-32 of the head's first part, the
/// listing (all that precedes the references) — each a `u32`,
/// little-endian.
pub const HEAD_PREFIX: usize = 17;

/// The bytes of the entry of a parsed document (as [`encode`] of an
/// [`Entry::Document`], without copying the document), whose body must be
/// loaded. The head (metadata, agenda, counts, what the head knows of the
/// body, then the references) comes first with its own length and
/// checksum, so that it is read and checked without reading the body (text,
/// raw text, pages, paragraphs, footnotes) behind it; its part before the
/// references, the listing, has its own too, so that a listing reads
/// neither the references nor the body.
pub fn encode_document(doc: &Document) -> Vec<u8> {
    debug_assert!(doc.body_loaded(), "a document is stored with its body");
    let mut head = Writer::default();
    let listing = write_head(&mut head, doc);
    let head = head.bytes;
    let mut w = Writer::default();
    w.bytes.reserve(
        HEAD_PREFIX + head.len() + doc.text.len() + doc.raw.as_ref().map_or(0, String::len) + 256,
    );
    w.u8(TAG_DOCUMENT);
    for part in [&head[..], &head[..listing]] {
        // A head longer than 4 GiB cannot be: the record's length is a u32.
        let len = u32::try_from(part.len()).unwrap_or(u32::MAX);
        w.bytes.extend_from_slice(&len.to_le_bytes());
        w.bytes
            .extend_from_slice(&crc32fast::hash(part).to_le_bytes());
    }
    w.bytes.extend_from_slice(&head);
    write_body(&mut w, doc);
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
/// inside it, on character boundaries. A document comes with its body.
pub fn decode(bytes: &[u8]) -> Result<Entry, DecodeError> {
    let mut r = Reader::new(bytes);
    let entry = match r.u8()? {
        TAG_DOCUMENT => {
            let head = split_head(bytes)?;
            let mut h = Reader::new(head);
            let mut doc = read_head(&mut h, true)?;
            h.finish()?;
            let mut b = Reader::new(&bytes[HEAD_PREFIX + head.len()..]);
            read_body(&mut b, &mut doc)?;
            b.finish()?;
            return Ok(Entry::Document(Box::new(doc)));
        }
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

/// How many bytes from the start of an entry hold its head, read from the
/// first [`HEAD_PREFIX`] bytes of `prefix`: `None` when the entry is not a
/// document (a skip: decode it whole).
pub fn head_extent(prefix: &[u8]) -> Result<Option<usize>, DecodeError> {
    part_extent(prefix, HEAD_AT)
}

/// Like [`head_extent`], the bytes holding the head's listing (what
/// [`decode_listing`] reads).
pub fn listing_extent(prefix: &[u8]) -> Result<Option<usize>, DecodeError> {
    part_extent(prefix, LISTING_AT)
}

/// The extent of the head's part whose length is at `at` in the prefix.
fn part_extent(prefix: &[u8], at: usize) -> Result<Option<usize>, DecodeError> {
    match prefix.first() {
        Some(&TAG_DOCUMENT) => Ok(Some(HEAD_PREFIX + u32_at(prefix, at)? as usize)),
        Some(&TAG_SKIPPED) => Ok(None),
        Some(_) => Err(DecodeError::Invalid("entry tag")),
        None => Err(DecodeError::Truncated),
    }
}

/// The little-endian `u32` at `at` in `bytes`.
fn u32_at(bytes: &[u8], at: usize) -> Result<u32, DecodeError> {
    let b = bytes.get(at..at + 4).ok_or(DecodeError::Truncated)?;
    Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The head of a document's entry, checked against its own checksum,
/// from `bytes`: the entry's first bytes, at least its [`head_extent`]. The
/// document has no body ([`Body::NotLoaded`]); references are checked to
/// fall inside the text's length.
pub fn decode_head(bytes: &[u8]) -> Result<Document, DecodeError> {
    let mut r = Reader::new(checked_part(bytes, HEAD_AT, "head checksum")?);
    let doc = read_head(&mut r, true)?;
    r.finish()?;
    Ok(doc)
}

/// Like [`decode_head`], from the head's listing only (the entry's first
/// bytes, at least its [`listing_extent`]): the references counted, not
/// decoded ([`BodyFacts::unread_references`]); what a listing needs.
pub fn decode_listing(bytes: &[u8]) -> Result<Document, DecodeError> {
    let mut r = Reader::new(checked_part(bytes, LISTING_AT, "listing checksum")?);
    read_head(&mut r, false)
}

/// The bytes of the head's part whose length and checksum are at `at` in
/// the entry starting with `bytes`, checked against that checksum.
fn checked_part<'b>(
    bytes: &'b [u8],
    at: usize,
    what: &'static str,
) -> Result<&'b [u8], DecodeError> {
    let end = part_extent(bytes, at)?.ok_or(DecodeError::Invalid("entry tag"))?;
    let part = bytes.get(HEAD_PREFIX..end).ok_or(DecodeError::Truncated)?;
    if u32_at(bytes, at + 4)? != crc32fast::hash(part) {
        return Err(DecodeError::Invalid(what));
    }
    Ok(part)
}

/// The head's bytes in an entry starting with `bytes`.
fn split_head(bytes: &[u8]) -> Result<&[u8], DecodeError> {
    let end = head_extent(bytes)?.ok_or(DecodeError::Invalid("entry tag"))?;
    bytes.get(HEAD_PREFIX..end).ok_or(DecodeError::Truncated)
}

/// Writes the head of `doc`; returns the length of its listing (all but
/// the references, written last).
fn write_head(w: &mut Writer, doc: &Document) -> usize {
    let Document {
        id: _,
        path: _,
        text,
        raw: _,
        pages: _,
        lines,
        layout,
        encoding,
        meta,
        agenda,
        paragraphs: _,
        footnotes: _,
        references,
        words,
        caveats,
        body: _,
    } = doc;
    let BodyFacts {
        lines: line_count,
        empty,
        first_line,
        named_draft,
        unread_references: _,
    } = BodyFacts::of(text, lines);
    w.usize(text.len());
    w.usize(line_count);
    w.bool(empty);
    w.str(&first_line);
    w.opt_str(named_draft.as_deref());
    w.bool(*layout);
    w.str(encoding);
    metadata(w, meta);
    w.opt(agenda.as_ref(), write_agenda);
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
    // Last, so that a listing stops before them (`decode_listing`); their
    // count ends the listing.
    w.usize(references.len());
    let listing = w.bytes.len();
    for r in references {
        reference(w, r);
    }
    listing
}

fn write_body(w: &mut Writer, doc: &Document) {
    let Document {
        text,
        raw,
        pages,
        paragraphs,
        footnotes,
        ..
    } = doc;
    w.str(text);
    w.opt_str(raw.as_deref());
    w.seq(pages, |w, p| w.usize(*p));
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
}

/// A document of the head read by `r`, its body not loaded; with
/// `references` false, its references are counted, not decoded (the reader
/// then stops before them).
fn read_head(r: &mut Reader, references: bool) -> Result<Document, DecodeError> {
    let text_len = r.usize()?;
    let mut facts = BodyFacts {
        lines: r.usize()?,
        empty: r.bool()?,
        first_line: r.string()?,
        named_draft: r.opt_string()?,
        unread_references: None,
    };
    let layout = r.bool()?;
    let encoding = r.interned()?;
    let meta = read_metadata(r)?;
    let agenda = r.opt(read_agenda)?;
    let words = r.usize()?;
    let caveats = r.seq(|r| match r.u8()? {
        0 => Ok(Caveat::InvalidBytesReplaced(r.usize()?)),
        1 => Ok(Caveat::BinaryTail(r.usize()?)),
        2 => Ok(Caveat::ChangedWhileRead),
        _ => Err(DecodeError::Invalid("caveat")),
    })?;
    let count = r.usize()?;
    let references = if references {
        let all = r.items(count, read_reference)?;
        if all.iter().any(|x| x.start > x.end || x.end > text_len) {
            return Err(DecodeError::Invalid("reference offset"));
        }
        all
    } else {
        facts.unread_references = Some(count);
        Vec::new()
    };
    Ok(Document {
        id: String::new(),
        path: PathBuf::new(),
        text: String::new(),
        raw: None,
        pages: Vec::new(),
        lines: LineIndex::new(""),
        layout,
        encoding,
        meta,
        agenda,
        paragraphs: Vec::new(),
        footnotes: Vec::new(),
        references,
        words,
        caveats,
        body: Body::NotLoaded(Box::new(facts)),
    })
}

/// Reads the body into `doc` (whose head was read), checking that every
/// offset into the text falls inside it on a character boundary.
fn read_body(r: &mut Reader, doc: &mut Document) -> Result<(), DecodeError> {
    let text = r.string()?;
    let raw = r.opt_string()?;
    let pages = r.seq(Reader::usize)?;
    if pages.iter().any(|&p| !text.is_char_boundary(p)) {
        return Err(DecodeError::Invalid("page offset"));
    }
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
    if doc.references.iter().any(|x| {
        x.start > x.end || !text.is_char_boundary(x.start) || !text.is_char_boundary(x.end)
    }) {
        return Err(DecodeError::Invalid("reference offset"));
    }
    doc.lines = LineIndex::new(&text);
    doc.text = text;
    doc.raw = raw;
    doc.pages = pages;
    doc.paragraphs = paragraphs;
    doc.footnotes = footnotes;
    doc.body = Body::Loaded;
    Ok(())
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
        assert_eq!(a.body, b.body);
    }

    #[test]
    fn a_listing_is_read_without_references_or_body() {
        let corpus = load_bundled();
        for doc in corpus.documents() {
            let bytes = encode_document(doc);
            let listing = listing_extent(&bytes).expect("extent").expect("a document");
            let head = head_extent(&bytes).expect("extent").expect("a document");
            assert!(listing <= head, "{}", doc.id);
            let listed = decode_listing(&bytes[..listing]).expect("listing");
            assert!(listed.references.is_empty() && !listed.body_loaded());
            assert_eq!(listed.reference_count(), doc.references.len(), "{}", doc.id);
            assert_eq!(listed.meta, doc.meta);
            assert_eq!(listed.agenda, doc.agenda);
            assert_eq!(listed.display_title(), doc.display_title());
            assert_eq!(listed.line_count(), doc.line_count());
            assert_eq!((listed.words, listed.layout), (doc.words, doc.layout));
            // Placed in the corpus as the whole document (the index serves
            // the path of the file asked for).
            let mut placed = listed.clone();
            placed.path.clone_from(&doc.path);
            assert_eq!(placed.listing_digest(), doc.listing_digest(), "{}", doc.id);
            // The listing has its own checksum: damage in it is refused…
            let mut damaged = bytes[..listing].to_vec();
            damaged[listing - 1] ^= 0x20;
            assert_eq!(
                decode_listing(&damaged).err(),
                Some(DecodeError::Invalid("listing checksum"))
            );
            assert!(decode_listing(&bytes[..listing - 1]).is_err());
            // …and damage in the references behind it is the head's to find.
            if head > listing + 1 {
                let mut damaged = bytes[..head].to_vec();
                damaged[head - 1] ^= 0x20;
                assert!(decode_listing(&damaged).is_ok());
                assert_eq!(
                    decode_head(&damaged).err(),
                    Some(DecodeError::Invalid("head checksum"))
                );
            }
        }
    }

    #[test]
    fn a_head_is_read_without_its_body() {
        let corpus = load_bundled();
        for doc in corpus.documents() {
            let bytes = encode_document(doc);
            let extent = head_extent(&bytes).expect("extent").expect("a document");
            assert!(extent < bytes.len(), "{}: the head holds the text", doc.id);
            let head = decode_head(&bytes[..extent]).expect("head");
            assert!(!head.body_loaded());
            assert!(head.text.is_empty() && head.paragraphs.is_empty());
            // What the head says is what the whole document says.
            assert_eq!(head.body_facts(), doc.body_facts());
            assert_eq!(head.line_count(), doc.line_count());
            assert_eq!(head.is_empty(), doc.is_empty());
            assert_eq!(head.display_title(), doc.display_title());
            assert_eq!(head.named_draft(), doc.named_draft());
            assert_eq!(head.meta, doc.meta);
            assert_eq!(head.agenda, doc.agenda);
            assert_eq!(head.references, doc.references);
            assert_eq!((head.words, head.layout), (doc.words, doc.layout));
            // A head cut short, or one byte of it changed, is refused.
            assert!(decode_head(&bytes[..extent - 1]).is_err());
            let mut damaged = bytes[..extent].to_vec();
            damaged[extent - 1] ^= 0x20;
            assert_eq!(
                decode_head(&damaged).err(),
                Some(DecodeError::Invalid("head checksum"))
            );
        }
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
