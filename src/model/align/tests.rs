//! Paragraphs from real UN documents (the HURIDOCS gold pairs, Apache-2.0:
//! A/HRC/WG.6/7/ITA/1 in English and French, A/HRC/WG.6/34/ITA/3 in English
//! and Russian, a General Assembly resolution on the financing of the United
//! Nations Mission in Haiti in English and Spanish).

use super::*;
use crate::model::parse::parse_document;
use proptest::prelude::*;

const EN_HAITI: [&str; 6] = [
    "Having considered the report of the Secretary-General on the financing of the United Nations Mission in Haiti 1/ and the oral report of the Advisory Committee on Administrative and Budgetary Questions, 2/",
    "Bearing in mind Security Council resolution 862 (1993) of 31 August 1993, in which the Council approved the dispatch of an advance team of no more than thirty persons to assess requirements and prepare for the possible dispatch of both the civilian police and the military assistance components of the Mission,",
    "Bearing in mind also Security Council resolution 867 (1993) of 23 September 1993, by which the Council authorized the establishment and immediate dispatch of the United Nations Mission in Haiti for a period of six months,",
    "Bearing in mind further Security Council resolution 905 (1994) of 23 March 1994, by which the Council extended the mandate of the Mission until 30 June 1994,",
    "Recalling its decision 48/477 of 23 December 1993 on the financing of the Mission,",
    "Reaffirming that the costs of the Mission are expenses of the Organization to be borne by Member States in accordance with Article 17, paragraph 2, of the Charter of the United Nations,",
];

const ES_HAITI: [&str; 6] = [
    "Habiendo examinado el informe del Secretario General sobre la financiación de la Misión de las Naciones Unidas en Haití 1/ y el informe verbal de la Comisión Consultiva en Asuntos Administrativos y de Presupuesto 2/,",
    "Teniendo presente la resolución 862 (1993) del Consejo de Seguridad, de 31 de agosto de 1993, por la cual el Consejo aprobó el despacho de un grupo de avanzada integrado por un máximo de treinta personas para evaluar las necesidades y hacer los preparativos necesarios para el posible envío de los componentes de policía civil y de asistencia militar de la Misión,",
    "Teniendo presente asimismo la resolución 867 (1993) del Consejo de Seguridad, de 23 de septiembre de 1993, por la cual el Consejo autorizó el establecimiento y el inmediato envío de la Misión de las Naciones Unidas en Haití por un período de seis meses,",
    "Teniendo presente además la resolución 905 (1994) del Consejo de Seguridad, de 23 de marzo de 1994, por la cual el Consejo prorrogó el mandato de la Misión hasta el 30 de junio de 1994,",
    "Recordando su decisión 48/477 de 23 de diciembre de 1993 sobre la financiación de la Misión,",
    "Reafirmando que los gastos de la Misión son gastos de la Organización que deben ser sufragados por los Estados Miembros de conformidad con el párrafo 2 del Artículo 17 de la Carta de las Naciones Unidas,",
];

const EN_ITALY: [&str; 5] = [
    "4. The 1948 Italian Constitution includes all basic and fundamental rights. It consists of 139 Articles and 18 transitory provisions. It is made up of two Parts.",
    "5. The death penalty is prohibited in the Italian legal system, both in time of peace and war. In 1889 the death penalty was abolished for the first time.",
    "6. The Constitution determines the political framework for action and organization of the State: democracy, as laid down in Art. 1.",
    "7. The Italian Constitution is based on the principle of popular sovereignty (Art. 1).",
    "8. The Italian President of the Republic is the Head of State, as stated in Art. 87.1. He/she is elected for seven years.",
];

const FR_ITALY: [&str; 5] = [
    "4. La Constitution italienne de 1948 consacre l’ensemble des droits fondamentaux. Contenant 139 articles et 18 dispositions transitoires, elle est divisée en deux parties.",
    "5. La peine de mort est proscrite par le système judiciaire italien, en temps de paix comme en temps de guerre. En 1889, la peine de mort fut abolie pour la première fois.",
    "6. La Constitution institue le cadre politique délimitant l’action et l’organisation de l’État: la démocratie (art. 1).",
    "7. La Constitution italienne repose sur le principe de la souveraineté du peuple (art. 1).",
    "8. Le Président de la République italienne est le chef de l’État, comme indiqué à l’article 87.1. Il/elle est élu(e) pour sept ans.",
];

