//! The keymap as data: key names (`ctrl-p`, `G`, `alt-left`) bound to
//! [`Action`]s per section (the pane that has focus), read from the embedded
//! default (`assets/config.toml`) with the user's file merged over it.

use crate::app::Action;
use crate::app::Focus;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;
use std::fmt;

/// A set of bindings that applies while a given pane has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Everywhere except while typing.
    Global,
    /// The document list.
    List,
    /// A reader.
    Reader,
    /// The search bar.
    Search,
    /// The find line.
    Find,
    /// The list's filter line.
    Filter,
    /// The backlinks pane.
    Backlinks,
    /// The outline.
    Outline,
    /// The help screen.
    Help,
    /// The diff view.
    Diff,
}

impl Section {
    /// Every section, in help order.
    pub const ALL: [Section; 10] = [
        Section::Global,
        Section::List,
        Section::Reader,
        Section::Search,
        Section::Find,
        Section::Filter,
        Section::Backlinks,
        Section::Outline,
        Section::Help,
        Section::Diff,
    ];

    /// Its name in config files.
    pub fn name(self) -> &'static str {
        match self {
            Section::Global => "global",
            Section::List => "list",
            Section::Reader => "reader",
            Section::Search => "search",
            Section::Find => "find",
            Section::Filter => "filter",
            Section::Backlinks => "backlinks",
            Section::Outline => "outline",
            Section::Help => "help",
            Section::Diff => "diff",
        }
    }

    /// Its title in the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Section::Global => "Everywhere",
            Section::List => "Document list",
            Section::Reader => "Reader",
            Section::Search => "Search bar",
            Section::Find => "Search in the document",
            Section::Filter => "Filter the list",
            Section::Backlinks => "Backlinks",
            Section::Outline => "Outline",
            Section::Help => "Help",
            Section::Diff => "Diff of two versions",
        }
    }

    /// The section named `name`.
    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The sections consulted, in order, while `focus` has focus.
    pub fn chain(focus: Focus) -> &'static [Section] {
        match focus {
            Focus::List => &[Section::List, Section::Global],
            Focus::Reader(_) => &[Section::Reader, Section::Global],
            Focus::Search => &[Section::Search],
            Focus::Find => &[Section::Find],
            Focus::Filter => &[Section::Filter],
            Focus::Backlinks => &[Section::Backlinks, Section::Global],
            Focus::Outline => &[Section::Outline, Section::Global],
            Focus::Help => &[Section::Help, Section::Global],
            Focus::Diff => &[Section::Diff, Section::Global],
        }
    }
}

/// A key with its modifiers (shift is folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// The key.
    pub code: KeyCodeName,
    /// Ctrl held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
}

/// The keys a binding can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeName {
    /// A character (already shifted: `G`, `?`).
    Char(char),
    /// A function key.
    F(u8),
    /// A named key.
    Named(&'static str),
}

const NAMED: &[(&str, &str)] = &[
    ("enter", "Enter"),
    ("esc", "Esc"),
    ("tab", "Tab"),
    ("shift-tab", "Shift-Tab"),
    ("backspace", "Backspace"),
    ("delete", "Delete"),
    ("insert", "Insert"),
    ("up", "↑"),
    ("down", "↓"),
    ("left", "←"),
    ("right", "→"),
    ("home", "Home"),
    ("end", "End"),
    ("pageup", "PgUp"),
    ("pagedown", "PgDn"),
    ("space", "Space"),
];

