//! The outline popup: a document's agenda items when it is an agenda, else
//! its headings and numbered paragraphs, as a jump list; and what its keys do.

use crate::app::Action;
use crate::app::command::{Cmd, Cx, Target, keep_visible, moved};
use crate::model::Document;

/// One entry of an outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    /// Nesting depth (0 top).
    pub depth: u8,
    /// What is shown.
    pub label: String,
    /// 1-based line it jumps to.
    pub line: usize,
}

/// The outline popup of a reader's document.
#[derive(Debug, Clone, Default)]
pub struct OutlineState {
    /// The reader it belongs to.
    pub reader: usize,
    /// The document (corpus index).
    pub doc: usize,
    /// Its entries.
    pub entries: Vec<OutlineEntry>,
    /// Selected entry.
    pub selected: usize,
    /// First visible entry.
    pub offset: usize,
}

impl OutlineState {
    /// The outline of `doc` (document `index`) shown in reader `reader`, the
    /// entry at or above line `top` selected; `None` when it has no entries.
    pub fn open(doc: &Document, index: usize, reader: usize, top: usize) -> Option<Self> {
        let entries = outline(doc);
        if entries.is_empty() {
            return None;
        }
        let selected = entries.iter().rposition(|e| e.line <= top).unwrap_or(0);
        Some(OutlineState {
            reader,
            doc: index,
            entries,
            selected,
            offset: selected.saturating_sub(3),
        })
    }

    /// Selects entry `to` (clamped), keeping it in a window of `page` rows.
    pub fn select(&mut self, to: usize, page: usize) {
        self.selected = to.min(self.entries.len().saturating_sub(1));
        keep_visible(&mut self.offset, self.selected, page);
    }
}

/// What a key does in the outline; `None` passes it down.
pub fn handle(o: &mut OutlineState, a: Action, cx: &Cx) -> Option<Vec<Cmd>> {
    if let Some(to) = moved(a, o.selected, o.entries.len(), cx.page) {
        o.select(to, cx.page);
        return Some(Vec::new());
    }
    Some(match a {
        Action::Close | Action::Outline => vec![Cmd::Pop],
        Action::Open => {
            let mut cmds = vec![Cmd::Pop];
            if let Some(e) = o.entries.get(o.selected) {
                cmds.push(Cmd::Jump {
                    reader: o.reader,
                    doc: o.doc,
                    target: Target::Line(e.line),
                });
            }
            cmds
        }
        // Modal: only the help and the search bar pass down.
        Action::Help | Action::Problems | Action::SearchBar | Action::Quit => return None,
        _ => Vec::new(),
    })
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
