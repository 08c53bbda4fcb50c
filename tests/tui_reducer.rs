//! The explorer's reducer driven by actions, headless: navigation, history,
//! side by side, the search bar and the search in a document.

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

use dossier::app::Focus;
use dossier::app::state::{ListVisibility, State};
use dossier::app::{Action, Effect, Found, Msg, update};
use dossier::model::{Corpus, load_bundled};
use dossier::search::{CandidateSet, Scope, Searcher};
use std::sync::Arc;

fn setup() -> (Corpus, State) {
    let corpus = load_bundled();
    let state = State::new(
        &corpus,
        (100, 30),
        &dossier::input::config::Config::default(),
    );
    (corpus, state)
}

fn act(s: &mut State, c: &Corpus, a: Action) -> Vec<Effect> {
    update(s, Msg::Action(a), c)
}

fn type_text(s: &mut State, c: &Corpus, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|ch| update(s, Msg::Char(ch), c))
        .collect()
}

/// Runs `query` through a real search worker and feeds the results back.
fn answer(s: &mut State, c: &Corpus, query: &str) {
    let set = Arc::new(CandidateSet::build(c, Scope::ALL));
    let searcher = Searcher::spawn(Arc::clone(&set));
    let g = searcher.query(query, 1000);
    let r = searcher.wait_for(g).expect("results");
    update(s, Msg::Results(Found::new(r, &set)), c);
}

fn reader_doc(s: &State, i: usize) -> usize {
    s.readers[i].doc
}

/// Index of the document whose id starts with `prefix`.
fn doc(c: &Corpus, prefix: &str) -> usize {
    c.documents()
        .iter()
        .position(|d| d.id.starts_with(prefix))
        .unwrap()
}

/// Selects the reference with `key` in reader 0 by pressing `]`.
fn select_reference(s: &mut State, c: &Corpus, key: &str) {
    for _ in 0..50 {
        act(s, c, Action::NextReference);
        let r = &s.readers[0];
        let d = &c.documents()[r.doc];
        if r.current_ref.is_some_and(|k| d.references[k].key == key) {
            return;
        }
    }
    panic!("no reference {key}");
}

#[test]
fn a_paste_goes_into_the_search_bar_or_the_find_line_in_one_piece() {
    let (c, mut s) = setup();
    let fx = update(
        &mut s,
        Msg::Paste("CTOC/COP/\n2012/1\u{1b}[2J\t".into()),
        &c,
    );
    assert_eq!(
        s.focus(),
        Focus::Search,
        "a paste in the list opens the search bar"
    );
    let search = s.search().unwrap();
    assert_eq!(search.input, "CTOC/COP/ 2012/1[2J");
    assert_eq!(search.cursor, search.input.chars().count());
    let queries: Vec<_> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Query(q) => Some(q.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(queries.last(), Some(&"CTOC/COP/ 2012/1[2J"), "{queries:?}");
    act(&mut s, &c, Action::Close);
    act(&mut s, &c, Action::Open);
    act(&mut s, &c, Action::Find);
    assert_eq!(s.focus(), Focus::Find);
    update(&mut s, Msg::Paste("Conférence\r\n".into()), &c);
    assert_eq!(s.find_input().unwrap().text, "Conférence");
    let hits = s.readers[0].find.as_ref().map_or(0, |f| f.hits.len());
    assert!(hits > 0, "the pasted text is searched at once");
    update(&mut s, Msg::Paste("\u{7}\n".into()), &c);
    assert_eq!(
        s.find_input().unwrap().text,
        "Conférence",
        "nothing to paste"
    );
}

#[test]
fn list_moves_and_previews_in_the_reader() {
    let (c, mut s) = setup();
    assert_eq!(s.focus(), Focus::List);
    act(&mut s, &c, Action::Down);
    assert_eq!(s.list.selected, 1);
    assert_eq!(reader_doc(&s, 0), s.selected_doc().unwrap());
    act(&mut s, &c, Action::Bottom);
    assert_eq!(s.list.selected, c.len() - 1);
    act(&mut s, &c, Action::Down);
    assert_eq!(s.list.selected, c.len() - 1, "stays on the last row");
    act(&mut s, &c, Action::Top);
    assert_eq!(s.list.selected, 0);
    act(&mut s, &c, Action::Open);
    assert_eq!(s.focus(), Focus::Reader(0));
}

#[test]
fn sort_cycles_and_keeps_the_selection() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::Down);
    let selected = s.selected_doc();
    act(&mut s, &c, Action::Sort);
    assert_eq!(s.selected_doc(), selected);
    let dates: Vec<_> = s
        .list
        .order
        .iter()
        .filter_map(|&d| c.documents()[d as usize].meta.date.clone())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    for _ in 0..3 {
        act(&mut s, &c, Action::Sort);
    }
    assert_eq!(s.list.order, (0..c.len() as u32).collect::<Vec<_>>());
}

#[test]
fn reader_scrolls_and_clamps() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::FocusNext);
    assert_eq!(s.focus(), Focus::Reader(0));
    let start = s.readers[0].top;
    assert!(
        !c.documents()[0].line(start + 1).trim().is_empty(),
        "opens on text"
    );
    act(&mut s, &c, Action::Down);
    let one_down = (s.readers[0].top, s.readers[0].row);
    assert!(
        one_down == (start, 1) || one_down == (start + 1, 0),
        "{one_down:?}"
    );
    act(&mut s, &c, Action::Up);
    assert_eq!((s.readers[0].top, s.readers[0].row), (start, 0));
    act(&mut s, &c, Action::Top);
    assert_eq!((s.readers[0].top, s.readers[0].row), (0, 0));
    act(&mut s, &c, Action::Up);
    assert_eq!((s.readers[0].top, s.readers[0].row), (0, 0));
    act(&mut s, &c, Action::Bottom);
    let bottom = (s.readers[0].top, s.readers[0].row);
    assert!(bottom.0 > 0);
    act(&mut s, &c, Action::PageDown);
    assert_eq!(
        (s.readers[0].top, s.readers[0].row),
        bottom,
        "no scrolling past the end"
    );
    act(&mut s, &c, Action::Top);
    assert_eq!(s.readers[0].top, 0);
}

