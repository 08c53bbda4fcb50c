//! Arbitrary sequences of keys, clicks, wheel turns, typing and resizes,
//! each followed by a frame: the explorer never panics, on the bundled corpus
//! and on an empty one, at any terminal size.

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

fn msg() -> impl Strategy<Value = Msg> {
    prop_oneof![
        6 => (0..Action::ALL.len()).prop_map(|i| Msg::Action(Action::ALL[i])),
        2 => prop::char::any().prop_map(Msg::Char),
        1 => (1u16..160, 1u16..60).prop_map(|(w, h)| Msg::Resize(w, h)),
        1 => (0u16..160, 0u16..60).prop_map(|(x, y)| Msg::Click(x, y)),
        1 => (0u16..160, 0u16..60, any::<bool>()).prop_map(|(x, y, d)| Msg::Wheel(x, y, d)),
    ]
}

fn run(corpus: &Corpus, msgs: Vec<Msg>, theme: &Theme) {
    let config = Config::default();
    let mut s = State::new(corpus, (100, 30));
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_input_on_the_bundled_corpus(msgs in prop::collection::vec(msg(), 1..60)) {
        run(corpus(), msgs, &Theme::default_theme());
    }

    #[test]
    fn any_input_on_an_empty_corpus(msgs in prop::collection::vec(msg(), 1..30)) {
        run(&Corpus::default(), msgs, &Theme::mono());
    }
}
