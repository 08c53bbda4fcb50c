//! The persistent index: what parsing each file produced, kept on disk so
//! that a corpus opened again is read from it instead of parsed (and its
//! PDFs extracted) again.
//!
//! An index directory holds a [`manifest`] (path → stat, content key,
//! record), [`pack`] files of records (each an [`entry`]: a parsed document
//! or a deterministic reason to skip the file) and a `lock` file. An
//! unchanged file (same size, modification time and inode) is served from
//! its record without being read; a file whose stat changed is read and
//! hashed ([`key::content_key`]), and served from any record of the same
//! content (a renamed or touched file) before it is parsed. What is parsed
//! is added in batches: a new pack file, then a new manifest, each written
//! whole and renamed into place under the writers' [`lock`], so a process
//! killed at any moment leaves the previous index intact. A damaged record
//! or manifest is detected by its checksum, reported, and rebuilt.
//!
//! The index is a cache beneath the corpus: [`Corpus`](crate::model::Corpus)
//! is built from its documents exactly as from freshly parsed ones.

pub mod codec;
pub mod entry;
pub mod fulltext;
pub mod key;
pub mod lock;
pub mod manifest;
pub mod pack;
mod serve;
pub mod snapshot;
mod write;

pub use entry::{Entry, SkipKind};
pub use key::{FileStat, VERSION_ENV, content_key, version_key};
pub use serve::{load_file_indexed, refresh_file_indexed};

use manifest::{FileEntry, Manifest};
use pack::{Location, RecordError};
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use thiserror::Error;

/// The environment variable naming the index directory.
pub const INDEX_ENV: &str = "DOSSIER_INDEX";

/// Why an index could not be opened.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The directory could not be created or read.
    #[error("cannot use the index directory {}: {source}", dir.display())]
    Dir {
        /// The directory.
        dir: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The index directory used when none is named: `$XDG_CACHE_HOME/dossier/index`,
/// else `~/.cache/dossier/index`.
pub fn default_dir() -> Option<PathBuf> {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
                .map(|h| h.join(".cache"))
        })?;
    Some(cache.join("dossier").join("index"))
}

/// What happened to the files of a load, for `dossier index`.
#[derive(Debug, Default)]
pub struct Counters {
    /// Files served from the index without being parsed, unchanged.
    pub unchanged: AtomicUsize,
    /// Files the index knew by path whose content changed.
    pub changed: AtomicUsize,
    /// Files the index did not know by path.
    pub new: AtomicUsize,
    /// Of the changed and new files, those served from a record of the same
    /// content (renamed, copied, touched) instead of being parsed.
    pub reused: AtomicUsize,
    /// Files parsed.
    pub parsed: AtomicUsize,
    /// Printed pages of the files parsed (a PDF's pages extracted).
    pub pages: AtomicUsize,
    /// Files the index knew under the paths read that are gone.
    pub removed: AtomicUsize,
}

/// A summary of [`Counters`], read once loading is over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// See [`Counters::unchanged`].
    pub unchanged: usize,
    /// See [`Counters::changed`].
    pub changed: usize,
    /// See [`Counters::new`].
    pub new: usize,
    /// See [`Counters::reused`].
    pub reused: usize,
    /// See [`Counters::parsed`].
    pub parsed: usize,
    /// See [`Counters::pages`].
    pub pages: usize,
    /// See [`Counters::removed`].
    pub removed: usize,
}

