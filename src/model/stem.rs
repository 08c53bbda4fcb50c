//! Words in any of their forms (`grep --words`): a line matches a word
//! query when each of the query's words is among the line's words, both
//! reduced to their stem by the stemmer of the document's language —
//! Snowball's English, French, Spanish, Russian and Arabic — and folded
//! (case, accents, ligatures: [`crate::model::fold`]). Snowball reads
//! accents (Spanish `-ución`, French `-é`), so a word is stemmed as written
//! (lower-cased) and then folded; and, so that a query typed without its
//! accents still finds the accented text, also folded first and then
//! stemmed: two words match when either form agrees. A language without a
//! stemmer (Chinese, an unknown one) matches folded words as they are.
//! Words are split as the full-text index splits them: runs of letters and
//! digits, and each Chinese, Japanese or Korean character a word of its own.

use crate::model::fold::{fold, fold_char};
use crate::model::store::fulltext::tokens;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;

/// The stemmer of language `lang` (its ISO 639-1 code), when it has one.
pub fn stemmer(lang: Option<&str>) -> Option<Stemmer> {
    let algorithm = match lang? {
        "en" => Algorithm::English,
        "fr" => Algorithm::French,
        "es" => Algorithm::Spanish,
        "ru" => Algorithm::Russian,
        "ar" => Algorithm::Arabic,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// The words of `text`, as byte ranges, in order: split as the full-text
/// index splits them ([`tokens::words`], folded or not, the split is the
/// same).
pub fn words(text: &str) -> Vec<(usize, usize)> {
    tokens::words(text)
        .into_iter()
        .map(|w| (w.start, w.end))
        .collect()
}

/// The words a query asks for, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordQuery {
    words: Vec<String>,
}

impl WordQuery {
    /// The words of `query`, each once (as folded).
    pub fn new(query: &str) -> WordQuery {
        let mut words: Vec<String> = Vec::new();
        for (a, b) in self::words(query) {
            let w = &query[a..b];
            if !words.iter().any(|k| fold(k) == fold(w)) {
                words.push(w.to_string());
            }
        }
        WordQuery { words }
    }

    /// True when the query holds no word (only spaces or punctuation).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The query as matched in a document of language `lang`.
    pub fn in_language(&self, lang: Option<&str>) -> LineMatcher {
        let stemmer = stemmer(lang);
        let keys: Vec<(String, String)> = self
            .words
            .iter()
            .map(|w| keys(stemmer.as_ref(), w))
            .collect();
        // Snowball's English, French, Spanish and Russian stemmers change
        // a word's end only: a word can match only a query word that folds
        // to the same first letter. Arabic's strips prefixes too.
        let firsts = (lang != Some("ar")).then(|| {
            self.words
                .iter()
                .filter_map(|w| fold(w).chars().next())
                .collect()
        });
        LineMatcher {
            stemmer,
            keys,
            firsts,
            seen: std::cell::RefCell::new(HashMap::new()),
        }
    }
}

/// The two forms `word` is compared by: stemmed as written (lower-cased)
/// then folded, and folded then stemmed; both the folded word without a
/// stemmer.
fn keys(stemmer: Option<&Stemmer>, word: &str) -> (String, String) {
    match stemmer {
        Some(s) => (
            fold(&s.stem(&word.to_lowercase())),
            s.stem(&fold(word)).into_owned(),
        ),
        None => {
            let folded = fold(word);
            (folded.clone(), folded)
        }
    }
}

/// A word query in one language, matching lines (of one document: it
/// remembers what each word it met matched).
pub struct LineMatcher {
    stemmer: Option<Stemmer>,
    keys: Vec<(String, String)>,
    /// The first letters (folded) a matching word can have; `None`: any.
    firsts: Option<Vec<char>>,
    /// Each word met (lower-cased): the query words it is a form of, as
    /// bits (a query of more than 64 words sees its first 64).
    seen: std::cell::RefCell<HashMap<String, u64>>,
}

impl LineMatcher {
    /// The byte ranges of the words of `line` that are forms of the query's
    /// words, when every word of the query has one there; `None` otherwise
    /// (and for an empty query).
    pub fn spans(&self, line: &str) -> Option<Vec<(usize, usize)>> {
        if self.keys.is_empty() {
            return None;
        }
        let wanted = self.keys.len().min(64);
        let all: u64 = if wanted == 64 {
            u64::MAX
        } else {
            (1 << wanted) - 1
        };
        let mut found = 0u64;
        let mut spans = Vec::new();
        let mut first = String::new();
        for (a, b) in words(line) {
            let word = &line[a..b];
            if let (Some(firsts), Some(c)) = (&self.firsts, word.chars().next()) {
                first.clear();
                fold_char(c, &mut first);
                if !first.chars().next().is_some_and(|f| firsts.contains(&f)) {
                    continue;
                }
            }
            let hits = self.matches(word);
            if hits != 0 {
                found |= hits;
                spans.push((a, b));
            }
        }
        (found & all == all).then_some(spans)
    }

    /// The query words `word` is a form of, as bits.
    fn matches(&self, word: &str) -> u64 {
        let lower = word.to_lowercase();
        if let Some(&bits) = self.seen.borrow().get(&lower) {
            return bits;
        }
        let (written, folded) = keys(self.stemmer.as_ref(), &lower);
        let bits = self
            .keys
            .iter()
            .take(64)
            .enumerate()
            .filter(|(_, k)| k.0 == written || k.1 == folded)
            .fold(0u64, |bits, (i, _)| bits | (1 << i));
        self.seen.borrow_mut().insert(lower, bits);
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(query: &str, lang: &str, line: &str) -> bool {
        WordQuery::new(query)
            .in_language(Some(lang))
            .spans(line)
            .is_some()
    }

    #[test]
    fn each_language_finds_other_forms_of_a_word() {
        assert!(finds(
            "conférences",
            "fr",
            "La Conférence des Parties a décidé"
        ));
        assert!(finds("décider", "fr", "La Conférence a décidé"));
        assert!(finds("trafficked", "en", "trafficking in persons"));
        assert!(finds("resolutions", "en", "in its resolution 78/225"));
        assert!(finds("resoluciones", "es", "en su resolución 78/225"));
        // A query typed without its accents.
        assert!(finds("resolucion", "es", "en su resolución 78/225"));
        assert!(finds("conference", "fr", "La Conférence des Parties"));
        assert!(finds(
            "конвенции",
            "ru",
            "Конвенция Организации Объединенных Наций"
        ));
        assert!(finds("الاتفاقية", "ar", "اتفاقية الأمم المتحدة"));
        // Not every word that shares letters.
        assert!(!finds("conférence", "fr", "La confiance règne"));
    }

    #[test]
    fn every_word_of_the_query_is_needed_in_any_order() {
        assert!(finds(
            "parties conférence",
            "fr",
            "La Conférence des Parties"
        ));
        assert!(!finds(
            "parties convention",
            "fr",
            "La Conférence des Parties"
        ));
    }

    #[test]
    fn without_a_stemmer_folded_words_match_as_they_are() {
        assert!(finds("Élection", "zh", "election du bureau"));
        assert!(!finds("elections", "xx", "election du bureau"));
        // Each Chinese character is a word.
        assert!(finds(
            "公约",
            "zh",
            "联合国打击跨国有组织犯罪公约缔约方会议"
        ));
        assert!(!finds("公约", "zh", "联合国打击跨国有组织犯罪"));
    }

    #[test]
    fn the_spans_are_the_words_found() {
        let m = WordQuery::new("conférence").in_language(Some("fr"));
        let line = "Conférence; conférences et confiance";
        let spans = m.spans(line).expect("found");
        let found: Vec<&str> = spans.iter().map(|&(a, b)| &line[a..b]).collect();
        assert_eq!(found, ["Conférence", "conférences"]);
    }

    #[test]
    fn an_empty_query_finds_nothing() {
        let q = WordQuery::new(" ,; ");
        assert!(q.is_empty());
        assert!(q.in_language(Some("en")).spans("anything").is_none());
    }

    #[test]
    fn words_are_split_as_the_index_splits_them() {
        let text = "ab-cd 12公约x";
        let w: Vec<&str> = words(text).iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(w, ["ab", "cd", "12", "公", "约", "x"]);
        // A footnote marker is not part of the word it follows.
        let text = "resolutions³ and Strategy,² 1⁰";
        let w: Vec<&str> = words(text).iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(w, ["resolutions", "and", "Strategy", "1"]);
    }
}
