//! How the list is narrowed and ordered, defined once: the filter's words
//! and the haystack they are looked for in, the orders and their keys. The
//! explorer's list over a folder, the corpus in memory as a [`super::Source`]
//! and the archive (which stores the keys made here at push time) all
//! answer a [`ListQuery`] with these.

use crate::model::fold::fold;
use crate::model::{Corpus, Document};
use std::cmp::Ordering;

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Sort {
    /// As loaded (a folder) or pushed (an archive).
    #[default]
    Corpus,
    /// Newest first; documents without a date last.
    Date,
    /// By symbol (or id), numbers in their numeric order.
    Symbol,
    /// By title, numbers in their numeric order.
    Title,
}

impl Sort {
    /// The next order in the cycle.
    pub fn next(self) -> Sort {
        match self {
            Sort::Corpus => Sort::Date,
            Sort::Date => Sort::Symbol,
            Sort::Symbol => Sort::Title,
            Sort::Title => Sort::Corpus,
        }
    }

    /// Name shown in the list title.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Corpus => "file order",
            Sort::Date => "date",
            Sort::Symbol => "symbol",
            Sort::Title => "title",
        }
    }
}

/// What part of the list is asked for, in what order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ListQuery {
    /// The filter as typed (empty: every row); see [`Filter`].
    pub filter: String,
    /// The order of the rows.
    pub sort: Sort,
}

impl ListQuery {
    /// True when it asks for the whole list in corpus order.
    pub fn is_everything(&self) -> bool {
        self.sort == Sort::Corpus && Filter::new(&self.filter).is_empty()
    }
}

/// A filter: every whitespace-separated word of it, folded, must occur in
/// a document's [`haystack`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    words: Vec<String>,
}

impl Filter {
    /// The filter typed as `text`.
    pub fn new(text: &str) -> Filter {
        Filter {
            words: fold(text).split_whitespace().map(str::to_string).collect(),
        }
    }

    /// Its folded words.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// True when it keeps every document.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when every word occurs in `haystack`.
    pub fn matches(&self, haystack: &str) -> bool {
        self.words.iter().all(|w| haystack.contains(w.as_str()))
    }
}

/// What the filter looks in: the document's symbol (or id), title, date
/// and language, folded.
pub fn haystack(d: &Document) -> String {
    let m = &d.meta;
    haystack_of(
        d.label(),
        &d.display_title(),
        m.date.as_deref(),
        m.language.as_deref(),
    )
}

/// The [`haystack`] of a document with this label (symbol or id), shown
/// title, date and language.
pub fn haystack_of(label: &str, title: &str, date: Option<&str>, language: Option<&str>) -> String {
    fold(&format!(
        "{label} {title} {} {}",
        date.unwrap_or(""),
        language.unwrap_or("")
    ))
}

/// The most bytes of a [`sort_key`]: what a database index entry holds
/// easily; texts alike that far are in corpus order.
pub const SORT_KEY_BYTES: usize = 1024;

/// The key `s` sorts by in the symbol and title orders: its
/// [`natural_key`] as bytes, at most [`SORT_KEY_BYTES`] of them.
pub fn sort_key(s: &str) -> Vec<u8> {
    let mut key = natural_key(s).to_bytes();
    key.truncate(SORT_KEY_BYTES);
    key
}

/// Every document of `corpus` (listed or not) in the order `sort`; ties
/// keep corpus order.
pub fn order_by(corpus: &Corpus, sort: Sort) -> Vec<u32> {
    let docs = corpus.documents();
    let mut order: Vec<u32> = (0..docs.len() as u32).collect();
    match sort {
        Sort::Corpus => {}
        Sort::Date => order.sort_by(|&a, &b| {
            let (da, db) = (&docs[a as usize].meta.date, &docs[b as usize].meta.date);
            db.is_some().cmp(&da.is_some()).then_with(|| db.cmp(da))
        }),
        Sort::Symbol => order.sort_by_cached_key(|&d| sort_key(docs[d as usize].label())),
        Sort::Title => order.sort_by_cached_key(|&d| sort_key(&docs[d as usize].display_title())),
    }
    order
}

/// A key that orders text naturally: case and accents folded, runs of
/// digits compared as numbers (`A/RES/80/2` before `A/RES/80/10`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NaturalKey(Vec<Part>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    /// Digits without leading zeros (compared by length, then as text).
    Number(String),
}

impl Ord for Part {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Part::Number(a), Part::Number(b)) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
            (Part::Number(_), Part::Text(_)) => Ordering::Less,
            (Part::Text(_), Part::Number(_)) => Ordering::Greater,
            (Part::Text(a), Part::Text(b)) => a.cmp(b),
        }
    }
}

