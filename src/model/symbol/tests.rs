use super::*;
use Modifier::{Addendum, Corrigendum, Revision};

fn sym(s: &str) -> Symbol {
    Symbol::parse(s).unwrap_or_else(|| panic!("{s:?} should be a symbol"))
}

fn session(s: &str) -> Option<String> {
    sym(s).session().map(ToString::to_string)
}

/// Real symbols of many bodies, one a line: as written | canonical | body |
/// session (`-`: none) | kind | number.
const REAL: &str = "
A/80/L.21/Rev.1 | A/80/L.21/Rev.1 | A | 80 | Limited | 21
A/C.3/80/L.7 | A/C.3/80/L.7 | A/C.3 | 80 | Limited | 7
A/RES/80/225 | A/RES/80/225 | A | 80 | Resolution | 225
A/80/476/Add.2 | A/80/476/Add.2 | A | 80 | Plain | 476
A/ES-10/L.30 | A/ES-10/L.30 | A | ES-10 | Limited | 30
A/RES/ES-11/1 | A/RES/ES-11/1 | A | ES-11 | Resolution | 1
A/S-27/2 | A/S-27/2 | A | S-27 | Plain | 2
A/CONF.234/16 | A/CONF.234/16 | A/CONF.234 | - | Plain | 16
A/HRC/RES/5/1 | A/HRC/RES/5/1 | A/HRC | 5 | Resolution | 1
A/HRC/55/L.12 | A/HRC/55/L.12 | A/HRC | 55 | Limited | 12
A/HRC/WG.6/45/FRA/1 | A/HRC/WG.6/45/FRA/1 | A/HRC/WG.6 | 45 | Plain | 1
A/48/PV.85 | A/48/PV.85 | A | 48 | VerbatimRecord | 85
A/C.3/80/SR.12 | A/C.3/80/SR.12 | A/C.3 | 80 | SummaryRecord | 12
A/INF/80/4 | A/INF/80/4 | A | 80 | Information | 4
S/RES/1325(2000) | S/RES/1325(2000) | S | 2000 | Resolution | 1325
S/RES/1325 (2000) | S/RES/1325(2000) | S | 2000 | Resolution | 1325
S/2024/123 | S/2024/123 | S | 2024 | Plain | 123
S/PRST/2024/1 | S/PRST/2024/1 | S | 2024 | PresidentialStatement | 1
E/RES/2004/27 | E/RES/2004/27 | E | 2004 | Resolution | 27
E/2024/L.12 | E/2024/L.12 | E | 2024 | Limited | 12
E/CN.15/2019/L.2/Add.1 | E/CN.15/2019/L.2/Add.1 | E/CN.15 | 2019 | Limited | 2
E/CN.4/Sub.2/2005/L.3 | E/CN.4/Sub.2/2005/L.3 | E/CN.4/Sub.2 | 2005 | Limited | 3
CTOC/COP/2012/1 | CTOC/COP/2012/1 | CTOC/COP | 2012 | Plain | 1
CTOC/COP/WG.2/2023/3 | CTOC/COP/WG.2/2023/3 | CTOC/COP/WG.2 | 2023 | Plain | 3
CAC/COSP/2023/L.5 | CAC/COSP/2023/L.5 | CAC/COSP | 2023 | Limited | 5
CCPR/C/GC/37 | CCPR/C/GC/37 | CCPR/C | - | GeneralComment | 37
A/81/6 (Sect. 10) | A/81/6(Sect.10) | A | 81 | Plain | 6
A/81/6 (Sect. 29A) | A/81/6(Sect.29A) | A | 81 | Plain | 6
A/80/5 (Vol. I) | A/80/5(Vol.I) | A | 80 | Plain | 5
A/79/6 (Part II) | A/79/6(PartII) | A | 79 | Plain | 6
CRC/C/GBR/CO/6-7 | CRC/C/GBR/CO/6-7 | CRC/C | - | ConcludingObservations | 6-7
FCCC/CP/2015/10/Add.1 | FCCC/CP/2015/10/Add.1 | FCCC/CP | 2015 | Plain | 10
UNEP/EA.6/Res.3 | UNEP/EA.6/Res.3 | UNEP/EA.6 | - | Resolution | 3
SPLOS/33 | SPLOS/33 | SPLOS | - | Plain | 33
CLCS/95 | CLCS/95 | CLCS | - | Plain | 95
TD/B/70/5 | TD/B/70/5 | TD/B | 70 | Plain | 5
ICCD/COP(16)/23 | ICCD/COP(16)/23 | ICCD/COP(16) | 16 | Plain | 23
ST/SGB/2019/8 | ST/SGB/2019/8 | ST/SGB | 2019 | Plain | 8
DP/2024/1 | DP/2024/1 | DP | 2024 | Plain | 1
A/RES/1625(XVI) | A/RES/1625(XVI) | A | XVI | Resolution | 1625
A/RES/35/142 B | A/RES/35/142B | A | 35 | Resolution | 142B
CTOC/COP/2008/INF/1 | CTOC/COP/2008/INF/1 | CTOC/COP | 2008 | Information | 1
A/CONF.206/INF.1 | A/CONF.206/INF.1 | A/CONF.206 | - | Information | 1
FCCC/SBSTA/2017/INF.8 | FCCC/SBSTA/2017/INF.8 | FCCC/SBSTA | 2017 | Information | 8
FCCC/SBSTA/2017/MISC.1 | FCCC/SBSTA/2017/MISC.1 | FCCC/SBSTA | 2017 | Miscellaneous | 1
TD/B/Inf.222 | TD/B/Inf.222 | TD/B | - | Information | 222
E/CN.4/1996/NGO/75 | E/CN.4/1996/NGO/75 | E/CN.4 | 1996 | NgoStatement | 75
A/CONF.192/BMS/2016/WP.1/Rev.3 | A/CONF.192/BMS/2016/WP.1/Rev.3 | A/CONF.192/BMS | 2016 | WorkingPaper | 1
IDB.49/1/Add.1 | IDB.49/1/Add.1 | IDB.49 | - | Plain | 1
A/AC.241/WG.II(8)/L.2 | A/AC.241/WG.II(8)/L.2 | A/AC.241/WG.II(8) | 8 | Limited | 2
ICCD/COP(15)/CST/1 | ICCD/COP(15)/CST/1 | ICCD/COP(15)/CST | 15 | Plain | 1
NPT/CONF.2020/PC.I/CRP.2 | NPT/CONF.2020/PC.I/CRP.2 | NPT/CONF.2020/PC.I | - | ConferenceRoomPaper | 2
UNEP/OzL.Pro.27/2 | UNEP/OzL.Pro.27/2 | UNEP/OzL.Pro.27 | - | Plain | 2
ST/LIB/SER.B/5/Rev.5 | ST/LIB/SER.B/5/Rev.5 | ST/LIB/SER.B | - | Plain | 5
E/CN.4/Sub.2/AC.2/1987/WP.4/Add.1 | E/CN.4/Sub.2/AC.2/1987/WP.4/Add.1 | E/CN.4/Sub.2/AC.2 | 1987 | WorkingPaper | 4
CMW/C/SR.415 | CMW/C/SR.415 | CMW/C | - | SummaryRecord | 415
E/C.12/GC/25 | E/C.12/GC/25 | E/C.12 | - | GeneralComment | 25
A/520/Rev.20 | A/520/Rev.20 | A | - | Plain | 520
S/19085 | S/19085 | S | - | Plain | 19085
S/RES/1019 | S/RES/1019 | S | - | Resolution | 1019
GC(69)/DEC/10 | GC(69)/DEC/10 | GC(69) | 69 | Decision | 10
HSP/GC/19/1/Add.1 | HSP/GC/19/1/Add.1 | HSP/GC | 19 | Plain | 1
ECE/TRANS/WP.29/2024/1 | ECE/TRANS/WP.29/2024/1 | ECE/TRANS/WP.29 | 2024 | Plain | 1
UNEP/CBD/COP/DEC/IX/2 | UNEP/CBD/COP/DEC/IX/2 | UNEP/CBD/COP | IX | Decision | 2
A/AC.105/C.1/L.268 | A/AC.105/C.1/L.268 | A/AC.105/C.1 | - | Limited | 268
CTOC/COP/WG.4/2010/L.1 | CTOC/COP/WG.4/2010/L.1 | CTOC/COP/WG.4 | 2010 | Limited | 1
CAC/COSP/IRG/I/3/1/Add.14 | CAC/COSP/IRG/I/3/1/Add.14 | CAC/COSP/IRG/I | 3 | Plain | 1
A/59/2005/Add.2 | A/59/2005/Add.2 | A | 59 | Plain | 2005
";

