//! One layout per frame: where every pane is. The reducer computes it
//! ([`relayout`], the only caller of [`Layout::compute`]) whenever panes or
//! the size change, and stores it in the state; drawing, scrolling (page
//! sizes, wrap widths) and mouse hit-testing all read that one.

use crate::app::command::keep_visible;
use crate::app::layers::Focus;
use crate::app::state::State;
use crate::model::Corpus;
use ratatui::layout::Rect;

/// Narrowest and shortest terminal the explorer draws in.
pub const MIN_SIZE: (u16, u16) = (40, 12);
/// Below this width two readers stack vertically.
pub const STACK_BELOW: u16 = 100;
/// Below this width the list hides (a key brings it back).
pub const NARROW_BELOW: u16 = 60;
/// Rows of the metadata header above a reader's text.
pub const HEADER_ROWS: u16 = 2;

/// The rectangles of one reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReaderRects {
    /// The whole pane, border included.
    pub outer: Rect,
    /// The metadata header.
    pub header: Rect,
    /// Where the text goes.
    pub text: Rect,
    /// The two columns left of the text that mark the aligned paragraph
    /// read and paragraphs with no counterpart (empty unless two language
    /// versions are aligned).
    pub gutter: Rect,
}

/// Where every pane is in one frame.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// The whole terminal.
    pub area: Rect,
    /// True when the terminal is too small to draw anything useful.
    pub too_small: bool,
    /// The document list, when shown.
    pub list: Option<Rect>,
    /// The search results, when the search bar is open.
    pub results: Option<Rect>,
    /// The readers, in order.
    pub readers: Vec<ReaderRects>,
    /// The backlinks pane, when open.
    pub backlinks: Option<Rect>,
    /// The outline popup, when open.
    pub outline: Option<Rect>,
    /// The help popup, when shown.
    pub help: Option<Rect>,
    /// The diff view, when open: the whole screen above the status line.
    pub diff: Option<Rect>,
    /// The search bar or find line, when typing.
    pub input: Option<Rect>,
    /// The status line.
    pub status: Rect,
}

