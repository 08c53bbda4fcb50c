//! Conferences of States parties that number their decisions and resolutions
//! by session, with no symbol of their own (`decision 4/4` of the Conference
//! of the Parties to the Organized Crime Convention is printed in the report
//! of its fourth session, CTOC/COP/2008/19): which conference a document
//! belongs to, the key of a decision it cites (`decision:CTOC/COP:4/4`,
//! distinct from the Convention against Corruption's `decision:CAC/COSP:4/4`),
//! and which document is the report of one of its sessions.

use crate::model::fold::fold;
use crate::model::masthead;
use regex::Regex;
use std::sync::LazyLock;

/// A conference: the series its documents carry and how it is named.
struct Conference {
    /// The first two parts of its documents' symbols (`CTOC/COP`).
    series: &'static str,
    /// Words that name it and no other, in the six languages, lower case.
    names: &'static [&'static str],
    /// Words that name a conference of this kind ("of the Parties"), lower case.
    kind: &'static [&'static str],
}

const CONFERENCES: &[Conference] = &[
    Conference {
        series: "CTOC/COP",
        names: &[
            "transnational organized crime",
            "transnational organised crime",
            "criminalité transnationale organisée",
            "delincuencia organizada transnacional",
            "транснациональной организованной преступности",
            "跨国有组织犯罪",
            "الجريمة المنظَّمة عبر الوطنية",
        ],
        kind: &[
            "conference of the parties",
            "conférence des parties",
            "conferencia de las partes",
            "конференция участников",
            "конференции участников",
            "缔约方会议",
            "مؤتمر الأطراف",
        ],
    },
    Conference {
        series: "CAC/COSP",
        names: &[
            "convention against corruption",
            "convention des nations unies contre la corruption",
            "convención de las naciones unidas contra la corrupción",
            "против коррупции",
            "反腐败公约",
            "لمكافحة الفساد",
        ],
        kind: &[
            "conference of the states parties",
            "conférence des états parties",
            "conferencia de los estados partes",
            "конференция государств",
            "конференции государств",
            "缔约国会议",
            "مؤتمر الدول الأطراف",
        ],
    },
];

/// The conference whose series `symbol` is in (`CTOC/COP/2008/19`,
/// `CTOC/COP/WG.4/2010/2`, `CAC/COSP/IRG/2020/1`).
pub fn of_symbol(symbol: &str) -> Option<&'static str> {
    let upper = symbol.to_ascii_uppercase();
    CONFERENCES
        .iter()
        .find(|c| {
            upper
                .strip_prefix(c.series)
                .is_some_and(|rest| rest.starts_with('/'))
        })
        .map(|c| c.series)
}

/// Non-blank lines of a document's head where its body is named.
const HEAD_LINES: usize = 12;

/// The conference a document without a symbol belongs to, from the body its
/// masthead names among the first lines of `text` ("Conférence des Parties à
/// la Convention des Nations Unies contre la criminalité transnationale
/// organisée"), which may run over two lines.
pub fn of_head(text: &str) -> Option<&'static str> {
    let head: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEAD_LINES)
        .collect();
    let head = fold(&head.join(" "));
    CONFERENCES
        .iter()
        .find(|c| {
            c.kind.iter().any(|k| {
                head.find(&fold(k)).is_some_and(|at| {
                    // The name follows its kind closely: "… à la Convention
                    // des Nations Unies contre la criminalité …".
                    let after = &head[at..];
                    let near = after
                        .char_indices()
                        .nth(160)
                        .map_or(after, |(i, _)| &after[..i]);
                    c.names.iter().any(|n| near.contains(&fold(n)))
                })
            })
        })
        .map(|c| c.series)
}

/// The conference that `clause` (folded text before a citation) names by
/// name, if any.
pub fn named_in(clause: &str) -> Option<&'static str> {
    CONFERENCES
        .iter()
        .filter_map(|c| {
            Some((
                c.names
                    .iter()
                    .filter_map(|n| clause.rfind(&fold(n)))
                    .max()?,
                c,
            ))
        })
        .max_by_key(|(at, _)| *at)
        .map(|(_, c)| c.series)
}

