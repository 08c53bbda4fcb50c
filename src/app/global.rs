//! Keys that mean the same in every pane and popup that passes them down:
//! help, the search bar, focus, history, backlinks, the outline, the agenda
//! item, the second reader, sorting, the list. They become [`Cmd`]s; only
//! `update.rs` applies them.

use crate::app::Action;
use crate::app::command::Cmd;
use crate::app::help::HelpPage;
use crate::app::jump;
use crate::app::layers::{Focus, Pane, Popup};
use crate::app::layout;
use crate::app::outline::OutlineState;
use crate::app::state::{ListVisibility, State};
use crate::model::Corpus;

/// What a key passed down to the global layer asks for.
pub fn handle(state: &mut State, corpus: &Corpus, a: Action) -> Vec<Cmd> {
    let i = state.target_reader();
    let say = |text: String| vec![Cmd::Say(text, false)];
    match a {
        Action::Quit => vec![Cmd::Quit],
        Action::Help => vec![Cmd::Help(HelpPage::Keys)],
        Action::Problems if state.problems.is_empty() => say("no file was skipped".into()),
        Action::Problems => vec![Cmd::Help(HelpPage::Problems)],
        Action::SearchBar => vec![Cmd::OpenSearch],
        Action::FocusNext | Action::FocusPrev => cycle_focus(state, a == Action::FocusNext)
            .map_or_else(Vec::new, |p| vec![Cmd::Focus(p)]),
        Action::Back | Action::Forward => vec![Cmd::History {
            forward: a == Action::Forward,
        }],
        Action::Backlinks => match jump::backlinks_key(state, corpus, i) {
            Some(key) => vec![Cmd::Backlinks(key)],
            None if state.readers.is_empty() => say("no document open".into()),
            None => say(format!(
                "select a reference first ({}); this document states no symbol of its own",
                state.key(Action::NextReference)
            )),
        },
        Action::NextCitation | Action::PrevCitation => {
            if state.backlinks.is_some() {
                vec![Cmd::StepCitation(a == Action::NextCitation)]
            } else {
                say(format!(
                    "no backlinks open: {} shows what cites the current reference",
                    state.key(Action::Backlinks)
                ))
            }
        }
        Action::AgendaItem => match jump::agenda_item(state, corpus, i) {
            Ok((doc, target)) => vec![Cmd::Jump {
                reader: i,
                doc,
                target,
            }],
            Err(m) => {
                let warn = m.contains("not in this corpus");
                vec![Cmd::Say(m, warn)]
            }
        },
        Action::Outline => outline(state, corpus, i),
        Action::Family => family(state, corpus, i),
        Action::Diff => diff(state, corpus, i),
        Action::Swap if state.readers.len() == 2 => vec![Cmd::Swap],
        Action::CloseReader if state.readers.len() == 2 => {
            let j = match state.layers.pane() {
                Pane::Reader(j) => j,
                _ => 1,
            };
            vec![Cmd::CloseReader(j)]
        }
        Action::Swap | Action::CloseReader => say("only one reader is open".into()),
        Action::SyncScroll => sync_scroll(state, corpus, i),
        Action::Sort => {
            let page = layout::rows(state.layout.list);
            let next = state.list.sort.next();
            state.list.sort_by(corpus, next, page);
            say(format!("sorted by {}", next.name()))
        }
        Action::ToggleList => vec![Cmd::ToggleList],
        Action::Filter => {
            let mut cmds = Vec::new();
            if state.list_visibility == ListVisibility::Hidden || !state.list_shown() {
                cmds.push(Cmd::ToggleList);
            }
            cmds.push(Cmd::Focus(Pane::List));
            cmds.push(Cmd::Push(Popup::Filter));
            cmds
        }
        _ => Vec::new(),
    }
}

fn outline(state: &State, corpus: &Corpus, i: usize) -> Vec<Cmd> {
    let Some(r) = state.readers.get(i) else {
        return vec![Cmd::Say("no document open".into(), false)];
    };
    let Some(shown) = r.shown(corpus) else {
        return Vec::new();
    };
    let d: &crate::model::Document = &shown;
    match OutlineState::open(d, r.doc, i, r.top_line(d)) {
        Some(o) => vec![Cmd::Push(Popup::Outline(o))],
        None => vec![Cmd::Say(
            "no agenda items, headings or numbered paragraphs here".into(),
            false,
        )],
    }
}

/// The family popup of the document read in reader `i` (from the list: the
/// selected one, opened in the first reader).
fn family(state: &State, corpus: &Corpus, i: usize) -> Vec<Cmd> {
    let (doc, reader) = match (state.layers.pane(), state.readers.get(i)) {
        (Pane::List, _) | (_, None) => match state.list.selected_doc() {
            Some(d) => (d, 0),
            None => return vec![Cmd::Say("no document selected".into(), false)],
        },
        (_, Some(r)) => (r.doc, i),
    };
    match OutlineState::family(corpus, doc, reader) {
        Some(o) => vec![Cmd::Push(Popup::Outline(o))],
        None => vec![Cmd::Say(
            format!(
                "{} has no family here: no revision, addendum, corrigendum, draft or adopted text in the corpus",
                corpus.get(doc).map_or("this document", |d| d.label())
            ),
            false,
        )],
    }
}

