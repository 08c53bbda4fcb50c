//! PDF, Word and OpenDocument files read as documents: the model on the real
//! UN PDFs of `tests/fixtures/pdf/` (extracted in this process) and on Word
//! and OpenDocument files generated here; then the CLI on the same files
//! (extracted in child processes by the real binary).

use dossier::model::import::{Format, extract_here, page_at};
use dossier::model::{Corpus, Document, load_paths};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

mod common;
use common::coded as run;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf");

fn fixtures() -> Corpus {
    let corpus = load_paths(&[PathBuf::from(FIXTURES)], &|_| {});
    assert!(corpus.problems().is_empty(), "{:?}", corpus.problems());
    corpus
}

fn doc<'c>(corpus: &'c Corpus, id: &str) -> &'c Document {
    let i = corpus
        .by_id(id)
        .unwrap_or_else(|| panic!("no document {id}"));
    &corpus.documents()[i]
}

/// Printed pages: kept by the clean stage (`Document::pages`), or the form
/// feeds of a text that needed no cleaning.
fn pages(d: &Document) -> usize {
    if d.pages.is_empty() {
        1 + d.text.matches('\u{c}').count()
    } else {
        d.pages.len()
    }
}

#[test]
fn un_pdfs_give_symbol_date_language_and_pages() {
    let corpus = fixtures();
    let ids: Vec<&str> = corpus.documents().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["A_80_L.21", "A_RES_79_48", "A_RES_80_174"]);
    let expected = [
        ("A_80_L.21", "A/80/L.21", "2025-11-26", 2),
        ("A_RES_79_48", "A/RES/79/48", "2024-12-09", 2),
        ("A_RES_80_174", "A/RES/80/174", "2025-12-19", 3),
    ];
    for (id, symbol, date, n) in expected {
        let d = doc(&corpus, id);
        assert_eq!(d.meta.symbol.as_deref(), Some(symbol), "{id}");
        assert_eq!(d.meta.date.as_deref(), Some(date), "{id}");
        assert_eq!(d.meta.language.as_deref(), Some("en"), "{id}");
        assert_eq!(d.encoding, "PDF", "{id}");
        assert_eq!(pages(d), n, "{id}: page count");
    }
    let res = doc(&corpus, "A_RES_79_48");
    assert_eq!(res.meta.session, Some(79));
    assert_eq!(
        res.meta.agenda_item.as_ref().map(|a| a.item.as_str()),
        Some("98 (k)")
    );
    // The item's title, printed plain under its line, and the resolution's
    // own title, on the line of its number: two different things.
    assert_eq!(
        res.meta
            .agenda_item
            .as_ref()
            .and_then(|a| a.title.as_deref()),
        Some(
            "General and complete disarmament: measures to uphold the authority of the 1925 Geneva Protocol"
        )
    );
    assert_eq!(
        res.meta.title.as_deref(),
        Some("Measures to uphold the authority of the 1925 Geneva Protocol")
    );
    let draft = doc(&corpus, "A_80_L.21");
    assert_eq!(
        draft.meta.title.as_deref(),
        Some("International Day of the Mediterranean Diet")
    );
    assert!(
        res.meta
            .title
            .as_deref()
            .is_some_and(|t| t.contains("1925 Geneva Protocol")),
        "{:?}",
        res.meta.title
    );
}

#[test]
fn the_text_is_in_reading_order_with_pages_kept() {
    let corpus = fixtures();
    let d = doc(&corpus, "A_RES_80_174");
    // The clean reading text: no furniture, no form feed, pages kept apart.
    assert!(
        !d.text.contains('\u{c}') && !d.text.contains("25-"),
        "{}",
        d.text
    );
    assert_eq!(d.page_of(d.text.len().saturating_sub(1)), Some(3));
    // The text as extracted, before cleaning.
    let text = d.raw.as_deref().expect("cleaned, so the raw text is kept");
    // The masthead's two columns come out cell by cell, as pdftotext gives them.
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let at = |s: &str| lines.iter().position(|l| *l == s);
    assert!(at("United Nations").is_some(), "{lines:?}");
    assert_eq!(at("A/RES/80/174"), at("United Nations").map(|i| i + 1));
    assert_eq!(at("Distr.: General"), at("General Assembly").map(|i| i + 1));
    // Body sentences are whole and in order.
    let day = text.find("International Day of the Mediterranean Diet");
    let decides = text.find("Decides to designate 16 November");
    assert!(
        day.is_some() && decides.is_some() && day < decides,
        "{text}"
    );
    // Page 3 starts after the second form feed: its running head is there.
    let third = text.match_indices('\u{c}').nth(1).map(|(i, _)| i);
    let third = third.expect("a third page");
    assert_eq!(page_at(text, third + 1), 3);
    assert!(
        text[third..]
            .lines()
            .take(8)
            .any(|l| l.trim() == "A/RES/80/174"),
        "{}",
        &text[third..]
    );
}

