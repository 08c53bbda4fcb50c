//! The full-text index beside the store: for each record of the store (by
//! content key), the folded words of its text, inverted (word → records).
//! It answers which documents *may* hold a match of a pattern, so that
//! `grep` reads only those: a candidate filter that may let through a
//! document without a match, never keep one out ([`query`] says why).
//!
//! It lives in `fulltext/` under the index directory as [`segment`] files,
//! each written whole and renamed into place under the store's writers'
//! lock. [`Store::finish`](super::Store::finish) adds a segment for the
//! records no segment knows yet (only those are read), and merges the
//! segments when they are many or hold many records the store no longer
//! has. A damaged segment is reported in one line, not used (its documents
//! are scanned), and rebuilt by the next load that may write.

pub mod query;
pub mod segment;
pub mod select;
pub mod tokens;
mod update;

pub use query::{Need, TermNeed, need_of};
use segment::{Segment, SegmentError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The name of the full-text directory inside an index directory.
pub const DIR_NAME: &str = "fulltext";

/// A union reading more lists than this is not worth it: the term selects
/// nothing (it is treated as required of no text).
const MAX_LISTS: usize = 20_000;

/// The full-text index of an index directory, as opened.
#[derive(Debug, Default)]
pub struct FullText {
    segments: Vec<Segment>,
    /// One line per segment that could not be used.
    pub warnings: Vec<String>,
}

/// The segment files of `dir` (an index directory's `fulltext/`).
pub fn segment_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|list| {
            list.flatten()
                .filter(|e| e.file_name().to_str().and_then(segment::id_of).is_some())
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

impl FullText {
    /// The segments under index directory `index` made for parser `version`;
    /// damaged ones are reported in [`FullText::warnings`] and left out.
    pub fn open(index: &Path, version: &str) -> FullText {
        let mut ft = FullText::default();
        for path in segment_files(&index.join(DIR_NAME)) {
            match Segment::open(&path) {
                Ok(s) if s.version == version => ft.segments.push(s),
                Ok(_) => {}
                // Gone meanwhile (a merge) or unreadable: its documents are
                // scanned.
                Err(SegmentError::Io(_)) => {}
                Err(e) => ft.warnings.push(damaged(&path, &e)),
            }
        }
        ft
    }

    /// True when no segment is open.
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// The number of records indexed (not counting those left to the scan).
    pub fn indexed(&self) -> usize {
        self.segments
            .iter()
            .map(|s| s.keys.iter().filter(|k| k.1).count())
            .sum()
    }

    /// For each record indexed, whether it may hold what `need` requires.
    /// A record missing from the answer is not indexed: it must be read.
    /// Fails with the segment found damaged, and why.
    pub fn select(&self, need: &Need) -> Result<HashMap<u128, bool>, (PathBuf, SegmentError)> {
        let mut out: HashMap<u128, bool> = HashMap::new();
        for s in &self.segments {
            let set = eval(s, need).map_err(|e| (s.path.clone(), e))?;
            for (n, &(key, indexed)) in s.keys.iter().enumerate() {
                if indexed {
                    let hit = set.as_ref().is_none_or(|b| b.get(n));
                    *out.entry(key).or_insert(false) |= hit;
                }
            }
        }
        Ok(out)
    }
}

/// Removes the damaged segment at `path` (a load then indexes its records
/// again); true when it is gone.
pub fn discard(path: &Path) -> bool {
    std::fs::remove_file(path).is_ok()
}

/// The one line reporting a damaged segment.
pub fn damaged(path: &Path, e: &SegmentError) -> String {
    format!(
        "index: the full-text segment {} is damaged ({e}); its documents are scanned until it is rebuilt",
        path.display()
    )
}

/// A set of record numbers of one segment.
#[derive(Debug, Clone)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    fn set(&mut self, i: u32) {
        if let Some(w) = self.0.get_mut(i as usize / 64) {
            *w |= 1 << (i % 64);
        }
    }
    fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    fn and(&mut self, o: &Bits) {
        self.0.iter_mut().zip(&o.0).for_each(|(a, b)| *a &= b);
    }
    fn or(&mut self, o: &Bits) {
        self.0.iter_mut().zip(&o.0).for_each(|(a, b)| *a |= b);
    }
}

/// The records of `s` that may satisfy `need`; `None`: all of them.
fn eval(s: &Segment, need: &Need) -> Result<Option<Bits>, SegmentError> {
    Ok(match need {
        Need::Any => None,
        Need::Term(t) => term(s, t)?,
        Need::All(list) => {
            let mut acc: Option<Bits> = None;
            for n in list {
                if let Some(b) = eval(s, n)? {
                    match &mut acc {
                        None => acc = Some(b),
                        Some(a) => a.and(&b),
                    }
                }
            }
            acc
        }
        Need::AnyOf(list) => {
            let mut acc = Bits::new(s.keys.len());
            for n in list {
                match eval(s, n)? {
                    None => return Ok(None),
                    Some(b) => acc.or(&b),
                }
            }
            Some(acc)
        }
    })
}

