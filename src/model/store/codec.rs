//! A small binary encoding: LEB128 integers, length-prefixed UTF-8 strings,
//! options and sequences. The reader checks every length against the bytes
//! left, so no input, however crafted, makes it allocate more than it was
//! given or panic: it answers [`DecodeError`].

use std::sync::{LazyLock, Mutex};
use thiserror::Error;

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// The bytes end before the value does.
    #[error("truncated")]
    Truncated,
    /// A value that no encoder writes (a bad tag, an overlong integer,
    /// invalid UTF-8, an offset outside its text).
    #[error("invalid {0}")]
    Invalid(&'static str),
    /// Bytes are left after the value.
    #[error("{0} bytes left over")]
    Trailing(usize),
}

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    /// The bytes written so far.
    pub bytes: Vec<u8>,
}

impl Writer {
    /// An unsigned integer, LEB128.
    pub fn u64(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.bytes.push(byte);
                return;
            }
            self.bytes.push(byte | 0x80);
        }
    }

    /// A `usize`, as [`Writer::u64`].
    pub fn usize(&mut self, v: usize) {
        self.u64(v as u64);
    }

    /// A boolean, one byte.
    pub fn bool(&mut self, v: bool) {
        self.bytes.push(u8::from(v));
    }

    /// One byte.
    pub fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }

    /// Sixteen bytes, little-endian.
    pub fn u128(&mut self, v: u128) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// A signed integer, eight bytes little-endian.
    pub fn i64(&mut self, v: i64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// Bytes, length first.
    pub fn raw(&mut self, v: &[u8]) {
        self.usize(v.len());
        self.bytes.extend_from_slice(v);
    }

    /// A string, length first.
    pub fn str(&mut self, v: &str) {
        self.raw(v.as_bytes());
    }

    /// An optional value: a presence byte, then the value.
    pub fn opt<T: ?Sized>(&mut self, v: Option<&T>, mut each: impl FnMut(&mut Self, &T)) {
        match v {
            None => self.bool(false),
            Some(v) => {
                self.bool(true);
                each(self, v);
            }
        }
    }

    /// An optional string.
    pub fn opt_str(&mut self, v: Option<&str>) {
        self.opt(v, |w, s| w.str(s));
    }

    /// A sequence: its length, then each item.
    pub fn seq<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.usize(items.len());
        for item in items {
            each(self, item);
        }
    }
}

