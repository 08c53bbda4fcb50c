//! Loading a corpus: the bundled documents embedded in the binary, or files and
//! directories given by the user (walked recursively, `.txt` and `.md`, and the
//! `.pdf`, `.docx` and `.odt` documents whose text [`import`] extracts; hidden
//! files skipped, symlink loops survived, FIFOs and devices never opened).
//! Unreadable files are reported as problems; the rest is still loaded.

use crate::model::corpus::Corpus;
use crate::model::decode::{Caveat, NotText, decode_owned};
use crate::model::document::Document;
use crate::model::import;
use crate::model::ordered;
use crate::model::parse::{parse_document, text_only_document};
use crate::model::store::{FileStat, LazyStore, SkipKind, Store};
use crate::model::walk::{Walk, WalkProgress};
use include_dir::{Dir, include_dir};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use thiserror::Error;

/// The documents shipped with dossier, embedded at build time.
static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/corpus");

/// Files larger than this are reported and skipped.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Extensions read when walking a directory.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];

/// Why a path was not loaded.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum SkipReason {
    /// Nothing at that path.
    #[error("no such file or directory")]
    NotFound,
    /// The operating system refused access.
    #[error("permission denied")]
    PermissionDenied,
    /// A symbolic link whose target does not exist.
    #[error("dangling symbolic link")]
    DanglingSymlink,
    /// A symbolic link that leads back to one of its own ancestors.
    #[error("symbolic link loop")]
    SymlinkLoop,
    /// A FIFO, socket or device: never opened, since reading could block.
    #[error("not a regular file ({0})")]
    NotRegular(String),
    /// The bytes are not text.
    #[error("{0}")]
    Binary(String),
    /// A PDF or Word document whose text could not be extracted.
    #[error("{0}")]
    Import(String),
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("too large ({0} bytes; the limit is {MAX_FILE_BYTES})")]
    TooLarge(u64),
    /// Any other input/output error.
    #[error("{0}")]
    Io(String),
    /// Reading it met a bug of dossier's (a contained panic).
    #[error("dossier failed on this file (a bug, please report it: {0})")]
    Internal(String),
}

/// A path that was not loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadProblem {
    /// The path as found.
    pub path: PathBuf,
    /// Why it was skipped.
    pub reason: SkipReason,
}

impl std::fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

/// Progress of a load, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadEvent {
    /// The walk has listed this many folders and found this many files so far.
    Walking(WalkProgress),
    /// The walk found `files` files to read.
    Found {
        /// Number of files.
        files: usize,
    },
    /// `done` of the files have been read and parsed.
    Loaded {
        /// Files done so far.
        done: usize,
        /// Printed pages parsed so far through the index (a PDF's pages
        /// extracted; files served from it count none).
        pages: usize,
    },
}

/// The bundled corpus.
pub fn load_bundled() -> Corpus {
    let mut files: Vec<_> = BUNDLED.files().collect();
    files.sort_by_key(|f| f.path());
    let docs = files
        .par_iter()
        .filter_map(|f| {
            let text = f.contents_utf8()?;
            let path = Path::new("assets/corpus").join(f.path());
            Some(parse_document(stem(&path), path, text.to_string(), "UTF-8"))
        })
        .collect();
    Corpus::new(docs, Vec::new())
}

/// How much of each document to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Everything: masthead, agenda, paragraphs, footnotes, references.
    Full,
    /// The head: what a full parse finds, but from the index without the
    /// body (text, lines, paragraphs, footnotes: [`Body::NotLoaded`]), for
    /// work that needs no text (`list`, `family`, the corpus's indexes). A
    /// file the index cannot serve is parsed fully and comes with its body.
    ///
    /// [`Body::NotLoaded`]: crate::model::document::Body::NotLoaded
    Head,
    /// The head without its references (only their count,
    /// [`Document::reference_count`]), for `list`, `show` and `family`: what
    /// the list rows and the corpus's versions and families need, and
    /// nothing for backlinks. A file the index cannot serve is parsed fully
    /// and comes whole.
    ///
    /// [`Document::reference_count`]: crate::model::Document::reference_count
    Listing,
    /// Only the text and its lines, for line-oriented work such as `grep`.
    TextOnly,
}

impl Depth {
    /// True when a file read afresh at this depth is parsed fully (and is
    /// worth remembering in the index).
    pub fn parses_fully(self) -> bool {
        matches!(self, Depth::Full | Depth::Head | Depth::Listing)
    }
}

