//! What changed between two documents, paragraph by paragraph: given the
//! paragraphs paired by the aligner, each pair is compared word by word; a
//! paragraph deleted in one place and inserted, much the same, in another is
//! shown once, as moved.

use super::words::{self, Op, OpKind};
use crate::model::Document;
use crate::model::fold::fold;
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Range;

/// Paragraphs of one side: indexes into `Document::paragraphs`, half-open.
pub type Span = Range<usize>;

/// One side of a change: the lines it spans in the text the reader shows
/// (1-based, inclusive) and its text, white space collapsed (no-break
/// spaces included) and hyphens written alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// First line.
    pub start_line: usize,
    /// Last line.
    pub end_line: usize,
    /// The paragraphs' text, lines joined by one space.
    pub text: String,
}

/// A paragraph (or run of paragraphs) of the old version against its
/// counterpart in the new one, with the word-level changes between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The old version's side; `None` for an inserted paragraph.
    pub left: Option<Side>,
    /// The new version's side; `None` for a deleted paragraph.
    pub right: Option<Side>,
    /// Runs of equal, deleted and inserted text.
    pub ops: Vec<Op>,
    /// True when the paragraph was moved: paired across the order of the
    /// others, found deleted in one place and inserted in another.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub moved: bool,
}

impl Change {
    /// True when nothing changed in this paragraph.
    pub fn is_equal(&self) -> bool {
        !self.moved && self.ops.iter().all(|o| o.kind == OpKind::Equal)
    }
}

/// Words two paragraphs must share (Jaccard of their folded word sets) for
/// a deleted and an inserted one to be the same paragraph moved.
const MOVED: f64 = 0.6;

/// Words a paragraph needs to be recognised as moved: short ones ("(a)",
/// "Annex") match by chance.
const MOVED_MIN_WORDS: usize = 6;

/// The changes from `old` to `new`, given `pairs` of their paragraphs in
/// document order (a `None` side: a paragraph with no counterpart).
pub fn changes(
    old: &Document,
    new: &Document,
    pairs: &[(Option<Span>, Option<Span>)],
) -> Vec<Change> {
    let mut out: Vec<Change> = pairs
        .iter()
        .map(|(l, r)| {
            let left = l.clone().and_then(|s| side(old, s));
            let right = r.clone().and_then(|s| side(new, s));
            let ops = match (&left, &right) {
                (Some(l), Some(r)) => words::diff(&l.text, &r.text),
                (Some(l), None) => one(OpKind::Delete, &l.text),
                (None, Some(r)) => one(OpKind::Insert, &r.text),
                (None, None) => Vec::new(),
            };
            Change {
                left,
                right,
                ops,
                moved: false,
            }
        })
        .filter(|c| c.left.is_some() || c.right.is_some())
        .collect();
    join_split_paragraphs(&mut out);
    pair_moves(&mut out);
    out
}

/// Characters a change deletes and inserts.
fn edit_size(ops: &[Op]) -> usize {
    ops.iter()
        .filter(|o| o.kind != OpKind::Equal)
        .map(|o| o.text.chars().count())
        .sum()
}

/// Both sides joined: `a` then `b`.
fn joined(a: &Side, b: &Side) -> Side {
    Side {
        start_line: a.start_line.min(b.start_line),
        end_line: a.end_line.max(b.end_line),
        text: format!("{} {}", a.text, b.text),
    }
}

/// A paragraph printed in two pieces on one side (cut by a page break, or
/// joined in one version and not the other) pairs with one paragraph on the
/// other side: when a paired change is followed by a lone paragraph on one
/// side, and joining the two makes the change smaller by at least half of
/// the lone one, they become one change.
fn join_split_paragraphs(changes: &mut Vec<Change>) {
    let mut i = 0;
    while i + 1 < changes.len() {
        let (head, tail) = changes.split_at_mut(i + 1);
        let (c, next) = (&head[i], &tail[0]);
        let candidate = match (&c.left, &c.right, &next.left, &next.right) {
            (Some(l), Some(r), None, Some(extra)) => Some((l.clone(), joined(r, extra))),
            (Some(l), Some(r), Some(extra), None) => Some((joined(l, extra), r.clone())),
            _ => None,
        };
        let Some((left, right)) = candidate else {
            i += 1;
            continue;
        };
        let lone = edit_size(&next.ops);
        let ops = words::diff(&left.text, &right.text);
        if edit_size(&ops) + lone / 2 <= edit_size(&c.ops) {
            changes[i] = Change {
                left: Some(left),
                right: Some(right),
                ops,
                moved: false,
            };
            changes.remove(i + 1);
        } else {
            i += 1;
        }
    }
}

