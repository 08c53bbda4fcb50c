//! `dossier list` over files: when the index knows every file found
//! unchanged, the list is printed from its snapshot of the list made of
//! exactly those files ([`crate::model::store::snapshot`]): one file read
//! instead of each document's listing, and no families, versions or rows
//! worked out again. Otherwise the listings are read (through the index)
//! and the list printed as before, then kept as the snapshot for next time.
//!
//! What the snapshot keeps is what the command printed: the rows as
//! `list --json` writes them (so the JSON is the same byte for byte), the
//! list's summary, and the lines said on stderr of the files themselves
//! (skipped, read with caveats); the walk's own problems are the walk's of
//! the day.

use crate::cli::documents::print_list;
use crate::cli::load::{
    ChosenIndex, Progress, caveat_lines, problem_line, report_problems, scan_walked,
};
use crate::cli::output::{Failure, Out, warn};
use crate::corpus::stored_row::from_stored;
use crate::corpus::view::DocumentRow;
use crate::corpus::{ListSummary, Source};
use crate::model::Corpus;
use crate::model::load::Depth;
use crate::model::store::LazyStore;
use crate::model::store::codec::{DecodeError, Reader, Writer};
use crate::model::store::snapshot;
use rayon::prelude::*;
use std::path::PathBuf;

/// The snapshot's kind.
const KIND: &str = "list";

/// Rows written on one line, and where each lies in it.
type Written = (Vec<u8>, Vec<(usize, usize)>);

/// Rows worked out and written by one task.
const ROWS_PER_TASK: usize = 1024;

/// The list of a set of files, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The rows as `list --json` prints them: a JSON array on one line.
    json: String,
    /// Where each row lies in `json`.
    bounds: Vec<(usize, usize)>,
    /// How many rows, how many with a symbol.
    summary: ListSummary,
    /// What was said on stderr of the files read (not of the walk).
    said: Vec<String>,
}

impl Listed {
    /// The list of `corpus`, whose reading said `said`: its rows worked
    /// out and written in parallel, in list order.
    pub fn of(corpus: &Corpus, said: Vec<String>) -> Result<Listed, Failure> {
        let summary = corpus
            .list_summary()
            .map_err(super::documents::source_failure)?;
        // Each chunk's rows written on its own, then put end to end.
        let chunks: Vec<Written> = corpus
            .listed()
            .par_chunks(ROWS_PER_TASK)
            .map(|chunk| {
                let mut json = Vec::with_capacity(chunk.len() * 640);
                let mut bounds = Vec::with_capacity(chunk.len());
                for row in chunk.iter().filter_map(|&i| DocumentRow::of(corpus, i)) {
                    if !bounds.is_empty() {
                        json.push(b',');
                    }
                    let start = json.len();
                    // Writing to memory fails only on a value serde cannot
                    // write, which a row never holds.
                    if crate::cli::json::write(&mut json, &row, false).is_err() {
                        json.truncate(start);
                        json.extend_from_slice(b"null");
                    }
                    bounds.push((start, json.len()));
                }
                (json, bounds)
            })
            .collect();
        let total: usize = chunks.iter().map(|(j, _)| j.len() + 1).sum();
        let mut json = Vec::with_capacity(total + 2);
        let mut bounds = Vec::with_capacity(summary.rows);
        json.push(b'[');
        for (part, part_bounds) in chunks.into_iter().filter(|(_, b)| !b.is_empty()) {
            if !bounds.is_empty() {
                json.push(b',');
            }
            let at = json.len();
            bounds.extend(part_bounds.into_iter().map(|(a, b)| (a + at, b + at)));
            json.extend_from_slice(&part);
        }
        json.push(b']');
        Ok(Listed {
            json: String::from_utf8(json).map_err(|e| Failure::Other(e.into()))?,
            bounds,
            summary,
            said,
        })
    }

    /// The rows, read back.
    pub fn rows(&self) -> Vec<DocumentRow> {
        self.bounds
            .iter()
            .filter_map(|&(a, b)| self.json.get(a..b).and_then(from_stored))
            .collect()
    }

