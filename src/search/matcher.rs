//! Matching and ranking: a query (fzf-like: space-separated words, each matched
//! fuzzily, accent- and case-insensitive) scored against candidates with
//! nucleo's matcher, in parallel, cancellable between chunks.
//!
//! Scoring is in two passes: every candidate is matched with a cheap greedy
//! score (linear in its length; a candidate matches in this pass exactly when
//! it matches at all), then only the best few hundred are scored with nucleo's
//! optimal matcher and ranked by that score. Scoring every match optimally
//! (quadratic per long line) was 80 % of the cost of a broad query.

use crate::model::fold::{fold, fold_char};
use crate::search::candidates::{CandidateKind, CandidateSet};
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Candidates scored per unit of parallel work; cancellation is checked between units.
const CHUNK: usize = 16 * 1024;

/// A parsed query.
#[derive(Debug, Clone)]
pub struct Query {
    raw: String,
    folded: String,
    pattern: Pattern,
}

/// Longest query searched, in characters: every word of a query is matched
/// against every candidate, so a longer one (a pasted page) would cost its
/// length times the corpus.
pub const MAX_QUERY_CHARS: usize = 256;

impl Query {
    /// Parses what the user typed.
    pub fn new(raw: &str) -> Self {
        let folded = fold(raw.trim());
        let pattern = Pattern::parse(&folded, CaseMatching::Ignore, Normalization::Never);
        Query {
            raw: raw.to_string(),
            folded,
            pattern,
        }
    }

    /// What the user typed.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// True when the query matches everything (nothing typed).
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// True when `longer` only adds characters at the end of this query, so its
    /// matches are a subset of this one's. Not so when the added characters
    /// extend a negated word (`!grou` → `!group` matches more), a word anchored
    /// at the end (`tion$` → `tion$s`), or a bare operator (`^` → `^a`).
    pub fn is_refined_by(&self, longer: &Query) -> bool {
        if self.is_empty()
            || !longer.folded.starts_with(&self.folded)
            || self.folded.ends_with('\\')
        {
            return false;
        }
        let added = &longer.folded[self.folded.len()..];
        if added.contains(['|', '!', '^', '$', '\'']) {
            return false;
        }
        let extends_last_word = !added.starts_with(char::is_whitespace);
        let last_word = self
            .folded
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default();
        !(extends_last_word
            && (last_word.starts_with('!')
                || last_word.ends_with('$')
                || last_word
                    .chars()
                    .all(|c| matches!(c, '!' | '^' | '\'' | '$'))))
    }
}

/// One ranked result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index of the candidate in its set.
    pub index: u32,
    /// Score, higher is better.
    pub score: u32,
}

/// The result of a search.
#[derive(Debug, Clone, Default)]
pub struct SearchOutcome {
    /// The best matches, best first, at most the limit asked for.
    pub matches: Vec<Match>,
    /// How many candidates matched in all.
    pub matched: usize,
    /// How many candidates were searched.
    pub searched: usize,
    /// True when the search was cancelled before the end.
    pub cancelled: bool,
}

/// Bonus that lifts an exact symbol match above everything else.
const EXACT: u32 = 1 << 24;

fn kind_bonus(kind: CandidateKind) -> u32 {
    match kind {
        CandidateKind::Document => 12,
        CandidateKind::Symbol => 8,
        CandidateKind::Reference => 4,
        CandidateKind::Line => 0,
    }
}

/// A matcher configured as the query's atoms expect (case folded, no Unicode
/// normalisation: the arena is already folded).
pub fn new_matcher() -> Matcher {
    let mut config = Config::DEFAULT;
    config.ignore_case = true;
    config.normalize = false;
    Matcher::new(config)
}

/// Bonus for a candidate holding every word of the query as written (not
/// only its letters scattered), and more when that candidate is a document
/// (its label and title): `nuclear weapon free zone` ranks the documents of
/// that title above body lines where the letters happen to occur.
const LITERAL: u32 = 1 << 12;
const TITLE: u32 = 1 << 16;