#[test]
fn following_a_decision_opens_backlinks_and_back_restores_everything() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::FocusNext);
    act(&mut s, &c, Action::PageDown);
    select_reference(&mut s, &c, "decision:CTOC/COP:4/4");
    let before = (
        reader_doc(&s, 0),
        s.readers[0].top,
        s.readers[0].row,
        s.readers[0].current_ref,
    );
    act(&mut s, &c, Action::Open);
    assert_eq!(s.focus(), Focus::Backlinks);
    let b = s.backlinks.as_ref().unwrap();
    assert_eq!(b.key, "decision:CTOC/COP:4/4");
    assert_eq!(b.items.len(), c.backlinks("decision:CTOC/COP:4/4").len());
    // Jump to a citation in another document.
    let agenda = doc(&c, "002");
    let k = b.items.iter().position(|x| x.doc == agenda).unwrap();
    let target_line = b.items[k].line;
    for _ in 0..k - b.selected {
        act(&mut s, &c, Action::Down);
    }
    act(&mut s, &c, Action::Open);
    assert!(s.backlinks.is_none());
    assert_eq!(s.focus(), Focus::Reader(0));
    assert_eq!(reader_doc(&s, 0), agenda);
    let r = &s.readers[0];
    let d = &c.documents()[agenda];
    assert_eq!(d.references[r.current_ref.unwrap()].line, target_line);
    assert!(r.top_line(d) <= target_line);
    // Back: same document, scroll and reference as before, and the
    // backlinks pane the citation was opened from, focused (issue 10).
    act(&mut s, &c, Action::Back);
    let after = (
        reader_doc(&s, 0),
        s.readers[0].top,
        s.readers[0].row,
        s.readers[0].current_ref,
    );
    assert_eq!(after, before);
    assert_eq!(s.focus(), Focus::Backlinks);
    assert_eq!(s.backlinks.as_ref().map(|b| b.selected), Some(k));
    // Forward returns to the citation.
    act(&mut s, &c, Action::Forward);
    assert_eq!(reader_doc(&s, 0), agenda);
    act(&mut s, &c, Action::Forward);
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("nothing to go forward")
    );
}

#[test]
fn a_symbol_outside_the_corpus_is_reported() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::FocusNext);
    select_reference(&mut s, &c, "symbol:CTOC/COP/WG.4/2011/8");
    act(&mut s, &c, Action::Open);
    let m = s.message.clone().unwrap();
    assert_eq!(m.text, "CTOC/COP/WG.4/2011/8 is not in this corpus");
    assert!(m.warn);
    assert_eq!(reader_doc(&s, 0), 0);
}

#[test]
fn agenda_item_goes_to_the_agenda_or_says_it_is_missing() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::FocusNext);
    act(&mut s, &c, Action::AgendaItem);
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("CTOC/COP/2012/1 is not in this corpus"),
        "{:?}",
        s.message
    );
}

#[test]
fn side_by_side_focus_swap_sync_and_close() {
    let (c, mut s) = setup();
    let report = doc(&c, "001");
    let other = doc(&c, "004");
    for _ in 0..report {
        act(&mut s, &c, Action::Down);
    }
    act(&mut s, &c, Action::Open);
    act(&mut s, &c, Action::FocusPrev);
    assert_eq!(s.focus(), Focus::List);
    // Browsing the list shows each document in the reader…
    for _ in report..other {
        act(&mut s, &c, Action::Down);
    }
    assert_eq!(reader_doc(&s, 0), other);
    // …and side by side puts it beside the document read before.
    act(&mut s, &c, Action::SideBySide);
    assert_eq!(s.readers.len(), 2);
    assert_eq!(s.focus(), Focus::Reader(1));
    assert_eq!(reader_doc(&s, 0), report);
    assert_eq!(reader_doc(&s, 1), other);
    // Tab cycles list → reader 0 → reader 1 → list.
    act(&mut s, &c, Action::FocusNext);
    assert_eq!(s.focus(), Focus::List);
    act(&mut s, &c, Action::FocusNext);
    assert_eq!(s.focus(), Focus::Reader(0));
    act(&mut s, &c, Action::FocusNext);
    assert_eq!(s.focus(), Focus::Reader(1));
    // Both number their paragraphs: synchronised by number.
    act(&mut s, &c, Action::SyncScroll);
    assert!(s.sync_scroll);
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("paragraph number")
    );
    act(&mut s, &c, Action::FocusPrev);
    assert_eq!(s.focus(), Focus::Reader(0));
    let rd = &c.documents()[report];
    let od = &c.documents()[other];
    let p2 = rd.paragraph("2").unwrap().start_line;
    for _ in 0..200 {
        if s.readers[0].top_line(rd) >= p2 {
            break;
        }
        act(&mut s, &c, Action::Down);
    }
    assert_eq!(
        s.readers[1].top_line(od),
        od.paragraph("2").unwrap().start_line
    );
    // Swap exchanges the documents; focus follows its document.
    act(&mut s, &c, Action::Swap);
    assert_eq!((reader_doc(&s, 0), reader_doc(&s, 1)), (other, report));
    assert_eq!(s.focus(), Focus::Reader(1));
    act(&mut s, &c, Action::CloseReader);
    assert_eq!(s.readers.len(), 1);
    assert_eq!(reader_doc(&s, 0), other);
    assert!(!s.sync_scroll);
}