#[test]
fn the_resolution_cites_its_draft() {
    let corpus = fixtures();
    let citing: Vec<&str> = corpus
        .backlinks("symbol:A/80/L.21")
        .iter()
        .map(|c| corpus.documents()[c.doc].id.as_str())
        .collect();
    assert!(citing.contains(&"A_RES_80_174"), "{citing:?}");
    let res = doc(&corpus, "A_RES_80_174");
    let r = res
        .references
        .iter()
        .find(|r| r.key == "symbol:A/80/L.21")
        .expect("the draft is cited");
    assert_eq!(res.page_of(r.start), Some(1));
    assert_eq!(&res.text[r.start..r.end], "A/80/L.21");
}

// ---- Word and OpenDocument files, generated ----

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn para(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in parts {
        w.start_file(*name, opts).expect("zip");
        w.write_all(body.as_bytes()).expect("zip");
    }
    w.finish().expect("zip").into_inner()
}

/// A UN-style Word document: a masthead table, a footnote, a page break,
/// a deleted revision and a field code that must not be read.
fn docx() -> Vec<u8> {
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", para(t));
    let body = [
        format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("United Nations"),
            cell("A/RES/80/999"),
            cell("General Assembly"),
            cell("Distr.: General")
        ),
        para("19 December 2025"),
        para("Eightieth session"),
        para("Agenda item 13"),
        para("Resolution adopted by the General Assembly on 15 December 2025"),
        para("80/999. International Day of Tests &amp; Fixtures"),
        r#"<w:p><w:r><w:t xml:space="preserve">Recalling its resolution 79/276,</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r><w:del><w:r><w:delText>withdrawn words</w:delText></w:r></w:del><w:r><w:instrText>PAGEREF _Toc1</w:instrText></w:r></w:p>"#.to_string(),
        r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#.to_string(),
        para("1. Decides to proclaim 1 April International Day of Tests;"),
    ]
    .concat();
    let document =
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
    let footnotes = format!(
        r#"<?xml version="1.0"?><w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> See A/80/L.21.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    zip(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &document),
        ("word/footnotes.xml", &footnotes),
    ])
}

fn odt() -> Vec<u8> {
    let content = r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>United Nations</text:p><text:p>CTOC/COP/2026/3</text:p><text:p>Distr.: General</text:p><text:p>2 March 2026</text:p><text:p>Original: English</text:p><text:p>Report on the<text:s text:c="2"/>meeting</text:p><text:p>In its decision 4/4,<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>CTOC/COP/2008/19.</text:p></text:note-body></text:note> the Conference decided.</text:p><text:soft-page-break/><text:p>Second page.</text:p></office:text></office:body></office:document-content>"#;
    zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", content),
    ])
}

#[test]
fn word_documents_read_like_their_pdf() {
    let text = extract_here(Format::Docx, &docx()).expect("docx");
    let pages: Vec<&str> = text.split("\u{c}\n").collect();
    assert_eq!(pages.len(), 2, "{text}");
    assert!(
        pages[0].starts_with("United Nations\n\nA/RES/80/999\n\n"),
        "{text}"
    );
    assert!(
        pages[0].contains("International Day of Tests & Fixtures"),
        "{text}"
    );
    assert!(
        pages[0].contains("Recalling its resolution 79/276,1\n"),
        "{text}"
    );
    assert!(
        !text.contains("withdrawn") && !text.contains("PAGEREF"),
        "{text}"
    );
    assert!(
        pages[1].ends_with("____________\n\n1 See A/80/L.21.\n"),
        "{text}"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("res.docx"), docx()).expect("write");
    let corpus = load_paths(&[dir.path().to_path_buf()], &|_| {});
    let d = doc(&corpus, "res");
    assert_eq!(d.meta.symbol.as_deref(), Some("A/RES/80/999"));
    assert_eq!(d.meta.date.as_deref(), Some("2025-12-19"));
    assert_eq!(d.encoding, "DOCX");
    assert!(d.references.iter().any(|r| r.key == "symbol:A/80/L.21"));
    assert!(d.paragraph("1").is_some(), "{:?}", d.paragraphs);
}

