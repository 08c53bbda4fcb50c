//! The help screen: every binding, grouped by pane (rows generated from the
//! keymap by `input::help`), or the skipped files.

use crate::app::help::{HelpPage, columns, wrap_words};
use crate::ui::View;
use crate::ui::theme::Theme;
use crate::ui::util::{block, fit, title};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Draws the help popup in `area`.
pub fn draw(v: &View, area: Rect, buf: &mut Buffer) {
    let t = v.theme;
    crate::ui::util::clear_popup(area, buf);
    let Some(help) = v.state.help() else { return };
    let head = match help.page {
        HelpPage::Problems => format!(
            "Skipped files — {} (Esc closes, j/k scroll)",
            v.state.problems.len()
        ),
        HelpPage::Note => "Footnote (Esc closes; the key again: the next one)".to_string(),
        HelpPage::Keys => "Help — keys (Esc or ? closes, j/k scroll)".to_string(),
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
    let rows = rows(t, v.state.help_rows(help.page), inner.width);
    let h = inner.height as usize;
    let scroll = help.scroll;
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
