//! The explorer's reducer over a paged list (what an archive feeds it):
//! only the pages around the view are asked for, a selected row's document
//! is fetched and shown when it arrives, stale search answers are dropped,
//! and what the source says reaches the status line. No backend here: the
//! messages a backend would send are sent by hand.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use dossier::app::state::State;
use dossier::app::window::{ListRow, PAGE};
use dossier::app::{Action, Effect, Found, Msg, update};
use dossier::model::{Corpus, load_bundled};
use dossier::search::CandidateKind;
use dossier::search::candidates::Candidate;

fn row(i: usize) -> ListRow {
    ListRow {
        id: format!("doc{i}"),
        label: format!("A/80/{i}"),
        symbol: true,
        date: Some("2025-11-18".into()),
        languages: "en fr".into(),
        title: format!("Title {i}"),
    }
}

fn page(offset: usize) -> Vec<ListRow> {
    (offset..offset + PAGE).map(row).collect()
}

/// A state over an empty corpus (nothing fetched yet), a list of `total`
/// rows announced; the effects the announcement gave.
fn paged(total: usize) -> (Corpus, State, Vec<Effect>) {
    let corpus = Corpus::default();
    let mut state = State::new(
        &corpus,
        (100, 30),
        &dossier::input::config::Config::default(),
    );
    let fx = update(&mut state, Msg::ListSize(total), &corpus);
    (corpus, state, fx)
}

fn pages_asked(fx: &[Effect]) -> Vec<usize> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::ListPage { offset, .. } => Some(*offset),
            _ => None,
        })
        .collect()
}

#[test]
fn a_million_rows_ask_only_the_pages_in_view() {
    let (corpus, mut state, fx) = paged(1_000_000);
    assert_eq!(pages_asked(&fx), vec![0, PAGE]);
    assert!(state.message.is_none(), "{:?}", state.message);
    // To the end: the last pages only, nothing in between.
    let fx = update(&mut state, Msg::Action(Action::Bottom), &corpus);
    assert_eq!(state.list.selected, 999_999);
    assert_eq!(pages_asked(&fx), vec![999_800, 999_900]);
    let held = state.list.window.as_ref().unwrap().pages_held();
    assert_eq!(held, 0, "no page arrived yet");
}

#[test]
fn a_selected_row_is_fetched_and_shown_when_it_arrives() {
    let (mut corpus, mut state, _) = paged(250);
    let fx = update(&mut state, Msg::ListRows(0, page(0)), &corpus);
    assert_eq!(fx, vec![Effect::Open("doc0".into())]);
    // Enter before the document is there: said, not failed.
    update(&mut state, Msg::Action(Action::Open), &corpus);
    assert!(state.message.as_ref().unwrap().text.contains("on its way"));
    // The backend puts the document in the corpus, then says so.
    let mut doc = load_bundled().documents()[1].clone();
    doc.id = "doc0".into();
    corpus.extend(vec![doc]);
    update(&mut state, Msg::Opened("doc0".into(), 0), &corpus);
    assert_eq!(state.readers.len(), 1);
    assert_eq!(state.readers[0].doc, 0);
    assert_eq!(state.selected_doc(), Some(0));
    // Moving on asks for the next row's document, once.
    let fx = update(&mut state, Msg::Action(Action::Down), &corpus);
    assert_eq!(fx, vec![Effect::Open("doc1".into())]);
    let fx = update(&mut state, Msg::Action(Action::Up), &corpus);
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(state.readers[0].doc, 0);
}

#[test]
fn a_selected_row_that_arrives_under_the_search_bar_is_shown_after_it() {
    let (mut corpus, mut state, _) = paged(250);
    update(&mut state, Msg::ListRows(0, page(0)), &corpus);
    let docs = load_bundled().documents()[..2].to_vec();
    let mut first = docs[0].clone();
    first.id = "doc0".into();
    corpus.extend(vec![first]);
    update(&mut state, Msg::Opened("doc0".into(), 0), &corpus);
    // The next row is asked for; the search bar opens before it arrives.
    update(&mut state, Msg::Action(Action::Down), &corpus);
    update(&mut state, Msg::Action(Action::SearchBar), &corpus);
    let mut second = docs[1].clone();
    second.id = "doc1".into();
    corpus.extend(vec![second]);
    update(&mut state, Msg::Opened("doc1".into(), 1), &corpus);
    update(&mut state, Msg::Action(Action::Close), &corpus);
    assert!(state.search().is_none());
    assert_eq!(state.readers[0].doc, 1);
}

