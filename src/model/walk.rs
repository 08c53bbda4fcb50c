//! Walking the folders given on the command line: depth first, in file-name
//! order, following symbolic links but entering each folder once (by device
//! and inode, so a "diamond" of links costs its size, not 2^depth), never
//! descending into `/proc`, `/sys` or `/dev` unless one was given itself, and
//! naming the folder that failed when a listing does.

use crate::model::load::{LoadProblem, SkipReason};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// How far a walk has got, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WalkProgress {
    /// Folders listed so far.
    pub folders: usize,
    /// Files found so far.
    pub files: usize,
}

/// Pseudo-filesystems whose trees are endless or other processes' business.
const SPECIAL_ROOTS: &[&str] = &["/proc", "/sys", "/dev"];

/// A folder's identity, whatever path reaches it.
type DirKey = (u64, u64);

/// One folder being listed: its entries still to visit and its identity.
struct Open {
    entries: std::vec::IntoIter<(PathBuf, bool)>,
    key: Option<DirKey>,
}

/// What a walk under one root found.
pub struct Walk<'a> {
    /// Files in walk order (duplicates reached by several paths included).
    pub files: Vec<PathBuf>,
    /// Folders and entries that could not be walked.
    pub problems: Vec<LoadProblem>,
    visited: HashSet<DirKey>,
    special_devices: Vec<u64>,
    progress: WalkProgress,
    on_progress: &'a dyn Fn(WalkProgress),
}

impl<'a> Walk<'a> {
    /// An empty walk reporting its progress to `on_progress` (every folder).
    pub fn new(on_progress: &'a dyn Fn(WalkProgress)) -> Self {
        Walk {
            files: Vec::new(),
            problems: Vec::new(),
            visited: HashSet::new(),
            special_devices: special_devices(),
            progress: WalkProgress::default(),
            on_progress,
        }
    }

    /// Walks the folder `root`, keeping the files `wanted` accepts.
    pub fn walk(&mut self, root: &Path, wanted: &dyn Fn(&Path) -> bool) {
        // A special tree given explicitly is walked: the user asked for it.
        let explicit_special = is_special_path(root);
        let mut stack: Vec<Open> = Vec::new();
        if let Some(open) = self.open(root) {
            stack.push(open);
        }
        while let Some(top) = stack.last_mut() {
            let Some((path, is_dir)) = top.entries.next() else {
                stack.pop();
                continue;
            };
            if !is_dir {
                if wanted(&path) {
                    self.files.push(path);
                    self.progress.files += 1;
                }
                continue;
            }
            let Some(key) = dir_key(&path) else { continue };
            if stack.iter().any(|o| o.key == Some(key)) {
                self.problems.push(LoadProblem {
                    path,
                    reason: SkipReason::SymlinkLoop,
                });
                continue;
            }
            if self.visited.contains(&key) || (!explicit_special && self.is_special(&path, key.0)) {
                continue;
            }
            if let Some(open) = self.open(&path) {
                stack.push(open);
            }
        }
    }

    /// True for a folder in `/proc`, `/sys` or `/dev` (by device, or by its
    /// real path when a link leads there).
    fn is_special(&self, path: &Path, dev: u64) -> bool {
        self.special_devices.contains(&dev)
            || (fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
                && fs::canonicalize(path).is_ok_and(|p| is_special_path(&p)))
    }

    /// Lists `dir` (entries sorted by name, hidden ones left out), marking it
    /// visited; on failure, records a problem naming `dir`.
    fn open(&mut self, dir: &Path) -> Option<Open> {
        let key = dir_key(dir);
        if let Some(k) = key {
            self.visited.insert(k);
        }
        let listing = match fs::read_dir(dir) {
            Ok(l) => l,
            Err(e) => {
                self.problems.push(LoadProblem {
                    path: dir.to_path_buf(),
                    reason: super::load::reason_of(&e),
                });
                return None;
            }
        };
        let mut entries = Vec::new();
        for entry in listing {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    self.problems.push(LoadProblem {
                        path: dir.to_path_buf(),
                        reason: super::load::reason_of(&e),
                    });
                    break;
                }
            };
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let is_dir = match entry.file_type() {
                Ok(ft) if ft.is_symlink() => fs::metadata(&path).is_ok_and(|m| m.is_dir()),
                Ok(ft) => ft.is_dir(),
                Err(_) => false,
            };
            entries.push((name, path, is_dir));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        self.progress.folders += 1;
        (self.on_progress)(self.progress);
        Some(Open {
            entries: entries
                .into_iter()
                .map(|(_, p, d)| (p, d))
                .collect::<Vec<_>>()
                .into_iter(),
            key,
        })
    }
}

/// The devices of the pseudo-filesystems mounted at [`SPECIAL_ROOTS`]; one
/// that is a plain folder of the root filesystem (in some containers) is left
/// out, or nothing on that filesystem would be walked.
fn special_devices() -> Vec<u64> {
    let root = dir_key(Path::new("/")).map(|(dev, _)| dev);
    SPECIAL_ROOTS
        .iter()
        .filter_map(|r| dir_key(Path::new(r)).map(|(dev, _)| dev))
        .filter(|&dev| Some(dev) != root)
        .collect()
}

/// Device and inode of the folder at `path` (links followed); where there
/// are no inodes, a hash of its real path.
fn dir_key(path: &Path) -> Option<DirKey> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        // No inodes: the real path stands in for the folder's identity.
        use std::hash::{Hash, Hasher};
        let real = fs::canonicalize(path).ok()?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        real.hash(&mut h);
        Some((0, h.finish()))
    }
}

/// True when `path` is, or is under, one of [`SPECIAL_ROOTS`].
fn is_special_path(path: &Path) -> bool {
    let path = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    SPECIAL_ROOTS.iter().any(|r| path.starts_with(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_diamond_of_links_is_walked_once_per_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let levels = 30;
        for i in 0..=levels {
            let level = dir.path().join(format!("l{i}"));
            fs::create_dir(&level).expect("mkdir");
            fs::write(level.join("a.txt"), "x").expect("write");
            if i > 0 {
                let up = dir.path().join(format!("l{}", i - 1));
                std::os::unix::fs::symlink(&level, up.join("left")).expect("symlink");
                std::os::unix::fs::symlink(&level, up.join("right")).expect("symlink");
            }
        }
        let folders = std::cell::Cell::new(0);
        let on_progress = |p: WalkProgress| folders.set(p.folders);
        let mut walk = Walk::new(&on_progress);
        walk.walk(&dir.path().join("l0"), &|_| true);
        assert_eq!(folders.get(), levels + 1);
        assert_eq!(walk.files.len(), levels + 1);
        assert!(walk.problems.is_empty());
    }
}