#[test]
fn real_symbols_are_read_into_their_parts() {
    for line in REAL.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('|').map(str::trim).collect();
        let [written, canonical, body, session, kind, number] = f[..] else {
            panic!("bad table line {line:?}");
        };
        let s = sym(written);
        assert_eq!(s.as_str(), canonical, "{written}");
        assert_eq!(s.body(), body, "body of {written}");
        let got = s.session().map_or("-".to_string(), ToString::to_string);
        assert_eq!(got, session, "session of {written}");
        assert_eq!(format!("{:?}", s.kind()), kind, "kind of {written}");
        assert_eq!(s.number(), number, "number of {written}");
    }
}

#[test]
fn sessions_know_years_and_special_sessions() {
    assert_eq!(sym("A/80/476").session(), Some(&Session::Number(80)));
    assert_eq!(sym("S/2024/123").session(), Some(&Session::Year(2024)));
    assert_eq!(sym("A/S-27/2").session(), Some(&Session::Special(27)));
    assert_eq!(
        sym("A/ES-10/L.30").session(),
        Some(&Session::EmergencySpecial(10))
    );
    assert_eq!(
        sym("S/RES/1325(2000)").session(),
        Some(&Session::Year(2000))
    );
    assert_eq!(session("A/RES/3362(S-VII)").as_deref(), Some("S-VII"));
    assert_eq!(sym("S/RES/1019").session(), None);
}

