//! What UN documents give for free to align two versions: the paragraph
//! enumerator (`1.`, `(a)`, `(i)`, `IV.`), and the tokens no translation
//! changes (numbers and the digits of dates, document symbols, resolution
//! numbers, footnote marks, URLs, acronyms; proper names when both sides are
//! written in Latin script). Also the folded words of a paragraph, compared
//! when both documents are in one language.

use crate::model::fold::fold;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

/// Kinds of enumerator, as the high part of an [`Enumerator`] key.
const NUMBER: u32 = 1 << 24;
const LETTER: u32 = 2 << 24;
const ROMAN_LOWER: u32 = 3 << 24;
const ROMAN_UPPER: u32 = 4 << 24;
const LETTER_UPPER: u32 = 5 << 24;

/// The enumerator a paragraph starts with, as the readings it may have:
/// `(i)` is the ninth letter or the first roman numeral, `I.` the first
/// roman numeral or the ninth capital. Two enumerators agree when they
/// share a reading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Enumerator(Vec<u32>);

impl Enumerator {
    /// True when the paragraph starts with no enumerator that was recognised.
    pub fn is_none(&self) -> bool {
        self.0.is_empty()
    }

    /// True when both are enumerators and share a reading.
    pub fn agrees(&self, other: &Enumerator) -> bool {
        self.0.iter().any(|k| other.0.contains(k))
    }

    /// The number of a numbered paragraph (`12.` → 12).
    pub fn number(&self) -> Option<u32> {
        self.0
            .iter()
            .find(|k| *k & !0x00ff_ffff == NUMBER)
            .map(|k| k & 0x00ff_ffff)
    }
}

/// The enumerator at the start of `line`, with the byte length it takes
/// (the rest of the line is the paragraph's text).
pub fn enumerator(line: &str) -> (Enumerator, usize) {
    let lead = line.len() - line.trim_start().len();
    let line = line.trim_start();
    let (open, body) = match line.strip_prefix('(') {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    // The enumerator: up to the first `.`, `)` or `、`, short, no space.
    let Some(end) = body.find(['.', ')', '、', '）']) else {
        return (Enumerator::default(), 0);
    };
    let label = &body[..end];
    let closer = body[end..].chars().next().unwrap_or('.');
    let after = &body[end + closer.len_utf8()..];
    let chars = label.chars().count();
    if label.is_empty() || chars > 6 || label.contains(char::is_whitespace) {
        return (Enumerator::default(), 0);
    }
    // `1.` is not `1.5 million`, `U.S.`, `WG.6/7`; `二、` and `（一）` need no space.
    let glued = after
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '/' || c == '.');
    if glued {
        return (Enumerator::default(), 0);
    }
    if open && closer != ')' && closer != '）' {
        return (Enumerator::default(), 0);
    }
    let keys = readings(label);
    if keys.is_empty() {
        return (Enumerator::default(), 0);
    }
    let taken = lead + usize::from(open) + end + closer.len_utf8();
    (Enumerator(keys), taken)
}

/// The readings of an enumerator's label (`12`, `a`, `iv`, `IV`, `б`, `ب`, `三`).
fn readings(label: &str) -> Vec<u32> {
    let mut keys = Vec::new();
    if let Some(n) = number(label) {
        if n > 0 && n < 1000 {
            keys.push(NUMBER | n);
        }
        return keys;
    }
    let mut chars = label.chars();
    let (Some(c), rest) = (chars.next(), chars.as_str()) else {
        return keys;
    };
    if let Some(r) = roman(label) {
        let kind = if label.chars().all(|c| c.is_ascii_lowercase()) {
            ROMAN_LOWER
        } else {
            ROMAN_UPPER
        };
        keys.push(kind | r);
    }
    if rest.is_empty() {
        if c.is_ascii_lowercase() {
            keys.push(LETTER | (c as u32 - 'a' as u32 + 1));
        } else if c.is_ascii_uppercase() {
            keys.push(LETTER_UPPER | (c as u32 - 'A' as u32 + 1));
        } else if let Some(n) = chinese_numeral(c) {
            keys.push(ROMAN_UPPER | n);
        } else {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let kind = if c.is_uppercase() {
                LETTER_UPPER
            } else {
                LETTER
            };
            // Russian versions use Latin letters, often typed as their
            // Cyrillic look-alikes; or their own alphabet. Arabic versions
            // letter in the abjad order (أ ب ج د …).
            if let Some(n) = lookalike(lower) {
                keys.push(kind | n);
            }
            if let Some(p) = RUSSIAN.chars().position(|r| r == lower) {
                keys.push(kind | (p as u32 + 1));
            }
            if let Some(p) = ABJAD.chars().position(|r| r == c) {
                keys.push(LETTER | (p as u32 + 1));
            }
        }
    }
    keys.dedup();
    keys
}

