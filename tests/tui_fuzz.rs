//! Arbitrary sequences of keys, clicks, wheel turns, typing and resizes,
//! each followed by a frame: the explorer never panics, on the bundled corpus
//! and on an empty one, at any terminal size.

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

use dossier::app::state::State;
use dossier::app::{Action, Found, Msg, update};
use dossier::input::config::Config;
use dossier::model::{Corpus, load_bundled};
use dossier::search::{CandidateSet, Scope, Searcher};
use dossier::ui::theme::Theme;
use dossier::ui::{View, draw};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::{Arc, OnceLock};

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(load_bundled)
}

/// The six language samples and a document full of escape sequences, wide
/// characters and right-to-left text, all citing one another.
fn languages() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lang");
        let mut docs: Vec<_> = ["zh", "ar", "en", "es", "fr", "ru"]
            .iter()
            .map(|l| dossier::model::load::load_file(&dir.join(format!("{l}.txt"))).unwrap())
            .collect();
        let hostile = "CTOC/COP/2099/1\n\n1. \u{1b}]52;c;ZXZpbA==\u{7} 联合国 \u{1b}[2J \u{9b}31m \
             مؤتمر الأطراف \u{202e}décision 4/4\u{202c} CTOC/COP/2008/1 CTOC/COP/2008/19\n\
             2. 第4/4号决定 في المقرر 4/4 \u{7f}\u{0}\r\n"
            .repeat(3);
        docs.push(dossier::model::parse::parse_document(
            "hostile".into(),
            "hostile.txt".into(),
            hostile,
            "UTF-8",
        ));
        Corpus::new(docs, Vec::new())
    })
}

fn msg() -> impl Strategy<Value = Msg> {
    prop_oneof![
        6 => (0..Action::ALL.len()).prop_map(|i| Msg::Action(Action::ALL[i])),
        2 => prop::char::any().prop_map(Msg::Char),
        1 => prop::collection::vec(any::<char>(), 0..40).prop_map(|v| Msg::Paste(v.into_iter().collect())),
        1 => (1u16..160, 1u16..60).prop_map(|(w, h)| Msg::Resize(w, h)),
        1 => (160u16..2000, 1u16..80).prop_map(|(w, h)| Msg::Resize(w, h)),
        1 => (0u16..2000, 0u16..60).prop_map(|(x, y)| Msg::Click(x, y)),
        1 => (0u16..2000, 0u16..60, any::<bool>()).prop_map(|(x, y, d)| Msg::Wheel(x, y, d)),
    ]
}

/// What must hold after any message: focus is on something that exists.
fn check_invariants(s: &State, corpus: &Corpus) {
    use dossier::app::Focus;
    match s.focus() {
        Focus::Reader(i) => assert!(
            i < s.readers.len(),
            "{:?} with {} readers",
            s.focus(),
            s.readers.len()
        ),
        Focus::Search => assert!(s.search().is_some()),
        Focus::Find => assert!(s.find_input().is_some()),
        Focus::Backlinks => assert!(s.backlinks.is_some()),
        Focus::Outline => assert!(s.outline().is_some()),
        Focus::Help => assert!(s.help().is_some()),
        Focus::Diff => {
            let d = s.layers.diff().expect("diff view open");
            assert!(d.current < d.items.len().max(1));
            assert!(d.top <= d.rows.len());
        }
        Focus::List | Focus::Filter => {}
    }
    if s.search().is_some() {
        assert!(
            matches!(s.focus(), Focus::Search | Focus::Help),
            "{:?}",
            s.focus()
        );
    }
    assert!(s.readers.len() <= 2);
    assert!(s.list.order.is_empty() || s.list.selected < s.list.order.len());
    for r in &s.readers {
        assert!(r.doc < corpus.len());
        assert!(r.top < r.segs.len().max(1));
        let d = &corpus.documents()[r.doc];
        assert!(r.current_ref.is_none_or(|k| k < d.references.len()));
        if let Some(f) = &r.find {
            assert!(f.hits.is_empty() || f.current < f.hits.len());
        }
    }
    if let Some(b) = &s.backlinks {
        assert!(b.selected < b.items.len().max(1));
    }
    // Aligned versions: two readers showing them, the pair read one of theirs.
    if let Some(al) = &s.aligned {
        assert_eq!(s.readers.len(), 2);
        assert_eq!(al.docs, [s.readers[0].doc, s.readers[1].doc]);
        assert!(al.current < al.map.pairs.len());
        for (side, r) in s.readers.iter().enumerate() {
            let paragraphs = corpus.documents()[r.doc].paragraphs.len();
            assert_eq!(al.map.pair_of[side].len(), paragraphs);
        }
    }
}

