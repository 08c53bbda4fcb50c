//! Keeping the full-text index up with the store: at the end of a load,
//! the records no segment knows are read and indexed into a new segment;
//! the segments are merged into one when they are many or mostly hold
//! records the store no longer has; damaged segments are removed (their
//! records are then indexed again). All under the store's writers' lock.

use super::segment::{self, Builder, Segment};
use super::{DIR_NAME, FullText, damaged, segment_files, tokens};
use crate::model::store::Store;
use crate::model::store::entry::{self, Entry};
use crate::model::store::lock::WriteLock;
use crate::model::store::manifest::Manifest;
use crate::model::store::pack::{self, Location};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Duration;

/// Segments are merged into one beyond this many.
const MAX_SEGMENTS: usize = 8;
/// Documents longer than this (bytes of text) are left to the scan: one
/// huge file would hold up the end of a load, and is scanned fast anyway.
const MAX_INDEXED_TEXT: usize = 8 << 20;
/// How long the update waits for another writer.
const LOCK_PATIENCE: Duration = Duration::from_secs(30);

/// What an update has to do.
struct Plan {
    /// Records to index: content key and where the record is.
    missing: Vec<(u128, Location)>,
    /// Merge every segment into one (dropping records the store lost).
    merge: bool,
    /// Segment files to remove: damaged, or made by another parser.
    remove: Vec<PathBuf>,
}

impl Store {
    /// The full-text index of this store, as it is on disk now.
    pub fn fulltext(&self) -> FullText {
        FullText::open(&self.dir, &self.version)
    }

    /// Brings the full-text index up to date with the store's records (as
    /// this process last wrote its manifest, else as it was opened).
    /// Failures are warnings: the index is a cache.
    pub(in crate::model::store) fn update_fulltext(&self) {
        if !self.writable {
            return;
        }
        let written = self.written();
        let manifest = written.as_deref().unwrap_or(&self.manifest);
        if self.plan(manifest, true).is_none() {
            return;
        }
        if let Err(e) = self.try_update(manifest) {
            self.warn(format!(
                "index: could not update the full-text index in {} ({e}); grep scans meanwhile",
                self.dir.display()
            ));
        }
    }

    /// What is to be done for `manifest`, `None` when nothing; damaged
    /// segments are reported when `report`.
    fn plan(&self, manifest: &Manifest, report: bool) -> Option<Plan> {
        let dir = self.dir.join(DIR_NAME);
        let mut remove = Vec::new();
        let mut segments = Vec::new();
        for path in segment_files(&dir) {
            match Segment::open(&path) {
                Ok(s) if s.version == self.version => segments.push(s),
                Ok(_) => remove.push(path),
                Err(segment::SegmentError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    if report {
                        self.warn(damaged(&path, &e));
                    }
                    remove.push(path);
                }
            }
        }
        let live: HashMap<u128, Location> =
            manifest.files.values().map(|e| (e.key, e.at)).collect();
        let known: HashSet<u128> = segments
            .iter()
            .flat_map(|s| s.keys.iter().map(|k| k.0))
            .collect();
        let missing: Vec<(u128, Location)> = live
            .iter()
            .filter(|(k, _)| !known.contains(*k))
            .map(|(k, at)| (*k, *at))
            .collect();
        let dead = known.iter().filter(|k| !live.contains_key(*k)).count();
        let merge = segments.len() + usize::from(!missing.is_empty()) > MAX_SEGMENTS
            || (dead > 0 && dead * 2 > known.len());
        (merge || !missing.is_empty() || !remove.is_empty()).then_some(Plan {
            missing,
            merge,
            remove,
        })
    }

    fn try_update(&self, manifest: &Manifest) -> std::io::Result<()> {
        let Some(_lock) = WriteLock::acquire(&self.dir, LOCK_PATIENCE)? else {
            return Ok(());
        };
        // Planned again under the lock: another writer may have done it.
        let Some(plan) = self.plan(manifest, false) else {
            return Ok(());
        };
        let dir = self.dir.join(DIR_NAME);
        std::fs::create_dir_all(&dir)?;
        for path in &plan.remove {
            let _ = std::fs::remove_file(path);
        }
        let mut built = self.index_records(&plan.missing);
        let old = segment_files(&dir);
        if plan.merge {
            let live: HashSet<u128> = manifest.files.values().map(|e| e.key).collect();
            let mut merged = Builder::default();
            for path in &old {
                match Segment::open(path).and_then(Segment::into_builder) {
                    Ok(b) => merged.append(b.retain(|k| live.contains(&k))),
                    // Left out: its records are indexed again next time.
                    Err(e) => self.warn(damaged(path, &e)),
                }
            }
            merged.append(built);
            built = merged;
        }
        if !built.is_empty() {
            built.write(&dir, &self.version)?;
        }
        if plan.merge {
            for path in &old {
                let _ = std::fs::remove_file(path);
            }
        }
        remove_temporary(&dir);
        super::super::manifest::sync_dir(&dir);
        Ok(())
    }

    /// A segment of the records at `missing`, read in parallel: documents
    /// are indexed; skipped files, documents read with caveats (whose
    /// reading `grep` must report) and huge documents are recorded as left
    /// to the scan;
    /// unreadable records are left out.
    fn index_records(&self, missing: &[(u128, Location)]) -> Builder {
        let packs: HashMap<u64, (std::fs::File, u64)> = missing
            .iter()
            .map(|(_, at)| at.pack)
            .collect::<HashSet<u64>>()
            .into_iter()
            .filter_map(|id| pack::open(&self.dir, id).ok().map(|p| (id, p)))
            .collect();
        missing
            .par_chunks(256)
            .map(|chunk| {
                let mut b = Builder::default();
                for &(key, at) in chunk {
                    let Some((file, size)) = packs.get(&at.pack) else {
                        continue;
                    };
                    let Ok(bytes) = pack::read(file, *size, at) else {
                        continue;
                    };
                    match entry::decode(&bytes) {
                        Ok(Entry::Document(doc))
                            if doc.caveats.is_empty() && doc.text.len() <= MAX_INDEXED_TEXT =>
                        {
                            b.add(key, Some(tokens::terms(&doc.text)));
                        }
                        Ok(_) => b.add(key, None),
                        Err(_) => {}
                    }
                }
                b
            })
            .reduce(Builder::default, |mut a, b| {
                a.append(b);
                a
            })
    }
}

/// Removes segment files left half-written by a killed writer.
fn remove_temporary(dir: &std::path::Path) {
    let Ok(list) = std::fs::read_dir(dir) else {
        return;
    };
    for e in list.flatten() {
        if e.file_name()
            .to_str()
            .is_some_and(|n| n.ends_with(".seg.tmp"))
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
