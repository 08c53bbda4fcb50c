//! Pack files (`seg-<id>.pack`): records written once and never changed,
//! each `[length u32][CRC-32 u32][payload]`, little-endian. A record is read
//! back by its [`Location`] and checked against both, so a truncated or
//! damaged file is detected, never decoded.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The first bytes of every pack file.
const MAGIC: &[u8; 8] = b"DOSSPK\x00\x01";
/// Bytes before a record's payload.
const RECORD_HEAD: u64 = 8;

/// Where a record lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Location {
    /// The pack file's id.
    pub pack: u64,
    /// Offset of the record's head in the pack file.
    pub offset: u64,
    /// Length of its payload.
    pub len: u32,
}

/// Why a record could not be read.
#[derive(Debug, Error)]
pub enum RecordError {
    /// Its pack file is gone (replaced by a compaction meanwhile).
    #[error("its pack file is gone")]
    Missing,
    /// The pack file ends before the record does.
    #[error("truncated")]
    Truncated,
    /// The head or the checksum disagrees with the payload.
    #[error("checksum mismatch")]
    Checksum,
    /// The file could not be read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The file name of pack `id`.
pub fn file_name(id: u64) -> String {
    format!("seg-{id:016x}.pack")
}

/// The id of the pack file named `name`, if it is one.
pub fn id_of(name: &str) -> Option<u64> {
    let hex = name.strip_prefix("seg-")?.strip_suffix(".pack")?;
    (hex.len() == 16)
        .then(|| u64::from_str_radix(hex, 16).ok())
        .flatten()
}

/// A fresh pack id: unlikely to collide with any other process's.
pub fn fresh_id() -> u64 {
    use std::hash::Hasher;
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = siphasher::sip::SipHasher13::new();
    h.write_u32(std::process::id());
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    h.write_u128(now.as_nanos());
    h.finish()
}

/// A pack file being written.
pub struct PackWriter {
    id: u64,
    path: PathBuf,
    file: std::io::BufWriter<File>,
    offset: u64,
}

impl PackWriter {
    /// Creates a new pack file in `dir`.
    pub fn create(dir: &Path) -> std::io::Result<PackWriter> {
        let id = fresh_id();
        let path = dir.join(file_name(id));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        let mut file = std::io::BufWriter::with_capacity(1 << 20, file);
        file.write_all(MAGIC)?;
        Ok(PackWriter {
            id,
            path,
            file,
            offset: MAGIC.len() as u64,
        })
    }

    /// Appends a record holding `payload`.
    pub fn append(&mut self, payload: &[u8]) -> std::io::Result<Location> {
        let len = u32::try_from(payload.len())
            .map_err(|_| std::io::Error::other("record too large for the index"))?;
        let at = Location {
            pack: self.id,
            offset: self.offset,
            len,
        };
        self.file.write_all(&len.to_le_bytes())?;
        self.file
            .write_all(&crc32fast::hash(payload).to_le_bytes())?;
        self.file.write_all(payload)?;
        self.offset += RECORD_HEAD + u64::from(len);
        Ok(at)
    }

    /// Bytes written so far.
    pub fn len(&self) -> u64 {
        self.offset
    }

    /// True when no record was written.
    pub fn is_empty(&self) -> bool {
        self.offset == MAGIC.len() as u64
    }

    /// Flushes and syncs the file to disk; returns its id.
    pub fn finish(self) -> std::io::Result<u64> {
        let file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        Ok(self.id)
    }

    /// Removes the file (nothing will refer to it).
    pub fn abandon(self) {
        let path = self.path.clone();
        drop(self);
        let _ = std::fs::remove_file(path);
    }
}

/// Opens pack `id` of `dir` for reading, checking its first bytes; with its size.
pub fn open(dir: &Path, id: u64) -> Result<(File, u64), RecordError> {
    let mut file = File::open(dir.join(file_name(id))).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => RecordError::Missing,
        _ => RecordError::Io(e),
    })?;
    let mut magic = [0u8; 8];
    match std::io::Read::read_exact(&mut file, &mut magic) {
        Ok(()) if &magic == MAGIC => {
            let size = file.metadata()?.len();
            Ok((file, size))
        }
        Ok(()) => Err(RecordError::Checksum),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(RecordError::Truncated),
        Err(e) => Err(RecordError::Io(e)),
    }
}

