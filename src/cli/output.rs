//! Output of the CLI: a buffered, locked stdout on which a closed pipe is a
//! quiet end (`dossier grep x | head -1`), JSON (compact or pretty), aligned
//! tables, and truncation to the terminal width. Document text printed for a
//! person always goes through [`crate::sanitize`], so it cannot drive the terminal.

use crate::sanitize::{inert, inert_line};
use serde::Serialize;
use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};
use std::process::ExitCode;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Width assumed when stdout is not a terminal.
pub const DEFAULT_WIDTH: usize = 100;

/// Narrowest width used for layout, however small the terminal.
const MIN_WIDTH: usize = 40;

/// Narrowest a table column is made when the table does not fit.
const MIN_COLUMN: usize = 8;

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for a person.
    Human,
    /// One line of JSON.
    Json,
    /// Indented JSON.
    PrettyJson,
}

/// How a command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was printed.
    Done,
    /// The search found nothing (exit code 1).
    NothingFound,
}

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// Bad usage or input: the message says what to do (exit code 2).
    Usage(String),
    /// Writing the output failed (a closed pipe is a quiet success).
    Io(io::Error),
    /// Anything else (exit code 2).
    Other(anyhow::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        Failure::Io(e.into())
    }
}

/// Prints `message` on stderr after `dossier: `, control characters made inert.
pub fn warn(message: &str) {
    let mut err = io::stderr().lock();
    // Each line made inert on its own: the message's own line breaks stay
    // line breaks, never a control picture.
    let lines: Vec<_> = message.split('\n').map(inert).collect();
    let _ = writeln!(err, "dossier: {}", lines.join("\n"));
}

/// The exit code of a run, after reporting its failure on stderr.
pub fn exit_code(result: Result<Outcome, Failure>) -> ExitCode {
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            warn(&format!("cannot write the output: {e}"));
            ExitCode::from(2)
        }
        Err(Failure::Usage(message)) => {
            warn(&message);
            ExitCode::from(2)
        }
        Err(Failure::Other(e)) => {
            warn(&format!("{e:#}"));
            ExitCode::from(2)
        }
    }
}

/// Standard output, buffered, with the format and width to print in.
pub struct Out {
    w: BufWriter<StdoutLock<'static>>,
    format: Format,
    width: usize,
}

impl Out {
    /// Locks stdout for a command printing in `format`.
    pub fn new(format: Format) -> Self {
        let stdout = io::stdout();
        let width = if stdout.is_terminal() {
            crossterm::terminal::size().map_or(DEFAULT_WIDTH, |(w, _)| usize::from(w))
        } else {
            DEFAULT_WIDTH
        };
        Out {
            w: BufWriter::with_capacity(64 * 1024, stdout.lock()),
            format,
            width: width.max(MIN_WIDTH),
        }
    }

    /// True when printing JSON.
    pub fn is_json(&self) -> bool {
        self.format != Format::Human
    }

    /// Width available for a line of human output.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Prints `value` as JSON, compact or pretty, and a newline; control
    /// characters in strings are escaped (see [`crate::json`]).
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Failure> {
        crate::json::write(&mut self.w, value, self.format == Format::PrettyJson)?;
        self.w.write_all(b"\n")?;
        Ok(())
    }

    /// True when printing JSON on one line.
    pub fn is_compact_json(&self) -> bool {
        self.format == Format::Json
    }

    /// Prints `text`, JSON already written on one line by
    /// [`crate::json::write`] (so made inert), and a newline.
    pub fn json_text(&mut self, text: &[u8]) -> Result<(), Failure> {
        self.w.write_all(text)?;
        self.w.write_all(b"\n")?;
        Ok(())
    }

    /// Writes one item of a JSON array written piece by piece, opening the
    /// array before the `first`.
    pub fn json_item<T: Serialize>(&mut self, first: bool, item: &T) -> Result<(), Failure> {
        let pretty = self.format == Format::PrettyJson;
        self.w.write_all(match (first, pretty) {
            (true, false) => b"[",
            (true, true) => b"[\n",
            (false, false) => b",",
            (false, true) => b",\n",
        })?;
        crate::json::write(&mut self.w, item, pretty)?;
        Ok(())
    }

    /// Closes a JSON array written by [`Out::json_item`] (`any`: whether an
    /// item was written; else the array is empty).
    pub fn json_array_end(&mut self, any: bool) -> Result<(), Failure> {
        let pretty = self.format == Format::PrettyJson;
        self.w.write_all(match (any, pretty) {
            (false, _) => b"[]\n".as_slice(),
            (true, false) => b"]\n",
            (true, true) => b"\n]\n",
        })?;
        Ok(())
    }

