//! The cost of a bead and the dynamic programme that finds the cheapest
//! monotone chain of beads, in a band around the diagonal.

use super::{Pair, Params, Side, Span, jaccard, token_similarity};

/// The beads tried: paragraphs taken on the left and on the right, and the
/// cost of the kind, −ln of its prior probability (Gale and Church 1993:
/// 1-1 0.89, 1-0 and 0-1 0.0099, 2-1 and 1-2 0.089). No 2-2 bead: on the
/// HURIDOCS gold it lowered the mean F1 from 0.935 to 0.927 (BENCHMARKS.md).
const BEADS: [(usize, usize, f32); 5] = [
    (1, 1, 0.117),
    (1, 0, 0.0),
    (0, 1, 0.0),
    (2, 1, 3.11),
    (1, 2, 3.11),
];

/// Narrowest half-width of the band.
const BAND: usize = 40;

/// Everything a bead's cost reads.
pub(super) struct Costs<'a> {
    pub a: &'a Side,
    pub b: &'a Side,
    /// Characters on the right per character on the left, over the whole documents.
    pub ratio: f32,
    pub p: &'a Params,
}

impl Costs<'_> {
    /// The cost of pairing span `sa` with span `sb`: the total (with the
    /// prior of the kind of bead) and the evidence (the rest).
    pub fn bead(&self, sa: Span, sb: Span) -> (f32, f32) {
        let prior = BEADS
            .iter()
            .find(|b| b.0 == sa.len() && b.1 == sb.len())
            .map_or(0.0, |b| b.2);
        if sa.is_empty() || sb.is_empty() {
            return (self.p.skip, self.p.skip);
        }
        let p = self.p;
        let mut cost = self.length(sa.clone(), sb.clone());
        if p.tokens > 0.0 {
            cost += match token_similarity(self.a, &sa, self.b, &sb) {
                // Tokens on one side only: numbers may be spelled out on the other.
                Some(0.0)
                    if self.a.tokens_of(&sa).is_empty() || self.b.tokens_of(&sb).is_empty() =>
                {
                    p.tokens / 2.0
                }
                Some(j) => p.tokens * (1.0 - j),
                None => 0.0,
            };
        }
        if p.enum_mismatch > 0.0 || p.enum_one_side > 0.0 {
            cost += self.enumerators(sa.start, sb.start);
            match (sa.len(), sb.len()) {
                // Two paragraphs merged on one side: the second should not
                // be enumerated.
                (2, _) if !self.a.enums[sa.start + 1].is_none() => cost += p.enum_one_side,
                (_, 2) if !self.b.enums[sb.start + 1].is_none() => cost += p.enum_one_side,
                _ => {}
            }
        }
        if p.words > 0.0 {
            if let Some(j) = jaccard(self.a.words_of(&sa), self.b.words_of(&sb)) {
                cost += p.words * (1.0 - j);
            }
        }
        (prior + cost, cost)
    }

    /// The length term of pairing `sa` with `sb`: −ln of the probability of
    /// a length difference at least as large, the difference being normal
    /// with a variance proportional to the length (Gale and Church).
    pub fn length(&self, sa: Span, sb: Span) -> f32 {
        let x: f32 = self.a.chars[sa].iter().sum();
        let y: f32 = self.b.chars[sb].iter().sum::<f32>() / self.ratio;
        if x + y <= 0.0 {
            return 0.0;
        }
        let delta = (y - x) / (self.p.variance * (x + y) / 2.0).sqrt();
        self.p.length * -ln_erfc(delta.abs() / std::f32::consts::SQRT_2)
    }

    /// The enumerator term of paragraphs `i` (left) and `j` (right).
    fn enumerators(&self, i: usize, j: usize) -> f32 {
        let (ea, eb) = (&self.a.enums[i], &self.b.enums[j]);
        match (ea.is_none(), eb.is_none()) {
            (true, true) => 0.0,
            (false, false) if ea.agrees(eb) => 0.0,
            (false, false) => self.p.enum_mismatch,
            _ => self.p.enum_one_side,
        }
    }
}

/// ln erfc(z) for z ≥ 0: Abramowitz and Stegun 7.1.26 near zero, the
/// asymptotic expansion further out (where erfc underflows).
fn ln_erfc(z: f32) -> f32 {
    if z < 3.0 {
        let t = 1.0 / (1.0 + 0.327_591_1 * z);
        let poly = t
            * (0.254_829_6
                + t * (-0.284_496_7 + t * (1.421_413_8 + t * (-1.453_152_1 + t * 1.061_405_4))));
        (poly * (-z * z).exp()).max(f32::MIN_POSITIVE).ln()
    } else {
        -z * z - (z * std::f32::consts::PI.sqrt()).ln() + (1.0 - 0.5 / (z * z)).ln()
    }
}