/// The documents found under `paths`, reporting progress to `on_event`.
pub fn load_paths(paths: &[PathBuf], on_event: &(dyn Fn(LoadEvent) + Sync)) -> Corpus {
    let (docs, problems) = scan_paths(paths, Depth::Full, on_event, &|doc| doc);
    Corpus::new(docs, problems)
}

/// Reads the documents under `paths` to `depth`, in parallel, handing each to
/// `visit`: for work that needs each document once and no corpus (`grep`),
/// memory then holds only what `visit` returns. Results come in corpus order,
/// each document with the id [`load_paths`] gives it.
pub fn scan_paths<T: Send>(
    paths: &[PathBuf],
    depth: Depth,
    on_event: &(dyn Fn(LoadEvent) + Sync),
    visit: &(dyn Fn(Document) -> T + Sync),
) -> (Vec<T>, Vec<LoadProblem>) {
    let mut visited = Vec::new();
    let problems = scan_paths_each(paths, depth, on_event, visit, &mut |v| {
        visited.push(v);
        true
    });
    (visited, problems)
}

/// Like [`scan_paths`], handing what `visit` made of each document to `each`
/// on the calling thread, in corpus order, as soon as it and every document
/// before it are read: output can start at once, and memory holds only what
/// waits for a slower document before it. `each` returning false stops the
/// reading (a closed pipe). Returns the problems, in corpus order.
pub fn scan_paths_each<T: Send>(
    paths: &[PathBuf],
    depth: Depth,
    on_event: &(dyn Fn(LoadEvent) + Sync),
    visit: &(dyn Fn(Document) -> T + Sync),
    each: &mut dyn FnMut(T) -> bool,
) -> Vec<LoadProblem> {
    scan_paths_indexed(
        paths,
        depth,
        &LazyStore::new(&|| None),
        on_event,
        visit,
        each,
    )
}

/// The documents found under `paths`, served from the index `store` when
/// there is one (and the new or changed ones added to it), reporting
/// progress to `on_event`.
pub fn load_paths_indexed(
    paths: &[PathBuf],
    store: &LazyStore,
    on_event: &(dyn Fn(LoadEvent) + Sync),
) -> Corpus {
    let mut docs = Vec::new();
    let problems = scan_paths_indexed(paths, Depth::Full, store, on_event, &|d| d, &mut |d| {
        docs.push(d);
        true
    });
    Corpus::new(docs, problems)
}

/// Like [`scan_paths_each`], through the index `store` when there is one
/// (opened when a file first needs it): unchanged files are served from it,
/// the others read and added, and the files it knew under `paths` that are
/// gone forgotten.
pub fn scan_paths_indexed<T: Send>(
    paths: &[PathBuf],
    depth: Depth,
    store: &LazyStore,
    on_event: &(dyn Fn(LoadEvent) + Sync),
    visit: &(dyn Fn(Document) -> T + Sync),
    each: &mut dyn FnMut(T) -> bool,
) -> Vec<LoadProblem> {
    let walked = Walked::of(paths, &|p| on_event(LoadEvent::Walking(p)));
    let mut problems = walked.problems.clone();
    problems.extend(scan_walked_indexed(
        paths, &walked, depth, store, on_event, visit, each,
    ));
    problems
}

/// The files a walk found under a command's paths, with what it saw.
#[derive(Debug, Default)]
pub struct Walked {
    /// The files, in corpus order.
    pub files: Vec<PathBuf>,
    /// Each file's stat, as the walk took it.
    pub stats: Vec<FileStat>,
    /// What could not be walked (a path missing, a folder unreadable).
    pub problems: Vec<LoadProblem>,
}

impl Walked {
    /// The walk of `paths`, its progress handed to `on_progress`.
    pub fn of(paths: &[PathBuf], on_progress: &dyn Fn(WalkProgress)) -> Walked {
        let (files, stats, problems) = discover_stated(paths, on_progress);
        Walked {
            files,
            stats,
            problems,
        }
    }
}

