//! What changed between two versions of a document: a draft and the
//! resolution adopted from it, a revision and its original, two years of one
//! resolution. Paragraphs are paired first (so a renumbered paragraph is
//! matched, not deleted and inserted), then compared word by word.

pub mod words;

pub use words::{Op, OpKind};