/// The payload of the record at `at` in `file`, whose size is `size`, checked.
pub fn read(file: &File, size: u64, at: Location) -> Result<Vec<u8>, RecordError> {
    let mut buf = Vec::new();
    read_into(file, size, at, &mut buf)?;
    Ok(buf.split_off(RECORD_HEAD as usize))
}

/// Reads the record at `at` in `file` (of `size` bytes) into `buf`, head
/// included, and checks it; the payload is `buf[RECORD_HEAD..]`. Reusing
/// `buf` from record to record spares an allocation each.
pub fn read_into(
    file: &File,
    size: u64,
    at: Location,
    buf: &mut Vec<u8>,
) -> Result<(), RecordError> {
    if at.offset.saturating_add(RECORD_HEAD + u64::from(at.len)) > size {
        return Err(RecordError::Truncated);
    }
    buf.resize(RECORD_HEAD as usize + at.len as usize, 0);
    read_at(file, buf, at.offset).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => RecordError::Truncated,
        _ => RecordError::Io(e),
    })?;
    let len = u32::from_le_bytes([buf[0], buf[1], buf[2], buf[3]]);
    let crc = u32::from_le_bytes([buf[4], buf[5], buf[6], buf[7]]);
    if len != at.len || crc != crc32fast::hash(&buf[RECORD_HEAD as usize..]) {
        return Err(RecordError::Checksum);
    }
    Ok(())
}

/// Reads the head of the record at `at` in `file` (of `size` bytes) and
/// the first `want` bytes of its payload (fewer when the payload is
/// shorter) into `buf`, payload at `buf[PAYLOAD..]`, without checking the
/// payload against the record's checksum: the caller checks what it reads
/// (a document's head has a checksum of its own).
pub fn read_prefix_into(
    file: &File,
    size: u64,
    at: Location,
    want: usize,
    buf: &mut Vec<u8>,
) -> Result<(), RecordError> {
    if at.offset.saturating_add(RECORD_HEAD + u64::from(at.len)) > size {
        return Err(RecordError::Truncated);
    }
    let n = want.min(at.len as usize);
    buf.resize(RECORD_HEAD as usize + n, 0);
    read_at(file, buf, at.offset).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => RecordError::Truncated,
        _ => RecordError::Io(e),
    })?;
    let len = u32::from_le_bytes([buf[0], buf[1], buf[2], buf[3]]);
    if len != at.len {
        return Err(RecordError::Checksum);
    }
    Ok(())
}

/// Where a record's payload starts in what [`read_into`] reads.
pub const PAYLOAD: usize = RECORD_HEAD as usize;

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = file.try_clone()?;
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_read_back_and_damage_is_detected() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut w = PackWriter::create(dir.path()).expect("create");
        let a = w.append(b"first record").expect("append");
        let b = w.append(&[7u8; 1000]).expect("append");
        let id = w.finish().expect("finish");
        assert_eq!(id_of(&file_name(id)), Some(id));
        let (f, n) = open(dir.path(), id).expect("open");
        assert_eq!(read(&f, n, a).expect("read"), b"first record");
        assert_eq!(read(&f, n, b).expect("read"), vec![7u8; 1000]);
        // A flipped byte in the payload.
        let path = dir.path().join(file_name(id));
        let mut bytes = std::fs::read(&path).expect("read");
        bytes[a.offset as usize + 10] ^= 1;
        std::fs::write(&path, &bytes).expect("write");
        let (f, n) = open(dir.path(), id).expect("open");
        assert!(matches!(read(&f, n, a), Err(RecordError::Checksum)));
        // Cut short.
        bytes.truncate(b.offset as usize + 100);
        std::fs::write(&path, &bytes).expect("write");
        let (f, n) = open(dir.path(), id).expect("open");
        assert!(matches!(read(&f, n, b), Err(RecordError::Truncated)));
        assert!(matches!(open(dir.path(), 42), Err(RecordError::Missing)));
    }
}
