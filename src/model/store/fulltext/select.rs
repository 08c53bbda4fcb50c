//! Reading only the files that may match: a file whose stat the store
//! trusts, and whose record the full-text index says cannot hold what the
//! pattern needs, is not read; every other file is (new, changed, skipped
//! or unindexed files, and the candidates).

use crate::model::Document;
use crate::model::load::{Depth, LoadProblem, load_one, unique_ids};
use crate::model::ordered::for_each_ordered;
use crate::model::store::{FileStat, Store, absolute};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Whether the file at `path` (of stat `walked`, as the walk took it) must
/// be read, `chosen` being what [`FullText::select`](super::FullText::select)
/// said of each record: unless the store trusts its stat and the index
/// rules its record out.
pub fn must_read(
    store: &Store,
    chosen: &HashMap<u128, bool>,
    path: &Path,
    walked: FileStat,
) -> bool {
    let Some(k) = store.known(&absolute(path)).filter(|k| !k.verify) else {
        return true;
    };
    k.stat != walked || chosen.get(&k.key).copied().unwrap_or(true)
}

/// Reads the files of `files` (of `stats`, as the walk took them) that
/// `read` says must be read to `depth`
/// (through `store` for the formats it serves), in parallel, handing what
/// `visit` made of each to `each` in the order of `files`, as soon as it and
/// those before it are decided, each document with the id a load of all
/// `files` gives it. `each` returning false stops the reading. Returns the
/// problems met, in order, and how many files were not read.
pub fn scan_selected<T: Send>(
    files: &[PathBuf],
    stats: &[FileStat],
    read: &(dyn Fn(&Path, FileStat) -> bool + Sync),
    depth: Depth,
    store: &Store,
    visit: &(dyn Fn(Document) -> T + Sync),
    each: &mut dyn FnMut(T) -> bool,
) -> (Vec<LoadProblem>, usize) {
    let ids = unique_ids(files);
    let mut problems = Vec::new();
    let mut skipped = 0;
    let work = |i: usize, path: &PathBuf| {
        read(path, stats[i]).then(|| {
            load_one(path, depth, Some(store), Some(stats[i])).map(|mut doc| {
                doc.id.clone_from(&ids[i]);
                visit(doc)
            })
        })
    };
    for_each_ordered(files, &work, &mut |result| match result {
        None => {
            skipped += 1;
            true
        }
        Some(Ok(v)) => each(v),
        Some(Err(p)) => {
            problems.push(p);
            true
        }
    });
    (problems, skipped)
}