#[test]
fn a_row_of_a_page_not_arrived_has_no_document_and_sorting_is_refused() {
    let (corpus, mut state, _) = paged(250);
    assert_eq!(state.selected_doc(), None);
    update(&mut state, Msg::Action(Action::Sort), &corpus);
    assert!(state.message.as_ref().unwrap().text.contains("paged"));
    update(&mut state, Msg::Action(Action::Filter), &corpus);
    let said = state.message.clone().unwrap().text;
    let search = state.key(Action::SearchBar);
    assert!(said.contains(&format!("{search} searches it")), "{said}");
}

#[test]
fn a_stale_search_answer_is_dropped() {
    let (mut corpus, mut state, _) = paged(10);
    corpus.extend(load_bundled().documents()[..2].to_vec());
    update(&mut state, Msg::Action(Action::SearchBar), &corpus);
    for c in "ocean".chars() {
        update(&mut state, Msg::Char(c), &corpus);
    }
    let hit = |doc| Candidate {
        kind: CandidateKind::Document,
        doc,
        line: 0,
        reference: 0,
    };
    let answer = |query: &str, doc, complete| Found {
        query: query.into(),
        items: vec![hit(doc)],
        matched: 1,
        total: 1,
        more: false,
        complete,
    };
    // The answer to "oce", asked before, arrives late: dropped.
    update(&mut state, Msg::Results(answer("oce", 0, true)), &corpus);
    let s = state.search().unwrap();
    assert!(s.results.is_empty() && s.pending);
    // The answer to "ocean", first part then all of it.
    update(&mut state, Msg::Results(answer("ocean", 1, false)), &corpus);
    let s = state.search().unwrap();
    assert_eq!(s.results.len(), 1);
    assert!(s.pending, "more is coming");
    update(&mut state, Msg::Results(answer("ocean", 1, true)), &corpus);
    assert!(!state.search().unwrap().pending);
}

#[test]
fn what_the_source_says_reaches_the_status_line_and_backlinks_are_fetched_first() {
    let (corpus, mut state, _) = paged(10);
    let line = "archive unreachable: Connection refused (os error 111); retrying in 2 s";
    update(&mut state, Msg::Status(line.into(), true), &corpus);
    let m = state.message.clone().unwrap();
    assert_eq!(m.text, line);
    assert!(m.warn);
    // Backlinks over a paged list: the citing documents are asked for.
    let fx = update(
        &mut state,
        Msg::Backlinks("symbol:A/RES/70/1".into()),
        &corpus,
    );
    assert_eq!(fx, vec![Effect::Citing("symbol:A/RES/70/1".into())]);
}

/// The screen as text, one line per row.
fn screen(state: &State, corpus: &Corpus) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let config = dossier::input::config::Config::default();
    let theme = dossier::ui::theme::Theme::from_env(&config.theme);
    let mut t = Terminal::new(TestBackend::new(state.size.0, state.size.1)).unwrap();
    t.draw(|f| {
        dossier::ui::draw(
            f,
            &dossier::ui::View {
                state,
                corpus,
                keymap: &config.keymap,
                theme: &theme,
            },
        )
    })
    .unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_page_on_its_way_while_the_server_is_away_snapshot() {
    let (mut corpus, mut state, _) = paged(1234);
    update(&mut state, Msg::ListRows(0, page(0)), &corpus);
    let mut doc = load_bundled().documents()[1].clone();
    doc.id = "doc0".into();
    corpus.extend(vec![doc]);
    update(&mut state, Msg::Opened("doc0".into(), 0), &corpus);
    // Down into the second page, which has not arrived.
    for _ in 0..4 {
        update(&mut state, Msg::Action(Action::PageDown), &corpus);
    }
    let line = "archive unreachable: Connection refused (os error 111); retrying in 4 s";
    update(&mut state, Msg::Status(line.into(), true), &corpus);
    let shown = screen(&state, &corpus);
    assert!(shown.contains('…'));
    insta::assert_snapshot!("paged_list_server_away_100x30", shown);
}
