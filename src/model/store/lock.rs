//! The writers' lock of an index directory: `flock` on a `lock` file, held
//! while a writer merges its entries into the manifest, so that two dossier
//! processes never write at once. Readers take no lock: what they read is
//! only ever replaced whole (rename), never changed in place.

use std::fs::{File, OpenOptions};
use std::path::Path;
use std::time::{Duration, Instant};

/// An exclusive lock on an index directory, released when dropped (or when
/// the process dies: the kernel releases `flock` locks with the file).
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

impl WriteLock {
    /// Takes the lock of `dir`, waiting up to `patience` for another writer
    /// to finish. `Ok(None)` when it stayed busy that long.
    pub fn acquire(dir: &Path, patience: Duration) -> std::io::Result<Option<WriteLock>> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(dir.join("lock"))?;
        let deadline = Instant::now() + patience;
        loop {
            if try_lock(&file)? {
                return Ok(Some(WriteLock { _file: file }));
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock only reads the descriptor, which `file` keeps open.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        return Ok(true);
    }
    let err = std::io::Error::last_os_error();
    match err.raw_os_error() {
        Some(libc::EWOULDBLOCK) | Some(libc::EINTR) => Ok(false),
        _ => Err(err),
    }
}

#[cfg(not(unix))]
fn try_lock(_file: &File) -> std::io::Result<bool> {
    // No advisory lock here: writes stay atomic (rename), a concurrent
    // writer's entries may be lost, never corrupted.
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_gives_up() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = WriteLock::acquire(dir.path(), Duration::ZERO).expect("lock");
        assert!(first.is_some());
        let second = WriteLock::acquire(dir.path(), Duration::from_millis(50)).expect("lock");
        assert!(second.is_none());
        drop(first);
        let third = WriteLock::acquire(dir.path(), Duration::ZERO).expect("lock");
        assert!(third.is_some());
    }
}