const EN_ITALY_RU: [&str; 4] = [
    "4. The International Campaign to Abolish Nuclear Weapons (ICAN) recommended that Italy take measures to remove all nuclear weapons from its territory, and sign and ratify the UN Treaty on the Prohibition of Nuclear Weapons.",
    "5. Volontariato Internazionale per lo Sviluppo (VIS) noted that Italy since 2007 had repeatedly expressed its will to establish an independent National Human Rights Institution (NHRI), but today it remained one of the two European States still lacking one.",
    "6. Joint Submission 3 (JS3) added that Italy had accepted 23 recommendations on the need to establish a NHRI. Amnesty International (AI) and Joint Submission 6 (JS6) raised similar concerns.",
    "7. JS3 recommended that Italy establish an independent national institution for the promotion and the protection of human rights coherent with the Paris Principles.",
];

const RU_ITALY: [&str; 5] = [
    "4. Международная кампания за ликвидацию ядерного оружия (МКЛЯО) рекомендовала Италии принять меры по удалению со своей территории всех ядерных вооружений, а также подписать и ратифицировать Договор о запрещении ядерного оружия.",
    "* Настоящий документ до его передачи в службы письменного перевода Организации Объединенных Наций не редактировался.",
    "5. Организация «Международное волонтерство для развития» (МВР) отметила, что начиная с 2007 года Италия неоднократно заявляла о своем желании создать независимое национальное правозащитное учреждение (НПЗУ), однако на сегодняшний день она остается одним из двух европейских государств, в которых оно отсутствует.",
    "6. В совместном представлении 3 (СП3) было добавлено, что Италия согласилась с 23 рекомендациями о необходимости создания НПЗУ. В представлении организации «Международная амнистия» (МА) и совместном представлении 6 (СП6) были высказаны аналогичные соображения.",
    "7. В СП3 Италии было рекомендовано создать независимое национальное учреждение, занимающееся поощрением и защитой прав человека, в соответствии с Парижскими принципами.",
];

fn t(mode: Mode) -> Params {
    Params::for_mode(mode)
}

fn one_to_one(pairs: &[Pair]) -> Vec<(Option<usize>, Option<usize>)> {
    pairs
        .iter()
        .map(|p| {
            let one = |s: &Option<Span>| {
                s.as_ref().map(|s| {
                    assert_eq!(s.len(), 1, "{pairs:?}");
                    s.start
                })
            };
            (one(&p.left), one(&p.right))
        })
        .collect()
}

/// Every paragraph of both sides once, in order.
fn check_cover(pairs: &[Pair], n: usize, m: usize) {
    let (mut i, mut j) = (0, 0);
    for p in pairs {
        assert!(p.left.is_some() || p.right.is_some(), "an empty bead");
        assert!((0.0..=1.0).contains(&p.score), "{p:?}");
        if let Some(s) = &p.left {
            assert_eq!(s.start, i, "{pairs:?}");
            assert!(!s.is_empty() && s.len() <= 2);
            i = s.end;
        }
        if let Some(s) = &p.right {
            assert_eq!(s.start, j, "{pairs:?}");
            assert!(!s.is_empty() && s.len() <= 2);
            j = s.end;
        }
    }
    assert_eq!((i, j), (n, m), "{pairs:?}");
}

#[test]
fn english_and_spanish_preambular_paragraphs_pair_one_to_one() {
    let pairs = align_texts(&EN_HAITI, &ES_HAITI, &t(Mode::Translation));
    check_cover(&pairs, 6, 6);
    let expected: Vec<_> = (0..6).map(|i| (Some(i), Some(i))).collect();
    assert_eq!(one_to_one(&pairs), expected);
    assert!(pairs.iter().all(|p| p.score > 0.5), "{pairs:?}");
}

