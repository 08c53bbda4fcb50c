//! The terms of the full-text index: the words of a text folded as
//! [`crate::model::fold`] folds (case, accents, ligatures), so that a literal
//! found in a text is always found, folded, among the folded words of that
//! text. A word is a run of letters and digits; each Chinese, Japanese or
//! Korean character is a word of its own (those scripts put no spaces
//! between words). Very long words are kept to their first [`MAX_TERM`] bytes
//! and marked as cut.

use crate::model::fold::fold_into;

/// Longest term kept, in bytes; longer words are cut to it (on a character
/// boundary) and marked.
pub const MAX_TERM: usize = 40;

/// What kind of character `c` (already folded) is for word splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Part of a word with its neighbours of the same class.
    Word,
    /// A word by itself (a CJK ideograph, kana or hangul syllable).
    Single,
    /// Not part of any word.
    Gap,
}

/// The class of folded character `c`. Superscript and subscript digits
/// are gaps: they are footnote markers glued to the word before them
/// (`resolutions³`), not part of it.
pub fn class(c: char) -> Class {
    if is_cjk(c) {
        Class::Single
    } else if is_script_digit(c) {
        Class::Gap
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Gap
    }
}

/// A superscript or subscript digit (`¹`, `²`, `³`, `⁴`…`⁹`, `⁰`, `₀`…`₉`).
fn is_script_digit(c: char) -> bool {
    matches!(c, '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{2070}'..='\u{2079}' | '\u{2080}'..='\u{2089}')
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // hangul syllables
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x3FFFF) // supplementary ideographs
}

/// A word of a folded text, with where it lies in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word.
    pub text: &'a str,
    /// Its first byte in the folded text.
    pub start: usize,
    /// The byte just past it.
    pub end: usize,
}

/// The words of `folded` (a text already folded; the split of any text is
/// the same), in order.
pub fn words(folded: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in folded.char_indices() {
        match class(c) {
            Class::Word => {
                start.get_or_insert(i);
            }
            Class::Single => {
                if let Some(s) = start.take() {
                    out.push(word(folded, s, i));
                }
                out.push(word(folded, i, i + c.len_utf8()));
            }
            Class::Gap => {
                if let Some(s) = start.take() {
                    out.push(word(folded, s, i));
                }
            }
        }
    }
    if let Some(s) = start {
        out.push(word(folded, s, folded.len()));
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Word<'_> {
    Word {
        text: &text[start..end],
        start,
        end,
    }
}

/// `term` cut to at most [`MAX_TERM`] bytes on a character boundary, and
/// whether it was cut.
pub fn cut(term: &str) -> (&str, bool) {
    if term.len() <= MAX_TERM {
        return (term, false);
    }
    let mut end = MAX_TERM;
    while !term.is_char_boundary(end) {
        end -= 1;
    }
    (&term[..end], true)
}

/// The folded form of `text` ([`crate::model::fold`]), in `out` (cleared first).
pub fn fold_text(text: &str, out: &mut String) {
    out.clear();
    fold_into(text, out);
}

/// The distinct terms of `text` (folded, cut), each with whether it was cut,
/// sorted.
pub fn terms(text: &str) -> Vec<(String, bool)> {
    let mut folded = String::new();
    fold_text(text, &mut folded);
    let mut set: std::collections::HashSet<(&str, bool)> = std::collections::HashSet::new();
    for w in words(&folded) {
        set.insert(cut(w.text));
    }
    let mut out: Vec<(String, bool)> = set.into_iter().map(|(t, c)| (t.to_string(), c)).collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_are_letters_and_digits_and_single_cjk_characters() {
        assert_eq!(
            texts("a/res/70/1, l'etat"),
            ["a", "res", "70", "1", "l", "etat"]
        );
        assert_eq!(texts("大会决议ab"), ["大", "会", "决", "议", "ab"]);
        assert_eq!(texts("шестая сессия"), ["шестая", "сессия"]);
        assert_eq!(texts(""), Vec::<&str>::new());
    }

    #[test]
    fn terms_are_folded_distinct_and_cut() {
        let t = terms("Résolution résolution ŒUVRE");
        assert_eq!(
            t,
            [("oeuvre".to_string(), false), ("resolution".into(), false)]
        );
        let long = "é".repeat(30);
        let (c, was_cut) = cut(&long);
        assert!(was_cut && c.len() == MAX_TERM && c.chars().all(|x| x == 'é'));
        let long = "x".repeat(MAX_TERM + 1);
        let (c, was_cut) = cut(&long);
        assert!(was_cut && c.len() == MAX_TERM);
    }
}
