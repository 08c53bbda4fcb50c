//! What kind of document a document is (resolution, decision, draft,
//! report, note, letter, agenda, record): from its symbol where the symbol
//! says so (`A/RES/…`, `…/L.7`, `S/PV.…`), else from the words its first
//! page prints, in the six languages where they are known here.

use crate::model::lines::LineIndex;
use crate::model::symbol::{DocType, Symbol};

/// Lines of the text looked at.
const LOOK: usize = 80;

/// Openings of a first-page line, lower-cased, and the kind each says.
const SAID: &[(&str, &str)] = &[
    ("resolution adopted by", "resolution"),
    ("résolution adoptée par", "resolution"),
    ("resolución aprobada por", "resolution"),
    ("резолюция, принятая", "resolution"),
    ("decision adopted by", "decision"),
    ("décision adoptée par", "decision"),
    ("decisión adoptada por", "decision"),
    ("решение, принятое", "decision"),
    ("draft resolution", "draft"),
    ("draft decision", "draft"),
    ("projet de résolution", "draft"),
    ("projet de décision", "draft"),
    ("proyecto de resolución", "draft"),
    ("proyecto de decisión", "draft"),
    ("проект резолюции", "draft"),
    ("проект решения", "draft"),
    ("provisional agenda", "agenda"),
    ("ordre du jour provisoire", "agenda"),
    ("programa provisional", "agenda"),
    ("предварительная повестка дня", "agenda"),
    ("summary record", "summary_record"),
    ("compte rendu analytique", "summary_record"),
    ("acta resumida", "summary_record"),
    ("краткий отчет", "summary_record"),
    ("letter dated", "letter"),
    ("lettre datée", "letter"),
    ("carta de fecha", "letter"),
    ("письмо", "letter"),
    ("note verbale", "letter"),
    ("note by the", "note"),
    ("note du secrétariat", "note"),
    ("note du secrétaire général", "note"),
    ("nota de la secretaría", "note"),
    ("nota del secretario general", "note"),
    ("записка секретариата", "note"),
    ("записка генерального секретаря", "note"),
    ("report of the", "report"),
    ("rapport du", "report"),
    ("rapport de la", "report"),
    ("rapport sur", "report"),
    ("informe del", "report"),
    ("informe de la", "report"),
    ("доклад", "report"),
    ("مشروع قرار", "draft"),
    ("مشروع مقرر", "draft"),
    ("جدول الأعمال المؤقت", "agenda"),
    ("رسالة مؤرخة", "letter"),
    ("مذكرة", "note"),
    ("تقرير", "report"),
];

/// How Chinese titles end, and the kind each says (`…工作组的报告`).
const ENDS: &[(&str, &str)] = &[
    ("决议草案", "draft"),
    ("决定草案", "draft"),
    ("秘书处的说明", "note"),
    ("秘书长的说明", "note"),
    ("的信", "letter"),
    ("报告", "report"),
    ("临时议程", "agenda"),
];

/// The kind of the document whose symbol is `symbol` and whose text is
/// `text`; `has_agenda` when an agenda was read from it. `None` when
/// neither says.
pub fn classify(
    symbol: Option<&str>,
    has_agenda: bool,
    text: &str,
    lines: &LineIndex,
) -> Option<&'static str> {
    let by_symbol = symbol
        .and_then(Symbol::parse)
        .map(|s| s.doc_type())
        .filter(|t| *t != DocType::Unknown)
        .map(DocType::name);
    if by_symbol.is_some() {
        return by_symbol;
    }
    // A line that says it, in the order the first page prints them: a
    // resolution's "Resolution adopted by" comes before its text's
    // "Report of the …" mentions.
    let said = (1..=lines.len().min(LOOK)).find_map(|i| {
        let l = lines.line(text, i).trim().trim_start_matches(['*', '_']);
        if l.chars().count() > 200 {
            return None;
        }
        let lower = l.to_lowercase();
        SAID.iter()
            .find(|(opening, _)| {
                lower.starts_with(opening)
                    || (opening.starts_with("draft") && lower.ends_with(opening))
            })
            .or_else(|| ENDS.iter().find(|(end, _)| l.ends_with(end)))
            .map(|(_, kind)| *kind)
    });
    match said {
        Some("agenda") | None if has_agenda => Some("agenda"),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(symbol: Option<&str>, text: &str) -> Option<&'static str> {
        classify(symbol, false, text, &LineIndex::new(text))
    }

    #[test]
    fn the_symbol_says_it_first_then_the_first_page() {
        assert_eq!(
            kind(Some("A/RES/80/225"), "Report of the Third Committee"),
            Some("resolution")
        );
        assert_eq!(kind(Some("A/C.3/80/L.7"), ""), Some("draft"));
        assert_eq!(kind(Some("S/PV.9000"), ""), Some("verbatim_record"));
        assert_eq!(
            kind(
                Some("A/80/476"),
                "Promotion of justice\n\nReport of the Third Committee\n"
            ),
            Some("report")
        );
        assert_eq!(
            kind(
                Some("A/HRC/59/15"),
                "Report of the Working Group on the Universal Periodic Review*\n"
            ),
            Some("report")
        );
        assert_eq!(
            kind(None, "Note du Secrétariat\n\n1. Dans sa décision"),
            Some("note")
        );
        assert_eq!(
            kind(
                None,
                "Letter dated 3 May 2024 from the Permanent Representative"
            ),
            Some("letter")
        );
        assert_eq!(
            kind(None, "France and Spain: draft resolution\n"),
            Some("draft")
        );
        assert_eq!(
            kind(None, "Решение, принятое Советом по правам человека\n"),
            Some("decision")
        );
        assert_eq!(kind(None, "Some text.\n"), None);
        assert_eq!(kind(None, "打击贩运人口问题工作组的报告\n"), Some("report"));
        assert_eq!(kind(None, "秘书处的说明\n"), Some("note"));
        // An agenda item's line is not an agenda.
        assert_eq!(
            kind(None, "临时议程项目2(a)*\n打击贩运人口问题工作组的报告\n"),
            Some("report")
        );
        assert_eq!(
            kind(None, "تقرير الفريق العامل المعني بالاتجار بالأشخاص\n"),
            Some("report")
        );
        assert_eq!(kind(None, "مشروع قرار مقدم من الرئيس\n"), Some("draft"));
        assert_eq!(
            classify(None, true, "x", &LineIndex::new("x")),
            Some("agenda")
        );
    }
}
