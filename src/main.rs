//! The `dossier` binary: the CLI and, with no command, the TUI explorer.

fn main() -> std::process::ExitCode {
    // A child extracting one PDF or Word file for its parent (see `import::isolate`).
    if let Some(code) = dossier::model::import::isolate::child_main_if_asked() {
        return code;
    }
    dossier::model::contain::install_hook();
    if let Ok(exe) = std::env::current_exe() {
        dossier::model::import::isolate::enable(exe);
    }
    dossier::cli::main()
}