#[test]
fn a_french_paragraph_printed_in_two_pairs_with_one_english() {
    let mut fr: Vec<String> = FR_ITALY.iter().map(|s| s.to_string()).collect();
    // The French 5 split in two where the page broke.
    let five = fr.remove(1);
    let (first, second) = five.split_at(five.find("En 1889").expect("split"));
    fr.insert(1, second.to_string());
    fr.insert(1, first.trim().to_string());
    let en: Vec<String> = EN_ITALY.iter().map(|s| s.to_string()).collect();
    let pairs = align_texts(&en, &fr, &t(Mode::Translation));
    check_cover(&pairs, 5, 6);
    assert_eq!(pairs[1].left, Some(1..2));
    assert_eq!(pairs[1].right, Some(1..3), "{pairs:?}");
    assert_eq!(pairs.len(), 5);
}

#[test]
fn a_russian_paragraph_with_no_english_counterpart_is_unpaired() {
    let pairs = align_texts(&EN_ITALY_RU, &RU_ITALY, &t(Mode::Translation));
    check_cover(&pairs, 4, 5);
    assert_eq!(
        one_to_one(&pairs),
        [
            (Some(0), Some(0)),
            (None, Some(1)),
            (Some(1), Some(2)),
            (Some(2), Some(3)),
            (Some(3), Some(4)),
        ]
    );
    assert!(pairs[1].score < pairs[0].score);
}

#[test]
fn paragraph_numbers_outweigh_lengths() {
    // English 5 and 6 lost; the French 6 is about as long as the English 7,
    // but the numbers say 7 goes with 7.
    let en = [EN_ITALY[0], EN_ITALY[3], EN_ITALY[4]];
    let pairs = align_texts(&en, &FR_ITALY, &t(Mode::Translation));
    check_cover(&pairs, 3, 5);
    let paired: Vec<_> = one_to_one(&pairs)
        .into_iter()
        .filter_map(|(a, b)| Some((a?, b?)))
        .collect();
    assert_eq!(paired, [(0, 0), (1, 3), (2, 4)], "{pairs:?}");
}

#[test]
fn unrelated_paragraphs_score_low() {
    let ok = align_texts(&EN_ITALY, &FR_ITALY, &t(Mode::Translation));
    let bad = align_texts(&EN_HAITI[..5], &FR_ITALY, &t(Mode::Translation));
    let mean = |p: &[Pair]| p.iter().map(|p| p.score).sum::<f32>() / p.len() as f32;
    assert!(mean(&ok) > 0.6, "{ok:?}");
    assert!(mean(&bad) < mean(&ok) - 0.3, "{bad:?}");
}

#[test]
fn empty_sides() {
    assert!(align_texts::<&str>(&[], &[], &t(Mode::Translation)).is_empty());
    let pairs = align_texts(&EN_HAITI[..2], &[], &t(Mode::Translation));
    assert_eq!(pairs.len(), 2);
    assert!(pairs.iter().all(|p| p.right.is_none()));
    check_cover(&pairs, 2, 0);
}

#[test]
fn a_renumbered_paragraph_of_a_revision_still_pairs() {
    let draft = [
        "1. Decides to appropriate to the Special Account for the United Nations Mission in Haiti the amount of 10,000,000 dollars;",
        "2. Requests the Secretary-General to take all necessary action to ensure that the Mission is administered with a maximum of efficiency and economy;",
        "3. Invites voluntary contributions to the Mission in cash and in the form of services and supplies acceptable to the Secretary-General;",
        "4. Decides to include in the provisional agenda of its forty-ninth session the item entitled \"Financing of the United Nations Mission in Haiti\".",
    ];
    let adopted = [
        "1. Decides to appropriate to the Special Account for the United Nations Mission in Haiti the amount of 12,500,000 dollars;",
        "2. Invites voluntary contributions to the Mission in cash and in the form of services and supplies acceptable to the Secretary-General;",
        "3. Decides to include in the provisional agenda of its forty-ninth session the item entitled \"Financing of the United Nations Mission in Haiti\".",
    ];
    let pairs = align_texts(&draft, &adopted, &t(Mode::Revision));
    check_cover(&pairs, 4, 3);
    assert_eq!(
        one_to_one(&pairs),
        [
            (Some(0), Some(0)),
            (Some(1), None),
            (Some(2), Some(1)),
            (Some(3), Some(2)),
        ],
        "{pairs:?}"
    );
}