/// The bonuses a candidate gets on top of its fuzzy score: its kind, its
/// holding the query's words as written, and an exact symbol (or document
/// label) match.
fn bonus(kind: CandidateKind, folded: &str, query: &Query) -> u32 {
    let exact = match kind {
        CandidateKind::Symbol => folded == query.folded,
        CandidateKind::Document => folded
            .strip_prefix(query.folded.as_str())
            .is_some_and(|rest| rest.starts_with("  ")),
        _ => false,
    };
    let literal = if has_every_word(folded, query) {
        match kind {
            CandidateKind::Document => TITLE,
            _ => LITERAL,
        }
    } else {
        0
    };
    kind_bonus(kind) + literal + if exact { EXACT } else { 0 }
}

/// True when every plain word of `query` (no operator) occurs in `folded`
/// as written, and there is at least one.
fn has_every_word(folded: &str, query: &Query) -> bool {
    let mut words = query
        .folded
        .split_whitespace()
        .filter(|w| !w.starts_with(['!', '^', '\'']) && !w.ends_with('$') && !w.contains('|'))
        .peekable();
    words.peek().is_some()
        && words.all(|w| memchr::memmem::find(folded.as_bytes(), w.as_bytes()).is_some())
}

/// Scores candidate `i` of `set` against `query` with nucleo's optimal
/// matcher, bonuses included (None when it does not match). This is the
/// score results are ranked by.
pub fn score_one(
    set: &CandidateSet,
    query: &Query,
    matcher: &mut Matcher,
    buf: &mut Vec<char>,
    i: usize,
) -> Option<u32> {
    let folded = set.folded(i);
    let kind = set.get(i).kind;
    let score = query.pattern.score(Utf32Str::new(folded, buf), matcher)?;
    Some(score + bonus(kind, folded, query))
}

/// Scores candidate `i` cheaply: fuzzy words are matched greedily (linear in
/// the length of the text), other atoms as [`score_one`] does. A candidate
/// matches here exactly when it matches in [`score_one`]; only the score may
/// be lower. Used to pick which matches deserve the full score.
pub fn quick_score(
    set: &CandidateSet,
    query: &Query,
    matcher: &mut Matcher,
    buf: &mut Vec<char>,
    i: usize,
) -> Option<u32> {
    let folded = set.folded(i);
    let kind = set.get(i).kind;
    let haystack = Utf32Str::new(folded, buf);
    let mut score = 0u32;
    for atom in &query.pattern.atoms {
        let s = if atom.kind == AtomKind::Fuzzy && !atom.negative {
            matcher.config.ignore_case = true;
            matcher.config.normalize = false;
            matcher.fuzzy_match_greedy(haystack, atom.needle_text())?
        } else {
            atom.score(haystack, matcher)?
        };
        score += u32::from(s);
    }
    Some(score + bonus(kind, folded, query))
}

/// How many of the best quick-scored matches get the full score: enough that
/// the shown results are ranked as the full matcher ranks them.
pub fn rescore_budget(limit: usize) -> usize {
    limit.saturating_mul(4).max(256)
}

/// The order of results: best score first, then kind, then corpus order.
pub fn order(set: &CandidateSet) -> impl Fn(&Match, &Match) -> std::cmp::Ordering + '_ {
    move |a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| {
                set.get(a.index as usize)
                    .kind
                    .cmp(&set.get(b.index as usize).kind)
            })
            .then_with(|| a.index.cmp(&b.index))
    }
}

/// Keeps the `n` first of `all` in `order`, sorted.
fn best(set: &CandidateSet, mut all: Vec<Match>, n: usize) -> Vec<Match> {
    let order = order(set);
    if n == 0 {
        return Vec::new();
    }
    if all.len() > n {
        all.select_nth_unstable_by(n - 1, &order);
        all.truncate(n);
    }
    all.sort_unstable_by(&order);
    all
}

/// Matches candidates `ids[range]` (or `range` itself without `ids`) with
/// [`quick_score`], in parallel; the matches come back in index order. None
/// when cancelled.
pub fn scan(
    set: &CandidateSet,
    query: &Query,
    ids: Option<&[u32]>,
    range: std::ops::Range<usize>,
    cancel: &AtomicBool,
) -> Option<Vec<Match>> {
    scan_chunked(set, query, ids, range, CHUNK, cancel)
}

