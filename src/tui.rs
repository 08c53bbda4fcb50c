//! The terminal explorer: terminal setup and restore, the event loop.
//! (Until the explorer lands, `run` prints a short message and the list.)

use crate::model::Corpus;

/// Options of the explorer given on the command line.
#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    /// Print the time to the first full frame on stderr and exit.
    pub bench_startup: bool,
}

/// Opens the explorer on `corpus`.
pub fn run(corpus: Corpus, _options: TuiOptions) -> anyhow::Result<()> {
    println!(
        "dossier: the explorer is not built yet; here are the documents (see `dossier --help` for the commands)."
    );
    for d in corpus.documents() {
        println!("{}\t{}", d.label(), d.display_title());
    }
    Ok(())
}
