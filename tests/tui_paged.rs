//! The explorer's reducer over a paged list (what an archive feeds it):
//! only the pages around the view are asked for, a selected row's document
//! is fetched and shown when it arrives, the filter and the order are
//! asked of the source and answers to older ones dropped, stale search
//! answers are dropped, and what the source says reaches the status line.
//! No backend here: the messages a backend would send are sent by hand.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use dossier::app::list::Sort;
use dossier::app::state::State;
use dossier::app::window::{ListRow, PAGE};
use dossier::app::{Action, Effect, Found, Msg, update};
use dossier::corpus::ListQuery;
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
    let fx = update(&mut state, Msg::ListSize(0, total, None), &corpus);
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
    let fx = update(&mut state, Msg::ListRows(0, 0, page(0)), &corpus);
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
    update(&mut state, Msg::ListRows(0, 0, page(0)), &corpus);
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
fn a_row_of_a_page_not_arrived_has_no_document() {
    let (_, state, _) = paged(250);
    assert_eq!(state.selected_doc(), None);
}

/// The list queries asked by `fx`: (generation, filter, sort).
fn sizes_asked(fx: &[Effect]) -> Vec<(u64, String, Sort)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::ListSize {
                generation, query, ..
            } => Some((*generation, query.filter.clone(), query.sort)),
            _ => None,
        })
        .collect()
}