/// An open index.
pub struct Store {
    dir: PathBuf,
    writable: bool,
    version: String,
    manifest: Manifest,
    by_key: HashMap<u128, Location>,
    packs: HashMap<u64, (File, u64)>,
    bad: Mutex<HashSet<Location>>,
    pending: Mutex<write::Pending>,
    warnings: Mutex<Vec<String>>,
    /// The manifest this process last wrote (`None`: the one opened is
    /// current), kept so that what follows a write need not read it again.
    written: Mutex<Option<std::sync::Arc<Manifest>>>,
    /// What happened to the files loaded through this index.
    pub counters: Counters,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .field("writable", &self.writable)
            .field("files", &self.manifest.files.len())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating it when missing) the index in `dir`. A directory
    /// that cannot be written is opened read-only: what it holds is served,
    /// nothing is added. A damaged manifest is reported (see
    /// [`Store::take_warnings`]) and the index starts empty.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let dir_error = |source| StoreError::Dir {
            dir: dir.to_path_buf(),
            source,
        };
        if !dir.is_dir() {
            std::fs::create_dir_all(dir).map_err(dir_error)?;
        }
        let writable = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(dir.join("lock"))
            .is_ok()
            && probe_writable(dir);
        let version = version_key();
        let mut warnings = Vec::new();
        let manifest = match Manifest::read(dir) {
            Ok(m) if m.version == version => m,
            // Made by another parser: none of it is used.
            Ok(_) => Manifest::default(),
            Err(manifest::ManifestError::Corrupt(why)) => {
                warnings.push(format!(
                    "index: the manifest in {} is damaged ({why}); every file is read again{}",
                    dir.display(),
                    if writable {
                        " and the index rebuilt"
                    } else {
                        ""
                    }
                ));
                Manifest::default()
            }
            Err(manifest::ManifestError::Io(e)) => return Err(dir_error(e)),
        };
        let mut packs = HashMap::new();
        for id in manifest.packs() {
            match pack::open(dir, id) {
                Ok(p) => {
                    packs.insert(id, p);
                }
                // Replaced meanwhile by another writer, or damaged: its
                // files are read again, reported when one is asked for.
                Err(_) => continue,
            }
        }
        let by_key = manifest.files.values().map(|e| (e.key, e.at)).collect();
        Ok(Store {
            dir: dir.to_path_buf(),
            writable,
            version,
            manifest,
            by_key,
            packs,
            bad: Mutex::new(HashSet::new()),
            pending: Mutex::new(write::Pending::new()),
            warnings: Mutex::new(warnings),
            written: Mutex::new(None),
            counters: Counters::default(),
        })
    }

    /// Where the index lives.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// True when entries can be added.
    pub fn is_writable(&self) -> bool {
        self.writable
    }

    /// The number of files the index knows (as opened).
    pub fn len(&self) -> usize {
        self.manifest.files.len()
    }

    /// True when the index knows no file.
    pub fn is_empty(&self) -> bool {
        self.manifest.files.is_empty()
    }

    /// The manifest this process last wrote, when it wrote one.
    fn written(&self) -> Option<std::sync::Arc<Manifest>> {
        self.written.lock().ok().and_then(|w| w.clone())
    }

    /// What the index knows of the file at absolute path `path`.
    fn known(&self, path: &Path) -> Option<&FileEntry> {
        self.manifest.files.get(path.as_os_str())
    }

    /// The record of content `key`, if the index holds one.
    fn by_content(&self, key: u128) -> Option<Location> {
        self.by_key.get(&key).copied()
    }

    /// The entry at `at`, or `None` when its record is damaged or gone (a
    /// damaged one is reported once, naming `path`).
    fn read(&self, at: Location, path: &Path) -> Option<Entry> {
        self.read_with(at, path, |file, size, buf| {
            pack::read_into(file, size, at, buf)?;
            Ok(entry::decode(&buf[pack::PAYLOAD..]))
        })
    }

    /// The entry at `at` with, for a document, its head only (the body is
    /// neither read from disk nor decoded): `None` as for [`Store::read`].
    fn read_head(&self, at: Location, path: &Path, references: bool) -> Option<Entry> {
        // Most heads fit in one read of this many bytes, most listings in
        // one of the smaller.
        let first_read: usize = if references { 8 << 10 } else { 1 << 10 };
        self.read_with(at, path, |file, size, buf| {
            pack::read_prefix_into(file, size, at, first_read, buf)?;
            let prefix = &buf[pack::PAYLOAD..];
            let extent = if references {
                entry::head_extent(prefix)
            } else {
                entry::listing_extent(prefix)
            };
            let extent = match extent {
                Ok(Some(extent)) => extent,
                // A skip: small, read and checked whole.
                Ok(None) => {
                    pack::read_into(file, size, at, buf)?;
                    return Ok(entry::decode(&buf[pack::PAYLOAD..]));
                }
                Err(e) => return Ok(Err(e)),
            };
            if extent > at.len as usize {
                return Ok(Err(codec::DecodeError::Truncated));
            }
            if buf.len() < pack::PAYLOAD + extent {
                pack::read_prefix_into(file, size, at, extent, buf)?;
            }
            let head = &buf[pack::PAYLOAD..pack::PAYLOAD + extent];
            let doc = if references {
                entry::decode_head(head)
            } else {
                entry::decode_listing(head)
            };
            Ok(doc.map(|doc| Entry::Document(Box::new(doc))))
        })
    }

    /// What `decode` makes of the record at `at` read into this thread's
    /// buffer, or `None` when the record is damaged (reported once, naming
    /// `path`) or gone.
    fn read_with(
        &self,
        at: Location,
        path: &Path,
        decode: impl FnOnce(
            &File,
            u64,
            &mut Vec<u8>,
        ) -> Result<Result<Entry, codec::DecodeError>, RecordError>,
    ) -> Option<Entry> {
        if self.bad.lock().is_ok_and(|b| b.contains(&at)) {
            return None;
        }
        thread_local! {
            /// Each thread's buffer for records, reused from one to the next.
            static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let result = BUF.with(|buf| {
            let mut buf = buf.borrow_mut();
            let decoded = match self.packs.get(&at.pack) {
                None => Err(RecordError::Missing),
                Some((file, size)) => decode(file, *size, &mut buf),
            };
            // A very large record is not kept for the next one.
            if buf.capacity() > 8 << 20 {
                *buf = Vec::new();
            }
            decoded
        });
        let why = match result {
            Ok(Ok(entry)) => return Some(entry),
            Ok(Err(e)) => e.to_string(),
            // A pack replaced by a compaction since the manifest was read:
            // nothing is damaged, the file is read again.
            Err(RecordError::Missing) => return None,
            Err(e) => e.to_string(),
        };
        if let Ok(mut bad) = self.bad.lock() {
            bad.insert(at);
        }
        self.warn(format!(
            "index: the entry for {} is damaged ({why}); the file is read again{}",
            path.display(),
            if self.writable {
                " and its entry rebuilt"
            } else {
                ""
            }
        ));
        None
    }

    fn warn(&self, message: String) {
        if let Ok(mut w) = self.warnings.lock() {
            w.push(message);
        }
    }

    /// Problems met with the index itself (a damaged entry, a failed
    /// write), one line each, since the last call.
    pub fn take_warnings(&self) -> Vec<String> {
        self.warnings
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default()
    }

    /// The counters as they stand.
    pub fn summary(&self) -> Summary {
        let c = &self.counters;
        Summary {
            unchanged: c.unchanged.load(Ordering::Relaxed),
            changed: c.changed.load(Ordering::Relaxed),
            new: c.new.load(Ordering::Relaxed),
            reused: c.reused.load(Ordering::Relaxed),
            parsed: c.parsed.load(Ordering::Relaxed),
            pages: c.pages.load(Ordering::Relaxed),
            removed: c.removed.load(Ordering::Relaxed),
        }
    }

    /// Ends a load of the files under `roots`: stores what is still
    /// pending, and forgets the files under `roots` the index knew that are
    /// not among `found` (deleted, renamed, or no longer readable).
    pub fn finish(&self, roots: &[PathBuf], found: &[PathBuf]) {
        let roots: Vec<PathBuf> = roots.iter().map(|r| absolute(r)).collect();
        let found: HashSet<OsString> = found.iter().map(|f| absolute(f).into_os_string()).collect();
        let gone: Vec<OsString> = self
            .manifest
            .files
            .keys()
            .filter(|p| !found.contains(*p) && roots.iter().any(|r| Path::new(p).starts_with(r)))
            .cloned()
            .collect();
        self.counters.removed.store(gone.len(), Ordering::Relaxed);
        let batch = match self.pending.lock() {
            Ok(mut p) => p.take(),
            Err(_) => return,
        };
        self.write(batch, gone);
        self.update_fulltext();
    }

    /// Ends a load whose work was served from a snapshot, which read only
    /// the files it had to (none, or those it mended): what they left
    /// pending is stored, no file is forgotten, and the full-text index is
    /// brought up to date as by [`Store::finish`] (a damaged segment
    /// rebuilt), once.
    pub fn finish_unchanged(&self) {
        let batch = match self.pending.lock() {
            Ok(mut p) => p.take(),
            Err(_) => return,
        };
        self.write(batch, Vec::new());
        self.update_fulltext();
    }

    /// Stores what is pending (records rebuilt while bodies were read),
    /// forgetting no file; nothing at all, not even a look at the full-text
    /// index, when nothing is pending (a command reading the bodies of
    /// thousands of documents calls it after each).
    pub fn flush(&self) {
        let batch = match self.pending.lock() {
            Ok(mut p) if !p.is_empty() => p.take(),
            _ => return,
        };
        self.write(batch, Vec::new());
        self.update_fulltext();
    }

    /// How the index stands on disk, for `dossier index --status`.
    pub fn status(&self) -> Status {
        let mut pack_bytes = 0;
        let mut pack_count = 0;
        let mut other_bytes = 0;
        if let Ok(list) = std::fs::read_dir(&self.dir) {
            for e in list.flatten() {
                // The full-text index and the snapshots: their files' sizes.
                let size = if e.file_type().is_ok_and(|t| t.is_dir()) {
                    std::fs::read_dir(e.path())
                        .map(|l| {
                            l.flatten()
                                .filter_map(|f| f.metadata().ok())
                                .map(|m| m.len())
                                .sum()
                        })
                        .unwrap_or(0)
                } else {
                    e.metadata().map(|m| m.len()).unwrap_or(0)
                };
                if e.file_name().to_str().and_then(pack::id_of).is_some() {
                    pack_bytes += size;
                    pack_count += 1;
                } else {
                    other_bytes += size;
                }
            }
        }
        let on_disk = Manifest::read(&self.dir).ok();
        Status {
            dir: self.dir.clone(),
            writable: self.writable,
            files: self.manifest.files.len(),
            records: self.by_key.len(),
            packs: pack_count,
            bytes: pack_bytes + other_bytes,
            version: self.version.clone(),
            other_version: on_disk
                .map(|m| m.version)
                .filter(|v| *v != self.version && !v.is_empty()),
        }
    }
}