/// The Russian alphabet as UN documents letter with it (no ё, й, ъ, ы, ь).
const RUSSIAN: &str = "абвгдежзиклмнопрстуфхцчшщэюя";

/// Arabic letters in the abjad order, which Arabic versions letter with.
const ABJAD: &str = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ";

/// The Latin letter a Cyrillic look-alike stands for (`а` → 1, `с` → 3).
fn lookalike(c: char) -> Option<u32> {
    let latin = match c {
        'а' => 'a',
        'в' => 'b',
        'с' => 'c',
        'е' => 'e',
        'н' => 'h',
        'і' => 'i',
        'к' => 'k',
        'м' => 'm',
        'о' => 'o',
        'р' => 'p',
        'т' => 't',
        'х' => 'x',
        'у' => 'y',
        _ => return None,
    };
    Some(latin as u32 - 'a' as u32 + 1)
}

/// `一` … `十` as numbers (Chinese versions number their chapters so).
fn chinese_numeral(c: char) -> Option<u32> {
    "一二三四五六七八九十"
        .chars()
        .position(|n| n == c)
        .map(|p| p as u32 + 1)
}

/// The value of a label made of digits of any script (`12`, `١٢`, `１２`).
fn number(label: &str) -> Option<u32> {
    let mut n: u32 = 0;
    for c in label.chars() {
        n = n.checked_mul(10)?.checked_add(u32::from(digit(c)?))?;
    }
    Some(n)
}

/// The value of a decimal digit in ASCII, Arabic-Indic, Persian or full-width form.
pub fn digit(c: char) -> Option<u8> {
    let base = match c {
        '0'..='9' => '0',
        '\u{660}'..='\u{669}' => '\u{660}',
        '\u{6f0}'..='\u{6f9}' => '\u{6f0}',
        '\u{ff10}'..='\u{ff19}' => '\u{ff10}',
        _ => return None,
    };
    u8::try_from(c as u32 - base as u32).ok()
}

/// The value of a roman numeral up to 50 (`iv`, `XII`), in one case.
fn roman(label: &str) -> Option<u32> {
    let lower = label.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l'));
    let upper = label.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
    if !(lower || upper) {
        return None;
    }
    let value = |c: char| match c.to_ascii_lowercase() {
        'i' => 1,
        'v' => 5,
        'x' => 10,
        _ => 50,
    };
    let vals: Vec<u32> = label.chars().map(value).collect();
    let mut total = 0;
    for (k, &v) in vals.iter().enumerate() {
        if vals.get(k + 1).is_some_and(|&next| next > v) {
            total -= v as i64;
        } else {
            total += v as i64;
        }
    }
    u32::try_from(total).ok().filter(|&t| t > 0 && t <= 50)
}

/// True when most letters of `text` are Latin (proper names then compare).
pub fn mostly_latin(text: &str) -> bool {
    let (mut latin, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) {
            latin += 1;
        }
    }
    letters > 0 && latin * 10 >= letters * 6
}

fn hash(kind: u8, s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    kind.hash(&mut h);
    s.hash(&mut h);
    h.finish()
}

