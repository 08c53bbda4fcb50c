//! Reading documents while the explorer is already on screen: files are read
//! and parsed in parallel, and each arrives in the corpus as soon as it is
//! ready, in path order — except that a file still being read after
//! [`HOLD_BACK`] no longer holds back the ones after it (it is added when it
//! is done). The event loop adds what arrived to the corpus between frames.

use crate::app::state::Loading;
use crate::corpus::kept::{Listed, kept_list};
use crate::model::load::{Depth, LoadProblem, load_one, unique_ids};
use crate::model::store::{FileStat, Store};
use crate::model::{Corpus, Document};
use rayon::prelude::*;
use std::collections::BTreeMap;
#[cfg(test)]
use std::path::Path;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the next file in path order may hold back those read after it.
const HOLD_BACK: Duration = Duration::from_millis(300);
/// How often what is ready is handed to the event loop.
const TICK: Duration = Duration::from_millis(20);

struct Batch {
    docs: Vec<Document>,
    problems: Vec<LoadProblem>,
}

/// What arrived since the last poll.
pub struct Progress {
    /// Where reading is.
    pub loading: Loading,
    /// True once every file is read.
    pub finished: bool,
    /// Files skipped since the last poll, with their reasons.
    pub problems: Vec<LoadProblem>,
    /// Documents read with caveats since the last poll (bytes replaced, a
    /// binary tail left out, changed while read): `name: caveat`.
    pub caveats: Vec<String>,
}

/// Documents being read in the background.
pub struct Loader {
    rx: Receiver<Batch>,
    total: usize,
    done: usize,
    skipped: usize,
    /// Every caveat met so far (`name: caveat`), for the message at the end.
    pub caveats: Vec<String>,
    /// The index the files are read through, once the reading thread has
    /// opened it, and what went wrong opening it.
    index: Arc<Mutex<IndexState>>,
    /// When reading started.
    started: Instant,
}

/// How long reading shows no time left: the pace of the first second says little.
const ETA_AFTER: Duration = Duration::from_secs(2);

/// Seconds left to read `total` files when `done` took `elapsed`, once
/// [`ETA_AFTER`] has passed and something is done.
fn eta(elapsed: Duration, done: usize, total: usize) -> Option<u64> {
    if elapsed < ETA_AFTER || done == 0 || done >= total {
        return None;
    }
    let per_file = elapsed.as_secs_f64() / done as f64;
    Some((per_file * (total - done) as f64).ceil() as u64)
}

/// The index as the reading thread opened it.
#[derive(Default)]
struct IndexState {
    store: Option<Arc<Store>>,
    failure: Option<String>,
    /// The whole list as the index's snapshot keeps it, when every file is
    /// unchanged since it was made: shown while the documents are read.
    listed: Option<Listed>,
}

/// Opens the index the files are read through (on the reading thread): the
/// index, none, or what to say about why it could not be opened.
pub type OpenIndex = Box<dyn FnOnce() -> Result<Option<Arc<Store>>, String> + Send>;

type Loaded = Result<Document, LoadProblem>;

impl Loader {
    /// Starts reading `files`. Ids are given over all of them at once, as the
    /// CLI gives them ([`unique_ids`]), so both name a document the same way.
    #[cfg(test)]
    pub fn start(files: Vec<PathBuf>) -> Loader {
        Self::start_with(files, crate::model::load::load_file)
    }

    /// Like [`Loader::start`], through the index `open` opens (on the
    /// reading thread, so that the first frame does not wait for it), when
    /// there is one: unchanged files come from it, the others are read and
    /// added, and the files it knew under `roots` that are gone are
    /// forgotten at the end. `stats` are the files' stats as the walk took
    /// them (the index trusts them instead of asking again).
    pub fn start_indexed(
        files: Vec<PathBuf>,
        stats: Vec<FileStat>,
        roots: Vec<PathBuf>,
        open: OpenIndex,
    ) -> Loader {
        let index = Arc::new(Mutex::new(IndexState::default()));
        let shared = Arc::clone(&index);
        let mut loader = Self::start_reading(files, move |files, done| {
            let store = match open() {
                Ok(store) => store,
                Err(failure) => {
                    if let Ok(mut s) = shared.lock() {
                        s.failure = Some(failure);
                    }
                    None
                }
            };
            if let Ok(mut s) = shared.lock() {
                s.store.clone_from(&store);
            }
            // The whole list as kept, first: shown while the rest is read.
            let listed = store
                .as_deref()
                .and_then(|store| kept_list(store, &roots, files, &stats));
            if let Ok(mut s) = shared.lock() {
                s.listed = listed;
            }
            read_all(files, done, |i, path| {
                load_one(path, Depth::Full, store.as_deref(), stats.get(i).copied())
            });
            if let Some(store) = store {
                store.finish(&roots, files);
            }
        });
        loader.index = index;
        loader
    }

    /// Like [`Loader::start`], reading each file with `load`.
    #[cfg(test)]
    fn start_with(files: Vec<PathBuf>, load: fn(&Path) -> Loaded) -> Loader {
        Self::start_reading(files, move |files, done| {
            read_all(files, done, |_, path| load(path));
        })
    }