/// An index opened the first time a file needs it: reading lines only
/// (`grep`) over text files never needs one, and its manifest is not read.
pub struct LazyStore<'a> {
    cell: std::sync::OnceLock<Option<Store>>,
    open: &'a (dyn Fn() -> Option<Store> + Sync),
}

impl<'a> LazyStore<'a> {
    /// An index `open` opens when first needed (`None`: no index).
    pub fn new(open: &'a (dyn Fn() -> Option<Store> + Sync)) -> Self {
        LazyStore {
            cell: std::sync::OnceLock::new(),
            open,
        }
    }

    /// An index already opened (or none).
    pub fn ready(store: Option<Store>) -> LazyStore<'static> {
        fn none() -> Option<Store> {
            None
        }
        let cell = std::sync::OnceLock::new();
        let _ = cell.set(store);
        LazyStore { cell, open: &none }
    }

    /// The index, opened now if it was not yet.
    pub fn get(&self) -> Option<&Store> {
        self.cell.get_or_init(|| (self.open)()).as_ref()
    }

    /// The index if it was opened.
    pub fn opened(&self) -> Option<&Store> {
        self.cell.get().and_then(Option::as_ref)
    }
}

/// What `dossier index --status` reports.
#[derive(Debug, Clone)]
pub struct Status {
    /// Where the index lives.
    pub dir: PathBuf,
    /// True when this process may write to it.
    pub writable: bool,
    /// Files indexed (by this parser).
    pub files: usize,
    /// Distinct records (files of the same content share one).
    pub records: usize,
    /// Pack files on disk.
    pub packs: usize,
    /// Bytes of the whole directory.
    pub bytes: u64,
    /// This parser's version key.
    pub version: String,
    /// The version key of the index on disk, when another parser made it.
    pub other_version: Option<String>,
}

/// `path` made absolute (against the current directory; symbolic links are
/// kept, as the walk reached the file through them).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// True when a file can be created in `dir` (a read-only directory, or a
/// read-only file system, says no even to root).
fn probe_writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".probe-{:016x}", pack::fresh_id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

/// The time the batching in [`write`] measures from.
fn now() -> Instant {
    Instant::now()
}