#[test]
fn search_bar_state_queries_previews_restores_and_opens() {
    let (c, mut s) = setup();
    let start = s.readers[0].top;
    let fx = act(&mut s, &c, Action::SearchBar);
    assert_eq!(fx, vec![Effect::Query(String::new())]);
    assert_eq!(s.focus(), Focus::Search);
    let fx = type_text(&mut s, &c, "ctoccop2012");
    assert_eq!(fx.last(), Some(&Effect::Query("ctoccop2012".into())));
    assert_eq!(fx.len(), "ctoccop2012".len());
    // Stale results (for an older query) are ignored.
    answer(&mut s, &c, "ctoc");
    assert!(s.search().unwrap().results.is_empty());
    answer(&mut s, &c, "ctoccop2012");
    let sr = s.search().unwrap();
    assert!(!sr.results.is_empty());
    assert!(sr.matched >= sr.results.len());
    // The selected result is previewed; Esc restores the view.
    let first = sr.results[0];
    assert_eq!(reader_doc(&s, 0), first.doc as usize);
    act(&mut s, &c, Action::Down);
    assert_eq!(s.search().unwrap().selected, 1);
    act(&mut s, &c, Action::Close);
    assert!(s.search().is_none());
    assert_eq!(s.focus(), Focus::List);
    assert_eq!(reader_doc(&s, 0), 0);
    assert_eq!(s.readers[0].top, start);
    // Enter opens the result at its reference, and back returns.
    act(&mut s, &c, Action::SearchBar);
    type_text(&mut s, &c, "ctoccop2012");
    answer(&mut s, &c, "ctoccop2012");
    let first = s.search().unwrap().results[0];
    act(&mut s, &c, Action::Open);
    assert!(s.search().is_none());
    assert_eq!(s.focus(), Focus::Reader(0));
    let r = &s.readers[0];
    let d = &c.documents()[r.doc];
    assert_eq!(r.doc, first.doc as usize);
    assert!(
        d.references[r.current_ref.unwrap()]
            .key
            .starts_with("symbol:CTOC/COP/2012")
    );
    act(&mut s, &c, Action::Back);
    assert_eq!((reader_doc(&s, 0), s.readers[0].top), (0, start));
    assert_eq!(s.focus(), Focus::List);
}

#[test]
fn highlights_are_computed_when_results_arrive_and_as_they_scroll() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::SearchBar);
    type_text(&mut s, &c, "e");
    answer(&mut s, &c, "e");
    let search = s.search().unwrap();
    let n = search.results.len();
    assert!(n > 100, "{n}");
    assert_eq!(search.highlights.len(), n);
    assert!(search.highlights[0].as_ref().is_some_and(|p| !p.is_empty()));
    assert!(
        search.highlights[n - 1].is_none(),
        "far results wait until shown"
    );
    act(&mut s, &c, Action::Bottom);
    let search = s.search().unwrap();
    assert!(
        search.highlights[n - 1]
            .as_ref()
            .is_some_and(|p| !p.is_empty())
    );
}

#[test]
fn search_bar_editing() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::SearchBar);
    type_text(&mut s, &c, "traite des");
    act(&mut s, &c, Action::DeleteChar);
    assert_eq!(s.search().unwrap().input, "traite de");
    act(&mut s, &c, Action::DeleteWord);
    assert_eq!(s.search().unwrap().input, "traite ");
    act(&mut s, &c, Action::CursorLeft);
    type_text(&mut s, &c, "s");
    assert_eq!(s.search().unwrap().input, "traites ");
    let fx = act(&mut s, &c, Action::ClearQuery);
    assert_eq!(fx, vec![Effect::Query(String::new())]);
    // q is typed, not a quit, in the search bar.
    type_text(&mut s, &c, "q");
    assert!(!s.quit);
    assert_eq!(s.search().unwrap().input, "q");
}

#[test]
fn find_in_document_folds_ligatures_like_the_search_bar() {
    let (c, mut s) = setup();
    let d = doc(&c, "002");
    let k = s.list.order.iter().position(|&x| x as usize == d).unwrap();
    for _ in 0..k {
        act(&mut s, &c, Action::Down);
    }
    act(&mut s, &c, Action::Open);
    act(&mut s, &c, Action::Find);
    type_text(&mut s, &c, "oeuvre");
    let f = s.readers[0].find.clone().unwrap();
    assert_eq!(f.hits.len(), 1, "“oeuvre” finds “œuvre”");
    let text = &c.documents()[d].text;
    let (a, b) = f.hits[0];
    assert_eq!(&text[a as usize..b as usize], "œuvre");
}

#[test]
fn find_in_document_counts_and_moves() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::FocusNext);
    act(&mut s, &c, Action::Find);
    assert_eq!(s.focus(), Focus::Find);
    type_text(&mut s, &c, "traite");
    act(&mut s, &c, Action::Open);
    assert_eq!(s.focus(), Focus::Reader(0));
    let d = &c.documents()[0];
    let expected = dossier::app::find::find_all(&d.text, "traite").len();
    let f = s.readers[0].find.clone().unwrap();
    assert!(expected > 2);
    assert_eq!(f.hits.len(), expected);
    act(&mut s, &c, Action::FindNext);
    assert_eq!(
        s.readers[0].find.as_ref().unwrap().current,
        (f.current + 1) % expected
    );
    act(&mut s, &c, Action::FindPrev);
    act(&mut s, &c, Action::FindPrev);
    assert_eq!(
        s.readers[0].find.as_ref().unwrap().current,
        (f.current + expected - 1) % expected
    );
    act(&mut s, &c, Action::Close);
    assert!(s.readers[0].find.is_none());
}

#[test]
fn help_closes_with_esc_or_help_and_quit_quits_from_it() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::Help);
    assert_eq!(s.focus(), Focus::Help);
    act(&mut s, &c, Action::Close);
    assert_eq!(s.focus(), Focus::List);
    assert!(s.help().is_none());
    act(&mut s, &c, Action::Help);
    act(&mut s, &c, Action::Help);
    assert!(s.help().is_none(), "? toggles the help");
    assert!(!s.quit);
    act(&mut s, &c, Action::Help);
    act(&mut s, &c, Action::Quit);
    assert!(
        s.quit,
        "quit quits from the help too (q itself closes the help: issue 10)"
    );
}

#[test]
fn narrow_terminals_hide_the_list_and_a_key_brings_it_back() {
    let (c, mut s) = setup();
    update(&mut s, Msg::Resize(50, 20), &c);
    assert!(!s.list_shown());
    act(&mut s, &c, Action::ToggleList);
    assert_eq!(s.list_visibility, ListVisibility::Shown);
    assert_eq!(s.focus(), Focus::List);
    act(&mut s, &c, Action::Down);
    act(&mut s, &c, Action::Open);
    assert_eq!(s.focus(), Focus::Reader(0));
    assert!(!s.list_shown());
}

#[test]
fn resize_keeps_the_position() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::FocusNext);
    for _ in 0..12 {
        act(&mut s, &c, Action::Down);
    }
    let d = &c.documents()[0];
    let line = s.readers[0].top_line(d);
    update(&mut s, Msg::Resize(60, 20), &c);
    // Wide but not so tall that the whole document fits (the last page stays full).
    update(&mut s, Msg::Resize(140, 30), &c);
    assert_eq!(s.readers[0].top_line(d), line);
    update(&mut s, Msg::Resize(10, 5), &c);
    act(&mut s, &c, Action::Down);
}

