//! Small helpers shared by the panes: safe, width-aware truncation and
//! bordered blocks that show focus.

use crate::sanitize;
use crate::ui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};

/// `s` made safe for one line of display and cut to `width` columns, with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    crate::text_width::truncate(&sanitize::inert_line(s), width).into_owned()
}

/// `s` fitted to exactly `width` columns (padded with spaces).
pub fn pad(s: &str, width: usize) -> String {
    let mut f = fit(s, width);
    let w = crate::text_width::width(&f);
    f.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    f
}

/// Display width of `s`.
pub fn width(s: &str) -> usize {
    crate::text_width::width(s)
}

/// A bordered block titled `title`, drawn to show whether it has focus.
pub fn block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    let b = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        });
    if focused {
        b.border_type(BorderType::Thick)
    } else {
        b.border_type(BorderType::Rounded)
    }
}

/// A title span with padding.
pub fn title<'a>(s: String, theme: &Theme) -> Span<'a> {
    Span::styled(format!(" {s} "), theme.title)
}

/// Spans of `text` where the characters at `positions` take `hl` over `base`.
pub fn highlighted<'a>(text: &str, positions: &[usize], base: Style, hl: Style) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut cur = String::new();
    let mut cur_hl = false;
    let mut p = positions.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        while p.peek().is_some_and(|&&x| x < i) {
            p.next();
        }
        let is = p.peek().is_some_and(|&&x| x == i);
        if is != cur_hl && !cur.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut cur),
                if cur_hl { base.patch(hl) } else { base },
            ));
        }
        cur_hl = is;
        cur.push(c);
    }
    if !cur.is_empty() {
        spans.push(Span::styled(
            cur,
            if cur_hl { base.patch(hl) } else { base },
        ));
    }
    spans
}

/// Clears `area` for a popup, with a column of margin on each side, so the
/// text under it never touches its border.
pub fn clear_popup(area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
    use ratatui::widgets::{Clear, Widget};
    let bounds = buf.area;
    let x = area.x.saturating_sub(1).max(bounds.x);
    let right = (area.x + area.width + 1).min(bounds.x + bounds.width);
    Clear.render(area.intersection(bounds), buf);
    // The margin on the rows between its borders: the borders of the panes
    // under it run on to its corners.
    let inner_rows = area.height.saturating_sub(2);
    let margin = ratatui::layout::Rect::new(x, area.y + 1, right.saturating_sub(x), inner_rows);
    Clear.render(margin.intersection(bounds), buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_columns_and_neutralises_controls() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("联合国毒品", 5), "联合…");
        assert_eq!(fit("a\u{1b}[2Jb", 10), "a␛[2Jb");
        assert_eq!(width(&pad("联合", 6)), 6);
    }
}
