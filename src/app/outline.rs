//! The outline popup, a jump list: a document's agenda items when it is an
//! agenda, else its headings and numbered paragraphs; or a document's
//! family (its draft and revisions, the text adopted from it, addenda and
//! corrigenda), each member opening its document. And what its keys do.

use crate::app::Action;
use crate::app::command::{Cmd, Cx, Target, keep_visible, moved};
use crate::model::{Corpus, Document};

/// One entry of an outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    /// Nesting depth (0 top).
    pub depth: u8,
    /// What is shown.
    pub label: String,
    /// 1-based line it jumps to.
    pub line: usize,
    /// The document it opens, when it is another than the outline's
    /// (`None` with line 0: named, but not in the corpus).
    pub doc: Option<usize>,
}

/// The outline popup of a reader's document.
#[derive(Debug, Clone, Default)]
pub struct OutlineState {
    /// The reader it belongs to.
    pub reader: usize,
    /// The document (corpus index).
    pub doc: usize,
    /// What the popup is titled (`Outline`, `Family of A/80/L.21`).
    pub title: String,
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
            title: "Outline".into(),
            entries,
            selected,
            offset: selected.saturating_sub(3),
        })
    }

    /// The family of document `index` as a jump list for reader `reader`,
    /// the document itself selected; `None` when it has no family.
    pub fn family(corpus: &Corpus, index: usize, reader: usize) -> Option<Self> {
        let members = corpus.family(index);
        let doc = corpus.get(index)?;
        let base = members.first()?.symbol.clone();
        let entries: Vec<OutlineEntry> = members
            .iter()
            .map(|m| {
                let shown = m.doc.map(|d| corpus.listed_version(d));
                let title = shown
                    .and_then(|d| corpus.get(d))
                    .map_or_else(|| "(not in the corpus)".to_string(), |d| d.display_title());
                let relation = match (m.relation, &m.of) {
                    ("base", _) => String::new(),
                    ("adopted_from", Some(of)) => format!("adopted from {of} · "),
                    (r, Some(of)) => format!("{r} of {of} · "),
                    (r, None) => format!("{r} · "),
                };
                let superseded = if m.superseded { "superseded · " } else { "" };
                OutlineEntry {
                    depth: u8::from(m.relation != "base"),
                    label: crate::sanitize::inert_line(&format!(
                        "{}  {relation}{superseded}{title}",
                        m.symbol
                    ))
                    .chars()
                    .take(300)
                    .collect(),
                    line: usize::from(shown.is_some()),
                    doc: shown,
                }
            })
            .collect();
        let selected = members
            .iter()
            .position(|m| m.symbol.as_str() == doc.label())
            .unwrap_or(0);
        Some(OutlineState {
            reader,
            doc: index,
            title: format!("Family of {base}"),
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
        Action::Close | Action::Outline | Action::Family => vec![Cmd::Pop],
        Action::Open => match o.entries.get(o.selected) {
            Some(e) if e.line == 0 => vec![Cmd::Say(
                format!(
                    "{}: not in the corpus",
                    e.label.split("  ").next().unwrap_or("")
                ),
                false,
            )],
            Some(e) => vec![
                Cmd::Pop,
                Cmd::Jump {
                    reader: o.reader,
                    doc: e.doc.unwrap_or(o.doc),
                    target: if e.doc.is_some() {
                        Target::Top
                    } else {
                        Target::Line(e.line)
                    },
                },
            ],
            None => vec![Cmd::Pop],
        },
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
                doc: None,
            });
            for sub in &item.sub_items {
                out.push(OutlineEntry {
                    depth: 1,
                    label: format!("{}) {}", sub.letter, sub.title),
                    line: sub.annotation_line.unwrap_or(sub.line),
                    doc: None,
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
                doc: None,
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
                    doc: None,
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
