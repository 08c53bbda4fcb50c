//! The reader's frame cost, for `scripts/bench-peers`: a document of about
//! 5 MB made of the bundled texts, scrolled to the middle, drawn again and
//! again on a 200×60 `TestBackend`. Prints one line of JSON: the median and
//! 99th percentile of a frame, in milliseconds.

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

const BYTES: usize = 5 * 1024 * 1024;
const FRAMES: usize = 300;

fn main() {
    let bundled = load_bundled();
    let mut text = String::with_capacity(BYTES + 20_000);
    while text.len() < BYTES {
        for d in bundled.documents() {
            text.push_str(&d.text);
            text.push('\n');
        }
    }
    let bytes = text.len();
    let corpus = Corpus::new(
        vec![parse_document(
            "big".into(),
            "big.txt".into(),
            text,
            "UTF-8",
        )],
        Vec::new(),
    );
    let config = Config::default();
    let theme = Theme::default_theme();
    let mut state = State::new(&corpus, (200, 60), &config);
    let doc = &corpus.documents()[0];
    let middle = doc.line_count() / 2;
    update(&mut state, Msg::Action(Action::FocusNext), &corpus);
    while state.readers[0].top_line(doc) < middle {
        update(&mut state, Msg::Action(Action::PageDown), &corpus);
    }
    update(&mut state, Msg::Action(Action::NextReference), &corpus);
    let Ok(mut terminal) = Terminal::new(TestBackend::new(200, 60));
    let mut times = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES + 20 {
        let t = Instant::now();
        let drawn = terminal.draw(|f| {
            draw(
                f,
                &View {
                    state: &state,
                    corpus: &corpus,
                    keymap: &config.keymap,
                    theme: &theme,
                },
            )
        });
        if drawn.is_err() {
            eprintln!("bench_render: drawing failed");
            return;
        }
        if i >= 20 {
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "{{\"bytes\":{bytes},\"frames\":{FRAMES},\"median_ms\":{:.3},\"p99_ms\":{:.3}}}",
        at(0.5),
        at(0.99)
    );
}
