//! The `dossier` binary: the CLI and, with no command, the TUI explorer.

fn main() -> std::process::ExitCode {
    dossier::cli::main()
}
