//! The terminal explorer: terminal setup and restore (on quit, error, panic,
//! Ctrl-C and every terminating signal; Ctrl-Z and SIGTSTP suspend, and the
//! explorer redraws on resume), and
//! the event loop: read events → messages → `update` → draw. Search results
//! are polled from the search worker, never waited for.

use crate::app::{self, Msg, State};
use crate::input::{self, config};
use crate::model::Corpus;
use crate::ui::{self, View, theme::Theme};
use std::path::PathBuf;

mod bench;
mod effects;
mod keylog;
mod loader;
mod remote;
mod search;
mod terminal;

use anyhow::{Context, bail};
use crossterm::event::{self, Event, KeyCode, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use search::Search;
use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
pub use terminal::restore;
use terminal::{
    CONTINUED, Guard, SIGNALLED, STOP_REQUESTED, enter, exit_on_signal, install_panic_hook,
    install_signal_handlers, redraw_all, start_watchdog, suspend,
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
    // The index, when there is one, is opened while the files are walked
    // (its manifest read), and handed to the loader: unchanged files come
    // from it.
    let choice = crate::cli::load::index_choice();
    let opening = std::thread::Builder::new()
        .name("dossier-index-open".into())
        .spawn(move || choice.open_quietly().map(|s| s.map(Arc::new)));
    // A long walk shows its progress before the explorer takes the screen.
    let walk = crate::cli::load::WalkLine::new(io::stderr().is_terminal());
    let (files, stats, problems) = crate::model::load::discover_stated(paths, &|p| walk.show(p));
    walk.clear();
    if files.is_empty() {
        let mut msg = String::from(
            "found no .txt or .md document under the given paths; point dossier at such files \
             or at folders holding them, or give no PATHS to use the bundled corpus",
        );
        for p in problems.iter().take(5) {
            let line = format!("  skipped {}: {}", p.path.display(), p.reason);
            msg.push('\n');
            msg.push_str(&crate::sanitize::inert_line(&line));
        }
        bail!("{msg}");
    }
    let open = Box::new(move || match opening {
        Ok(thread) => thread.join().unwrap_or(Ok(None)),
        Err(_) => Ok(None),
    });
    let corpus = Arc::new(Corpus::new(Vec::new(), problems));
    let loader = loader::Loader::start_indexed(files, stats, paths.to_vec(), open);
    explore(corpus, Some(loader), options, started)
}

/// Opens the explorer on the archive `url` names (or `DOSSIER_ARCHIVE`):
/// the list paged from it, documents fetched as they are shown, searches
/// asked of it. The connection is made by the archive's worker, not here.
pub fn run_archive(url: Option<String>, options: TuiOptions) -> anyhow::Result<()> {
    let started = Instant::now();
    if !options.bench_startup {
        check_terminal()?;
    }
    let remote = remote::Remote::start(url);
    let corpus = Arc::new(Corpus::default());
    explore_with(corpus, Feed::Archive(remote), options, started)
}

/// Where the explorer's documents come from.
enum Feed {
    /// Read here (all at once, or behind a progress count).
    Files(Option<loader::Loader>),
    /// An archive's worker.
    Archive(remote::Remote),
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
    corpus: Arc<Corpus>,
    loader: Option<loader::Loader>,
    options: TuiOptions,
    started: Instant,
) -> anyhow::Result<()> {
    explore_with(corpus, Feed::Files(loader), options, started)
}

fn explore_with(
    mut corpus: Arc<Corpus>,
    feed: Feed,
    options: TuiOptions,
    started: Instant,
) -> anyhow::Result<()> {
    let config = config::load();
    let theme = Theme::from_env(&config.theme);
    let (mut loader, mut remote) = match feed {
        Feed::Files(loader) => (loader, None),
        Feed::Archive(remote) => (None, Some(remote)),
    };
    if options.bench_startup && remote.is_none() {
        return bench::bench_startup(corpus, loader, &config, &theme, started);
    }
    check_terminal()?;
    let (w, h) = crossterm::terminal::size().context("reading the terminal size")?;
    let mut state = State::new(&corpus, (w, h), &config);
    let mut search = Search::idle();
    match (&loader, &remote) {
        (Some(l), _) => {
            app::update(&mut state, Msg::Loaded(Some(l.progress())), &corpus);
        }
        (None, Some(_)) => {
            let hello = Msg::Status("reading the archive…".into(), false);
            app::update(&mut state, hello, &corpus);
        }
        (None, None) => search.begin(&corpus),
    }
    // Read once, before the event loop: the tests that prove a panic leaves
    // the terminal usable ask for one after the first frame.
    let panic_after_first_frame = std::env::var_os("DOSSIER_TEST_PANIC").is_some();
    install_panic_hook();
    install_signal_handlers();
    start_watchdog();
    enter().context("setting up the terminal")?;
    let _guard = Guard;
    let mut terminal =
        Terminal::new(CrosstermBackend::new(io::stdout())).context("opening the terminal")?;
    redraw_all(&mut terminal)?;
    frame(&mut terminal, &state, &corpus, &config, &theme)?;
    if panic_after_first_frame {
        panic!("panic requested by DOSSIER_TEST_PANIC");
    }
    let mut ctx = Loop {
        corpus: &mut corpus,
        loader: &mut loader,
        remote: &mut remote,
        config: &config,
        theme: &theme,
        search: &mut search,
        keylog: keylog::KeyLog::from_env(),
    };
    event_loop(&mut terminal, &mut state, &mut ctx)
}

/// What the event loop works with besides the terminal and the state.
struct Loop<'a> {
    corpus: &'a mut Arc<Corpus>,
    loader: &'a mut Option<loader::Loader>,
    remote: &'a mut Option<remote::Remote>,
    config: &'a config::Config,
    theme: &'a Theme,
    search: &'a mut Search,
    /// `DOSSIER_BENCH_KEYS`: the search bar's latency, logged.
    keylog: Option<keylog::KeyLog>,
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
    l.caveats.extend(progress.caveats);
    app::update(state, Msg::Loaded(Some(progress.loading)), corpus);
    if progress.finished {
        app::update(state, Msg::Loaded(None), corpus);
        search.forget_list();
        let caveats = std::mem::take(&mut l.caveats);
        app::update(state, Msg::Caveats(caveats), corpus);
        *loader = None;
        search.begin(corpus);
    }
    true
}