/// What may stand between a cited number and the body named after it,
/// folded: its date (a footnote mark may be glued to the year: `202043`),
/// and the rest of a list of numbers (`10/6 of 16 October 2020 and 11/3 of
/// 21 October 2022 of the Conference …`).
static BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\s*,?\s*(?:of|du|de|del|от)\s+[0-9]{1,2}(?:er)?\s+(?:de\s+)?\p{L}+\s+(?:de\s+)?[0-9]{4}[0-9]{0,3}(?:\s+года)?|\s*,?\s*(?:and|et|y|и)\s+|\s*,\s*|\s*[0-9]{1,3}/[0-9]{1,3}(?:\s?[a-z]\b)?)*",
    )
    .expect("valid regex")
});

/// The conference named right after a citation, as in "la décision 4/4 de
/// la Conférence des Parties à la Convention des Nations Unies contre la
/// criminalité transnationale organisée" or "resolution 8/12 of 20 December
/// 2019 of the Conference of the States Parties to the United Nations
/// Convention against Corruption" (`after` is the text after the number).
pub fn named_after(after: &str) -> Option<&'static str> {
    let mut end = after.len().min(400);
    while !after.is_char_boundary(end) {
        end -= 1;
    }
    let folded = fold(&after[..end]);
    let skipped = BETWEEN.find(&folded).map_or(0, |m| m.end());
    let phrase = folded[skipped..].trim_start();
    let phrase = phrase.split(['.', ';', ',', '\n']).next().unwrap_or("");
    let of = ["of the ", "de la ", "de las ", "del ", ""];
    CONFERENCES
        .iter()
        .find(|c| {
            c.kind.iter().any(|k| {
                let k = fold(k);
                of.iter().any(|o| phrase.starts_with(&format!("{o}{k}")))
            }) && c.names.iter().any(|n| phrase.contains(&fold(n)))
        })
        .map(|c| c.series)
}

/// The key of decision or resolution `number` (`4/4`) of conference
/// `series`, for a citation of `kind` (`decision`, `resolution`).
pub fn key(kind: &str, series: &str, number: &str) -> String {
    format!("{kind}:{series}:{number}")
}

/// The conference and session of a key made by [`key`]:
/// `decision:CTOC/COP:4/4` → (`CTOC/COP`, 4).
pub fn session_of_key(key: &str) -> Option<(&'static str, u32)> {
    let (_, rest) = key.split_once(':')?;
    let (series, number) = rest.split_once(':')?;
    let conference = CONFERENCES.iter().find(|c| c.series == series)?;
    let session = number.split_once('/')?.0.parse().ok()?;
    Some((conference.series, session))
}

/// The folded words of a report's title before its session, in the six
/// languages: "… on its fourth session", "… sur les travaux de sa quatrième
/// session", "… sobre su cuarto período de sesiones", "… о работе ее
/// четвертой сессии", "…第四届会议报告" (Arabic's "دورته الرابعة" is read
/// from the title as written: folding changes its letters).
static SESSION_REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\bon its (?P<en>[\p{L}0-9 -]+?) session\b|\bsa (?P<fr>[\p{L}0-9 -]+?) session\b|\bsu (?P<es>[\p{L}0-9 -]+?) periodo de sesiones\b|о работе ее (?P<ru>[\p{L}0-9 -]+?) сессии|第(?P<zh>[0-9〇一二三四五六七八九十]+)届会议)",
    )
    .expect("valid regex")
});

/// How a report's title opens before the conference's name, folded.
const REPORT_OF: &[&str] = &[
    "report of the",
    "rapport de la",
    "informe de la",
    "доклад",
    "تقرير",
];

/// A conference's words folded, as titles are compared with them.
struct FoldedConference {
    series: &'static str,
    names: Vec<String>,
    kind: Vec<String>,
}

/// [`CONFERENCES`] and [`REPORT_OF`] folded once, not for every title.
struct FoldedWords {
    conferences: Vec<FoldedConference>,
    report_of: Vec<String>,
}

static FOLDED_WORDS: LazyLock<FoldedWords> = LazyLock::new(|| FoldedWords {
    conferences: CONFERENCES
        .iter()
        .map(|c| FoldedConference {
            series: c.series,
            names: c.names.iter().map(|n| fold(n)).collect(),
            kind: c.kind.iter().map(|k| fold(k)).collect(),
        })
        .collect(),
    report_of: REPORT_OF.iter().map(|r| fold(r)).collect(),
});

static ARABIC_SESSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"دورته\s+(\S+)").expect("valid regex"));

