//! What identifies a file's parse: its content (a 128-bit SipHash-1-3 of
//! the bytes and of what the parser reads from the file's name), the parser
//! that made it (the version key), and what lets an unchanged file be
//! recognised without reading it (size, modification time, inode).

use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::Hasher;
use std::path::Path;

/// Bumped by hand when the parse changes in a way the source hash below
/// would not show (never needed in practice, kept as a lever).
pub const PARSER_VERSION: u32 = 1;

/// The environment variable that replaces the version key (for tests that
/// simulate another parser).
pub const VERSION_ENV: &str = "DOSSIER_INDEX_VERSION";

/// Which parser made an index: [`PARSER_VERSION`], the crate version and a
/// hash of the model's sources at build time, so that any change to the
/// parser, released or not, invalidates what an older one stored.
pub fn version_key() -> String {
    if let Some(v) = std::env::var_os(VERSION_ENV) {
        return format!("test:{}", v.to_string_lossy());
    }
    format!(
        "parser {PARSER_VERSION}, dossier {}, model {}",
        env!("CARGO_PKG_VERSION"),
        env!("DOSSIER_MODEL_HASH")
    )
}

/// The content key of a file at `path` holding `bytes`: the parse depends
/// on the bytes and, of the path, only on the extension (the format, and
/// markdown or not) and on a symbol and language spelled in the file name.
/// A file renamed or moved without changing those keeps its key.
pub fn content_key(path: &Path, bytes: &[u8]) -> u128 {
    let mut h = SipHasher13::new_with_keys(0x646f_7373_6965_7221, 0x696e_6465_7820_7631);
    h.write(path_signature(path).as_bytes());
    h.write_u8(0);
    h.write(bytes);
    h.finish128().as_u128()
}

/// What the parser reads from `path` besides the bytes.
fn path_signature(path: &Path) -> String {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(crate::model::symbol::from_file_name)
        .map(|(symbol, lang)| format!("{symbol}\u{1f}{}", lang.unwrap_or("")))
        .unwrap_or_default();
    format!("{ext}\u{1f}{named}")
}

/// What the file system says of a file, to recognise it unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FileStat {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, seconds since the epoch.
    pub mtime: i64,
    /// Nanoseconds of the modification time.
    pub mtime_ns: u32,
    /// Inode number (0 where there is none).
    pub inode: u64,
    /// Device number (0 where there is none).
    pub device: u64,
}

impl FileStat {
    /// The stat of `meta`.
    pub fn of(meta: &std::fs::Metadata) -> FileStat {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileStat {
                size: meta.len(),
                mtime: meta.mtime(),
                mtime_ns: u32::try_from(meta.mtime_nsec()).unwrap_or(0),
                inode: meta.ino(),
                device: meta.dev(),
            }
        }
        #[cfg(not(unix))]
        {
            let since = meta
                .modified()
                .ok()
                .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
                .unwrap_or_default();
            FileStat {
                size: meta.len(),
                mtime: i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
                mtime_ns: since.subsec_nanos(),
                inode: 0,
                device: 0,
            }
        }
    }

    /// True when the file was modified so recently (or in the future) that
    /// a further write within the file system's timestamp granularity could
    /// leave size and time unchanged: such an entry is confirmed by its
    /// content hash next time instead of trusted ("racily clean", as git says).
    pub fn is_racy(&self, now: std::time::SystemTime) -> bool {
        let now = now
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        self.mtime >= now.saturating_sub(2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_follows_content_and_what_the_name_tells_the_parser() {
        let a = content_key(Path::new("x/report.txt"), b"texte");
        assert_eq!(a, content_key(Path::new("y/other.txt"), b"texte"));
        assert_ne!(a, content_key(Path::new("y/other.md"), b"texte"));
        assert_ne!(a, content_key(Path::new("x/report.txt"), b"texte!"));
        assert_ne!(a, content_key(Path::new("x/A_RES_80_1-EN.txt"), b"texte"));
        assert_ne!(
            content_key(Path::new("x/A_RES_80_1-EN.txt"), b"texte"),
            content_key(Path::new("x/A_RES_80_1-FR.txt"), b"texte")
        );
    }
}
