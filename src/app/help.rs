//! The help screen's geometry: how its text wraps into rows, and how far it
//! scrolls. The reducer and the mouse clamp the scroll here; `ui::help` draws
//! the same rows.

use crate::app::jump;
use crate::app::state::State;

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

/// Rows of the help popup's inside, for page movements.
pub fn page(state: &State) -> usize {
    let area = jump::layout(state).help.unwrap_or_default();
    area.height.saturating_sub(2).max(1) as usize
}

/// The furthest the help scrolls: its last row at the bottom of the popup.
pub fn max_scroll(state: &State) -> usize {
    let area = jump::layout(state).help.unwrap_or_default();
    let rows = row_count(state.help_rows(), area.width.saturating_sub(2));
    rows.saturating_sub(area.height.saturating_sub(2) as usize)
}

/// Scrolls the help (when shown) to `to`, within its rows.
pub fn scroll_to(state: &mut State, to: usize) {
    let max = max_scroll(state);
    if let Some(h) = &mut state.help {
        *h = to.min(max);
    }
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