/// The confidence of a bead of evidence cost `cost`.
pub(super) fn score(cost: f32) -> f32 {
    (-cost / 4.0).exp().clamp(0.0, 1.0)
}

/// The band of row `i` of an `n` × `m` programme: the columns reachable near the diagonal.
struct Band {
    n: usize,
    m: usize,
    half: usize,
    /// Index of the first cell of each row.
    start: Vec<usize>,
}

impl Band {
    fn new(n: usize, m: usize) -> Self {
        let slope = m.div_ceil(n.max(1)).max(n.div_ceil(m.max(1)));
        let half = BAND.max(2 * slope + 2).max(n.max(m) / 10);
        let mut band = Band {
            n,
            m,
            half,
            start: Vec::with_capacity(n + 2),
        };
        let mut at = 0;
        for i in 0..=n {
            band.start.push(at);
            let (lo, hi) = band.range(i);
            at += hi - lo + 1;
        }
        band.start.push(at);
        band
    }

    /// First and last column of row `i`.
    fn range(&self, i: usize) -> (usize, usize) {
        let centre = (i * self.m) / self.n.max(1);
        let lo = centre.saturating_sub(self.half);
        let hi = (centre + self.half + 1).min(self.m);
        (lo, hi)
    }

    fn cells(&self) -> usize {
        self.start.last().copied().unwrap_or(0)
    }

    /// The cell of (`i`, `j`), when it is in the band.
    fn cell(&self, i: usize, j: usize) -> Option<usize> {
        let (lo, hi) = self.range(i);
        (lo..=hi).contains(&j).then(|| self.start[i] + j - lo)
    }
}

/// Aligns paragraphs `ra` of the left side with `rb` of the right side and
/// appends the beads to `out`.
pub(super) fn run(c: &Costs, ra: Span, rb: Span, out: &mut Vec<Pair>) {
    let (n, m) = (ra.len(), rb.len());
    if n == 0 || m == 0 {
        out.extend(ra.map(|i| Pair {
            left: Some(i..i + 1),
            right: None,
            score: score(c.p.skip),
        }));
        out.extend(rb.map(|j| Pair {
            left: None,
            right: Some(j..j + 1),
            score: score(c.p.skip),
        }));
        return;
    }
    let band = Band::new(n, m);
    let mut cost = vec![f32::INFINITY; band.cells()];
    let mut back = vec![u8::MAX; band.cells()];
    if let Some(origin) = band.cell(0, 0) {
        cost[origin] = 0.0;
    }
    for i in 0..=n {
        let (lo, hi) = band.range(i);
        for j in lo..=hi {
            let Some(here) = band.cell(i, j) else {
                continue;
            };
            for (k, &(di, dj, prior)) in BEADS.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let Some(from) = band.cell(i - di, j - dj) else {
                    continue;
                };
                let before = cost[from];
                if !before.is_finite() || before + prior >= cost[here] {
                    continue;
                }
                let sa = ra.start + i - di..ra.start + i;
                let sb = rb.start + j - dj..rb.start + j;
                let total = before + c.bead(sa, sb).0;
                if total < cost[here] {
                    cost[here] = total;
                    back[here] = k as u8;
                }
            }
        }
    }
    // Walk back from the end; the band always connects it to the start,
    // through 1-0 and 0-1 beads if nothing better.
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let step = band
            .cell(i, j)
            .and_then(|h| BEADS.get(usize::from(back[h])))
            .copied();
        let (di, dj) = match step {
            Some((di, dj, _)) => (di, dj),
            // Unreachable in a connected band; stay total anyway.
            None if i > 0 => (1, 0),
            None => (0, 1),
        };
        beads.push((i - di, i, j - dj, j));
        (i, j) = (i - di, j - dj);
    }
    for (i0, i1, j0, j1) in beads.into_iter().rev() {
        let sa = ra.start + i0..ra.start + i1;
        let sb = rb.start + j0..rb.start + j1;
        let (_, evidence) = c.bead(sa.clone(), sb.clone());
        out.push(Pair {
            left: (!sa.is_empty()).then_some(sa),
            right: (!sb.is_empty()).then_some(sb),
            score: score(evidence),
        });
    }
}
