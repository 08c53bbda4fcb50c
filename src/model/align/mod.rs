//! Paragraph alignment of two documents: two language versions of one text
//! (a translator's check, a delegate reading the original beside the
//! translation), or two versions in one language (a draft and the text
//! adopted from it, `Rev.1` and the original, two years of a resolution).
//!
//! Rule-based and explainable, no model: a dynamic programme over
//! Gale–Church beads (1-1, 1-0, 0-1, 2-1, 1-2) whose cost adds to the
//! length term what UN documents give for free ([`anchors`]): the paragraph
//! enumerator must agree, and the tokens no translation changes (numbers,
//! symbols, footnote marks, URLs, acronyms) should be shared. Between two
//! versions in one language the folded words are compared too, so that a
//! renumbered paragraph still pairs. Paragraphs whose number and tokens
//! match uniquely on both sides are pinned first, and the programme runs
//! between them, in a band around the diagonal ([`dp`]).

pub mod anchors;
mod dp;

use crate::model::document::Document;
use anchors::{Enumerator, enumerator, jaccard, mostly_latin, tokens, union, words};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// A run of paragraphs of one side: indexes into `Document::paragraphs`, half-open.
pub type Span = std::ops::Range<usize>;

/// One bead of an alignment: paragraphs of the left document paired with
/// paragraphs of the right one, or a paragraph with no counterpart (`None`
/// on the other side).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// The left document's paragraphs, or `None` when the right ones have no counterpart.
    pub left: Option<Span>,
    /// The right document's paragraphs, or `None` when the left ones have no counterpart.
    pub right: Option<Span>,
    /// Confidence in 0..=1: `e^(−cost/4)`, the cost being the bead's length
    /// and anchor terms (without the prior of its kind); for an unpaired
    /// paragraph, the cost of leaving it unpaired.
    pub score: f32,
}

/// How two documents relate: two language versions, or two versions in one
/// language (draft/adopted, Rev.1/original, two years).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Two language versions of one text.
    Translation,
    /// Two versions of a text in one language.
    Revision,
}

/// The weights of the alignment cost: every term is explained by one of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Variance per character of the length difference (Gale–Church's 6.8).
    pub variance: f32,
    /// Weight of the length term.
    pub length: f32,
    /// Cost of a paragraph left unpaired.
    pub skip: f32,
    /// Cost of sharing no invariant token (scaled by 1 − Jaccard).
    pub tokens: f32,
    /// Cost of two different enumerators (`3.` against `4.`).
    pub enum_mismatch: f32,
    /// Cost of an enumerator on one side only.
    pub enum_one_side: f32,
    /// Cost of sharing no folded word (scaled by 1 − Jaccard); 0 between languages.
    pub words: f32,
    /// Count capitalised Latin words inside sentences (proper names) as
    /// invariant tokens, when both sides are written in Latin script (off:
    /// on the HURIDOCS gold it lowered the mean F1 from 0.935 to 0.933).
    pub names: bool,
    /// Pin paragraphs whose number and tokens match uniquely before the programme.
    pub pin: bool,
}

impl Params {
    /// The weights for `mode`.
    pub fn for_mode(mode: Mode) -> Self {
        match mode {
            Mode::Translation => Params {
                variance: 6.8,
                length: 1.0,
                skip: 5.3,
                tokens: 6.0,
                enum_mismatch: 6.0,
                enum_one_side: 3.0,
                words: 0.0,
                names: false,
                pin: true,
            },
            Mode::Revision => Params {
                variance: 6.8,
                length: 0.5,
                skip: 5.3,
                tokens: 3.0,
                enum_mismatch: 2.0,
                enum_one_side: 1.0,
                words: 8.0,
                names: false,
                pin: true,
            },
        }
    }

    /// Lengths only: plain Gale–Church, the baseline the anchors improve on.
    pub fn length_only() -> Self {
        Params {
            tokens: 0.0,
            enum_mismatch: 0.0,
            enum_one_side: 0.0,
            words: 0.0,
            pin: false,
            ..Params::for_mode(Mode::Translation)
        }
    }
}

/// Aligns the paragraphs of `a` and `b`, in document order (monotone);
/// beads 1-1, 1-0, 0-1, 2-1 and 1-2. The spans of the pairs cover
/// every paragraph of both sides exactly once, in order.
pub fn align(a: &Document, b: &Document, mode: Mode) -> Vec<Pair> {
    let ta = paragraph_texts(a);
    let tb = paragraph_texts(b);
    align_texts(&ta, &tb, &Params::for_mode(mode))
}

/// The text of each paragraph of `doc`, its lines joined by spaces.
pub fn paragraph_texts(doc: &Document) -> Vec<String> {
    doc.paragraphs
        .iter()
        .map(|p| {
            let mut text = String::new();
            for n in p.start_line..=p.end_line {
                let line = doc.line(n).trim();
                if !line.is_empty() {
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(line);
                }
            }
            text
        })
        .collect()
}

