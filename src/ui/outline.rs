//! The outline popup: agenda items, headings and numbered paragraphs.

use crate::ui::View;
use crate::ui::util::{block, fit, title};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Draws the outline popup in `area`.
pub fn draw(v: &View, area: Rect, buf: &mut Buffer) {
    let Some(o) = v.state.outline() else { return };
    let t = v.theme;
    crate::ui::util::clear_popup(area, buf);
    let blk = block(
        Line::from(title(format!("{} ({})", o.title, o.entries.len()), t)),
        true,
        t,
    );
    let inner = blk.inner(area);
    blk.render(area, buf);
    let h = inner.height as usize;
    let offset = o.offset;
    for (k, e) in o.entries.iter().enumerate().skip(offset).take(h) {
        let y = inner.y + (k - offset) as u16;
        let indent = "  ".repeat(e.depth as usize);
        let style = if e.depth == 0 { t.heading } else { t.text };
        let text = fit(&format!("{indent}{}", e.label), inner.width as usize);
        buf.set_line(
            inner.x,
            y,
            &Line::from(Span::styled(text, style)),
            inner.width,
        );
        if k == o.selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), t.selected);
        }
    }
}