/// The records of `s` holding a term as `t` asks; `None`: too many terms
/// to read (all records).
fn term(s: &Segment, t: &TermNeed) -> Result<Option<Bits>, SegmentError> {
    let terms: Vec<usize> = match t {
        TermNeed::Exact(w) => s.find(w).into_iter().collect(),
        TermNeed::Prefix(p) => s.prefixed(p).collect(),
        TermNeed::Suffix(p) => (0..s.term_count())
            .filter(|&i| {
                let (w, cut) = s.term(i);
                cut || w.ends_with(p.as_str())
            })
            .collect(),
        TermNeed::Infix(p) => {
            let finder = memchr::memmem::Finder::new(p.as_bytes());
            (0..s.term_count())
                .filter(|&i| {
                    let (w, cut) = s.term(i);
                    cut || finder.find(w.as_bytes()).is_some()
                })
                .collect()
        }
    };
    if terms.len() > MAX_LISTS {
        return Ok(None);
    }
    let mut bits = Bits::new(s.keys.len());
    for i in terms {
        for d in s.postings(i)? {
            bits.set(d);
        }
    }
    Ok(Some(bits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[(u128, &str)]) -> (tempfile::TempDir, FullText) {
        let dir = tempfile::tempdir().expect("tempdir");
        let ft_dir = dir.path().join(DIR_NAME);
        std::fs::create_dir_all(&ft_dir).expect("mkdir");
        let mut b = segment::Builder::default();
        for &(k, t) in texts {
            b.add(k, Some(tokens::terms(t)));
        }
        b.write(&ft_dir, "v").expect("write");
        let ft = FullText::open(dir.path(), "v");
        (dir, ft)
    }

    fn chosen(ft: &FullText, pattern: &str) -> Vec<u128> {
        let sel = ft.select(&need_of(pattern, false)).expect("select");
        let mut keys: Vec<u128> = sel.into_iter().filter(|e| e.1).map(|e| e.0).collect();
        keys.sort_unstable();
        keys
    }

    #[test]
    fn selects_the_documents_that_may_match() {
        let (_d, ft) = index(&[
            (1, "Crime prevention and criminal justice"),
            (2, "The General Assembly, Recalling its résolution 70/1"),
            (3, "大会决议 on crime"),
        ]);
        assert_eq!(chosen(&ft, "crime prevention"), [1]);
        assert_eq!(chosen(&ft, "rime"), [1, 3]);
        assert_eq!(chosen(&ft, "Resolution 70"), [2]);
        assert_eq!(chosen(&ft, "决议"), [3]);
        assert_eq!(chosen(&ft, "nothing here"), Vec::<u128>::new());
        assert_eq!(chosen(&ft, r"\d+"), [1, 2, 3]);
        assert_eq!(chosen(&ft, "Assembly|prevention"), [1, 2]);
    }

    #[test]
    fn segments_of_another_parser_are_not_used() {
        let (d, _) = index(&[(1, "x")]);
        assert!(FullText::open(d.path(), "other").is_empty());
    }

    /// Characters that fold in every way the folding knows: case, accents
    /// (composed and combining), ligatures, the long s and the Kelvin sign
    /// (which match `s` and `k` case-insensitively), CJK, digits, footnote
    /// markers (superscript digits: gaps between words), gaps.
    const ALPHABET: &[char] = &[
        'a', 'b', 'e', 'k', 's', 'A', 'E', 'K', 'S', 'é', 'É', '\u{301}', 'œ', 'Œ', 'ß', 'ſ',
        '\u{212A}', '大', '会', 'ж', 'Ж', '1', '2', '²', '³', ' ', '/', '-', '\n', '\u{a0}', '’',
    ];

    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(ALPHABET), 0..40)
            .prop_map(|v| v.into_iter().collect())
    }

    use proptest::prelude::*;

    /// A pattern built around a piece of one of the texts, so that many match.
    fn pattern(texts: &[String], pick: usize, at: usize, len: usize, shape: u8) -> String {
        let source: Vec<char> = texts[pick % texts.len()].chars().collect();
        let start = at % (source.len() + 1);
        let end = (start + len).min(source.len());
        let piece: String = source[start..end].iter().collect();
        let lit = regex::escape(&piece);
        match shape % 8 {
            0 => lit,
            1 => format!("(?i){lit}"),
            2 => format!(r"\b{lit}"),
            3 => format!("{lit}|zzz"),
            4 => format!(r"\w+{lit}"),
            5 => format!("(?i:{lit})x?[ab]"),
            6 => format!("{lit}.*{lit}"),
            _ => format!("[ae]{lit}"),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Never under-selects: every text the pattern matches (anywhere,
        /// so on any of its lines) is selected.
        #[test]
        fn every_matching_text_is_selected(
            texts in proptest::collection::vec(text(), 1..6),
            pick in 0usize..6, at in 0usize..40, len in 0usize..12,
            shape in 0u8..8, ignore_case in proptest::bool::ANY,
        ) {
            let pattern = pattern(&texts, pick, at, len, shape);
            let keyed: Vec<(u128, &str)> =
                texts.iter().enumerate().map(|(i, t)| (i as u128, t.as_str())).collect();
            let (_d, ft) = index(&keyed);
            let Ok(re) = regex::RegexBuilder::new(&pattern)
                .multi_line(true)
                .case_insensitive(ignore_case)
                .build() else {
                return Ok(());
            };
            let chosen = ft.select(&need_of(&pattern, ignore_case)).expect("select");
            for (k, t) in keyed {
                if re.is_match(t) {
                    prop_assert!(
                        chosen.get(&k).copied().unwrap_or(true),
                        "{pattern:?} matches {t:?} but the index left it out"
                    );
                }
            }
        }
    }
}