#[test]
fn agenda_item_jumps_to_the_item_when_the_agenda_is_in_the_corpus() {
    use dossier::model::parse::parse_document;
    let bundled = load_bundled();
    let report = &bundled.documents()[doc(&bundled, "000")];
    let agenda = &bundled.documents()[doc(&bundled, "002")];
    let agenda_text = format!("---\nsymbol: CTOC/COP/2012/1\n---\n{}", agenda.text);
    let c = Corpus::new(
        vec![
            parse_document(
                "report".into(),
                "report.txt".into(),
                report.text.clone(),
                "UTF-8",
            ),
            parse_document("agenda".into(), "agenda.txt".into(), agenda_text, "UTF-8"),
        ],
        Vec::new(),
    );
    let a = &c.documents()[1];
    assert_eq!(a.meta.symbol.as_deref(), Some("CTOC/COP/2012/1"));
    let item2 = a
        .agenda
        .as_ref()
        .unwrap()
        .items
        .iter()
        .find(|i| i.number == "2")
        .unwrap();
    let line = item2.annotation_line.unwrap_or(item2.line);
    let mut s = State::new(&c, (100, 30), &dossier::input::config::Config::default());
    act(&mut s, &c, Action::FocusNext);
    act(&mut s, &c, Action::AgendaItem);
    assert_eq!(reader_doc(&s, 0), 1, "{:?}", s.message);
    let r = &s.readers[0];
    let top = r.top_line(a);
    assert!(
        top <= line && line - top <= 3,
        "item line {line}, top {top}"
    );
    // From the agenda, `a` says what to do instead; back returns to the report.
    act(&mut s, &c, Action::AgendaItem);
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("this is an agenda")
    );
    act(&mut s, &c, Action::Back);
    assert_eq!(reader_doc(&s, 0), 0);
    // A symbol reference to the agenda opens it.
    select_reference(&mut s, &c, "symbol:CTOC/COP/2012/1");
    act(&mut s, &c, Action::Open);
    assert_eq!(reader_doc(&s, 0), 1);
}

#[test]
fn skipped_files_are_counted_and_listed_in_a_popup() {
    use dossier::app::help::HelpPage;
    use dossier::model::load::{LoadProblem, SkipReason};
    let (c, mut s) = setup();
    act(&mut s, &c, Action::Problems);
    assert!(s.help().is_none());
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("no file was skipped")
    );
    let problem = |p: &str| LoadProblem {
        path: p.into(),
        reason: SkipReason::Binary("binary file (NUL bytes)".into()),
    };
    update(
        &mut s,
        Msg::Skipped((0..40).map(|i| problem(&format!("dl/x{i}.pdf"))).collect()),
        &c,
    );
    update(&mut s, Msg::Skipped(vec![problem("dl/\u{1b}[2J.bin")]), &c);
    update(&mut s, Msg::Loaded(None), &c);
    let m = s.message.clone().unwrap();
    assert!(m.warn && m.text.contains("41 files skipped"), "{}", m.text);
    act(&mut s, &c, Action::Problems);
    assert_eq!(
        (s.focus(), s.help().unwrap().page),
        (Focus::Help, HelpPage::Problems)
    );
    assert_eq!(s.problems.len(), 41);
    assert_eq!(s.problems[40].1, "dl/␛[2J.bin", "paths are made inert");
    act(&mut s, &c, Action::Bottom);
    let end = s.help().unwrap().scroll;
    assert!(end > 0 && end < 41, "{end}");
    act(&mut s, &c, Action::Down);
    assert_eq!(s.help().map(|h| h.scroll), Some(end));
    act(&mut s, &c, Action::Help);
    assert!(s.help().is_none(), "? closes it, as the status line says");
    assert_eq!(s.focus(), Focus::List);
    act(&mut s, &c, Action::Help);
    act(&mut s, &c, Action::Problems);
    assert_eq!(
        s.help().unwrap().page,
        HelpPage::Problems,
        "! from the keys shows the files"
    );
    act(&mut s, &c, Action::Close);
    assert!(s.help().is_none());
    assert_eq!(s.focus(), Focus::List);
}

#[test]
fn documents_arriving_while_reading_join_the_list() {
    use dossier::app::state::Loading;
    let bundled = load_bundled();
    let mut c = Corpus::default();
    let mut s = State::new(&c, (100, 30), &dossier::input::config::Config::default());
    assert!(s.readers.is_empty());
    act(&mut s, &c, Action::Sort);
    let progress = |done| Loading {
        done,
        total: 5,
        skipped: 0,
        pages: 0,
        eta_secs: None,
    };
    let mut docs: Vec<_> = bundled.documents().to_vec();
    let rest = docs.split_off(2);
    c.extend(docs);
    update(&mut s, Msg::Loaded(Some(progress(2))), &c);
    assert_eq!(s.list.order.len(), 2);
    assert_eq!(s.readers.len(), 1, "the first document opens at once");
    assert_eq!(s.loading, Some(progress(2)));
    act(&mut s, &c, Action::Down);
    let selected = s.selected_doc();
    c.extend(rest);
    update(&mut s, Msg::Loaded(Some(progress(5))), &c);
    update(&mut s, Msg::Loaded(None), &c);
    assert!(s.loading.is_none());
    assert_eq!(s.list.order.len(), 5);
    assert_eq!(
        s.selected_doc(),
        selected,
        "the selection stays on its document"
    );
    let dates: Vec<_> = s
        .list
        .order
        .iter()
        .filter_map(|&d| c.documents()[d as usize].meta.date.clone())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(
        dates, sorted,
        "the chosen order is applied once all are read"
    );
}

#[test]
fn help_scrolls_to_its_end_and_no_further() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::Help);
    act(&mut s, &c, Action::Bottom);
    let end = s.help().unwrap().scroll;
    assert!(end > 10, "the help is longer than a screen");
    act(&mut s, &c, Action::Down);
    assert_eq!(s.help().map(|h| h.scroll), Some(end));
    act(&mut s, &c, Action::Up);
    assert_eq!(
        s.help().map(|h| h.scroll),
        Some(end - 1),
        "one key up moves up at once"
    );
}