    /// Starts reading `files` on a thread of its own with `read`, which
    /// sends each file's result, by its index in `files`, to its sender.
    fn start_reading(
        files: Vec<PathBuf>,
        read: impl FnOnce(&[PathBuf], Sender<(usize, Loaded)>) + Send + 'static,
    ) -> Loader {
        let total = files.len();
        let (tx, rx) = mpsc::channel();
        let (done_tx, done_rx) = mpsc::channel::<(usize, Loaded)>();
        let _ = std::thread::Builder::new()
            .name("dossier-load".into())
            .spawn(move || read(&files, done_tx));
        let _ = std::thread::Builder::new()
            .name("dossier-load-order".into())
            .spawn(move || deliver(total, &done_rx, &tx));
        Loader {
            rx,
            total,
            done: 0,
            skipped: 0,
            caveats: Vec::new(),
            index: Arc::default(),
            started: Instant::now(),
        }
    }

    /// The whole list as the index's snapshot keeps it, once (when every
    /// file is unchanged since it was made).
    pub fn take_listed(&self) -> Option<Listed> {
        self.index.lock().ok().and_then(|mut i| i.listed.take())
    }

    /// Progress so far.
    pub fn progress(&self) -> Loading {
        let pages = self
            .index
            .lock()
            .ok()
            .and_then(|i| i.store.as_ref().map(|s| s.summary().pages))
            .unwrap_or(0);
        Loading {
            done: self.done,
            total: self.total,
            skipped: self.skipped,
            pages,
            eta_secs: eta(self.started.elapsed(), self.done, self.total),
        }
    }

    /// Adds the batches that arrived to `corpus`: `None` when nothing changed,
    /// else the progress, whether reading is finished and what was skipped.
    pub fn poll(&mut self, corpus: &mut Corpus) -> Option<Progress> {
        let mut changed = false;
        let mut problems = Vec::new();
        let mut caveats = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(batch) => {
                    self.done += batch.docs.len() + batch.problems.len();
                    self.skipped += batch.problems.len();
                    problems.extend(batch.problems);
                    for d in &batch.docs {
                        let name = d.path.file_name().unwrap_or(d.path.as_os_str());
                        for c in &d.caveats {
                            caveats.push(format!("{}: {c}", name.to_string_lossy()));
                        }
                    }
                    corpus.extend(batch.docs);
                    changed = true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.done = self.total;
                    break;
                }
            }
        }
        // An index that could not be opened, and damaged entries (read
        // again), are said with the caveats.
        if let Ok(mut index) = self.index.lock() {
            let mut warnings: Vec<String> = index.failure.take().into_iter().collect();
            if let Some(store) = &index.store {
                warnings.extend(store.take_warnings());
            }
            changed |= !warnings.is_empty();
            caveats.extend(warnings);
        }
        let finished = self.done >= self.total;
        (changed || finished).then(|| Progress {
            loading: self.progress(),
            finished,
            problems,
            caveats,
        })
    }
}

/// Reads `files` in parallel with `load` (given each file's index in
/// `files`), sending each result, by that index, to `done`; ids are given
/// over all of them at once, as the CLI gives them ([`unique_ids`]).
fn read_all(
    files: &[PathBuf],
    done: Sender<(usize, Loaded)>,
    load: impl Fn(usize, &std::path::Path) -> Loaded + Sync,
) {
    let ids = unique_ids(files);
    files
        .par_iter()
        .zip(ids)
        .enumerate()
        .for_each_with(done, |done, (i, (path, id))| {
            let result = load(i, path).map(|mut d| {
                d.id = id;
                d
            });
            let _ = done.send((i, result));
        });
}

