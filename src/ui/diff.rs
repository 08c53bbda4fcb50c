//! The diff view: the old version on the left, the new one on the right,
//! each paragraph against its counterpart; deletions struck out in the old
//! column, insertions marked in the new one, unchanged paragraphs folded.
//! Rows come ready-made from `app::diff`; this only paints them.

use crate::app::diff::{Item, Run};
use crate::model::diff::OpKind;
use crate::ui::View;
use crate::ui::theme::Theme;
use crate::ui::util::{block, fit, pad, title};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Draws the diff view in `area`.
pub fn draw(v: &View, area: Rect, buf: &mut Buffer) {
    let t = v.theme;
    crate::ui::util::clear_popup(area, buf);
    let Some(d) = v.state.layers.diff() else {
        return;
    };
    let changed = d.changed();
    let place = match d.change_number() {
        Some(n) => format!("change {n}/{changed}"),
        None => format!("{changed} changed"),
    };
    let head = format!("Diff — {} → {} · {place}", d.old.1, d.new.1);
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
    if inner.height < 2 || inner.width < 10 {
        return;
    }
    let column = d.column;
    let right_x = inner.x + 2 + column as u16 + 3;
    // The heading: which version is which.
    buf.set_string(
        inner.x + 2,
        inner.y,
        pad(&fit(&format!("old: {}", d.old.1), column), column),
        t.label,
    );
    buf.set_string(
        right_x,
        inner.y,
        fit(&format!("new: {}", d.new.1), column),
        t.label,
    );
    let rows = (inner.height as usize).saturating_sub(1);
    for (k, row) in d.rows.iter().skip(d.top).take(rows).enumerate() {
        let y = inner.y + 1 + k as u16;
        let item = d.items.get(row.item);
        let first = d.top + k == 0 || d.rows.get(d.top + k - 1).is_none_or(|p| p.item != row.item);
        let moved =
            matches!(item, Some(Item::Change(c)) if d.changes.get(*c).is_some_and(|c| c.moved));
        // The gutter: the cursor's bar, a moved paragraph's arrow.
        let blank = row.left.is_empty() && row.right.is_empty();
        let gutter = if blank {
            " "
        } else if row.item == d.current {
            "▌"
        } else if moved && first {
            "⇅"
        } else {
            " "
        };
        buf.set_string(inner.x, y, gutter, t.border_focus);
        if let Some(Item::Fold(_)) = item {
            let style = if row.item == d.current {
                t.selected_idle
            } else {
                t.dim
            };
            let text: String = row.left.iter().map(|(s, _)| s.as_str()).collect();
            buf.set_string(
                inner.x + 2,
                y,
                fit(&text, (inner.width as usize).saturating_sub(3)),
                style,
            );
            continue;
        }
        if !row.left.is_empty() || !row.right.is_empty() {
            buf.set_string(inner.x + 2 + column as u16 + 1, y, "│", t.border);
        }
        buf.set_line(inner.x + 2, y, &runs(&row.left, t), column as u16);
        buf.set_line(right_x, y, &runs(&row.right, t), column as u16);
    }
}

/// A row's runs styled by what they are to the change.
fn runs<'a>(runs: &[Run], t: &Theme) -> Line<'a> {
    Line::from(
        runs.iter()
            .map(|(text, kind)| {
                let style: Style = match kind {
                    OpKind::Equal if text.starts_with('∅') || text.starts_with('⋯') => t.dim,
                    OpKind::Equal => t.text,
                    OpKind::Delete => t.deleted,
                    OpKind::Insert => t.inserted,
                };
                Span::styled(crate::sanitize::inert_line(text).into_owned(), style)
            })
            .collect::<Vec<_>>(),
    )
}