#[test]
fn the_wheel_scrolls_the_help_to_its_end_and_no_further() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::Help);
    act(&mut s, &c, Action::Bottom);
    let end = s.help().unwrap().scroll;
    act(&mut s, &c, Action::Top);
    for _ in 0..200 {
        update(&mut s, Msg::Wheel(50, 15, true), &c);
    }
    assert_eq!(
        s.help().map(|h| h.scroll),
        Some(end),
        "the wheel stops where Bottom does"
    );
    update(&mut s, Msg::Wheel(50, 15, false), &c);
    assert_eq!(
        s.help().map(|h| h.scroll),
        Some(end - 3),
        "and the first turn back moves at once"
    );
}

#[test]
fn tab_cycles_through_the_open_backlinks_pane_too() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::FocusNext);
    select_reference(&mut s, &c, "decision:CTOC/COP:4/4");
    act(&mut s, &c, Action::Backlinks);
    assert_eq!(s.focus(), Focus::Backlinks);
    act(&mut s, &c, Action::FocusNext);
    assert_eq!(s.focus(), Focus::List);
    act(&mut s, &c, Action::FocusNext);
    assert_eq!(s.focus(), Focus::Reader(0));
    act(&mut s, &c, Action::FocusNext);
    assert_eq!(s.focus(), Focus::Backlinks);
    act(&mut s, &c, Action::FocusPrev);
    assert_eq!(s.focus(), Focus::Reader(0));
    assert!(s.backlinks.is_some(), "still open");
    act(&mut s, &c, Action::FocusPrev);
    act(&mut s, &c, Action::FocusPrev);
    assert_eq!(s.focus(), Focus::Backlinks);
    act(&mut s, &c, Action::Close);
    assert!(s.backlinks.is_none());
    assert!(matches!(s.focus(), Focus::Reader(0) | Focus::List));
}

#[test]
fn opening_the_search_bar_keeps_the_document_in_view_until_something_is_typed() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::Down);
    act(&mut s, &c, Action::Down);
    act(&mut s, &c, Action::Open);
    for _ in 0..5 {
        act(&mut s, &c, Action::Down);
    }
    let before = (reader_doc(&s, 0), s.readers[0].top, s.readers[0].row);
    act(&mut s, &c, Action::SearchBar);
    answer(&mut s, &c, "");
    assert!(!s.search().unwrap().results.is_empty());
    assert_eq!(
        (reader_doc(&s, 0), s.readers[0].top, s.readers[0].row),
        before
    );
    type_text(&mut s, &c, "x\u{1b}\u{8}");
    assert_eq!(
        s.search().unwrap().input,
        "x",
        "control characters are not typed"
    );
    act(&mut s, &c, Action::DeleteChar);
    answer(&mut s, &c, "");
    assert_eq!(
        (reader_doc(&s, 0), s.readers[0].top, s.readers[0].row),
        before
    );
}

#[test]
fn a_url_is_shown_on_enter_and_opened_only_on_its_key() {
    let (c, mut s) = setup();
    let with_url = doc(&c, "003");
    for _ in 0..with_url {
        act(&mut s, &c, Action::Down);
    }
    act(&mut s, &c, Action::Open);
    let url =
        "http://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-trafficking-jan-2010.html";
    select_reference(&mut s, &c, &format!("url:{url}"));
    let fx = act(&mut s, &c, Action::Open);
    assert!(fx.is_empty(), "Enter opens nothing");
    assert!(s.message.as_ref().unwrap().text.contains(url));
    let fx = act(&mut s, &c, Action::OpenUrl);
    assert_eq!(fx, vec![Effect::OpenUrl(url.to_string())]);
    let fx = act(&mut s, &c, Action::Copy);
    assert_eq!(fx, vec![Effect::Copy(url.to_string())]);
    // Not on another kind of reference, which copies as written.
    act(&mut s, &c, Action::PrevReference);
    let fx = act(&mut s, &c, Action::OpenUrl);
    assert!(fx.is_empty());
    let fx = act(&mut s, &c, Action::Copy);
    assert_eq!(
        fx,
        vec![Effect::Copy("par. 2 de l'article 14 du Protocole".into())]
    );
}

#[test]
fn the_search_bar_opened_over_help_closes_it_and_esc_returns_to_the_pane() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::FocusNext);
    act(&mut s, &c, Action::Help);
    act(&mut s, &c, Action::SearchBar);
    assert!(s.help().is_none());
    assert_eq!(s.focus(), Focus::Search);
    act(&mut s, &c, Action::Close);
    assert_eq!(s.focus(), Focus::Reader(0));
}

/// The sequence a property test found at random: the list hidden while a
/// reference is selected changed the reader's width, and the row it was
/// scrolled to no longer existed (`attempt to subtract with overflow`).
#[test]
fn regression_toggling_the_list_between_two_reference_steps() {
    let (c, mut s) = setup();
    for a in [
        Action::Open,
        Action::NextReference,
        Action::ToggleList,
        Action::NextReference,
    ] {
        act(&mut s, &c, a);
    }
    assert!(s.readers[0].current_ref.is_some());
}

#[test]
fn esc_h_and_left_in_a_reader_go_back_to_the_list_or_close_the_second_reader() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::Open);
    assert_eq!(s.focus(), Focus::Reader(0));
    act(&mut s, &c, Action::Leave);
    assert_eq!(s.focus(), Focus::List);
    act(&mut s, &c, Action::Down);
    act(&mut s, &c, Action::SideBySide);
    assert_eq!((s.readers.len(), s.focus()), (2, Focus::Reader(1)));
    act(&mut s, &c, Action::Leave);
    assert_eq!(s.readers.len(), 1, "the second reader closes");
    assert_eq!(s.focus(), Focus::Reader(0));
    act(&mut s, &c, Action::Leave);
    assert_eq!(s.focus(), Focus::List);
}