/// Like [`scan_paths_indexed`], over the files `walked` found under
/// `paths`; returns the problems of reading them (not the walk's).
pub fn scan_walked_indexed<T: Send>(
    paths: &[PathBuf],
    walked: &Walked,
    depth: Depth,
    store: &LazyStore,
    on_event: &(dyn Fn(LoadEvent) + Sync),
    visit: &(dyn Fn(Document) -> T + Sync),
    each: &mut dyn FnMut(T) -> bool,
) -> Vec<LoadProblem> {
    let (files, stats) = (&walked.files, &walked.stats);
    let mut problems = Vec::new();
    on_event(LoadEvent::Found { files: files.len() });
    let ids = unique_ids(files);
    let done = AtomicUsize::new(0);
    let work = |i: usize, path: &PathBuf| {
        let result = load_lazy(path, depth, store, stats[i]).map(|mut doc| {
            doc.id.clone_from(&ids[i]);
            visit(doc)
        });
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if n % 64 == 0 || n == files.len() {
            let pages = store.opened().map_or(0, |s| s.summary().pages);
            on_event(LoadEvent::Loaded { done: n, pages });
        }
        result
    };
    ordered::for_each_ordered(files, &work, &mut |result| match result {
        Ok(v) => each(v),
        Err(p) => {
            problems.push(p);
            true
        }
    });
    if let Some(store) = store.opened() {
        store.finish(paths, files);
    }
    problems
}

/// Brings the index `store` up to date with the files under `paths`, in
/// parallel, reporting progress to `on_event`: unchanged files are only
/// stat'ed, the others read and added, the files gone forgotten. Returns
/// the number of files found and the problems met.
pub fn refresh_paths(
    paths: &[PathBuf],
    store: &Store,
    on_event: &(dyn Fn(LoadEvent) + Sync),
) -> (usize, Vec<LoadProblem>) {
    let (files, stats, mut problems) = discover_stated(paths, &|p| on_event(LoadEvent::Walking(p)));
    on_event(LoadEvent::Found { files: files.len() });
    let done = AtomicUsize::new(0);
    let failed: Vec<(usize, LoadProblem)> = files
        .par_iter()
        .enumerate()
        .filter_map(|(i, path)| {
            let result = crate::model::store::refresh_file_indexed(store, path, stats[i]);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n % 64 == 0 || n == files.len() {
                let pages = store.summary().pages;
                on_event(LoadEvent::Loaded { done: n, pages });
            }
            result.err().map(|p| (i, p))
        })
        .collect();
    problems.extend(failed.into_iter().map(|(_, p)| p));
    store.finish(paths, &files);
    (files.len(), problems)
}

/// Reads one file to `depth`, through `store` when there is one; the index
/// takes `walked` (the stat the walk took), when given, as the file's.
/// Reading lines only (`grep`), text files are read directly: decoding them
/// is cheaper than their record; extracted formats come from the index.
pub fn load_one(
    path: &Path,
    depth: Depth,
    store: Option<&Store>,
    walked: Option<FileStat>,
) -> Result<Document, LoadProblem> {
    match store {
        Some(store) if uses_index(path, depth) => {
            crate::model::store::load_file_indexed(store, path, depth, walked)
        }
        _ => load_file_to(path, depth),
    }
}

/// `doc` (read with its head only) read again with its body, through
/// `store` when there is one (a damaged record is reported, the file parsed
/// again and its entry rebuilt); the id stays `doc`'s. A document whose body
/// is loaded is returned as it is.
pub fn load_body(doc: &Document, store: Option<&Store>) -> Result<Document, LoadProblem> {
    if doc.body_loaded() {
        return Ok(doc.clone());
    }
    let mut full = load_one(&doc.path, Depth::Full, store, None)?;
    full.id.clone_from(&doc.id);
    Ok(full)
}

/// Like [`load_one`], opening the index only when this file needs it; the
/// index takes `stat` (the walk's) as the file's.
fn load_lazy(
    path: &Path,
    depth: Depth,
    store: &LazyStore,
    stat: FileStat,
) -> Result<Document, LoadProblem> {
    if uses_index(path, depth) {
        load_one(path, depth, store.get(), Some(stat))
    } else {
        load_file_to(path, depth)
    }
}

/// True when reading the file at `path` to `depth` goes through the index.
fn uses_index(path: &Path, depth: Depth) -> bool {
    depth.parses_fully() || is_extracted(path)
}

/// True when the file at `path` is of a format whose text is extracted.
fn is_extracted(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| import::EXTENSIONS.contains(&e.as_str()))
}

/// Reads and parses one file.
pub fn load_file(path: &Path) -> Result<Document, LoadProblem> {
    load_file_to(path, Depth::Full)
}

/// Reads one file to `depth`.
pub fn load_file_to(path: &Path, depth: Depth) -> Result<Document, LoadProblem> {
    let problem = |reason| LoadProblem {
        path: path.to_path_buf(),
        reason,
    };
    let (bytes, changed, _) = read_regular_file(path).map_err(problem)?;
    build(path, bytes, changed, depth).map_err(|(reason, _)| problem(reason))
}

