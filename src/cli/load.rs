//! Loading the corpus for a command: the bundled documents when no PATHS are
//! given, else the files under PATHS, with a progress bar on a terminal for
//! large corpora, and one `dossier: skipped PATH: REASON` line per problem.

use crate::cli::output::{Failure, warn};
use crate::model::load::{Depth, scan_paths};
use crate::model::{Corpus, Document, LoadEvent, LoadProblem, load_bundled};
use crate::sanitize::inert_line;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// A progress bar is shown only above this many files.
const PROGRESS_MIN_FILES: usize = 200;

/// The corpus of `paths` (the bundled corpus when empty). Problems are
/// reported on stderr and skipped; an empty result is an error saying what to do.
pub fn corpus(paths: &[PathBuf]) -> Result<Corpus, Failure> {
    if paths.is_empty() {
        return Ok(load_bundled());
    }
    let (docs, problems) = scan(paths, Depth::Full, &|doc| doc)?;
    Ok(Corpus::new(docs, problems))
}

/// The documents under `paths` (non-empty) read to `depth` and handed one by
/// one to `visit`, with a progress bar and problem reporting as for [`corpus`].
/// Returns what `visit` made of each document, in corpus order, and the problems.
pub fn scan<T: Send>(
    paths: &[PathBuf],
    depth: Depth,
    visit: &(dyn Fn(Document) -> T + Sync),
) -> Result<(Vec<T>, Vec<LoadProblem>), Failure> {
    // A bar only for a person watching a terminal that understands it.
    let show_progress = std::io::stderr().is_terminal()
        && std::env::var_os("TERM").is_none_or(|term| term != "dumb");
    let bar: OnceLock<ProgressBar> = OnceLock::new();
    let highest = AtomicU64::new(0);
    let on_event = |event| match event {
        LoadEvent::Found { files } if show_progress && files > PROGRESS_MIN_FILES => {
            bar.get_or_init(|| new_bar(files as u64));
        }
        LoadEvent::Found { .. } => {}
        LoadEvent::Loaded { done } => {
            // Events come from several threads; never move the bar backwards.
            let done = done as u64;
            if highest.fetch_max(done, Ordering::Relaxed) < done {
                if let Some(b) = bar.get() {
                    b.set_position(done);
                }
            }
        }
    };
    let (visited, problems) = scan_paths(paths, depth, &on_event, visit);
    if let Some(b) = bar.get() {
        b.finish_and_clear();
    }
    for problem in &problems {
        // One line per problem, whatever the path holds.
        let line = format!("skipped {}: {}", problem.path.display(), problem.reason);
        warn(&inert_line(&line));
    }
    if visited.is_empty() {
        let message = if problems.is_empty() {
            "found no .txt or .md document under the given paths; \
             point dossier at such files or at folders holding them, \
             or give no PATHS to use the bundled corpus"
        } else {
            "no document could be loaded from the given paths (see the lines above); \
             check the paths, or give no PATHS to use the bundled corpus"
        };
        return Err(Failure::Usage(message.to_string()));
    }
    Ok((visited, problems))
}

fn new_bar(files: u64) -> ProgressBar {
    let bar = ProgressBar::new(files);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} reading {pos}/{len} files {wide_bar} {eta}")
    {
        bar.set_style(style);
    }
    bar
}
