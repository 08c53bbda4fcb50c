//! Hostile PDF and Word files: encrypted, scanned, corrupt, truncated, one
//! that makes the reader loop, one that overflows its stack, a memory bomb, a
//! broken zip. Each is reported with
//! its reason, no run hangs or panics, and the good files beside them are
//! served.

use crate::common::{GOOD, dossier, ids, list, run_within};
use crate::pdfgen::{encrypted_pdf, own_parent_pdf, scanned_pdf, self_drawing_form_pdf, text_pdf};
use std::fs;
use std::path::Path;

/// The `dossier: skipped PATH: REASON` line naming `file`, if any.
fn skipped<'a>(stderr: &'a str, file: &str) -> Option<&'a str> {
    stderr
        .lines()
        .find(|l| l.starts_with("dossier: skipped") && l.contains(file))
}

fn good_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("good.txt"), GOOD).expect("write");
    fs::write(
        dir.path().join("text.pdf"),
        text_pdf(&[
            &[
                "United Nations A/RES/99/7",
                "General Assembly Distr.: General",
            ],
            &["Recalling its decision 4/4 and resolution 55/25,"],
        ]),
    )
    .expect("write");
    dir
}

/// The generated text PDF beside the bad ones is read, page by page.
fn assert_good_files_served(dir: &Path, stderr: &str, docs: &[serde_json::Value]) {
    let ids = ids(docs);
    assert!(ids.contains(&"good".to_string()), "{ids:?} {stderr}");
    assert!(ids.contains(&"text".to_string()), "{ids:?} {stderr}");
    let mut cmd = dossier();
    cmd.args(["grep", "--json", "resolution 55/25"]).arg(dir);
    let r = run_within(cmd, 120);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let hits = r.json();
    let hit = &hits.as_array().expect("array")[0];
    // Page 2 follows page 1's two lines and the form-feed line.
    assert_eq!(hit["line"], 4, "{hit}");
}

#[test]
fn encrypted_scanned_and_corrupt_pdfs_are_reported_with_their_reason() {
    let dir = good_dir();
    let p = dir.path();
    fs::write(p.join("encrypted.pdf"), encrypted_pdf()).expect("write");
    fs::write(p.join("scanned.pdf"), scanned_pdf()).expect("write");
    fs::write(p.join("garbage.pdf"), b"%PDF-1.7\n1 0 obj << /Type /Cat").expect("write");
    let real = fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pdf/A_RES_79_48.pdf"
    ))
    .expect("fixture");
    fs::write(p.join("truncated.pdf"), &real[..real.len() / 3]).expect("write");
    fs::write(p.join("empty.pdf"), b"").expect("write");

    let mut cmd = dossier();
    cmd.args(["list", "--json"]).arg(p);
    let r = run_within(cmd, 120);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let docs = r.json().as_array().cloned().expect("array");
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);

    let reason = |file| skipped(&r.stderr, file).unwrap_or_default().to_string();
    assert!(
        reason("encrypted.pdf").ends_with("encrypted PDF: it needs a password"),
        "{}",
        r.stderr
    );
    assert!(
        reason("scanned.pdf").ends_with("scanned PDF: no text layer"),
        "{}",
        r.stderr
    );
    assert!(
        reason("garbage.pdf").contains("corrupt PDF"),
        "{}",
        r.stderr
    );
    // A truncated file is either read as far as it goes or reported.
    let truncated_read = ids(&docs).contains(&"truncated".to_string());
    assert!(
        truncated_read || !reason("truncated.pdf").is_empty(),
        "{}",
        r.stderr
    );
    // An empty .pdf is an empty text file: nothing claims it is a PDF.
    assert!(ids(&docs).contains(&"empty".to_string()), "{}", r.stderr);
    assert_good_files_served(p, &r.stderr, &docs);
}

#[test]
fn a_pdf_that_makes_the_reader_loop_is_stopped_at_the_time_limit() {
    let dir = good_dir();
    let p = dir.path();
    fs::write(p.join("loop.pdf"), own_parent_pdf()).expect("write");
    let mut cmd = dossier();
    cmd.env("DOSSIER_EXTRACT_TIMEOUT", "2")
        .args(["list", "--json"])
        .arg(p);
    let r = run_within(cmd, 120);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // Optimised as in a release build, the reader loops until the time limit;
    // less optimised (test builds keep lopdf light), the same recursion runs
    // out of stack first. Either way the file is stopped and said.
    assert!(
        skipped(&r.stderr, "loop.pdf").is_some_and(|l| {
            l.ends_with("extraction timed out after 2s")
                || l.ends_with("PDF reader failed: stack overflow (objects nested without end)")
        }),
        "{}",
        r.stderr
    );
    let docs = r.json().as_array().cloned().expect("array");
    assert_good_files_served(p, &r.stderr, &docs);
}

#[test]
fn a_pdf_that_overflows_the_reader_stack_is_reported() {
    let dir = good_dir();
    let p = dir.path();
    fs::write(p.join("deep.pdf"), self_drawing_form_pdf()).expect("write");
    let (docs, stderr) = list(p);
    assert!(
        skipped(&stderr, "deep.pdf").is_some_and(
            |l| l.ends_with("PDF reader failed: stack overflow (objects nested without end)")
        ),
        "{stderr}"
    );
    assert_good_files_served(p, &stderr, &docs);
}

#[test]
fn a_memory_bomb_is_stopped_at_the_memory_limit() {
    use std::io::Write;
    // 2 GiB of zeros, deflated to about 2 MB: the content stream of one page.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..2048 {
        z.write_all(&zeros).expect("deflate");
    }
    let bomb = z.finish().expect("deflate");
    let mut pdf = crate::pdfgen::Pdf::default();
    pdf.object("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");
    pdf.stream("/Filter /FlateDecode", &bomb);
    let dir = good_dir();
    let p = dir.path();
    fs::write(p.join("bomb.pdf"), pdf.bytes()).expect("write");
    let mut cmd = dossier();
    cmd.env("DOSSIER_EXTRACT_MEMORY", "512")
        .args(["list", "--json"])
        .arg(p);
    let r = run_within(cmd, 180);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let docs = r.json().as_array().cloned().expect("array");
    assert!(
        skipped(&r.stderr, "bomb.pdf")
            .is_some_and(|l| l.ends_with("extraction ran out of memory (limit 512 MiB)")),
        "{}",
        r.stderr
    );
    assert!(!ids(&docs).contains(&"bomb".to_string()), "{docs:?}");
    assert_good_files_served(p, &r.stderr, &docs);
}

#[test]
fn broken_word_files_are_reported_and_the_rest_served() {
    let dir = good_dir();
    let p = dir.path();
    fs::write(p.join("notzip.docx"), b"PK\x03\x04 this is not a zip").expect("write");
    // A real zip without a document part.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("readme.txt", opts).expect("zip");
    std::io::Write::write_all(&mut w, b"hello").expect("zip");
    let bytes = w.finish().expect("zip").into_inner();
    fs::write(p.join("nobody.docx"), bytes).expect("write");

    let (docs, stderr) = list(p);
    assert!(
        skipped(&stderr, "notzip.docx").is_some_and(|l| l.contains("corrupt Word document")),
        "{stderr}"
    );
    assert!(
        skipped(&stderr, "nobody.docx")
            .is_some_and(|l| l.ends_with("corrupt Word document: no word/document.xml")),
        "{stderr}"
    );
    assert_good_files_served(p, &stderr, &docs);
}
