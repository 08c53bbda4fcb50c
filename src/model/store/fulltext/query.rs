//! What a regular expression requires of a text, in terms the full-text
//! index can answer: literals that every match contains, combined with and
//! and or, each literal folded and cut into words. A literal's inner words
//! are whole terms of any text holding it; its first word may be the end of
//! a longer one, its last the start of one, a lone word any part of one.
//! What cannot be expressed (a class of many characters, an optional part)
//! requires nothing: the requirement may let through texts that do not
//! match, never keep out one that does.

use super::tokens::{Class, MAX_TERM, class, cut, fold_text, words};
use regex_syntax::hir::{Class as HirClass, Hir, HirKind};

/// The most strings a literal part of a pattern is expanded to.
const MAX_VARIANTS: usize = 16;
/// The most characters a class may hold to be expanded.
const MAX_CLASS: u32 = 10;
/// Parts of words shorter than this are not looked up (they would select
/// nearly everything, at the cost of reading many lists).
const MIN_PART: usize = 3;

/// What a text must hold for a pattern to match in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// Nothing the index can check.
    Any,
    /// Each of these.
    All(Vec<Need>),
    /// One of these.
    AnyOf(Vec<Need>),
    /// A term matching this.
    Term(TermNeed),
}

/// A term some word of the text must be (or contain, start or end with).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermNeed {
    /// Exactly this term.
    Exact(String),
    /// A term starting with this.
    Prefix(String),
    /// A term ending with this (or a cut term: its end is unknown).
    Suffix(String),
    /// A term containing this (or a cut term).
    Infix(String),
}

/// What a match of `pattern` (compiled as `dossier grep` compiles it)
/// requires; [`Need::Any`] when the pattern does not parse.
pub fn need_of(pattern: &str, ignore_case: bool) -> Need {
    let hir = regex_syntax::ParserBuilder::new()
        .multi_line(true)
        .case_insensitive(ignore_case)
        .build()
        .parse(pattern);
    match hir {
        Ok(h) => simplify(need(&h)),
        Err(_) => Need::Any,
    }
}

/// The strings one of which every match of `hir` is, folded, when they are
/// few.
fn strings(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![String::new()]),
        HirKind::Literal(lit) => {
            let s = std::str::from_utf8(&lit.0).ok()?;
            let mut f = String::new();
            fold_text(s, &mut f);
            Some(vec![f])
        }
        HirKind::Class(c) => class_strings(c),
        HirKind::Capture(c) => strings(&c.sub),
        HirKind::Concat(parts) => {
            let mut acc = vec![String::new()];
            for p in parts {
                acc = product(&acc, &strings(p)?)?;
            }
            Some(acc)
        }
        HirKind::Alternation(alts) => {
            let mut all = Vec::new();
            for a in alts {
                all.extend(strings(a)?);
            }
            all.sort_unstable();
            all.dedup();
            (all.len() <= MAX_VARIANTS).then_some(all)
        }
        HirKind::Repetition(_) => None,
    }
}

