//! A reader: the document's metadata header, its text rendered and wrapped
//! from the top row down to the bottom of the pane (never more), references
//! and search hits highlighted, and a scrollbar with the position.

use crate::app::Focus;
use crate::app::layout::ReaderRects;
use crate::app::reader::Reader;
use crate::app::text::{self, Glyph, flag};
use crate::model::Document;
use crate::ui::View;
use crate::ui::theme::Theme;
use crate::ui::util::{block, fit, title};
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

/// The metadata line of `doc`: date, session, place, language.
pub fn meta_line(doc: &Document) -> String {
    let m = &doc.meta;
    let mut parts = Vec::new();
    if let Some(s) = &m.symbol {
        parts.push(s.clone());
    }
    if let Some(d) = &m.date {
        parts.push(d.clone());
    }
    if let Some(s) = m.session {
        parts.push(format!("session {s}"));
    }
    if let Some(p) = &m.place {
        let when = match (&m.meeting_start, &m.meeting_end) {
            (Some(a), Some(b)) if a != b => format!(" {a} → {b}"),
            (Some(a), _) => format!(" {a}"),
            _ => String::new(),
        };
        parts.push(format!("{p}{when}"));
    }
    match (&m.language, &m.original_language) {
        (Some(l), Some(o)) if l != o => parts.push(format!("{l} (original {o})")),
        (Some(l), _) => parts.push(l.clone()),
        _ => {}
    }
    if parts.is_empty() {
        parts.push(doc.path.display().to_string());
    }
    parts.join(" · ")
}

/// The agenda line of `doc`, if it was issued under an agenda item.
pub fn agenda_line(doc: &Document) -> Option<String> {
    let a = doc.meta.agenda_item.as_ref()?;
    let mut s = format!("Item {}", a.item);
    if let Some(t) = &a.title {
        s.push_str(": ");
        s.push_str(t);
    }
    if let Some(sym) = &a.agenda_symbol {
        s = format!("{s} — agenda {sym}");
    }
    Some(s)
}

/// Draws reader `i` in its rectangles.
pub fn draw(v: &View, i: usize, rects: &ReaderRects, buf: &mut Buffer) {
    let Some(r) = v.state.readers.get(i) else {
        return;
    };
    let Some(shown) = r.shown(v.corpus) else {
        return;
    };
    let doc: &crate::model::Document = &shown;
    let t = v.theme;
    let focused = v.state.focus() == Focus::Reader(i);
    // The raw view names the document it shows as decoded.
    let name = match v.corpus.get(r.doc) {
        Some(d) if r.raw.is_some() => {
            format!("{} — {} [as decoded]", d.label(), d.display_title())
        }
        _ => format!("{} — {}", doc.label(), doc.display_title()),
    };
    let name = fit(
        &name,
        (rects.outer.width as usize).saturating_sub(24).max(8),
    );
    let top_line = r.top_line(doc);
    let total = doc.line_count();
    let pct = if total <= 1 {
        100
    } else {
        (top_line - 1) * 100 / (total - 1).max(1)
    };
    let pos = format!(" {top_line}/{total} {pct}% ");
    let b = block(Line::from(title(name, t)), focused, t)
        .title_top(Line::from(Span::styled(pos, t.dim)).right_aligned());
    b.render(rects.outer, buf);
    if rects.header.height > 0 {
        let w = rects.header.width as usize;
        buf.set_line(
            rects.header.x,
            rects.header.y,
            &Line::from(Span::styled(fit(&meta_line(doc), w), t.dim)),
            rects.header.width,
        );
        if rects.header.height > 1 {
            let second = agenda_line(doc)
                .unwrap_or_else(|| format!("{} · {} references", doc.id, doc.references.len()));
            buf.set_line(
                rects.header.x,
                rects.header.y + 1,
                &Line::from(Span::styled(
                    fit(&second, w),
                    t.dim.add_modifier(Modifier::ITALIC),
                )),
                rects.header.width,
            );
        }
    }
    let rows = draw_text(doc, r, rects.text, t, buf);
    crate::ui::aligned::draw(v, i, rects, &rows, buf);
    let mut sb =
        ScrollbarState::new(total.saturating_sub(1).max(1)).position(top_line.saturating_sub(1));
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some("│"))
        .thumb_style(if focused { t.border_focus } else { t.border })
        .track_style(t.border)
        .render(
            rects.outer.inner(Margin {
                horizontal: 0,
                vertical: 1,
            }),
            buf,
            &mut sb,
        );
}

/// Byte spans over a segment with a style: references, search hits.
struct Marks {
    spans: Vec<(u32, u32, Style)>,
}

impl Marks {
    fn for_segment(doc: &Document, r: &Reader, range: std::ops::Range<usize>, t: &Theme) -> Marks {
        let (s, e) = (range.start as u32, range.end as u32);
        let mut spans = Vec::new();
        let first = doc.references.partition_point(|x| (x.end as u32) <= s);
        for (k, x) in doc.references.iter().enumerate().skip(first) {
            if x.start as u32 >= e.max(s + 1) {
                break;
            }
            let style = if r.current_ref == Some(k) {
                t.reference_current
            } else {
                t.reference
            };
            spans.push((x.start as u32, x.end as u32, style));
        }
        if let Some(f) = &r.find {
            let first = f.hits.partition_point(|h| h.1 <= s);
            for (k, h) in f.hits.iter().enumerate().skip(first) {
                if h.0 >= e.max(s + 1) {
                    break;
                }
                let style = if k == f.current {
                    t.find_current
                } else {
                    t.find_hit
                };
                spans.push((h.0, h.1, style));
            }
        }
        Marks { spans }
    }

