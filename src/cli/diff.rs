//! `dossier diff OLD NEW`: what changed between two documents, paragraph by
//! paragraph and word by word. JSON gives every aligned paragraph with its
//! runs; the human form reads like `git diff --word-diff`: changed
//! paragraphs with `[-deleted-]` and `{+inserted+}` (or colours on a
//! terminal, unless `NO_COLOR` is set), unchanged ones folded into a count.

use crate::cli::documents::lookup_index;
use crate::cli::output::{Failure, Out, Outcome};
use crate::model::diff::{Change, OpKind};
use crate::model::{Corpus, Document};
use serde::Serialize;
use std::io::IsTerminal;

/// What `diff --json` prints.
#[derive(Serialize)]
struct DiffJson<'a> {
    old: &'a str,
    new: &'a str,
    paragraphs: &'a [Change],
}

/// How changes are marked in the human form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// `[-deleted-]{+inserted+}`.
    Brackets,
    /// Red and green (struck and underlined), as `git diff --word-diff=color`.
    Colour,
}

impl Marks {
    /// Colours on a terminal that allows them, brackets elsewhere.
    pub fn for_stdout() -> Marks {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if std::io::stdout().is_terminal() && !no_color {
            Marks::Colour
        } else {
            Marks::Brackets
        }
    }
}

/// `dossier diff OLD NEW` (`all`: unchanged paragraphs shown, not folded).
pub fn diff(
    corpus: &Corpus,
    old: &str,
    new: &str,
    all: bool,
    out: &mut Out,
) -> Result<Outcome, Failure> {
    let (a, b) = (lookup_index(corpus, old)?, lookup_index(corpus, new)?);
    let (Some(da), Some(db)) = (corpus.get(a), corpus.get(b)) else {
        return Err(Failure::Usage("no such document".into()));
    };
    let changes = crate::model::diff::documents(da, db);
    if out.is_json() {
        out.json(&DiffJson {
            old: da.label(),
            new: db.label(),
            paragraphs: &changes,
        })?;
        return Ok(Outcome::Done);
    }
    for line in human(da, db, &changes, all, out.width(), Marks::for_stdout()) {
        out.line(&line)?;
    }
    Ok(Outcome::Done)
}

