//! The help screen, generated from the keymap: every binding, grouped by
//! pane, with the action's own description.

use crate::app::Action;
use crate::app::help::{columns, wrap_words};
use crate::app::state::HelpPage;
use crate::input::{Keymap, Section};
use crate::ui::View;
use crate::ui::theme::Theme;
use crate::ui::util::{block, fit, title};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

/// What `action` does in `section`, when it says more than the action's own text.
fn describe(section: Section, action: Action) -> &'static str {
    match (section, action) {
        (Section::List, Action::Find) => "Open the search bar",
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

/// Draws the help popup in `area`.
pub fn draw(v: &View, area: Rect, buf: &mut Buffer) {
    let t = v.theme;
    Clear.render(area, buf);
    let problems = v.state.help_page == HelpPage::Problems;
    let head = if problems {
        format!(
            "Skipped files — {} (Esc closes, j/k scroll)",
            v.state.problems.len()
        )
    } else {
        "Help — keys (Esc or ? closes, j/k scroll)".to_string()
    };
    let b = block(
        Line::from(title(
            fit(&head, (area.width as usize).saturating_sub(4)),
            t,
        )),
        true,
        t,
    );
    let inner = b.inner(area);
    b.render(area, buf);
    let rows = if problems {
        rows(t, &v.state.problems, inner.width)
    } else {
        rows(t, &lines(v.keymap), inner.width)
    };
    let h = inner.height as usize;
    let scroll = v.state.help.unwrap_or(0).min(rows.len().saturating_sub(h));
    for (k, line) in rows.iter().enumerate().skip(scroll).take(h) {
        let y = inner.y + (k - scroll) as u16;
        buf.set_line(inner.x + 1, y, line, inner.width.saturating_sub(1));
    }
}

/// The help laid out in `width` columns (descriptions wrapped under their keys).
fn rows<'a>(t: &Theme, text: &[(String, String)], width: u16) -> Vec<Line<'a>> {
    let (key_w, desc_w) = columns(width);
    let mut rows: Vec<Line> = Vec::new();
    for (keys, desc) in text.iter().cloned() {
        if keys.is_empty() {
            rows.push(Line::from(Span::styled(desc, t.heading)));
            continue;
        }
        for (k, piece) in wrap_words(&desc, desc_w).into_iter().enumerate() {
            let keys = if k == 0 { keys.as_str() } else { "" };
            rows.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(crate::ui::util::pad(keys, key_w), t.key),
                Span::raw(" "),
                Span::styled(fit(&piece, desc_w), t.text),
            ]));
        }
    }
    rows
}
