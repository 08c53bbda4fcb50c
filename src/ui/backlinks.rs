//! The backlinks pane: every place that cites one key, with its line of context.

use crate::app::Focus;

use crate::ui::View;
use crate::ui::util::{block, fit, pad, title, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

/// Draws the backlinks pane in `area`.
pub fn draw(v: &View, area: Rect, buf: &mut Buffer) {
    let Some(b) = &v.state.backlinks else { return };
    let t = v.theme;
    Clear.render(area, buf);
    let focused = v.state.focus() == Focus::Backlinks;
    let head = format!(
        "Cited by — {} ({})",
        b.key,
        crate::app::command::count(b.items.len(), "place", "places")
    );
    let blk = block(
        Line::from(title(fit(&head, area.width as usize - 4), t)),
        focused,
        t,
    );
    let inner = blk.inner(area);
    blk.render(area, buf);
    let (h, w) = (inner.height as usize, inner.width as usize);
    let offset = b.offset;
    let label_w = (w / 4).clamp(6, 22);
    for (k, c) in b.items.iter().enumerate().skip(offset).take(h) {
        let y = inner.y + (k - offset) as u16;
        let Some(doc) = v.corpus.get(c.doc) else {
            continue;
        };
        let line_no = format!("{:>5} ", c.line);
        let avail = w.saturating_sub(label_w + 1 + line_no.len());
        // Context: the cited text with what surrounds it on its line.
        let text = doc.line(c.line);
        let r = v.corpus.reference(c);
        let start = r.map_or(0, |r| {
            r.start
                .saturating_sub(doc.lines.start(c.line))
                .min(text.len())
        });
        let end = r.map_or(0, |r| {
            r.end
                .saturating_sub(doc.lines.start(c.line))
                .min(text.len())
        });
        let (mut before, cited, after) = (
            text.get(..start).unwrap_or(""),
            text.get(start..end).unwrap_or(""),
            text.get(end..).unwrap_or(""),
        );
        let lead = avail / 3;
        let mut prefix = String::new();
        if width(before) > lead {
            before = tail_within(before, lead);
            prefix.push('…');
        }
        let before = format!("{prefix}{}", before.trim_start());
        let bw = width(&crate::sanitize::inert_line(&before));
        let cw = width(&crate::sanitize::inert_line(cited));
        let spans = vec![
            Span::styled(pad(doc.label(), label_w), t.label),
            Span::raw(" "),
            Span::styled(line_no, t.dim),
            Span::styled(fit(&before, avail), t.dim),
            Span::styled(fit(cited, avail.saturating_sub(bw)), t.reference),
            Span::styled(fit(after, avail.saturating_sub(bw + cw)), t.dim),
        ];
        buf.set_line(inner.x, y, &Line::from(spans), inner.width);
        if k == b.selected {
            buf.set_style(
                Rect::new(inner.x, y, inner.width, 1),
                if focused { t.selected } else { t.selected_idle },
            );
        }
    }
}

/// The longest end of `s` at most `cols` columns wide (by display width, so
/// double-width characters count twice).
fn tail_within(s: &str, cols: usize) -> &str {
    let mut w = 0;
    let mut at = s.len();
    for (i, c) in s.char_indices().rev() {
        w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w > cols {
            break;
        }
        at = i;
    }
    &s[at..]
}

#[cfg(test)]
mod tests {
    use super::tail_within;
    use crate::ui::util::width;

    #[test]
    fn the_tail_is_cut_by_columns_not_characters() {
        assert_eq!(tail_within("abcdef", 3), "def");
        assert_eq!(tail_within("联合国毒品", 5), "毒品");
        assert_eq!(tail_within("联合国毒品", 0), "");
        assert_eq!(tail_within("ab", 10), "ab");
        let ar = "مؤتمر الأطراف في اتفاقية الأمم المتحدة";
        assert!(width(tail_within(ar, 7)) <= 7);
    }
}
