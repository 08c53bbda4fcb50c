//! The explorer's reducer over files whose list the index keeps: the whole
//! list is shown while the documents are read, each document is its row's
//! as it arrives (shown when its row is selected), and the documents' own
//! list takes over once all are read, or as soon as the list is filtered
//! or sorted. No loader here: the messages it would send are sent by hand.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use dossier::app::list::Sort;
use dossier::app::state::{Loading, State};
use dossier::app::window::ListRow;
use dossier::app::{Action, Effect, Msg, update};
use dossier::corpus::DocumentRow;
use dossier::model::{Corpus, Document, load_bundled};

fn reading(done: usize, total: usize) -> Msg {
    Msg::Loaded(Some(Loading {
        done,
        total,
        skipped: 0,
        pages: 0,
        eta_secs: None,
    }))
}

/// The bundled documents, the rows their list shows, and a state over an
/// empty corpus with reading begun.
fn start() -> (Vec<Document>, Vec<ListRow>, Corpus, State) {
    let full = load_bundled();
    let rows = full
        .listed()
        .iter()
        .map(|&i| ListRow::of(&DocumentRow::of(&full, i).unwrap()))
        .collect();
    let corpus = Corpus::default();
    let mut state = State::new(
        &corpus,
        (100, 30),
        &dossier::input::config::Config::default(),
    );
    update(&mut state, reading(0, full.len()), &corpus);
    (full.documents().to_vec(), rows, corpus, state)
}

/// Shows the kept list of `rows`, answering the pages asked as the
/// explorer's local backend does.
fn keep(state: &mut State, corpus: &Corpus, rows: &[ListRow]) {
    let fx = update(state, Msg::ListKept(rows.len()), corpus);
    let asked: Vec<(u64, usize)> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::ListPage {
                generation, offset, ..
            } => Some((*generation, *offset)),
            _ => None,
        })
        .collect();
    assert_eq!(asked, vec![(0, 0)], "the first page, of the whole list");
    update(state, Msg::ListRows(0, 0, rows.to_vec()), corpus);
}

fn selected_id(state: &State, corpus: &Corpus) -> Option<String> {
    state
        .list
        .selected_doc()
        .and_then(|d| corpus.get(d))
        .map(|d| d.id.clone())
}

#[test]
fn the_whole_list_is_shown_while_the_documents_are_read() {
    let (docs, rows, mut corpus, mut state) = start();
    keep(&mut state, &corpus, &rows);
    assert_eq!(state.list.len(), rows.len(), "every row, none read yet");
    assert!(state.message.is_none(), "{:?}", state.message);
    assert!(state.list.window.as_ref().unwrap().kept);
    // A row whose document is not read yet: said to be on its way.
    update(&mut state, Msg::Action(Action::Down), &corpus);
    update(&mut state, Msg::Action(Action::Down), &corpus);
    assert_eq!(state.list.selected, 2);
    assert_eq!(state.list.selected_doc(), None);
    // Documents arrive: each is its row's, the selected one shown.
    corpus.extend(docs[..3].to_vec());
    update(&mut state, reading(3, docs.len()), &corpus);
    assert_eq!(
        selected_id(&state, &corpus).as_deref(),
        Some(rows[2].id.as_str())
    );
    let shown = state
        .readers
        .first()
        .map(|r| corpus.get(r.doc).unwrap().id.clone());
    assert!(shown.is_some(), "a document is shown");
    // All read: the documents' own list, the same row still selected.
    corpus.extend(docs[3..].to_vec());
    update(&mut state, reading(docs.len(), docs.len()), &corpus);
    update(&mut state, Msg::Loaded(None), &corpus);
    assert!(state.list.window.is_none());
    assert_eq!(state.list.len(), rows.len());
    assert_eq!(
        selected_id(&state, &corpus).as_deref(),
        Some(rows[2].id.as_str())
    );
}

#[test]
fn a_filter_or_an_order_leaves_the_kept_list_for_the_documents_read() {
    let (docs, rows, mut corpus, mut state) = start();
    keep(&mut state, &corpus, &rows);
    corpus.extend(docs[..2].to_vec());
    update(&mut state, reading(2, docs.len()), &corpus);
    // The filter narrows what is read so far, as it did before the list
    // was kept; nothing is asked of a source.
    update(&mut state, Msg::Action(Action::Filter), &corpus);
    let fx = update(&mut state, Msg::Char('a'), &corpus);
    assert!(state.list.window.is_none());
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::ListSize { .. })),
        "{fx:?}"
    );
    assert!(state.list.len() <= 2);
    // Sorting does too.
    let (docs, rows, mut corpus, mut state) = start();
    keep(&mut state, &corpus, &rows);
    corpus.extend(docs[..2].to_vec());
    update(&mut state, reading(2, docs.len()), &corpus);
    let fx = update(&mut state, Msg::Action(Action::Sort), &corpus);
    assert!(state.list.window.is_none());
    assert_ne!(state.list.sort, Sort::Corpus);
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::ListSize { .. })),
        "{fx:?}"
    );
}

#[test]
fn a_kept_list_arriving_late_is_not_shown() {
    // After a sort: the list the user asked for stays.
    let (docs, rows, mut corpus, mut state) = start();
    corpus.extend(docs[..2].to_vec());
    update(&mut state, reading(2, docs.len()), &corpus);
    update(&mut state, Msg::Action(Action::Sort), &corpus);
    update(&mut state, Msg::ListKept(rows.len()), &corpus);
    assert!(state.list.window.is_none());
    // After reading is over: the documents' own list is whole already.
    let (docs, rows, mut corpus, mut state) = start();
    corpus.extend(docs.clone());
    update(&mut state, Msg::Loaded(None), &corpus);
    update(&mut state, Msg::ListKept(rows.len()), &corpus);
    assert!(state.list.window.is_none());
    assert_eq!(state.list.len(), rows.len());
}

#[test]
fn what_cites_a_document_is_found_among_those_read_not_fetched() {
    let (docs, rows, mut corpus, mut state) = start();
    keep(&mut state, &corpus, &rows);
    corpus.extend(docs.clone());
    update(&mut state, reading(docs.len(), docs.len()), &corpus);
    let key = corpus.documents()[0].references[0].key.clone();
    let fx = update(&mut state, Msg::Backlinks(key), &corpus);
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::Citing(_))),
        "nothing is fetched from files being read: {fx:?}"
    );
}
