//! `dossier index [PATHS]`: builds or refreshes the index of PATHS and says
//! what changed; `dossier index --status`: where the index lives, how many
//! files it holds and how big it is.

use crate::cli::load::{self, IndexChoice};
use crate::cli::output::{Failure, Outcome};
use crate::model::load::refresh_paths;
use crate::model::store::{Status, Summary};
use crate::sanitize::inert_line;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// Runs `dossier index`.
pub fn index(paths: &[PathBuf], status: bool) -> Result<Outcome, Failure> {
    let choice = load::index_choice();
    if choice == IndexChoice::Off {
        return Err(Failure::Usage(
            "--no-index leaves nothing to index or report; drop it".into(),
        ));
    }
    let Some(dir) = choice.dir() else {
        return Err(Failure::Usage(
            "no cache directory (neither XDG_CACHE_HOME nor HOME is set); name one with --index DIR"
                .into(),
        ));
    };
    let store = crate::model::store::Store::open(&dir).map_err(|e| Failure::Other(e.into()))?;
    load::report_index_warnings(&store);
    let mut out = std::io::stdout().lock();
    if status {
        writeln!(out, "{}", status_text(&store.status()))?;
        return Ok(Outcome::Done);
    }
    if paths.is_empty() {
        return Err(Failure::Usage(
            "give the PATHS to index (the bundled corpus is built into dossier and needs none)"
                .into(),
        ));
    }
    let started = Instant::now();
    let progress = load::Progress::new(false);
    let (found, problems) = refresh_paths(paths, &store, &|e| progress.on_event(e));
    progress.finish();
    load::report_index_warnings(&store);
    load::report_problems(&problems);
    if found == 0 {
        return Err(Failure::Usage(
            "found no .txt, .md, .pdf, .docx or .odt document under the given paths".into(),
        ));
    }
    let elapsed = started.elapsed().as_secs_f64();
    writeln!(out, "{}", summary_line(&store.summary(), elapsed))?;
    if !store.is_writable() {
        return Err(Failure::Usage(
            inert_line(&format!(
                "the index in {} is read-only: nothing was stored",
                dir.display()
            ))
            .into_owned(),
        ));
    }
    Ok(Outcome::Done)
}

/// `12 new, 3 changed, 1 removed, 99 984 unchanged in 1.1 s (14 parsed, 1 reused by content)`.
fn summary_line(s: &Summary, seconds: f64) -> String {
    format!(
        "{} new, {} changed, {} removed, {} unchanged in {seconds:.1} s ({} parsed, {} reused by content)",
        grouped(s.new),
        grouped(s.changed),
        grouped(s.removed),
        grouped(s.unchanged),
        grouped(s.parsed),
        grouped(s.reused),
    )
}

fn status_text(s: &Status) -> String {
    let mut lines = vec![
        format!(
            "index:    {}",
            inert_line(&s.dir.display().to_string()).into_owned()
        ),
        format!(
            "files:    {} ({} distinct contents)",
            grouped(s.files),
            grouped(s.records)
        ),
        format!(
            "size:     {} in {} pack file{}",
            size(s.bytes),
            s.packs,
            if s.packs == 1 { "" } else { "s" }
        ),
        format!("parser:   {}", s.version),
        format!(
            "writable: {}",
            if s.writable {
                "yes"
            } else {
                "no (read-only: files not indexed are read each time)"
            }
        ),
    ];
    if let Some(other) = &s.other_version {
        lines.push(format!(
            "note:     made by another parser ({}); rebuilt as files are read",
            inert_line(other)
        ));
    }
    lines.join("\n")
}

/// `99 984`: digits in groups of three.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// `12.3 MB`.
fn size(bytes: u64) -> String {
    let b = bytes as f64;
    if b >= 1e9 {
        format!("{:.2} GB", b / 1e9)
    } else if b >= 1e6 {
        format!("{:.1} MB", b / 1e6)
    } else if b >= 1e3 {
        format!("{:.1} kB", b / 1e3)
    } else {
        format!("{bytes} B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(99_984), "99 984");
        assert_eq!(grouped(1_234_567), "1 234 567");
        assert_eq!(size(1_500_000), "1.5 MB");
    }
}
