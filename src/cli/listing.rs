//! `dossier list` over files, kept beside the index as a snapshot of the
//! list made of exactly those files ([`crate::corpus::kept`]):
//!
//! - when the index knows every file found unchanged since (same paths in
//!   the same order, each with the content key it had), the list is printed
//!   as kept: one file read instead of each document's listing, and no
//!   families, versions or rows worked out again;
//! - when a few files changed but their listings place them as before (the
//!   same [`crate::model::Document::listing_digest`]: only their counts of words, lines
//!   and references moved), those files alone are read and their rows
//!   mended;
//! - otherwise the listings are read (through the index) and the list
//!   worked out as before, then kept for next time.

use crate::cli::documents::print_list;
use crate::cli::load::{
    ChosenIndex, Progress, caveat_lines, problem_line, report_problems, scan_walked,
};
use crate::cli::output::{Failure, Out, warn};
use crate::corpus::Source;
use crate::corpus::kept::{Listed, from_snapshot, keep, keep_mended};
use crate::model::load::Depth;
use crate::model::store::LazyStore;
use crate::model::store::snapshot;
use crate::model::{Corpus, Document};
use std::path::PathBuf;

/// Prints the list, and says what was said of the files.
fn print(listed: &Listed, out: &mut Out) -> Result<(), Failure> {
    for line in listed.said() {
        warn(line);
    }
    if out.is_compact_json() {
        return out.json_text(listed.json());
    }
    print_list(listed.summary(), &listed.rows(), out)
}

/// `dossier list PATHS` (PATHS not empty): as kept when the files are
/// unchanged, mended when few changed, else from the documents' listings.
pub fn list_files(paths: &[PathBuf], out: &mut Out) -> Result<(), Failure> {
    let index = ChosenIndex::new();
    let progress = Progress::new(false);
    // The index's manifest is read while the files are walked.
    let (store, walked) = std::thread::scope(|s| {
        let opening = s.spawn(|| index.open());
        let walked = progress.walk(paths);
        (opening.join().ok().flatten(), walked)
    });
    let store = LazyStore::ready(store);
    let slot = snapshot::slot(paths);
    if let Some(store) = store.get() {
        let found = (walked.files.as_slice(), walked.stats.as_slice());
        if let Some((kept, mended)) = from_snapshot(store, &slot, found) {
            progress.finish();
            report_problems(&walked.problems);
            print(kept.listed(), out)?;
            out.flush()?;
            if mended {
                keep_mended(store, &slot, &walked, kept);
            } else {
                store.finish_unchanged();
            }
            index.report(Some(store));
            return Ok(());
        }
    }
    let mut docs = Vec::new();
    let scanned = scan_walked(
        paths,
        &walked,
        Depth::Listing,
        &store,
        &progress,
        &|doc| {
            let digest = doc.listing_digest();
            (doc, digest)
        },
        &mut |doc| {
            docs.push(doc);
            Ok(())
        },
    );
    index.report(store.opened());
    let scanned = scanned?;
    let walk_problems = walked.problems.len();
    let mut said: Vec<String> = scanned.problems[walk_problems..]
        .iter()
        .map(problem_line)
        .collect();
    said.extend(caveat_lines(scanned.caveats.clone()));
    if scanned.visited == 0 {
        return scanned.report();
    }
    report_problems(&scanned.problems[..walk_problems]);
    let (docs, digests): (Vec<Document>, Vec<u64>) = docs.into_iter().unzip();
    let corpus = Corpus::new(docs, scanned.problems);
    let listed = Listed::of(&corpus, said).map_err(super::documents::source_failure)?;
    print(&listed, out)?;
    if let Some(store) = store.opened().filter(|s| s.is_writable()) {
        keep(store, &slot, &walked, listed, &corpus, &digests);
    }
    // Left to the process's end rather than freed document by document.
    Box::new(corpus).close();
    Ok(())
}