/// The conference and session whose report a document titled `title` (with
/// its own `symbol`) is: "Report of the Conference of the Parties to the
/// United Nations Convention against Transnational Organized Crime on its
/// fourth session" → (`CTOC/COP`, 4). A working group's report, which names
/// the Conference later in its title, is not one.
pub fn reported_session(title: &str, symbol: Option<&str>) -> Option<(&'static str, u32)> {
    let folded = fold(title);
    let words = &*FOLDED_WORDS;
    // Most titles are no report's: without a report's opening words, no
    // conference need be tried (each is found only after one of them).
    if !folded.ends_with("会议报告") && !words.report_of.iter().any(|r| folded.contains(r.as_str()))
    {
        return None;
    }
    let opens_with_report = |c: &FoldedConference| {
        c.kind.iter().any(|k| {
            folded.find(k.as_str()).is_some_and(|at| {
                let before = folded[..at].trim_end();
                words.report_of.iter().any(|r| before.ends_with(r.as_str()))
                    || (folded.ends_with("会议报告") && !before.contains("报告"))
            })
        })
    };
    let by_name = words
        .conferences
        .iter()
        .find(|c| opens_with_report(c) && c.names.iter().any(|n| folded.contains(n.as_str())))
        .map(|c| c.series);
    let by_symbol = || {
        let series = symbol.and_then(of_symbol)?;
        words
            .conferences
            .iter()
            .find(|c| c.series == series && opens_with_report(c))
            .map(|c| c.series)
    };
    let series = by_name.or_else(by_symbol)?;
    if let Some(word) = ARABIC_SESSION.captures(title).and_then(|c| c.get(1)) {
        let session = masthead::parse_session_line(&format!("الدورة {}", word.as_str()))?;
        return Some((series, session));
    }
    let c = SESSION_REPORTED.captures(&folded)?;
    let session = if let Some(w) = c.name("zh") {
        masthead::parse_session_line(&format!("第{}届会议", w.as_str()))
    } else if let Some(w) = c.name("ru") {
        masthead::ordinal(&russian_nominative(w.as_str()))
    } else {
        ["en", "fr", "es"]
            .iter()
            .find_map(|n| c.name(n))
            .and_then(|w| masthead::ordinal(w.as_str()))
    }?;
    Some((series, session))
}

