//! Corpus-level snapshots: what a command made of a whole set of files
//! (the rows of `dossier list`), kept beside the index so that the same
//! command on the same unchanged files reads one file instead of one record
//! per file and the work done over them all.
//!
//! Whether a snapshot is still right for the files is for its maker to
//! say; the index gives what it needs: the content key of each file it
//! knows unchanged ([`known_keys`]: its stat the walk's, nothing to
//! verify), and a hash of a list of paths ([`paths_hash`]). Each snapshot
//! lives in `snapshots/KIND-SLOT`, one slot per set of roots, is served only
//! to the build that made it, is written whole to a temporary file and
//! renamed into place, and is closed by a CRC-32, so a truncated or damaged
//! one (a crash, a disk) is noticed and ignored: it is only a cache, the
//! command then does the work and writes it again. Not synced: a snapshot
//! lost to a power cut costs one slow command.

use super::codec::{Reader, Writer};
use super::key::FileStat;
use super::manifest::FileEntry;
use super::{Store, absolute};
use rayon::prelude::*;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::collections::HashMap;
use std::ffi::OsString;
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The snapshots' directory inside an index directory.
pub const DIR_NAME: &str = "snapshots";
const MAGIC: &[u8; 8] = b"DOSSSN\x00\x01";
/// Slots kept per kind: the least recently written beyond these are removed.
const KEPT: usize = 4;

/// The content key of each of `walked` (with the walk's `stats`) that
/// `files` (absolute path → entry) knows unchanged; `None` for a file
/// unknown, changed, or to be confirmed by its content.
pub fn known_keys(
    files: &HashMap<OsString, FileEntry>,
    walked: &[PathBuf],
    stats: &[FileStat],
) -> Vec<Option<u128>> {
    walked
        .par_iter()
        .zip(stats.par_iter())
        .map(|(path, stat)| {
            // A path walked from an absolute root is most often already
            // spelled as the manifest spells it: made absolute only if not.
            let e = match files.get(path.as_os_str()) {
                Some(e) => e,
                None => files.get(absolute(path).as_os_str())?,
            };
            (!e.verify && e.stat == *stat).then_some(e.key)
        })
        .collect()
}

/// A hash of `paths` in their order: the same list of files, or not.
pub fn paths_hash(paths: &[PathBuf]) -> u128 {
    let mut h = SipHasher13::new_with_keys(0x736e_6170_7368_6f74, 0x6669_6c65_7320_7631);
    h.write_usize(paths.len());
    for path in paths {
        let bytes = path.as_os_str().as_encoded_bytes();
        h.write_usize(bytes.len());
        h.write(bytes);
    }
    h.finish128().as_u128()
}

/// The slot of the roots `roots`: a name for the set of paths a command was
/// given, the same however they are spelled relative to the current
/// directory.
pub fn slot(roots: &[PathBuf]) -> String {
    let mut h = SipHasher13::new_with_keys(1, 2);
    for r in roots {
        let abs = absolute(r);
        let bytes = abs.as_os_str().as_encoded_bytes();
        h.write_usize(bytes.len());
        h.write(bytes);
    }
    format!("{:016x}", h.finish())
}

impl Store {
    /// The content key of each of `walked` the index knew unchanged when it
    /// was opened; see [`known_keys`].
    pub fn known_keys(&self, walked: &[PathBuf], stats: &[FileStat]) -> Vec<Option<u128>> {
        known_keys(&self.manifest.files, walked, stats)
    }

    /// Like [`Store::known_keys`], after this process added what it read
    /// (as it last wrote the manifest).
    pub fn known_keys_now(&self, walked: &[PathBuf], stats: &[FileStat]) -> Vec<Option<u128>> {
        match self.written() {
            Some(m) => known_keys(&m.files, walked, stats),
            None => self.known_keys(walked, stats),
        }
    }

    /// Snapshot `kind` in `slot` if this build made it; `None` when there
    /// is none, one of another build, or a damaged one. Whether it is still
    /// right for the files is its maker's to say.
    pub fn snapshot(&self, kind: &str, slot: &str) -> Option<Payload> {
        let bytes = std::fs::read(self.snapshot_path(kind, slot)).ok()?;
        let start = header(&bytes, &self.snapshot_version())?;
        let end = bytes.len() - 4;
        Some(Payload {
            bytes,
            range: start..end,
        })
    }

