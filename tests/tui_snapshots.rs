//! Rendering snapshots of the explorer on a fixed-size `TestBackend`, at
//! 100×30 and 60×20. The `.snap` files under `tests/snapshots/` are the
//! reviewed screens; a change in rendering fails here until reviewed.

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

use dossier::app::state::State;
use dossier::app::{Action, Found, Msg, update};
use dossier::input::config::Config;
use dossier::model::{Corpus, load_bundled};
use dossier::search::{CandidateSet, Scope, Searcher};
use dossier::ui::theme::Theme;
use dossier::ui::{View, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::sync::Arc;

const SIZES: [(u16, u16); 2] = [(100, 30), (60, 20)];

fn render(state: &State, corpus: &Corpus, theme: &Theme) -> Buffer {
    let config = Config::default();
    let mut t = Terminal::new(TestBackend::new(state.size.0, state.size.1)).unwrap();
    t.draw(|f| {
        draw(
            f,
            &View {
                state,
                corpus,
                keymap: &config.keymap,
                theme,
            },
        )
    })
    .unwrap();
    t.backend().buffer().clone()
}

/// The buffer as text, one line per row.
fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push('\n');
    }
    out
}

/// The buffer's text modifiers, one character per cell: `.` none, `r`
/// reversed, `b` bold, `u` underlined, `R` reversed+bold, `U` underlined+bold,
/// `X` reversed+underlined(+bold), `i` italic only.
fn modifiers(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let m = buf[(x, y)].modifier;
            let (r, b, u) = (
                m.contains(Modifier::REVERSED),
                m.contains(Modifier::BOLD),
                m.contains(Modifier::UNDERLINED),
            );
            out.push(match (r, b, u) {
                (true, _, true) => 'X',
                (true, true, false) => 'R',
                (true, false, false) => 'r',
                (false, true, true) => 'U',
                (false, false, true) => 'u',
                (false, true, false) => 'b',
                _ if m.contains(Modifier::ITALIC) => 'i',
                _ => '.',
            });
        }
        out.push('\n');
    }
    out
}

fn act(s: &mut State, c: &Corpus, actions: &[Action]) {
    for &a in actions {
        update(s, Msg::Action(a), c);
    }
}

fn search(s: &mut State, c: &Corpus, q: &str) {
    act(s, c, &[Action::SearchBar]);
    for ch in q.chars() {
        update(s, Msg::Char(ch), c);
    }
    let set = Arc::new(CandidateSet::build(c, Scope::ALL));
    let searcher = Searcher::spawn(Arc::clone(&set));
    let g = searcher.query(q, 1000);
    let r = searcher.wait_for(g).unwrap();
    update(s, Msg::Results(Found::new(r, &set)), c);
}

fn select_reference(s: &mut State, c: &Corpus, key: &str) {
    for _ in 0..50 {
        act(s, c, &[Action::NextReference]);
        let r = &s.readers[0];
        if r.current_ref
            .is_some_and(|k| c.documents()[r.doc].references[k].key == key)
        {
            return;
        }
    }
    panic!("no {key}");
}

fn doc(c: &Corpus, prefix: &str) -> usize {
    c.documents()
        .iter()
        .position(|d| d.id.starts_with(prefix))
        .unwrap()
}

/// Snapshots the screen `scenario` builds, at both sizes.
fn snap(name: &str, scenario: impl Fn(&mut State, &Corpus)) {
    let corpus = load_bundled();
    for (w, h) in SIZES {
        let mut s = State::new(&corpus, (w, h), &dossier::input::config::Config::default());
        scenario(&mut s, &corpus);
        let buf = render(&s, &corpus, &Theme::default_theme());
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text(&buf));
    }
}

#[test]
fn start_screen() {
    snap("start", |_, _| {});
}

#[test]
fn search_results_for_traite() {
    snap("search_traite", |s, c| search(s, c, "traite"));
}