#[test]
fn country_codes() {
    assert_eq!(sym("CRC/C/GBR/CO/6-7").country(), Some("GBR"));
    assert_eq!(sym("A/HRC/WG.6/45/FRA/1").country(), Some("FRA"));
    assert_eq!(sym("CCPR/C/GBR/8").country(), Some("GBR"));
    assert_eq!(sym("CCPR/C/GBR/8").body(), "CCPR/C");
    assert_eq!(sym("A/C.3/80/L.7").country(), None);
    assert_eq!(sym("CBD/COP/DEC/XIV/1").country(), None);
    assert_eq!(session("CBD/COP/DEC/XIV/1").as_deref(), Some("XIV"));
    assert_eq!(sym("FCCC/KP/CMP/2012/1").country(), None);
    assert_eq!(sym("FCCC/KP/CMP/2012/1").body(), "FCCC/KP/CMP");
}

#[test]
fn spellings_of_one_symbol_are_one_symbol() {
    let one = sym("A/RES/80/1");
    for written in [
        " a/res/80/1 ",
        "A/RES/80/1 ",
        "A / RES / 80 / 1",
        "A/RES/80/1*",
        "A/\n80/1".replace("80/1", "RES/80/1").as_str(),
    ] {
        assert_eq!(sym(written), one, "{written:?}");
    }
    assert_eq!(sym("s/res/1325 (2000)"), sym("S/RES/1325(2000)"));
    assert_eq!(sym("E/CN.15/2008/ CRP.2").as_str(), "E/CN.15/2008/CRP.2");
    assert_eq!(sym("ST / LEG / SER . A /283").as_str(), "ST/LEG/SER.A/283");
    assert_eq!(
        sym("ctoc/cop/2005/3/rev.2").as_str(),
        "CTOC/COP/2005/3/Rev.2"
    );
    assert_eq!(
        sym("e/cn.4/sub.2/2005/l.3").as_str(),
        "E/CN.4/Sub.2/2005/L.3"
    );
    assert_eq!(
        sym("E/CN.4/SUB.2/2005/L.3"),
        sym("E/CN.4/Sub.2/2005/L.3"),
        "Sub. is written one way"
    );
    assert_eq!(sym("unep/ea.6/res.3").as_str(), "UNEP/EA.6/Res.3");
    assert_eq!(
        sym("A/Res/80/1").as_str(),
        "A/RES/80/1",
        "RES alone: capitals"
    );
    assert_eq!(sym("IDB.49/DEC.1").as_str(), "IDB.49/Dec.1");
    assert_eq!(sym("td/b/inf.222").as_str(), "TD/B/Inf.222");
    assert_eq!(sym("A/CONF.206/Inf.1").as_str(), "A/CONF.206/INF.1");
    assert_eq!(sym("UNEP/OZL.PRO.27/2").as_str(), "UNEP/OzL.Pro.27/2");
    assert_eq!(sym("A/80/L.21/REV.01").as_str(), "A/80/L.21/Rev.1");
    assert_eq!(sym("A/70/1/summary").as_str(), "A/70/1/Summary");
    assert_eq!(sym("A/RES/3367 A (XXX)").as_str(), "A/RES/3367A(XXX)");
    assert_eq!(session("A/RES/3367 A (XXX)").as_deref(), Some("XXX"));
    assert_eq!(
        sym("A/RES/35/142 B/Corr.1").as_str(),
        "A/RES/35/142B/Corr.1"
    );
}

