//! Searching inside one document (accent-insensitive, smart case: case matters
//! only when the query has a capital letter).

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Appends `c` without accents (and lower-cased unless `keep_case`) to `out`,
/// recording the source byte of every output byte in `map`.
fn fold_char(c: char, byte: usize, keep_case: bool, out: &mut String, map: &mut Vec<usize>) {
    let before = out.len();
    if c.is_ascii() {
        out.push(if keep_case { c } else { c.to_ascii_lowercase() });
    } else {
        match c {
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str(if keep_case { "OE" } else { "oe" }),
            '’' | '‘' | 'ʼ' => out.push('\''),
            '\u{a0}' | '\u{202f}' => out.push(' '),
            _ => decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    if keep_case {
                        out.push(d);
                    } else {
                        out.extend(d.to_lowercase());
                    }
                }
            }),
        }
    }
    map.extend(std::iter::repeat_n(byte, out.len() - before));
}

/// Byte ranges in `text` where `query` occurs (see the module doc for the rules).
pub fn find_all(text: &str, query: &str) -> Vec<(u32, u32)> {
    let keep_case = query.chars().any(char::is_uppercase);
    let mut needle = String::new();
    let mut ignore = Vec::new();
    for c in query.chars() {
        fold_char(c, 0, keep_case, &mut needle, &mut ignore);
    }
    if needle.trim().is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    let mut folded = String::new();
    let mut map = Vec::new();
    let mut line_start = 0usize;
    for line in text.split('\n') {
        folded.clear();
        map.clear();
        for (i, c) in line.char_indices() {
            fold_char(c, line_start + i, keep_case, &mut folded, &mut map);
        }
        map.push(line_start + line.len());
        for (at, m) in folded.match_indices(needle.as_str()) {
            let start = map[at];
            let mut end = map[at + m.len()];
            if end <= start {
                end = start + 1;
            }
            // Include combining marks following the last character.
            let rest = &text[end.min(text.len())..];
            end += rest
                .chars()
                .take_while(|&c| is_combining_mark(c))
                .map(char::len_utf8)
                .sum::<usize>();
            hits.push((start as u32, end as u32));
        }
        line_start += line.len() + 1;
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_accent_insensitively_with_smart_case() {
        let text = "Décision 4/4\nla decision et la DÉCISION\n";
        let hits = find_all(text, "decision");
        assert_eq!(hits.len(), 3);
        assert_eq!(&text[hits[0].0 as usize..hits[0].1 as usize], "Décision");
        assert_eq!(find_all(text, "Decision").len(), 1);
        assert_eq!(find_all("Re\u{301}sume\u{301}", "resume").len(), 1);
        assert_eq!(
            find_all("Re\u{301}sume\u{301}", "resume")[0],
            (0, "Re\u{301}sume\u{301}".len() as u32)
        );
        assert!(find_all(text, "  ").is_empty());
    }
}
