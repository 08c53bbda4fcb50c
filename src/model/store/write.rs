//! Adding to an index: entries wait in memory and are written in batches
//! (every [`BATCH_BYTES`] or [`BATCH_TIME`], and at the end of a load), each
//! batch as a new pack file and a new manifest merged, under the writers'
//! lock, with the manifest on disk at that moment (another process may have
//! written since this one opened the index). Packs mostly dead are
//! compacted; files no manifest refers to are removed.

use super::manifest::{FileEntry, Manifest};
use super::pack::{self, Location, PackWriter};
use super::{FileStat, Store, lock::WriteLock, now};
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A batch is written once this many bytes of records wait.
const BATCH_BYTES: usize = 64 << 20;
/// … or once the oldest has waited this long.
const BATCH_TIME: Duration = Duration::from_secs(10);
/// How long a writer waits for another one to finish.
const LOCK_PATIENCE: Duration = Duration::from_secs(30);
/// Packs are compacted when more than half of their bytes are dead and the
/// dead bytes exceed this, or when there are more than [`MAX_PACKS`].
const COMPACT_DEAD_BYTES: u64 = 16 << 20;
const MAX_PACKS: usize = 64;

/// Where a waiting entry's record is.
#[derive(Debug)]
pub(super) enum Record {
    /// To be written: its bytes.
    New(Vec<u8>),
    /// Already in a pack (the same content under another path, or the same
    /// file with a new stat).
    At(Location),
}

/// Entries waiting to be written.
#[derive(Debug)]
pub(super) struct Pending {
    files: HashMap<OsString, (FileStat, u128, bool, Record)>,
    bytes: usize,
    since: Instant,
}

impl Pending {
    pub(super) fn new() -> Pending {
        Pending {
            files: HashMap::new(),
            bytes: 0,
            since: now(),
        }
    }

    /// Everything waiting, leaving nothing.
    pub(super) fn take(&mut self) -> Pending {
        std::mem::replace(self, Pending::new())
    }

