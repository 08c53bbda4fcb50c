//! `dossier grep` through the full-text index: the words a pattern requires
//! pick the documents that may match; only those (and the files the index
//! cannot vouch for: new, changed, unindexed) are read and matched as by
//! the scan, so the output is the scan's. Used only when it can help: the
//! pattern requires some word, an index with a full-text part exists, and
//! it rules out at least half of the documents.

use crate::cli::grep::{Matcher, Printer, doc_hits};
use crate::cli::load::{self, Progress};
use crate::cli::output::{Failure, Out, warn};
use crate::model::decode::Caveat;
use crate::model::load::{Depth, discover_stated};
use crate::model::store::fulltext::select::{must_read, scan_selected};
use crate::model::store::fulltext::{FullText, Need, damaged, discard, need_of};
use crate::model::store::version_key;
use crate::model::{Document, LoadEvent};
use crate::sanitize::inert_line;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Greps `paths` (non-empty) with `matcher` (the regex compiled from
/// `pattern` with `ignore_case`) through the index, printing with `printer`. `Ok(false)`:
/// the index cannot help (nothing printed, nothing said); scan instead.
pub fn grep(
    paths: &[PathBuf],
    pattern: &str,
    ignore_case: bool,
    matcher: &Matcher,
    printer: &mut Printer,
    out: &mut Out,
) -> Result<bool, Failure> {
    let need = need_of(pattern, ignore_case);
    if need == Need::Any {
        return Ok(false);
    }
    // Without a full-text index, the index is not even opened (opening
    // creates it); one that cannot be opened is the scan's to report.
    let choice = load::index_choice();
    let Some(dir) = choice.dir() else {
        return Ok(false);
    };
    let ft = FullText::open(&dir, &version_key());
    for w in &ft.warnings {
        warn(&inert_line(w));
    }
    if ft.is_empty() {
        return Ok(false);
    }
    let chosen = match ft.select(&need) {
        Ok(c) => c,
        Err((path, e)) => {
            // Removed when it may be: the next load indexes its records again.
            let gone = discard(&path);
            warn(&inert_line(&format!(
                "{}{}",
                damaged(&path, &e),
                if gone {
                    " (removed: the next load rebuilds it)"
                } else {
                    ""
                }
            )));
            return Ok(false);
        }
    };
    // When most documents may match, checking each file against the index
    // costs more than it saves, and the scan's first lines come sooner.
    let candidates = chosen.values().filter(|c| **c).count();
    if candidates * 2 > chosen.len() {
        return Ok(false);
    }
    let Ok(Some(store)) = choice.open_quietly() else {
        return Ok(false);
    };
    let progress = Progress::new(true);
    let (files, stats, mut problems) =
        discover_stated(paths, &|p| progress.on_event(LoadEvent::Walking(p)));
    // No bar: only the walk's line, cleared.
    progress.on_event(LoadEvent::Found { files: 0 });
    let read = |path: &Path, stat| must_read(&store, &chosen, path, stat);
    let caveats: Mutex<Vec<(PathBuf, Vec<Caveat>)>> = Mutex::new(Vec::new());
    let visit = |doc: Document| {
        if !doc.caveats.is_empty() {
            if let Ok(mut c) = caveats.lock() {
                c.push((doc.path.clone(), doc.caveats.clone()));
            }
        }
        doc_hits(&doc, matcher)
    };
    let mut visited = 0;
    let mut failed = None;
    let (met, skipped) = scan_selected(
        &files,
        &stats,
        &read,
        Depth::TextOnly,
        &store,
        &visit,
        &mut |hits| {
            visited += 1;
            match printer.doc(&hits, out) {
                Ok(()) => true,
                Err(e) => {
                    failed = Some(e);
                    false
                }
            }
        },
    );
    problems.extend(met);
    visited += skipped;
    load::report_index_warnings(&store);
    load::scan_ended(failed, &problems, caveats, visited)?;
    Ok(true)
}
