//! `--bench-startup`: the time to the first full frame, measured the way a
//! person sees it (from the process start), drawn off-screen.

use super::loader::Loader;
use super::search::Search;
use super::{frame, take_documents, take_kept_list};
use crate::app::State;
use crate::input::config;
use crate::model::Corpus;
use crate::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the process has been running (Linux; `None` elsewhere), so the
/// startup time includes loading the corpus before the explorer starts.
fn process_age() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.get(stat.rfind(')')? + 2..)?;
    // Field 22 (start time in clock ticks since boot); fields after `)` start at 3.
    let start_ticks: f64 = after.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    // SAFETY: sysconf only reads a system constant.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    (hz > 0.0).then(|| Duration::from_secs_f64((uptime - start_ticks / hz).max(0.0)))
}

/// `--bench-startup`: time to the first full frame (drawn off-screen at the
/// terminal's size, or 200×60 without a terminal), printed on stderr. While
/// documents are read in the background, the first full frame is the first
/// one showing documents; the time until all are read is printed too.
pub(super) fn bench_startup(
    mut corpus: Arc<Corpus>,
    mut loader: Option<Loader>,
    config: &config::Config,
    theme: &Theme,
    started: Instant,
) -> anyhow::Result<()> {
    let (w, h) = crossterm::terminal::size().unwrap_or((200, 60));
    let mut state = State::new(&corpus, (w, h), config);
    let mut search = Search::idle();
    if let Some(l) = &loader {
        crate::app::update(
            &mut state,
            crate::app::Msg::Loaded(Some(l.progress())),
            &corpus,
        );
    }
    let kept_shown = |state: &State| state.list.window.as_ref().is_some_and(|w| w.kept);
    while loader.is_some() && corpus.is_empty() && !kept_shown(&state) {
        let kept = take_kept_list(&mut state, &corpus, &loader, &mut search);
        if !take_documents(&mut state, &mut corpus, &mut loader, &mut search) && !kept {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h))?;
    let mut draw =
        |state: &State, corpus: &Corpus| frame(&mut terminal, state, corpus, config, theme);
    draw(&state, &corpus)?;
    let in_explorer = started.elapsed();
    let since_start = process_age().unwrap_or(in_explorer).max(in_explorer);
    eprintln!(
        "first frame: {:.1} ms since the process started ({:.1} ms in the explorer; {} documents shown, {w}×{h})",
        since_start.as_secs_f64() * 1000.0,
        in_explorer.as_secs_f64() * 1000.0,
        corpus.len()
    );
    if kept_shown(&state) {
        eprintln!(
            "whole list: in the first frame ({} rows as kept beside the index)",
            state.list.len()
        );
    }
    if loader.is_some() {
        let mut slowest = Duration::ZERO;
        let mut whole = kept_shown(&state).then_some(());
        while loader.is_some() {
            let kept = take_kept_list(&mut state, &corpus, &loader, &mut search);
            if take_documents(&mut state, &mut corpus, &mut loader, &mut search) || kept {
                let t = Instant::now();
                draw(&state, &corpus)?;
                slowest = slowest.max(t.elapsed());
            } else {
                std::thread::sleep(Duration::from_millis(1));
            }
            if whole.is_none() && kept_shown(&state) {
                whole = Some(());
                eprintln!(
                    "whole list: {:.1} ms in the explorer ({} rows as kept beside the index, {} documents read)",
                    started.elapsed().as_secs_f64() * 1000.0,
                    state.list.len(),
                    corpus.len()
                );
            }
        }
        eprintln!(
            "all read: {:.1} ms in the explorer ({} documents; slowest frame while reading {:.2} ms)",
            started.elapsed().as_secs_f64() * 1000.0,
            corpus.len(),
            slowest.as_secs_f64() * 1000.0
        );
    }
    Ok(())
}
