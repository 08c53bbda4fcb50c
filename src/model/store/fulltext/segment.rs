//! One segment of the full-text index (`fulltext/ft-<id>.seg`): the records
//! it looked at (by content key, each either indexed or left to the scan),
//! the sorted terms of the indexed ones, and for each term the list of
//! records holding it. Written whole, then renamed into place; never
//! changed. The head (keys and terms) is checked by a CRC-32 when the
//! segment is opened, each list of records by its own when it is read.
//!
//! Layout: `MAGIC`, head length (u64 LE), head CRC (u32 LE), the head
//! (codec: version key, keys, term bytes, per term its end, cut flag,
//! postings offset, length, CRC), then the postings (LEB128 deltas).

use super::super::codec::{DecodeError, Reader, Writer};
use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

const MAGIC: &[u8; 8] = b"DOSSFT\x00\x01";
const PREFIX: usize = 8 + 8 + 4;

/// Why a segment could not be used.
#[derive(Debug, Error)]
pub enum SegmentError {
    /// The bytes are not a whole segment, or a checksum disagrees.
    #[error("{0}")]
    Damaged(String),
    /// It could not be read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl From<DecodeError> for SegmentError {
    fn from(e: DecodeError) -> Self {
        SegmentError::Damaged(e.to_string())
    }
}

/// The file name of segment `id`.
pub fn file_name(id: u64) -> String {
    format!("ft-{id:016x}.seg")
}

/// The id of the segment file named `name`, if it is one.
pub fn id_of(name: &str) -> Option<u64> {
    let hex = name.strip_prefix("ft-")?.strip_suffix(".seg")?;
    (hex.len() == 16)
        .then(|| u64::from_str_radix(hex, 16).ok())
        .flatten()
}

/// A segment being made: records and, for the indexed ones, their terms.
#[derive(Debug, Default)]
pub struct Builder {
    /// Every record looked at, and whether it is indexed.
    keys: Vec<(u128, bool)>,
    /// Each term: whether it was cut, and the records (numbers into `keys`,
    /// ascending) holding it.
    terms: HashMap<String, (bool, Vec<u32>)>,
}

impl Builder {
    /// Adds a record: indexed with its `terms` (as [`super::tokens::terms`]
    /// gives them), or, with `None`, left to the scan.
    pub fn add(&mut self, key: u128, terms: Option<Vec<(String, bool)>>) {
        let n = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        self.keys.push((key, terms.is_some()));
        for (term, cut) in terms.into_iter().flatten() {
            match self.terms.get_mut(&term) {
                Some(slot) => slot.1.push(n),
                None => {
                    self.terms.insert(term, (cut, vec![n]));
                }
            }
        }
    }

    /// Adds every record of `other`, after those already here.
    pub fn append(&mut self, other: Builder) {
        let base = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        self.keys.extend(other.keys);
        for (term, (cut, docs)) in other.terms {
            let shifted = docs.into_iter().map(|d| d + base);
            match self.terms.get_mut(&term) {
                Some(slot) => slot.1.extend(shifted),
                None => {
                    self.terms.insert(term, (cut, shifted.collect()));
                }
            }
        }
    }

