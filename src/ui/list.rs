//! The document list: one row per document (symbol or id, date, language,
//! title), only the visible rows drawn, the selection always in view.

use crate::app::Focus;
use crate::app::window::ListRow;

use crate::ui::View;
use crate::ui::util::{block, fit, pad, title};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Draws the list in `area`.
pub fn draw(v: &View, area: Rect, buf: &mut Buffer) {
    let s = v.state;
    let t = v.theme;
    let focused = s.focus() == Focus::List;
    let n = s.list.len();
    let count = if s.list.filter.is_empty() {
        format!(
            "Documents {}/{}",
            if n == 0 { 0 } else { s.list.selected + 1 },
            n
        )
    } else {
        // What the filter keeps, of all (fzf's `12/340`).
        format!(
            "Documents {n}/{} “{}”",
            s.list.listed,
            crate::sanitize::inert_line(&s.list.filter)
        )
    };
    let order = match s.list.sort {
        // A paged list is in the order its source keeps.
        crate::app::list::Sort::Corpus if s.list.window.as_ref().is_some_and(|w| !w.kept) => {
            "as stored".to_string()
        }
        crate::app::list::Sort::Corpus => "file order".to_string(),
        other => format!("by {}", other.name()),
    };
    // The order goes in the title when it fits.
    let mut name = if count.len() + order.len() + 7 <= area.width as usize {
        format!("{count} · {order}")
    } else {
        count
    };
    if let Some(l) = s.loading {
        name = format!("{name} · reading {}/{}", l.done, l.total);
        if l.pages > 0 {
            name = format!("{name}, {} pages", l.pages);
        }
        if let Some(eta) = l.eta_secs {
            name = format!("{name}, {} left", eta_text(eta));
        }
    }
    let b = block(Line::from(title(name, t)), focused, t);
    let inner = b.inner(area);
    b.render(area, buf);
    let h = inner.height as usize;
    let w = inner.width as usize;
    if h == 0 || w == 0 {
        return;
    }
    let offset = s.list.offset;
    let rows = visible(v, offset, h);
    // Symbols get the room they need; bare ids (file stems) are cut shorter.
    let longest = rows
        .iter()
        .flatten()
        .map(|r| {
            let w = crate::ui::util::width(&r.label);
            if r.symbol { w.min(20) } else { w.min(12) }
        })
        .max()
        .unwrap_or(0);
    let label_w = longest.min(w * 2 / 5).max(4);
    let lang_w = rows
        .iter()
        .flatten()
        .map(|r| r.languages.len())
        .max()
        .unwrap_or(0)
        .clamp(2, 17);
    let show_lang = w >= 24 + lang_w.saturating_sub(2);
    let show_date = w >= 44;
    for (k, row) in rows.iter().enumerate() {
        let y = inner.y + k as u16;
        let selected = offset + k == s.list.selected;
        let Some(row) = row else {
            // A row of a page not arrived yet.
            buf.set_line(
                inner.x,
                y,
                &Line::from(Span::styled("…", t.dim)),
                inner.width,
            );
            if selected {
                buf.set_style(
                    Rect::new(inner.x, y, inner.width, 1),
                    if focused { t.selected } else { t.selected_idle },
                );
            }
            continue;
        };
        let mut spans = vec![
            Span::styled(pad(&row.label, label_w), t.label),
            Span::raw(" "),
        ];
        let mut used = label_w + 1;
        if show_date {
            let date = row.date.as_deref().unwrap_or("");
            spans.push(Span::styled(pad(date, 10), t.dim));
            spans.push(Span::raw(" "));
            used += 11;
        }
        if show_lang {
            spans.push(Span::styled(pad(&row.languages, lang_w), t.dim));
            spans.push(Span::raw(" "));
            used += lang_w + 1;
        }
        spans.push(Span::styled(
            fit(&row.title, w.saturating_sub(used)),
            t.text,
        ));
        let line = Line::from(spans);
        buf.set_line(inner.x, y, &line, inner.width);
        if selected {
            // The whole row, so the selection reads as a bar.
            buf.set_style(
                Rect::new(inner.x, y, inner.width, 1),
                if focused { t.selected } else { t.selected_idle },
            );
        }
    }
}

/// The rows from `offset` that fit in `height`: from the paged list's
/// window (`None` for a row not arrived yet), or made from the corpus.
fn visible(v: &View, offset: usize, height: usize) -> Vec<Option<ListRow>> {
    let list = &v.state.list;
    let n = list.len();
    let range = offset.min(n)..(offset + height).min(n);
    if let Some(w) = &list.window {
        return range.map(|i| w.row(i).cloned()).collect();
    }
    let docs = v.corpus.documents();
    list.order[range]
        .iter()
        .filter_map(|&d| docs.get(d as usize).map(|doc| (d as usize, doc)))
        .map(|(d, doc)| {
            // Every language the document is held in (`en fr ru`).
            let versions = v.corpus.versions_of(d);
            let codes: Vec<&str> = versions
                .iter()
                .filter_map(|x| x.language.as_deref())
                .collect();
            Some(ListRow {
                id: doc.id.clone(),
                label: doc.label().to_string(),
                symbol: doc.meta.symbol.is_some(),
                date: doc.meta.date.clone(),
                languages: codes.join(" "),
                title: doc.display_title(),
            })
        })
        .collect()
}

/// `40 s`, `3 min`, `1 h 05`: a time left, as coarse as it is uncertain.
fn eta_text(secs: u64) -> String {
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min", secs.div_ceil(60)),
        _ => format!("{} h {:02}", secs / 3600, (secs % 3600) / 60),
    }
}
