//! The model pinned on the bundled corpus: every reference of every seed, the
//! masthead facts, the agenda of seed 002, and the backlinks index.

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

use dossier::model::{Corpus, Document, load_bundled};
use std::sync::LazyLock;

static CORPUS: LazyLock<Corpus> = LazyLock::new(load_bundled);

fn doc(prefix: &str) -> &'static Document {
    let i = CORPUS.find_document(prefix).expect("seed document");
    &CORPUS.documents()[i]
}

/// (line, column, key, text as written) of every reference of a document.
fn refs(prefix: &str) -> Vec<(usize, usize, String, String)> {
    let d = doc(prefix);
    d.references
        .iter()
        .map(|r| (r.line, r.column, r.key.clone(), r.text(&d.text).to_string()))
        .collect()
}

fn r(line: usize, column: usize, key: &str, text: &str) -> (usize, usize, String, String) {
    (line, column, key.to_string(), text.to_string())
}

#[test]
fn references_of_seed_000() {
    assert_eq!(
        refs("000"),
        [
            r(27, 9, "decision:CTOC/COP:4/4", "décision 4/4"),
            r(
                27,
                194,
                "article:convention:32:3",
                "paragraphe 3 de l'article 32 de la Convention"
            ),
            r(
                27,
                278,
                "article:rules:2:2",
                "paragraphe 2 de l'article 2 de son règlement intérieur"
            ),
            r(29, 9, "resolution:CTOC/COP:5/2", "résolution 5/2"),
            r(
                29,
                637,
                "symbol:CTOC/COP/WG.4/2011/8",
                "CTOC/COP/WG.4/2011/8"
            ),
            r(31, 3, "symbol:CTOC/COP/2012/1", "CTOC/COP/2012/1"),
        ]
    );
}

#[test]
fn references_of_seed_001() {
    assert_eq!(
        refs("001"),
        [
            r(28, 12, "decision:CTOC/COP:4/4", "décision 4/4"),
            r(29, 12, "resolution:CTOC/COP:7/1", "résolution 7/1"),
            r(30, 171, "resolution:CTOC/COP:7/1", "résolution 7/1"),
            r(
                30,
                234,
                "symbol:CTOC/COP/WG.4/2017/4",
                "CTOC/COP/WG.4/2017/4"
            ),
            r(
                30,
                263,
                "symbol:CTOC/COP/WG.4/2018/3",
                "CTOC/COP/WG.4/2018/3"
            ),
            r(32, 3, "symbol:CTOC/COP/2018/1", "CTOC/COP/2018/1"),
        ]
    );
}

#[test]
fn references_of_seed_002() {
    let keys: Vec<(usize, String)> = refs("002").into_iter().map(|(l, _, k, _)| (l, k)).collect();
    let expected = [
        (37, "decision:CTOC/COP:4/4"),
        (43, "decision:CTOC/COP:4/4"),
        (47, "article:convention:32:3"),
        (47, "article:rules:2:2"),
        (51, "decision:CTOC/COP:4/4"),
        (57, "decision:CTOC/COP:4/4"),
        (67, "symbol:CTOC/COP/WG.4/2009/CRP.1"),
        (69, "symbol:CTOC/COP/2008/6"),
        (71, "symbol:CTOC/COP/2008/8"),
        (73, "symbol:CTOC/COP/2005/3/Rev.2"),
        (75, "symbol:CTOC/COP/2006/6/Rev.1"),
        (77, "symbol:CTOC/COP/2008/CRP.8"),
        (79, "symbol:CTOC/COP/2008/CRP.11"),
        (83, "decision:CTOC/COP:4/4"),
        (91, "symbol:CTOC/COP/2008/9"),
        (93, "symbol:CTOC/COP/2008/10"),
        (95, "symbol:CTOC/COP/2008/11"),
        (97, "symbol:CTOC/COP/2008/CRP.1"),
    ];
    let expected: Vec<(usize, String)> =
        expected.iter().map(|(l, k)| (*l, k.to_string())).collect();
    assert_eq!(keys, expected);
}

#[test]
fn references_of_seed_003() {
    assert_eq!(
        refs("003"),
        [
            r(7, 215, "decision:CTOC/COP:4/4", "décision 4/4"),
            r(9, 9, "decision:CTOC/COP:4/4", "décision 4/4"),
            r(
                33,
                77,
                "article:protocol:14:2",
                "par. 2 de l'article 14 du Protocole"
            ),
            r(
                40,
                2,
                "url:http://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-trafficking-jan-2010.html",
                "http://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-trafficking-jan-2010.html"
            ),
            r(42, 406, "email:untoc.cop@unodc.org", "untoc.cop@unodc.org"),
        ]
    );
}

