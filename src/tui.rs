//! The terminal explorer: terminal setup and restore (on quit, error, panic,
//! Ctrl-C, SIGTERM and SIGHUP; Ctrl-Z suspends and redraws on resume), and
//! the event loop: read events → messages → `update` → draw. Search results
//! are polled from the search worker, never waited for.

use crate::app::{self, Effect, Msg, State};
use crate::input::{self, config};
use crate::model::Corpus;
use crate::ui::{self, View, theme::Theme};
use std::path::PathBuf;

mod loader;
mod search;
mod terminal;

use anyhow::{Context, bail};
use crossterm::event::{self, Event, KeyCode, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use search::Search;
use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
pub use terminal::restore;
use terminal::{
    Guard, SIGNALLED, enter, exit_on_signal, install_panic_hook, install_signal_handlers,
    redraw_all, start_watchdog, suspend,
};

/// Options of the explorer given on the command line.
#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    /// Print the time to the first full frame on stderr and exit.
    pub bench_startup: bool,
}

/// What to say when there is no terminal to draw on.
pub const NO_TTY: &str = "the explorer needs a terminal (stdin and stdout must be a TTY, and TERM not `dumb`).\n\
    Use the commands instead:\n  \
    dossier list [PATHS]            one row per document\n  \
    dossier show DOC [PATHS]        a document's text and metadata\n  \
    dossier find QUERY [PATHS]      fuzzy search of documents, symbols, references, lines\n  \
    dossier backlinks KEY [PATHS]   what cites a symbol, decision, resolution or article\n\
    (`dossier --help` lists them all)";

/// Opens `url` with the platform's opener, the URL as one argument, no shell.
fn open_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(format!(
            "not opening {url}: only http and https addresses are opened"
        ));
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| format!("could not run {opener}: {e}"))
}

/// Opens the explorer on `corpus`.
pub fn run(corpus: Corpus, options: TuiOptions) -> anyhow::Result<()> {
    explore(Arc::new(corpus), None, options, Instant::now())
}

/// Opens the explorer on the documents under `paths` (the bundled corpus when
/// none), showing the list as soon as the first files are read while the rest
/// are read behind a progress count.
pub fn run_paths(paths: &[PathBuf], options: TuiOptions) -> anyhow::Result<()> {
    let started = Instant::now();
    if paths.is_empty() {
        return explore(
            Arc::new(crate::model::load_bundled()),
            None,
            options,
            started,
        );
    }
    if !options.bench_startup {
        check_terminal()?;
    }
    let (files, problems) = crate::model::load::discover(paths);
    if files.is_empty() {
        let mut msg = String::from(
            "found no .txt or .md document under the given paths; point dossier at such files \
             or at folders holding them, or give no PATHS to use the bundled corpus",
        );
        for p in problems.iter().take(5) {
            let line = format!("\n  skipped {}: {}", p.path.display(), p.reason);
            msg.push_str(&crate::sanitize::inert_line(&line));
        }
        bail!("{msg}");
    }
    let corpus = Arc::new(Corpus::new(Vec::new(), problems));
    explore(corpus, Some(loader::Loader::start(files)), options, started)
}

/// Fails with the no-terminal message when there is no terminal to draw on.
fn check_terminal() -> anyhow::Result<()> {
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() || dumb {
        bail!("{NO_TTY}");
    }
    Ok(())
}

fn explore(
    mut corpus: Arc<Corpus>,
    mut loader: Option<loader::Loader>,
    options: TuiOptions,
    started: Instant,
) -> anyhow::Result<()> {
    let config = config::load();
    let theme = Theme::from_env(&config.theme);
    if options.bench_startup {
        return bench_startup(corpus, loader, &config, &theme, started);
    }
    check_terminal()?;
    let (w, h) = crossterm::terminal::size().context("reading the terminal size")?;
    let mut state = State::new(&corpus, (w, h));
    state.key_names = input::key_names(&config.keymap);
    state.help_text = Arc::new(ui::help::lines(&config.keymap));
    let mut search = Search::idle();
    if let Some(l) = &loader {
        state.loading = Some(l.progress());
        state.message = None;
    } else {
        search.begin(&corpus);
    }
    if !config.warnings.is_empty() {
        app::state::say(&mut state, config.warnings.join("; "), true);
    }
    install_panic_hook();
    install_signal_handlers();
    start_watchdog();
    enter().context("setting up the terminal")?;
    let _guard = Guard;
    let mut terminal =
        Terminal::new(CrosstermBackend::new(io::stdout())).context("opening the terminal")?;
    redraw_all(&mut terminal)?;
    let mut ctx = Loop {
        corpus: &mut corpus,
        loader: &mut loader,
        config: &config,
        theme: &theme,
        search: &mut search,
    };
    event_loop(&mut terminal, &mut state, &mut ctx)
}

/// What the event loop works with besides the terminal and the state.
struct Loop<'a> {
    corpus: &'a mut Arc<Corpus>,
    loader: &'a mut Option<loader::Loader>,
    config: &'a config::Config,
    theme: &'a Theme,
    search: &'a mut Search,
}

