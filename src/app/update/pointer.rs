//! Clicks and the wheel: what is under the pointer (hit-tested by
//! [`crate::app::mouse`] against the stored layout) is selected, opened or
//! scrolled.

use super::clear_popups;
use crate::app::command::{Cmd, Cx};
use crate::app::layers::Pane;
use crate::app::layout;
use crate::app::mouse::Hit;
use crate::app::state::State;
use crate::app::{Action, reader};
use crate::model::Corpus;

/// A click: selects what is under the pointer; a click on what is selected
/// opens it.
pub(super) fn click(state: &mut State, corpus: &Corpus, hit: Hit) -> Vec<Cmd> {
    let l = state.layout.clone();
    match hit {
        Hit::Nothing | Hit::Help => Vec::new(),
        Hit::Outline(k) => {
            let Some((k, o)) = k.zip(state.layers.outline_mut()) else {
                return Vec::new();
            };
            let again = o.selected == k;
            o.select(k, layout::rows(l.outline));
            if again {
                super::route(state, corpus, Action::Open)
            } else {
                Vec::new()
            }
        }
        Hit::Backlinks(k) => {
            clear_popups(state);
            let was_focused = state.layers.pane() == Pane::Backlinks;
            let mut cmds = vec![Cmd::Focus(Pane::Backlinks)];
            if let Some((k, b)) = k.zip(state.backlinks.as_mut()) {
                let again = b.selected == k && was_focused;
                b.select(k, layout::rows(l.backlinks));
                if again {
                    cmds.push(Cmd::OpenCitation { side: false });
                }
            }
            cmds
        }
        Hit::Results(k) => {
            let Some((k, s)) = k.zip(state.layers.search_mut()) else {
                return Vec::new();
            };
            if k == s.selected {
                vec![Cmd::AcceptResult { side: false }]
            } else {
                s.select(corpus, k, layout::rows(l.results))
            }
        }
        Hit::List(k) => {
            clear_popups(state);
            let had_focus = state.layers.pane() == Pane::List;
            let mut cmds = vec![Cmd::Focus(Pane::List)];
            if let Some(k) = k {
                if had_focus && k == state.list.selected {
                    cmds.push(Cmd::Focus(Pane::Reader(0)));
                } else if let Some(doc) = state.list.select(k, layout::rows(l.list)) {
                    cmds.push(Cmd::Preview(doc));
                }
            }
            cmds
        }
        Hit::Reader(i, byte) => {
            let searching = state.search().is_some();
            let mut cmds = Vec::new();
            if !searching {
                clear_popups(state);
                cmds.push(Cmd::Focus(Pane::Reader(i)));
            }
            let Some(r) = state.readers.get_mut(i) else {
                return cmds;
            };
            let reference = byte.and_then(|byte| {
                r.shown(corpus).and_then(|d| {
                    d.references
                        .iter()
                        .position(|x| x.start <= byte && byte < x.end)
                })
            });
            if let Some(k) = reference {
                let again = r.current_ref == Some(k);
                r.current_ref = Some(k);
                if again && !searching {
                    let c = Cx {
                        corpus,
                        keys: &state.keys,
                        page: 1,
                        view: l.viewport(i),
                    };
                    if let Some(more) = state
                        .readers
                        .get_mut(i)
                        .and_then(|r| reader::keys::handle(r, i, Action::Open, &c))
                    {
                        cmds.extend(more);
                    }
                }
            }
            cmds
        }
    }
}

/// A turn of the wheel: scrolls what is under the pointer by three rows.
pub(super) fn wheel(state: &mut State, corpus: &Corpus, hit: Hit, down: bool) -> Vec<Cmd> {
    const STEP: usize = 3;
    let l = state.layout.clone();
    let mv = |sel: usize| {
        if down {
            sel.saturating_add(STEP)
        } else {
            sel.saturating_sub(STEP)
        }
    };
    match hit {
        Hit::Nothing => Vec::new(),
        Hit::Help => {
            if let Some(h) = state.layers.help_mut() {
                let to = mv(h.scroll);
                h.scroll_to(to);
            }
            Vec::new()
        }
        Hit::Outline(_) => {
            if let Some(o) = state.layers.outline_mut() {
                o.select(mv(o.selected), layout::rows(l.outline));
            }
            Vec::new()
        }
        Hit::Backlinks(_) => {
            if let Some(b) = &mut state.backlinks {
                b.select(mv(b.selected), layout::rows(l.backlinks));
            }
            Vec::new()
        }
        Hit::Results(_) => match state.layers.search_mut() {
            Some(s) => {
                let to = mv(s.selected);
                s.select(corpus, to, layout::rows(l.results))
            }
            None => Vec::new(),
        },
        Hit::List(_) => {
            let to = mv(state.list.selected);
            state
                .list
                .select(to, layout::rows(l.list))
                .map(Cmd::Preview)
                .into_iter()
                .collect()
        }
        Hit::Reader(i, _) => {
            let v = l.viewport(i);
            let Some(r) = state.readers.get_mut(i) else {
                return Vec::new();
            };
            if let Some(shown) = r.shown(corpus) {
                let d: &crate::model::Document = &shown;
                r.scroll(d, if down { 3 } else { -3 }, v);
            }
            vec![Cmd::Scrolled(i)]
        }
    }
}
