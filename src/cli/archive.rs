//! `dossier archive push PATHS --to URL` and `dossier archive status URL`,
//! and choosing the corpus a read command asks: the archive named by
//! `--archive` (or `DOSSIER_ARCHIVE`), else the files read here.

use crate::archive::Archive;
use crate::archive::connect::ARCHIVE_VAR;
use crate::cli::load;
use crate::cli::output::{Failure, Out, Table};
use crate::corpus::Source;
use crate::model::load::Depth;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// The corpus a read command asks: the archive `url` names, or with no
/// `paths` the one `DOSSIER_ARCHIVE` names, else the documents under
/// `paths` (the bundled corpus when none).
pub fn source(url: Option<&str>, paths: &[PathBuf]) -> Result<Box<dyn Source>, Failure> {
    match archive_source(url, paths)? {
        Some(archive) => Ok(archive),
        None => Ok(Box::new(load::corpus(paths)?)),
    }
}

/// Like [`source`], for a command that needs no text but a document's or a
/// citation's (`backlinks`; `list`, `show` and `family`, which follow no
/// citation, at [`Depth::Listing`]): the files are read from the index with
/// their head only (`depth`), a body when it is asked for.
pub fn head_source(
    url: Option<&str>,
    paths: &[PathBuf],
    depth: Depth,
) -> Result<Box<dyn Source>, Failure> {
    match archive_source(url, paths)? {
        Some(archive) => Ok(archive),
        None => Ok(Box::new(load::corpus_of_heads(paths, depth)?)),
    }
}

/// The archive `url` names, or with no `paths` the one `DOSSIER_ARCHIVE`
/// names; `None` when the files are to be read.
pub fn archive_source(
    url: Option<&str>,
    paths: &[PathBuf],
) -> Result<Option<Box<dyn Source>>, Failure> {
    if url.is_some() && !paths.is_empty() {
        return Err(Failure::Usage(
            "give PATHS or --archive URL, not both".to_string(),
        ));
    }
    // PATHS given win over DOSSIER_ARCHIVE.
    let from_env = || std::env::var(ARCHIVE_VAR).ok().filter(|u| !u.is_empty());
    let chosen = match url {
        Some(url) => Some(url.to_string()),
        None if paths.is_empty() => from_env(),
        None => None,
    };
    match chosen {
        Some(url) => {
            let archive = Archive::open(Some(&url)).map_err(|e| Failure::Other(e.into()))?;
            Ok(Some(Box::new(archive)))
        }
        None => Ok(None),
    }
}

/// The archive the explorer opens: `url`, or with no `paths` the one
/// `DOSSIER_ARCHIVE` names; `None` when it opens files. Nothing is
/// connected to here (the explorer's worker does).
pub fn explorer_archive(url: Option<&str>, paths: &[PathBuf]) -> Result<Option<String>, Failure> {
    if url.is_some() && !paths.is_empty() {
        return Err(Failure::Usage(
            "give PATHS or --archive URL, not both".to_string(),
        ));
    }
    let from_env = || std::env::var(ARCHIVE_VAR).ok().filter(|u| !u.is_empty());
    Ok(match url {
        Some(url) => Some(url.to_string()),
        None if paths.is_empty() => from_env(),
        None => None,
    })
}

/// Refuses `--archive` for a command that reads files only.
pub fn files_only(url: Option<&str>, command: &str) -> Result<(), Failure> {
    match url {
        Some(_) => Err(Failure::Usage(format!(
            "`dossier {command}` reads files only, not an archive yet \
             (list, show, refs, backlinks, family, find and grep read one)"
        ))),
        None => Ok(()),
    }
}

/// `dossier archive push PATHS --to URL`.
pub fn push(paths: &[PathBuf], url: Option<&str>) -> Result<(), Failure> {
    let started = Instant::now();
    let archive = Archive::connect(url).map_err(|e| Failure::Other(e.into()))?;
    let corpus = load::corpus(paths)?;
    let terminal = std::io::stderr().is_terminal();
    let shown = archive.shown().to_string();
    let mut last = Instant::now();
    let mut progress = |done: usize, total: usize| {
        // Every batch when piped (a log), at most twice a second on a terminal.
        if total > 0 && (!terminal || done == total || last.elapsed().as_millis() >= 500) {
            last = Instant::now();
            eprintln!("dossier: pushing to {shown}: {done}/{total} documents written");
        }
    };
    let pushed = archive
        .push(corpus.documents(), &mut progress)
        .map_err(|e| Failure::Other(e.into()))?;
    eprintln!(
        "dossier: pushed to {}: {} new, {} changed, {} unchanged in {:.1} s",
        archive.shown(),
        pushed.new,
        pushed.changed,
        pushed.unchanged,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `dossier archive status URL`.
pub fn status(url: Option<&str>, out: &mut Out) -> Result<(), Failure> {
    let archive = Archive::connect(url).map_err(|e| Failure::Other(e.into()))?;
    let status = archive.status().map_err(|e| Failure::Other(e.into()))?;
    if out.is_json() {
        return out.json(&status);
    }
    let version = match status.schema_version {
        Some(v) => format!("{v} (this dossier writes {})", status.supported_version),
        None => "none: no dossier archive here yet (`dossier archive push` creates it)".to_string(),
    };
    let mut table = Table::new(&["ARCHIVE", "VALUE"]);
    let mib = |b: i64| format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0));
    for (name, value) in [
        ("archive", status.archive.clone()),
        ("schema version", version),
        ("documents", status.documents.to_string()),
        ("list rows", status.listed.to_string()),
        ("paragraphs", status.paragraphs.to_string()),
        ("citations", status.citations.to_string()),
        ("tables", mib(status.table_bytes)),
        ("database", mib(status.database_bytes)),
    ] {
        table.row(&[name, &value]);
    }
    out.table(&table)
}