/// The pages asked by `fx` with their generation and query.
fn pages_of(fx: &[Effect]) -> Vec<(u64, ListQuery, usize)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::ListPage {
                generation,
                query,
                offset,
                ..
            } => Some((*generation, query.clone(), *offset)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_filter_over_a_paged_list_is_asked_of_its_source_and_late_answers_are_dropped() {
    let (corpus, mut state, _) = paged(250);
    update(&mut state, Msg::ListRows(0, 0, page(0)), &corpus);
    update(&mut state, Msg::Action(Action::Down), &corpus);
    // The filter line opens; each word typed asks the source again.
    update(&mut state, Msg::Action(Action::Filter), &corpus);
    assert!(state.message.is_none(), "{:?}", state.message);
    let fx = update(&mut state, Msg::Char('o'), &corpus);
    assert_eq!(sizes_asked(&fx), vec![(1, "o".into(), Sort::Corpus)]);
    let fx = update(&mut state, Msg::Char('c'), &corpus);
    assert_eq!(sizes_asked(&fx), vec![(2, "oc".into(), Sort::Corpus)]);
    // A space changes no word: nothing is asked.
    let fx = update(&mut state, Msg::Char(' '), &corpus);
    assert!(sizes_asked(&fx).is_empty(), "{fx:?}");
    // Until the source answers, the rows shown are the last ones.
    assert_eq!(state.list.len(), 250);
    // The answer to "o", late: dropped.
    let fx = update(&mut state, Msg::ListSize(1, 7, None), &corpus);
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(state.list.len(), 250);
    // The answer to "oc": a new window, on its first row, its pages asked
    // with the query.
    let fx = update(&mut state, Msg::ListSize(2, 130, None), &corpus);
    assert_eq!(state.list.len(), 130);
    assert_eq!(state.list.selected, 0);
    let query = ListQuery {
        filter: "oc ".into(),
        sort: Sort::Corpus,
    };
    assert_eq!(pages_of(&fx), vec![(2, query.clone(), 0), (2, query, PAGE)]);
    // Rows of the whole list or of "o", late: dropped; those of "oc" kept.
    update(&mut state, Msg::ListRows(0, 100, page(100)), &corpus);
    update(&mut state, Msg::ListRows(1, 0, page(500)), &corpus);
    let w = state.list.window.as_ref().unwrap();
    assert_eq!(w.pages_held(), 0);
    let fx = update(&mut state, Msg::ListRows(2, 0, page(7)), &corpus);
    assert_eq!(fx, vec![Effect::Open("doc7".into())]);
    // `n/N` as over a folder.
    let shown = screen(&state, &corpus);
    assert!(shown.contains("Documents 130/250 “oc ”"), "{shown}");
    assert!(shown.contains("A/80/7"), "{shown}");
    // Esc clears the filter: the whole list is asked again.
    let fx = update(&mut state, Msg::Action(Action::Close), &corpus);
    assert_eq!(sizes_asked(&fx), vec![(3, String::new(), Sort::Corpus)]);
    update(&mut state, Msg::ListSize(3, 250, None), &corpus);
    assert_eq!(state.list.len(), 250);
    assert_eq!(state.list.listed, 250);
}

#[test]
fn a_filter_that_keeps_nothing_is_said() {
    let (corpus, mut state, _) = paged(250);
    update(&mut state, Msg::Action(Action::Filter), &corpus);
    update(&mut state, Msg::Paste("zzz".into()), &corpus);
    assert_eq!(state.list.generation, 1);
    let fx = update(&mut state, Msg::ListSize(1, 0, None), &corpus);
    assert!(pages_of(&fx).is_empty(), "{fx:?}");
    let said = state.message.clone().unwrap();
    assert_eq!(said.text, "no document matches (0/250)");
    assert!(!said.warn);
}

#[test]
fn sorting_a_paged_list_asks_its_source_in_that_order() {
    let (corpus, mut state, _) = paged(250);
    update(&mut state, Msg::ListRows(0, 0, page(0)), &corpus);
    let fx = update(&mut state, Msg::Action(Action::Sort), &corpus);
    assert_eq!(sizes_asked(&fx), vec![(1, String::new(), Sort::Date)]);
    assert_eq!(state.message.as_ref().unwrap().text, "sorted by date");
    let fx = update(&mut state, Msg::Action(Action::Sort), &corpus);
    assert_eq!(sizes_asked(&fx), vec![(2, String::new(), Sort::Symbol)]);
    let fx = update(&mut state, Msg::ListSize(2, 250, None), &corpus);
    let by_symbol = ListQuery {
        filter: String::new(),
        sort: Sort::Symbol,
    };
    assert_eq!(
        pages_of(&fx),
        vec![(2, by_symbol.clone(), 0), (2, by_symbol, PAGE)]
    );
    let shown = screen(&state, &corpus);
    assert!(shown.contains("by symbol"), "{shown}");
}

#[test]
fn a_filter_typed_before_the_source_answered_is_asked_once_it_has() {
    let corpus = Corpus::default();
    let config = dossier::input::config::Config::default();
    let mut state = State::new(&corpus, (100, 30), &config);
    update(&mut state, Msg::Action(Action::Filter), &corpus);
    update(&mut state, Msg::Paste("ocean".into()), &corpus);
    // The whole list's size arrives: its pages, then the filter asked.
    let fx = update(&mut state, Msg::ListSize(0, 250, None), &corpus);
    assert_eq!(sizes_asked(&fx), vec![(1, "ocean".into(), Sort::Corpus)]);
    assert!(
        pages_of(&fx)
            .iter()
            .all(|p| p.0 == 0 && p.1 == ListQuery::default())
    );
    update(&mut state, Msg::ListSize(1, 12, None), &corpus);
    assert_eq!(state.list.len(), 12);
    assert_eq!(state.list.listed, 250);
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
    update(&mut state, Msg::ListRows(0, 0, page(0)), &corpus);
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

#[test]
fn a_new_order_shows_its_first_row_even_when_its_document_was_fetched_before() {
    let (mut corpus, mut state, _) = paged(250);
    update(&mut state, Msg::ListRows(0, 0, page(0)), &corpus);
    let docs = load_bundled().documents()[..2].to_vec();
    for (k, mut d) in docs.into_iter().enumerate() {
        d.id = format!("doc{k}");
        corpus.extend(vec![d]);
        update(&mut state, Msg::Opened(format!("doc{k}"), k), &corpus);
        if k == 0 {
            update(&mut state, Msg::Action(Action::Down), &corpus);
        }
    }
    assert_eq!(state.readers[0].doc, 1);
    // By date: doc0 first, already in the corpus, asked for by no one.
    update(&mut state, Msg::Action(Action::Sort), &corpus);
    update(&mut state, Msg::ListSize(1, 250, None), &corpus);
    assert_eq!(state.list.selected, 0);
    let fx = update(&mut state, Msg::ListRows(1, 0, page(0)), &corpus);
    assert!(!fx.iter().any(|e| matches!(e, Effect::Open(_))), "{fx:?}");
    assert_eq!(state.readers[0].doc, 0);
    // Later pages leave the reader alone.
    update(&mut state, Msg::ListRows(1, PAGE, page(PAGE)), &corpus);
    assert_eq!(state.readers[0].doc, 0);
}

/// The document each list query asked by `fx` wants kept selected.
fn kept_asked(fx: &[Effect]) -> Vec<Option<String>> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::ListSize { keep, .. } => Some(keep.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_sorted_paged_list_keeps_the_selected_document_where_the_source_puts_it() {
    let (corpus, mut state, _) = paged(250);
    update(&mut state, Msg::ListRows(0, 0, page(0)), &corpus);
    for _ in 0..3 {
        update(&mut state, Msg::Action(Action::Down), &corpus);
    }
    let fx = update(&mut state, Msg::Action(Action::Sort), &corpus);
    assert_eq!(kept_asked(&fx), vec![Some("doc3".to_string())]);
    // The source says doc3 is row 137 by date: selected there, its pages
    // asked.
    let fx = update(&mut state, Msg::ListSize(1, 250, Some(137)), &corpus);
    assert_eq!(state.list.selected, 137);
    let asked: Vec<usize> = pages_of(&fx).iter().map(|p| p.2).collect();
    assert!(asked.contains(&PAGE), "{asked:?}");
    assert!(state.list.offset <= 137 && 137 < state.list.offset + 30);
    // A filter starts from the first row: nothing to keep.
    update(&mut state, Msg::Action(Action::Filter), &corpus);
    let fx = update(&mut state, Msg::Char('x'), &corpus);
    assert_eq!(kept_asked(&fx), vec![None]);
    update(&mut state, Msg::ListSize(2, 40, None), &corpus);
    assert_eq!(state.list.selected, 0);
}
