//! The help text, generated from the keymap: every binding, grouped by
//! pane, with the action's own description. Never written twice: the help
//! popup shows these rows, and the status-line hints read the same keymap.

use crate::app::Action;
use crate::input::{Keymap, Section};

/// What `action` does in `section`, when it says more than the action's own text.
fn describe(section: Section, action: Action) -> &'static str {
    match (section, action) {
        (Section::List, Action::Open) => "Open the selected document in the reader",
        (Section::List, Action::Close) => "Clear the filter",
        (Section::Filter, Action::Open) => "Keep the filter and go back to the list",
        (Section::Filter, Action::Close) => "Clear the filter and go back to the list",
        (Section::Filter, Action::Up) => "Select the previous document",
        (Section::Filter, Action::Down) => "Select the next document",
        (Section::Search, Action::Open) => "Open the selected result at its line",
        (Section::Search, Action::Close) => "Close the search bar and go back to the previous view",
        (Section::Search, Action::Up) => "Select the previous result",
        (Section::Search, Action::Down) => "Select the next result",
        (Section::Search, Action::PageUp) => "Select a page of results up",
        (Section::Search, Action::PageDown) => "Select a page of results down",
        (Section::Search, Action::SideBySide) => "Open the selected result in a second reader",
        (Section::Find, Action::Open) => "Keep the hits highlighted and go back to reading",
        (Section::Find, Action::Close) => "Cancel the search and go back where you were",
        (Section::Backlinks, Action::Close) => "Close the backlinks",
        (Section::Outline, Action::Close) => "Close the outline",
        (Section::Help, Action::Close) => "Close the help",
        (Section::Reader, Action::Close) => "Clear the search hits and the selected reference",
        _ => action.description(),
    }
}

/// The help text as lines of (keys, description); section titles have no keys.
pub fn lines(keymap: &Keymap) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (section, rows) in keymap.help_rows() {
        if !out.is_empty() {
            out.push((String::new(), String::new()));
        }
        out.push((String::new(), section.title().to_string()));
        for (action, keys) in rows {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            out.push((keys.join(" "), describe(section, action).to_string()));
        }
    }
    out.push((String::new(), String::new()));
    out.push(("Ctrl-C".into(), "Quit, always".into()));
    out.push((
        "mouse".into(),
        "Wheel scrolls the pane under the pointer; click selects a row or a reference".into(),
    ));
    out
}
