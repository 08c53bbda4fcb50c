//! Loading the corpus for a command: the bundled documents when no PATHS are
//! given, else the files under PATHS, with a progress bar on a terminal for
//! large corpora, and one `dossier: skipped PATH: REASON` line per problem.

use crate::cli::output::{Failure, warn};
use crate::model::decode::Caveat;
use crate::model::load::{Depth, Walked, scan_walked_indexed};
use crate::model::store::{self, LazyStore, Store};
use crate::model::walk::WalkProgress;
use crate::model::{Corpus, Document, LoadEvent, LoadProblem, load_bundled};
use crate::sanitize::inert_line;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A progress bar is shown only above this many files.
const PROGRESS_MIN_FILES: usize = 200;

/// Which index the commands use, as the command line and the environment say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexChoice {
    /// `--no-index`: every file is read afresh, nothing is stored.
    Off,
    /// The platform cache directory ([`store::default_dir`]); silently
    /// without an index when it cannot be used.
    Default,
    /// `--index DIR` or `DOSSIER_INDEX=DIR`.
    Dir(PathBuf),
}

impl IndexChoice {
    /// The choice of `--no-index`, `--index DIR`, then `DOSSIER_INDEX`.
    pub fn from_args(no_index: bool, dir: Option<PathBuf>) -> IndexChoice {
        if no_index {
            return IndexChoice::Off;
        }
        match dir.or_else(|| {
            std::env::var_os(store::INDEX_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        }) {
            Some(dir) => IndexChoice::Dir(dir),
            None => IndexChoice::Default,
        }
    }

    /// The index directory chosen, if any.
    pub fn dir(&self) -> Option<PathBuf> {
        match self {
            IndexChoice::Off => None,
            IndexChoice::Default => store::default_dir(),
            IndexChoice::Dir(d) => Some(d.clone()),
        }
    }

    /// Opens the index chosen, saying nothing: an index named explicitly
    /// that cannot be used is the error (what to say); the default one fails
    /// silently (a home without a cache directory), and the files are then
    /// read without an index. The index's own warnings (a damaged manifest)
    /// wait in it ([`Store::take_warnings`]).
    pub fn open_quietly(&self) -> Result<Option<Store>, String> {
        let Some(dir) = self.dir() else {
            return Ok(None);
        };
        match Store::open(&dir) {
            Ok(s) => Ok(Some(s)),
            Err(e) if matches!(self, IndexChoice::Dir(_)) => {
                Err(format!("index: {e}; reading without it"))
            }
            Err(_) => Ok(None),
        }
    }
}

static INDEX: OnceLock<IndexChoice> = OnceLock::new();

/// Sets the index the commands of this process use (once, from the
/// command line; later calls are ignored).
pub fn set_index(choice: IndexChoice) {
    let _ = INDEX.set(choice);
}

/// The index the commands of this process use.
pub fn index_choice() -> IndexChoice {
    INDEX.get().cloned().unwrap_or(IndexChoice::Default)
}

/// Says on stderr what went wrong with the index itself, one line each
/// (at most a few, then how many more).
pub fn report_index_warnings(store: &Store) {
    const SHOWN: usize = 5;
    let warnings = store.take_warnings();
    for w in warnings.iter().take(SHOWN) {
        warn(&inert_line(w));
    }
    if warnings.len() > SHOWN {
        warn(&format!(
            "index: {} more damaged entries, read again",
            warnings.len() - SHOWN
        ));
    }
}

/// The corpus of `paths` (the bundled corpus when empty). Problems are
/// reported on stderr and skipped; an empty result is an error saying what to do.
pub fn corpus(paths: &[PathBuf]) -> Result<Corpus, Failure> {
    if paths.is_empty() {
        return Ok(load_bundled());
    }
    let (docs, problems) = scan(paths, Depth::Full, &|doc| doc)?;
    Ok(Corpus::new(docs, problems))
}

/// Like [`corpus`], the unchanged files read from the index with their
/// head only, for the commands that list and link documents: `depth` is
/// [`Depth::Head`] (no text), or [`Depth::Listing`] for `list`, `show` and
/// `family` (no text and no references). A document's body is read from
/// the index when it is asked for ([`Corpus::with_body`]).
pub fn corpus_of_heads(paths: &[PathBuf], depth: Depth) -> Result<Corpus, Failure> {
    if paths.is_empty() {
        return Ok(load_bundled());
    }
    let (docs, problems) = scan(paths, depth, &|doc| doc)?;
    let mut corpus = Corpus::new(docs, problems);
    if !corpus.bodies_loaded() {
        corpus.set_body_reader(Arc::new(body_reader(index_choice())));
    }
    Ok(corpus)
}

/// Reads a body through the index `choice` names (opened the first time a
/// body is asked for); a damaged record is said, and its file parsed again.
fn body_reader(
    choice: IndexChoice,
) -> impl Fn(&Document) -> Result<Document, LoadProblem> + Send + Sync {
    let store: OnceLock<Option<Store>> = OnceLock::new();
    move |doc: &Document| {
        let store = store
            .get_or_init(|| choice.open_quietly().ok().flatten())
            .as_ref();
        let result = crate::model::load::load_body(doc, store);
        if let Some(store) = store {
            // A record rebuilt is kept; nothing is forgotten.
            store.flush();
            report_index_warnings(store);
        }
        result
    }
}

/// The documents under `paths` (non-empty) read to `depth` and handed one by
/// one to `visit`, with a progress bar and problem reporting as for [`corpus`].
/// Returns what `visit` made of each document, in corpus order, and the problems.
pub fn scan<T: Send>(
    paths: &[PathBuf],
    depth: Depth,
    visit: &(dyn Fn(Document) -> T + Sync),
) -> Result<(Vec<T>, Vec<LoadProblem>), Failure> {
    let mut visited = Vec::new();
    let problems = scan_with(
        paths,
        depth,
        visit,
        &mut |v| {
            visited.push(v);
            Ok(())
        },
        false,
    )?;
    Ok((visited, problems))
}

/// Like [`scan`], handing what `visit` made of each document to `each` in
/// corpus order as soon as it is ready (for output that streams: `grep`).
/// Problems and caveats are reported once reading is over; an error from
/// `each` stops the reading and is returned.
pub fn scan_each<T: Send>(
    paths: &[PathBuf],
    depth: Depth,
    visit: &(dyn Fn(Document) -> T + Sync),
    each: &mut dyn FnMut(T) -> Result<(), Failure>,
) -> Result<Vec<LoadProblem>, Failure> {
    scan_with(paths, depth, visit, each, true)
}

/// Like [`scan_each`], through the index chosen ([`index_choice`], opened
/// when a file first needs it); `streaming` when `each` prints as it goes
/// (no progress bar on the same terminal).
fn scan_with<T: Send>(
    paths: &[PathBuf],
    depth: Depth,
    visit: &(dyn Fn(Document) -> T + Sync),
    each: &mut dyn FnMut(T) -> Result<(), Failure>,
    streaming: bool,
) -> Result<Vec<LoadProblem>, Failure> {
    let index = ChosenIndex::new();
    let open = || index.open();
    let store = LazyStore::new(&open);
    let progress = Progress::new(streaming);
    let walked = progress.walk(paths);
    let scanned = scan_walked(paths, &walked, depth, &store, &progress, visit, each);
    index.report(store.opened());
    let scanned = scanned?;
    scanned.report()?;
    Ok(scanned.problems)
}

/// The index [`index_choice`] names, opened when asked; what went wrong
/// opening it kept to be said once.
pub struct ChosenIndex {
    choice: IndexChoice,
    failure: Mutex<Option<String>>,
}

impl ChosenIndex {
    /// The index of this process's choice, not opened yet.
    pub fn new() -> Self {
        ChosenIndex {
            choice: index_choice(),
            failure: Mutex::new(None),
        }
    }