/// The document made of `bytes`, read from `path` (`changed`: the file
/// changed while it was read), or why it is skipped, with the kind of
/// reason when only the bytes decide it (the index may then remember it).
pub(crate) fn build(
    path: &Path,
    bytes: Vec<u8>,
    changed: bool,
    depth: Depth,
) -> Result<Document, (SkipReason, Option<SkipKind>)> {
    let build = match depth {
        Depth::Full | Depth::Head | Depth::Listing => parse_document,
        Depth::TextOnly => text_only_document,
    };
    let internal = |reason| (reason, Some(SkipKind::Internal));
    // PDF, Word and OpenDocument files: their text is extracted (`import`).
    if let Some(format) = import::format_of(path, &bytes) {
        let text = import::extract(format, &bytes).map_err(|e| {
            // Limits met and a failed child process depend on the moment,
            // not on the bytes: never remembered.
            let kind = match e {
                import::ImportError::TimedOut(_)
                | import::ImportError::OutOfMemory(_)
                | import::ImportError::Process(_) => None,
                _ => Some(SkipKind::Import),
            };
            (SkipReason::Import(e.to_string()), kind)
        })?;
        let mut doc = contained_build(build, path, text, format.label()).map_err(internal)?;
        if changed {
            doc.caveats.push(Caveat::ChangedWhileRead);
        }
        return Ok(doc);
    }
    let decoded = decode_owned(bytes).map_err(|NotText::Binary(what)| {
        (
            SkipReason::Binary(format!("binary file ({what})")),
            Some(SkipKind::Binary),
        )
    })?;
    let mut doc = contained_build(build, path, decoded.text, decoded.encoding).map_err(internal)?;
    doc.caveats = decoded.caveats;
    if changed {
        doc.caveats.push(Caveat::ChangedWhileRead);
    }
    Ok(doc)
}

/// `build` run on one file's text, a panic in it turned into a reason to skip the file.
fn contained_build(
    build: fn(String, PathBuf, String, &'static str) -> Document,
    path: &Path,
    text: String,
    encoding: &'static str,
) -> Result<Document, SkipReason> {
    crate::model::contain::contained(|| build(stem(path), path.to_path_buf(), text, encoding))
        .map_err(SkipReason::Internal)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The ids of `files`: their stems, with `-2`, `-3`, … for a stem met again
/// in another folder.
pub fn unique_ids(files: &[PathBuf]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    files
        .iter()
        .map(|path| {
            let id = stem(path);
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 { format!("{id}-{n}") } else { id }
        })
        .collect()
}

/// The reason an input/output error gives for skipping a path.
pub(crate) fn reason_of(err: &std::io::Error) -> SkipReason {
    match err.kind() {
        std::io::ErrorKind::NotFound => SkipReason::NotFound,
        std::io::ErrorKind::PermissionDenied => SkipReason::PermissionDenied,
        _ => SkipReason::Io(err.to_string()),
    }
}

fn not_regular(ft: &fs::FileType) -> Option<SkipReason> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let what = if ft.is_fifo() {
            "FIFO"
        } else if ft.is_socket() {
            "socket"
        } else if ft.is_block_device() || ft.is_char_device() {
            "device"
        } else {
            ""
        };
        if !what.is_empty() {
            return Some(SkipReason::NotRegular(what.into()));
        }
    }
    (!ft.is_file()).then(|| SkipReason::NotRegular("not a file".into()))
}

/// Reads a regular file, never blocking on a FIFO swapped in after the walk.
/// True with the bytes when the file changed while it was read; and the
/// file's stat before it was read.
pub(crate) fn read_regular_file(path: &Path) -> Result<(Vec<u8>, bool, FileStat), SkipReason> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| {
        if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
            && e.kind() == std::io::ErrorKind::NotFound
        {
            SkipReason::DanglingSymlink
        } else {
            reason_of(&e)
        }
    })?;
    let meta = file.metadata().map_err(|e| reason_of(&e))?;
    let (bytes, changed) = read_opened(file, &meta)?;
    Ok((bytes, changed, FileStat::of(&meta)))
}