#[test]
fn q_closes_a_popup_and_quits_only_from_a_pane() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let (c, mut s) = setup();
    let keymap = dossier::input::config::Config::default().keymap;
    let press = |s: &mut State, code: KeyCode| {
        let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(m) = dossier::input::translate(&ev, s.focus(), &keymap) {
            update(s, m, &c);
        }
    };
    act(&mut s, &c, Action::Open);
    act(&mut s, &c, Action::Help);
    press(&mut s, KeyCode::Char('q'));
    assert!(!s.quit && s.help().is_none());
    assert_eq!(s.focus(), Focus::Reader(0), "back to the layer below");
    act(&mut s, &c, Action::Help);
    press(&mut s, KeyCode::Esc);
    assert!(s.help().is_none());
    act(&mut s, &c, Action::Outline);
    assert_eq!(s.focus(), Focus::Outline);
    press(&mut s, KeyCode::Char('q'));
    assert!(!s.quit && s.outline().is_none());
    act(&mut s, &c, Action::Help);
    act(&mut s, &c, Action::Quit);
    assert!(s.quit, "Ctrl-C (quit) quits from anywhere");
}

#[test]
fn an_unbound_key_says_so() {
    let (c, mut s) = setup();
    update(&mut s, Msg::Unbound(":".into()), &c);
    let m = s.message.clone().unwrap();
    assert!(m.text.starts_with(": does nothing here"), "{}", m.text);
    assert!(m.text.contains('?'), "names the help key: {}", m.text);
}

#[test]
fn typing_in_the_list_filter_narrows_it_and_esc_clears_it() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::Filter);
    assert_eq!(s.focus(), Focus::Filter);
    type_text(&mut s, &c, "rapport");
    assert_eq!(s.focus(), Focus::Filter, "typing fires no command");
    assert_eq!(s.list.filter, "rapport");
    let n = s.list.order.len();
    assert!(n >= 1 && n < c.len(), "{n} of {}", c.len());
    assert_eq!(
        reader_doc(&s, 0),
        s.selected_doc().unwrap(),
        "the first match is shown"
    );
    act(&mut s, &c, Action::DeleteWord);
    assert_eq!(s.list.order.len(), c.len());
    type_text(&mut s, &c, "RAPPORT");
    assert_eq!(s.list.order.len(), n, "case and accents do not matter");
    act(&mut s, &c, Action::Open);
    assert_eq!(s.focus(), Focus::List, "Enter keeps the filter");
    assert_eq!(s.list.order.len(), n);
    act(&mut s, &c, Action::Close);
    assert!(s.list.filter.is_empty(), "Esc in the list clears it");
    assert_eq!(s.list.order.len(), c.len());
    act(&mut s, &c, Action::Filter);
    type_text(&mut s, &c, "zzzz");
    assert!(s.list.order.is_empty());
    act(&mut s, &c, Action::Close);
    assert_eq!((s.focus(), s.list.order.len()), (Focus::List, c.len()));
}

#[test]
fn space_goes_to_what_is_read() {
    let corpus = load_bundled();
    let config = dossier::input::config::Config::default();
    let mut s = State::new(&corpus, (200, 40), &config);
    let list_browsing = s.layout.list.unwrap().width;
    act(&mut s, &corpus, Action::Open);
    let list_reading = s.layout.list.unwrap().width;
    assert!(
        list_reading < list_browsing,
        "{list_reading} < {list_browsing}"
    );
    let text = s.layout.readers[0].text;
    assert!(text.width <= config.reader_width, "{}", text.width);
    let outer = s.layout.readers[0].outer;
    assert!(text.x > outer.x + 1, "the measure is centred in the pane");
}

#[test]
fn backlinks_step_through_citing_places_and_back_restores_the_pane() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::FocusNext);
    select_reference(&mut s, &c, "decision:CTOC/COP:4/4");
    act(&mut s, &c, Action::Backlinks);
    let n = s.backlinks.as_ref().unwrap().items.len();
    assert!(n >= 3, "{n}");
    let first = s.backlinks.as_ref().unwrap().selected;
    act(&mut s, &c, Action::NextCitation);
    let b = s.backlinks.as_ref().expect("the pane stays open");
    assert_eq!(b.selected, (first + 1) % n);
    let cited = b.items[b.selected];
    assert_eq!(reader_doc(&s, 0), cited.doc);
    assert_eq!(s.readers[0].current_ref, Some(cited.reference));
    act(&mut s, &c, Action::NextCitation);
    act(&mut s, &c, Action::PrevCitation);
    assert_eq!(s.backlinks.as_ref().unwrap().selected, (first + 1) % n);
    // Open one (the pane closes), then come back: pane and selection return.
    act(&mut s, &c, Action::FocusNext);
    let before = s.backlinks.as_ref().unwrap().selected;
    for _ in 0..20 {
        if s.focus() == Focus::Backlinks {
            break;
        }
        act(&mut s, &c, Action::FocusNext);
    }
    act(&mut s, &c, Action::Open);
    assert!(s.backlinks.is_none());
    act(&mut s, &c, Action::Back);
    let b = s.backlinks.as_ref().expect("back restores the pane");
    assert_eq!(b.selected, before);
    assert_eq!(b.key, "decision:CTOC/COP:4/4");
}

#[test]
fn messages_name_the_keys_the_keymap_binds() {
    let corpus = load_bundled();
    let config = dossier::input::config::from_text(
        "[keys.reader]\nx = \"next_reference\"\n\"]\" = \"none\"\n",
    );
    let mut s = State::new(&corpus, (100, 30), &config);
    act(&mut s, &corpus, Action::Open);
    act(&mut s, &corpus, Action::Open);
    let m = s.message.clone().unwrap().text;
    assert!(m.contains("x and ["), "{m}");
}

