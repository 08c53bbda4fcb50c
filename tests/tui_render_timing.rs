//! Rendering cost at scale, printed rather than asserted (no timing
//! assertions in tests): a 5 MB document scrolled to the middle drawn on a
//! 200×60 `TestBackend`, and a list of 100 000 documents. Run with
//! `cargo test --release --test tui_render_timing -- --ignored --nocapture`.
//! The non-ignored test checks the same screens draw correctly.

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

use dossier::app::state::State;
use dossier::app::{Action, Msg, update};
use dossier::input::config::Config;
use dossier::model::parse::parse_document;
use dossier::model::{Corpus, load_bundled};
use dossier::ui::theme::Theme;
use dossier::ui::{View, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Instant;

/// A document of about `bytes` bytes made of the bundled texts.
fn big_document(bytes: usize) -> Corpus {
    let bundled = load_bundled();
    let mut text = String::with_capacity(bytes + 20_000);
    while text.len() < bytes {
        for d in bundled.documents() {
            text.push_str(&d.text);
            text.push('\n');
        }
    }
    let doc = parse_document("big".into(), "big.txt".into(), text, "UTF-8");
    Corpus::new(vec![doc], Vec::new())
}

/// `n` small documents.
fn many_documents(n: usize) -> Corpus {
    let docs = (0..n)
        .map(|i| {
            let text = format!(
                "CTOC/COP/{}/{}\n\n# Rapport {i}\n\nDans sa décision {}/{}, la Conférence…\n",
                2000 + i % 25,
                i,
                i % 9,
                i % 7
            );
            parse_document(
                format!("{i:06}"),
                format!("{i:06}.txt").into(),
                text,
                "UTF-8",
            )
        })
        .collect();
    Corpus::new(docs, Vec::new())
}

fn frame(state: &State, corpus: &Corpus, terminal: &mut Terminal<TestBackend>, config: &Config) {
    let theme = Theme::default_theme();
    terminal
        .draw(|f| {
            draw(
                f,
                &View {
                    state,
                    corpus,
                    keymap: &config.keymap,
                    theme: &theme,
                },
            )
        })
        .unwrap();
}

fn middle_of_big(corpus: &Corpus) -> State {
    let mut s = State::new(
        corpus,
        (200, 60),
        &dossier::input::config::Config::default(),
    );
    let d = &corpus.documents()[0];
    let line = d.line_count() / 2;
    let r = &mut s.readers[0];
    r.top = r.segs.of_line(d, line);
    update(&mut s, Msg::Action(Action::FocusNext), corpus);
    update(&mut s, Msg::Action(Action::NextReference), corpus);
    s
}

fn screen(t: &Terminal<TestBackend>) -> String {
    t.backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn big_document_and_long_list_draw() {
    let config = Config::default();
    let corpus = big_document(1_000_000);
    let s = middle_of_big(&corpus);
    let mut t = Terminal::new(TestBackend::new(200, 60)).unwrap();
    frame(&s, &corpus, &mut t, &config);
    let d = &corpus.documents()[0];
    let top = s.readers[0].top_line(d);
    assert!(top > d.line_count() / 3, "scrolled to the middle");
    assert!(screen(&t).contains(&format!("{top}/{}", d.line_count())));

    let corpus = many_documents(20_000);
    let mut s = State::new(
        &corpus,
        (100, 30),
        &dossier::input::config::Config::default(),
    );
    update(&mut s, Msg::Action(Action::Bottom), &corpus);
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    frame(&s, &corpus, &mut t, &config);
    assert!(screen(&t).contains("Documents 20000/20000"));
    assert!(screen(&t).contains("CTOC/COP/2024/19999"));
}

#[test]
#[ignore = "prints timings; run in release"]
fn timings() {
    let config = Config::default();
    let corpus = big_document(5_000_000);
    let d = &corpus.documents()[0];
    println!("document: {} bytes, {} lines", d.text.len(), d.line_count());
    let start = Instant::now();
    let segs = dossier::app::text::Segments::new(d);
    println!(
        "5 MB document opened (laid out in {} segments) in {:.1} ms",
        segs.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    let start = Instant::now();
    let hits = dossier::app::find::find_all(&d.text, "traite");
    println!(
        "search in the 5 MB document: {} hits in {:.1} ms",
        hits.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    let mut s = middle_of_big(&corpus);
    let start = Instant::now();
    update(&mut s, Msg::Action(Action::Find), &corpus);
    println!(
        "find line opened on the 5 MB document (folds it): {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let mut per_key = Vec::new();
    for c in "conférence".chars() {
        let start = Instant::now();
        update(&mut s, Msg::Char(c), &corpus);
        per_key.push(format!("{:.1}", start.elapsed().as_secs_f64() * 1000.0));
    }
    let hits = s.readers[0].find.as_ref().map_or(0, |f| f.hits.len());
    println!(
        "find in the 5 MB document, ms per keystroke of “conférence” ({hits} hits): {}",
        per_key.join(" ")
    );
    let start = Instant::now();
    update(&mut s, Msg::Action(Action::DeleteChar), &corpus);
    println!(
        "find, one backspace: {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let s = middle_of_big(&corpus);
    let mut t = Terminal::new(TestBackend::new(200, 60)).unwrap();
    frame(&s, &corpus, &mut t, &config);
    let n = 200;
    let start = Instant::now();
    for _ in 0..n {
        frame(&s, &corpus, &mut t, &config);
    }
    println!(
        "5 MB document, middle, 200×60: {:.3} ms per frame",
        start.elapsed().as_secs_f64() * 1000.0 / n as f64
    );

    // Hostile: one 5 MB line of tab-separated cells.
    let line: String = (0..50_000)
        .map(|i| format!("cellule {i}\t"))
        .collect::<String>()
        + "\n";
    let line = line.repeat(5_000_000 / line.len() + 1);
    let one = Corpus::new(
        vec![parse_document(
            "one".into(),
            "one.txt".into(),
            line.replace('\n', ""),
            "UTF-8",
        )],
        Vec::new(),
    );
    let mut s1 = State::new(&one, (200, 60), &dossier::input::config::Config::default());
    update(&mut s1, Msg::Action(Action::Open), &one);
    for _ in 0..30 {
        update(&mut s1, Msg::Action(Action::PageDown), &one);
    }
    let start = Instant::now();
    for _ in 0..20 {
        frame(&s1, &one, &mut t, &config);
    }
    println!(
        "one 5 MB line of cells, 30 pages down: {:.3} ms per frame",
        start.elapsed().as_secs_f64() * 1000.0 / 20.0
    );

    let start = Instant::now();
    let corpus = many_documents(100_000);
    println!(
        "100 000 documents built in {:.0} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let start = Instant::now();
    let mut s = State::new(
        &corpus,
        (100, 30),
        &dossier::input::config::Config::default(),
    );
    println!("state: {:.2} ms", start.elapsed().as_secs_f64() * 1000.0);
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let start = Instant::now();
    for _ in 0..n {
        update(&mut s, Msg::Action(Action::Down), &corpus);
        frame(&s, &corpus, &mut t, &config);
    }
    println!(
        "100 000 documents, key + frame: {:.3} ms",
        start.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    let start = Instant::now();
    update(&mut s, Msg::Action(Action::Sort), &corpus);
    update(&mut s, Msg::Action(Action::Sort), &corpus);
    update(&mut s, Msg::Action(Action::Sort), &corpus);
    println!(
        "100 000 documents, first sort by date, symbol, title (orders computed): {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    update(&mut s, Msg::Action(Action::Sort), &corpus);
    let mut slowest = 0f64;
    for _ in 0..3 {
        let start = Instant::now();
        update(&mut s, Msg::Action(Action::Sort), &corpus);
        slowest = slowest.max(start.elapsed().as_secs_f64() * 1000.0);
    }
    println!("100 000 documents, a later press of s: at most {slowest:.2} ms");
    let mut fresh = State::new(
        &corpus,
        (100, 30),
        &dossier::input::config::Config::default(),
    );
    let start = Instant::now();
    update(&mut fresh, Msg::Loaded(None), &corpus);
    println!(
        "100 000 documents, reading finished (every order computed once, off any key press): {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
}
