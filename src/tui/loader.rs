//! Reading documents while the explorer is already on screen: a thread reads
//! and parses files in batches (a small first batch, so the list fills at
//! once), and the event loop adds each batch to the corpus between frames.

use crate::app::state::Loading;
use crate::model::Corpus;
use crate::model::load::load_file;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// Files in the first batch: enough to fill a screen, quick to parse.
const FIRST_BATCH: usize = 64;
/// Files in later batches.
const BATCH: usize = 512;

struct Batch {
    docs: Vec<crate::model::Document>,
    skipped: usize,
}

/// Documents being read in the background.
pub struct Loader {
    rx: Receiver<Batch>,
    total: usize,
    done: usize,
    skipped: usize,
    ids: HashMap<String, usize>,
}

impl Loader {
    /// Starts reading `files`.
    pub fn start(files: Vec<PathBuf>) -> Loader {
        let total = files.len();
        let (tx, rx) = mpsc::channel();
        let _ = std::thread::Builder::new()
            .name("dossier-load".into())
            .spawn(move || {
                let mut start = 0;
                let mut size = FIRST_BATCH;
                while start < files.len() {
                    let end = (start + size).min(files.len());
                    let results: Vec<_> =
                        files[start..end].par_iter().map(|p| load_file(p)).collect();
                    let mut batch = Batch {
                        docs: Vec::with_capacity(results.len()),
                        skipped: 0,
                    };
                    for r in results {
                        match r {
                            Ok(d) => batch.docs.push(d),
                            Err(_) => batch.skipped += 1,
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
            ids: HashMap::new(),
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
    /// else the progress and whether reading is finished.
    pub fn poll(&mut self, corpus: &mut Corpus) -> Option<(Loading, bool)> {
        let mut changed = false;
        loop {
            match self.rx.try_recv() {
                Ok(mut batch) => {
                    // Same rule as the CLI: a repeated id gets `-2`, `-3`, …
                    for d in &mut batch.docs {
                        let n = self.ids.entry(d.id.clone()).or_insert(0);
                        *n += 1;
                        if *n > 1 {
                            d.id = format!("{}-{}", d.id, n);
                        }
                    }
                    self.done += batch.docs.len() + batch.skipped;
                    self.skipped += batch.skipped;
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
        (changed || finished).then(|| (self.progress(), finished))
    }
}
