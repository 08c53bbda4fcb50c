//! Shared by the PDF benchmarks (`pdf`, `clean`): the real UN PDFs they read.

use std::path::PathBuf;

/// The bytes of every `.pdf` in `DOSSIER_BENCH_PDFS`, else in
/// `tests/fixtures/pdf/`, in path order.
pub fn pdfs() -> Vec<Vec<u8>> {
    let dir = std::env::var_os("DOSSIER_BENCH_PDFS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "pdf"));
    files.sort();
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}
