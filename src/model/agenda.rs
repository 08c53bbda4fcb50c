//! The agenda of an agenda document ("Ordre du jour provisoire et annotations",
//! "Provisional agenda and annotations"): numbered items, lettered sub-items,
//! the annotation under each, and the documents listed under "Documentation".

use crate::model::extract::{link, symbol};
use crate::model::fold::{fold, fold_char};
use crate::model::lines::LineIndex;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// An agenda: its items in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Agenda {
    /// The numbered items.
    pub items: Vec<AgendaItem>,
}

/// One numbered item of an agenda.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    /// The number as printed (`2`).
    pub number: String,
    /// Its title, without closing punctuation.
    pub title: String,
    /// 1-based line of the item in the agenda list.
    pub line: usize,
    /// Lettered sub-items.
    pub sub_items: Vec<AgendaSubItem>,
    /// 1-based line of the item's heading in the annotations, if annotated.
    pub annotation_line: Option<usize>,
    /// The annotation text under the item (before any sub-item), paragraphs
    /// separated by blank lines.
    pub annotation: String,
    /// The documents listed under "Documentation" for the item.
    pub documentation: Vec<DocumentationEntry>,
}

/// A lettered sub-item (`a) Ouverture de la réunion`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AgendaSubItem {
    /// The letter (`a`).
    pub letter: String,
    /// Its title.
    pub title: String,
    /// 1-based line in the agenda list.
    pub line: usize,
    /// 1-based line of its heading in the annotations, if annotated.
    pub annotation_line: Option<usize>,
    /// The annotation text under it.
    pub annotation: String,
}

/// One document listed under "Documentation".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentationEntry {
    /// Its symbol, when the entry gives one.
    pub symbol: Option<String>,
    /// The description, without the symbol in parentheses.
    pub description: String,
    /// 1-based line.
    pub line: usize,
}

static ITEM_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{1,2})\.\s+(\S.*)$").expect("valid regex"));
static SUB_ITEM_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*•]\s*)?(?:\(([a-z])\)|([a-z])\))\s+(\S.*)$").expect("valid regex")
});

const AGENDA_HEADINGS: &[&str] = &[
    "ordre du jour provisoire",
    "ordre du jour",
    "provisional agenda",
    "agenda",
    "programa provisional",
    "programa",
    "предварительная повестка дня",
    "повестка дня",
];
const ANNOTATION_HEADINGS: &[&str] = &["annotations", "anotaciones", "аннотации"];
const DOCUMENTATION_HEADINGS: &[&str] = &["documentation", "documentacion", "документация"];
const END_HEADINGS: &[&str] = &["annexe", "annex", "anexo", "приложение"];

static HEADING_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[IVX]+|[A-H])\.\s+").expect("valid regex"));
static ANNOTATED_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:Point|Item|Tema|Пункт)\s+)?([0-9]{1,2})\.\s+(\S.*)$").expect("valid regex")
});

