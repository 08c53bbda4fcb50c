//! Side-by-side measurement of PDF text extraction on a folder of PDFs:
//! dossier's reader (`pdf-extract`, page by page), `lopdf`'s own
//! `extract_text`, and `pdftotext` (poppler) as the reference, when installed.
//!
//! For each engine: files read, pages, CPU milliseconds per page on one thread,
//! word recall against `pdftotext` (the share of its words, counted with
//! multiplicity, that the engine also gives) and the share of the engine's
//! words that `pdftotext` does not give. For dossier's reader, also how many
//! documents got their own symbol, a date and a title from the model.
//!
//! ```sh
//! cargo run --release --example pdf_compare -- /work/shared/un-documents
//! ```

use dossier::model::import::{Format, extract_here};
use dossier::model::parse::parse_document;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

#[derive(Default)]
struct Tally {
    files: usize,
    failed: usize,
    pages: usize,
    time: Duration,
    reference_words: usize,
    recalled: usize,
    words: usize,
    extra: usize,
}

impl Tally {
    fn add(&mut self, text: &str, reference: Option<&str>) {
        let words = bag(text);
        self.words += words.values().sum::<usize>();
        if let Some(reference) = reference {
            let reference = bag(reference);
            self.reference_words += reference.values().sum::<usize>();
            for (w, n) in &reference {
                self.recalled += (*n).min(words.get(w).copied().unwrap_or(0));
            }
            for (w, n) in &words {
                self.extra += n.saturating_sub(reference.get(w).copied().unwrap_or(0));
            }
        }
    }

    fn row(&self, name: &str) -> String {
        let ratio = |a: usize, b: usize| {
            if b == 0 {
                "—".to_string()
            } else {
                format!("{:.4}", a as f64 / b as f64)
            }
        };
        let ms_page = if self.pages == 0 {
            0.0
        } else {
            self.time.as_secs_f64() * 1000.0 / self.pages as f64
        };
        format!(
            "| {name} | {}/{} | {} | {ms_page:.2} | {:.0} | {} | {} |",
            self.files - self.failed,
            self.files,
            self.pages,
            if ms_page > 0.0 { 1000.0 / ms_page } else { 0.0 },
            ratio(self.recalled, self.reference_words),
            ratio(self.extra, self.words),
        )
    }
}

/// Words (whitespace-separated, with a letter or digit), counted.
fn bag(text: &str) -> HashMap<&str, usize> {
    let mut out = HashMap::new();
    for w in text.split_whitespace() {
        if w.chars().any(char::is_alphanumeric) {
            *out.entry(w).or_insert(0) += 1;
        }
    }
    out
}

/// CPU time (user + system) used so far by this thread: the machines are
/// shared, so wall-clock time would measure the neighbours too.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the struct passed by reference.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// CPU time (user + system) used so far by the children waited for.
fn children_cpu() -> Duration {
    // SAFETY: an all-zero rusage is a valid value for getrusage to overwrite.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct passed by reference.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

fn pdftotext(path: &Path) -> Option<(String, Duration)> {
    let start = children_cpu();
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg("-")
        .output()
        .ok()?;
    let took = children_cpu().saturating_sub(start);
    out.status
        .success()
        .then(|| (String::from_utf8_lossy(&out.stdout).into_owned(), took))
}

/// The symbol a UN file name stands for: `A_RES_78_102.pdf` → `A/RES/78/102`.
fn symbol_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().replace('_', "/"))
        .unwrap_or_default()
}

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("tests/fixtures/pdf"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "pdf"));
    files.sort();
    let (mut ours, mut lopdf_tally, mut poppler) =
        (Tally::default(), Tally::default(), Tally::default());
    let (mut symbols, mut dates, mut titles) = (0, 0, 0);
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let reference = pdftotext(path);
        if let Some((text, took)) = &reference {
            poppler.files += 1;
            poppler.time += *took;
            poppler.pages += text.matches('\u{c}').count();
            poppler.add(text, None);
        }
        let reference_text = reference.as_ref().map(|(t, _)| t.as_str());

        ours.files += 1;
        let start = thread_cpu();
        let result = extract_here(Format::Pdf, &bytes);
        ours.time += thread_cpu().saturating_sub(start);
        match result {
            Ok(text) => {
                ours.pages += 1 + text.matches('\u{c}').count();
                ours.add(&text, reference_text);
                let doc = parse_document("x".into(), path.clone(), text, "PDF");
                symbols += usize::from(doc.meta.symbol.as_deref() == Some(&symbol_of(path)));
                dates += usize::from(doc.meta.date.is_some());
                titles += usize::from(doc.meta.title.is_some());
            }
            Err(e) => {
                ours.failed += 1;
                eprintln!("dossier: {}: {e}", path.display());
            }
        }

        lopdf_tally.files += 1;
        let start = thread_cpu();
        let text = pdf_extract::Document::load_mem(&bytes).and_then(|doc| {
            let pages: Vec<u32> = doc.get_pages().into_keys().collect();
            doc.extract_text(&pages).map(|t| (t, pages.len()))
        });
        lopdf_tally.time += thread_cpu().saturating_sub(start);
        match text {
            Ok((text, pages)) => {
                lopdf_tally.pages += pages;
                lopdf_tally.add(&text, reference_text);
            }
            Err(e) => {
                lopdf_tally.failed += 1;
                eprintln!("lopdf: {}: {e}", path.display());
            }
        }
    }
    println!(
        "| engine | files read | pages | ms/page (one thread) | pages/s | word recall vs pdftotext | words not in pdftotext |"
    );
    println!("|---|---|---|---|---|---|---|");
    if poppler.files > 0 {
        println!("{}", poppler.row("pdftotext (poppler, a process per file)"));
    }
    println!("{}", ours.row("dossier: pdf-extract 0.12, page by page"));
    println!("{}", lopdf_tally.row("lopdf 0.42 `extract_text`"));
    println!();
    println!(
        "dossier's model on the {} files read: own symbol {symbols}, date {dates}, title {titles}",
        ours.files - ours.failed
    );
}
