//! Searching inside one document (accent-insensitive, smart case: case matters
//! only when the query has a capital letter) and building a document's outline.

use crate::app::state::OutlineEntry;
use crate::model::Document;
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

/// The outline of `doc`: its agenda items when it is an agenda, else its
/// headings and numbered paragraphs.
pub fn outline(doc: &Document) -> Vec<OutlineEntry> {
    let mut out = Vec::new();
    if let Some(agenda) = &doc.agenda {
        for item in &agenda.items {
            out.push(OutlineEntry {
                depth: 0,
                label: format!("{}. {}", item.number, item.title),
                line: item.annotation_line.unwrap_or(item.line),
            });
            for sub in &item.sub_items {
                out.push(OutlineEntry {
                    depth: 1,
                    label: format!("{}) {}", sub.letter, sub.title),
                    line: sub.annotation_line.unwrap_or(sub.line),
                });
            }
        }
        return out;
    }
    let mut paragraphs = doc
        .paragraphs
        .iter()
        .filter(|p| p.number.is_some())
        .peekable();
    for line in 1..=doc.line_count() {
        let text = doc.line(line).trim();
        let heading = if let Some(h) = text.strip_prefix('#') {
            Some(h.trim_start_matches('#').trim())
        } else if text.len() > 4 && text.starts_with("**") {
            Some(text.trim_matches('*').trim())
        } else {
            None
        };
        if let Some(h) = heading.filter(|h| !h.is_empty()) {
            out.push(OutlineEntry {
                depth: 0,
                label: crate::sanitize::inert_line(h).chars().take(200).collect(),
                line,
            });
        }
        while let Some(p) = paragraphs.peek() {
            if p.start_line > line {
                break;
            }
            if p.start_line == line {
                let words: String = crate::sanitize::inert_line(text).chars().take(80).collect();
                let number = p.number.as_deref().unwrap_or("");
                let shown = words
                    .strip_prefix(number)
                    .map(|w| w.trim_start_matches(['.', ' ']))
                    .unwrap_or(&words)
                    .to_string();
                out.push(OutlineEntry {
                    depth: 1,
                    label: format!("¶ {number}  {shown}"),
                    line,
                });
            }
            paragraphs.next();
        }
        if out.len() > 5000 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_bundled;

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

    #[test]
    fn agenda_outline_lists_items() {
        let corpus = load_bundled();
        let agenda = corpus
            .documents()
            .iter()
            .find(|d| d.agenda.is_some())
            .unwrap();
        let o = outline(agenda);
        assert!(o[0].label.starts_with("1. Questions d'organisation"));
        assert!(o.iter().any(|e| e.depth == 1 && e.label.starts_with("a) ")));
        let report = &corpus.documents()[1];
        let o = outline(report);
        assert!(o.iter().any(|e| e.label.starts_with("¶ 1")), "{o:?}");
    }
}