/// [`scan`] with units of parallel work of `chunk` candidates (tests use
/// tiny chunks to exercise the joining of results).
pub fn scan_chunked(
    set: &CandidateSet,
    query: &Query,
    ids: Option<&[u32]>,
    range: std::ops::Range<usize>,
    chunk: usize,
    cancel: &AtomicBool,
) -> Option<Vec<Match>> {
    let chunk = chunk.max(1);
    let index_of = |k: usize| ids.map_or(k as u32, |w| w[k]);
    let chunks: Vec<(usize, usize)> = range
        .clone()
        .step_by(chunk)
        .map(|s| (s, (s + chunk).min(range.end)))
        .collect();
    let per_chunk: Vec<Option<Vec<Match>>> = chunks
        .par_iter()
        .map_init(
            || (new_matcher(), Vec::new()),
            |(matcher, buf), &(start, end)| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let mut out = Vec::new();
                for k in start..end {
                    let i = index_of(k);
                    if query.is_empty() {
                        out.push(Match {
                            index: i,
                            score: kind_bonus(set.get(i as usize).kind),
                        });
                    } else if let Some(score) = quick_score(set, query, matcher, buf, i as usize) {
                        out.push(Match { index: i, score });
                    }
                }
                Some(out)
            },
        )
        .collect();
    let mut all = Vec::with_capacity(per_chunk.iter().flatten().map(Vec::len).sum());
    for chunk in per_chunk {
        all.extend(chunk?);
    }
    Some(all)
}

/// The matches of `quick` (scored by [`scan`]) that [`rank_shortlist`] needs
/// to rank the `limit` best: the [`rescore_budget`] best by quick score (the
/// `limit` best for an empty query). The shortlist of a union is the shortlist
/// of the shortlists of its parts, so a long search keeps only this.
pub fn shortlist(set: &CandidateSet, query: &Query, quick: Vec<Match>, limit: usize) -> Vec<Match> {
    let n = if query.is_empty() {
        limit
    } else {
        rescore_budget(limit)
    };
    best(set, quick, n)
}

/// The `limit` best of a [`shortlist`], ranked by their full score.
pub fn rank_shortlist(
    set: &CandidateSet,
    query: &Query,
    shortlist: Vec<Match>,
    limit: usize,
) -> Vec<Match> {
    if query.is_empty() {
        return best(set, shortlist, limit);
    }
    let mut matcher = new_matcher();
    let mut buf = Vec::new();
    let rescored = shortlist
        .into_iter()
        .map(|m| Match {
            index: m.index,
            score: score_one(set, query, &mut matcher, &mut buf, m.index as usize)
                .unwrap_or(m.score),
        })
        .collect();
    best(set, rescored, limit)
}

/// The `limit` best of `quick` (matches scored by [`scan`]), ranked by their
/// full score: the [`rescore_budget`] best by quick score are scored fully,
/// then the best `limit` of those are kept.
pub fn rank(set: &CandidateSet, query: &Query, quick: &[Match], limit: usize) -> Vec<Match> {
    rank_shortlist(
        set,
        query,
        shortlist(set, query, quick.to_vec(), limit),
        limit,
    )
}

/// The `limit` best candidates of `set` (restricted to `within` when given:
/// the matches of a shorter query) for `query`, and the ids of every match
/// (in index order, for refining). Stops early when `cancel` is set.
pub fn search(
    set: &CandidateSet,
    query: &Query,
    limit: usize,
    within: Option<&[u32]>,
    cancel: &AtomicBool,
) -> (SearchOutcome, Vec<u32>) {
    let total = within.map_or(set.len(), <[u32]>::len);
    let Some(quick) = scan(set, query, within, 0..total, cancel) else {
        return (
            SearchOutcome {
                searched: total,
                cancelled: true,
                ..SearchOutcome::default()
            },
            Vec::new(),
        );
    };
    let matched_ids: Vec<u32> = quick.iter().map(|m| m.index).collect();
    let matched = quick.len();
    let matches = rank_shortlist(set, query, shortlist(set, query, quick, limit), limit);
    (
        SearchOutcome {
            matches,
            matched,
            searched: total,
            cancelled: false,
        },
        matched_ids,
    )
}