    /// Opens it: `None` without an index (the failure kept).
    pub fn open(&self) -> Option<Store> {
        self.choice.open_quietly().unwrap_or_else(|message| {
            if let Ok(mut f) = self.failure.lock() {
                *f = Some(message);
            }
            None
        })
    }

    /// Says on stderr why the index could not be used, and what went wrong
    /// in `store` (when it was opened).
    pub fn report(&self, store: Option<&Store>) {
        if let Some(message) = self.failure.lock().ok().and_then(|mut f| f.take()) {
            warn(&inert_line(&message));
        }
        if let Some(store) = store {
            report_index_warnings(store);
        }
    }
}

impl Default for ChosenIndex {
    fn default() -> Self {
        Self::new()
    }
}

/// What a scan read, before it is said: the problems met (the walk's
/// first) and the documents read with caveats, and how many were read.
pub struct Scanned {
    /// The problems, the walk's first, then the files' in corpus order.
    pub problems: Vec<LoadProblem>,
    /// The documents read with caveats (bytes replaced, a binary tail left
    /// out, a file changed while read), in the order read.
    pub caveats: Vec<(PathBuf, Vec<Caveat>)>,
    /// Documents read.
    pub visited: usize,
}

impl Scanned {
    /// Says the problems and caveats on stderr; the failure met, or the
    /// failure of having read nothing at all.
    pub fn report(&self) -> Result<(), Failure> {
        said(&self.problems, self.caveats.clone(), self.visited)
    }
}

/// The files `walked` found under `paths`, read to `depth` through `store`
/// with `progress` shown, each handed to `visit` and what it makes to
/// `each` in corpus order; an error from `each` stops the reading and is
/// returned. Nothing is said: see [`Scanned::report`].
pub fn scan_walked<T: Send>(
    paths: &[PathBuf],
    walked: &Walked,
    depth: Depth,
    store: &LazyStore,
    progress: &Progress,
    visit: &(dyn Fn(Document) -> T + Sync),
    each: &mut dyn FnMut(T) -> Result<(), Failure>,
) -> Result<Scanned, Failure> {
    let on_event = |event| progress.on_event(event);
    let caveats: Mutex<Vec<(PathBuf, Vec<Caveat>)>> = Mutex::new(Vec::new());
    let noting = |doc: Document| {
        if !doc.caveats.is_empty() {
            if let Ok(mut c) = caveats.lock() {
                c.push((doc.path.clone(), doc.caveats.clone()));
            }
        }
        visit(doc)
    };
    let mut visited = 0usize;
    let mut failed = None;
    let read = scan_walked_indexed(paths, walked, depth, store, &on_event, &noting, &mut |v| {
        visited += 1;
        match each(v) {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        }
    });
    progress.finish();
    if let Some(e) = failed {
        return Err(e);
    }
    let mut problems = walked.problems.clone();
    problems.extend(read);
    Ok(Scanned {
        problems,
        caveats: caveats.into_inner().unwrap_or_else(|e| e.into_inner()),
        visited,
    })
}

/// The end of a scan of files, whichever way they were read: the first
/// failure, else the problems and caveats said on stderr, and a failure
/// when no file was read at all.
pub fn scan_ended(
    failed: Option<Failure>,
    problems: &[LoadProblem],
    caveats: Mutex<Vec<(PathBuf, Vec<Caveat>)>>,
    visited: usize,
) -> Result<(), Failure> {
    if let Some(e) = failed {
        return Err(e);
    }
    said(
        problems,
        caveats.into_inner().unwrap_or_else(|e| e.into_inner()),
        visited,
    )
}

/// Says `problems` and `caveats` on stderr; a failure when nothing was
/// read (`visited`).
fn said(
    problems: &[LoadProblem],
    caveats: Vec<(PathBuf, Vec<Caveat>)>,
    visited: usize,
) -> Result<(), Failure> {
    report_problems(problems);
    report_caveats(caveats);
    if visited == 0 {
        return Err(nothing_loaded(problems));
    }
    Ok(())
}

/// Says on stderr, in path order, the documents read with caveats (bytes
/// replaced, a binary tail left out, a file changed while read).
pub fn report_caveats(caveats: Vec<(PathBuf, Vec<Caveat>)>) {
    for line in caveat_lines(caveats) {
        warn(&line);
    }
}

/// The lines [`report_caveats`] says, in path order.
pub fn caveat_lines(mut caveats: Vec<(PathBuf, Vec<Caveat>)>) -> Vec<String> {
    caveats.sort_by(|a, b| a.0.cmp(&b.0));
    let mut lines = Vec::new();
    for (path, list) in caveats {
        for caveat in list {
            lines.push(inert_line(&format!("{}: {caveat}", path.display())).into_owned());
        }
    }
    lines
}

/// The error when no document was loaded, `problems` being what was met.
pub fn nothing_loaded(problems: &[LoadProblem]) -> Failure {
    let message = if problems.is_empty() {
        "found no .txt or .md document under the given paths; \
         point dossier at such files or at folders holding them, \
         or give no PATHS to use the bundled corpus"
    } else {
        "no document could be loaded from the given paths (see the lines above); \
         check the paths, or give no PATHS to use the bundled corpus"
    };
    Failure::Usage(message.to_string())
}

/// Says on stderr, one line each, the files that were skipped.
pub fn report_problems(problems: &[LoadProblem]) {
    for problem in problems {
        warn(&problem_line(problem));
    }
}

/// The line [`report_problems`] says of `problem`: one, whatever the path
/// holds.
pub fn problem_line(problem: &LoadProblem) -> String {
    inert_line(&format!(
        "skipped {}: {}",
        problem.path.display(),
        problem.reason
    ))
    .into_owned()
}

/// The progress of a load on stderr: the walk's line, then a bar with the
/// files read and the time left, for a person watching a terminal that
/// understands it (and not under output streaming to the same terminal).
pub struct Progress {
    enabled: bool,
    bar: OnceLock<ProgressBar>,
    highest: AtomicU64,
    walk: WalkLine,
}

impl Progress {
    /// Progress shown when stderr is a terminal; `streaming`: stdout
    /// receives output meanwhile.
    pub fn new(streaming: bool) -> Progress {
        let enabled = std::io::stderr().is_terminal()
            && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
            && !(streaming && std::io::stdout().is_terminal());
        Progress {
            enabled,
            bar: OnceLock::new(),
            highest: AtomicU64::new(0),
            walk: WalkLine::new(enabled),
        }
    }