    /// Keeps `payload` as snapshot `kind` in `slot`; nothing when the index
    /// is read-only. A failure is not an error (the snapshot is a cache).
    pub fn keep_snapshot(&self, kind: &str, slot: &str, payload: &[u8]) {
        if !self.writable {
            return;
        }
        let dir = self.dir.join(DIR_NAME);
        if std::fs::create_dir_all(&dir).is_err() {
            return;
        }
        let mut w = Writer::default();
        w.bytes.extend_from_slice(MAGIC);
        w.str(&self.snapshot_version());
        w.usize(payload.len());
        let mut bytes = w.bytes;
        bytes.reserve(payload.len() + 4);
        bytes.extend_from_slice(payload);
        let crc = crc32fast::hash(&bytes[MAGIC.len()..]);
        bytes.extend_from_slice(&crc.to_le_bytes());
        let tmp = dir.join(format!(
            ".{kind}-{slot}.tmp-{:016x}",
            super::pack::fresh_id()
        ));
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .and_then(|mut f| f.write_all(&bytes))
            .and_then(|()| std::fs::rename(&tmp, self.snapshot_path(kind, slot)));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
            return;
        }
        prune(&dir, kind);
    }

    fn snapshot_path(&self, kind: &str, slot: &str) -> PathBuf {
        self.dir.join(DIR_NAME).join(format!("{kind}-{slot}"))
    }

    /// What a snapshot must have been made by: this parser, and this
    /// build's code above the model (which makes what is snapshotted).
    fn snapshot_version(&self) -> String {
        format!("{}, rows {}", self.version, env!("DOSSIER_ROWS_HASH"))
    }
}

/// A snapshot read back: its payload, in the bytes of its file.
#[derive(Debug)]
pub struct Payload {
    bytes: Vec<u8>,
    range: std::ops::Range<usize>,
}

impl Payload {
    /// `bytes`, all of them the payload.
    pub fn new(bytes: Vec<u8>) -> Payload {
        let range = 0..bytes.len();
        Payload { bytes, range }
    }

    /// The bytes kept.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes[self.range.clone()]
    }

    /// The bytes read and where the payload lies in them (to keep a part
    /// of it without copying).
    pub fn into_parts(self) -> (Vec<u8>, std::ops::Range<usize>) {
        (self.bytes, self.range)
    }
}

/// Where the payload of snapshot `bytes` starts, when they are whole and
/// of `version`.
fn header(bytes: &[u8], version: &str) -> Option<usize> {
    let body = bytes.strip_prefix(MAGIC)?;
    let (body, crc) = body.split_at_checked(body.len().checked_sub(4)?)?;
    let mut r = Reader::new(body);
    if r.string().ok()? != version {
        return None;
    }
    let len = r.usize().ok()?;
    if r.remaining() != len || crc32fast::hash(body).to_le_bytes() != crc {
        return None;
    }
    Some(bytes.len() - 4 - len)
}

