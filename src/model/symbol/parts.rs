//! The parts of a symbol: its session, its document-type component, what
//! that says of the document, its modifiers and the relation they give.

use serde::Serialize;
use std::fmt;

/// The session (or year) a symbol names: `80` in `A/80/476`, `ES-10` in
/// `A/ES-10/L.30`, `2024` in `S/2024/123`, `XVI` in `A/RES/1625(XVI)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Session {
    /// A numbered session (`80`, `55` in `A/HRC/55/L.12`, `16` in `ICCD/COP(16)/23`).
    Number(u32),
    /// A year, for bodies that number by year (`2024`, `2000` in `S/RES/1325(2000)`).
    Year(u32),
    /// A special session (`S-27`).
    Special(u32),
    /// An emergency special session (`ES-10`).
    EmergencySpecial(u32),
    /// A session in Roman numerals, as written (`XVI`, `S-VII`, `IX`).
    Roman(String),
}

impl fmt::Display for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Session::Number(n) | Session::Year(n) => write!(f, "{n}"),
            Session::Special(n) => write!(f, "S-{n}"),
            Session::EmergencySpecial(n) => write!(f, "ES-{n}"),
            Session::Roman(r) => f.write_str(r),
        }
    }
}

/// The document-type component of a symbol (`RES/`, `L.`, `PV.`, …), or
/// none (`Plain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// No type component: the body's main series (`A/80/476`), which holds
    /// reports, notes and letters alike.
    Plain,
    /// `RES/` or `Res.n`: a resolution.
    Resolution,
    /// `DEC/` or `Dec.n`: a decision.
    Decision,
    /// `L.n`: limited distribution (drafts).
    Limited,
    /// `CRP.n`: a conference room paper.
    ConferenceRoomPaper,
    /// `INF/` or `INF.n`: the information series.
    Information,
    /// `PV.n`: a verbatim record.
    VerbatimRecord,
    /// `SR.n`: a summary record.
    SummaryRecord,
    /// `PRST/`: a statement by the President of the Security Council.
    PresidentialStatement,
    /// `WP.n`: a working paper.
    WorkingPaper,
    /// `R.n`: restricted distribution.
    Restricted,
    /// `NGO/`: a statement by a non-governmental organization.
    NgoStatement,
    /// `PET/`: a petition.
    Petition,
    /// `MISC.n`: miscellaneous (submissions, in the FCCC's series).
    Miscellaneous,
    /// `GC/` after a treaty body's committee: a general comment.
    GeneralComment,
    /// `CO/` after a treaty body's committee: concluding observations.
    ConcludingObservations,
}

/// What a symbol alone says a document is, when it says so for sure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    /// A resolution (`A/RES/80/225`, `UNEP/EA.6/Res.3`).
    Resolution,
    /// A decision (`GC(69)/DEC/10`).
    Decision,
    /// A draft: a limited-distribution `L.` document (`A/C.3/80/L.7`).
    Draft,
    /// A verbatim record (`A/48/PV.85`).
    VerbatimRecord,
    /// A summary record (`A/C.3/80/SR.12`).
    SummaryRecord,
    /// A presidential statement (`S/PRST/2024/1`).
    PresidentialStatement,
    /// A document of the information series (`A/INF/80/4`).
    Information,
    /// A conference room paper (`CTOC/COP/2016/CRP.5`).
    ConferenceRoomPaper,
    /// A working paper (`A/CONF.192/BMS/2016/WP.1`).
    WorkingPaper,
    /// A treaty body's general comment (`CCPR/C/GC/37`).
    GeneralComment,
    /// A treaty body's concluding observations (`CRC/C/GBR/CO/6-7`).
    ConcludingObservations,
    /// The symbol does not say (a report, a note, a letter, an agenda…).
    Unknown,
}

impl DocType {
    /// The type's name as printed in JSON (`resolution`, `draft`, …).
    pub fn name(self) -> &'static str {
        match self {
            DocType::Resolution => "resolution",
            DocType::Decision => "decision",
            DocType::Draft => "draft",
            DocType::VerbatimRecord => "verbatim_record",
            DocType::SummaryRecord => "summary_record",
            DocType::PresidentialStatement => "presidential_statement",
            DocType::Information => "information",
            DocType::ConferenceRoomPaper => "conference_room_paper",
            DocType::WorkingPaper => "working_paper",
            DocType::GeneralComment => "general_comment",
            DocType::ConcludingObservations => "concluding_observations",
            DocType::Unknown => "unknown",
        }
    }
}

/// A modifier at the end of a symbol: `/Rev.1`, `/Add.2`, `/Corr.1`,
/// `/Amend.1`, `/Summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Modifier {
    /// `Rev.n`: the n-th revision.
    Revision(u32),
    /// `Add.n`: the n-th addendum.
    Addendum(u32),
    /// `Corr.n`: the n-th corrigendum.
    Corrigendum(u32),
    /// `Amend.n`: the n-th amendment.
    Amendment(u32),
    /// `Summary`: the summary.
    Summary,
    /// `Part A`: one part of a report issued in parts.
    Part(char),
}

impl Modifier {
    /// How a document with this modifier last stands to the one without it.
    pub fn relation(self) -> Relation {
        match self {
            Modifier::Revision(_) => Relation::Revision,
            Modifier::Addendum(_) => Relation::Addendum,
            Modifier::Corrigendum(_) => Relation::Corrigendum,
            Modifier::Amendment(_) => Relation::Amendment,
            Modifier::Summary => Relation::Summary,
            Modifier::Part(_) => Relation::Part,
        }
    }
}

impl fmt::Display for Modifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Modifier::Revision(n) => write!(f, "Rev.{n}"),
            Modifier::Addendum(n) => write!(f, "Add.{n}"),
            Modifier::Corrigendum(n) => write!(f, "Corr.{n}"),
            Modifier::Amendment(n) => write!(f, "Amend.{n}"),
            Modifier::Summary => f.write_str("Summary"),
            Modifier::Part(c) => write!(f, "Part{c}"),
        }
    }
}

/// How a symbol with modifiers stands to its parent (the symbol without its
/// last modifier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// A revision replaces its parent.
    Revision,
    /// An addendum adds to its parent.
    Addendum,
    /// A corrigendum corrects its parent.
    Corrigendum,
    /// An amendment amends its parent.
    Amendment,
    /// A summary of its parent.
    Summary,
    /// One part of its parent, issued in parts.
    Part,
}

impl Relation {
    /// The relation's name as printed in JSON (`revision`, `addendum`, …).
    pub fn name(self) -> &'static str {
        match self {
            Relation::Revision => "revision",
            Relation::Addendum => "addendum",
            Relation::Corrigendum => "corrigendum",
            Relation::Amendment => "amendment",
            Relation::Summary => "summary",
            Relation::Part => "part",
        }
    }
}