/// Aligns two lists of paragraph texts with the weights `params` (see [`align`]).
pub fn align_texts<S: AsRef<str>>(a: &[S], b: &[S], params: &Params) -> Vec<Pair> {
    let latin = |t: &[S]| {
        let sample: String = t.iter().take(200).map(|s| s.as_ref()).collect();
        mostly_latin(&sample)
    };
    let latin = latin(a) && latin(b);
    let sa = Side::new(a, latin, params.names, params.words > 0.0);
    let sb = Side::new(b, latin, params.names, params.words > 0.0);
    let total_a: f32 = sa.chars.iter().sum();
    let total_b: f32 = sb.chars.iter().sum();
    let ratio = if total_a > 0.0 && total_b > 0.0 {
        total_b / total_a
    } else {
        1.0
    };
    let costs = dp::Costs {
        a: &sa,
        b: &sb,
        ratio,
        p: params,
    };
    let pins = if params.pin {
        pins(&sa, &sb, &costs)
    } else {
        Vec::new()
    };
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in pins {
        dp::run(&costs, i..pi, j..pj, &mut out);
        let (_, evidence) = costs.bead(pi..pi + 1, pj..pj + 1);
        out.push(Pair {
            left: Some(pi..pi + 1),
            right: Some(pj..pj + 1),
            score: dp::score(evidence),
        });
        (i, j) = (pi + 1, pj + 1);
    }
    dp::run(&costs, i..a.len(), j..b.len(), &mut out);
    out
}

/// What the cost reads of the paragraphs of one side.
struct Side {
    /// Characters, spaces left out (a CJK paragraph has none).
    chars: Vec<f32>,
    enums: Vec<Enumerator>,
    tokens: Vec<Vec<u64>>,
    /// Tokens of paragraphs `i` and `i + 1` together.
    tokens2: Vec<Vec<u64>>,
    words: Vec<Vec<u64>>,
    words2: Vec<Vec<u64>>,
}

impl Side {
    fn new<S: AsRef<str>>(texts: &[S], latin: bool, names: bool, with_words: bool) -> Self {
        let mut side = Side {
            chars: Vec::with_capacity(texts.len()),
            enums: Vec::with_capacity(texts.len()),
            tokens: Vec::with_capacity(texts.len()),
            tokens2: Vec::new(),
            words: Vec::new(),
            words2: Vec::new(),
        };
        for t in texts {
            let t = t.as_ref();
            let (e, taken) = enumerator(t);
            let body = t.get(taken..).unwrap_or(t);
            side.chars
                .push(t.chars().filter(|c| !c.is_whitespace()).count() as f32);
            side.enums.push(e);
            side.tokens.push(tokens(body, latin, names));
            if with_words {
                side.words.push(words(body));
            }
        }
        side.tokens2 = pairs(&side.tokens);
        side.words2 = pairs(&side.words);
        side
    }

    /// The tokens of span `s` (one or two paragraphs).
    fn tokens_of(&self, s: &Span) -> &[u64] {
        of(&self.tokens, &self.tokens2, s)
    }

    /// The words of span `s` (one or two paragraphs).
    fn words_of(&self, s: &Span) -> &[u64] {
        of(&self.words, &self.words2, s)
    }
}

fn pairs(sets: &[Vec<u64>]) -> Vec<Vec<u64>> {
    sets.windows(2).map(|w| union(&w[0], &w[1])).collect()
}

fn of<'a>(one: &'a [Vec<u64>], two: &'a [Vec<u64>], s: &Span) -> &'a [u64] {
    let set = if s.len() >= 2 {
        two.get(s.start)
    } else {
        one.get(s.start)
    };
    set.map_or(&[], Vec::as_slice)
}

/// Paragraph pairs to pin before the programme: a numbered paragraph whose
/// number and invariant tokens occur once on each side (or, between versions
/// in one language, a paragraph of three words or more whose words occur
/// once on each side), with plausible lengths; the longest run of them in
/// order on both sides.
fn pins(a: &Side, b: &Side, costs: &dp::Costs) -> Vec<(usize, usize)> {
    let keys = |s: &Side| {
        let mut seen: HashMap<u64, Option<usize>> = HashMap::new();
        for i in 0..s.chars.len() {
            let mut found = Vec::with_capacity(2);
            if let Some(n) = s.enums[i].number() {
                found.push(key(0, n, &s.tokens[i]));
            }
            if let Some(w) = s.words.get(i).filter(|w| w.len() >= 3) {
                found.push(key(1, 0, w));
            }
            for k in found {
                seen.entry(k).and_modify(|e| *e = None).or_insert(Some(i));
            }
        }
        seen
    };
    let (ka, kb) = (keys(a), keys(b));
    let mut matches: Vec<(usize, usize)> = ka
        .iter()
        .filter_map(|(k, i)| Some(((*i)?, (*kb.get(k)?)?)))
        .filter(|&(i, j)| costs.length(i..i + 1, j..j + 1) < 6.0)
        .collect();
    matches.sort_unstable();
    matches.dedup_by_key(|m| m.0);
    longest_increasing(&matches)
}

fn key(kind: u8, n: u32, set: &[u64]) -> u64 {
    let mut h = DefaultHasher::new();
    (kind, n, set).hash(&mut h);
    h.finish()
}

/// The longest subsequence of `pairs` (sorted by first) increasing in second.
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Patience sorting: tails[k] is the index of the smallest end of a run of k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].1 < j);
        prev[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(k) = at {
        run.push(pairs[k]);
        at = prev[k];
    }
    run.reverse();
    run
}

/// Similarity of the invariant tokens of two spans (`None`: neither has any).
fn token_similarity(a: &Side, sa: &Span, b: &Side, sb: &Span) -> Option<f32> {
    jaccard(a.tokens_of(sa), b.tokens_of(sb))
}

#[cfg(test)]
mod tests;