/// Hands files read (from `done`) on to `out` in path order, except when the
/// next in order has held back the others for [`HOLD_BACK`]: then whatever is
/// ready goes, and the late file follows when it is done.
fn deliver(total: usize, done: &Receiver<(usize, Loaded)>, out: &Sender<Batch>) {
    let mut ready: BTreeMap<usize, Loaded> = BTreeMap::new();
    let mut delivered = vec![false; total];
    let mut next = 0;
    let mut waiting_since = Instant::now();
    let mut finished = false;
    while !finished || !ready.is_empty() {
        match done.recv_timeout(TICK) {
            Ok((i, r)) => {
                ready.insert(i, r);
                // Take everything else that is already there.
                while let Ok((i, r)) = done.try_recv() {
                    ready.insert(i, r);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => finished = true,
        }
        let held_back = finished || waiting_since.elapsed() >= HOLD_BACK;
        let mut batch = Batch {
            docs: Vec::new(),
            problems: Vec::new(),
        };
        let take: Vec<usize> = if held_back {
            ready.keys().copied().collect()
        } else {
            (next..total)
                .take_while(|i| delivered[*i] || ready.contains_key(i))
                .filter(|i| !delivered[*i])
                .collect()
        };
        for i in take {
            if let Some(r) = ready.remove(&i) {
                delivered[i] = true;
                match r {
                    Ok(d) => batch.docs.push(d),
                    Err(p) => batch.problems.push(p),
                }
            }
        }
        let before = next;
        while next < total && delivered[next] {
            next += 1;
        }
        if next != before {
            waiting_since = Instant::now();
        }
        if !(batch.docs.is_empty() && batch.problems.is_empty()) && out.send(batch).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading `slow.txt` waits until the others are in the corpus.
    fn slow_load(path: &Path) -> Loaded {
        if path.ends_with("slow.txt") {
            let others = path.with_file_name("others-seen");
            let deadline = std::time::Instant::now() + Duration::from_secs(30);
            while !others.exists() && std::time::Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        crate::model::load::load_file(path)
    }

    #[test]
    fn a_slow_file_does_not_hold_back_the_others() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut files = vec![dir.path().join("slow.txt")];
        for i in 0..20 {
            files.push(dir.path().join(format!("small{i:02}.txt")));
        }
        for f in &files {
            std::fs::write(f, "CTOC/COP/2012/1\n\nTexte.\n").expect("write");
        }
        let mut loader = Loader::start_with(files.clone(), slow_load);
        let mut corpus = Corpus::default();
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while corpus.len() < 20 {
            loader.poll(&mut corpus);
            assert!(
                std::time::Instant::now() < deadline,
                "the small files were held back"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        let ids: Vec<_> = corpus.documents().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids[0], "small00");
        std::fs::write(dir.path().join("others-seen"), "").expect("write");
        loop {
            if loader.poll(&mut corpus).is_some_and(|p| p.finished) {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "loading hung");
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(corpus.len(), 21);
        assert_eq!(corpus.documents()[20].id, "slow");
    }

    /// Polls `loader` until every file is in `corpus`.
    fn drain(mut loader: Loader, corpus: &mut Corpus) {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while !loader.poll(corpus).is_some_and(|p| p.finished) {
            assert!(std::time::Instant::now() < deadline, "loading hung");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn the_explorer_reads_through_the_index_and_fills_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let index = tempfile::tempdir().expect("tempdir");
        let files: Vec<PathBuf> = (0..12)
            .map(|i| dir.path().join(format!("doc{i:02}.txt")))
            .collect();
        for (i, f) in files.iter().enumerate() {
            std::fs::write(f, format!("CTOC/COP/2012/{i}\n\nDans sa décision 4/4.\n"))
                .expect("write");
        }
        let roots = vec![dir.path().to_path_buf()];
        let mut plain = Corpus::default();
        drain(Loader::start(files.clone()), &mut plain);
        for round in 0..2 {
            let store = Arc::new(Store::open(index.path()).expect("index"));
            let mut corpus = Corpus::default();
            let handed = Arc::clone(&store);
            let open: OpenIndex = Box::new(move || Ok(Some(handed)));
            let (walked, stats, _) = crate::model::load::discover_stated(&roots, &|_| {});
            assert_eq!(walked, files);
            let loader = Loader::start_indexed(walked, stats, roots.clone(), open);
            drain(loader, &mut corpus);
            let docs = |c: &Corpus| -> Vec<(String, String, Vec<String>)> {
                let mut v: Vec<_> = c
                    .documents()
                    .iter()
                    .map(|d| {
                        let keys = d.references.iter().map(|r| r.key.clone()).collect();
                        (d.id.clone(), d.text.clone(), keys)
                    })
                    .collect();
                v.sort();
                v
            };
            assert_eq!(docs(&corpus), docs(&plain), "round {round}");
            // The index is written once the loading thread is done.
            let deadline = std::time::Instant::now() + Duration::from_secs(30);
            while Arc::strong_count(&store) > 1 {
                assert!(
                    std::time::Instant::now() < deadline,
                    "the loader kept the index"
                );
                std::thread::sleep(Duration::from_millis(5));
            }
            let parsed = store.summary().parsed;
            assert_eq!(parsed, if round == 0 { 12 } else { 0 }, "round {round}");
        }
    }

    #[test]
    fn ids_are_those_of_the_cli_even_when_a_file_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = ["a", "b", "c"]
            .iter()
            .map(|d| {
                std::fs::create_dir_all(dir.path().join(d)).unwrap();
                dir.path().join(d).join("rapport.txt")
            })
            .collect();
        std::fs::write(&files[0], b"\x00binary\x00").unwrap();
        std::fs::write(&files[1], "CTOC/COP/2012/1\n\nTexte.\n").unwrap();
        std::fs::write(&files[2], "CTOC/COP/2012/2\n\nTexte.\n").unwrap();
        let mut loader = Loader::start(files.clone());
        let mut corpus = Corpus::default();
        let mut problems = Vec::new();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            if let Some(p) = loader.poll(&mut corpus) {
                problems.extend(p.problems);
                if p.finished {
                    break;
                }
            }
            assert!(std::time::Instant::now() < deadline, "loading hung");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let ids: Vec<_> = corpus.documents().iter().map(|d| d.id.as_str()).collect();
        let cli = unique_ids(&files);
        assert_eq!(ids, [cli[1].as_str(), cli[2].as_str()]);
        assert_eq!(ids, ["rapport-2", "rapport-3"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, files[0]);
    }
}
