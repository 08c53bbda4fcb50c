//! The help screen, generated from the keymap: every binding, grouped by
//! pane, with the action's own description.

use crate::input::Keymap;
use crate::ui::View;
use crate::ui::util::{block, fit, title};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

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
            out.push((keys.join(" "), action.description().to_string()));
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
    let b = block(
        Line::from(title("Help — keys (Esc or ? closes, j/k scroll)".into(), t)),
        true,
        t,
    );
    let inner = b.inner(area);
    b.render(area, buf);
    let all = lines(v.keymap);
    let h = inner.height as usize;
    let scroll = v.state.help.unwrap_or(0).min(all.len().saturating_sub(h));
    let key_w = 22.min(inner.width as usize / 3);
    for (k, (keys, desc)) in all.iter().enumerate().skip(scroll).take(h) {
        let y = inner.y + (k - scroll) as u16;
        let line = if keys.is_empty() {
            Line::from(Span::styled(desc.clone(), t.heading))
        } else {
            Line::from(vec![
                Span::raw("  "),
                Span::styled(crate::ui::util::pad(keys, key_w), t.key),
                Span::raw(" "),
                Span::styled(
                    fit(desc, (inner.width as usize).saturating_sub(key_w + 3)),
                    t.text,
                ),
            ])
        };
        buf.set_line(inner.x + 1, y, &line, inner.width.saturating_sub(1));
    }
}