/// One run of `kind`, or none for an empty text.
fn one(kind: OpKind, text: &str) -> Vec<Op> {
    if text.is_empty() {
        return Vec::new();
    }
    vec![Op {
        kind,
        text: text.to_string(),
    }]
}

/// The side of `doc` spanning paragraphs `span`.
fn side(doc: &Document, span: Span) -> Option<Side> {
    let paragraphs = doc.paragraphs.get(span)?;
    let (first, last) = (paragraphs.first()?, paragraphs.last()?);
    let mut text = String::new();
    for n in first.start_line..=last.end_line {
        for word in doc.line(n).split_whitespace() {
            if !text.is_empty() {
                text.push(' ');
            }
            // Typographic variants of one character are one character:
            // `non‑discriminatory` (a non-breaking hyphen) is not a change.
            text.extend(word.chars().map(|c| match c {
                '\u{2010}' | '\u{2011}' => '-',
                c => c,
            }));
        }
    }
    Some(Side {
        start_line: first.start_line,
        end_line: last.end_line,
        text,
    })
}

/// Folded words of a text, for comparing paragraphs.
fn word_set(text: &str) -> HashSet<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Pairs each deleted paragraph with the inserted one most like it (when
/// alike enough): the pair takes the inserted paragraph's place, marked as
/// moved, and the deletion is dropped.
fn pair_moves(changes: &mut Vec<Change>) {
    let deleted: Vec<usize> = (0..changes.len())
        .filter(|&i| changes[i].right.is_none())
        .collect();
    let inserted: Vec<usize> = (0..changes.len())
        .filter(|&i| changes[i].left.is_none())
        .collect();
    if deleted.is_empty() || inserted.is_empty() {
        return;
    }
    let sets = |ids: &[usize], left: bool| -> Vec<HashSet<String>> {
        ids.iter()
            .map(|&i| {
                let side = if left {
                    &changes[i].left
                } else {
                    &changes[i].right
                };
                side.as_ref().map(|s| word_set(&s.text)).unwrap_or_default()
            })
            .collect()
    };
    let (del_sets, ins_sets) = (sets(&deleted, true), sets(&inserted, false));
    let mut taken = vec![false; inserted.len()];
    let mut dropped = Vec::new();
    for (d, dset) in deleted.iter().zip(&del_sets) {
        if dset.len() < MOVED_MIN_WORDS {
            continue;
        }
        let best = ins_sets
            .iter()
            .enumerate()
            .filter(|(k, iset)| !taken[*k] && iset.len() >= MOVED_MIN_WORDS)
            .map(|(k, iset)| {
                let shared = dset.intersection(iset).count();
                let union = dset.len() + iset.len() - shared;
                (k, shared as f64 / union.max(1) as f64)
            })
            .filter(|&(_, j)| j >= MOVED)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let Some((k, _)) = best else {
            continue;
        };
        taken[k] = true;
        let left = changes[*d].left.take();
        let at = inserted[k];
        if let (Some(l), Some(r)) = (&left, &changes[at].right) {
            changes[at].ops = words::diff(&l.text, &r.text);
        }
        changes[at].left = left;
        changes[at].moved = true;
        dropped.push(*d);
    }
    let dropped: HashSet<usize> = dropped.into_iter().collect();
    let mut i = 0;
    changes.retain(|_| {
        let keep = !dropped.contains(&i);
        i += 1;
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse_document;

    fn doc(text: &str) -> Document {
        parse_document("d".into(), "d.txt".into(), text.into(), "UTF-8")
    }

    #[test]
    fn paired_paragraphs_are_compared_word_by_word() {
        let old = doc(
            "1. Requests a report at its eighty-first session;\n\n2. Decides to remain seized of the matter.\n",
        );
        let new = doc(
            "1. Requests a comprehensive report at its eighty-first session;\n\n2. Decides to remain seized of the matter.\n",
        );
        let c = changes(
            &old,
            &new,
            &[(Some(0..1), Some(0..1)), (Some(1..2), Some(1..2))],
        );
        assert_eq!(c.len(), 2);
        assert!(!c[0].is_equal());
        assert!(c[1].is_equal());
        assert_eq!(
            words::old_text(&c[0].ops),
            c[0].left
                .as_ref()
                .map(|s| s.text.clone())
                .unwrap_or_default()
        );
        assert_eq!(
            c[0].right.as_ref().map(|s| (s.start_line, s.end_line)),
            Some((1, 1))
        );
        assert!(
            c[0].ops
                .iter()
                .any(|o| o.kind == OpKind::Insert && o.text == "comprehensive ")
        );
    }

    #[test]
    fn a_paragraph_moved_is_shown_once() {
        let moved =
            "Encourages Member States to share information on best practices in preventing crime";
        let old = doc(&format!(
            "{moved}\n\nShort one.\n\nWelcomes the report of the Secretary-General.\n"
        ));
        let new = doc(&format!(
            "Welcomes the report of the Secretary-General.\n\nShort one.\n\n{moved}, including online\n"
        ));
        let pairs = [
            (Some(0..1), None),
            (None, Some(0..1)),
            (Some(1..2), Some(1..2)),
            (Some(2..3), None),
            (None, Some(2..3)),
        ];
        let c = changes(&old, &new, &pairs);
        let moved: Vec<&Change> = c.iter().filter(|c| c.moved).collect();
        assert_eq!(moved.len(), 2, "{c:#?}");
        // The long paragraph moved and gained words.
        assert!(moved.iter().any(|m| {
            m.ops
                .iter()
                .any(|o| o.kind == OpKind::Insert && o.text.contains("online"))
        }));
        assert_eq!(c.len(), 3);
    }

    #[test]
    fn a_paragraph_cut_in_two_on_one_side_is_one_change() {
        let old = doc(
            "6. Requests the Secretary-General to bring the present resolution to the attention of all Member States and other relevant stakeholders, for appropriate observance.\n",
        );
        let new = doc(
            "6. Requests the Secretary-General to bring the present resolution to the attention of all Member States and other\n\nrelevant stakeholders, for appropriate observance.\n",
        );
        assert_eq!(new.paragraphs.len(), 2);
        let c = changes(&old, &new, &[(Some(0..1), Some(0..1)), (None, Some(1..2))]);
        assert_eq!(c.len(), 1, "{c:#?}");
        assert!(c[0].is_equal());
        assert_eq!(
            c[0].right.as_ref().map(|s| (s.start_line, s.end_line)),
            Some((1, 3))
        );
        // A lone paragraph that is not the rest of its neighbour stays apart.
        let new = doc(
            "6. Requests the Secretary-General to bring the present resolution to the attention of all Member States and other relevant stakeholders, for appropriate observance.\n\n7. Decides to remain seized of the matter.\n",
        );
        let c = changes(&old, &new, &[(Some(0..1), Some(0..1)), (None, Some(1..2))]);
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn unpaired_paragraphs_are_whole_insertions_and_deletions() {
        let old = doc("Only in the draft, a preambular paragraph of some length.\n");
        let new = doc("Only in the resolution, an operative paragraph.\n");
        let c = changes(&old, &new, &[(Some(0..1), None), (None, Some(0..1))]);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].ops.len(), 1);
        assert_eq!(c[0].ops[0].kind, OpKind::Delete);
        assert_eq!(c[1].ops[0].kind, OpKind::Insert);
        // Spans out of range are dropped, not a panic.
        assert!(changes(&old, &new, &[(Some(5..9), None)]).is_empty());
    }
}
