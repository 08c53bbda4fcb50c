//! Resolutions and decisions cited by number resolved to the symbol of the
//! document that carries them: "its resolution 78/225" in a General Assembly
//! document is `A/RES/78/225`; "Human Rights Council resolution 5/1" is
//! `A/HRC/RES/5/1`; "Economic and Social Council resolution 2004/27" is
//! `E/RES/2004/27`. The body is the one named nearest before the number in
//! the same sentence, else the citing document's own (from its symbol).
//! When another body is named (a commission, a conference, a committee) or
//! the body prints no symbol for it (General Assembly decisions), the
//! citation stays as it was: nothing is guessed.

use crate::model::reference::RefKind;
use regex::Regex;
use std::sync::LazyLock;

/// A body whose resolutions carry a symbol of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// The General Assembly: `A/RES/78/225`.
    GeneralAssembly,
    /// The Human Rights Council: `A/HRC/RES/5/1`, `A/HRC/DEC/…`.
    HumanRightsCouncil,
    /// The Economic and Social Council: `E/RES/2004/27`.
    EconomicAndSocialCouncil,
    /// A conference of States parties numbering its decisions by session
    /// (`CTOC/COP`): its decisions are printed in its session reports.
    Conference(&'static str),
    /// Some other body (a commission, a conference, a committee…).
    Other,
}

/// What a resolution or decision cited by number is known to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The document of this symbol carries it (`A/RES/78/225`).
    Symbol(String),
    /// A conference's decision or resolution, keyed by conference
    /// (`decision:CTOC/COP:4/4`): the report of its session carries it.
    Conference(String),
}

/// The body that issued a document of symbol `symbol` (whose resolutions
/// "its resolution" means).
pub fn body_of(symbol: &str) -> Option<Body> {
    let s = symbol.to_ascii_uppercase();
    if let Some(series) = crate::model::conference::of_symbol(&s) {
        Some(Body::Conference(series))
    } else if s.starts_with("A/HRC/") {
        Some(Body::HumanRightsCouncil)
    } else if s.starts_with("A/") {
        Some(Body::GeneralAssembly)
    } else if s.starts_with("E/") && !s.starts_with("E/CN.") {
        Some(Body::EconomicAndSocialCouncil)
    } else {
        Some(Body::Other)
    }
}

/// Names of bodies as written before a citation, in the six languages where
/// known, lower case. Longer names come first (`human rights council` before
/// `council`).
const NAMES: &[(&str, Body)] = &[
    (
        "economic and social council",
        Body::EconomicAndSocialCouncil,
    ),
    (
        "conseil économique et social",
        Body::EconomicAndSocialCouncil,
    ),
    ("consejo económico y social", Body::EconomicAndSocialCouncil),
    (
        "экономического и социального совета",
        Body::EconomicAndSocialCouncil,
    ),
    ("human rights council", Body::HumanRightsCouncil),
    ("conseil des droits de l'homme", Body::HumanRightsCouncil),
    ("conseil des droits de l’homme", Body::HumanRightsCouncil),
    ("consejo de derechos humanos", Body::HumanRightsCouncil),
    ("совета по правам человека", Body::HumanRightsCouncil),
    ("general assembly", Body::GeneralAssembly),
    ("assemblée générale", Body::GeneralAssembly),
    ("asamblea general", Body::GeneralAssembly),
    ("генеральной ассамблеи", Body::GeneralAssembly),
    ("security council", Body::Other),
    ("conseil de sécurité", Body::Other),
    ("consejo de seguridad", Body::Other),
    ("совета безопасности", Body::Other),
    ("commission", Body::Other),
    ("comisión", Body::Other),
    ("комиссии", Body::Other),
    ("conference", Body::Other),
    ("conférence", Body::Other),
    ("conferencia", Body::Other),
    ("конференции", Body::Other),
    ("committee", Body::Other),
    ("comité", Body::Other),
    ("комитета", Body::Other),
    ("board", Body::Other),
    ("conseil d'administration", Body::Other),
    ("organization", Body::Other),
    ("organisation", Body::Other),
    // Assemblies of other bodies, before the Assembly's short name.
    ("environment assembly", Body::Other),
    ("health assembly", Body::Other),
    ("assembly of states parties", Body::Other),
    ("assemblée des états parties", Body::Other),
    ("assembly", Body::GeneralAssembly),
    ("council", Body::Other),
];

/// The names in [`NAMES`] that say "the Conference" without saying which.
const CONFERENCE_WORDS: &[&str] = &["conference", "conférence", "conferencia", "конференции"];

/// Bytes of text before a citation searched for the body's name.
const CONTEXT: usize = 240;