/// The language-invariant tokens of `text` (its enumerator left out), as a
/// sorted set of hashes: every run of digits (`16`, `2009`; footnote marks
/// glued to a word count too), every symbol (`A/RES/78/225`, `78/225`), URLs,
/// and, when both sides are written in Latin script (`latin`), acronyms
/// (`UNODC`, `JS1`) and with `names` the capitalised words inside a
/// sentence (`Roma`, `Amnesty`).
pub fn tokens(text: &str, latin: bool, names: bool) -> Vec<u64> {
    let mut out = Vec::new();
    // Chunks: runs of Latin letters, digits of any script, `/`, `.`, `-`.
    // Cyrillic, Arabic and CJK letters end a chunk (Chinese writes
    // `1993年12月` and `第48/477号` without spaces).
    let in_chunk = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(c, '/' | '.' | '-')
            || digit(c).is_some()
            || (('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic())
    };
    let mut sentence_start = true;
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(in_chunk).unwrap_or(rest.len());
        let gap = &rest[..start];
        if gap.contains(['.', ':', ';', '!', '?', '!', '。']) {
            sentence_start = true;
        }
        let len = rest[start..]
            .find(|c: char| !in_chunk(c))
            .unwrap_or(rest.len() - start);
        let raw = &rest[start..start + len];
        rest = &rest[start + len..];
        if raw.is_empty() {
            break;
        }
        let url = raw.starts_with("www.") || gap.ends_with("://") || rest.starts_with("://");
        let word = raw.trim_matches(['/', '.', '-']);
        let has_digit = word.chars().any(|c| digit(c).is_some());
        if url && word.contains('.') {
            out.push(hash(b'u', &word.to_lowercase()));
        } else if has_digit && word.contains('/') {
            out.push(hash(b's', &word.to_uppercase()));
        }
        let mut run = String::new();
        for c in word.chars().chain(std::iter::once(' ')) {
            match digit(c) {
                Some(d) => run.push(char::from(b'0' + d)),
                None if !run.is_empty() => {
                    out.push(hash(b'n', run.trim_start_matches('0')));
                    run.clear();
                }
                None => {}
            }
        }
        if latin {
            for w in word.split(['/', '.', '-']) {
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                if letters < 2 {
                    continue;
                }
                if w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                {
                    out.push(hash(b'w', w));
                } else if names
                    && !sentence_start
                    && letters >= 3
                    && w.chars().next().is_some_and(char::is_uppercase)
                {
                    out.push(hash(b'w', &fold(w)));
                }
            }
        }
        sentence_start = raw.ends_with('.');
    }
    // Chinese ordinals: `第十七条第二项` is article 17, paragraph 2.
    for (at, _) in text.match_indices('第') {
        let numeral: String = text[at + '第'.len_utf8()..]
            .chars()
            .take_while(|c| "零〇一二三四五六七八九十百千".contains(*c))
            .collect();
        if let Some(n) = chinese_number(&numeral) {
            out.push(hash(b'n', &n.to_string()));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The value of a Chinese numeral (`十七` → 17, `二百零五` → 205).
fn chinese_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let (mut total, mut current) = (0u32, 0u32);
    for c in s.chars() {
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += current.max(1) * unit;
                current = 0;
            }
            '零' | '〇' => {}
            _ => current = chinese_numeral(c)?,
        }
    }
    Some(total + current)
}

