//! Matching and ranking: a query (fzf-like: space-separated words, each matched
//! fuzzily, accent- and case-insensitive) scored against candidates with
//! nucleo's matcher, in parallel, cancellable between chunks.

use crate::model::fold::{fold, fold_char};
use crate::search::candidates::{CandidateKind, CandidateSet};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
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
    /// matches are a subset of this one's.
    pub fn is_refined_by(&self, longer: &Query) -> bool {
        !self.is_empty()
            && longer.folded.starts_with(&self.folded)
            && !self.folded.ends_with('\\')
            && !longer.folded[self.folded.len()..].contains(['|', '!', '^', '$', '\''])
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

/// Scores candidate `i` of `set` against `query` (None when it does not match).
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
    let exact = match kind {
        CandidateKind::Symbol => folded == query.folded,
        CandidateKind::Document => folded
            .strip_prefix(query.folded.as_str())
            .is_some_and(|rest| rest.starts_with("  ")),
        _ => false,
    };
    Some(score + kind_bonus(kind) + if exact { EXACT } else { 0 })
}

/// The `limit` best candidates of `set` (restricted to `within` when given:
/// the matches of a shorter query) for `query`. Stops early when `cancel` is set.
pub fn search(
    set: &CandidateSet,
    query: &Query,
    limit: usize,
    within: Option<&[u32]>,
    cancel: &AtomicBool,
) -> (SearchOutcome, Vec<u32>) {
    let total = within.map_or(set.len(), <[u32]>::len);
    let index_of = |k: usize| within.map_or(k as u32, |w| w[k]);
    let chunks: Vec<(usize, usize)> = (0..total)
        .step_by(CHUNK)
        .map(|s| (s, (s + CHUNK).min(total)))
        .collect();
    let per_chunk: Vec<Option<Vec<Match>>> = chunks
        .par_iter()
        .map_init(
            || (Matcher::new(Config::DEFAULT), Vec::new()),
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
                    } else if let Some(score) = score_one(set, query, matcher, buf, i as usize) {
                        out.push(Match { index: i, score });
                    }
                }
                Some(out)
            },
        )
        .collect();
    let cancelled = per_chunk.iter().any(Option::is_none);
    let mut all: Vec<Match> = per_chunk.into_iter().flatten().flatten().collect();
    let matched_ids: Vec<u32> = all.iter().map(|m| m.index).collect();
    let matched = all.len();
    let order = |a: &Match, b: &Match| {
        b.score
            .cmp(&a.score)
            .then_with(|| {
                set.get(a.index as usize)
                    .kind
                    .cmp(&set.get(b.index as usize).kind)
            })
            .then_with(|| a.index.cmp(&b.index))
    };
    if all.len() > limit && limit > 0 {
        all.select_nth_unstable_by(limit - 1, order);
        all.truncate(limit);
    }
    all.sort_unstable_by(order);
    all.truncate(limit);
    (
        SearchOutcome {
            matches: all,
            matched,
            searched: total,
            cancelled,
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
        let before = folded.chars().count();
        fold_char(c, &mut folded);
        let after = folded.chars().count();
        origin.extend(std::iter::repeat_n(ci, after - before));
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
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
    }
}