impl Key {
    /// Parses a key name (`ctrl-p`, `G`, `alt-left`, `f1`).
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut rest = s;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let code = if rest.chars().count() == 1 {
            let c = rest.chars().next().unwrap_or(' ');
            KeyCodeName::Char(if ctrl { c.to_ascii_lowercase() } else { c })
        } else if let Some((name, _)) = NAMED.iter().find(|(n, _)| *n == lower) {
            KeyCodeName::Named(name)
        } else if lower == "backtab" {
            KeyCodeName::Named("shift-tab")
        } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            KeyCodeName::F(n)
        } else {
            return Err(format!("unknown key `{s}`"));
        };
        let code = if code == KeyCodeName::Char(' ') {
            KeyCodeName::Named("space")
        } else {
            code
        };
        Ok(Key { code, ctrl, alt })
    }

    /// The key of a terminal key event, if it can be bound.
    pub fn from_event(e: &KeyEvent) -> Option<Key> {
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        let alt = e.modifiers.contains(KeyModifiers::ALT);
        let named = |n: &str| {
            NAMED
                .iter()
                .find(|(k, _)| *k == n)
                .map(|(k, _)| KeyCodeName::Named(k))
        };
        let code = match e.code {
            KeyCode::Char(' ') => named("space")?,
            KeyCode::Char(c) => KeyCodeName::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::F(n) => KeyCodeName::F(n),
            KeyCode::Enter => named("enter")?,
            KeyCode::Esc => named("esc")?,
            KeyCode::Tab if e.modifiers.contains(KeyModifiers::SHIFT) => named("shift-tab")?,
            KeyCode::Tab => named("tab")?,
            KeyCode::BackTab => named("shift-tab")?,
            KeyCode::Backspace => named("backspace")?,
            KeyCode::Delete => named("delete")?,
            KeyCode::Insert => named("insert")?,
            KeyCode::Up => named("up")?,
            KeyCode::Down => named("down")?,
            KeyCode::Left => named("left")?,
            KeyCode::Right => named("right")?,
            KeyCode::Home => named("home")?,
            KeyCode::End => named("end")?,
            KeyCode::PageUp => named("pageup")?,
            KeyCode::PageDown => named("pagedown")?,
            _ => return None,
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCodeName::Char(c) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCodeName::Char(c) => write!(f, "{c}"),
            KeyCodeName::F(n) => write!(f, "F{n}"),
            KeyCodeName::Named(n) => {
                let shown = NAMED.iter().find(|(k, _)| *k == n).map_or(n, |(_, s)| s);
                f.write_str(shown)
            }
        }
    }
}

/// The actions of one section with their keys.
pub type HelpRows = Vec<(Action, Vec<Key>)>;

/// Bindings per section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    sections: BTreeMap<Section, BTreeMap<Key, Action>>,
}

impl Keymap {
    /// Binds `key` to `action` in `section` (`None` removes the binding).
    pub fn bind(&mut self, section: Section, key: Key, action: Option<Action>) {
        let s = self.sections.entry(section).or_default();
        match action {
            Some(a) => {
                s.insert(key, a);
            }
            None => {
                s.remove(&key);
            }
        }
    }

    /// The action bound to `key` while `focus` has focus.
    pub fn lookup(&self, focus: Focus, key: Key) -> Option<Action> {
        Section::chain(focus)
            .iter()
            .find_map(|s| self.sections.get(s)?.get(&key).copied())
    }

    /// The keys bound to `action` in `section`, in key order.
    pub fn keys_for(&self, section: Section, action: Action) -> Vec<Key> {
        self.sections
            .get(&section)
            .map(|m| {
                m.iter()
                    .filter(|(_, a)| **a == action)
                    .map(|(k, _)| *k)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The first key that triggers `action` while `focus` has focus, as shown to people.
    pub fn key_name(&self, focus: Focus, action: Action) -> Option<String> {
        let mut keys: Vec<Key> = Section::chain(focus)
            .iter()
            .flat_map(|&s| self.keys_for(s, action))
            .collect();
        // Prefer Enter and Esc (what everyone tries first), then characters
        // (`b`, then `Ctrl-O`), then other named keys (`Backspace`).
        let first = |k: &Key| matches!(k.code, KeyCodeName::Named("enter" | "esc"));
        keys.sort_by_key(|k| {
            (
                !first(k),
                !matches!(k.code, KeyCodeName::Char(_)),
                k.ctrl || k.alt,
            )
        });
        keys.into_iter()
            .find(|k| self.lookup(focus, *k) == Some(action))
            .map(|k| k.to_string())
    }

    /// Every (section, action, keys) for the help screen.
    pub fn help_rows(&self) -> Vec<(Section, HelpRows)> {
        Section::ALL
            .iter()
            .filter_map(|&s| {
                let rows: HelpRows = Action::ALL
                    .iter()
                    .map(|&a| (a, self.keys_for(s, a)))
                    .filter(|(_, k)| !k.is_empty())
                    .collect();
                (!rows.is_empty()).then_some((s, rows))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_parse_and_display() {
        let k = Key::parse("ctrl-p").unwrap();
        assert!(k.ctrl && k.code == KeyCodeName::Char('p'));
        assert_eq!(k.to_string(), "Ctrl-P");
        assert_eq!(Key::parse("G").unwrap().code, KeyCodeName::Char('G'));
        assert_eq!(Key::parse("alt-left").unwrap().to_string(), "Alt-←");
        assert_eq!(Key::parse("f1").unwrap().to_string(), "F1");
        assert_eq!(
            Key::parse("backtab").unwrap(),
            Key::parse("shift-tab").unwrap()
        );
        assert!(Key::parse("hyper-x").is_err());
        let e = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&e), Some(Key::parse("G").unwrap()));
        let e = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&e), Some(Key::parse("shift-tab").unwrap()));
    }
}