#[test]
fn chinese_lengths_are_calibrated_per_document() {
    // A Chinese paragraph has about a third of the English characters.
    let en = [
        "The General Assembly,",
        "Recalling its resolution 48/477 of 23 December 1993 on the financing of the Mission,",
        "Reaffirming that the costs of the Mission are expenses of the Organization to be borne by Member States in accordance with Article 17, paragraph 2, of the Charter of the United Nations,",
        "1. Decides to include the item in the provisional agenda of its forty-ninth session.",
    ];
    let zh = [
        "大会，",
        "回顾其1993年12月23日关于该特派团经费筹措的第48/477号决定，",
        "重申该特派团的费用是本组织的开支，应由会员国按照《联合国宪章》第十七条第二项分担，",
        "1. 决定将该项目列入大会第四十九届会议临时议程。",
    ];
    let pairs = align_texts(&en, &zh, &t(Mode::Translation));
    let expected: Vec<_> = (0..4).map(|i| (Some(i), Some(i))).collect();
    assert_eq!(one_to_one(&pairs), expected, "{pairs:?}");
}

#[test]
fn align_reads_the_paragraphs_of_documents() {
    let doc = |lang: &str, body: &[&str]| {
        let text = format!(
            "---\nsymbol: A/RES/48/249\nlanguage: {lang}\n---\n\n{}\n",
            body.join("\n\n")
        );
        parse_document(lang.into(), format!("{lang}.md").into(), text, "UTF-8")
    };
    let en = doc("en", &EN_HAITI);
    let es = doc("es", &ES_HAITI);
    let pairs = align(&en, &es, Mode::Translation);
    check_cover(&pairs, en.paragraphs.len(), es.paragraphs.len());
    let texts = paragraph_texts(&es);
    let last = pairs.last().and_then(|p| p.right.clone()).expect("a pair");
    assert!(texts[last.start].starts_with("Reafirmando"), "{texts:?}");
}

#[test]
fn pins_are_the_longest_increasing_run() {
    let run = longest_increasing(&[(0, 0), (1, 5), (2, 1), (3, 2), (4, 9), (5, 3)]);
    assert_eq!(run, [(0, 0), (2, 1), (3, 2), (5, 3)]);
}

/// Paragraphs of arbitrary text, numbered or not, in several scripts.
fn paragraphs() -> impl Strategy<Value = Vec<String>> {
    let para = prop_oneof![
        "[0-9]{1,2}\\. [a-z ]{0,40}",
        "\\([a-z]\\) [A-Za-z0-9/ ]{0,30}",
        "[IVX]{1,3}\\. [A-Z ]{0,20}",
        "[а-яА-Я0-9 .,]{0,50}",
        "[\u{4e00}-\u{4e80}0-9，。]{0,30}",
        "[\u{627}-\u{64a}\u{660}-\u{669} ]{0,40}",
        ".{0,30}",
    ];
    proptest::collection::vec(para, 0..40)
}

proptest! {
    #[test]
    fn every_paragraph_once_in_order(a in paragraphs(), b in paragraphs(), revision: bool) {
        let mode = if revision { Mode::Revision } else { Mode::Translation };
        let pairs = align_texts(&a, &b, &Params::for_mode(mode));
        check_cover(&pairs, a.len(), b.len());
        let pairs = align_texts(&a, &b, &Params::length_only());
        check_cover(&pairs, a.len(), b.len());
    }

    #[test]
    fn a_document_aligned_with_itself_pairs_one_to_one(a in paragraphs()) {
        let a: Vec<String> = a.into_iter().filter(|p| !p.trim().is_empty()).collect();
        let pairs = align_texts(&a, &a, &Params::for_mode(Mode::Revision));
        check_cover(&pairs, a.len(), a.len());
        prop_assert!(pairs.iter().all(|p| p.left == p.right));
    }
}