/// Reads values back from bytes written by a [`Writer`].
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader over `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.bytes.len()
    }

    /// Fails unless every byte was read.
    pub fn finish(&self) -> Result<(), DecodeError> {
        match self.bytes.len() {
            0 => Ok(()),
            n => Err(DecodeError::Trailing(n)),
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if n > self.bytes.len() {
            return Err(DecodeError::Truncated);
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }

    /// One byte.
    pub fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }

    /// A boolean written by [`Writer::bool`].
    pub fn bool(&mut self) -> Result<bool, DecodeError> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(DecodeError::Invalid("boolean")),
        }
    }

    /// An integer written by [`Writer::u64`].
    pub fn u64(&mut self) -> Result<u64, DecodeError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                return Err(DecodeError::Invalid("integer"));
            }
            v |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(DecodeError::Invalid("integer"))
    }

    /// A `usize` written by [`Writer::usize`].
    pub fn usize(&mut self) -> Result<usize, DecodeError> {
        usize::try_from(self.u64()?).map_err(|_| DecodeError::Invalid("size"))
    }

    /// A `u32` written by [`Writer::u64`].
    pub fn u32(&mut self) -> Result<u32, DecodeError> {
        u32::try_from(self.u64()?).map_err(|_| DecodeError::Invalid("integer"))
    }

    /// Sixteen bytes written by [`Writer::u128`].
    pub fn u128(&mut self) -> Result<u128, DecodeError> {
        let b = self.take(16)?;
        let mut a = [0u8; 16];
        a.copy_from_slice(b);
        Ok(u128::from_le_bytes(a))
    }

    /// Eight bytes written by [`Writer::i64`].
    pub fn i64(&mut self) -> Result<i64, DecodeError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(i64::from_le_bytes(a))
    }

    /// Bytes written by [`Writer::raw`].
    pub fn raw(&mut self) -> Result<&'a [u8], DecodeError> {
        let n = self.usize()?;
        self.take(n)
    }

    /// A string written by [`Writer::str`].
    pub fn string(&mut self) -> Result<String, DecodeError> {
        let b = self.raw()?;
        // Validation is most of decoding's cost on non-ASCII text: SIMD.
        simdutf8::basic::from_utf8(b)
            .map(str::to_owned)
            .map_err(|_| DecodeError::Invalid("UTF-8"))
    }

    /// A string of a small set (an encoding's name, a document type),
    /// shared for the life of the process.
    pub fn interned(&mut self) -> Result<&'static str, DecodeError> {
        let b = self.raw()?;
        let s = std::str::from_utf8(b).map_err(|_| DecodeError::Invalid("UTF-8"))?;
        intern(s)
    }

    /// An optional value written by [`Writer::opt`].
    pub fn opt<T>(
        &mut self,
        each: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Option<T>, DecodeError> {
        if self.bool()? {
            each(self).map(Some)
        } else {
            Ok(None)
        }
    }

    /// An optional string written by [`Writer::opt_str`].
    pub fn opt_string(&mut self) -> Result<Option<String>, DecodeError> {
        self.opt(Self::string)
    }

    /// A sequence written by [`Writer::seq`]. Every item takes at least a
    /// byte, so a count larger than the bytes left is refused before
    /// anything is allocated.
    pub fn seq<T>(
        &mut self,
        each: impl FnMut(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        let n = self.usize()?;
        self.items(n, each)
    }

    /// The `n` items of a sequence whose count was read already (as
    /// [`Reader::seq`] reads them).
    pub fn items<T>(
        &mut self,
        n: usize,
        mut each: impl FnMut(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        if n > self.bytes.len() {
            return Err(DecodeError::Truncated);
        }
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(each(self)?);
        }
        Ok(items)
    }
}

/// How many distinct interned strings a process accepts: encodings and
/// document types are a few dozen; more means the entries are not ours.
const MAX_INTERNED: usize = 1024;

static INTERNED: LazyLock<Mutex<std::collections::HashSet<&'static str>>> =
    LazyLock::new(Default::default);

/// `s` as a `&'static str`, each distinct value allocated once.
fn intern(s: &str) -> Result<&'static str, DecodeError> {
    let mut set = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = set.get(s) {
        return Ok(known);
    }
    if set.len() >= MAX_INTERNED || s.len() > 64 {
        return Err(DecodeError::Invalid("name"));
    }
    let leaked: &'static str = Box::leak(s.to_owned().into_boxed_str());
    set.insert(leaked);
    Ok(leaked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip() {
        let mut w = Writer::default();
        for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            w.u64(v);
        }
        w.str("décision 4/4");
        w.opt_str(None);
        w.opt_str(Some("x"));
        w.seq(&[1usize, 2, 3], |w, v| w.usize(*v));
        w.u128(u128::MAX - 5);
        w.i64(-7);
        let mut r = Reader::new(&w.bytes);
        for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(r.u64(), Ok(v));
        }
        assert_eq!(r.string().as_deref(), Ok("décision 4/4"));
        assert_eq!(r.opt_string(), Ok(None));
        assert_eq!(r.opt_string(), Ok(Some("x".into())));
        assert_eq!(r.seq(Reader::usize), Ok(vec![1, 2, 3]));
        assert_eq!(r.u128(), Ok(u128::MAX - 5));
        assert_eq!(r.i64(), Ok(-7));
        assert_eq!(r.finish(), Ok(()));
    }

    #[test]
    fn crafted_lengths_are_refused_without_allocating() {
        let mut w = Writer::default();
        w.u64(u64::MAX);
        assert_eq!(
            Reader::new(&w.bytes).seq(Reader::u8),
            Err(DecodeError::Truncated)
        );
        assert_eq!(Reader::new(&w.bytes).raw(), Err(DecodeError::Truncated));
        // Eleven continuation bytes: longer than any u64.
        assert!(Reader::new(&[0xff; 11]).u64().is_err());
        assert_eq!(
            Reader::new(&[2]).bool(),
            Err(DecodeError::Invalid("boolean"))
        );
    }
}
