//! Reading documents while the explorer is already on screen: a thread reads
//! and parses files in batches (a small first batch, so the list fills at
//! once), and the event loop adds each batch to the corpus between frames.

use crate::app::state::Loading;
use crate::model::Corpus;
use crate::model::import::read_cost;
use crate::model::load::{LoadProblem, load_file, unique_ids};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// Files in the first batch: enough to fill a screen, quick to parse.
const FIRST_BATCH: usize = 64;
/// Files in later batches.
const BATCH: usize = 512;

struct Batch {
    docs: Vec<crate::model::Document>,
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
}

/// Documents being read in the background.
pub struct Loader {
    rx: Receiver<Batch>,
    total: usize,
    done: usize,
    skipped: usize,
}

impl Loader {
    /// Starts reading `files`. Ids are given over all of them at once, as the
    /// CLI gives them ([`unique_ids`]), so both name a document the same way.
    pub fn start(files: Vec<PathBuf>) -> Loader {
        let total = files.len();
        let (tx, rx) = mpsc::channel();
        let _ = std::thread::Builder::new()
            .name("dossier-load".into())
            .spawn(move || {
                let ids = unique_ids(&files);
                let mut start = 0;
                let mut size = FIRST_BATCH;
                while start < files.len() {
                    let end = batch_end(&files, start, size);
                    let results: Vec<_> = files[start..end]
                        .par_iter()
                        .zip(&ids[start..end])
                        .map(|(p, id)| {
                            load_file(p).map(|mut d| {
                                d.id.clone_from(id);
                                d
                            })
                        })
                        .collect();
                    let mut batch = Batch {
                        docs: Vec::with_capacity(results.len()),
                        problems: Vec::new(),
                    };
                    for r in results {
                        match r {
                            Ok(d) => batch.docs.push(d),
                            Err(p) => batch.problems.push(p),
                        }
                    }
                    if tx.send(batch).is_err() {
                        return;
                    }
                    start = end;
                    size = BATCH;
                }
            });
        Loader {
            rx,
            total,
            done: 0,
            skipped: 0,
        }
    }

    /// Progress so far.
    pub fn progress(&self) -> Loading {
        Loading {
            done: self.done,
            total: self.total,
            skipped: self.skipped,
        }
    }

    /// Adds the batches that arrived to `corpus`: `None` when nothing changed,
    /// else the progress, whether reading is finished and what was skipped.
    pub fn poll(&mut self, corpus: &mut Corpus) -> Option<Progress> {
        let mut changed = false;
        let mut problems = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(batch) => {
                    self.done += batch.docs.len() + batch.problems.len();
                    self.skipped += batch.problems.len();
                    problems.extend(batch.problems);
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
        let finished = self.done >= self.total;
        (changed || finished).then(|| Progress {
            loading: self.progress(),
            finished,
            problems,
        })
    }
}

/// The end of the batch starting at `start`: files up to a cost of `budget`
/// ([`read_cost`]: a PDF counts for many text files), at least one.
fn batch_end(files: &[PathBuf], start: usize, budget: usize) -> usize {
    let mut cost = 0;
    let mut end = start;
    while end < files.len() && (end == start || cost + read_cost(&files[end]) <= budget) {
        cost += read_cost(&files[end]);
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_sized_by_cost() {
        let files: Vec<PathBuf> = ["a.txt", "b.pdf", "c.txt", "d.docx", "e.md"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(batch_end(&files, 0, 64), 3);
        assert_eq!(batch_end(&files, 3, 64), 5);
        assert_eq!(batch_end(&files, 0, 33), 2);
        assert_eq!(batch_end(&files, 1, 33), 3);
        assert_eq!(
            batch_end(&files, 1, 1),
            2,
            "a batch holds at least one file"
        );
        assert_eq!(batch_end(&files, 5, 64), 5);
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