    /// Shows `event`.
    pub fn on_event(&self, event: LoadEvent) {
        match event {
            LoadEvent::Walking(p) => self.walk.show(p),
            LoadEvent::Found { files } if self.enabled && files > PROGRESS_MIN_FILES => {
                self.walk.clear();
                self.bar.get_or_init(|| new_bar(files as u64));
            }
            LoadEvent::Found { .. } => self.walk.clear(),
            LoadEvent::Loaded { done, pages } => {
                // Events come from several threads; never move the bar backwards.
                let done = done as u64;
                if self.highest.fetch_max(done, Ordering::Relaxed) < done {
                    if let Some(b) = self.bar.get() {
                        b.set_position(done);
                        if pages > 0 {
                            b.set_message(format!(", {pages} pages extracted"));
                        }
                    }
                }
            }
        }
    }

    /// The walk of `paths`, its progress shown.
    pub fn walk(&self, paths: &[PathBuf]) -> Walked {
        Walked::of(paths, &|p| self.on_event(LoadEvent::Walking(p)))
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(b) = self.bar.get() {
            b.finish_and_clear();
        }
    }
}

fn new_bar(files: u64) -> ProgressBar {
    let bar = ProgressBar::new(files);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} reading {pos}/{len} files{msg} {wide_bar} {per_sec} {eta} left",
    ) {
        bar.set_style(style);
    }
    bar
}