/// The diff view of two versions: the two readers' documents when two are
/// open (left old, right new), else the document read (or selected) against
/// its draft, the text adopted from it, or the original it revises.
fn diff(state: &State, corpus: &Corpus, i: usize) -> Vec<Cmd> {
    let say = |m: String| vec![Cmd::Say(m, false)];
    let pair = if state.readers.len() == 2 {
        let (a, b) = (state.readers[0].doc, state.readers[1].doc);
        let lang = |d: usize| corpus.get(d).and_then(|d| d.meta.language.clone());
        let symbol = |d: usize| corpus.get(d).and_then(|d| d.meta.symbol.clone());
        if symbol(a).is_some() && symbol(a) == symbol(b) && lang(a) != lang(b) {
            return say(
                "these are two language versions of one document: read them side by side, paragraph against paragraph".into(),
            );
        }
        (a, b)
    } else {
        let doc = match (state.layers.pane(), state.readers.get(i)) {
            (Pane::List, _) | (_, None) => match state.list.selected_doc() {
                Some(d) => d,
                None => return say("no document selected".into()),
            },
            (_, Some(r)) => r.doc,
        };
        match counterpart(corpus, doc) {
            Ok(pair) => pair,
            Err(m) => return say(m),
        }
    };
    let (Some(old), Some(new)) = (corpus.get(pair.0), corpus.get(pair.1)) else {
        return Vec::new();
    };
    let changes = crate::model::diff::documents(old, new);
    let d = crate::app::diff::DiffState::new(
        (pair.0, old.label().to_string()),
        (pair.1, new.label().to_string()),
        changes,
    );
    let n = d.changed();
    let mut cmds = vec![Cmd::Push(Popup::Diff(Box::new(d)))];
    cmds.push(Cmd::Say(
        if n == 0 {
            "no paragraph changed".to_string()
        } else {
            format!(
                "{} · {} steps through them",
                crate::app::command::count(n, "paragraph changed", "paragraphs changed"),
                state.key(Action::NextChange)
            )
        },
        false,
    ));
    cmds
}

/// The older and newer of document `doc` and the family member it is
/// compared with (in `doc`'s language where the corpus has it), or why
/// there is none.
fn counterpart(corpus: &Corpus, doc: usize) -> Result<(usize, usize), String> {
    let label = corpus.get(doc).map_or("this document", |d| d.label());
    let none = || {
        format!(
            "{label} has no draft, adopted text or earlier revision here: open two documents side by side to compare them"
        )
    };
    let link = corpus.family_link(doc).ok_or_else(none)?;
    let other_is_older = match link.relation {
        "adopted_from" | "revision" => true,
        "draft_of" => false,
        _ => return Err(none()),
    };
    let language = corpus.get(doc).and_then(|d| d.meta.language.clone());
    let versions = corpus.documents_with_symbol(&link.of);
    let other = versions
        .iter()
        .copied()
        .find(|&v| corpus.get(v).and_then(|d| d.meta.language.clone()) == language)
        .or_else(|| versions.first().map(|&v| corpus.listed_version(v)))
        .ok_or_else(|| format!("{label}: {} is not in this corpus", link.of))?;
    Ok(if other_is_older {
        (other, doc)
    } else {
        (doc, other)
    })
}

fn sync_scroll(state: &mut State, corpus: &Corpus, i: usize) -> Vec<Cmd> {
    if state.readers.len() < 2 {
        return vec![Cmd::Say(
            format!(
                "synchronised scrolling needs two readers ({})",
                state.key(Action::SideBySide)
            ),
            false,
        )];
    }
    state.sync_scroll = !state.sync_scroll;
    if !state.sync_scroll {
        return vec![Cmd::Say("scrolling separately".into(), false)];
    }
    let how = if state.aligned.is_some() {
        "by aligned paragraph"
    } else if jump::sync_by_number(state, corpus) {
        "by paragraph number"
    } else {
        "by position"
    };
    vec![
        Cmd::Say(format!("scrolling together ({how})"), false),
        Cmd::Scrolled(i),
    ]
}

/// The pane focus moves to: the next (or previous) of list, readers, backlinks.
fn cycle_focus(state: &State, forward: bool) -> Option<Pane> {
    let mut ring = Vec::new();
    if state.list_shown() && (state.size.0 >= layout::NARROW_BELOW || state.readers.is_empty()) {
        ring.push(Pane::List);
    }
    ring.extend((0..state.readers.len()).map(Pane::Reader));
    if state.backlinks.is_some() {
        ring.push(Pane::Backlinks);
    }
    if ring.is_empty() {
        return None;
    }
    let now = state.layers.pane();
    let at = ring.iter().position(|p| *p == now).unwrap_or(0);
    let n = ring.len();
    Some(
        ring[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }],
    )
}

/// True when `focus` is a line being typed in (keys there are text).
pub fn typing(focus: Focus) -> bool {
    matches!(focus, Focus::Search | Focus::Find | Focus::Filter)
}

/// Where a document opened beside reader `from` goes.
pub fn other_reader(state: &State, from: usize) -> usize {
    if state.readers.len() >= 2 {
        1 - from.min(1)
    } else {
        1
    }
}