#[test]
fn modifiers_stack_and_the_last_decides() {
    let s = sym("A/80/476/Add.2/Corr.1");
    assert_eq!(s.modifiers(), [Addendum(2), Corrigendum(1)]);
    assert_eq!(s.relation(), Some(Relation::Corrigendum));
    let parent = s.parent().expect("a parent");
    assert_eq!(parent.as_str(), "A/80/476/Add.2");
    assert_eq!(parent.relation(), Some(Relation::Addendum));
    let grandparent = parent.parent().expect("a parent");
    assert_eq!(grandparent.as_str(), "A/80/476");
    assert_eq!(grandparent.relation(), None);
    assert_eq!(grandparent.parent(), None);
    assert_eq!(s.base(), grandparent);
    assert!(s.base().is_base());

    let s = sym("ST/AI/189/Add.3/Rev.2");
    assert_eq!(s.modifiers(), [Addendum(3), Revision(2)]);
    assert_eq!(s.relation(), Some(Relation::Revision));
    assert_eq!(s.base().as_str(), "ST/AI/189");

    let s = sym("A/80/L.21/Rev.1/Corr.1");
    assert_eq!(s.modifiers(), [Revision(1), Corrigendum(1)]);
    assert_eq!(s.base().as_str(), "A/80/L.21");
    assert_eq!(s.base().kind(), Kind::Limited);
    assert_eq!(s.base().number(), "21");

    assert_eq!(
        sym("ST/SGB/2019/8/Amend.1").relation(),
        Some(Relation::Amendment)
    );
    assert_eq!(
        sym("CAC/COSP/IRG/I/3/1/Add.14").base().as_str(),
        "CAC/COSP/IRG/I/3/1"
    );
    assert_eq!(sym("A/70/1/Summary").relation(), Some(Relation::Summary));
    assert_eq!(Relation::Corrigendum.name(), "corrigendum");
}