impl PartialOrd for Part {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for NaturalKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

impl PartialOrd for NaturalKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Marks a number in [`NaturalKey::to_bytes`] (before text, as numbers sort).
const NUMBER: u8 = 1;
/// Marks a run of text in [`NaturalKey::to_bytes`].
const TEXT: u8 = 2;

impl NaturalKey {
    /// The key as bytes that compare as the key does (byte by byte, a
    /// prefix first): what the archive stores and orders by. A number is
    /// its mark, its length in four bytes and its digits; a text its mark,
    /// its bytes (a zero byte written `0 255`) and `0 0`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for part in &self.0 {
            match part {
                Part::Number(digits) => {
                    out.push(NUMBER);
                    let len = u32::try_from(digits.len()).unwrap_or(u32::MAX);
                    out.extend(len.to_be_bytes());
                    out.extend(digits.bytes());
                }
                Part::Text(text) => {
                    out.push(TEXT);
                    for b in text.bytes() {
                        out.push(b);
                        if b == 0 {
                            out.push(255);
                        }
                    }
                    out.extend([0, 0]);
                }
            }
        }
        out
    }
}

/// The natural ordering key of `s`.
pub fn natural_key(s: &str) -> NaturalKey {
    let folded = fold(s);
    let mut parts = Vec::new();
    let mut rest = folded.as_str();
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let n = rest[..digits].trim_start_matches('0');
            parts.push(Part::Number(if n.is_empty() { "0" } else { n }.to_string()));
            rest = &rest[digits..];
        } else {
            let text = rest
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(rest.len());
            parts.push(Part::Text(rest[..text].to_string()));
            rest = &rest[text..];
        }
    }
    NaturalKey(parts)
}

/// The list of `corpus` as `query` asks for it: the indexes of its listed
/// documents, filtered and ordered.
pub fn listed(corpus: &Corpus, query: &ListQuery) -> Vec<u32> {
    let filter = Filter::new(&query.filter);
    let order: Vec<u32> = match query.sort {
        Sort::Corpus => corpus.listed().iter().map(|&d| d as u32).collect(),
        sort => {
            let mut order = order_by(corpus, sort);
            order.retain(|&d| corpus.is_listed(d as usize));
            order
        }
    };
    if filter.is_empty() {
        return order;
    }
    let docs = corpus.documents();
    order
        .into_iter()
        .filter(|&d| filter.matches(&haystack(&docs[d as usize])))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_sort_naturally() {
        let mut v = vec![
            "A/RES/80/10",
            "A/RES/80/2",
            "A/RES/79/190",
            "a/res/80/1",
            "A/C.3/80/L.7",
        ];
        v.sort_by_key(|s| natural_key(s));
        assert_eq!(
            v,
            vec![
                "A/C.3/80/L.7",
                "A/RES/79/190",
                "a/res/80/1",
                "A/RES/80/2",
                "A/RES/80/10"
            ]
        );
        assert!(natural_key("x007") == natural_key("x7"));
    }

    #[test]
    fn the_bytes_of_keys_compare_as_the_keys_do() {
        let words = [
            "",
            "a",
            "A",
            "ab",
            "a b",
            "a1",
            "a01",
            "a2",
            "a10",
            "a1b",
            "a1 b",
            "1",
            "01",
            "10",
            "9",
            "b",
            "é",
            "e",
            "z",
            "Ω",
            "a\u{1}",
            "a\u{1}1",
            "a\0",
            "a\0b",
            "\0",
            "x/2/3",
            "x/2/3/1",
            "x/10",
            "12345678901234567890",
            "9999",
            "A/RES/80/2",
            "A/RES/80/10",
        ];
        for a in words {
            for b in words {
                let (ka, kb) = (natural_key(a), natural_key(b));
                assert_eq!(
                    ka.to_bytes().cmp(&kb.to_bytes()),
                    ka.cmp(&kb),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_bytes_of_any_keys_compare_as_the_keys_do(
            a in "[a-c0-2 /.\u{0}\u{1}éÉ]{0,10}",
            b in "[a-c0-2 /.\u{0}\u{1}éÉ]{0,10}",
        ) {
            let (ka, kb) = (natural_key(&a), natural_key(&b));
            proptest::prop_assert_eq!(ka.to_bytes().cmp(&kb.to_bytes()), ka.cmp(&kb));
        }
    }

    #[test]
    fn a_filter_wants_every_folded_word() {
        let f = Filter::new("  RÉSOLUTION  80/1 ");
        assert_eq!(f.words(), ["resolution", "80/1"]);
        assert!(f.matches("a/res/80/1 resolution adoptee"));
        assert!(!f.matches("a/res/80/2 resolution"));
        assert!(Filter::new(" \t ").is_empty());
        assert!(ListQuery::default().is_everything());
        let q = ListQuery {
            filter: " ".into(),
            sort: Sort::Date,
        };
        assert!(!q.is_everything());
    }

    #[test]
    fn the_bundled_list_filtered_and_sorted() {
        let corpus = crate::model::load_bundled();
        let all = listed(&corpus, &ListQuery::default());
        assert_eq!(all.len(), corpus.listed().len());
        for sort in [Sort::Date, Sort::Symbol, Sort::Title] {
            let mut got = listed(
                &corpus,
                &ListQuery {
                    filter: String::new(),
                    sort,
                },
            );
            got.sort_unstable();
            let mut want = all.clone();
            want.sort_unstable();
            assert_eq!(got, want, "{sort:?}");
        }
        let none = ListQuery {
            filter: "zzzz-nothing".into(),
            sort: Sort::Title,
        };
        assert!(listed(&corpus, &none).is_empty());
    }
}