/// True when `line` is one of the headings `names` (`II. Annotations` is `annotations`).
fn heading_is(line: &str, names: &[&str]) -> bool {
    let line = line.trim();
    // Only a line opening with a Roman numeral or a capital A–H can carry a number.
    let numbered = line.starts_with(['I', 'V', 'X', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    let line = if numbered {
        HEADING_NUMBER.find(line).map_or(line, |m| &line[m.end()..])
    } else {
        line
    };
    // Folded character by character, giving up as soon as it is longer than
    // every name: the same answer as folding the whole line, without folding
    // every paragraph of the text (a pure speed-up).
    let longest = names.iter().map(|n| n.len()).max().unwrap_or(0);
    let mut l = String::new();
    for c in line.trim_end_matches(['*', ':']).trim().chars() {
        fold_char(c, &mut l);
        if l.len() > longest || !names.iter().any(|n| n.starts_with(l.as_str())) {
            return false;
        }
    }
    names.contains(&l.as_str())
}

fn clean_title(s: &str) -> String {
    s.trim()
        .trim_end_matches([';', '.', ':', ','])
        .trim()
        .to_string()
}

fn is_footnote(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("* ") || t.starts_with("[^")
}

/// Reads the agenda of `text`, when it has an agenda list (a heading such as
/// "Ordre du jour provisoire" followed by numbered items).
pub fn parse(text: &str, lines: &LineIndex) -> Option<Agenda> {
    let n = lines.len();
    let line = |i: usize| lines.line(text, i);
    let heading = (1..=n).find(|&i| heading_is(line(i), AGENDA_HEADINGS))?;

    // The list: numbered items and their lettered sub-items.
    let mut items: Vec<AgendaItem> = Vec::new();
    let mut i = heading + 1;
    while i <= n {
        let l = line(i).trim();
        if l.is_empty() {
            if !items.is_empty()
                && !next_nonempty(text, lines, i)
                    .is_some_and(|j| ITEM_LINE.is_match(line(j).trim()))
            {
                break;
            }
        } else if let Some(c) = ITEM_LINE.captures(l) {
            items.push(AgendaItem {
                number: c[1].to_string(),
                title: clean_title(&c[2]),
                line: i,
                ..AgendaItem::default()
            });
        } else if let (Some(c), Some(item)) = (SUB_ITEM_LINE.captures(l), items.last_mut()) {
            let letter = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            item.sub_items.push(AgendaSubItem {
                letter: letter.to_string(),
                title: clean_title(&c[3]),
                line: i,
                ..AgendaSubItem::default()
            });
        } else if !items.is_empty() {
            break;
        }
        i += 1;
    }
    if items.is_empty() {
        return None;
    }

    // The annotations: a heading per item, text, sub-item headings, documentation.
    if let Some(start) = (i..=n).find(|&j| heading_is(line(j), ANNOTATION_HEADINGS)) {
        read_annotations(text, lines, start + 1, &mut items);
    }
    Some(Agenda { items })
}

fn next_nonempty(text: &str, lines: &LineIndex, from: usize) -> Option<usize> {
    (from + 1..=lines.len()).find(|&j| !lines.line(text, j).trim().is_empty())
}

/// Where annotation text under an item goes.
#[derive(Clone, Copy)]
enum Target {
    Item,
    SubItem(usize),
    Documentation,
}

fn read_annotations(text: &str, lines: &LineIndex, from: usize, items: &mut [AgendaItem]) {
    let mut current: Option<usize> = None;
    let mut target = Target::Item;
    for i in from..=lines.len() {
        let l = lines.line(text, i).trim();
        if l.is_empty() || is_footnote(l) {
            continue;
        }
        if heading_is(l, END_HEADINGS) {
            break;
        }
        let next_item = current.map_or(0, |c| c + 1);
        if let Some(c) = ANNOTATED_ITEM.captures(l) {
            if items.get(next_item).is_some_and(|it| it.number == c[1]) {
                current = Some(next_item);
                target = Target::Item;
                items[next_item].annotation_line = Some(i);
                continue;
            }
        }
        let Some(cur) = current else { continue };
        let item = &mut items[cur];
        if let Some(c) = SUB_ITEM_LINE.captures(l) {
            let letter = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            let title = fold(&clean_title(&c[3]));
            if let Some(k) = item
                .sub_items
                .iter()
                .position(|s| s.letter == letter && fold(&s.title) == title)
            {
                item.sub_items[k].annotation_line = Some(i);
                target = Target::SubItem(k);
                continue;
            }
        }
        if heading_is(l, DOCUMENTATION_HEADINGS) {
            target = Target::Documentation;
            continue;
        }
        match target {
            Target::Item => push_paragraph(&mut item.annotation, l),
            Target::SubItem(k) => push_paragraph(&mut item.sub_items[k].annotation, l),
            Target::Documentation => item.documentation.push(documentation_entry(l, i)),
        }
    }
}

fn push_paragraph(text: &mut String, paragraph: &str) {
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(paragraph);
}

fn documentation_entry(line: &str, number: usize) -> DocumentationEntry {
    let links = link::extract(line);
    let mut found = Vec::new();
    symbol::extract(line, &links.covered, &mut found);
    let Some(last) = found.last() else {
        return DocumentationEntry {
            symbol: None,
            description: line.to_string(),
            line: number,
        };
    };
    let symbol = last.key.trim_start_matches("symbol:").to_string();
    let before = line[..last.start]
        .trim_end()
        .trim_end_matches('(')
        .trim_end();
    let after = line[last.end..].trim_start_matches(')').trim();
    let description = if after.is_empty() {
        before.to_string()
    } else {
        format!("{before} {after}")
    };
    DocumentationEntry {
        symbol: Some(symbol),
        description,
        line: number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Provisional agenda and annotations\n\nProvisional agenda\n\n1. Organizational matters:\n (a) Opening of the session;\n (b) Adoption of the agenda.\n2. Review of the Protocol.\n\nAnnotations\n\n1. Organizational matters\n\n(a) Opening of the session\n\nThe session will open at 10 a.m.\n\n(b) Adoption of the agenda\n\nThe agenda was prepared under decision 4/4.\n\n2. Review of the Protocol\n\nIn its decision 4/4, the Conference decided:\n\n(a) something not a sub-item;\n\nDocumentation\n\nNote by the Secretariat (CTOC/COP/2008/6)\n\nAnnex\n\n1. Not an item\n";

    #[test]
    fn english_agenda_with_annotations() {
        let lines = LineIndex::new(SAMPLE);
        let agenda = parse(SAMPLE, &lines).expect("agenda");
        assert_eq!(agenda.items.len(), 2);
        let one = &agenda.items[0];
        assert_eq!(one.title, "Organizational matters");
        assert_eq!(one.sub_items.len(), 2);
        assert_eq!(one.sub_items[1].letter, "b");
        assert_eq!(
            one.sub_items[0].annotation,
            "The session will open at 10 a.m."
        );
        let two = &agenda.items[1];
        assert_eq!(
            two.annotation,
            "In its decision 4/4, the Conference decided:\n\n(a) something not a sub-item;"
        );
        assert_eq!(two.documentation.len(), 1);
        assert_eq!(
            two.documentation[0].symbol.as_deref(),
            Some("CTOC/COP/2008/6")
        );
        assert_eq!(two.documentation[0].description, "Note by the Secretariat");
    }

    #[test]
    fn numbered_sections_and_prefixed_item_headings() {
        let text = "I. Programa provisional\n\n1. Elección de la Mesa.\n2. Aprobación del programa.\n\nII. Anotaciones\n\nTema 1. Elección de la Mesa\n\nLa Conferencia elegirá.\n\nTema 2. Aprobación del programa\n\nDocumentación\n\nPrograma provisional (CTOC/COP/2012/1)\n";
        let agenda = parse(text, &LineIndex::new(text)).expect("agenda");
        assert_eq!(agenda.items.len(), 2);
        assert_eq!(agenda.items[0].annotation, "La Conferencia elegirá.");
        assert_eq!(
            agenda.items[1].documentation[0].symbol.as_deref(),
            Some("CTOC/COP/2012/1")
        );
    }

    #[test]
    fn no_heading_no_agenda() {
        let text = "1. First paragraph.\n2. Second.";
        assert_eq!(parse(text, &LineIndex::new(text)), None);
    }
}