#[test]
fn document_types_the_symbol_tells() {
    let t = |s: &str| sym(s).doc_type();
    assert_eq!(t("A/RES/80/225"), DocType::Resolution);
    assert_eq!(t("UNEP/EA.6/Res.3"), DocType::Resolution);
    assert_eq!(t("A/HRC/DEC/55/1"), DocType::Decision);
    assert_eq!(t("A/C.3/80/L.7"), DocType::Draft);
    assert_eq!(t("A/80/L.21/Rev.1"), DocType::Draft);
    assert_eq!(t("A/48/PV.85"), DocType::VerbatimRecord);
    assert_eq!(t("A/C.3/80/SR.12"), DocType::SummaryRecord);
    assert_eq!(t("S/PRST/2024/1"), DocType::PresidentialStatement);
    assert_eq!(t("A/INF/80/4"), DocType::Information);
    assert_eq!(t("CTOC/COP/2016/CRP.5"), DocType::ConferenceRoomPaper);
    assert_eq!(t("CRC/C/GBR/CO/6-7"), DocType::ConcludingObservations);
    // The main series holds reports, notes and letters; `/1` is not always
    // the agenda (A/80/1 is the Secretary-General's report).
    assert_eq!(t("A/80/476"), DocType::Unknown);
    assert_eq!(t("CTOC/COP/2012/1"), DocType::Unknown);
    assert_eq!(DocType::Draft.name(), "draft");
}

#[test]
fn what_is_not_a_symbol() {
    for text in [
        "",
        "   ",
        "A",
        "A/",
        "/A/1",
        "A//1",
        "12/2024",
        "4/17/2015",
        "2022/10/21",
        "1/2",
        "4/4",
        "and/or",
        "km/h",
        "AND/OR",
        "http://www.un.org/A/RES/80/1",
        "www.un.org/A/RES/80/1",
        "https://undocs.org/A/RES/80/1",
        "p. 12/15",
        "pp.12/13",
        "P.12/15",
        "E.98.XI.5",
        "Sales No. E.98.XI.5",
        "V.18-07400 (F)",
        "25-15106 2/2",
        "N2412345",
        "ISBN 92-1-148106-6",
        "E/CN.15",
        "A/C.3",
        "A/HRC/RES",
        "notes/2024",
        "Covid/19",
        "CTOC/COP/2012/1.",
        "CTOC/COP/2012/1,",
        "A/RES/55/25 A/RES/55/26",
        "S/2024/1 S/2024/2",
        "A/RES/35/142 B C",
        "A/80 476",
        "A/RES/55/25 and Add.1",
        "A/80/L.21 Rev.1",
        "A/42/521-S/19085",
        "A/Rev.1",
        "A/RES/80/1 (1)",
        "A/RES/80/1(C)",
        "A/RES/80/é",
        "A/RES/80/1\u{2013}2",
        "ＡＢ/1",
        "A/RES/80/1234567",
        "A/RES/80/1/Rev.99999999999",
        // Type components and modifiers in the wrong place.
        "RES/80/1",
        "SR.12/CRP.1",
        "Add.1/2",
        "A/Rev.1/80/1",
        "A/L.2/80/1",
        "A/80/PV.4/12",
        "A/RES/80/DEC/1",
        "A/80/L.21/Rev.1/7",
    ] {
        assert_eq!(Symbol::parse(text), None, "{text:?}");
    }
}

#[test]
fn unknown_series_only_in_capitals() {
    assert_eq!(sym("XYZ/2012/3").series(), "XYZ");
    assert!(!sym("XYZ/2012/3").has_known_series());
    assert!(sym("SPLOS/33").has_known_series());
    assert_eq!(Symbol::parse("xyz/2012/3"), None);
    assert!(is_known_series("ctoc"));
    assert!(is_known_series("IDB.49"));
    assert!(!is_known_series("NOTES"));
}

#[test]
fn joint_symbols_are_two_documents() {
    let strings =
        |s: &str| -> Vec<String> { split_joint(s).iter().map(ToString::to_string).collect() };
    assert_eq!(strings("A/42/521-S/19085"), ["A/42/521", "S/19085"]);
    assert_eq!(strings("A/50/60 - S/1995/1"), ["A/50/60", "S/1995/1"]);
    assert_eq!(
        strings("A/ES-10/123-S/2003/456"),
        ["A/ES-10/123", "S/2003/456"]
    );
    assert_eq!(strings("CRC/C/GBR/CO/6-7"), ["CRC/C/GBR/CO/6-7"]);
    assert_eq!(strings("A/ES-10/L.30"), ["A/ES-10/L.30"]);
    assert_eq!(strings("A/RES/S-27/2"), ["A/RES/S-27/2"]);
    assert!(strings("A/42/521-S/").is_empty());
    assert!(strings("A/42/521-XYZ/3").is_empty());
    assert!(strings("12-S/2").is_empty());
    assert!(strings("report").is_empty());
}