/// A Russian ordinal in the genitive or prepositional feminine
/// (`четвертой`, `третьей`) in the nominative the session line uses
/// (`четвертая`, `третья`), word by word.
fn russian_nominative(words: &str) -> String {
    words
        .split_whitespace()
        .map(|w| {
            if let Some(stem) = w.strip_suffix("ьеи").or_else(|| w.strip_suffix("ьей")) {
                format!("{stem}ья")
            } else if let Some(stem) = w.strip_suffix("еи").or_else(|| w.strip_suffix("ей")) {
                format!("{stem}ья")
            } else if let Some(stem) = w.strip_suffix("ои").or_else(|| w.strip_suffix("ой")) {
                format!("{stem}ая")
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_documents_conference_from_its_symbol_or_masthead() {
        assert_eq!(of_symbol("CTOC/COP/2008/19"), Some("CTOC/COP"));
        assert_eq!(of_symbol("ctoc/cop/WG.4/2010/2"), Some("CTOC/COP"));
        assert_eq!(of_symbol("CAC/COSP/IRG/2020/1"), Some("CAC/COSP"));
        assert_eq!(of_symbol("CTOC/COPX/1"), None);
        assert_eq!(of_symbol("A/RES/78/225"), None);
        let fr = "\n\nConférence des Parties à la Convention des Nations Unies\ncontre la criminalité transnationale organisée\n\nDistr. générale\n";
        assert_eq!(of_head(fr), Some("CTOC/COP"));
        let es = "Conferencia de los Estados Partes en la\nConvención de las Naciones Unidas contra la Corrupción\nDistr. general";
        assert_eq!(of_head(es), Some("CAC/COSP"));
        let ru = "Конференция участников Конвенции Организации Объединенных Наций против транснациональной организованной преступности";
        assert_eq!(of_head(ru), Some("CTOC/COP"));
        // The Assembly's resolution naming the Conference in its text.
        let ga = "United Nations\nGeneral Assembly\nA/RES/78/229\n\nResolution adopted by the General Assembly\n";
        assert_eq!(of_head(ga), None);
        // The name without "Conference of the Parties": another body.
        assert_eq!(
            of_head("Commission on Crime Prevention\nTransnational organized crime\n"),
            None
        );
    }

    #[test]
    fn a_session_report_in_the_six_languages() {
        let cases = [
            (
                "Report of the Conference of the Parties to the United Nations Convention against Transnational Organized Crime on its fourth session, held in Vienna from 8 to 17 October 2008",
                Some(("CTOC/COP", 4)),
            ),
            (
                "Rapport de la Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée sur les travaux de sa quatrième session, tenue à Vienne du 8 au 17 octobre 2008",
                Some(("CTOC/COP", 4)),
            ),
            (
                "Informe de la Conferencia de los Estados Partes en la Convención de las Naciones Unidas contra la Corrupción sobre su décimo período de sesiones",
                Some(("CAC/COSP", 10)),
            ),
            (
                "Доклад Конференции участников Конвенции Организации Объединенных Наций против транснациональной организованной преступности о работе ее третьей сессии",
                Some(("CTOC/COP", 3)),
            ),
            (
                "联合国打击跨国有组织犯罪公约缔约方会议第九届会议报告",
                Some(("CTOC/COP", 9)),
            ),
            (
                "Report of the Conference of the States Parties to the United Nations Convention against Corruption on its 9th session",
                Some(("CAC/COSP", 9)),
            ),
            // A working group's report is not the session's.
            (
                "Report on the meeting of the Working Group on Trafficking in Persons held in Vienna",
                None,
            ),
            (
                "Report of the Working Group on Firearms established by the Conference of the Parties to the United Nations Convention against Transnational Organized Crime on its meeting",
                None,
            ),
            // Another body's session report.
            (
                "Report of the Commission on Crime Prevention and Criminal Justice on its twentieth session",
                None,
            ),
            (
                "تقرير مؤتمر الأطراف في اتفاقية الأمم المتحدة لمكافحة الجريمة المنظَّمة عبر الوطنية عن أعمال دورته الرابعة",
                Some(("CTOC/COP", 4)),
            ),
            ("Provisional agenda and annotations", None),
        ];
        for (title, expected) in cases {
            assert_eq!(reported_session(title, None), expected, "{title}");
        }
        // The conference from the report's own symbol when the title is short.
        assert_eq!(
            reported_session(
                "Report of the Conference of the Parties on its fifth session",
                Some("CTOC/COP/2010/17")
            ),
            Some(("CTOC/COP", 5))
        );
    }

    #[test]
    fn keys_carry_the_conference_and_give_back_the_session() {
        let k = key("decision", "CTOC/COP", "4/4");
        assert_eq!(k, "decision:CTOC/COP:4/4");
        assert_eq!(session_of_key(&k), Some(("CTOC/COP", 4)));
        assert_eq!(
            session_of_key("resolution:CAC/COSP:10/1"),
            Some(("CAC/COSP", 10))
        );
        assert_eq!(session_of_key("decision:4/4"), None);
        assert_eq!(session_of_key("symbol:A/RES/78/225"), None);
        assert_eq!(
            named_in(
                "recalling the conference of the states parties to the united nations convention against corruption "
            ),
            Some("CAC/COSP")
        );
        assert_eq!(named_in("recalling its "), None);
        assert_eq!(
            named_after(
                " de la Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée, intitulée"
            ),
            Some("CTOC/COP")
        );
        assert_eq!(
            named_after(
                " of the Conference of the States Parties to the United Nations Convention against Corruption"
            ),
            Some("CAC/COSP")
        );
        assert_eq!(
            named_after(", the Conference of the Parties decided"),
            None,
            "not its name"
        );
        assert_eq!(named_after(" of the General Assembly"), None);
        // Past its date (a footnote mark glued to the year) and the list.
        assert_eq!(
            named_after(
                " of 16 October 202043 and 11/3 of 21 October 202244 of the Conference of the Parties to the United Nations Convention against Transnational Organized Crime on preventing"
            ),
            Some("CTOC/COP")
        );
        assert_eq!(
            named_after(
                " of 20 December 201945 of the Conference of the States Parties to the United Nations Convention against Corruption, on preventing"
            ),
            Some("CAC/COSP")
        );
        assert_eq!(
            named_after(
                " of 18 October 2024 on enhancing measures of the Conference of the Parties to the United Nations Convention against Transnational Organized Crime"
            ),
            None,
            "a title between: too far to say"
        );
    }
}
