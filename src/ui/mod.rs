//! Rendering: one widget per pane, each drawing from `&State` and the corpus
//! where the stored layout puts it. Nothing here changes state, computes a
//! layout, scrolls, searches or resolves links.

pub mod aligned;
pub mod backlinks;
pub mod diff;
pub mod help;
pub mod list;
pub mod outline;
pub mod reader;
pub mod search;
pub mod status;
pub mod theme;
pub mod util;

use crate::app::State;
use crate::app::layout;
use crate::input::Keymap;
use crate::model::Corpus;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use theme::Theme;

/// What drawing reads.
pub struct View<'a> {
    /// The state.
    pub state: &'a State,
    /// The corpus.
    pub corpus: &'a Corpus,
    /// The keymap (for hints and help).
    pub keymap: &'a Keymap,
    /// The theme.
    pub theme: &'a Theme,
}

/// Draws one frame.
pub fn draw(frame: &mut Frame, v: &View) {
    let area = frame.area();
    // The layout the reducer computed for this size (a frame drawn before a
    // resize reaches the reducer waits for it).
    let l = &v.state.layout;
    let buf = frame.buffer_mut();
    if l.area != area {
        return;
    }
    if l.too_small {
        let msg = format!(
            "terminal too small ({}×{}): dossier needs {}×{}. q quits.",
            area.width,
            area.height,
            layout::MIN_SIZE.0,
            layout::MIN_SIZE.1
        );
        let p = Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true });
        ratatui::widgets::Widget::render(p, area, buf);
        return;
    }
    if let Some(r) = l.list {
        list::draw(v, r, buf);
    }
    if let Some(r) = l.results {
        search::draw_results(v, r, buf);
    }
    for (i, rects) in l.readers.iter().enumerate() {
        reader::draw(v, i, rects, buf);
    }
    if v.state.readers.is_empty() && l.list.is_none() {
        buf.set_string(area.x + 1, area.y + 1, "no documents", v.theme.dim);
    }
    if let Some(r) = l.backlinks {
        backlinks::draw(v, r, buf);
    }
    if let Some(r) = l.outline {
        outline::draw(v, r, buf);
    }
    if let Some(r) = l.diff {
        diff::draw(v, r, buf);
    }
    let mut cursor = None;
    if let Some(r) = l.input {
        cursor = search::draw_input(v, r, buf);
    }
    status::draw(v, l.status, buf);
    if let Some(r) = l.help {
        help::draw(v, r, buf);
    }
    if let Some(c) = cursor {
        if l.help.is_none() {
            frame.set_cursor_position(c);
        }
    }
}

/// The whole terminal as a rectangle.
pub fn full(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width, height)
}