#[test]
fn symbols_sort_by_number_value() {
    let mut list = [
        sym("A/RES/80/10"),
        sym("A/RES/80/2"),
        sym("A/RES/79/300"),
        sym("A/RES/80/2/Corr.1"),
    ];
    list.sort();
    let sorted: Vec<String> = list.iter().map(ToString::to_string).collect();
    assert_eq!(
        sorted,
        [
            "A/RES/79/300",
            "A/RES/80/2",
            "A/RES/80/2/Corr.1",
            "A/RES/80/10"
        ]
    );
}

#[test]
fn symbols_serialise_as_their_spelling() {
    let json = serde_json::to_string(&sym("a/res/80/1")).expect("serialises");
    assert_eq!(json, "\"A/RES/80/1\"");
}

#[test]
fn file_names_as_ods_writes_them() {
    let read = |name: &str| -> Option<(String, Option<&str>)> {
        from_file_name(name).map(|(s, l)| (s.to_string(), l))
    };
    let some = |s: &str, l: Option<&'static str>| Some((s.to_string(), l));
    assert_eq!(read("A_RES_80_1-EN.pdf"), some("A/RES/80/1", Some("en")));
    assert_eq!(
        read("A_RES_48_161.fr.txt"),
        some("A/RES/48/161", Some("fr"))
    );
    assert_eq!(
        read("A_C.3_80_L.7_Rev.1-FR.docx"),
        some("A/C.3/80/L.7/Rev.1", Some("fr"))
    );
    assert_eq!(
        read("S_RES_1325(2000)_EN.pdf"),
        some("S/RES/1325(2000)", Some("en"))
    );
    assert_eq!(
        read("E_CN.15_2019_L.2_Add.1-E.pdf"),
        some("E/CN.15/2019/L.2/Add.1", Some("en"))
    );
    assert_eq!(read("A_ES-10_L.30-R.pdf"), some("A/ES-10/L.30", Some("ru")));
    assert_eq!(read("A_ES-10_L.30.pdf"), some("A/ES-10/L.30", None));
    assert_eq!(read("CRC_C_GBR_CO_6-7.pdf"), some("CRC/C/GBR/CO/6-7", None));
    assert_eq!(
        read("A_RES_80_1-AR.layout.txt"),
        some("A/RES/80/1", Some("ar"))
    );
    assert_eq!(read("A_RES_80_1.zh.md"), some("A/RES/80/1", Some("zh")));
    assert_eq!(read("A_RES_80_1-C.pdf"), some("A/RES/80/1", Some("zh")));
    assert_eq!(read("A_RES_80_1-S.pdf"), some("A/RES/80/1", Some("es")));
    assert_eq!(read("A_RES_80_1-F.PDF"), some("A/RES/80/1", Some("fr")));
    assert_eq!(
        read("corpus/ga/A_RES_80_1-EN.pdf"),
        some("A/RES/80/1", Some("en"))
    );
    assert_eq!(read("A_RES_80_1"), some("A/RES/80/1", None));
    for name in [
        "N2412345.pdf",
        "report.pdf",
        "notes_2024.txt",
        "NOTES_2024.txt",
        "000_358551e6050c8439.txt",
        "a_res_80_1.pdf",
        "A_RES_80_1 (1).pdf",
        "A_RES_80_1.csv",
        "A_RES_31_16_A.pdf",
        "A_42_521-S_19085.pdf",
        "A-RES-80-1.pdf",
        ".pdf",
        "",
        "_.pdf",
        "A_.pdf",
    ] {
        assert_eq!(read(name), None, "{name:?}");
    }
}

