//! The command line interface.

/// Entry point of the binary.
pub fn main() -> std::process::ExitCode {
    let corpus = crate::model::load_bundled();
    for d in corpus.documents() {
        println!("{}\t{}", d.id, d.display_title());
    }
    std::process::ExitCode::SUCCESS
}
