//! What changed between two texts, word by word: the texts are cut into
//! words, spaces and punctuation marks, compared with imara-diff's
//! Histogram algorithm (chosen by measuring: BENCHMARKS.md, "What changed"),
//! and given back as runs of equal, deleted and inserted text that spell the
//! old text (equal + deleted) and the new one (equal + inserted).

use imara_diff::{Algorithm, Diff, InternedInput};
use serde::Serialize;

/// What a run of text is to the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OpKind {
    /// In both texts.
    Equal,
    /// In the new text only.
    Insert,
    /// In the old text only.
    Delete,
}

/// A run of text and what it is to the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Op {
    /// Equal, inserted or deleted.
    #[serde(rename = "op")]
    pub kind: OpKind,
    /// The text, as written.
    pub text: String,
}

/// Cuts `text` into tokens: runs of letters and digits (with the
/// apostrophes, hyphens, slashes and dots inside them: `l'homme`,
/// `A/RES/78/225`, `so-called`), runs of white space, and every other
/// character alone. A CJK character is a word of its own.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut kind = Kind::None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(n + 1).map(|&(_, c)| c);
        let k = match c {
            c if c.is_whitespace() => Kind::Space,
            c if is_cjk(c) => Kind::Alone,
            c if c.is_alphanumeric() => Kind::Word,
            // Inside a word: `l'homme`, `78/225`, `so-called`, `3.5`.
            '\'' | '’' | '-' | '/' | '.' | ','
                if kind == Kind::Word
                    && next.is_some_and(|n| n.is_alphanumeric() && !is_cjk(n))
                    && (c != ','
                        || text[start..i]
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b == b',')) =>
            {
                Kind::Word
            }
            _ => Kind::Alone,
        };
        if i > start && (k != kind || k == Kind::Alone) {
            out.push(&text[start..i]);
            start = i;
        }
        kind = k;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    None,
    Word,
    Space,
    Alone,
}

/// Han, kana and hangul: written without spaces, compared one by one.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// The word-level changes from `old` to `new`. Runs of a kind are merged,
/// a change's deletion comes before its insertion, and a space alone
/// between two changes joins them (`[-a b-]{+c d+}`, not
/// `[-a-]{+c+} [-b-]{+d+}`).
pub fn diff(old: &str, new: &str) -> Vec<Op> {
    let before = tokens(old);
    let after = tokens(new);
    let mut input: InternedInput<&str> = InternedInput::default();
    input.update_before(before.iter().copied());
    input.update_after(after.iter().copied());
    let mut d = Diff::compute(Algorithm::Histogram, &input);
    d.postprocess_no_heuristic(&input);
    let mut raw: Vec<(OpKind, &str)> = Vec::new();
    let (mut b, mut a) = (0usize, 0usize);
    for hunk in d.hunks() {
        let (hb, ha) = (hunk.before.start as usize, hunk.after.start as usize);
        raw.extend(before[b..hb].iter().map(|t| (OpKind::Equal, *t)));
        raw.extend(
            before[hb..hunk.before.end as usize]
                .iter()
                .map(|t| (OpKind::Delete, *t)),
        );
        raw.extend(
            after[ha..hunk.after.end as usize]
                .iter()
                .map(|t| (OpKind::Insert, *t)),
        );
        b = hunk.before.end as usize;
        a = hunk.after.end as usize;
    }
    raw.extend(before[b..].iter().map(|t| (OpKind::Equal, *t)));
    debug_assert_eq!(before.len() - b, after.len() - a);
    merge(&raw)
}