    fn style_at(&self, byte: u32) -> Option<Style> {
        let mut out: Option<Style> = None;
        for &(s, e, st) in &self.spans {
            if s <= byte && byte < e {
                out = Some(out.map_or(st, |o| o.patch(st)));
            }
        }
        out
    }
}

fn glyph_style(g: &Glyph, t: &Theme) -> Style {
    let mut s = t.text;
    if g.flags & flag::HEADING != 0 {
        s = s.patch(t.heading);
    }
    if g.flags & flag::BOLD != 0 {
        s = s.add_modifier(Modifier::BOLD);
    }
    if g.flags & flag::ITALIC != 0 {
        s = s.add_modifier(Modifier::ITALIC);
    }
    if g.flags & (flag::FOOTNOTE | flag::SUPER) != 0 {
        s = s.patch(t.footnote);
    }
    if g.flags & flag::CODE != 0 {
        s = s.patch(t.code);
    }
    if g.flags & flag::LINK != 0 {
        s = s.add_modifier(Modifier::UNDERLINED);
    }
    if g.flags & flag::STRIKE != 0 {
        s = s.add_modifier(Modifier::CROSSED_OUT);
    }
    if g.flags & flag::DECOR != 0 {
        s = s.patch(t.dim);
    }
    if g.flags & flag::CONTROL != 0 {
        s = s.patch(t.control);
    }
    s
}

/// The glyphs of a row shown from column `left` in `width` columns (a
/// column kept for `‹` when scrolled), and whether the row runs on past
/// the right edge (a column kept for `›`).
fn scrolled_sideways(glyphs: &[Glyph], left: usize, width: usize) -> (&[Glyph], bool) {
    if left == 0 && text::width_of(glyphs) <= width {
        return (glyphs, false);
    }
    let skip = if left > 0 { left + 1 } else { 0 };
    let mut col = 0usize;
    let mut start = 0usize;
    while start < glyphs.len() && col < skip {
        col += glyphs[start].width as usize;
        start += 1;
    }
    let avail = width.saturating_sub(usize::from(left > 0));
    let mut w = 0usize;
    let mut end = start;
    while end < glyphs.len() && w + glyphs[end].width as usize <= avail {
        w += glyphs[end].width as usize;
        end += 1;
    }
    if end == glyphs.len() {
        return (&glyphs[start..end], false);
    }
    while w + 1 > avail && end > start {
        end -= 1;
        w -= glyphs[end].width as usize;
    }
    (&glyphs[start..end], true)
}

/// Draws the visible rows of `r`'s text in `area`; what each row shows:
/// (segment, row within it).
pub fn draw_text(
    doc: &Document,
    r: &Reader,
    area: Rect,
    t: &Theme,
    buf: &mut Buffer,
) -> Vec<(usize, usize)> {
    let width = area.width as usize;
    let height = area.height as usize;
    let mut shown = Vec::with_capacity(height);
    if width == 0 || height == 0 {
        return shown;
    }
    let mut y = 0usize;
    let mut seg = r.top;
    let mut skip = r.row;
    while y < height && seg < r.segs.len() {
        let rendered = text::render(doc, &r.segs, seg);
        let rows = r.segs.wrap(&rendered, width);
        let marks = Marks::for_segment(doc, r, r.segs.range(seg), t);
        let skip_now = skip.min(rows.len().saturating_sub(1));
        for (k, row) in rows.iter().enumerate().skip(skip_now) {
            if y >= height {
                break;
            }
            let indent = if k > 0 {
                rendered.hang.min(width / 2)
            } else {
                0
            };
            let mut spans: Vec<Span> = Vec::new();
            if indent > 0 {
                spans.push(Span::raw(" ".repeat(indent)));
            }
            let mut cur = String::new();
            let mut cur_style = None;
            let glyphs = &rendered.glyphs[row.clone()];
            let (glyphs, cut) = scrolled_sideways(glyphs, r.left, width);
            if r.left > 0 && !rendered.glyphs.is_empty() {
                spans.push(Span::styled("‹", t.dim));
            }
            for g in glyphs {
                let mut st = glyph_style(g, t);
                if let Some(m) = marks.style_at(g.byte) {
                    st = st.patch(m);
                }
                if cur_style != Some(st) && !cur.is_empty() {
                    spans.push(Span::styled(
                        std::mem::take(&mut cur),
                        cur_style.unwrap_or_default(),
                    ));
                }
                cur_style = Some(st);
                cur.push(g.c);
            }
            if !cur.is_empty() {
                spans.push(Span::styled(cur, cur_style.unwrap_or_default()));
            }
            if cut {
                spans.push(Span::styled("›", t.dim));
            }
            buf.set_line(area.x, area.y + y as u16, &Line::from(spans), area.width);
            shown.push((seg, k));
            y += 1;
        }
        skip = 0;
        seg += 1;
    }
    if y < height && seg >= r.segs.len() && (r.top > 0 || r.row > 0) {
        buf.set_string(area.x, area.y + y as u16, "~", t.dim);
    }
    shown
}