#[test]
fn a_cleaned_document_shows_its_raw_text_on_a_key_and_back() {
    use dossier::model::parse::parse_document;
    let paged = "United Nations\nA/RES/79/1\n\n24-23070 (E)\n*2423070*\n\nThe General Assembly,\n\nRecalling its resolution 78/1 of 1 January 2024,\n\n1. Decides to\ncontinue;\n\u{c}\nA/RES/79/1\n\n24-23070 2/2\n\n2. Requests the report;\n";
    let c = Corpus::new(
        vec![parse_document(
            "r".into(),
            "r.txt".into(),
            paged.into(),
            "UTF-8",
        )],
        Vec::new(),
    );
    let d = &c.documents()[0];
    assert!(!d.text.contains("24-23070"), "{}", d.text);
    assert!(d.text.contains("1. Decides to continue;"), "{}", d.text);
    assert_eq!(d.pages.len(), 2);
    let mut s = State::new(&c, (100, 30), &dossier::input::config::Config::default());
    act(&mut s, &c, Action::Open);
    act(&mut s, &c, Action::ToggleRaw);
    let raw = s.readers[0].shown(&c).unwrap();
    assert!(raw.text.contains("24-23070 (E)"));
    assert!(s.message.as_ref().unwrap().text.contains("as decoded"));
    act(&mut s, &c, Action::ToggleRaw);
    assert!(s.readers[0].raw.is_none());
    assert!(!s.readers[0].shown(&c).unwrap().text.contains("24-23070"));
    // The bundled documents need no cleaning.
    let (b, mut s) = setup();
    act(&mut s, &b, Action::Open);
    act(&mut s, &b, Action::ToggleRaw);
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("needed no cleaning")
    );
}

#[test]
fn the_footnote_key_opens_the_note_of_a_mark_on_screen_then_the_next() {
    use dossier::app::help::HelpPage;
    use dossier::model::parse::parse_document;
    let paged = "United Nations\nA/RES/79/2\n\n24-23071 (E)\n\nThe General Assembly,\n\nRecalling the Convention,1 and the Protocol,2\n\n1. Decides to act;\n\n__________\n1 United Nations, Treaty Series, vol. 2225.\n2 Ibid., vol. 2237.\n";
    let c = Corpus::new(
        vec![parse_document(
            "n".into(),
            "n.txt".into(),
            paged.into(),
            "UTF-8",
        )],
        Vec::new(),
    );
    assert!(
        c.documents()[0]
            .text
            .contains("Convention,¹ and the Protocol,²"),
        "{}",
        c.documents()[0].text
    );
    let mut s = State::new(&c, (100, 30), &dossier::input::config::Config::default());
    act(&mut s, &c, Action::Open);
    act(&mut s, &c, Action::Footnote);
    assert_eq!(s.help().map(|h| h.page), Some(HelpPage::Note));
    assert_eq!(s.note[0].1, "United Nations, Treaty Series, vol. 2225.");
    act(&mut s, &c, Action::Footnote);
    assert_eq!(s.note[0].1, "Ibid., vol. 2237.", "the next mark");
    act(&mut s, &c, Action::Close);
    assert_eq!(s.focus(), Focus::Reader(0));
}

/// A layout rendering is shown as printed: whole width, unwrapped, scrolled sideways.
#[test]
fn a_layout_rendering_scrolls_sideways_and_wrapped_text_says_it_need_not() {
    let path = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/layout/A_RES_80_174.layout.txt"
    ));
    let c = dossier::model::load_paths(&[path], &|_| {});
    let mut s = State::new(&c, (80, 30), &dossier::input::config::Config::default());
    act(&mut s, &c, Action::Open);
    assert!(s.readers[0].segs.unwrapped());
    act(&mut s, &c, Action::ScrollRight);
    let left = s.readers[0].left;
    assert!(left > 0, "scrolled right");
    act(&mut s, &c, Action::ScrollRight);
    act(&mut s, &c, Action::ScrollRight);
    act(&mut s, &c, Action::ScrollRight);
    let most = s.readers[0].left;
    assert!(most < 200, "stops near the widest line on screen: {most}");
    for _ in 0..10 {
        act(&mut s, &c, Action::ScrollLeft);
    }
    assert_eq!(s.readers[0].left, 0);

    let (c, mut s) = setup();
    act(&mut s, &c, Action::Open);
    act(&mut s, &c, Action::ScrollRight);
    assert_eq!(s.readers[0].left, 0);
    assert!(
        s.message
            .as_ref()
            .is_some_and(|m| m.text.contains("nothing to scroll sideways")),
        "{:?}",
        s.message
    );
}

/// The language versions fixture (two HRC documents, en+fr and en+ru) in a
/// terminal of `size`, the first document open in the reader.
fn versions(size: (u16, u16)) -> (Corpus, State) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/versions");
    let c = dossier::model::load_paths(&[std::path::PathBuf::from(dir)], &|_| {});
    let s = State::new(&c, size, &dossier::input::config::Config::default());
    (c, s)
}

/// Opens the list row of document `id` in the reader.
fn open_id(s: &mut State, c: &Corpus, id: &str) {
    act(s, c, Action::Top);
    for _ in 0..c.len() {
        if s.selected_doc().is_some_and(|d| c.documents()[d].id == id) {
            act(s, c, Action::Open);
            return;
        }
        act(s, c, Action::Down);
    }
    panic!("no row {id}");
}

/// The text row of reader `i` where pair `pair` starts on its side (`None`
/// when the pair has no paragraph there).
fn pair_row(s: &State, c: &Corpus, i: usize, pair: usize) -> Option<isize> {
    let al = s.aligned.as_ref().unwrap();
    let span = al.map.span(pair, i)?;
    let r = &s.readers[i];
    let d = &c.documents()[r.doc];
    let v = s.layout.viewport(i);
    let at = r.pos_of_line(d, d.paragraphs[span.start].start_line, v.0);
    Some(r.rows_between(d, (r.top, r.row), at, 10_000, v.0))
}