/// Reads `file`, whose metadata before reading is `before`: the bytes, and
/// true when the size read, or the size or modification time after reading,
/// differ from `before` (the file was truncated, grown or rewritten meanwhile).
fn read_opened(mut file: fs::File, before: &fs::Metadata) -> Result<(Vec<u8>, bool), SkipReason> {
    if let Some(reason) = not_regular(&before.file_type()) {
        return Err(reason);
    }
    if before.len() > MAX_FILE_BYTES {
        return Err(SkipReason::TooLarge(before.len()));
    }
    let mut bytes = Vec::with_capacity(before.len() as usize);
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| reason_of(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SkipReason::TooLarge(bytes.len() as u64));
    }
    // Pseudo-files (in /proc) say 0 bytes and hold more: no size to compare.
    let sized = before.len() > 0;
    let changed = sized
        && (bytes.len() as u64 != before.len()
            || file.metadata().is_ok_and(|after| {
                after.len() != before.len() || after.modified().ok() != before.modified().ok()
            }));
    Ok((bytes, changed))
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| {
            TEXT_EXTENSIONS.contains(&e.as_str()) || import::EXTENSIONS.contains(&e.as_str())
        })
}

/// The files to read under `paths`, in a stable order, and the paths that
/// could not be walked.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadProblem>) {
    discover_with(paths, &|_| {})
}

/// Like [`discover`], reporting the walk's progress to `on_progress` after
/// each folder listed.
pub fn discover_with(
    paths: &[PathBuf],
    on_progress: &dyn Fn(WalkProgress),
) -> (Vec<PathBuf>, Vec<LoadProblem>) {
    let (files, _, problems) = discover_stated(paths, on_progress);
    (files, problems)
}

/// Like [`discover_with`], with the stat of each file as the walk took it
/// (the index trusts it instead of asking the system again).
pub fn discover_stated(
    paths: &[PathBuf],
    on_progress: &dyn Fn(WalkProgress),
) -> (Vec<PathBuf>, Vec<FileStat>, Vec<LoadProblem>) {
    // Every file found, in order; duplicates (the same file reached twice,
    // through symbolic links or overlapping PATHS) are dropped at the end.
    let mut walk = Walk::new(on_progress);
    for root in paths {
        let meta = match fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                let reason = if fs::symlink_metadata(root).is_ok()
                    && e.kind() == std::io::ErrorKind::NotFound
                {
                    SkipReason::DanglingSymlink
                } else {
                    reason_of(&e)
                };
                walk.problems.push(LoadProblem {
                    path: root.clone(),
                    reason,
                });
                continue;
            }
        };
        if !meta.is_dir() {
            match not_regular(&meta.file_type()) {
                Some(reason) => walk.problems.push(LoadProblem {
                    path: root.clone(),
                    reason,
                }),
                None => walk.files.push(root.clone()),
            }
            continue;
        }
        walk.walk(root, &|path| has_text_extension(path));
    }
    let Walk {
        files: found,
        mut problems,
        ..
    } = walk;
    // Files the walk found that are no regular files (FIFOs, sockets,
    // devices, dangling links) are reported, never opened.
    let checked: Vec<Result<(FileKey, FileStat), SkipReason>> = found
        .par_iter()
        .with_min_len(64)
        .map(|path| file_key(path))
        .collect();
    let mut seen = HashSet::with_capacity(checked.len());
    let mut files = Vec::with_capacity(checked.len());
    let mut stats = Vec::with_capacity(checked.len());
    for (path, key) in found.into_iter().zip(checked) {
        match key {
            Ok((key, stat)) => {
                if seen.insert(key) {
                    files.push(path);
                    stats.push(stat);
                }
            }
            Err(reason) => problems.push(LoadProblem { path, reason }),
        }
    }
    (files, stats, problems)
}

/// What makes a file itself, whatever path reaches it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileKey {
    /// Device and inode (one `stat`, cheaper than resolving the path).
    Inode(u64, u64),
    /// The canonical path, where inodes are not available.
    #[cfg(not(unix))]
    Path(PathBuf),
}

