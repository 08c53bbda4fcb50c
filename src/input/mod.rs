//! Input: terminal events become [`crate::app::Msg`]s through the keymap.
//! Keys flow through focus layers: the search bar takes typed characters, a
//! popup takes its own keys, then the focused pane, then the global section.

pub mod config;
pub mod help;
pub mod keymap;

use crate::app::keys::KeyNames;
use crate::app::{Action, Focus, Msg};
use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};
pub use keymap::{Key, Keymap, Section};

/// The message for a terminal event while `focus` has focus, if it means
/// anything. A key bound to nothing there says so (except while typing,
/// where characters are text).
pub fn translate(event: &Event, focus: Focus, keymap: &Keymap) -> Option<Msg> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            if k.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(k.code, KeyCode::Char('c' | 'C'))
            {
                return Some(Msg::Action(Action::Quit));
            }
            let key = Key::from_event(k);
            if let Some(a) = key.and_then(|key| keymap.lookup(focus, key)) {
                return Some(Msg::Action(a));
            }
            let typing = crate::app::global::typing(focus);
            let plain = !k
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match k.code {
                KeyCode::Char(c) if typing && plain => Some(Msg::Char(c)),
                _ if typing => None,
                // Modifier keys alone, and keys no binding can name, pass in silence.
                _ => key.map(|key| Msg::Unbound(key.to_string())),
            }
        }
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        Event::Paste(text) => Some(Msg::Paste(text.clone())),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Msg::Wheel(m.column, m.row, true)),
            MouseEventKind::ScrollUp => Some(Msg::Wheel(m.column, m.row, false)),
            _ => None,
        },
        _ => None,
    }
}

/// The key names to show for each action in messages: as bound in a reader,
/// else in the list, else anywhere.
pub fn key_names(keymap: &Keymap) -> KeyNames {
    let focuses = [
        Focus::Reader(0),
        Focus::List,
        Focus::Backlinks,
        Focus::Outline,
        Focus::Help,
        Focus::Search,
        Focus::Find,
        Focus::Filter,
        Focus::Diff,
    ];
    KeyNames::new(Action::ALL.iter().filter_map(|&a| {
        focuses
            .iter()
            .find_map(|&f| keymap.key_name(f, a))
            .map(|k| (a, k))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::config::Config;
    use crossterm::event::{KeyEvent, MouseEvent};

    fn key(code: KeyCode, mods: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, mods))
    }

    #[test]
    fn keys_become_actions_by_focus_and_typing_goes_to_the_search_bar() {
        let keymap = Config::default().keymap;
        let mut s = Focus::List;
        let act = |s: &Focus, e: Event| match translate(&e, *s, &keymap) {
            Some(Msg::Action(a)) => Some(a),
            _ => None,
        };
        assert_eq!(
            act(&s, key(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(
            act(&s, key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            act(&s, key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            act(&s, key(KeyCode::Left, KeyModifiers::ALT)),
            Some(Action::Back)
        );
        assert_eq!(
            act(&s, key(KeyCode::Right, KeyModifiers::ALT)),
            Some(Action::Forward)
        );
        s = Focus::Reader(0);
        assert_eq!(
            act(&s, key(KeyCode::Char(']'), KeyModifiers::NONE)),
            Some(Action::NextReference)
        );
        s = Focus::Search;
        assert!(matches!(
            translate(&key(KeyCode::Char('q'), KeyModifiers::NONE), s, &keymap),
            Some(Msg::Char('q'))
        ));
        assert_eq!(
            act(&s, key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            act(&s, key(KeyCode::Backspace, KeyModifiers::NONE)),
            Some(Action::DeleteChar)
        );
        assert!(translate(&key(KeyCode::Char('x'), KeyModifiers::CONTROL), s, &keymap).is_none());
        let wheel = Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        });
        assert!(matches!(
            translate(&wheel, s, &keymap),
            Some(Msg::Wheel(3, 4, true))
        ));
        assert!(matches!(
            translate(&key(KeyCode::Char(':'), KeyModifiers::NONE), Focus::List, &keymap),
            Some(Msg::Unbound(k)) if k == ":"
        ));
        assert!(matches!(
            translate(&Event::Paste("CTOC/COP/2012/1".into()), s, &keymap),
            Some(Msg::Paste(p)) if p == "CTOC/COP/2012/1"
        ));
    }
}