#[test]
fn reference_followed() {
    snap("reference_followed", |s, c| {
        act(s, c, &[Action::FocusNext]);
        select_reference(s, c, "decision:CTOC/COP:4/4");
        act(s, c, &[Action::Open]);
        let agenda = doc(c, "002");
        let b = s.backlinks.as_ref().unwrap();
        let k = b.items.iter().position(|x| x.doc == agenda).unwrap();
        for _ in 0..k - b.selected {
            act(s, c, &[Action::Down]);
        }
        act(s, c, &[Action::Open]);
        assert_eq!(s.readers[0].doc, agenda);
    });
}

#[test]
fn backlinks_pane() {
    snap("backlinks", |s, c| {
        act(s, c, &[Action::FocusNext]);
        select_reference(s, c, "decision:CTOC/COP:4/4");
        act(s, c, &[Action::Open]);
    });
}

#[test]
fn side_by_side() {
    snap("side_by_side", |s, c| {
        let (a, b) = (doc(c, "001"), doc(c, "004"));
        for _ in 0..a {
            act(s, c, &[Action::Down]);
        }
        act(s, c, &[Action::Open, Action::FocusPrev]);
        for _ in a..b {
            act(s, c, &[Action::Down]);
        }
        act(s, c, &[Action::SideBySide, Action::SyncScroll]);
        assert_eq!((s.readers[0].doc, s.readers[1].doc), (a, b));
    });
}

#[test]
fn help_screen() {
    snap("help", |s, c| act(s, c, &[Action::Help]));
}

#[test]
fn outline_of_the_agenda() {
    snap("outline", |s, c| {
        let agenda = doc(c, "002");
        for _ in 0..agenda {
            act(s, c, &[Action::Down]);
        }
        act(s, c, &[Action::Open, Action::Outline]);
    });
}

#[test]
fn the_search_bar_says_it_searches_what_is_read_while_documents_are_read() {
    let corpus = load_bundled();
    let mut s = State::new(
        &corpus,
        (100, 30),
        &dossier::input::config::Config::default(),
    );
    let reading = dossier::app::state::Loading {
        done: 2,
        total: 5,
        skipped: 0,
        pages: 0,
        eta_secs: None,
    };
    update(&mut s, Msg::Loaded(Some(reading)), &corpus);
    act(&mut s, &corpus, &[Action::SearchBar]);
    update(&mut s, Msg::Char('x'), &corpus);
    let t = text(&render(&s, &corpus, &Theme::default_theme()));
    assert!(
        t.contains("searching the 2 files read so far…")
            && t.contains("(3 to read; results follow as they are read)")
            && t.contains("2/5 files read so far"),
        "{t}"
    );
    let nothing = dossier::app::Found {
        query: "x".into(),
        complete: true,
        ..Default::default()
    };
    update(&mut s, Msg::Results(nothing), &corpus);
    let t = text(&render(&s, &corpus, &Theme::default_theme()));
    assert!(t.contains("no match in the 2 files read so far"), "{t}");
    update(&mut s, Msg::Char('y'), &corpus);
    update(&mut s, Msg::Loaded(None), &corpus);
    let t = text(&render(&s, &corpus, &Theme::default_theme()));
    assert!(t.contains("searching…"), "{t}");
}

#[test]
fn too_small() {
    let corpus = load_bundled();
    let s = State::new(
        &corpus,
        (39, 11),
        &dossier::input::config::Config::default(),
    );
    let t = text(&render(&s, &corpus, &Theme::default_theme()));
    assert!(t.contains("terminal too small"), "{t}");
}