/// Shows the whole list kept beside the index, once the loader found it
/// still right, while the documents are read; then answers the pages the
/// reducer asks of it.
fn take_kept_list(
    state: &mut State,
    corpus: &Corpus,
    loader: &Option<loader::Loader>,
    search: &mut Search,
) -> bool {
    let mut changed = false;
    if let Some(listed) = loader.as_ref().and_then(loader::Loader::take_listed) {
        let rows = search.keep_list(listed);
        let effects = app::update(state, Msg::ListKept(rows), corpus);
        effects::perform(effects, search);
        changed = true;
    }
    loop {
        let answers = search.take_answers();
        if answers.is_empty() {
            return changed;
        }
        for msg in answers {
            let effects = app::update(state, msg, corpus);
            effects::perform(effects, search);
        }
        changed = true;
    }
}

fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    ctx: &mut Loop,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let mut dirty = false;
    loop {
        if take_documents(state, ctx.corpus, ctx.loader, ctx.search) {
            dirty = true;
        }
        if take_kept_list(state, ctx.corpus, ctx.loader, ctx.search) {
            dirty = true;
        }
        if let Some(remote) = ctx.remote.as_mut() {
            while let Some(msg) = remote.poll(ctx.corpus) {
                let effects = app::update(state, msg, ctx.corpus);
                for failed in effects::perform(effects, remote) {
                    app::update(state, failed, ctx.corpus);
                }
                dirty = true;
            }
        }
        // Searching while documents are read: an index of those read so far.
        if ctx.loader.is_some() && state.search().is_some() {
            ctx.search.refresh(ctx.corpus);
        }
        let corpus: &Corpus = ctx.corpus;
        let (config, theme) = (ctx.config, ctx.theme);
        if dirty {
            frame(terminal, state, corpus, config, theme)?;
            dirty = false;
            if let Some(log) = ctx.keylog.as_mut() {
                log.drawn(state);
            }
        }
        let sig = SIGNALLED.load(Ordering::SeqCst);
        if sig != 0 {
            exit_on_signal(sig);
        }
        if STOP_REQUESTED.load(Ordering::SeqCst) {
            suspend(terminal)?;
            dirty = true;
            continue;
        }
        if CONTINUED.swap(false, Ordering::SeqCst) {
            // Continued after a stop nothing could prepare for (SIGSTOP).
            enter()?;
            redraw_all(terminal)?;
            dirty = true;
            continue;
        }
        if state.quit {
            return Ok(());
        }
        // Wake often while results or documents are on their way.
        let waiting = state.search().is_some_and(|s| s.pending)
            || ctx.loader.is_some()
            || ctx.remote.is_some();
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
                if let Some(msg) = input::translate(&ev, state.focus(), &config.keymap) {
                    let effects = app::update(state, msg, corpus);
                    let backend: &mut dyn effects::Backend = match ctx.remote.as_mut() {
                        Some(r) => r,
                        None => ctx.search,
                    };
                    for failed in effects::perform(effects, backend) {
                        app::update(state, failed, corpus);
                    }
                    if let Some(log) = ctx.keylog.as_mut() {
                        log.key(state);
                    }
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

/// Draws one frame of `state` (the event loop and the startup benchmark draw
/// the same way).
fn frame<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &State,
    corpus: &Corpus,
    config: &config::Config,
    theme: &Theme,
) -> Result<(), B::Error> {
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
}