/// The folded words of `text` (two letters or more), as a sorted set of hashes.
pub fn words(text: &str) -> Vec<u64> {
    let folded = fold(text);
    let mut out: Vec<u64> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(|w| hash(b'f', w))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The union of two sorted sets.
pub fn union(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                out.push(*x);
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                out.push(*x);
                i += 1;
            }
            (Some(x), None) => {
                out.push(*x);
                i += 1;
            }
            (_, Some(y)) => {
                out.push(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// Jaccard similarity of two sorted sets; `None` when both are empty (no evidence).
pub fn jaccard(a: &[u64], b: &[u64]) -> Option<f32> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    let all = a.len() + b.len() - common;
    Some(common as f32 / all as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(line: &str) -> Enumerator {
        enumerator(line).0
    }

    #[test]
    fn enumerators_of_the_six_languages_agree() {
        assert_eq!(e("12. The Council").number(), Some(12));
        assert!(e("12. The Council").agrees(&e("12. Le Conseil")));
        assert!(!e("12. The Council").agrees(&e("13. Le Conseil")));
        assert!(e("(a) To ensure").agrees(&e("a) Veiller")));
        assert!(e("(b) To ensure").agrees(&e("b) обеспечить")));
        assert!(e("(b) To ensure").agrees(&e("в) обеспечить")), "look-alike");
        assert!(
            e("(b) To ensure").agrees(&e("б) обеспечить")),
            "Russian order"
        );
        assert!(e("(c) To ensure").agrees(&e("(ج) كفالة")), "abjad");
        assert!(e("IV. Conclusions").agrees(&e("IV. Conclusions")));
        assert!(e("II. Rights").agrees(&e("二、权利")));
        assert!(e("(i) the first").agrees(&e("i) le premier")));
        assert!(e("(ii) the second").agrees(&e("(ii) le second")));
        assert!(e("١٢. يقرر").agrees(&e("12. Decides")));
        assert!(e("(i) ninth").agrees(&e("(i) neuvième")));
    }

    #[test]
    fn what_is_no_enumerator() {
        for line in [
            "The General Assembly,",
            "1.5 million people",
            "A/RES/78/225 recalls",
            "Recalling its resolution 78/225.",
            "",
            "(see para. 3)",
            "Mr. Smith",
        ] {
            assert!(e(line).is_none(), "{line}");
        }
        let (en, taken) = enumerator("  (a) To ensure");
        assert!(!en.is_none());
        assert_eq!(&"  (a) To ensure"[taken..], " To ensure");
    }

    #[test]
    fn invariant_tokens_are_shared_across_languages() {
        let en = tokens(
            "Recalling its resolution 78/225 of 22 December 2023 and document A/HRC/WG.6/7/ITA/1 (see www.ohchr.org), the UNODC report",
            true,
            false,
        );
        let fr = tokens(
            "Rappelant sa résolution 78/225 du 22 décembre 2023 et le document A/HRC/WG.6/7/ITA/1 (voir www.ohchr.org), le rapport de l'UNODC",
            true,
            false,
        );
        assert_eq!(jaccard(&en, &fr), Some(1.0));
        let ru = tokens(
            "ссылаясь на свою резолюцию 78/225 от 22 декабря 2023 года",
            true,
            false,
        );
        assert!(jaccard(&en, &ru).is_some_and(|j| j > 0.3));
        let other = tokens("Recalling resolution 77/100 of 1 March 2022", true, false);
        assert!(jaccard(&fr, &other).is_some_and(|j| j < 0.1));
        assert_eq!(jaccard(&[], &[]), None);
        let zh = tokens("按照《联合国宪章》第十七条第二项", false, false);
        let en = tokens(
            "in accordance with Article 17, paragraph 2, of the Charter",
            false,
            false,
        );
        assert_eq!(jaccard(&zh, &en), Some(1.0));
        assert_eq!(chinese_number("二百零五"), Some(205));
    }

    #[test]
    fn names_only_inside_sentences() {
        let t = tokens(
            "The Ministry met Amnesty International in Roma.",
            true,
            true,
        );
        assert_eq!(
            t.len(),
            4,
            "Ministry, Amnesty, International, Roma; not The"
        );
    }

    #[test]
    fn words_fold_accents_and_case() {
        assert_eq!(words("Résolution adoptée"), words("resolution ADOPTEE"));
        assert_eq!(union(&[1, 3, 5], &[2, 3, 6]), [1, 2, 3, 5, 6]);
    }

    #[test]
    fn latin_or_not() {
        assert!(mostly_latin("Les États membres"));
        assert!(!mostly_latin("Государства-члены"));
        assert!(!mostly_latin("الدول الأعضاء"));
    }
}