/// Removes the snapshots of `kind` in `dir` beyond the [`KEPT`] most
/// recently written, and temporary files left by a process killed while
/// writing one.
fn prune(dir: &Path, kind: &str) {
    let Ok(list) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!("{kind}-");
    let mut slots: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for e in list.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let modified = e.metadata().and_then(|m| m.modified());
        if name.starts_with(&prefix) {
            if let Ok(m) = modified {
                slots.push((m, e.path()));
            }
        } else if name.starts_with('.') && name.contains(".tmp-") {
            // Another process may be writing it: only an old one is left over.
            let old = modified
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 600);
            if old {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    slots.sort_by_key(|s| std::cmp::Reverse(s.0));
    for (_, path) in slots.into_iter().skip(KEPT) {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::store::pack::Location;

    fn entry(key: u128, size: u64) -> FileEntry {
        FileEntry {
            stat: FileStat {
                size,
                ..FileStat::default()
            },
            key,
            verify: false,
            at: Location {
                pack: 0,
                offset: 0,
                len: 0,
            },
        }
    }

    fn manifest(files: &[(&str, u128, u64)]) -> HashMap<OsString, FileEntry> {
        files
            .iter()
            .map(|(p, k, s)| (absolute(Path::new(p)).into_os_string(), entry(*k, *s)))
            .collect()
    }

    fn stats(sizes: &[u64]) -> Vec<FileStat> {
        sizes
            .iter()
            .map(|&size| FileStat {
                size,
                ..FileStat::default()
            })
            .collect()
    }

    #[test]
    fn a_key_is_known_only_for_a_file_unchanged_and_not_to_verify() {
        let m = manifest(&[("/c/a.txt", 1, 10), ("/c/b.txt", 2, 20)]);
        let paths = |v: &[&str]| v.iter().map(PathBuf::from).collect::<Vec<_>>();
        let ab = paths(&["/c/a.txt", "/c/b.txt"]);
        assert_eq!(known_keys(&m, &ab, &stats(&[10, 20])), [Some(1), Some(2)]);
        assert_eq!(
            known_keys(&m, &ab, &stats(&[10, 21])),
            [Some(1), None],
            "b's stat changed"
        );
        let new = paths(&["/c/a.txt", "/c/new.txt"]);
        assert_eq!(
            known_keys(&m, &new, &stats(&[10, 20])),
            [Some(1), None],
            "a new file"
        );
        let mut racy = m.clone();
        for e in racy.values_mut() {
            e.verify = true;
        }
        assert_eq!(
            known_keys(&racy, &ab, &stats(&[10, 20])),
            [None, None],
            "to verify"
        );
    }

    #[test]
    fn the_paths_hash_follows_the_paths_and_their_order() {
        let p = |v: &[&str]| v.iter().map(PathBuf::from).collect::<Vec<_>>();
        let ab = paths_hash(&p(&["a", "b"]));
        assert_eq!(ab, paths_hash(&p(&["a", "b"])));
        assert_ne!(ab, paths_hash(&p(&["b", "a"])));
        assert_ne!(ab, paths_hash(&p(&["a"])));
        assert_ne!(ab, paths_hash(&p(&["ab"])));
        assert_ne!(paths_hash(&p(&["a", "bc"])), paths_hash(&p(&["ab", "c"])));
    }

    #[test]
    fn a_snapshot_is_served_only_whole_and_of_its_slot() {
        let dir = std::env::temp_dir().join(format!(
            "dossier-snap-{:016x}",
            super::super::pack::fresh_id()
        ));
        let store = Store::open(&dir).expect("open");
        store.keep_snapshot("list", "s1", b"payload");
        assert_eq!(
            store.snapshot("list", "s1").as_ref().map(Payload::bytes),
            Some(&b"payload"[..])
        );
        assert!(store.snapshot("list", "s2").is_none(), "another slot");
        assert!(store.snapshot("grep", "s1").is_none(), "another kind");
        // Every truncation and every flipped byte is noticed.
        let path = store.snapshot_path("list", "s1");
        let whole = std::fs::read(&path).expect("read");
        for cut in 0..whole.len() {
            std::fs::write(&path, &whole[..cut]).expect("write");
            assert!(store.snapshot("list", "s1").is_none(), "cut at {cut}");
        }
        for i in 0..whole.len() {
            let mut bad = whole.clone();
            bad[i] ^= 0x5a;
            std::fs::write(&path, &bad).expect("write");
            assert!(store.snapshot("list", "s1").is_none(), "byte {i} flipped");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn old_slots_are_removed_beyond_those_kept() {
        let dir = std::env::temp_dir().join(format!(
            "dossier-snap-{:016x}",
            super::super::pack::fresh_id()
        ));
        let store = Store::open(&dir).expect("open");
        for i in 0..KEPT + 3 {
            store.keep_snapshot("list", &format!("s{i}"), b"x");
            // Distinct modification times, newest last.
            let t = std::time::SystemTime::UNIX_EPOCH
                + std::time::Duration::from_secs(1_000 + i as u64);
            let f = std::fs::File::options()
                .write(true)
                .open(store.snapshot_path("list", &format!("s{i}")))
                .expect("open");
            f.set_modified(t).expect("touch");
        }
        store.keep_snapshot("list", "last", b"x");
        let left = std::fs::read_dir(dir.join(DIR_NAME)).expect("dir").count();
        assert_eq!(left, KEPT);
        assert!(store.snapshot("list", "last").is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