#[test]
fn the_other_language_opens_beside_aligned_and_steps_pair_by_pair() {
    let (c, mut s) = versions((160, 45));
    open_id(&mut s, &c, "ohchr_2_en");
    let en = reader_doc(&s, 0);
    assert_eq!(c.documents()[en].id, "ohchr_2_en");
    act(&mut s, &c, Action::LanguageBeside);
    assert_eq!(s.readers.len(), 2);
    assert_eq!(c.documents()[reader_doc(&s, 1)].id, "ohchr_2_fr");
    assert_eq!(s.focus(), Focus::Reader(0), "focus stays with the original");
    let msg = &s.message.as_ref().unwrap().text;
    assert!(msg.contains("fr beside en") && msg.contains("J K"), "{msg}");
    let al = s.aligned.as_ref().unwrap();
    assert_eq!(al.docs, [en, reader_doc(&s, 1)]);
    assert!(s.sync_scroll);
    assert!(s.layout.readers.iter().all(|r| r.gutter.width == 2));
    let pairs = al.map.pairs.len();
    assert!(pairs > 100, "{pairs}");
    // J steps pair by pair; each pair starts on the reading row on both sides.
    let reading = dossier::app::aligned::reading_row(s.layout.viewport(0).1) as isize;
    let mut ghosts = 0;
    for k in 1..80 {
        act(&mut s, &c, Action::NextParagraph);
        let al = s.aligned.as_ref().unwrap();
        assert_eq!(al.current, k);
        match (pair_row(&s, &c, 0, k), pair_row(&s, &c, 1, k)) {
            (Some(a), Some(b)) => {
                assert_eq!(a, reading, "pair {k}");
                assert_eq!(b, reading, "pair {k}");
                assert!(al.ghost.is_none());
            }
            (Some(a), None) | (None, Some(a)) => {
                assert_eq!(a, reading, "pair {k}");
                let g = al
                    .ghost
                    .expect("a ghost row where the pair has no paragraph");
                let lacking = usize::from(pair_row(&s, &c, 1, k).is_none());
                assert_eq!((g.reader, g.row as isize), (lacking, reading), "pair {k}");
                ghosts += 1;
            }
            (None, None) => panic!("an empty pair"),
        }
    }
    assert!(
        ghosts > 0,
        "the English PDF fuses headings the French keeps apart"
    );
    // K goes back.
    act(&mut s, &c, Action::PrevParagraph);
    assert_eq!(s.aligned.as_ref().unwrap().current, 78);
    // Scrolling: the pair read is the one at the reading row, its counterpart beside it.
    for _ in 0..30 {
        act(&mut s, &c, Action::Down);
        let al = s.aligned.as_ref().unwrap();
        let k = al.current;
        let a = pair_row(&s, &c, 0, k).unwrap();
        // The pair read holds the reading row, or starts just below it.
        assert!(a <= reading + 1, "pair {k} starts at row {a}");
        if a >= 0 {
            if let Some(b) = pair_row(&s, &c, 1, k) {
                assert_eq!(a, b, "pair {k} at the same row on both sides");
            }
        }
    }
    // The other reader drives when it has focus; the pair read stays when swapped.
    act(&mut s, &c, Action::FocusNext);
    assert_eq!(s.focus(), Focus::Reader(1));
    act(&mut s, &c, Action::PageDown);
    let k = s.aligned.as_ref().unwrap().current;
    let map = std::sync::Arc::clone(&s.aligned.as_ref().unwrap().map);
    act(&mut s, &c, Action::Swap);
    let al = s.aligned.as_ref().unwrap();
    assert_eq!(al.current, k);
    assert_eq!(al.map.pairs.len(), map.pairs.len());
    assert_eq!(al.map.span(k, 0), map.span(k, 1), "the sides exchanged");
    // Closing one reader ends the alignment and its gutter.
    act(&mut s, &c, Action::CloseReader);
    assert!(s.aligned.is_none());
    assert_eq!(s.layout.readers[0].gutter.width, 0);
}

#[test]
fn two_language_versions_side_by_side_align_however_they_were_opened() {
    let (c, mut s) = versions((120, 40));
    open_id(&mut s, &c, "ohchr_1_en");
    assert_eq!(c.documents()[reader_doc(&s, 0)].id, "ohchr_1_en");
    // The same document beside itself: not aligned.
    act(&mut s, &c, Action::SideBySide);
    assert_eq!(s.readers.len(), 2);
    assert!(s.aligned.is_none());
    // Its Russian version in the second reader: aligned, and said so.
    act(&mut s, &c, Action::Language);
    assert_eq!(c.documents()[reader_doc(&s, 1)].id, "ohchr_1_ru");
    assert!(s.aligned.is_some());
    // Scrolling separately, then together again.
    act(&mut s, &c, Action::SyncScroll);
    assert!(!s.sync_scroll);
    let other = (s.readers[0].top, s.readers[0].row);
    act(&mut s, &c, Action::PageDown);
    assert_eq!((s.readers[0].top, s.readers[0].row), other, "apart");
    act(&mut s, &c, Action::SyncScroll);
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("aligned paragraph")
    );
    let k = s.aligned.as_ref().unwrap().current;
    let (a, b) = (pair_row(&s, &c, 1, k), pair_row(&s, &c, 0, k));
    if let (Some(a), Some(b)) = (a, b) {
        if a >= 0 {
            assert_eq!(a, b);
        }
    }
    // The raw view has no paragraphs to align.
    act(&mut s, &c, Action::ToggleRaw);
    assert!(s.aligned.is_none());
    act(&mut s, &c, Action::ToggleRaw);
    assert!(s.aligned.is_some());
}

#[test]
fn one_reader_steps_paragraph_by_paragraph_and_one_language_says_so() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::Open);
    let d = &c.documents()[reader_doc(&s, 0)];
    let v = s.layout.viewport(0);
    let reading = dossier::app::aligned::reading_row(v.1);
    let mut last = 0;
    for _ in 0..5 {
        act(&mut s, &c, Action::NextParagraph);
        let r = &s.readers[0];
        let at = r.forward(d, (r.top, r.row), reading, v.0);
        let line = d.lines.line_of(r.segs.range(at.0).start);
        let p = d.paragraphs.iter().position(|p| p.start_line == line);
        let p = p.expect("a paragraph starts on the reading row");
        assert!(p > last || last == 0, "{p} after {last}");
        last = p;
    }
    act(&mut s, &c, Action::PrevParagraph);
    act(&mut s, &c, Action::LanguageBeside);
    assert_eq!(s.readers.len(), 1);
    assert!(s.message.as_ref().unwrap().text.contains("only here"));
}

#[test]
fn the_list_comes_back_from_the_search_bar_as_it_was() {
    let (c, mut s) = setup();
    act(&mut s, &c, Action::Down);
    act(&mut s, &c, Action::Down);
    assert_eq!((s.list.selected, s.list.offset), (2, 0));
    // The results take the list's place while the bar is open; the list,
    // not shown, keeps its scroll.
    act(&mut s, &c, Action::SearchBar);
    type_text(&mut s, &c, "trafic");
    answer(&mut s, &c, "trafic");
    act(&mut s, &c, Action::Close);
    assert_eq!(s.focus(), Focus::List);
    assert_eq!(
        (s.list.selected, s.list.offset),
        (2, 0),
        "every row fits: none is hidden above"
    );
}