/// Character positions in `text` that `query` matches, for highlighting.
pub fn highlight_positions(query: &Query, text: &str) -> Vec<usize> {
    if query.is_empty() {
        return Vec::new();
    }
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (ci, c) in text.chars().enumerate() {
        let before = folded.len();
        fold_char(c, &mut folded);
        let added = folded[before..].chars().count();
        origin.extend(std::iter::repeat_n(ci, added));
    }
    let mut matcher = new_matcher();
    let mut buf = Vec::new();
    let mut indices = Vec::new();
    query
        .pattern
        .indices(Utf32Str::new(&folded, &mut buf), &mut matcher, &mut indices);
    let mut out: Vec<usize> = indices
        .into_iter()
        .filter_map(|i| origin.get(i as usize).copied())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_bundled;
    use crate::search::candidates::Scope;

    fn run(q: &str, limit: usize) -> Vec<(CandidateKind, String)> {
        let corpus = load_bundled();
        let set = CandidateSet::build(&corpus, Scope::ALL);
        let (out, _) = search(&set, &Query::new(q), limit, None, &AtomicBool::new(false));
        out.matches
            .iter()
            .map(|m| {
                let i = m.index as usize;
                (set.get(i).kind, set.text(&corpus, i).into_owned())
            })
            .collect()
    }

    #[test]
    fn a_title_holding_the_words_ranks_above_scattered_letters() {
        let title = "a/res/79/29  treaty on a nuclear-weapon-free zone in central asia";
        assert!(has_every_word(
            title,
            &Query::new("nuclear weapon free zone")
        ));
        let q = Query::new("weapon zone");
        assert!(has_every_word(title, &q));
        assert!(!has_every_word("w e a p o n z o n e", &q));
        assert!(!has_every_word("anything", &Query::new("!x")));
        assert!(bonus(CandidateKind::Document, title, &q) > bonus(CandidateKind::Line, title, &q));
    }

    #[test]
    fn exact_symbol_ranks_first() {
        let r = run("CTOC/COP/2008/6", 5);
        assert_eq!(r[0], (CandidateKind::Symbol, "CTOC/COP/2008/6".to_string()));
    }

    #[test]
    fn accent_insensitive() {
        let r = run("resolution 5/2", 3);
        assert!(r.iter().any(|(_, t)| t.contains("résolution 5/2")), "{r:?}");
    }

    #[test]
    fn fuzzy_symbol() {
        let r = run("ctoccop2012", 3);
        assert_eq!(r[0].0, CandidateKind::Symbol, "{r:?}");
        assert!(r[0].1.starts_with("CTOC/COP/2012"), "{r:?}");
    }

    #[test]
    fn highlight_maps_back_to_original_characters() {
        let q = Query::new("resol");
        assert_eq!(highlight_positions(&q, "Résolution"), [0, 1, 2, 3, 4]);
        assert_eq!(
            highlight_positions(&q, "Re\u{301}solution"),
            [0, 1, 3, 4, 5]
        );
    }

    #[test]
    fn refinement_is_only_growth() {
        assert!(Query::new("trai").is_refined_by(&Query::new("traite")));
        assert!(!Query::new("traite").is_refined_by(&Query::new("trait")));
        assert!(!Query::new("").is_refined_by(&Query::new("a")));
        assert!(Query::new("!grou tr").is_refined_by(&Query::new("!grou tra")));
        assert!(!Query::new("!grou").is_refined_by(&Query::new("!group")));
        assert!(!Query::new("tion$").is_refined_by(&Query::new("tion$s")));
        assert!(!Query::new("^").is_refined_by(&Query::new("^a")));
        assert!(Query::new("^tr").is_refined_by(&Query::new("^tra")));
    }
}
