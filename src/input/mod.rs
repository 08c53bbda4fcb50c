//! Input: terminal events become [`crate::app::Msg`]s through the keymap.
//! Keys flow through focus layers: the search bar takes typed characters, a
//! popup takes its own keys, then the focused pane, then the global section.

pub mod config;
pub mod keymap;

use crate::app::state::{Focus, State};
use crate::app::{Action, Msg};
use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};
pub use keymap::{Key, Keymap, Section};

/// The message for a terminal event, if it means anything.
pub fn translate(event: &Event, state: &State, keymap: &Keymap) -> Option<Msg> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            if k.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(k.code, KeyCode::Char('c' | 'C'))
            {
                return Some(Msg::Action(Action::Quit));
            }
            let key = Key::from_event(k);
            if let Some(a) = key.and_then(|key| keymap.lookup(state.focus, key)) {
                return Some(Msg::Action(a));
            }
            let typing = matches!(state.focus, Focus::Search | Focus::Find);
            match k.code {
                KeyCode::Char(c)
                    if typing
                        && !k
                            .modifiers
                            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Msg::Char(c))
                }
                _ => None,
            }
        }
        Event::Paste(text) => text.chars().find(|c| !c.is_control()).map(Msg::Char),
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Msg::Wheel(m.column, m.row, true)),
            MouseEventKind::ScrollUp => Some(Msg::Wheel(m.column, m.row, false)),
            _ => None,
        },
        _ => None,
    }
}

/// The key names to show for each action in messages, for the reader's focus.
pub fn key_names(keymap: &Keymap) -> std::collections::HashMap<Action, String> {
    Action::ALL
        .iter()
        .filter_map(|&a| {
            keymap
                .key_name(Focus::Reader(0), a)
                .or_else(|| keymap.key_name(Focus::List, a))
                .map(|k| (a, k))
        })
        .collect()
}
