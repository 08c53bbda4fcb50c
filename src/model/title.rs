//! The title of a resolution or a draft as the UN prints it, which is not
//! the agenda item's heading printed above it:
//!
//! - an adopted resolution or decision is titled on the line of its number:
//!   `79/48. Measures to uphold the authority of the 1925 Geneva Protocol`
//!   (also `S-30/1.`, `ES-11/4.`, ECOSOC's `2004/27.`);
//! - a draft is titled by the paragraph after its sponsors' line, which ends
//!   `: draft resolution` (`projet de résolution`, `proyecto de resolución`,
//!   `проект резолюции`, and the same for decisions), however many lines the
//!   sponsors take.
//!
//! Both are looked for in the first lines of the text only.

use crate::model::lines::LineIndex;

/// Lines of the text looked at for a title.
const LOOK: usize = 120;

/// What ends the sponsors' line of a draft, in the official languages that
/// write it so.
const DRAFT_ENDS: &[&str] = &[
    "draft resolution",
    "draft decision",
    "projet de résolution",
    "projet de décision",
    "proyecto de resolución",
    "proyecto de decisión",
    "проект резолюции",
    "проект решения",
];

/// Who submits it, after `Draft resolution` (`submitted by the Chair`).
const SUBMITTED_BY: &[&str] = &[
    "submitted by",
    "présenté par",
    "presentado por",
    "представленный",
    "представлен",
];

/// True when lower-cased line `lower` introduces a draft: the sponsors'
/// line (`France and Spain: draft resolution`) or `Draft decision
/// submitted by the President of the General Assembly`.
pub fn is_draft_line(lower: &str) -> bool {
    let lower = lower.trim_end_matches(['*', ' ']);
    DRAFT_ENDS.iter().any(|d| {
        lower.ends_with(d)
            || (lower.starts_with(d) && SUBMITTED_BY.iter().any(|s| lower.contains(s)))
    })
}

/// The UN title of the document in `text`, when it prints one of the forms
/// above.
pub fn un_title(text: &str, lines: &LineIndex) -> Option<String> {
    let n = lines.len().min(LOOK);
    let line = |i: usize| lines.line(text, i).trim();
    // An adopted resolution: its number, then its title.
    for i in 1..=n {
        if let Some(rest) = after_number(line(i)) {
            return Some(paragraph_from(text, lines, i, rest));
        }
    }
    // A draft: the paragraph after the sponsors' line.
    for i in 1..=n {
        let l = line(i).trim_end_matches('*').trim_end();
        let lower = l.to_lowercase();
        if is_draft_line(&lower) && l.len() < 2000 {
            // The line may run on (`…submitted by the Rapporteur, X\n(Country),
            // on the basis of…`): the title is the paragraph after it.
            let end = (i + 1..=lines.len()).find(|&j| line(j).is_empty())?;
            let start = (end..=lines.len()).find(|&j| !line(j).is_empty())?;
            let first = line(start);
            // A draft whose text follows at once has no title of its own.
            if first.chars().count() > 200
                || after_number(first).is_some()
                || is_enacting_formula(first)
            {
                return None;
            }
            return Some(paragraph_from(text, lines, start, first));
        }
    }
    None
}

/// The title after a resolution or decision number at the start of `l`
/// (`79/48. Title`), when `l` starts so.
fn after_number(l: &str) -> Option<&str> {
    let body = l
        .strip_prefix("S-")
        .or_else(|| l.strip_prefix("ES-"))
        .unwrap_or(l);
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let a = digits(body);
    if !(1..=4).contains(&a) || body.as_bytes().get(a) != Some(&b'/') {
        return None;
    }
    let rest = &body[a + 1..];
    let b = digits(rest);
    if !(1..=4).contains(&b) {
        return None;
    }
    let rest = rest[b..].trim_start_matches([' ', 'A', 'B', 'C']);
    let title = rest.strip_prefix('.')?.trim();
    // A title has words (`2028 United Nations Conference…` does; `12` does not).
    (title.starts_with(char::is_alphanumeric) && title.chars().any(char::is_alphabetic))
        .then_some(title)
}

/// The line that opens a resolution's text (`The General Assembly,`,
/// `Le Conseil des droits de l'homme,`, `Генеральная Ассамблея,`): the
/// title ends before it, blank line or not.
pub fn is_enacting_formula(l: &str) -> bool {
    const BODIES: &[&str] = &[
        "Assembly",
        "Council",
        "Conference",
        "Commission",
        "Assemblée",
        "Conseil",
        "Conférence",
        "Asamblea",
        "Consejo",
        "Conferencia",
        "Comisión",
        "Ассамблея",
        "Совет",
        "Конференция",
        "Комиссия",
        "الجمعية",
        "المجلس",
        "مجلس",
        "المؤتمر",
        "大会",
        "理事会",
        "委员会",
        "会议",
    ];
    let l = l.trim_end_matches(['*', ' ']);
    let with_comma = l.ends_with(',') || l.ends_with('،') || l.ends_with('，');
    // Without its comma only as the whole of a short line (`The General Assembly`).
    let bare = l.chars().count() <= 30
        && ["The ", "L'", "L’", "La ", "Le ", "El "]
            .iter()
            .any(|a| l.starts_with(a));
    (with_comma || bare) && l.chars().count() <= 60 && BODIES.iter().any(|b| l.contains(b))
}