/// Runs merged: deletions and insertions of one change grouped, spaces
/// alone between two changes absorbed into both sides.
fn merge(raw: &[(OpKind, &str)]) -> Vec<Op> {
    // Changes separated only by equal white space become one change.
    let mut groups: Vec<(OpKind, Vec<&str>, Vec<&str>)> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let (kind, text) = raw[i];
        if kind == OpKind::Equal {
            let joins = text.trim().is_empty()
                && matches!(groups.last(), Some((OpKind::Delete, _, _)))
                && raw.get(i + 1).is_some_and(|(k, _)| *k != OpKind::Equal);
            if joins {
                if let Some((_, del, ins)) = groups.last_mut() {
                    del.push(text);
                    ins.push(text);
                }
            } else if let Some((OpKind::Equal, eq, _)) = groups.last_mut() {
                eq.push(text);
            } else {
                groups.push((OpKind::Equal, vec![text], Vec::new()));
            }
        } else {
            // `Delete` stands for any change group here.
            if !matches!(groups.last(), Some((OpKind::Delete, _, _))) {
                groups.push((OpKind::Delete, Vec::new(), Vec::new()));
            }
            if let Some((_, del, ins)) = groups.last_mut() {
                if kind == OpKind::Delete {
                    del.push(text);
                } else {
                    ins.push(text);
                }
            }
        }
        i += 1;
    }
    let mut out = Vec::new();
    for (kind, first, second) in groups {
        if kind == OpKind::Equal {
            out.push(Op {
                kind,
                text: first.concat(),
            });
            continue;
        }
        let (del, ins) = (first.concat(), second.concat());
        // A shared space at either end belongs to the equal text around it.
        if !del.is_empty() {
            out.push(Op {
                kind: OpKind::Delete,
                text: del,
            });
        }
        if !ins.is_empty() {
            out.push(Op {
                kind: OpKind::Insert,
                text: ins,
            });
        }
    }
    out
}

/// The old text an edit script spells (equal and deleted runs).
pub fn old_text(ops: &[Op]) -> String {
    ops.iter()
        .filter(|o| o.kind != OpKind::Insert)
        .map(|o| o.text.as_str())
        .collect()
}

/// The new text an edit script spells (equal and inserted runs).
pub fn new_text(ops: &[Op]) -> String {
    ops.iter()
        .filter(|o| o.kind != OpKind::Delete)
        .map(|o| o.text.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn shown(ops: &[Op]) -> String {
        ops.iter()
            .map(|o| match o.kind {
                OpKind::Equal => o.text.clone(),
                OpKind::Delete => format!("[-{}-]", o.text),
                OpKind::Insert => format!("{{+{}+}}", o.text),
            })
            .collect()
    }

    #[test]
    fn words_symbols_and_numbers_are_tokens() {
        assert_eq!(
            tokens("Recalling its resolution 78/225, of l'homme"),
            [
                "Recalling",
                " ",
                "its",
                " ",
                "resolution",
                " ",
                "78/225",
                ",",
                " ",
                "of",
                " ",
                "l'homme"
            ]
        );
        assert_eq!(tokens("A/RES/78/225."), ["A/RES/78/225", "."]);
        assert_eq!(
            tokens("1,000,000 and 3.5"),
            ["1,000,000", " ", "and", " ", "3.5"]
        );
        assert_eq!(tokens("决议草案"), ["决", "议", "草", "案"]);
        assert_eq!(tokens(""), Vec::<&str>::new());
    }

    #[test]
    fn a_draft_and_its_adopted_paragraph() {
        let draft = "1. Requests the Secretary-General to submit a report to the General Assembly at its eighty-first session;";
        let adopted = "1. Requests the Secretary-General to submit a comprehensive report to the General Assembly at its eighty-second session;";
        assert_eq!(
            shown(&diff(draft, adopted)),
            "1. Requests the Secretary-General to submit a {+comprehensive +}report to the General Assembly at its [-eighty-first-]{+eighty-second+} session;"
        );
    }

    #[test]
    fn neighbouring_changes_join_across_a_space() {
        assert_eq!(
            shown(&diff("urges all States", "encourages Member States")),
            "[-urges all-]{+encourages Member+} States"
        );
        assert_eq!(shown(&diff("same text", "same text")), "same text");
        assert_eq!(shown(&diff("", "new")), "{+new+}");
        assert_eq!(shown(&diff("old", "")), "[-old-]");
    }

    proptest! {
        #[test]
        fn the_script_spells_both_texts(old in "\\PC{0,60}", new in "\\PC{0,60}") {
            let ops = diff(&old, &new);
            prop_assert_eq!(old_text(&ops), old);
            prop_assert_eq!(new_text(&ops), new);
            prop_assert!(ops.iter().all(|o| !o.text.is_empty()));
        }

        #[test]
        fn tokens_cover_the_text(text in "\\PC{0,80}") {
            prop_assert_eq!(tokens(&text).concat(), text);
        }
    }
}
