//! UN document symbols: one grammar for the series of every body
//! (`A/80/L.21/Rev.1`, `S/RES/1325(2000)`, `E/CN.15/2019/L.2/Add.1`,
//! `CTOC/COP/WG.2/2023/3`, `CRC/C/GBR/CO/6-7`, `UNEP/EA.6/Res.3`, …), read
//! into its parts (body, session, document type, number, modifiers) and
//! written in one canonical spelling, so that two spellings of a symbol name
//! one document. Joint symbols (`A/42/521-S/19085`) and file names written
//! the way the Official Document System writes them (`A_RES_80_1-EN.pdf`)
//! are read here too.
//!
//! The canonical spelling has no whitespace (`S/RES/1325 (2000)` is
//! `S/RES/1325(2000)`, `A/RES/35/142 B` is `A/RES/35/142B`), no trailing `*`
//! (a reissue is the same document), and capitals everywhere but in the
//! words the UN writes in mixed case: the modifiers `Rev.`, `Add.`,
//! `Corr.`, `Amend.`, `Summary`; `Sub.` (`E/CN.4/Sub.2`); `Res.` and `Dec.`
//! before a number (`UNEP/EA.6/Res.3`, `IDB.49/Dec.1`; `RES` and `DEC`
//! standing alone stay capitals); `Inf.` in UNCTAD's `TD/` series; `OzL.`,
//! `Pro.`, `Conv.` in UNEP's ozone series. The spelling depends only on the
//! symbol, never on how it was typed, so equal symbols print alike.

mod file_name;
mod grammar;
mod parts;

pub use file_name::from_file_name;
pub use parts::{DocType, Kind, Modifier, Relation, Session};

use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// Series that open the symbols of the UN, its organs, treaty bodies,
/// conferences and programmes. A symbol of another series is still read when
/// written in capitals; only these are trusted when written in lower case,
/// after a hyphen (joint symbols) or in a file name.
const KNOWN_SERIES: &[&str] = &[
    "A", "S", "E", "ST", "T", "CTOC", "CAC", "UNODC", "CRC", "CAT", "CCPR", "CEDAW", "CMW", "TD",
    "UNEP", "DP", "FCCC", "ICCD", "NPT", "IDB", "PCNICC", "HSP", "CERD", "CESCR", "CRPD", "CED",
    "SPT", "UNW", "UNCTAD", "ECE", "ESCAP", "ECLAC", "ESCWA", "ECA", "UNHCR", "UNICEF", "UNDP",
    "SPLOS", "CLCS", "ISBA", "CD", "CCW", "BWC", "APLC", "JIU", "CBD",
];

/// True when `series` (`A`, `ctoc`, `IDB.49`) opens a known series of symbols.
pub fn is_known_series(series: &str) -> bool {
    let letters = series.split(['.', '(']).next().unwrap_or("");
    KNOWN_SERIES.iter().any(|s| s.eq_ignore_ascii_case(letters))
}

/// A UN document symbol in its canonical spelling, with its parts.
/// Equality, hashing and order go by the canonical spelling (order sorts
/// numbers by value: `A/RES/80/2` before `A/RES/80/10`).
#[derive(Debug, Clone)]
pub struct Symbol {
    /// The canonical spelling.
    text: String,
    /// Byte length of the body (`A/C.3` in `A/C.3/80/L.7`).
    body_end: usize,
    /// Bytes of the document number (`7` in `A/C.3/80/L.7`).
    number: Range<usize>,
    /// Byte length of the symbol without its modifiers.
    base_end: usize,
    /// Bytes of a country code (`GBR` in `CRC/C/GBR/CO/6-7`).
    country: Option<Range<usize>>,
    session: Option<Session>,
    kind: Kind,
    modifiers: Vec<Modifier>,
}

impl Symbol {
    /// The symbol written in `written` (whitespace around it, around its
    /// slashes and dots, and before a parenthesis ignored; any case), or
    /// `None` when `written` is not one whole symbol: a date (`12/2024`), a
    /// fraction, a URL, `and/or`, a series without a document number
    /// (`E/CN.15`), two symbols, or a joint symbol (see [`split_joint`]).
    /// A series outside the known ones is read only when written in capitals.
    pub fn parse(written: &str) -> Option<Symbol> {
        grammar::read(written)
    }

    /// The canonical spelling (`A/C.3/80/L.7/Rev.1`).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The series: the first component (`A`, `CTOC`, `IDB.49`).
    pub fn series(&self) -> &str {
        let end = self.text.find('/').unwrap_or(self.text.len());
        &self.text[..end]
    }

    /// True when the series is one of the UN's known series.
    pub fn has_known_series(&self) -> bool {
        is_known_series(self.series())
    }

    /// The issuing body's part of the symbol, up to the session, the type
    /// component or the number: `A` (`A/RES/80/225`), `A/C.3`, `A/HRC`,
    /// `A/HRC/WG.6`, `E/CN.15`, `E/CN.4/Sub.2`, `CTOC/COP/WG.2`, `CRC/C`.
    pub fn body(&self) -> &str {
        &self.text[..self.body_end]
    }