#[test]
fn references_of_seed_004() {
    assert_eq!(
        refs("004"),
        [
            r(27, 12, "resolution:CTOC/COP:5/3", "résolution 5/3"),
            r(
                27,
                406,
                "article:convention:32:3",
                "paragraphe 3 de l'article 32 de la Convention"
            ),
            r(
                27,
                458,
                "article:rules:2:2",
                "paragraphe 2 de l'article 2 de son Règlement intérieur"
            ),
            r(33, 3, "symbol:CTOC/COP/2012/1", "CTOC/COP/2012/1"),
        ]
    );
}

#[test]
fn no_seed_states_its_own_symbol() {
    for d in CORPUS.documents() {
        assert_eq!(d.meta.symbol, None, "{}", d.id);
    }
}

#[test]
fn dates_sessions_languages() {
    let facts: Vec<_> = CORPUS
        .documents()
        .iter()
        .map(|d| {
            (
                d.meta.date.as_deref(),
                d.meta.session,
                d.meta.language.as_deref(),
                d.meta.original_language.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        facts,
        [
            (Some("2012-06-21"), Some(6), Some("fr"), Some("en")),
            (Some("2018-07-18"), Some(9), Some("fr"), Some("en")),
            (Some("2009-03-05"), None, Some("fr"), Some("en")),
            (None, None, Some("fr"), None),
            (Some("2012-07-10"), Some(6), Some("fr"), Some("en")),
        ]
    );
}

#[test]
fn places_and_meeting_dates() {
    let d = doc("000");
    assert_eq!(d.meta.place.as_deref(), Some("Vienne"));
    assert_eq!(d.meta.meeting_start.as_deref(), Some("2012-10-15"));
    assert_eq!(d.meta.meeting_end.as_deref(), Some("2012-10-19"));
    let d = doc("002");
    assert_eq!(d.meta.meeting_start.as_deref(), Some("2009-04-14"));
    assert_eq!(d.meta.meeting_end.as_deref(), Some("2009-04-15"));
}

#[test]
fn titles_are_the_documents_own() {
    assert_eq!(
        doc("000").meta.title.as_deref(),
        Some(
            "Recommandations adoptées par le Groupe de travail sur la traite des personnes à sa réunion tenue à Vienne du 10 au 12 octobre 2011"
        )
    );
    assert_eq!(
        doc("001").meta.title.as_deref(),
        Some(
            "Rapports sur les travaux des réunions du Groupe de travail sur la traite des personnes, tenues à Vienne du 6 au 8 septembre 2017 et les 2 et 3 juillet 2018"
        )
    );
    assert_eq!(
        doc("002").meta.title.as_deref(),
        Some("Ordre du jour provisoire et annotations")
    );
    assert_eq!(doc("003").meta.title, None);
    assert_eq!(
        doc("004").meta.title.as_deref(),
        Some(
            "Rapport sur la réunion du Groupe de travail sur le trafic illicite de migrants tenue à Vienne du 30 mai au 1er juin 2012"
        )
    );
}

#[test]
fn agenda_items_documents_were_issued_under() {
    let facts: Vec<_> = ["000", "001", "004"]
        .iter()
        .map(|p| {
            let item = doc(p).meta.agenda_item.clone().expect("agenda item");
            (item.item, item.agenda_symbol)
        })
        .collect();
    assert_eq!(
        facts,
        [
            ("2 b)".to_string(), Some("CTOC/COP/2012/1".to_string())),
            ("2 b)".to_string(), Some("CTOC/COP/2018/1".to_string())),
            ("2 c)".to_string(), Some("CTOC/COP/2012/1".to_string())),
        ]
    );
    let title = doc("000")
        .meta
        .agenda_item
        .clone()
        .and_then(|i| i.title)
        .expect("heading");
    assert!(title.starts_with("Examen de l'application de la Convention des Nations Unies contre"));
    assert!(title.ends_with("en particulier des femmes et des enfants"));
    assert_eq!(doc("002").meta.agenda_item, None);
    assert_eq!(doc("003").meta.agenda_item, None);
}

#[test]
fn agenda_of_seed_002() {
    let agenda = doc("002").agenda.clone().expect("agenda");
    let items: Vec<_> = agenda.items.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(items, ["1", "2", "3", "4"]);
    assert_eq!(agenda.items[0].title, "Questions d'organisation");
    let subs: Vec<_> = agenda.items[0]
        .sub_items
        .iter()
        .map(|s| (s.letter.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        subs,
        [
            ("a", "Ouverture de la réunion"),
            (
                "b",
                "Adoption de l'ordre du jour et organisation des travaux"
            )
        ]
    );
    assert!(
        agenda.items[0].sub_items[0]
            .annotation
            .starts_with("La réunion du Groupe de travail provisoire")
    );
    assert_eq!(
        agenda.items[3].title,
        "Adoption du rapport du Groupe de travail sur les travaux de sa réunion"
    );
    let docs = |n: usize| -> Vec<String> {
        agenda.items[n]
            .documentation
            .iter()
            .filter_map(|e| e.symbol.clone())
            .collect()
    };
    assert_eq!(
        docs(1),
        [
            "CTOC/COP/WG.4/2009/CRP.1",
            "CTOC/COP/2008/6",
            "CTOC/COP/2008/8",
            "CTOC/COP/2005/3/Rev.2",
            "CTOC/COP/2006/6/Rev.1",
            "CTOC/COP/2008/CRP.8",
            "CTOC/COP/2008/CRP.11"
        ]
    );
    assert_eq!(
        docs(2),
        [
            "CTOC/COP/2008/9",
            "CTOC/COP/2008/10",
            "CTOC/COP/2008/11",
            "CTOC/COP/2008/CRP.1"
        ]
    );
    assert!(docs(0).is_empty() && docs(3).is_empty());
    assert!(agenda.items[1].annotation.starts_with(
        "Dans sa décision 4/4, la Conférence a décidé que le Groupe de travail devrait:"
    ));
    assert!(!agenda.items[2].annotation.contains("Documentation"));
    for other in ["000", "001", "003", "004"] {
        assert!(doc(other).agenda.is_none(), "{other}");
    }
}

fn citing_documents(key: &str) -> Vec<String> {
    let mut ids: Vec<String> = CORPUS
        .backlinks(key)
        .iter()
        .map(|c| CORPUS.documents()[c.doc].id[..3].to_string())
        .collect();
    ids.dedup();
    ids
}

#[test]
fn backlinks() {
    assert_eq!(
        citing_documents("decision:4/4"),
        ["000", "001", "002", "003"]
    );
    assert_eq!(
        citing_documents("article:convention:32:3"),
        ["000", "002", "004"]
    );
    assert_eq!(citing_documents("article:rules:2:2"), ["000", "002", "004"]);
    assert_eq!(citing_documents("symbol:CTOC/COP/2012/1"), ["000", "004"]);
    assert_eq!(citing_documents("resolution:7/1"), ["001"]);
    assert_eq!(CORPUS.backlinks("decision:4/4").len(), 9);
    assert!(CORPUS.backlinks("decision:9/9").is_empty());
    let lines: Vec<usize> = CORPUS
        .backlinks("resolution:7/1")
        .iter()
        .map(|c| c.line)
        .collect();
    assert_eq!(lines, [29, 30]);
}

#[test]
fn symbols_resolve_only_to_documents_that_carry_them() {
    assert!(CORPUS.resolve("symbol:CTOC/COP/2012/1").is_empty());
    assert!(CORPUS.resolve("decision:4/4").is_empty());
}

#[test]
fn paragraphs_and_footnotes() {
    let d = doc("001");
    let numbered: Vec<_> = d
        .paragraphs
        .iter()
        .filter_map(|p| p.number.clone().map(|n| (n, p.start_line)))
        .collect();
    assert_eq!(
        numbered,
        [("1".into(), 28), ("2".into(), 29), ("3".into(), 30)]
    );
    assert_eq!(d.footnotes.len(), 1);
    assert_eq!(d.footnotes[0].marker, "*");
    assert_eq!(d.footnotes[0].text, "CTOC/COP/2018/1.");
    assert_eq!(
        doc("002").footnotes[0].text,
        "Le présent document n'a pas été revu par les services d'édition."
    );
}

#[test]
fn documents_are_found_by_id_prefix_and_path() {
    assert_eq!(CORPUS.find_document("004"), Ok(4));
    assert_eq!(CORPUS.find_document("004_f6ac27cd96abb112"), Ok(4));
    assert_eq!(
        CORPUS.find_document("assets/corpus/002_e599bcc0f404912d.txt"),
        Ok(2)
    );
    assert!(CORPUS.find_document("0").is_err());
    assert!(CORPUS.find_document("zzz").is_err());
}

#[test]
fn raw_text_is_kept_faithfully() {
    let d = doc("002");
    let original = include_str!("../assets/corpus/002_e599bcc0f404912d.txt");
    assert_eq!(d.text, original);
    assert!(
        d.line(d.line_count())
            .starts_with("\t4\tAdoption du rapport")
    );
}

/// "resolution 78/225" in a General Assembly document is the document
/// A/RES/78/225: the citation's key is that symbol, the key as cited is
/// kept, and backlinks of the symbol list it however it was cited.
#[test]
fn resolutions_cited_by_number_reach_their_documents() {
    use dossier::model::parse::parse_document;
    let cited = "---\nsymbol: A/RES/78/225\ntitle: Cited\n---\n\nText.\n";
    let citing = "A/RES/80/229\n\nDistr.: General\n19 December 2025\n\nThe General Assembly,\n\nRecalling its resolutions 46/152 of 18 December 1991 and 78/225 of 19 December 2023, and Human Rights Council resolution 5/1 of 18 June 2007,\n\nTaking note of Commission resolution 20/3,\n";
    let corpus = Corpus::new(
        vec![
            parse_document("cited".into(), "cited.md".into(), cited.into(), "UTF-8"),
            parse_document("citing".into(), "citing.txt".into(), citing.into(), "UTF-8"),
        ],
        Vec::new(),
    );
    let d = &corpus.documents()[1];
    let keys: Vec<(&str, Option<&str>)> = d
        .references
        .iter()
        .map(|r| (r.key.as_str(), r.cited_as.as_deref()))
        .collect();
    assert!(
        keys.contains(&("symbol:A/RES/78/225", Some("resolution:78/225"))),
        "{keys:?}"
    );
    assert!(
        keys.contains(&("symbol:A/RES/46/152", Some("resolution:46/152"))),
        "{keys:?}"
    );
    assert!(
        keys.contains(&("symbol:A/HRC/RES/5/1", Some("resolution:5/1"))),
        "{keys:?}"
    );
    assert!(
        keys.contains(&("resolution:20/3", None)),
        "a commission's: {keys:?}"
    );
    assert_eq!(corpus.resolve("symbol:A/RES/78/225"), &[0]);
    assert_eq!(corpus.backlinks("symbol:A/RES/78/225").len(), 1);
    assert_eq!(corpus.backlinks("resolution:78/225").len(), 1);
    // The front matter's own symbol cites nothing.
    assert!(corpus.documents()[0].references.is_empty());
}

/// A conference's decision cited by number ("décision 4/4" in the bundled
/// CTOC/COP documents) reaches the report of the session that adopted it
/// when the corpus holds that report, whichever is read first; the report's
/// own printing of its decisions is not a citation of itself.
#[test]
fn a_conferences_decisions_reach_its_session_report() {
    use dossier::model::parse::parse_document;
    // A session report's first page as the Conference prints it (the
    // corpus holds none of these reports; this one is written here).
    let report = "CTOC/COP/2008/19\n\nConference of the Parties to the United Nations\nConvention against Transnational Organized Crime\n\nDistr.: General\n1 December 2008\n\nReport of the Conference of the Parties to the United Nations Convention against Transnational Organized Crime on its fourth session, held in Vienna from 8 to 17 October 2008\n\nI. Decisions adopted by the Conference\n\nDecision 4/4\n\nTrafficking in human beings\n";
    let seeds: Vec<Document> = load_bundled().documents().to_vec();
    let parsed = |id: &str| {
        parse_document(
            id.into(),
            format!("{id}.txt").into(),
            report.into(),
            "UTF-8",
        )
    };
    for report_first in [true, false] {
        let mut docs = seeds.clone();
        // Two copies of the report (as two language versions would be):
        // each citation is counted once.
        if report_first {
            docs.insert(0, parsed("report"));
            docs.insert(1, parsed("report-copy"));
        } else {
            docs.push(parsed("report"));
            docs.push(parsed("report-copy"));
        }
        let corpus = Corpus::new(docs, Vec::new());
        let at = corpus.by_id("report").unwrap();
        let copy = corpus.by_id("report-copy").unwrap();
        assert_eq!(corpus.resolve("decision:CTOC/COP:4/4"), &[at, copy]);
        assert!(
            corpus.resolve("decision:CTOC/COP:5/2").is_empty(),
            "fifth session: no report"
        );
        assert!(corpus.resolve("decision:CAC/COSP:4/4").is_empty());
        let cited = corpus.backlinks("symbol:CTOC/COP/2008/19");
        let citing: Vec<&str> = cited
            .iter()
            .map(|c| &corpus.documents()[c.doc].id[..3])
            .collect();
        assert_eq!(citing.len(), 9, "{citing:?}");
        assert!(
            !citing.contains(&"rep"),
            "the report prints 4/4 and is not citing itself"
        );
        assert!(
            cited
                .windows(2)
                .all(|w| (w[0].doc, w[0].reference) < (w[1].doc, w[1].reference)),
            "in corpus and text order"
        );
        // The report's own decision is keyed like the others.
        let own = &corpus.documents()[at].references;
        assert!(
            own.iter().any(|r| r.key == "decision:CTOC/COP:4/4"),
            "{own:?}"
        );
    }
}