    /// Prints one line of human output, control characters made inert
    /// (whatever the caller did: ids and keys come from file names and users).
    pub fn line(&mut self, text: &str) -> Result<(), Failure> {
        self.w.write_all(inert(text).as_bytes())?;
        self.w.write_all(b"\n")?;
        Ok(())
    }

    /// Prints `pieces` as one line, control characters made inert.
    pub fn pieces(&mut self, pieces: &[&str]) -> Result<(), Failure> {
        for p in pieces {
            self.w.write_all(inert(p).as_bytes())?;
        }
        self.w.write_all(b"\n")?;
        Ok(())
    }

    /// Prints document text for a person, control characters made inert.
    pub fn text(&mut self, text: &str) -> Result<(), Failure> {
        self.w.write_all(inert(text).as_bytes())?;
        if !text.ends_with('\n') {
            self.w.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Prints `table` aligned, cut to the width.
    pub fn table(&mut self, table: &Table) -> Result<(), Failure> {
        for row in table.render(self.width) {
            self.line(&row)?;
        }
        Ok(())
    }

    /// Sends what is buffered on its way (the command goes on).
    pub fn flush(&mut self) -> Result<(), Failure> {
        self.w.flush()?;
        Ok(())
    }

    /// Flushes what is buffered; the command succeeded.
    pub fn finish(mut self) -> Result<Outcome, Failure> {
        self.w.flush()?;
        Ok(Outcome::Done)
    }
}

/// Rows of cells printed in aligned columns; every cell is made inert and
/// single-line, and cut when the table is wider than the line.
#[derive(Debug, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    caps: Vec<usize>,
}

impl Table {
    /// A table with these column headers.
    pub fn new(header: &[&str]) -> Self {
        Table {
            header: header.iter().map(|h| (*h).to_string()).collect(),
            rows: Vec::new(),
            caps: Vec::new(),
        }
    }

    /// Limits the width of column `column` (cells wider are truncated).
    pub fn cap(mut self, column: usize, width: usize) -> Self {
        if self.caps.len() <= column {
            self.caps.resize(column + 1, usize::MAX);
        }
        self.caps[column] = width;
        self
    }

    /// Adds a row; its cells are made inert and single-line here.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        self.rows.push(
            cells
                .iter()
                .map(|c| inert_line(c.as_ref()).into_owned())
                .collect(),
        );
    }

    /// The lines of the table, for a line `width` columns wide: when the
    /// natural widths do not fit, the widest columns are narrowed first.
    pub fn render(&self, width: usize) -> Vec<String> {
        let mut columns = Columns::new(&[]);
        columns.header.clone_from(&self.header);
        columns.widths = self.header.iter().map(|h| h.width()).collect();
        columns.caps.clone_from(&self.caps);
        for row in &self.rows {
            columns.measure(row);
        }
        let columns = columns.fit(width);
        let mut lines = Vec::with_capacity(self.rows.len() + 1);
        lines.push(columns.header());
        for row in &self.rows {
            lines.push(columns.line(row));
        }
        lines
    }
}

/// The columns of a table printed row by row, never held whole: measure
/// every row, [`Columns::fit`] the line, then format each row again.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    header: Vec<String>,
    widths: Vec<usize>,
    caps: Vec<usize>,
}

impl Columns {
    /// Columns with these headers, as wide as their headers so far.
    pub fn new(header: &[&str]) -> Self {
        Columns {
            header: header.iter().map(|h| (*h).to_string()).collect(),
            widths: header.iter().map(|h| h.width()).collect(),
            caps: Vec::new(),
        }
    }

    /// Widens the columns to hold `cells` (made inert and single-line, as printed).
    pub fn measure<S: AsRef<str>>(&mut self, cells: &[S]) {
        for (c, cell) in cells.iter().enumerate().take(self.widths.len()) {
            let cap = self.caps.get(c).copied().unwrap_or(usize::MAX);
            let w = inert_line(cell.as_ref()).width().min(cap);
            self.widths[c] = self.widths[c].max(w);
        }
    }

    /// The columns narrowed, widest first, to fit a line `width` columns wide.
    pub fn fit(mut self, width: usize) -> Self {
        let gaps = 2 * self.widths.len().saturating_sub(1);
        while self.widths.iter().sum::<usize>() + gaps > width {
            let Some((widest, &w)) = self.widths.iter().enumerate().max_by_key(|&(i, w)| (*w, i))
            else {
                break;
            };
            if w <= MIN_COLUMN {
                break;
            }
            self.widths[widest] = w - 1;
        }
        self
    }