    /// The session or year, when the symbol names one.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The document-type component.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The document's number within its series: `225` (`A/RES/80/225`), `21`
    /// (`A/80/L.21/Rev.1`), `1325` (`S/RES/1325(2000)`), `6-7`, `142B`.
    pub fn number(&self) -> &str {
        &self.text[self.number.clone()]
    }

    /// The country code of a country's document (`GBR` in
    /// `CRC/C/GBR/CO/6-7`, `FRA` in `A/HRC/WG.6/45/FRA/1`).
    pub fn country(&self) -> Option<&str> {
        self.country.clone().map(|r| &self.text[r])
    }

    /// The modifiers, in the order written (`[Addendum(2), Corrigendum(1)]`
    /// for `A/80/476/Add.2/Corr.1`).
    pub fn modifiers(&self) -> &[Modifier] {
        &self.modifiers
    }

    /// What the symbol says the document is. Modifiers do not change it: it
    /// is the type of the base document (see [`Symbol::relation`]).
    pub fn doc_type(&self) -> DocType {
        match self.kind {
            Kind::Resolution => DocType::Resolution,
            Kind::Decision => DocType::Decision,
            Kind::Limited => DocType::Draft,
            Kind::ConferenceRoomPaper => DocType::ConferenceRoomPaper,
            Kind::Information => DocType::Information,
            Kind::VerbatimRecord => DocType::VerbatimRecord,
            Kind::SummaryRecord => DocType::SummaryRecord,
            Kind::PresidentialStatement => DocType::PresidentialStatement,
            Kind::WorkingPaper => DocType::WorkingPaper,
            Kind::GeneralComment => DocType::GeneralComment,
            Kind::ConcludingObservations => DocType::ConcludingObservations,
            Kind::Plain
            | Kind::Restricted
            | Kind::NgoStatement
            | Kind::Petition
            | Kind::Miscellaneous => DocType::Unknown,
        }
    }

    /// True when the symbol has no modifiers.
    pub fn is_base(&self) -> bool {
        self.modifiers.is_empty()
    }

    /// The symbol without its modifiers, the root of its family
    /// (`A/80/L.21` for `A/80/L.21/Rev.1`).
    pub fn base(&self) -> Symbol {
        self.truncated(self.base_end, 0)
    }

    /// The symbol without its last modifier (`A/80/476/Add.2` for
    /// `A/80/476/Add.2/Corr.1`), or `None` for a base symbol.
    pub fn parent(&self) -> Option<Symbol> {
        let last = self.text.rfind('/')?;
        (!self.is_base()).then(|| self.truncated(last, self.modifiers.len() - 1))
    }

    /// How the symbol stands to its [`parent`](Symbol::parent), decided by
    /// its last modifier: `A/80/476/Add.2/Corr.1` is a corrigendum (of
    /// `A/80/476/Add.2`). `None` for a base symbol.
    pub fn relation(&self) -> Option<Relation> {
        self.modifiers.last().map(|m| m.relation())
    }

    /// This symbol cut to its first `end` bytes, keeping `modifiers` of its modifiers.
    fn truncated(&self, end: usize, modifiers: usize) -> Symbol {
        Symbol {
            text: self.text[..end].to_string(),
            body_end: self.body_end,
            number: self.number.clone(),
            base_end: self.base_end,
            country: self.country.clone(),
            session: self.session.clone(),
            kind: self.kind,
            modifiers: self.modifiers[..modifiers].to_vec(),
        }
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialEq for Symbol {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Symbol {}

impl Hash for Symbol {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl PartialOrd for Symbol {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Symbol {
    fn cmp(&self, other: &Self) -> Ordering {
        natural_cmp(&self.text, &other.text).then_with(|| self.text.cmp(&other.text))
    }
}

impl Serialize for Symbol {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// The documents a joint symbol names: `A/42/521-S/19085` is `A/42/521` and
/// `S/19085`. A single symbol gives itself, hyphens and all
/// (`CRC/C/GBR/CO/6-7`, `A/ES-10/L.30`): a joint symbol's next part starts
/// after a hyphen with a known series and a slash. Empty when `written` is
/// neither.
pub fn split_joint(written: &str) -> Vec<Symbol> {
    let written = written.trim();
    if let Some(one) = Symbol::parse(written) {
        return vec![one];
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for (hyphen, _) in written.match_indices('-') {
        let rest = written[hyphen + 1..].trim_start();
        if rest
            .split_once('/')
            .is_some_and(|(series, _)| is_known_series(series.trim_end()))
        {
            parts.push(&written[start..hyphen]);
            start = hyphen + 1;
        }
    }
    if parts.is_empty() {
        return Vec::new();
    }
    parts.push(&written[start..]);
    parts
        .into_iter()
        .map(Symbol::parse)
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default()
}

/// `a` against `b` with runs of digits compared by value (`2` before `10`).
fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (na, ra) = a.split_at(a.iter().take_while(|c| c.is_ascii_digit()).count());
                let (nb, rb) = b.split_at(b.iter().take_while(|c| c.is_ascii_digit()).count());
                let (na, nb) = (trim_zeros(na), trim_zeros(nb));
                let by_value = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
                if by_value != Ordering::Equal {
                    return by_value;
                }
                (a, b) = (ra, rb);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                (a, b) = (&a[1..], &b[1..]);
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&c| c == b'0').count();
    &digits[zeros..]
}

#[cfg(test)]
mod tests;