/// The body named nearest before the end of `before`, within its last
/// sentence.
fn named_body(before: &str) -> Option<(Body, &'static str)> {
    let lower = before.to_lowercase();
    // The sentence (or clause of a resolution) the citation stands in.
    let from = lower.rfind(['.', ';', '\n']).map_or(0, |i| i + 1);
    let clause = &lower[from..];
    // Bodies are named with a capital (`the Conference`, `la Commission`):
    // `organisation des travaux` names none. Checked where lower-casing kept
    // the offsets.
    let capitalised = |at: usize| {
        lower.len() != before.len()
            || before[from + at..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    };
    // The name ending last wins; of names ending at the same place, the
    // longest (`environment assembly` over `assembly`).
    let mut best: Option<(usize, usize, Body, &'static str)> = None;
    for (name, body) in NAMES {
        if let Some(at) = clause
            .rmatch_indices(name)
            .map(|(at, _)| at)
            .find(|&at| capitalised(at))
        {
            let end = at + name.len();
            if best.is_none_or(|(e, len, _, _)| (end, name.len()) > (e, len)) {
                best = Some((end, name.len(), *body, name));
            }
        }
    }
    best.map(|(_, _, b, name)| (b, name))
}

/// The symbol of the document carrying the resolution or decision `number`
/// (`78/225`) cited as `kind`, with `before` the text before the citation
/// and `own` the citing document's body; `None` when it cannot be known.
pub fn resolve(kind: RefKind, number: &str, before: &str, own: Option<Body>) -> Option<String> {
    match resolve_cited(kind, number, before, own)? {
        Resolved::Symbol(symbol) => Some(symbol),
        Resolved::Conference(_) => None,
    }
}

/// What the resolution or decision `number` cited as `kind` is known to be,
/// as [`resolve`], a conference's own decisions included.
pub fn resolve_cited(
    kind: RefKind,
    number: &str,
    before: &str,
    own: Option<Body>,
) -> Option<Resolved> {
    // `1325(2000)`: only the Security Council numbers its resolutions so.
    if kind == RefKind::Resolution && is_security_council_number(number) {
        return Some(Resolved::Symbol(format!("S/RES/{number}")));
    }
    let mut start = before.len().saturating_sub(CONTEXT);
    while !before.is_char_boundary(start) {
        start += 1;
    }
    let body = match named_body(&before[start..]) {
        // "the Conference" in a conference's document is itself, unless the
        // clause names another conference.
        Some((_, name)) if CONFERENCE_WORDS.contains(&name) => {
            let lower = before[start..].to_lowercase();
            let clause = &lower[lower.rfind(['.', ';', '\n']).map_or(0, |i| i + 1)..];
            match crate::model::conference::named_in(clause) {
                Some(series) => Body::Conference(series),
                None => match own {
                    Some(Body::Conference(series)) => Body::Conference(series),
                    _ => Body::Other,
                },
            }
        }
        // "Council resolution 5/1" in a council's own document is its own.
        Some((_, "council"))
            if matches!(
                own,
                Some(Body::HumanRightsCouncil | Body::EconomicAndSocialCouncil)
            ) =>
        {
            own?
        }
        Some((b, _)) => b,
        None => own?,
    };
    let (session, rest) = number.split_once('/')?;
    // `2/CP.17`, `XII/5B`: another body's numbering (a conference of parties).
    let plain = |s: &str| {
        s.strip_prefix("S-")
            .or_else(|| s.strip_prefix("ES-"))
            .unwrap_or(s)
            .bytes()
            .all(|b| b.is_ascii_digit())
    };
    if !plain(session)
        || !rest
            .trim_end_matches(|c: char| c.is_ascii_uppercase())
            .bytes()
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let year_numbered = session.len() == 4 && session.bytes().all(|b| b.is_ascii_digit());
    let symbol = match (body, kind) {
        // The Assembly numbers by session (1 to 3 digits, or S-/ES-).
        (Body::GeneralAssembly, RefKind::Resolution) if !year_numbered => {
            format!("A/RES/{number}")
        }
        (Body::HumanRightsCouncil, RefKind::Resolution) if !year_numbered => {
            format!("A/HRC/RES/{number}")
        }
        (Body::HumanRightsCouncil, RefKind::Decision) if !year_numbered => {
            format!("A/HRC/DEC/{number}")
        }
        // The Council numbers by year.
        (Body::EconomicAndSocialCouncil, RefKind::Resolution) if year_numbered => {
            format!("E/RES/{number}")
        }
        // A conference numbers by session, in series of its own.
        (Body::Conference(series), RefKind::Resolution | RefKind::Decision)
            if !year_numbered && !session.starts_with(['S', 'E']) =>
        {
            return Some(Resolved::Conference(crate::model::conference::key(
                kind.name(),
                series,
                number,
            )));
        }
        _ => return None,
    };
    Some(Resolved::Symbol(symbol))
}

static DATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:of|du|de|del|от)\s+[0-9]{1,2}(?:er)?\s+(?:de\s+)?\p{L}+\s+(?:de\s+)?([0-9]{4})[0-9]{0,3}\b")
        .expect("valid regex")
});