#[test]
fn no_color_keeps_focus_selection_and_highlights() {
    let corpus = load_bundled();
    for (w, h) in SIZES {
        let mut s = State::new(&corpus, (w, h), &dossier::input::config::Config::default());
        act(&mut s, &corpus, &[Action::FocusNext, Action::Find]);
        for ch in "traite".chars() {
            update(&mut s, Msg::Char(ch), &corpus);
        }
        act(&mut s, &corpus, &[Action::Open]);
        select_reference(&mut s, &corpus, "decision:CTOC/COP:4/4");
        let buf = render(&s, &corpus, &Theme::named("default", true));
        // No colour anywhere.
        for cell in buf.content() {
            assert_eq!(cell.fg, Color::Reset);
            assert_eq!(cell.bg, Color::Reset);
        }
        let mods = modifiers(&buf);
        // The current reference (reverse + underline), other hits (reverse),
        // the focused pane's mode and the list selection all stand out.
        assert!(mods.contains('X'), "current reference highlighted");
        assert!(mods.contains('r'), "search hits or selection reversed");
        assert!(mods.contains('R'), "focus shown in the status line");
        insta::assert_snapshot!(format!("no_color_{w}x{h}"), text(&buf));
        insta::assert_snapshot!(format!("no_color_styles_{w}x{h}"), mods);
    }
}

/// The screen position of the first `needle` in the rendered buffer.
fn find_on_screen(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let rows = text(buf);
    for (y, line) in rows.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            let x = unicode_width::UnicodeWidthStr::width(&line[..byte]);
            return Some((x as u16, y as u16));
        }
    }
    None
}

#[test]
fn mouse_clicks_select_rows_and_references_and_the_wheel_scrolls() {
    let corpus = load_bundled();
    let mut s = State::new(
        &corpus,
        (100, 30),
        &dossier::input::config::Config::default(),
    );
    let theme = Theme::default_theme();
    // Click the third list row.
    let buf = render(&s, &corpus, &theme);
    let (x, y) = find_on_screen(&buf, "002_e599").unwrap();
    update(&mut s, Msg::Click(x + 1, y), &corpus);
    assert_eq!(s.list.selected, 2);
    assert_eq!(s.readers[0].doc, 2);
    // Back to the first document; scroll with the wheel over the reader.
    update(&mut s, Msg::Click(2, 1), &corpus);
    assert_eq!(s.readers[0].doc, 0);
    let text_area = s.layout.readers[0].text;
    for _ in 0..6 {
        update(
            &mut s,
            Msg::Wheel(text_area.x + 2, text_area.y + 2, true),
            &corpus,
        );
    }
    assert!(s.readers[0].top > 0, "the wheel scrolled the reader");
    assert_eq!(s.list.selected, 0, "not the list");
    // Click on “décision 4/4” selects that reference.
    let buf = render(&s, &corpus, &theme);
    let (x, y) = find_on_screen(&buf, "décision 4/4").expect("on screen");
    update(&mut s, Msg::Click(x + 2, y), &corpus);
    assert_eq!(s.focus(), dossier::app::Focus::Reader(0));
    let d = &corpus.documents()[0];
    let k = s.readers[0].current_ref.expect("a reference selected");
    assert_eq!(d.references[k].key, "decision:CTOC/COP:4/4");
    // A second click on it follows it: its backlinks open. (The list
    // narrowed when the reader took focus: the words moved.)
    let buf = render(&s, &corpus, &theme);
    let (x, y) = find_on_screen(&buf, "décision 4/4").expect("on screen");
    update(&mut s, Msg::Click(x + 2, y), &corpus);
    assert_eq!(
        s.backlinks.as_ref().map(|b| b.key.as_str()),
        Some("decision:CTOC/COP:4/4")
    );
    // A click on the selected list row opens it in the reader.
    update(&mut s, Msg::Action(Action::Close), &corpus);
    update(&mut s, Msg::Action(Action::Leave), &corpus);
    assert_eq!(s.focus(), dossier::app::Focus::List);
    let buf = render(&s, &corpus, &theme);
    let (x, y) = find_on_screen(&buf, "358551e… fr").unwrap();
    assert!(x < 10, "the list row");
    update(&mut s, Msg::Click(x, y), &corpus);
    assert_eq!(s.focus(), dossier::app::Focus::Reader(0));
}

