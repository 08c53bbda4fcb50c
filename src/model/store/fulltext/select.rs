//! Reading only the files that may match: a file whose stat the store
//! trusts, and whose record the full-text index says cannot hold what the
//! pattern needs, is not read; every other file is (new, changed, skipped
//! or unindexed files, and the candidates).

use super::{FullText, Need, segment::SegmentError};
use crate::model::Document;
use crate::model::load::{Depth, LoadProblem, load_one, unique_ids};
use crate::model::store::{FileStat, Store, absolute};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

/// For each of `files`, whether it must be read for a pattern needing `need`.
pub fn files_to_read(
    store: &Store,
    ft: &FullText,
    need: &Need,
    files: &[PathBuf],
) -> Result<Vec<bool>, (PathBuf, SegmentError)> {
    let chosen = ft.select(need)?;
    Ok(files
        .par_iter()
        .map(|path| {
            let Some(k) = store.known(&absolute(path)).filter(|k| !k.verify) else {
                return true;
            };
            let same = std::fs::metadata(path).is_ok_and(|m| FileStat::of(&m) == k.stat);
            !same || chosen.get(&k.key).copied().unwrap_or(true)
        })
        .collect())
}

/// Reads the files of `files` that `read` marks to `depth` (through `store`
/// for the formats it serves), in parallel, handing what `visit` made of
/// each to `each` in the order of `files`, each document with the id a load
/// of all `files` gives it. `each` returning false stops the reading.
/// Returns the problems met, in order.
pub fn scan_selected<T: Send>(
    files: &[PathBuf],
    read: &[bool],
    depth: Depth,
    store: &Store,
    visit: &(dyn Fn(Document) -> T + Sync),
    each: &mut dyn FnMut(T) -> bool,
) -> Vec<LoadProblem> {
    let chosen: Vec<(usize, (&PathBuf, String))> = files
        .iter()
        .zip(unique_ids(files))
        .zip(read)
        .filter(|(_, r)| **r)
        .map(|(f, _)| f)
        .enumerate()
        .collect();
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Result<T, LoadProblem>)>();
    let mut problems = Vec::new();
    std::thread::scope(|scope| {
        let (chosen, stop) = (&chosen, &stop);
        scope.spawn(move || {
            chosen.par_iter().for_each_with(tx, |tx, (i, (path, id))| {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let result = load_one(path, depth, Some(store)).map(|mut doc| {
                    doc.id = id.clone();
                    visit(doc)
                });
                let _ = tx.send((*i, result));
            });
        });
        let mut ready = BTreeMap::new();
        let mut next = 0;
        for (i, result) in rx {
            ready.insert(i, result);
            while let Some(result) = ready.remove(&next) {
                next += 1;
                match result {
                    Ok(v) => {
                        if !stop.load(Ordering::Relaxed) && !each(v) {
                            stop.store(true, Ordering::Relaxed);
                        }
                    }
                    Err(p) => problems.push(p),
                }
            }
        }
    });
    problems
}