/// Counts of what changed, for the heading.
fn summary(changes: &[Change]) -> String {
    let count = |f: &dyn Fn(&Change) -> bool| changes.iter().filter(|c| f(c)).count();
    let changed = count(&|c| c.left.is_some() && c.right.is_some() && !c.is_equal() && !c.moved);
    let inserted = count(&|c| c.left.is_none());
    let deleted = count(&|c| c.right.is_none());
    let moved = count(&|c| c.moved);
    let same = count(&|c| c.is_equal());
    let mut parts = vec![format!("{same} unchanged")];
    for (n, what) in [
        (changed, "changed"),
        (inserted, "inserted"),
        (deleted, "deleted"),
        (moved, "moved"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    format!(
        "{} paragraph{}: {}",
        changes.len(),
        if changes.len() == 1 { "" } else { "s" },
        parts.join(", ")
    )
}

/// The human form: a heading, then each changed paragraph under a line
/// saying where it stands on each side, unchanged runs folded into a count
/// (all shown with `all`), text wrapped to `width`.
pub fn human(
    old: &Document,
    new: &Document,
    changes: &[Change],
    all: bool,
    width: usize,
    marks: Marks,
) -> Vec<String> {
    let mut lines = vec![
        format!("diff {} → {}", old.label(), new.label()),
        summary(changes),
    ];
    let mut folded = 0;
    let fold = |folded: &mut usize, lines: &mut Vec<String>| {
        if *folded > 0 {
            lines.push(String::new());
            lines.push(format!(
                "… {} unchanged paragraph{} …",
                folded,
                if *folded == 1 { "" } else { "s" }
            ));
            *folded = 0;
        }
    };
    for c in changes {
        if c.is_equal() && !all {
            folded += 1;
            continue;
        }
        fold(&mut folded, &mut lines);
        lines.push(String::new());
        let at = |s: &Option<crate::model::diff::Side>| {
            s.as_ref().map_or("—".to_string(), |s| {
                if s.start_line == s.end_line {
                    format!("{}", s.start_line)
                } else {
                    format!("{}–{}", s.start_line, s.end_line)
                }
            })
        };
        let what = match (&c.left, &c.right) {
            _ if c.moved => " moved",
            (None, _) => " inserted",
            (_, None) => " deleted",
            _ if c.is_equal() => "",
            _ => " changed",
        };
        lines.push(format!("@@ {} → {}{what} @@", at(&c.left), at(&c.right)));
        lines.extend(wrap(&marked(c, marks), width));
    }
    fold(&mut folded, &mut lines);
    lines
}

/// A change's text with its runs marked.
fn marked(c: &Change, marks: Marks) -> Vec<(String, OpKind)> {
    c.ops
        .iter()
        .map(|o| {
            let text = match (marks, o.kind) {
                (Marks::Brackets, OpKind::Delete) => format!("[-{}-]", o.text),
                (Marks::Brackets, OpKind::Insert) => format!("{{+{}+}}", o.text),
                _ => o.text.clone(),
            };
            (text, o.kind)
        })
        .collect()
}

/// Runs wrapped at spaces to `width` columns, colours added last so that
/// escape codes never count as width.
fn wrap(runs: &[(String, OpKind)], width: usize) -> Vec<String> {
    let width = width.max(20);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for (text, kind) in runs {
        let (on, off) = match kind {
            OpKind::Equal => ("", ""),
            _ if text.starts_with("[-") || text.starts_with("{+") => ("", ""),
            OpKind::Delete => ("\x1b[31;9m", "\x1b[0m"),
            OpKind::Insert => ("\x1b[32;4m", "\x1b[0m"),
        };
        for (i, word) in text.split(' ').enumerate() {
            let w = crate::text_width::width(word);
            let space = usize::from(i > 0);
            if used > 0 && used + space + w > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            } else if space == 1 {
                line.push(' ');
                used += 1;
            }
            if !word.is_empty() {
                line.push_str(on);
                line.push_str(word);
                line.push_str(off);
                used += w;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diff::changes;
    use crate::model::parse::parse_document;

    fn doc(text: &str) -> Document {
        parse_document("d".into(), "d.txt".into(), text.into(), "UTF-8")
    }

    #[test]
    fn reads_like_a_word_diff_with_unchanged_paragraphs_folded() {
        let old = doc(
            "Same first.\n\nSame second.\n\n3. Requests a report at its eighty-first session;\n",
        );
        let new = doc(
            "Same first.\n\nSame second.\n\n3. Requests a short report at its eighty-first session;\n",
        );
        let pairs = [
            (Some(0..1), Some(0..1)),
            (Some(1..2), Some(1..2)),
            (Some(2..3), Some(2..3)),
        ];
        let c = changes(&old, &new, &pairs);
        let lines = human(&old, &new, &c, false, 80, Marks::Brackets);
        assert_eq!(lines[1], "3 paragraphs: 2 unchanged, 1 changed");
        assert!(
            lines.contains(&"… 2 unchanged paragraphs …".to_string()),
            "{lines:#?}"
        );
        assert!(
            lines.contains(&"@@ 5 → 5 changed @@".to_string()),
            "{lines:#?}"
        );
        assert!(
            lines.iter().any(|l| l.contains("a {+short +}report")),
            "{lines:#?}"
        );
        let every = human(&old, &new, &c, true, 80, Marks::Brackets);
        assert!(every.iter().any(|l| l == "Same first."), "{every:#?}");
    }

    #[test]
    fn wrapped_to_the_width_and_coloured_without_counting_escapes() {
        let runs = vec![
            ("alpha beta gamma".to_string(), OpKind::Equal),
            (" delta epsilon".to_string(), OpKind::Insert),
        ];
        let lines = wrap(&runs, 20);
        assert!(lines.len() >= 2, "{lines:?}");
        for l in &lines {
            let plain = l.replace("\x1b[32;4m", "").replace("\x1b[0m", "");
            assert!(crate::text_width::width(&plain) <= 20, "{l:?}");
        }
        assert!(lines.concat().contains("\x1b[32;4mdelta\x1b[0m"));
    }
}