impl Layout {
    /// The layout of `state` in `area`.
    pub fn compute(area: Rect, state: &State) -> Layout {
        let mut l = Layout {
            area,
            ..Layout::default()
        };
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            l.too_small = true;
            return l;
        }
        l.status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        let mut body = Rect::new(area.x, area.y, area.width, area.height - 1);
        let search = state.search().is_some();
        let typing = search || state.find_input().is_some() || state.layers.has(Focus::Filter);
        if typing {
            l.input = Some(Rect::new(body.x, body.bottom() - 1, body.width, 1));
            body.height -= 1;
        }
        if state.layers.diff().is_some() {
            l.diff = Some(body);
        }
        let narrow = area.width < NARROW_BELOW;
        // Space goes to what is read: the list narrows unless it has focus.
        let reading = state.layers.pane() != crate::app::layers::Pane::List;
        let left = if search {
            Some((frac(area.width, 11, 20)).clamp(30, 90))
        } else if state.list_shown() && ((state.readers.len() > 1 && area.width < 160) || reading) {
            Some((frac(area.width, 1, 4)).clamp(24, 40))
        } else if state.list_shown() {
            Some((frac(area.width, 9, 20)).clamp(28, 60))
        } else {
            None
        };
        let mut readers_area = body;
        if let Some(w) = left {
            if narrow || state.readers.is_empty() {
                readers_area = Rect::default();
                let full = body;
                if search {
                    l.results = Some(full);
                } else {
                    l.list = Some(full);
                }
            } else {
                let w = w.min(body.width.saturating_sub(20));
                let side = Rect::new(body.x, body.y, w, body.height);
                readers_area = Rect::new(body.x + w, body.y, body.width - w, body.height);
                if search {
                    l.results = Some(side);
                } else {
                    l.list = Some(side);
                }
            }
        }
        if readers_area.area() == 0 {
            return l;
        }
        if let Some(b) = &state.backlinks {
            // As tall as its entries need, within two fifths of the height.
            let want = u16::try_from(b.items.len())
                .unwrap_or(u16::MAX)
                .saturating_add(2)
                .max(5);
            let h = want
                .min((frac(readers_area.height, 2, 5)).max(6))
                .min(readers_area.height / 2);
            l.backlinks = Some(Rect::new(
                readers_area.x,
                readers_area.bottom() - h,
                readers_area.width,
                h,
            ));
            readers_area.height -= h;
        }
        let n = state.readers.len().min(2) as u16;
        for i in 0..n {
            let outer = if n == 1 {
                readers_area
            } else if area.width < STACK_BELOW {
                let h = readers_area.height / 2;
                let y = readers_area.y + i * h;
                let hh = if i == 1 { readers_area.height - h } else { h };
                Rect::new(readers_area.x, y, readers_area.width, hh)
            } else {
                let w = readers_area.width / 2;
                let x = readers_area.x + i * w;
                let ww = if i == 1 { readers_area.width - w } else { w };
                Rect::new(x, readers_area.y, ww, readers_area.height)
            };
            // A document shown as printed takes the whole width.
            let unwrapped = state
                .readers
                .get(i as usize)
                .is_some_and(|r| r.segs.unwrapped());
            let measure = if unwrapped { u16::MAX } else { state.measure };
            let gutter = state.aligned.is_some() && !unwrapped;
            l.readers.push(reader_rects(outer, measure, gutter));
        }
        if let Some(o) = state.outline() {
            if let Some(r) = l.readers.get(o.reader) {
                // Wide enough for agenda titles: it may cover the list.
                let w = frac(area.width, 3, 5)
                    .max(r.outer.width.min(48))
                    .clamp(40.min(area.width), 100)
                    .min(r.outer.right() - area.x);
                l.outline = Some(Rect::new(r.outer.right() - w, r.outer.y, w, r.outer.height));
            }
        }
        if let Some(help) = state.help() {
            let w = area.width.saturating_sub(4).min(110);
            let full = area.height.saturating_sub(2);
            // A footnote takes the rows it needs, in the lower half.
            let (h, y) = if help.page == crate::app::help::HelpPage::Note {
                let rows = crate::app::help::row_count(state.help_rows(help.page), w - 2);
                let h = u16::try_from(rows + 2)
                    .unwrap_or(u16::MAX)
                    .clamp(3, full.max(3));
                (
                    h.min(full),
                    area.y + area.height.saturating_sub(h + 2).max(1),
                )
            } else {
                (full, area.y + 1.min(area.height))
            };
            l.help = Some(Rect::new(area.x + (area.width - w) / 2, y, w, h));
        }
        l
    }

    /// Width and height of reader `i`'s text (a sensible default when hidden).
    pub fn viewport(&self, i: usize) -> (usize, usize) {
        self.readers.get(i).map_or((80, 20), |r| {
            (r.text.width.max(1) as usize, r.text.height.max(1) as usize)
        })
    }
}

/// `x * num / den` without overflow (terminals may be wider than `u16::MAX / 11`).
fn frac(x: u16, num: u32, den: u32) -> u16 {
    u16::try_from(u32::from(x) * num / den).unwrap_or(u16::MAX)
}

/// Rows inside a bordered pane (for page movements and keeping a selection
/// in view); one for a pane not shown.
pub fn rows(pane: Option<Rect>) -> usize {
    pane.map_or(1, |r| r.height.saturating_sub(2).max(1) as usize)
}