/// Adds documents that finished reading; starts the search index once all are in.
/// True when something changed.
fn take_documents(
    state: &mut State,
    corpus: &mut Arc<Corpus>,
    loader: &mut Option<loader::Loader>,
    search: &mut Search,
) -> bool {
    let Some(l) = loader else { return false };
    // The corpus is shared only once reading is over (the search index holds it).
    let Some(c) = Arc::get_mut(corpus) else {
        return false;
    };
    let Some(progress) = l.poll(c) else {
        return false;
    };
    if !progress.problems.is_empty() {
        app::update(state, Msg::Skipped(progress.problems), corpus);
    }
    app::update(state, Msg::Loaded(Some(progress.loading)), corpus);
    if progress.finished {
        app::update(state, Msg::Loaded(None), corpus);
        *loader = None;
        search.begin(corpus);
    }
    true
}

fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    ctx: &mut Loop,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let mut dirty = true;
    loop {
        if take_documents(state, ctx.corpus, ctx.loader, ctx.search) {
            dirty = true;
        }
        let corpus: &Corpus = ctx.corpus;
        let (config, theme) = (ctx.config, ctx.theme);
        if dirty {
            terminal.draw(|f| {
                ui::draw(
                    f,
                    &View {
                        state,
                        corpus,
                        keymap: &config.keymap,
                        theme,
                    },
                )
            })?;
            dirty = false;
            // For the tests that prove a panic leaves the terminal usable.
            if std::env::var_os("DOSSIER_TEST_PANIC").is_some() {
                panic!("panic requested by DOSSIER_TEST_PANIC");
            }
        }
        let sig = SIGNALLED.load(Ordering::SeqCst);
        if sig != 0 {
            exit_on_signal(sig);
        }
        if state.quit {
            return Ok(());
        }
        // Wake often while results or documents are on their way.
        let waiting = state.search.as_ref().is_some_and(|s| s.pending) || ctx.loader.is_some();
        let timeout = Duration::from_millis(if waiting { 8 } else { 100 });
        let ready = match event::poll(timeout) {
            Ok(ready) => ready,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => false,
            Err(e) => return Err(e.into()),
        };
        if ready {
            // Take every event that is ready before drawing again.
            loop {
                let ev = match event::read() {
                    Ok(ev) => ev,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => break,
                    Err(e) => return Err(e.into()),
                };
                if let Event::Key(k) = &ev {
                    if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('z') {
                        suspend(terminal)?;
                        dirty = true;
                        break;
                    }
                }
                if let Some(msg) = input::translate(&ev, state, &config.keymap) {
                    let effects = app::update(state, msg, corpus);
                    perform(state, effects, ctx.search);
                    dirty = true;
                }
                if state.quit || !event::poll(Duration::ZERO).unwrap_or(false) {
                    break;
                }
            }
        }
        while let Some(found) = ctx.search.poll() {
            app::update(state, Msg::Results(found), corpus);
            dirty = true;
        }
    }
}

fn perform(state: &mut State, effects: Vec<Effect>, search: &mut Search) {
    for e in effects {
        match e {
            Effect::Query(q) => search.query(q),
            Effect::OpenUrl(u) => {
                if let Err(m) = open_url(&u) {
                    app::state::say(state, m, true);
                }
            }
            Effect::Copy(text) => terminal::copy_to_clipboard(&text),
        }
    }
}

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
fn bench_startup(
    mut corpus: Arc<Corpus>,
    mut loader: Option<loader::Loader>,
    config: &config::Config,
    theme: &Theme,
    started: Instant,
) -> anyhow::Result<()> {
    let (w, h) = crossterm::terminal::size().unwrap_or((200, 60));
    let mut state = State::new(&corpus, (w, h));
    state.key_names = input::key_names(&config.keymap);
    let mut search = Search::idle();
    while loader.is_some() && corpus.is_empty() {
        if !take_documents(&mut state, &mut corpus, &mut loader, &mut search) {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h))?;
    let mut draw = |state: &State, corpus: &Corpus| {
        terminal
            .draw(|f| {
                ui::draw(
                    f,
                    &View {
                        state,
                        corpus,
                        keymap: &config.keymap,
                        theme,
                    },
                )
            })
            .map(|_| ())
    };
    draw(&state, &corpus)?;
    let in_explorer = started.elapsed();
    let since_start = process_age().unwrap_or(in_explorer).max(in_explorer);
    eprintln!(
        "first frame: {:.1} ms since the process started ({:.1} ms in the explorer; {} documents shown, {w}×{h})",
        since_start.as_secs_f64() * 1000.0,
        in_explorer.as_secs_f64() * 1000.0,
        corpus.len()
    );
    if loader.is_some() {
        let mut slowest = Duration::ZERO;
        while loader.is_some() {
            if take_documents(&mut state, &mut corpus, &mut loader, &mut search) {
                let t = Instant::now();
                draw(&state, &corpus)?;
                slowest = slowest.max(t.elapsed());
            } else {
                std::thread::sleep(Duration::from_millis(1));
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