/// Word documents of the UN print their masthead in the first page's header.
#[test]
fn a_word_masthead_in_the_first_page_header_opens_the_text() {
    let body = [
        para("Eightieth session"),
        para("Agenda item 156 (a)"),
        para("Report of the Secretary-General"),
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rId8"/><w:headerReference w:type="first" r:id="rId9"/></w:sectPr>"#
            .to_string(),
    ]
    .concat();
    let document = format!(
        r#"<?xml version="1.0"?><w:document {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}</w:body></w:document>"#
    );
    let header = |paras: &[&str]| {
        format!(
            r#"<?xml version="1.0"?><w:hdr {W}>{}</w:hdr>"#,
            paras.iter().map(|p| para(p)).collect::<String>()
        )
    };
    let first = header(&[
        "United Nations",
        "A/80/604/Add.1",
        "General Assembly",
        "Distr.: General",
        "7 April 2026",
        "Original: English",
    ]);
    let running = header(&["A/80/604/Add.1"]);
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Type="header" Target="header1.xml"/><Relationship Id="rId9" Type="header" Target="header3.xml"/></Relationships>"#;
    let bytes = zip(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", rels),
        ("word/header1.xml", &running),
        ("word/header3.xml", &first),
    ]);
    let text = extract_here(Format::Docx, &bytes).expect("docx");
    assert!(
        text.starts_with("United Nations\n\nA/80/604/Add.1\n\n"),
        "{text}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("A_80_604_Add.1.docx"), bytes).expect("write");
    let corpus = load_paths(&[dir.path().to_path_buf()], &|_| {});
    let d = &corpus.documents()[0];
    assert_eq!(d.meta.symbol.as_deref(), Some("A/80/604/Add.1"));
    assert_eq!(d.meta.date.as_deref(), Some("2026-04-07"));
    assert_eq!(d.meta.session, Some(80));
}

#[test]
fn opendocument_text_is_read() {
    let text = extract_here(Format::Odt, &odt()).expect("odt");
    let pages: Vec<&str> = text.split("\u{c}\n").collect();
    assert_eq!(pages.len(), 2, "{text}");
    assert!(pages[0].contains("Report on the  meeting"), "{text}");
    assert!(
        pages[0].contains("In its decision 4/4,1 the Conference decided."),
        "{text}"
    );
    assert!(
        pages[1].starts_with("Second page.\n\n____________\n\n1 CTOC/COP/2008/19.\n"),
        "{text}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("report.odt"), odt()).expect("write");
    let corpus = load_paths(&[dir.path().to_path_buf()], &|_| {});
    let d = doc(&corpus, "report");
    assert_eq!(d.meta.symbol.as_deref(), Some("CTOC/COP/2026/3"));
    assert_eq!(d.meta.date.as_deref(), Some("2026-03-02"));
    assert_eq!(d.encoding, "ODT");
}

// ---- the CLI on the same files, through the real binary ----

fn json(args: &[&str]) -> Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn cli_list_and_show_read_pdfs() {
    let v = json(&["list", "--json", FIXTURES]);
    let rows: Vec<(String, String, String)> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("id"), s("symbol"), s("encoding"))
        })
        .collect();
    let expect = |id: &str, symbol: &str| (id.to_string(), symbol.to_string(), "PDF".to_string());
    assert_eq!(
        rows,
        [
            expect("A_80_L.21", "A/80/L.21"),
            expect("A_RES_79_48", "A/RES/79/48"),
            expect("A_RES_80_174", "A/RES/80/174"),
        ]
    );
    let (code, out, err) = run(&["show", "A/RES/80/174", FIXTURES]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Decides to designate 16 November"), "{out}");
    assert!(out.contains("encoding:    PDF"), "{out}");
}