/// Computes the layout of `state` at its size and stores it; then keeps every
/// scroll position within it (readers within their documents, selections in
/// view), so drawing only reads what the reducer decided.
pub fn relayout(state: &mut State, corpus: &Corpus) {
    let area = Rect::new(0, 0, state.size.0, state.size.1);
    state.layout = Layout::compute(area, state);
    for i in 0..state.readers.len() {
        let v = state.layout.viewport(i);
        let r = &mut state.readers[i];
        if let Some(shown) = r.shown(corpus) {
            let d: &crate::model::Document = &shown;
            r.clamp(d, v);
        }
    }
    let l = &state.layout;
    let (list, backlinks, outline, results) = (
        rows(l.list),
        rows(l.backlinks),
        rows(l.outline),
        rows(l.results),
    );
    let help = l.help.unwrap_or_default();
    // A pane not shown keeps its scroll: measured as one row, it would
    // scroll to its selection and come back showing nothing above it.
    if l.list.is_some() {
        keep_visible(&mut state.list.offset, state.list.selected, list);
        // Rows that all fit are all shown: nothing hidden above, no blank below.
        state.list.offset = state.list.offset.min(state.list.len().saturating_sub(list));
    }
    if let (Some(b), true) = (&mut state.backlinks, l.backlinks.is_some()) {
        keep_visible(&mut b.offset, b.selected, backlinks);
    }
    if let (Some(o), true) = (state.layers.outline_mut(), l.outline.is_some()) {
        keep_visible(&mut o.offset, o.selected, outline);
    }
    if let Some(s) = state.layers.search_mut() {
        crate::app::search_bar::highlight_visible(s, corpus, results);
    }
    if let Some(r) = state.layout.diff {
        if let Some(d) = state.layers.diff_mut() {
            let (column, height) = crate::app::diff::geometry(r);
            d.relayout(column, height);
        }
    }
    if let Some(page) = state.help().map(|h| h.page) {
        let max = crate::app::help::max_scroll(state.help_rows(page), help);
        if let Some(h) = state.layers.help_mut() {
            h.max_scroll = max;
            h.scroll = h.scroll.min(max);
        }
    }
}

/// Columns of the gutter of aligned readers.
pub const GUTTER: u16 = 2;

fn reader_rects(outer: Rect, measure: u16, gutter: bool) -> ReaderRects {
    let inner = Rect::new(
        outer.x + 1,
        outer.y + 1,
        outer.width.saturating_sub(2),
        outer.height.saturating_sub(2),
    );
    let header_rows = if inner.height >= 14 {
        HEADER_ROWS
    } else if inner.height >= 8 {
        1
    } else {
        0
    };
    // Lines no longer than a comfortable measure, the column centred.
    let mut text_w = inner.width.min(measure.max(20));
    let mut margin = (inner.width - text_w) / 2;
    let gutter_w = if gutter && inner.width > GUTTER + 8 {
        GUTTER
    } else {
        0
    };
    // The gutter goes in the margin when there is room, else the text gives it way.
    if margin < gutter_w {
        text_w = text_w.min(inner.width - gutter_w);
        margin = gutter_w + (inner.width - gutter_w - text_w) / 2;
    }
    let text = Rect::new(
        inner.x + margin,
        inner.y + header_rows,
        text_w,
        inner.height - header_rows,
    );
    ReaderRects {
        outer,
        header: Rect::new(inner.x, inner.y, inner.width, header_rows),
        text,
        gutter: Rect::new(text.x - gutter_w, text.y, gutter_w, text.height),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_bundled;

    #[test]
    fn the_widest_terminals_lay_out_without_overflow() {
        let corpus = load_bundled();
        let config = crate::input::config::Config::default();
        for w in [160, 2000, 6000, u16::MAX] {
            let mut s = State::new(&corpus, (w, 40), &config);
            let list = s.layout.list.expect("list shown");
            assert!(list.width <= 60 && list.right() <= w);
            let text = s.layout.readers[0].text;
            assert!(text.width <= config.reader_width && text.right() <= w);
            crate::app::update(
                &mut s,
                crate::app::Msg::Action(crate::app::Action::SearchBar),
                &corpus,
            );
            assert!(s.layout.results.is_some_and(|r| r.width <= 90));
        }
        assert_eq!(frac(u16::MAX, 11, 20), 36044);
    }
}
