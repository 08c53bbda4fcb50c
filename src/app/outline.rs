//! A document's outline: its agenda items when it is an agenda, else its
//! headings and numbered paragraphs, as a jump list.

use crate::app::state::OutlineEntry;
use crate::model::Document;

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