#[test]
fn cli_refs_backlinks_and_grep_work_on_pdfs() {
    let refs = json(&["refs", "--json", "--kind", "symbol", FIXTURES]);
    assert!(
        refs.as_array()
            .expect("array")
            .iter()
            .any(|r| r["doc"] == "A_RES_80_174"
                && r["key"] == "symbol:A/80/L.21"
                && r["text"] == "A/80/L.21"),
        "{refs}"
    );
    let back = json(&["backlinks", "--json", "A/80/L.21", FIXTURES]);
    assert!(back.to_string().contains("A_RES_80_174"), "{back}");

    let hits = json(&["grep", "--json", "Mediterranean [Dd]iet", FIXTURES]);
    let docs: Vec<&str> = hits
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|h| h["doc"].as_str())
        .collect();
    assert!(
        docs.contains(&"A_80_L.21") && docs.contains(&"A_RES_80_174"),
        "{docs:?}"
    );
    // The line grep gives is the line `show` gives.
    let first = &hits[0];
    let line = first["line"].as_u64().expect("line") as usize;
    let doc_id = first["doc"].as_str().expect("doc");
    let shown = json(&["show", "--json", doc_id, FIXTURES]);
    let text = shown["text"].as_str().expect("text");
    let at = text.lines().nth(line - 1).expect("the line exists");
    assert_eq!(Some(at), first["text"].as_str());
}

#[test]
fn a_folder_of_mixed_formats_is_walked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p: &Path = dir.path();
    std::fs::copy(
        Path::new(FIXTURES).join("A_80_L.21.pdf"),
        p.join("draft.PDF"),
    )
    .expect("copy");
    std::fs::create_dir(p.join("word")).expect("mkdir");
    std::fs::write(p.join("word/res.docx"), docx()).expect("write");
    std::fs::write(p.join("report.odt"), odt()).expect("write");
    std::fs::write(p.join("note.txt"), "Note on decision 4/4.").expect("write");
    std::fs::write(p.join("archive.zip"), zip(&[("a.txt", "x")])).expect("write");
    let v = json(&["list", "--json", &p.to_string_lossy()]);
    let ids: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(ids, ["draft", "note", "report", "res"]);
}

/// `pdftotext -layout` output of a real resolution: lines kept as printed.
#[test]
fn a_layout_rendering_keeps_its_lines_and_drops_its_furniture() {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/layout/A_RES_80_174.layout.txt"
    ));
    let corpus = load_paths(std::slice::from_ref(&path), &|_| {});
    let d = &corpus.documents()[0];
    assert!(d.layout, "detected as a layout rendering");
    assert_eq!(d.meta.symbol.as_deref(), Some("A/RES/80/174"));
    assert_eq!(d.meta.date.as_deref(), Some("2025-12-19"));
    assert_eq!(d.meta.session, Some(80));
    assert_eq!(
        d.meta.title.as_deref(),
        Some("International Day of the Mediterranean Diet")
    );
    for furniture in ["25-20876 (E)", "*2520876*"] {
        assert!(!d.text.contains(furniture), "{furniture} left in the text");
    }
    // Never reflowed: the two-column masthead line and an indented
    // operative paragraph stay as printed.
    assert!(
        d.text
            .lines()
            .any(|l| l.contains("United Nations") && l.trim_end().ends_with("A/RES/80/174"))
    );
    assert!(d.pages.len() >= 3, "pages kept: {:?}", d.pages);
    // The resolution cites its draft and the 2030 Agenda resolution.
    let keys: Vec<&str> = d.references.iter().map(|r| r.key.as_str()).collect();
    assert!(keys.contains(&"symbol:A/80/L.21"), "{keys:?}");
    assert!(keys.contains(&"symbol:A/RES/70/1"), "{keys:?}");
    // The raw view of the same file is a layout too.
    let raw = dossier::model::parse::plain_document(
        "x".into(),
        path,
        d.raw.clone().unwrap_or_default(),
        "UTF-8",
    );
    assert!(raw.layout);
}

/// Plain `pdftotext` output and the bundled corpus are never layouts.
#[test]
fn reflowable_text_is_not_a_layout() {
    let corpus = dossier::model::load_bundled();
    assert!(corpus.documents().iter().all(|d| !d.layout));
    let plain = fixtures();
    assert!(plain.documents().iter().all(|d| !d.layout));
}