/// Pieces symbols are made of, and some they are not.
const PIECES: &[&str] = &[
    "A",
    "S",
    "E",
    "CTOC",
    "COP",
    "RES",
    "res",
    "HRC",
    "C.3",
    "CN.15",
    "WG.6",
    "L.2",
    "PV.4",
    "CRP.1",
    "INF",
    "Inf.2",
    "Res.3",
    "Sub.2",
    "GC",
    "CO",
    "GBR",
    "C",
    "80",
    "2024",
    "1325",
    "(2000)",
    "(XVI)",
    "S-27",
    "ES-10",
    "6-7",
    "142 B",
    "Rev.1",
    "Add.2",
    "Corr.1",
    "Amend.1",
    "Summary",
    "rev.3",
    "/",
    "/",
    "/",
    "/",
    " ",
    "-",
    ".",
    "(",
    ")",
    "*",
    "é",
    "\n",
    "0",
    "IX",
    "OzL.Pro.27",
    "SR.12",
    "DEC",
    "PRST",
];

fn pick(
    options: &'static [&'static str],
) -> impl proptest::strategy::Strategy<Value = &'static str> {
    proptest::sample::select(options)
}

/// Symbols built the way the UN builds them: a series, body components, a
/// type component, a session, a country, a number, modifiers (as a list of
/// components, the modifiers last, and how many modifiers).
fn symbols() -> impl proptest::strategy::Strategy<Value = (Vec<&'static str>, usize)> {
    use proptest::collection::vec;
    use proptest::option::of;
    use proptest::strategy::Strategy;
    let series = pick(&[
        "A", "S", "E", "CTOC", "UNEP", "TD", "CRC", "XYZ", "IDB.49", "GC(69)", "ICCD",
    ]);
    let body = vec(
        pick(&[
            "C.3",
            "HRC",
            "CN.15",
            "Sub.2",
            "WG.6",
            "COP",
            "C",
            "COP(16)",
            "OzL.Pro.27",
            "SER.B",
            "AC.241",
            "WG.II(8)",
            "B",
            "EA.6",
            "WP.29",
        ]),
        0..3,
    );
    let bare = of(pick(&["RES", "DEC", "PRST", "INF", "NGO", "GC", "CO"]));
    let session = of(pick(&["80", "2024", "S-27", "ES-10", "IX", "1987"]));
    let country = of(pick(&["GBR", "FRA"]));
    let number = pick(&[
        "476",
        "1325(2000)",
        "142 B",
        "6-7",
        "1625(XVI)",
        "1",
        "L.21",
        "PV.85",
        "SR.12",
        "CRP.5",
        "INF.8",
        "Res.3",
        "Inf.222",
        "WP.1",
        "MISC.2",
    ]);
    let modifiers = vec(
        pick(&["Rev.1", "Add.2", "Corr.1", "Amend.1", "Summary", "rev.02"]),
        0..3,
    );
    (series, body, bare, session, country, number, modifiers).prop_map(
        |(series, body, bare, session, country, number, modifiers)| {
            let mut parts = vec![series];
            parts.extend(body);
            parts.extend(bare);
            parts.extend(session);
            parts.extend(country);
            parts.push(number);
            parts.extend(&modifiers);
            (parts, modifiers.len())
        },
    )
}