/// The identity of the file at `path` and its stat, or why it is not a
/// regular file.
fn file_key(path: &Path) -> Result<(FileKey, FileStat), SkipReason> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(if fs::symlink_metadata(path).is_ok() {
                SkipReason::DanglingSymlink
            } else {
                SkipReason::NotFound
            });
        }
        Err(e) => return Err(reason_of(&e)),
    };
    if let Some(reason) = not_regular(&meta.file_type()) {
        return Err(reason);
    }
    let stat = FileStat::of(&meta);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Ok((FileKey::Inode(meta.dev(), meta.ino()), stat))
    }
    #[cfg(not(unix))]
    Ok((
        FileKey::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())),
        stat,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panicking_parse_skips_its_file_with_the_message() {
        fn broken(_: String, _: PathBuf, _: String, _: &'static str) -> Document {
            panic!("index out of bounds in a parser");
        }
        let r = super::contained_build(broken, Path::new("x.txt"), "text".into(), "UTF-8");
        match r {
            Err(SkipReason::Internal(m)) => assert!(m.contains("index out of bounds"), "{m}"),
            other => panic!("expected an internal error, got {:?}", other.map(|d| d.id)),
        }
    }

    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_file_reached_twice_is_read_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        fs::create_dir(root.join("real")).expect("mkdir");
        fs::write(root.join("real/a.txt"), "texte").expect("write");
        std::os::unix::fs::symlink(root.join("real"), root.join("alias")).expect("symlink");
        let (files, problems) = discover(&[root.to_path_buf(), root.join("real/a.txt")]);
        assert_eq!(files, [root.join("alias/a.txt")]);
        assert!(problems.is_empty());
    }

    #[test]
    fn a_file_truncated_while_read_says_so() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        fs::write(&path, "décision 4/4\n".repeat(1000)).expect("write");
        let file = fs::File::open(&path).expect("open");
        let before = file.metadata().expect("metadata");
        fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_len(100))
            .expect("truncate");
        let (bytes, changed) = read_opened(file, &before).expect("read");
        assert_eq!((bytes.len(), changed), (100, true));
        let file = fs::File::open(&path).expect("open");
        let before = file.metadata().expect("metadata");
        assert_eq!(read_opened(file, &before).map(|(_, c)| c), Ok(false));
    }

    #[test]
    fn ids_are_stems_made_unique() {
        let files = [
            PathBuf::from("a/x.txt"),
            PathBuf::from("b/x.md"),
            PathBuf::from("c/y.txt"),
            PathBuf::from("d/x.txt"),
        ];
        assert_eq!(unique_ids(&files), ["x", "x-2", "y", "x-3"]);
    }

    #[test]
    fn bundled_corpus_has_five_documents_in_order() {
        let c = load_bundled();
        let ids: Vec<_> = c.documents().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "000_358551e6050c8439",
                "001_273d8392d901bf09",
                "002_e599bcc0f404912d",
                "003_eb1dc6666d540682",
                "004_f6ac27cd96abb112"
            ]
        );
    }

    #[test]
    fn walks_directories_and_reports_problems() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        fs::write(root.join("a.txt"), "Dans sa décision 4/4, la Conférence").expect("write");
        fs::create_dir(root.join("sub")).expect("mkdir");
        fs::write(root.join("sub/b.md"), "# Titre\n\nrésolution 5/2").expect("write");
        fs::write(root.join("sub/c.pdf"), "%PDF").expect("write");
        fs::write(root.join(".hidden.txt"), "x").expect("write");
        fs::write(root.join("bin.txt"), b"\x00\x01\x02").expect("write");
        let c = load_paths(&[root.to_path_buf(), root.join("missing.txt")], &|_| {});
        let ids: Vec<_> = c.documents().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        let problems: Vec<_> = c
            .problems()
            .iter()
            .map(|p| {
                (
                    p.path.file_name().map(|f| f.to_string_lossy().into_owned()),
                    p.reason.clone(),
                )
            })
            .collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(matches!(problems[0].1, SkipReason::NotFound));
        assert!(matches!(problems[1].1, SkipReason::Binary(_)));
        // `.pdf` files are walked; this one is only a PDF's first bytes.
        assert_eq!(problems[2].0.as_deref(), Some("c.pdf"));
        assert!(matches!(problems[2].1, SkipReason::Binary(_)));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_dangling_links_are_survived() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        fs::create_dir(root.join("d")).expect("mkdir");
        fs::write(root.join("d/a.txt"), "texte").expect("write");
        std::os::unix::fs::symlink(root, root.join("d/loop")).expect("symlink");
        std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("d/dangling.txt"))
            .expect("symlink");
        let c = load_paths(&[root.to_path_buf()], &|_| {});
        assert_eq!(c.len(), 1);
        let reasons: Vec<_> = c.problems().iter().map(|p| p.reason.clone()).collect();
        assert!(reasons.contains(&SkipReason::SymlinkLoop), "{reasons:?}");
        assert!(
            reasons.contains(&SkipReason::DanglingSymlink),
            "{reasons:?}"
        );
    }
}