fn run(corpus: &Corpus, msgs: Vec<Msg>, theme: &Theme) {
    let config = Config::default();
    let mut s = State::new(
        corpus,
        (100, 30),
        &dossier::input::config::Config::default(),
    );
    let set = Arc::new(CandidateSet::build(corpus, Scope::ALL));
    let searcher = Searcher::spawn(Arc::clone(&set));
    for m in msgs {
        if matches!(m, Msg::Action(Action::Quit)) {
            continue;
        }
        let fx = update(&mut s, m, corpus);
        for e in fx {
            if let dossier::app::Effect::Query(q) = e {
                let g = searcher.query(&q, 50);
                if let Some(r) = searcher.wait_for(g) {
                    update(&mut s, Msg::Results(Found::new(r, &set)), corpus);
                }
            }
        }
        check_invariants(&s, corpus);
        let (w, h) = s.size;
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| {
            draw(
                f,
                &View {
                    state: &s,
                    corpus,
                    keymap: &config.keymap,
                    theme,
                },
            )
        })
        .unwrap();
    }
}

/// `cases` cases, failures kept in `tests/tui_fuzz.proptest-regressions`
/// (proptest cannot find a source file to put them beside in an
/// integration test) and replayed first on every run.
fn persisted(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/tui_fuzz.proptest-regressions",
            ),
        )),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(persisted(48))]

    #[test]
    fn any_input_on_the_bundled_corpus(msgs in prop::collection::vec(msg(), 1..60)) {
        run(corpus(), msgs, &Theme::default_theme());
    }

    #[test]
    fn any_input_on_the_six_languages_and_escapes(msgs in prop::collection::vec(msg(), 1..60)) {
        run(languages(), msgs, &Theme::default_theme());
    }

    #[test]
    fn any_input_on_two_language_versions_aligned(msgs in prop::collection::vec(msg(), 1..60)) {
        // The Arabic and French versions of one report, side by side.
        let c = languages();
        let mut s = State::new(c, (100, 30), &Config::default());
        let mut start = Vec::new();
        while s.selected_doc().and_then(|d| c.documents()[d].meta.symbol.as_deref()) != Some("CTOC/COP/2018/13") {
            prop_assert!(start.len() < c.len(), "the report's row");
            start.push(Msg::Action(Action::Down));
            update(&mut s, Msg::Action(Action::Down), c);
        }
        start.extend([Action::Open, Action::LanguageBeside].map(Msg::Action));
        for m in start[start.len() - 2..].iter().cloned() {
            update(&mut s, m, c);
        }
        prop_assert!(s.aligned.is_some(), "the start aligns the two versions");
        run(languages(), start.into_iter().chain(msgs).collect(), &Theme::mono());
    }

    #[test]
    fn any_input_on_an_empty_corpus(msgs in prop::collection::vec(msg(), 1..30)) {
        run(&Corpus::default(), msgs, &Theme::mono());
    }
}