/// The properties every symbol has: its canonical spelling reads back as
/// the same symbol with the same parts; its base has no modifiers; its
/// parents lead to its base; it is its own joint symbol.
fn check_symbol(s: &Symbol) -> Result<(), proptest::test_runner::TestCaseError> {
    let again = Symbol::parse(&s.to_string());
    proptest::prop_assert_eq!(again.as_ref(), Some(s));
    let again = again.expect("checked");
    proptest::prop_assert_eq!(again.to_string(), s.to_string());
    proptest::prop_assert_eq!(again.body(), s.body());
    proptest::prop_assert_eq!(again.session(), s.session());
    proptest::prop_assert_eq!(again.kind(), s.kind());
    proptest::prop_assert_eq!(again.number(), s.number());
    proptest::prop_assert_eq!(again.country(), s.country());
    proptest::prop_assert_eq!(again.modifiers(), s.modifiers());
    proptest::prop_assert_eq!(s.cmp(&again), Ordering::Equal);
    let base = s.base();
    proptest::prop_assert!(base.modifiers().is_empty() && base.relation().is_none());
    proptest::prop_assert_eq!(base.number(), s.number());
    proptest::prop_assert_eq!(base.body(), s.body());
    proptest::prop_assert_eq!(Symbol::parse(base.as_str()), Some(base.clone()));
    let mut chain = s.clone();
    while let Some(parent) = chain.parent() {
        proptest::prop_assert_eq!(parent.modifiers().len() + 1, chain.modifiers().len());
        proptest::prop_assert_eq!(Symbol::parse(parent.as_str()), Some(parent.clone()));
        chain = parent;
    }
    proptest::prop_assert_eq!(chain, base);
    proptest::prop_assert_eq!(split_joint(s.as_str()), vec![s.clone()]);
    Ok(())
}

proptest::proptest! {
    /// Nothing panics, on any text.
    #[test]
    fn nothing_panics(text in ".{0,200}") {
        let _ = Symbol::parse(&text);
        let _ = split_joint(&text);
        let _ = from_file_name(&text);
    }

    /// Nothing panics on text made of symbol pieces; what reads as a symbol
    /// has every property of one.
    #[test]
    fn pieces_read_as_symbols_are_symbols(parts in proptest::collection::vec(pick(PIECES), 1..12)) {
        for text in [parts.concat(), parts.join("/")] {
            let _ = split_joint(&text);
            let _ = from_file_name(&text.replace('/', "_"));
            if let Some(s) = Symbol::parse(&text) {
                check_symbol(&s)?;
            }
        }
    }

    /// Symbols built the UN's way are read, in any case, with spaces around
    /// their slashes and a reissue's star, with their modifiers.
    #[test]
    fn built_symbols_are_read((parts, modifiers) in symbols(), spaced: bool, star: bool) {
        let text = parts.join(if spaced { " / " } else { "/" }) + if star { "*" } else { "" };
        let s = Symbol::parse(&text);
        proptest::prop_assert!(s.is_some(), "{:?}", text);
        let s = s.expect("checked");
        proptest::prop_assert_eq!(s.modifiers().len(), modifiers, "{:?}", text);
        check_symbol(&s)?;
        let base_text = parts[..parts.len() - modifiers].join("/");
        proptest::prop_assert_eq!(Symbol::parse(&base_text), Some(s.base()));
        let lowered = text.to_lowercase();
        match Symbol::parse(&lowered) {
            Some(l) => proptest::prop_assert_eq!(l, s),
            None => proptest::prop_assert!(!s.has_known_series(), "{:?}", lowered),
        }
    }

    /// Order agrees with equality and is antisymmetric.
    #[test]
    fn order_agrees_with_equality((a, _) in symbols(), (b, _) in symbols()) {
        let (Some(a), Some(b)) = (Symbol::parse(&a.join("/")), Symbol::parse(&b.join("/"))) else {
            return Ok(());
        };
        proptest::prop_assert_eq!(a.cmp(&b) == Ordering::Equal, a == b);
        proptest::prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
    }
}

#[test]
fn a_report_issued_in_parts_has_its_parts_under_it() {
    let part = sym("A/81/6 (Sect. 2)/Part A");
    assert_eq!(part.as_str(), "A/81/6(Sect.2)/PartA");
    assert_eq!(part.base().as_str(), "A/81/6(Sect.2)");
    assert_eq!(part.relation(), Some(Relation::Part));
    assert_eq!(
        sym("a/81/6(sect.2)/part a").as_str(),
        "A/81/6(Sect.2)/PartA"
    );
    assert!(Symbol::parse("A/81/6 (Sect. x)").is_none());
    assert!(Symbol::parse("A/81/6 (Sect. 10").is_none());
}
