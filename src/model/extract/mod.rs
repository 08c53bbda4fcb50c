//! Rule-based reference extraction: one small extractor per kind of citation.
//! Each works on the whole text and reports byte spans; the document builder
//! turns spans into lines and columns.

pub mod article;
pub mod decision;
pub mod link;
pub mod symbol;

use crate::model::reference::RefKind;
use std::ops::Range;

/// A citation found by an extractor, before positions are computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// What was cited.
    pub kind: RefKind,
    /// Canonical key.
    pub key: String,
    /// Byte offset of the start of the cited text.
    pub start: usize,
    /// Byte offset past its end.
    pub end: usize,
}

impl Found {
    /// A citation of `kind` with `key`, spanning `start..end`.
    pub fn new(kind: RefKind, key: impl Into<String>, start: usize, end: usize) -> Self {
        Self {
            kind,
            key: key.into(),
            start,
            end,
        }
    }
}

/// Every citation in `text`, in text order, without duplicates.
pub fn extract_all(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let links = link::extract(text);
    symbol::extract(text, &links.covered, &mut found);
    decision::extract(text, &mut found);
    article::extract(text, &mut found);
    found.extend(links.found);
    found.sort_by(|a, b| (a.start, a.end, &a.key).cmp(&(b.start, b.end, &b.key)));
    found.dedup_by(|a, b| a.key == b.key && a.start == b.start);
    found
}

/// `ranges` sorted by start, overlapping ones merged.
pub(crate) fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_unstable_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// True when `r` lies inside one of `ranges` (sorted and disjoint).
pub(crate) fn within(ranges: &[Range<usize>], r: &Range<usize>) -> bool {
    let after = ranges.partition_point(|s| s.start <= r.start);
    after > 0 && r.end <= ranges[after - 1].end
}

/// True when one of `ranges` (sorted and disjoint) holds byte `pos`.
pub(crate) fn covers(ranges: &[Range<usize>], pos: usize) -> bool {
    let after = ranges.partition_point(|s| s.start <= pos);
    after > 0 && pos < ranges[after - 1].end
}

/// True when byte `pos` of `text` is preceded by an ASCII letter or digit (or
/// one of `extra`), so that a match starting there would begin mid-word.
pub(crate) fn glued_before(text: &str, pos: usize, extra: &[u8]) -> bool {
    pos > 0 && {
        let b = text.as_bytes()[pos - 1];
        b.is_ascii_alphanumeric() || extra.contains(&b)
    }
}

/// True when byte `pos` of `text` starts with an ASCII letter or digit (or one
/// of `extra`), so that a match ending there would end mid-word.
pub(crate) fn glued_after(text: &str, pos: usize, extra: &[u8]) -> bool {
    text.as_bytes()
        .get(pos)
        .is_some_and(|b| b.is_ascii_alphanumeric() || extra.contains(b))
}

/// The keys an extractor finds in `text`, in text order (for the extractors' tests).
#[cfg(test)]
pub(crate) fn keys_found_by(extract: fn(&str, &mut Vec<Found>), text: &str) -> Vec<String> {
    let mut out = Vec::new();
    extract(text, &mut out);
    out.sort_by_key(|f| f.start);
    out.into_iter().map(|f| f.key).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        extract_all(text).into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn sentence_with_every_kind() {
        let text = "Par sa décision 4/4, la Conférence a créé un groupe de travail, conformément au paragraphe 3 de l'article 32 de la Convention et au paragraphe 2 de l'article 2 de son règlement intérieur (voir CTOC/COP/2008/19 et <http://www.unodc.org/x.html>, ou [a@b.org](mailto:a@b.org)).";
        assert_eq!(
            keys(text),
            [
                "decision:4/4",
                "article:convention:32:3",
                "article:rules:2:2",
                "symbol:CTOC/COP/2008/19",
                "url:http://www.unodc.org/x.html",
                "email:a@b.org",
            ]
        );
    }

    #[test]
    fn range_helpers() {
        let ranges = merge(vec![5..9, 0..2, 6..12, 20..25]);
        assert_eq!(ranges, [0..2, 5..12, 20..25]);
        assert!(covers(&ranges, 5) && covers(&ranges, 11) && !covers(&ranges, 12));
        assert!(
            within(&ranges, &(6..12)) && !within(&ranges, &(10..21)) && !within(&ranges, &(3..4))
        );
    }

    #[test]
    fn spans_point_at_the_citation() {
        let text = "voir (CTOC/COP/WG.4/2011/8).";
        let f = &extract_all(text)[0];
        assert_eq!(&text[f.start..f.end], "CTOC/COP/WG.4/2011/8");
    }
}