#[test]
fn the_status_message_is_never_lost_to_a_long_reference_key() {
    let corpus = load_bundled();
    let mut s = State::new(
        &corpus,
        (80, 24),
        &dossier::input::config::Config::default(),
    );
    let with_url = doc(&corpus, "003");
    for _ in 0..with_url {
        act(&mut s, &corpus, &[Action::Down]);
    }
    act(&mut s, &corpus, &[Action::Open]);
    let url = "url:http://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-trafficking-jan-2010.html";
    select_reference(&mut s, &corpus, url);
    let message = "could not open the URL: xdg-open is not installed";
    update(&mut s, Msg::Failed(message.into()), &corpus);
    let screen = text(&render(&s, &corpus, &Theme::default_theme()));
    let status = screen.lines().last().unwrap();
    assert!(status.contains(message), "{status}");
}

/// The English and French versions of one HRC report side by side, aligned,
/// stepped with `J` to the first paragraph with no counterpart: the bar
/// beside the pair read on both sides, `∅` beside the unpaired paragraph,
/// the ghost row on the other side, the pair and its score in the status line.
#[test]
fn language_versions_aligned_side_by_side() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/versions");
    let corpus = dossier::model::load_paths(&[std::path::PathBuf::from(dir)], &|_| {});
    for (w, h) in [(140, 36), (100, 30), (60, 20)] {
        let mut s = State::new(&corpus, (w, h), &Config::default());
        act(&mut s, &corpus, &[Action::Open, Action::LanguageBeside]);
        for _ in 0..200 {
            act(&mut s, &corpus, &[Action::NextParagraph]);
            if s.aligned.as_ref().unwrap().ghost.is_some() {
                break;
            }
        }
        let buf = render(&s, &corpus, &Theme::default_theme());
        let screen = text(&buf);
        assert!(screen.contains("∅ no counterpart"), "{screen}");
        assert!(screen.contains("no counterpart · score"), "{screen}");
        insta::assert_snapshot!(format!("aligned_{w}x{h}"), screen);
        // Without colour the bar still marks the pair read.
        let mono = render(&s, &corpus, &Theme::named("default", true));
        assert!(mono.content().iter().all(|c| c.fg == Color::Reset));
        assert!(text(&mono).matches('▌').count() >= 2);
    }
}

/// The diff of a real draft and the resolution adopted from it, opened with
/// one key from the resolution: the two versions side by side, deletions
/// struck out in the old column, insertions marked in the new one, and
/// unchanged paragraphs folded; without colour the marks stay (strike,
/// underline).
#[test]
fn the_diff_of_a_draft_and_its_adopted_resolution() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf");
    let corpus = dossier::model::load_paths(&[std::path::PathBuf::from(dir)], &|_| {});
    let res = corpus.documents_with_symbol("A/RES/80/174")[0];
    for (w, h) in [(100, 30), (60, 20)] {
        let mut s = State::new(&corpus, (w, h), &Config::default());
        s.list.select_doc(res, 20);
        act(
            &mut s,
            &corpus,
            &[Action::Open, Action::Diff, Action::NextChange],
        );
        let buf = render(&s, &corpus, &Theme::default_theme());
        let screen = text(&buf);
        assert!(screen.contains("A/80/L.21 → A/RES/80/174"), "{screen}");
        assert!(screen.contains("unchanged paragraph"), "{screen}");
        insta::assert_snapshot!(format!("diff_{w}x{h}"), screen);
        let mono = render(&s, &corpus, &Theme::named("default", true));
        let cells = mono.content();
        assert!(cells.iter().all(|c| c.fg == Color::Reset));
        assert!(
            cells
                .iter()
                .any(|c| c.modifier.contains(Modifier::CROSSED_OUT))
        );
        assert!(
            cells
                .iter()
                .any(|c| c.modifier.contains(Modifier::UNDERLINED))
        );
    }
}