/// `first` (the text of line `i`) joined with the lines that follow it up to
/// the next blank line.
fn paragraph_from(text: &str, lines: &LineIndex, i: usize, first: &str) -> String {
    let mut title = first.to_string();
    for j in i + 1..=lines.len().min(i + 6) {
        let l = lines.line(text, j).trim();
        if l.is_empty() || l.chars().count() > 200 || is_enacting_formula(l) {
            break;
        }
        title.push(' ');
        title.push_str(l);
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(text: &str) -> Option<String> {
        un_title(text, &LineIndex::new(text))
    }

    #[test]
    fn a_resolution_is_titled_on_the_line_of_its_number() {
        let t = "Seventy-ninth session\nAgenda item 107\nCrime prevention and criminal justice\n\nResolution adopted by the General Assembly\n\n79/186. Strengthening the United Nations crime prevention\nand criminal justice programme\n\nThe General Assembly,\n";
        assert_eq!(
            title(t).as_deref(),
            Some(
                "Strengthening the United Nations crime prevention and criminal justice programme"
            )
        );
        assert_eq!(
            title("35/142 B. Reduction of military budgets\n").as_deref(),
            Some("Reduction of military budgets")
        );
        assert_eq!(
            title("ES-11/4. Territorial integrity of Ukraine\n").as_deref(),
            Some("Territorial integrity of Ukraine")
        );
        assert_eq!(
            title("80/1. Résolution en français\n").as_deref(),
            Some("Résolution en français")
        );
        assert_eq!(
            title("80/108. 2028 United Nations Conference\n").as_deref(),
            Some("2028 United Nations Conference")
        );
    }

    #[test]
    fn a_draft_is_titled_after_its_sponsors() {
        let t = "Agenda item 13\nIntegrated and coordinated implementation\n\nArmenia, Croatia, Cyprus, France,\nMorocco, Spain and Tunisia:* draft resolution\n\nInternational Day of the Mediterranean Diet\n\nThe General Assembly,\n";
        assert_eq!(
            title(t).as_deref(),
            Some("International Day of the Mediterranean Diet")
        );
        let fr = "Allemagne, France : projet de résolution\n\nJournée internationale\n";
        assert_eq!(title(fr).as_deref(), Some("Journée internationale"));
        let ru = "Австрия и Франция: проект резолюции\n\nМеждународный день\n";
        assert_eq!(title(ru).as_deref(), Some("Международный день"));
    }

    #[test]
    fn a_draft_submitted_by_an_officer_is_titled_after_that_line() {
        let t = "Agenda item 135\nProgramme budget for 2025\n\nDraft resolution submitted by the Chair of the Committee following informal consultations\n\nCapital master plan\n\nThe General Assembly,\n";
        assert_eq!(title(t).as_deref(), Some("Capital master plan"));
        let t = "Agenda item 23\nOperational activities for development\n\nDraft decision submitted by the President of the General Assembly*\n\nUnited Nations Pledging Conference for Development Activities\n\nThe General Assembly, recalling its decision 75/511 B,\n";
        assert_eq!(
            title(t).as_deref(),
            Some("United Nations Pledging Conference for Development Activities")
        );
        assert!(!is_draft_line("draft resolution i"));
        // A sponsors' line that runs on; a draft with no title of its own.
        let t = "Draft resolution submitted by the Rapporteur of the Committee, Javad Momeni\n(Islamic Republic of Iran), on the basis of informal consultations\n\nEducation for sustainable development\n\nThe General Assembly,\n";
        assert_eq!(
            title(t).as_deref(),
            Some("Education for sustainable development")
        );
        let t = "Draft resolution submitted by the President of the General Assembly\n\nThe General Assembly\n\nAdopts the following outcome document:\n";
        assert_eq!(title(t), None);
    }

    #[test]
    fn a_title_ends_at_the_enacting_formula_without_a_blank_line() {
        let t = "Iraq:* draft resolution\n\nPromoting sustainable consumption and production patterns for the\nimplementation of the 2030 Agenda\nThe General Assembly,\nRecalling the Rio Declaration on Environment and Development,\n";
        assert_eq!(
            title(t).as_deref(),
            Some(
                "Promoting sustainable consumption and production patterns for the implementation of the 2030 Agenda"
            )
        );
        for formula in [
            "Le Conseil des droits de l'homme,",
            "Генеральная Ассамблея,",
            "La Asamblea General,",
        ] {
            assert!(is_enacting_formula(formula), "{formula}");
        }
        assert!(!is_enacting_formula(
            "Recalling its resolution 78/225 of 19 December 2023,"
        ));
        assert!(!is_enacting_formula(
            "Strengthening the United Nations crime prevention and criminal justice programme, in particular its technical cooperation capacity"
        ));
    }

    #[test]
    fn numbers_and_dates_are_not_titles() {
        assert_eq!(title("1. Decides to act.\n2012/1. \n"), None);
        assert_eq!(title("The report (A/79/408, para. 114)\n4/4. 12\n"), None);
        assert_eq!(title("Nothing here\n"), None);
        // ECOSOC resolutions number by year.
        assert_eq!(after_number("2004/27. Title"), Some("Title"));
    }
}