/// Text mixing markup, wide characters, controls, combining marks and long words.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("**".to_string()),
        Just("*".to_string()),
        Just("<i>".to_string()),
        Just("</i>".to_string()),
        Just("^{er}".to_string()),
        Just("# ".to_string()),
        Just("- ".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{1b}]52;c;QQ==\u{7}".to_string()),
        Just("\u{9b}31m".to_string()),
        Just("e\u{301}".to_string()),
        Just("联合国".to_string()),
        Just("décision 4/4".to_string()),
        Just("CTOC/COP/2012/1".to_string()),
        Just("x".repeat(120)),
        "[a-zA-Zéàç ]{0,30}".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(persisted(200))]

    #[test]
    fn rendering_stays_in_the_text_and_the_width(text in hostile_text(), width in 1usize..120) {
        use dossier::app::text::{Segments, render, wrap, width_of};
        let doc = dossier::model::parse::parse_document("t".into(), "t.txt".into(), text, "UTF-8");
        let segs = Segments::new(&doc);
        let mut last_end = 0;
        for i in 0..segs.len() {
            let range = segs.range(i);
            prop_assert!(range.start >= last_end && range.end <= doc.text.len());
            last_end = range.end;
            let r = render(&doc, &segs, i);
            for g in &r.glyphs {
                prop_assert!(range.contains(&(g.byte as usize)) || (range.is_empty() && g.byte as usize == range.start));
                prop_assert!(doc.text.is_char_boundary(g.byte as usize));
                prop_assert!(!dossier::sanitize::is_dangerous(g.c), "{:?}", g.c);
            }
            let rows = wrap(&r, width);
            let mut next = 0;
            for row in &rows {
                prop_assert!(row.start >= next && row.end <= r.glyphs.len());
                next = row.end;
                prop_assert!(width_of(&r.glyphs[row.clone()]) <= width.max(2));
            }
        }
    }

    #[test]
    fn search_in_a_document_finds_whole_characters_in_order(text in hostile_text(), query in prop_oneof![
        "[a-zA-Zéàçœß ]{1,6}",
        Just("联合".to_string()),
        Just("oe".to_string()),
        Just("ss".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ]) {
        let hits = dossier::app::find::find_all(&text, &query);
        let mut last = 0usize;
        for (s, e) in hits {
            let (s, e) = (s as usize, e as usize);
            prop_assert!(s >= last && s < e && e <= text.len());
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            prop_assert!(!text[s..e].contains('\n'));
            // What was found folds to something holding the query's folded form.
            let found = dossier::model::fold::fold(&text[s..e]);
            let want = dossier::model::fold::fold(&query);
            prop_assert!(found.contains(want.trim()), "{:?} in {:?}", want, found);
            last = s;
        }
    }

    #[test]
    fn any_document_draws_at_any_size(text in hostile_text(), w in 1u16..140, h in 1u16..50, scroll in 0usize..40) {
        let corpus = Corpus::new(
            vec![dossier::model::parse::parse_document("t".into(), "t.txt".into(), text, "UTF-8")],
            Vec::new(),
        );
        let config = Config::default();
        let mut s = State::new(&corpus, (w, h), &dossier::input::config::Config::default());
        if s.focus() == dossier::app::Focus::List {
            update(&mut s, Msg::Action(Action::Open), &corpus);
        }
        for _ in 0..scroll {
            update(&mut s, Msg::Action(Action::Down), &corpus);
        }
        update(&mut s, Msg::Action(Action::NextReference), &corpus);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        let theme = Theme::default_theme();
        t.draw(|f| draw(f, &View { state: &s, corpus: &corpus, keymap: &config.keymap, theme: &theme })).unwrap();
        for cell in t.backend().buffer().content() {
            prop_assert!(!cell.symbol().chars().any(dossier::sanitize::is_dangerous), "{:?}", cell.symbol());
        }
    }
}

/// The backlinks pane of every cited key, at widths from the narrowest to
/// 2000 columns, on wide and right-to-left text: no panic, nothing dangerous
/// drawn. (Context before a citation in Chinese is twice as wide as it is
/// long, which once made the trimming underflow.)
#[test]
fn backlinks_draw_wide_and_rtl_text_at_any_width() {
    let corpus = languages();
    let config = Config::default();
    let theme = Theme::default_theme();
    let keys = corpus.keys();
    assert!(keys.len() > 5, "{keys:?}");
    let widths = (40u16..=320).step_by(3).chain([1000, 2000]);
    for w in widths {
        let mut t = Terminal::new(TestBackend::new(w, 14)).unwrap();
        for (key, _) in &keys {
            let mut s = State::new(corpus, (w, 14), &dossier::input::config::Config::default());
            update(&mut s, Msg::Backlinks(key.to_string()), corpus);
            assert!(s.backlinks.is_some());
            t.draw(|f| {
                draw(
                    f,
                    &View {
                        state: &s,
                        corpus,
                        keymap: &config.keymap,
                        theme: &theme,
                    },
                )
            })
            .unwrap();
            for cell in t.backend().buffer().content() {
                assert!(
                    !cell.symbol().chars().any(dossier::sanitize::is_dangerous),
                    "{:?}",
                    cell.symbol()
                );
            }
        }
    }
}