fn class_strings(c: &HirClass) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut fold = |ch: char| {
        let mut f = String::new();
        fold_text(ch.encode_utf8(&mut [0; 4]), &mut f);
        out.push(f);
    };
    match c {
        HirClass::Unicode(u) => {
            let size: u32 = u.ranges().iter().map(|r| r.len() as u32).sum();
            if size > MAX_CLASS {
                return None;
            }
            for r in u.ranges() {
                (r.start()..=r.end()).for_each(&mut fold);
            }
        }
        HirClass::Bytes(b) => {
            let size: usize = b.ranges().iter().map(|r| r.len()).sum();
            if size > MAX_CLASS as usize || b.ranges().iter().any(|r| r.end() > 0x7f) {
                return None;
            }
            for r in b.ranges() {
                (r.start()..=r.end()).for_each(|x| fold(char::from(x)));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

fn product(a: &[String], b: &[String]) -> Option<Vec<String>> {
    if a.len() * b.len() > MAX_VARIANTS {
        return None;
    }
    let mut out: Vec<String> = a
        .iter()
        .flat_map(|x| b.iter().map(move |y| format!("{x}{y}")))
        .collect();
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// What a match of `hir` requires.
fn need(hir: &Hir) -> Need {
    if let Some(list) = strings(hir) {
        return literals(&list);
    }
    match hir.kind() {
        HirKind::Capture(c) => need(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => need(&r.sub),
        HirKind::Alternation(alts) => Need::AnyOf(alts.iter().map(need).collect()),
        HirKind::Concat(parts) => {
            // Runs of literal parts are joined into longer literals; any
            // other part adds what it requires.
            let mut all = Vec::new();
            let mut run: Option<Vec<String>> = None;
            for p in parts {
                match strings(p) {
                    Some(s) => {
                        run = Some(match run.take() {
                            None => s,
                            Some(r) => match product(&r, &s) {
                                Some(joined) => joined,
                                None => {
                                    all.push(literals(&r));
                                    s
                                }
                            },
                        });
                    }
                    None => {
                        if let Some(r) = run.take() {
                            all.push(literals(&r));
                        }
                        all.push(need(p));
                    }
                }
            }
            if let Some(r) = run {
                all.push(literals(&r));
            }
            Need::All(all)
        }
        _ => Need::Any,
    }
}

/// What holding one of the folded strings `list` requires.
fn literals(list: &[String]) -> Need {
    Need::AnyOf(list.iter().map(|s| literal(s)).collect())
}

/// What holding the folded string `s` requires: its words as terms.
fn literal(s: &str) -> Need {
    let ws = words(s);
    let open = |i: usize| {
        i < s.len()
            && s[i..]
                .chars()
                .next()
                .is_some_and(|c| class(c) == Class::Word)
    };
    let mut all = Vec::new();
    for w in &ws {
        let single = w
            .text
            .chars()
            .next()
            .is_some_and(|c| class(c) == Class::Single);
        let open_start = !single && w.start == 0 && open(0);
        let open_end = !single
            && w.end == s.len()
            && s[..w.end]
                .chars()
                .next_back()
                .is_some_and(|c| class(c) == Class::Word);
        all.push(Need::Term(term_need(w.text, open_start, open_end)));
    }
    Need::All(all)
}

fn term_need(w: &str, open_start: bool, open_end: bool) -> TermNeed {
    let (c, was_cut) = cut(w);
    match (open_start, open_end) {
        (false, false) if !was_cut => TermNeed::Exact(w.to_string()),
        (false, _) => TermNeed::Prefix(c.to_string()),
        (true, false) => TermNeed::Suffix(w.to_string()),
        (true, true) => TermNeed::Infix(w.to_string()),
    }
}

/// `need` with what selects nothing dropped: parts of words too short to be
/// worth looking up become [`Need::Any`], and `Any` absorbs or vanishes.
pub fn simplify(need: Need) -> Need {
    match need {
        Need::Any => Need::Any,
        Need::Term(t) => {
            let part = match &t {
                TermNeed::Exact(_) => return Need::Term(t),
                TermNeed::Prefix(p) | TermNeed::Suffix(p) | TermNeed::Infix(p) => p,
            };
            let single = part.chars().count() == 1
                && part
                    .chars()
                    .next()
                    .is_some_and(|c| class(c) == Class::Single);
            if part.len() >= MIN_PART.min(MAX_TERM) || single {
                Need::Term(t)
            } else {
                Need::Any
            }
        }
        Need::All(list) => {
            let mut kept: Vec<Need> = list
                .into_iter()
                .map(simplify)
                .filter(|n| *n != Need::Any)
                .collect();
            match kept.len() {
                0 => Need::Any,
                1 => kept.pop().unwrap_or(Need::Any),
                _ => Need::All(kept),
            }
        }
        Need::AnyOf(list) => {
            let mut kept = Vec::with_capacity(list.len());
            for n in list.into_iter().map(simplify) {
                if n == Need::Any {
                    return Need::Any;
                }
                kept.push(n);
            }
            match kept.len() {
                // An alternation of nothing matches nothing; nothing to check.
                0 => Need::Any,
                1 => kept.pop().unwrap_or(Need::Any),
                _ => Need::AnyOf(kept),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(s: &str) -> Need {
        Need::Term(TermNeed::Exact(s.into()))
    }

    #[test]
    fn a_phrase_needs_its_inner_words_whole_and_its_ends_as_parts() {
        assert_eq!(
            need_of("rime prevention", false),
            Need::All(vec![
                Need::Term(TermNeed::Suffix("rime".into())),
                Need::Term(TermNeed::Prefix("prevention".into())),
            ])
        );
        assert_eq!(
            need_of(r"\bMember States\b", false),
            Need::All(vec![
                Need::Term(TermNeed::Suffix("member".into())),
                Need::Term(TermNeed::Prefix("states".into())),
            ])
        );
        // "of" is too short a part of a word to look up.
        assert_eq!(
            need_of("the Résolution of", false),
            Need::All(vec![
                Need::Term(TermNeed::Suffix("the".into())),
                exact("resolution"),
            ])
        );
    }

    #[test]
    fn case_variants_and_alternations_fold_to_few_terms() {
        assert_eq!(
            need_of("(?i)council", false),
            Need::Term(TermNeed::Infix("council".into()))
        );
        assert_eq!(
            need_of("Council", true),
            Need::Term(TermNeed::Infix("council".into()))
        );
        assert_eq!(
            need_of("Assembly|Council", false),
            Need::AnyOf(vec![
                Need::Term(TermNeed::Infix("assembly".into())),
                Need::Term(TermNeed::Infix("council".into())),
            ])
        );
    }

    #[test]
    fn patterns_without_literals_need_nothing() {
        assert_eq!(need_of(r"\d+", false), Need::Any);
        assert_eq!(need_of("a?b", false), Need::Any);
        assert_eq!(
            need_of("x*council", false),
            Need::Term(TermNeed::Infix("council".into()))
        );
        assert_eq!(need_of("(", false), Need::Any);
        assert_eq!(
            need_of(r"\w+ Assembly", false),
            Need::Term(TermNeed::Prefix("assembly".into()))
        );
    }

    #[test]
    fn cjk_characters_are_whole_terms() {
        assert_eq!(
            need_of("大会", false),
            Need::All(vec![exact("大"), exact("会")])
        );
    }
}