/// A walk longer than this shows its progress.
const WALK_QUIET: Duration = Duration::from_secs(1);

/// The line that shows a long walk's progress on a terminal (`dossier:
/// walking… 1 200 folders, 30 000 files`), rewritten in place, then cleared.
pub struct WalkLine {
    enabled: bool,
    started: Instant,
    shown: Mutex<Option<Instant>>,
}

impl WalkLine {
    /// A line shown only when `enabled` (stderr is a terminal).
    pub fn new(enabled: bool) -> Self {
        WalkLine {
            enabled,
            started: Instant::now(),
            shown: Mutex::new(None),
        }
    }

    /// Shows `p` once the walk has taken a second, at most ten times a second.
    pub fn show(&self, p: WalkProgress) {
        if !self.enabled || self.started.elapsed() < WALK_QUIET {
            return;
        }
        let Ok(mut shown) = self.shown.lock() else {
            return;
        };
        if shown.is_some_and(|at| at.elapsed() < Duration::from_millis(100)) {
            return;
        }
        *shown = Some(Instant::now());
        eprint!(
            "\r\x1b[2Kdossier: walking… {} folders, {} files",
            p.folders, p.files
        );
    }

    /// Removes the line, if it was shown.
    pub fn clear(&self) {
        if let Ok(mut shown) = self.shown.lock() {
            if shown.take().is_some() {
                eprint!("\r\x1b[2K");
            }
        }
    }
}
