//! What changed between two versions of a document: a draft and the
//! resolution adopted from it, a revision and its original, two years of one
//! resolution. Paragraphs are paired first (so a renumbered paragraph is
//! matched, not deleted and inserted), then compared word by word.

pub mod paragraphs;
pub mod words;

pub use paragraphs::{Change, Side, changes};
pub use words::{Op, OpKind};

use crate::model::Document;
use crate::model::align::{Mode, align};

/// What changed from `old` to `new`: their paragraphs aligned as two
/// versions in one language (a renumbered or reworded paragraph still
/// pairs), each pair compared word by word, moved paragraphs found.
pub fn documents(old: &Document, new: &Document) -> Vec<Change> {
    let pairs: Vec<_> = align(old, new, Mode::Revision)
        .into_iter()
        .map(|p| (p.left, p.right))
        .collect();
    changes(old, new, &pairs)
}