    /// True when no record was added.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Writes the segment into `dir` (a temporary file, synced, renamed);
    /// returns its id.
    pub fn write(&self, dir: &Path, version: &str) -> std::io::Result<u64> {
        let mut postings = Vec::new();
        let mut head = Writer::default();
        head.str(version);
        head.usize(self.keys.len());
        for &(key, indexed) in &self.keys {
            head.u128(key);
            head.bool(indexed);
        }
        let mut sorted: Vec<(&String, &(bool, Vec<u32>))> = self.terms.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut blob = String::new();
        for (term, _) in &sorted {
            blob.push_str(term);
        }
        head.str(&blob);
        head.usize(sorted.len());
        let mut end = 0;
        for (term, (cut, docs)) in sorted {
            end += term.len();
            let start = postings.len();
            let mut w = Writer { bytes: postings };
            let mut last = 0u32;
            for &d in docs {
                w.u64(u64::from(d - last));
                last = d;
            }
            postings = w.bytes;
            head.usize(end);
            head.bool(*cut);
            head.usize(start);
            head.usize(postings.len() - start);
            head.u64(u64::from(crc32fast::hash(&postings[start..])));
        }
        let id = super::super::pack::fresh_id();
        let tmp = dir.join(format!("{}.tmp", file_name(id)));
        let result = (|| {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)?;
            let mut out = Vec::with_capacity(PREFIX + head.bytes.len());
            out.extend_from_slice(MAGIC);
            out.extend_from_slice(&(head.bytes.len() as u64).to_le_bytes());
            out.extend_from_slice(&crc32fast::hash(&head.bytes).to_le_bytes());
            out.extend_from_slice(&head.bytes);
            f.write_all(&out)?;
            f.write_all(&postings)?;
            f.sync_all()?;
            std::fs::rename(&tmp, dir.join(file_name(id)))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result.map(|()| id)
    }
}

/// Where a term's list of records lies.
#[derive(Debug, Clone, Copy)]
struct Postings {
    offset: u64,
    len: u32,
    crc: u32,
}

/// An open segment.
#[derive(Debug)]
pub struct Segment {
    /// Its file.
    pub path: PathBuf,
    /// The version key of the parser whose records it indexed.
    pub version: String,
    /// The records it looked at, and whether each is indexed.
    pub keys: Vec<(u128, bool)>,
    blob: String,
    ends: Vec<u32>,
    cut: Vec<bool>,
    postings: Vec<Postings>,
    file: File,
    base: u64,
}

impl Segment {
    /// Opens the segment at `path`, checking its head.
    pub fn open(path: &Path) -> Result<Segment, SegmentError> {
        let file = File::open(path)?;
        let size = file.metadata()?.len();
        let mut prefix = [0u8; PREFIX];
        read_at(&file, &mut prefix, 0).map_err(truncated)?;
        if &prefix[..8] != MAGIC {
            return Err(SegmentError::Damaged(
                "not a dossier full-text segment".into(),
            ));
        }
        let head_len = u64::from_le_bytes(prefix[8..16].try_into().unwrap_or_default());
        let crc = u32::from_le_bytes(prefix[16..20].try_into().unwrap_or_default());
        if head_len > size.saturating_sub(PREFIX as u64) {
            return Err(SegmentError::Damaged("truncated".into()));
        }
        let mut head = vec![0u8; head_len as usize];
        read_at(&file, &mut head, PREFIX as u64).map_err(truncated)?;
        if crc32fast::hash(&head) != crc {
            return Err(SegmentError::Damaged("checksum mismatch".into()));
        }
        let base = PREFIX as u64 + head_len;
        let mut r = Reader::new(&head);
        let version = r.string()?;
        let n = r.usize()?;
        let mut keys = Vec::with_capacity(n.min(r.remaining() / 17));
        for _ in 0..n {
            keys.push((r.u128()?, r.bool()?));
        }
        let blob = r.string()?;
        let n = r.usize()?;
        let cap = n.min(r.remaining() / 5);
        let (mut ends, mut cut, mut postings) = (
            Vec::with_capacity(cap),
            Vec::with_capacity(cap),
            Vec::with_capacity(cap),
        );
        let mut last = 0usize;
        for _ in 0..n {
            let end = r.usize()?;
            if end < last || end > blob.len() || !blob.is_char_boundary(end) {
                return Err(SegmentError::Damaged("term offsets".into()));
            }
            last = end;
            ends.push(u32::try_from(end).map_err(|_| DecodeError::Invalid("term end"))?);
            cut.push(r.bool()?);
            let offset = r.u64()?;
            let len = r.u32()?;
            let crc = u32::try_from(r.u64()?).map_err(|_| DecodeError::Invalid("crc"))?;
            if base + offset + u64::from(len) > size {
                return Err(SegmentError::Damaged("truncated".into()));
            }
            postings.push(Postings { offset, len, crc });
        }
        r.finish()?;
        Ok(Segment {
            path: path.to_path_buf(),
            version,
            keys,
            blob,
            ends,
            cut,
            postings,
            file,
            base,
        })
    }

    /// The number of terms.
    pub fn term_count(&self) -> usize {
        self.ends.len()
    }

    /// Term `i` and whether it was cut.
    pub fn term(&self, i: usize) -> (&str, bool) {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        (&self.blob[start..self.ends[i] as usize], self.cut[i])
    }

    /// The index of term `t`, if the segment has it.
    pub fn find(&self, t: &str) -> Option<usize> {
        self.search(t).ok()
    }

    /// The terms starting with `prefix`: a range of term indexes.
    pub fn prefixed(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.search(prefix).unwrap_or_else(|i| i);
        let mut end = start;
        while end < self.term_count() && self.term(end).0.starts_with(prefix) {
            end += 1;
        }
        start..end
    }

