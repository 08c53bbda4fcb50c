//! The manifest: for every file indexed, its path, what its stat said, its
//! content key and where its record lies; headed by the version key of the
//! parser that made the records, and closed by a CRC-32 of all of it. It is
//! replaced whole (written to a temporary file, synced, renamed), so a reader
//! sees the old one or the new one, never a mix.

use super::codec::{DecodeError, Reader, Writer};
use super::key::FileStat;
use super::pack::Location;
use std::collections::HashMap;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The manifest's file name in the index directory.
pub const FILE_NAME: &str = "manifest";
const MAGIC: &[u8; 8] = b"DOSSMF\x00\x01";

/// One file of the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileEntry {
    /// The file's stat when it was read.
    pub stat: FileStat,
    /// Its content key.
    pub key: u128,
    /// True when the stat alone cannot be trusted (the file was modified
    /// within the timestamp granularity of being read): confirm by content.
    pub verify: bool,
    /// Its record.
    pub at: Location,
}

/// The files of an index.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    /// The version key of the parser that made the records.
    pub version: String,
    /// Every file, by absolute path: as an `OsString`, whose hash is of its
    /// bytes (a `PathBuf`'s walks its components, a tenth of a reopen's
    /// time at 100 000 files).
    pub files: HashMap<OsString, FileEntry>,
}

/// Why a manifest could not be read.
#[derive(Debug, Error)]
pub enum ManifestError {
    /// The bytes are not a whole manifest.
    #[error("{0}")]
    Corrupt(String),
    /// It could not be read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl From<DecodeError> for ManifestError {
    fn from(e: DecodeError) -> Self {
        ManifestError::Corrupt(e.to_string())
    }
}

impl Manifest {
    /// The manifest of `dir`: empty when there is none yet.
    pub fn read(dir: &Path) -> Result<Manifest, ManifestError> {
        match std::fs::read(dir.join(FILE_NAME)) {
            Ok(bytes) => Manifest::decode(&bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest::default()),
            Err(e) => Err(e.into()),
        }
    }

    /// The manifest in `bytes`, checked.
    pub fn decode(bytes: &[u8]) -> Result<Manifest, ManifestError> {
        let body = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| ManifestError::Corrupt("not a dossier index manifest".into()))?;
        if body.len() < 4 {
            return Err(ManifestError::Corrupt("truncated".into()));
        }
        let (body, crc) = body.split_at(body.len() - 4);
        if crc32fast::hash(body).to_le_bytes() != crc {
            return Err(ManifestError::Corrupt("checksum mismatch".into()));
        }
        let mut r = Reader::new(body);
        let version = r.string()?;
        let entries = r.seq(|r| {
            let path = path_from_bytes(r.raw()?).into_os_string();
            let stat = FileStat {
                size: r.u64()?,
                mtime: r.i64()?,
                mtime_ns: r.u32()?,
                inode: r.u64()?,
                device: r.u64()?,
            };
            let key = r.u128()?;
            let verify = r.bool()?;
            let at = Location {
                pack: r.u64()?,
                offset: r.u64()?,
                len: r.u32()?,
            };
            Ok((
                path,
                FileEntry {
                    stat,
                    key,
                    verify,
                    at,
                },
            ))
        })?;
        r.finish()?;
        Ok(Manifest {
            version,
            files: entries.into_iter().collect(),
        })
    }

    /// The bytes of the manifest.
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes.extend_from_slice(MAGIC);
        w.str(&self.version);
        // In path order: the same manifest gives the same bytes.
        let mut files: Vec<_> = self.files.iter().collect();
        files.sort_by(|a, b| a.0.cmp(b.0));
        w.usize(files.len());
        for (path, e) in files {
            w.raw(&path_bytes(Path::new(path)));
            w.u64(e.stat.size);
            w.i64(e.stat.mtime);
            w.u64(u64::from(e.stat.mtime_ns));
            w.u64(e.stat.inode);
            w.u64(e.stat.device);
            w.u128(e.key);
            w.bool(e.verify);
            w.u64(e.at.pack);
            w.u64(e.at.offset);
            w.u64(u64::from(e.at.len));
        }
        let crc = crc32fast::hash(&w.bytes[MAGIC.len()..]);
        w.bytes.extend_from_slice(&crc.to_le_bytes());
        w.bytes
    }

    /// Replaces the manifest of `dir` with this one, atomically: a
    /// temporary file in `dir`, synced, renamed over the old one, and the
    /// directory synced.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let tmp = dir.join(format!("{FILE_NAME}.tmp-{:016x}", super::pack::fresh_id()));
        let result = (|| {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)?;
            f.write_all(&self.encode())?;
            f.sync_all()?;
            std::fs::rename(&tmp, dir.join(FILE_NAME))?;
            sync_dir(dir);
            Ok(())
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// The packs the manifest refers to.
    pub fn packs(&self) -> std::collections::HashSet<u64> {
        self.files.values().map(|e| e.at.pack).collect()
    }
}

/// Syncs a directory, so that a rename in it is durable (best effort).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_round_trips_and_damage_is_detected() {
        let mut m = Manifest {
            version: "v".into(),
            ..Manifest::default()
        };
        m.files.insert(
            PathBuf::from("/a/b.txt").into_os_string(),
            FileEntry {
                stat: FileStat {
                    size: 3,
                    mtime: -1,
                    mtime_ns: 5,
                    inode: 9,
                    device: 1,
                },
                key: 77,
                verify: true,
                at: Location {
                    pack: 1,
                    offset: 8,
                    len: 3,
                },
            },
        );
        let bytes = m.encode();
        let back = Manifest::decode(&bytes).expect("decodes");
        assert_eq!(back.version, "v");
        assert_eq!(back.files, m.files);
        for cut in 0..bytes.len() {
            assert!(Manifest::decode(&bytes[..cut]).is_err());
        }
        let mut flipped = bytes.clone();
        flipped[12] ^= 4;
        assert!(Manifest::decode(&flipped).is_err());
        let dir = tempfile::tempdir().expect("tempdir");
        m.write(dir.path()).expect("write");
        assert_eq!(Manifest::read(dir.path()).expect("read").files, m.files);
    }
}