    /// Prints the list, and says what was said of the files.
    pub fn print(&self, out: &mut Out) -> Result<(), Failure> {
        for line in &self.said {
            warn(line);
        }
        if out.is_compact_json() {
            return out.json_text(&self.json);
        }
        print_list(&self.summary, &self.rows(), out)
    }

    /// The bytes kept in the snapshot.
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.str(&self.json);
        w.seq(&self.bounds, |w, &(a, b)| {
            w.usize(a);
            w.usize(b);
        });
        w.usize(self.summary.rows);
        w.usize(self.summary.with_symbol);
        w.seq(&self.said, |w, s| w.str(s));
        w.bytes
    }

    /// The list kept in `bytes`, checked: every row within the JSON.
    pub fn decode(bytes: &[u8]) -> Result<Listed, DecodeError> {
        let mut r = Reader::new(bytes);
        let json = r.string()?;
        let bounds = r.seq(|r| Ok((r.usize()?, r.usize()?)))?;
        let summary = ListSummary {
            rows: r.usize()?,
            with_symbol: r.usize()?,
        };
        let said = r.seq(Reader::string)?;
        r.finish()?;
        let inside = |&(a, b): &(usize, usize)| a <= b && json.get(a..b).is_some();
        if !bounds.iter().all(inside) || bounds.len() != summary.rows {
            return Err(DecodeError::Invalid("row bounds"));
        }
        Ok(Listed {
            json,
            bounds,
            summary,
            said,
        })
    }
}

/// `dossier list PATHS` (PATHS not empty): from the snapshot when it is
/// still right, else from the documents' listings.
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
    let fingerprint = store
        .get()
        .and_then(|s| s.fingerprint(&walked.files, &walked.stats));
    let kept = fingerprint
        .and_then(|fp| store.get()?.snapshot(KIND, &slot, fp))
        .and_then(|payload| Listed::decode(payload.bytes()).ok());
    if let Some(listed) = kept {
        progress.finish();
        if let Some(store) = store.opened() {
            store.finish_unchanged();
        }
        index.report(store.opened());
        report_problems(&walked.problems);
        return listed.print(out);
    }
    let mut docs = Vec::new();
    let scanned = scan_walked(
        paths,
        &walked,
        Depth::Listing,
        &store,
        &progress,
        &|doc| doc,
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
    let corpus = Corpus::new(docs, scanned.problems);
    let listed = Listed::of(&corpus, said)?;
    listed.print(out)?;
    // Kept only when every file is now known unchanged as the walk saw it:
    // none changed while it was read.
    if let Some(store) = store.opened().filter(|s| s.is_writable()) {
        if let Some(fp) = store.fingerprint_on_disk(&walked.files, &walked.stats) {
            store.keep_snapshot(KIND, &slot, fp, &listed.encode());
        }
    }
    // Left to the process's end rather than freed document by document.
    Box::new(corpus).close();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Listed {
        Listed::of(&crate::model::load_bundled(), vec!["a said line".into()]).expect("listed")
    }

    #[test]
    fn the_kept_rows_are_the_rows_and_their_json_the_printed_json() {
        let corpus = crate::model::load_bundled();
        let listed = bundled();
        let rows = crate::corpus::list_all(&corpus, 2).expect("rows");
        assert_eq!(listed.rows(), rows);
        let mut printed = Vec::new();
        crate::cli::json::write(&mut printed, &rows, false).expect("json");
        assert_eq!(listed.json.as_bytes(), printed.as_slice());
    }

    #[test]
    fn a_listing_reads_back_as_kept() {
        let listed = bundled();
        assert_eq!(Listed::decode(&listed.encode()), Ok(listed));
    }

    #[test]
    fn damaged_bytes_are_refused_never_a_panic() {
        let bytes = bundled().encode();
        for cut in 0..bytes.len() {
            assert!(Listed::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        // Bounds outside the JSON.
        let mut listed = bundled();
        listed.bounds[0] = (0, listed.json.len() + 1);
        assert!(Listed::decode(&listed.encode()).is_err());
    }
}