    /// The header line.
    pub fn header(&self) -> String {
        self.line(&self.header)
    }

    /// One row, each cell made inert and single-line, cut or padded to its column.
    pub fn line<S: AsRef<str>>(&self, cells: &[S]) -> String {
        let columns = self.widths.len();
        let mut line = String::new();
        for (c, cell) in cells.iter().enumerate().take(columns) {
            let safe = inert_line(cell.as_ref());
            let shown = truncate(&safe, self.widths[c]);
            line.push_str(&shown);
            if c + 1 < columns {
                pad(
                    &mut line,
                    self.widths[c] - shown.width().min(self.widths[c]) + 2,
                );
            }
        }
        line.truncate(line.trim_end().len());
        line
    }
}

fn pad(line: &mut String, n: usize) {
    line.extend(std::iter::repeat_n(' ', n));
}

pub use crate::text_width::truncate;

/// A window of about `width` columns of the single line `line`, around the
/// character at `focus` (0-based), with `…` where it was cut; made inert.
pub fn window(line: &str, focus: usize, width: usize) -> String {
    let safe = inert_line(line.trim_end());
    let chars: Vec<char> = safe.chars().collect();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    let chars = &chars[lead..];
    let focus = focus.saturating_sub(lead).min(chars.len());
    let w = |c: &char| c.width().unwrap_or(0);
    let total: usize = chars.iter().map(w).sum();
    if total <= width {
        return chars.iter().collect();
    }
    // Start a quarter of the width before the focus, on a word start when one is near.
    let mut start = focus;
    let mut before = 0;
    while start > 0 && before < width / 4 {
        start -= 1;
        before += w(&chars[start]);
    }
    if start > 0 {
        if let Some(space) = chars[start..focus].iter().position(|c| c.is_whitespace()) {
            start += space + 1;
        }
    }
    let mut used = usize::from(start > 0);
    let mut end = start;
    while end < chars.len() && used + w(&chars[end]) < width {
        used += w(&chars[end]);
        end += 1;
    }
    if end == chars.len() {
        // The end of the line is in view: use the room left before the start.
        end = chars.len();
        used = chars[start..].iter().map(w).sum::<usize>();
        while start > 0 && used + w(&chars[start - 1]) < width {
            start -= 1;
            used += w(&chars[start]);
        }
    }
    let mut out = String::with_capacity(width + 8);
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// `value` or `-` for a missing one.
pub fn or_dash(value: Option<&str>) -> &str {
    value.unwrap_or("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("abcdef", 6), "abcdef");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn table_aligns_and_cuts_the_last_column() {
        let mut t = Table::new(&["ID", "TITLE"]);
        t.row(&["a", "short"]);
        t.row(&["longer", "a title that is far too long for the line"]);
        let lines = t.render(20);
        assert_eq!(lines[0], "ID      TITLE");
        assert_eq!(lines[1], "a       short");
        assert_eq!(lines[2], "longer  a title tha…");
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
    }

    #[test]
    fn table_aligns_double_width_text() {
        let mut t = Table::new(&["DOC", "LANG", "TITLE"]);
        t.row(&["公约文件", "zh", "第4/4号决定"]);
        t.row(&["doc", "fr", "décision 4/4"]);
        let lines = t.render(80);
        let lang_column = |l: &str| l[..l.find("zh").or(l.find("fr")).expect("lang")].width();
        assert_eq!(lang_column(&lines[1]), lang_column(&lines[2]), "{lines:?}");
        assert_eq!(lines[0].find("LANG"), Some(lang_column(&lines[2])));
    }

    #[test]
    fn table_cells_are_inert() {
        let mut t = Table::new(&["X"]);
        t.row(&["a\u{1b}[2Jb\tc"]);
        assert_eq!(t.render(80)[1], "a␛[2Jb c");
    }

    #[test]
    fn window_centres_on_the_focus() {
        let line = "one two three four five six seven eight nine ten eleven twelve thirteen";
        let w = window(line, line.find("nine").expect("nine"), 24);
        assert!(w.starts_with('…') && w.ends_with('…'), "{w}");
        assert!(w.contains("nine"), "{w}");
        assert!(w.width() <= 24, "{w}");
        // Near the end, the window fills the width from the end backwards.
        let w = window(line, line.find("thirteen").expect("end"), 24);
        assert!(w.starts_with('…') && w.ends_with("twelve thirteen"), "{w}");
        assert_eq!(w.width(), 24, "{w}");
        assert_eq!(window("  short  ", 3, 24), "short");
    }
}
