//! The help popup: the keys (generated from the keymap) or the files that
//! were skipped, its geometry (how its text wraps and how far it scrolls),
//! and what its keys do. `ui::help` draws the same rows.

use crate::app::Action;
use crate::app::command::{Cmd, Cx, moved};

/// What the help popup shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HelpPage {
    /// Every key binding.
    #[default]
    Keys,
    /// The files that were skipped, and why.
    Problems,
    /// A footnote of the document read (opened at its mark).
    Note,
}

/// The help popup: its page and scroll position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HelpState {
    /// What it shows.
    pub page: HelpPage,
    /// First row shown.
    pub scroll: usize,
    /// The furthest it scrolls (its last row at the bottom), set by the
    /// reducer from the layout.
    pub max_scroll: usize,
}

impl HelpState {
    /// Scrolls to `to`, within its rows.
    pub fn scroll_to(&mut self, to: usize) {
        self.scroll = to.min(self.max_scroll);
    }
}

/// What a key does in the help; `None` passes it down.
pub fn handle(h: &mut HelpState, a: Action, cx: &Cx) -> Option<Vec<Cmd>> {
    if a == Action::Close {
        return Some(vec![Cmd::Pop]);
    }
    if let Some(to) = moved(a, h.scroll, usize::MAX, cx.page) {
        h.scroll_to(to);
    }
    // Modal, as less's help is: only the keys that open another page or
    // the search bar pass down.
    match a {
        Action::Help | Action::Problems | Action::SearchBar | Action::Quit | Action::Footnote => {
            None
        }
        _ => Some(Vec::new()),
    }
}

/// Widths of the keys column and the description column for a popup whose
/// inside is `width` columns wide.
pub fn columns(width: u16) -> (usize, usize) {
    let key_w = 22.min(width as usize / 3);
    let desc_w = (width as usize).saturating_sub(key_w + 4).max(8);
    (key_w, desc_w)
}

fn cols(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Cuts `s` into pieces of at most `width` columns, at spaces when possible.
pub fn wrap_words(s: &str, width: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    for word in s.split(' ') {
        let cur = out.last().map_or(0, |l| cols(l));
        if cur > 0 && cur + 1 + cols(word) > width {
            out.push(String::new());
        }
        if let Some(l) = out.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(word);
        }
    }
    out
}

/// How many rows `text` takes in a popup whose inside is `width` columns wide.
pub fn row_count(text: &[(String, String)], width: u16) -> usize {
    let (_, desc_w) = columns(width);
    text.iter()
        .map(|(keys, desc)| {
            if keys.is_empty() {
                1
            } else {
                wrap_words(desc, desc_w).len()
            }
        })
        .sum()
}

/// The furthest `text` scrolls in a popup of `area` (border included).
pub fn max_scroll(text: &[(String, String)], area: ratatui::layout::Rect) -> usize {
    let rows = row_count(text, area.width.saturating_sub(2));
    rows.saturating_sub(area.height.saturating_sub(2) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_spaces_within_the_width() {
        assert_eq!(wrap_words("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap_words("", 5), vec![""]);
        let text = vec![
            (String::new(), "Title".to_string()),
            ("j".to_string(), "one two three".to_string()),
        ];
        let (_, desc_w) = columns(20);
        assert_eq!(desc_w, 10);
        assert_eq!(row_count(&text, 20), 3);
    }
}