    fn search(&self, t: &str) -> Result<usize, usize> {
        let (mut lo, mut hi) = (0, self.term_count());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.term(mid).0.cmp(t) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }

    /// The records (numbers into [`Segment::keys`]) holding term `i`, checked.
    pub fn postings(&self, i: usize) -> Result<Vec<u32>, SegmentError> {
        let p = self.postings[i];
        let mut bytes = vec![0u8; p.len as usize];
        read_at(&self.file, &mut bytes, self.base + p.offset).map_err(truncated)?;
        if crc32fast::hash(&bytes) != p.crc {
            return Err(SegmentError::Damaged(
                "checksum mismatch in a list of records".into(),
            ));
        }
        let mut r = Reader::new(&bytes);
        let mut out = Vec::new();
        let mut last = 0u64;
        while r.remaining() > 0 {
            last += r.u64()?;
            let d = u32::try_from(last).map_err(|_| DecodeError::Invalid("record number"))?;
            if d as usize >= self.keys.len() {
                return Err(SegmentError::Damaged("record number out of range".into()));
            }
            out.push(d);
        }
        Ok(out)
    }

    /// Every term with its cut flag and records, for merging.
    pub fn into_builder(self) -> Result<Builder, SegmentError> {
        let mut terms = HashMap::new();
        for i in 0..self.term_count() {
            let (t, cut) = self.term(i);
            terms.insert(t.to_string(), (cut, self.postings(i)?));
        }
        Ok(Builder {
            keys: self.keys,
            terms,
        })
    }
}

impl Builder {
    /// This builder without the records `drop` rejects (their numbers
    /// renumbered).
    pub fn retain(self, keep: impl Fn(u128) -> bool) -> Builder {
        let mut map = Vec::with_capacity(self.keys.len());
        let mut keys = Vec::new();
        for &(k, indexed) in &self.keys {
            if keep(k) {
                map.push(Some(u32::try_from(keys.len()).unwrap_or(u32::MAX)));
                keys.push((k, indexed));
            } else {
                map.push(None);
            }
        }
        let terms = self
            .terms
            .into_iter()
            .filter_map(|(t, (cut, docs))| {
                let docs: Vec<u32> = docs
                    .into_iter()
                    .filter_map(|d| map.get(d as usize).copied().flatten())
                    .collect();
                (!docs.is_empty()).then_some((t, (cut, docs)))
            })
            .collect();
        Builder { keys, terms }
    }
}

fn truncated(e: std::io::Error) -> SegmentError {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => SegmentError::Damaged("truncated".into()),
        _ => SegmentError::Io(e),
    }
}

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

    fn terms(words: &[&str]) -> Option<Vec<(String, bool)>> {
        Some(words.iter().map(|w| (w.to_string(), false)).collect())
    }

    #[test]
    fn a_segment_is_read_back_and_damage_is_detected() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut b = Builder::default();
        b.add(1, terms(&["alpha", "beta"]));
        b.add(2, None);
        b.add(3, terms(&["beta", "gamma"]));
        let id = b.write(dir.path(), "v1").expect("write");
        let path = dir.path().join(file_name(id));
        assert_eq!(id_of(&file_name(id)), Some(id));
        let s = Segment::open(&path).expect("open");
        assert_eq!(s.version, "v1");
        assert_eq!(s.keys, [(1, true), (2, false), (3, true)]);
        let beta = s.find("beta").expect("beta");
        assert_eq!(s.postings(beta).expect("postings"), [0, 2]);
        assert_eq!(s.prefixed("b"), beta..beta + 1);
        assert!(s.find("delta").is_none());
        // A flipped byte in the postings, then in the head.
        let mut bytes = std::fs::read(&path).expect("read");
        let last = bytes.len() - 1;
        bytes[last] ^= 0x40;
        std::fs::write(&path, &bytes).expect("write");
        let s = Segment::open(&path).expect("head intact");
        let gamma = s.find("gamma").expect("gamma");
        assert!(matches!(s.postings(gamma), Err(SegmentError::Damaged(_))));
        bytes[PREFIX + 2] ^= 1;
        std::fs::write(&path, &bytes).expect("write");
        assert!(matches!(
            Segment::open(&path),
            Err(SegmentError::Damaged(_))
        ));
        bytes.truncate(PREFIX + 3);
        std::fs::write(&path, &bytes).expect("write");
        assert!(matches!(
            Segment::open(&path),
            Err(SegmentError::Damaged(_))
        ));
    }
}