/// The year of the date that follows a cited number (`of 19 December 2023`,
/// `du 1er mars 2024`, `de 5 de mayo de 2020`), when one does.
pub fn dated_year(after: &str) -> Option<u32> {
    let mut end = after.len().min(60);
    while !after.is_char_boundary(end) {
        end -= 1;
    }
    DATED.captures(&after[..end])?.get(1)?.as_str().parse().ok()
}

/// True when a resolution of `symbol` can bear a date in `year`: the
/// Assembly's session n sits from September 1945 + n to September 1946 + n;
/// the Human Rights Council holds three sessions a year since its fourth, in
/// 2007. Other symbols are not checked.
pub fn session_fits_year(symbol: &str, year: u32) -> bool {
    let session = |rest: &str| rest.split('/').next().and_then(|s| s.parse::<u32>().ok());
    if let Some(n) = symbol.strip_prefix("A/RES/").and_then(session) {
        return (1945 + n..=1946 + n).contains(&year);
    }
    if let Some(n) = symbol.strip_prefix("A/HRC/RES/").and_then(session) {
        let expected = if n < 4 { 2006 } else { 2007 + (n - 4) / 3 };
        return year + 1 >= expected && year <= expected + 1;
    }
    true
}

/// `1325(2000)`: a number and a year in brackets.
fn is_security_council_number(number: &str) -> bool {
    number
        .split_once('(')
        .and_then(|(n, y)| Some((n, y.strip_suffix(')')?)))
        .is_some_and(|(n, y)| {
            (1..=4).contains(&n.len())
                && n.bytes().all(|b| b.is_ascii_digit())
                && y.len() == 4
                && y.bytes().all(|b| b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GA: Option<Body> = Some(Body::GeneralAssembly);

    #[test]
    fn its_resolution_is_the_citing_bodys() {
        let r = |before: &str, own| resolve(RefKind::Resolution, "78/225", before, own);
        assert_eq!(r("Recalling its ", GA).as_deref(), Some("A/RES/78/225"));
        assert_eq!(
            r("Recalling ", Some(Body::HumanRightsCouncil)).as_deref(),
            Some("A/HRC/RES/78/225")
        );
        assert_eq!(r("Recalling its ", None), None, "no symbol, no body");
        assert_eq!(r("Recalling its ", Some(Body::Other)), None);
    }

    #[test]
    fn a_named_body_wins_over_the_citing_one() {
        assert_eq!(
            resolve(
                RefKind::Resolution,
                "5/1",
                "Recalling Human Rights Council ",
                GA
            )
            .as_deref(),
            Some("A/HRC/RES/5/1")
        );
        assert_eq!(
            resolve(
                RefKind::Resolution,
                "2004/27",
                "and Economic and Social Council ",
                GA
            )
            .as_deref(),
            Some("E/RES/2004/27")
        );
        assert_eq!(
            resolve(
                RefKind::Resolution,
                "20/3",
                "Commission on Crime Prevention and Criminal Justice ",
                GA
            ),
            None,
            "a commission's resolution has no symbol"
        );
        assert_eq!(
            resolve(
                RefKind::Resolution,
                "7/2025",
                "adopted by the Conference of the Food and Agriculture Organization ",
                GA
            ),
            None
        );
        // A body named in an earlier sentence does not carry over.
        assert_eq!(
            resolve(
                RefKind::Resolution,
                "70/1",
                "The Commission met. Reaffirming its ",
                GA
            )
            .as_deref(),
            Some("A/RES/70/1")
        );
        assert_eq!(
            resolve(
                RefKind::Resolution,
                "70/1",
                "Rappelant la résolution de l'Assemblée générale ",
                None
            )
            .as_deref(),
            Some("A/RES/70/1")
        );
    }

    #[test]
    fn a_date_the_session_cannot_hold_is_another_bodys() {
        assert_eq!(dated_year(" of 1 March 2024 on promoting"), Some(2024));
        assert_eq!(
            dated_year(" of 16 October 202043 and"),
            Some(2020),
            "a mark glued"
        );
        assert_eq!(dated_year(", du 19 décembre 2023,"), Some(2023));
        assert_eq!(dated_year(" and 79/1"), None);
        assert!(
            !session_fits_year("A/RES/6/8", 2024),
            "an Environment Assembly resolution"
        );
        assert!(session_fits_year("A/RES/78/225", 2023));
        assert!(session_fits_year("A/RES/78/225", 2024));
        assert!(!session_fits_year("A/RES/78/225", 2020));
        assert!(session_fits_year("A/HRC/RES/59/1", 2025));
        assert!(session_fits_year("A/HRC/RES/5/1", 2007));
        assert!(!session_fits_year("A/HRC/RES/5/1", 2019));
        assert!(session_fits_year("E/RES/2004/27", 2004));
    }

    #[test]
    fn a_council_citing_its_own_resolutions_as_council_resolutions() {
        let hrc = Some(Body::HumanRightsCouncil);
        let r = |before: &str, own| resolve(RefKind::Resolution, "5/1", before, own);
        assert_eq!(
            r("paragraph 15 (a) of the annex to Council ", hrc).as_deref(),
            Some("A/HRC/RES/5/1")
        );
        assert_eq!(
            resolve(
                RefKind::Resolution,
                "2004/27",
                "Recalling Council ",
                Some(Body::EconomicAndSocialCouncil)
            )
            .as_deref(),
            Some("E/RES/2004/27")
        );
        // In the Assembly's document, a bare "Council" is not known.
        assert_eq!(r("Recalling Council ", GA), None);
        // The Security Council's numbers, whoever cites them.
        assert_eq!(
            resolve(RefKind::Resolution, "1325(2000)", "Recalling ", GA).as_deref(),
            Some("S/RES/1325(2000)")
        );
        // A conference of parties' decision is not a council's.
        assert_eq!(resolve(RefKind::Decision, "2/CP.17", "Council ", hrc), None);
    }

    #[test]
    fn what_prints_no_symbol_stays_unresolved() {
        assert_eq!(resolve(RefKind::Decision, "78/540", "its ", GA), None);
        assert_eq!(
            resolve(RefKind::Resolution, "2004/27", "its ", GA),
            None,
            "year-numbered: not the Assembly's"
        );
        assert_eq!(body_of("A/HRC/55/1"), Some(Body::HumanRightsCouncil));
        assert_eq!(body_of("A/C.3/80/L.7"), Some(Body::GeneralAssembly));
        assert_eq!(body_of("E/CN.15/2024/1"), Some(Body::Other));
        assert_eq!(
            body_of("CTOC/COP/2012/1"),
            Some(Body::Conference("CTOC/COP"))
        );
    }

    #[test]
    fn a_conferences_decisions_are_keyed_by_conference() {
        let cop = Some(Body::Conference("CTOC/COP"));
        let r = |kind, number, before: &str, own| resolve_cited(kind, number, before, own);
        let conference = |k: &str| Some(Resolved::Conference(k.to_string()));
        assert_eq!(
            r(RefKind::Decision, "4/4", "Dans sa ", cop),
            conference("decision:CTOC/COP:4/4")
        );
        assert_eq!(
            r(RefKind::Resolution, "5/2", "In its ", cop),
            conference("resolution:CTOC/COP:5/2")
        );
        // Named: the Conference itself, or the other one.
        assert_eq!(
            r(RefKind::Decision, "4/4", "conformément à la ", cop),
            conference("decision:CTOC/COP:4/4"),
            "no body named: the document's own"
        );
        assert_eq!(
            r(
                RefKind::Resolution,
                "3/1",
                "Recalling the Conference of the States Parties to the United Nations Convention against Corruption, in its ",
                cop
            ),
            conference("resolution:CAC/COSP:3/1")
        );
        assert_eq!(
            r(
                RefKind::Resolution,
                "5/2",
                "Recalling that the Conference of the Parties to the United Nations Convention against Transnational Organized Crime, in its ",
                GA
            ),
            conference("resolution:CTOC/COP:5/2"),
            "named in the Assembly's text"
        );
        assert_eq!(
            r(RefKind::Resolution, "5/2", "the Conference, in its ", GA),
            None
        );
        // Other bodies cited from a conference's document.
        assert_eq!(
            r(RefKind::Resolution, "55/25", "General Assembly ", cop),
            Some(Resolved::Symbol("A/RES/55/25".into()))
        );
        assert_eq!(
            r(
                RefKind::Resolution,
                "20/3",
                "Commission on Crime Prevention and Criminal Justice ",
                cop
            ),
            None
        );
        // Lower case names no body: "organisation des travaux".
        assert_eq!(
            r(
                RefKind::Decision,
                "4/4",
                "l'organisation des travaux suit la ",
                cop
            ),
            conference("decision:CTOC/COP:4/4")
        );
    }
}