    /// True when nothing waits to be written.
    pub(super) fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl Store {
    /// Remembers that the file at absolute `path`, of `stat` and content
    /// `key`, is `record`; written with the next batch. Nothing happens on
    /// a read-only index.
    pub(super) fn put(&self, path: PathBuf, stat: FileStat, key: u128, record: Record) {
        if !self.writable {
            return;
        }
        let verify = stat.is_racy(std::time::SystemTime::now());
        let batch = {
            let Ok(mut pending) = self.pending.lock() else {
                return;
            };
            if pending.files.is_empty() {
                pending.since = now();
            }
            if let Record::New(bytes) = &record {
                pending.bytes += bytes.len();
            }
            pending
                .files
                .insert(path.into_os_string(), (stat, key, verify, record));
            let full = pending.bytes >= BATCH_BYTES || pending.since.elapsed() >= BATCH_TIME;
            full.then(|| pending.take())
        };
        if let Some(batch) = batch {
            self.write(batch, Vec::new());
        }
    }

    /// Writes `batch` and forgets the files `gone`. Failures are reported
    /// as warnings: the index is a cache, loading goes on without it.
    pub(super) fn write(&self, batch: Pending, gone: Vec<OsString>) {
        if !self.writable || (batch.files.is_empty() && gone.is_empty()) {
            return;
        }
        if let Err(e) = self.try_write(batch, &gone) {
            self.warn(format!(
                "index: could not write to {} ({e}); what was read is not kept",
                self.dir.display()
            ));
        }
    }

    fn try_write(&self, batch: Pending, gone: &[OsString]) -> std::io::Result<()> {
        let Some(_lock) = WriteLock::acquire(&self.dir, LOCK_PATIENCE)? else {
            // Another writer kept the lock all that time: these entries
            // will be made again next time.
            return Ok(());
        };
        // The manifest as it is now; one made by another parser, or
        // damaged, is started afresh.
        let mut manifest = match Manifest::read(&self.dir) {
            Ok(m) if m.version == self.version => m,
            _ => Manifest {
                version: self.version.clone(),
                ..Manifest::default()
            },
        };
        let on_disk = packs_on_disk(&self.dir);
        let mut writer = PackWriter::create(&self.dir)?;
        let mut written = HashMap::new();
        for (path, (stat, key, verify, record)) in batch.files {
            let at = match record {
                Record::New(bytes) => match written.get(&key) {
                    Some(&at) => at,
                    None => {
                        let at = writer.append(&bytes)?;
                        written.insert(key, at);
                        at
                    }
                },
                // A record in a pack another writer has since removed
                // cannot be referred to: the file is read again next time.
                Record::At(at) if on_disk.contains(&at.pack) => at,
                Record::At(_) => continue,
            };
            manifest.files.insert(
                path,
                FileEntry {
                    stat,
                    key,
                    verify,
                    at,
                },
            );
        }
        for path in gone {
            manifest.files.remove(path);
        }
        if writer.is_empty() {
            writer.abandon();
        } else {
            writer.finish()?;
        }
        self.compact_if_needed(&mut manifest)?;
        manifest.write(&self.dir)?;
        remove_unreferenced(&self.dir, &manifest.packs());
        if let Ok(mut w) = self.written.lock() {
            *w = Some(std::sync::Arc::new(manifest));
        }
        Ok(())
    }

    /// Rewrites the live records into one pack when the packs are mostly
    /// dead or too many.
    fn compact_if_needed(&self, manifest: &mut Manifest) -> std::io::Result<()> {
        let mut live: HashMap<u64, u64> = HashMap::new();
        let mut seen = HashSet::new();
        for e in manifest.files.values() {
            if seen.insert(e.at) {
                *live.entry(e.at.pack).or_default() += 8 + u64::from(e.at.len);
            }
        }
        let total: u64 = live
            .keys()
            .filter_map(|id| std::fs::metadata(self.dir.join(pack::file_name(*id))).ok())
            .map(|m| m.len())
            .sum();
        let live_bytes: u64 = live.values().sum();
        let dead = total.saturating_sub(live_bytes);
        if !(live.len() > MAX_PACKS || (dead > live_bytes && dead > COMPACT_DEAD_BYTES)) {
            return Ok(());
        }
        let mut writer = PackWriter::create(&self.dir)?;
        let mut moved: HashMap<Location, Location> = HashMap::new();
        let mut opened = HashMap::new();
        let mut unreadable = HashSet::new();
        for e in manifest.files.values() {
            if moved.contains_key(&e.at) || unreadable.contains(&e.at) {
                continue;
            }
            if let std::collections::hash_map::Entry::Vacant(v) = opened.entry(e.at.pack) {
                v.insert(pack::open(&self.dir, e.at.pack).ok());
            }
            let payload = match opened.get(&e.at.pack) {
                Some(Some((file, size))) => pack::read(file, *size, e.at).ok(),
                _ => None,
            };
            match payload {
                Some(bytes) => {
                    moved.insert(e.at, writer.append(&bytes)?);
                }
                None => {
                    unreadable.insert(e.at);
                }
            }
        }
        writer.finish()?;
        // Damaged records are dropped with the compaction: read again next time.
        manifest.files.retain(|_, e| !unreadable.contains(&e.at));
        for e in manifest.files.values_mut() {
            if let Some(&to) = moved.get(&e.at) {
                e.at = to;
            }
        }
        Ok(())
    }
}

/// The ids of the pack files in `dir`.
fn packs_on_disk(dir: &std::path::Path) -> HashSet<u64> {
    std::fs::read_dir(dir)
        .map(|list| {
            list.flatten()
                .filter_map(|e| e.file_name().to_str().and_then(pack::id_of))
                .collect()
        })
        .unwrap_or_default()
}

/// Removes the pack files `keep` does not name and temporary files left by
/// a writer that was killed (the lock is held: no writer is at work).
fn remove_unreferenced(dir: &std::path::Path, keep: &HashSet<u64>) {
    let Ok(list) = std::fs::read_dir(dir) else {
        return;
    };
    for e in list.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let stale = match pack::id_of(name) {
            Some(id) => !keep.contains(&id),
            None => name.starts_with("manifest.tmp-") || name.starts_with(".probe-"),
        };
        if stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
