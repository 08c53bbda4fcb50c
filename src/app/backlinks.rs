//! The backlinks pane: every place that cites one key, a selection, and
//! what its keys do.

use crate::app::Action;
use crate::app::command::{Cmd, Cx, keep_visible, moved};
use crate::model::Citation;

/// The backlinks pane: every citation of one key.
#[derive(Debug, Clone, Default)]
pub struct BacklinksState {
    /// The key (`decision:4/4`).
    pub key: String,
    /// The citations.
    pub items: Vec<Citation>,
    /// Selected citation.
    pub selected: usize,
    /// First visible citation.
    pub offset: usize,
}

impl BacklinksState {
    /// Selects citation `to` (clamped), keeping it in a window of `page` rows.
    pub fn select(&mut self, to: usize, page: usize) {
        self.selected = to.min(self.items.len().saturating_sub(1));
        keep_visible(&mut self.offset, self.selected, page);
    }

    /// The selected citation.
    pub fn current(&self) -> Option<Citation> {
        self.items.get(self.selected).copied()
    }
}

/// What a key does in the backlinks pane; `None` passes it down.
pub fn handle(b: &mut BacklinksState, a: Action, cx: &Cx) -> Option<Vec<Cmd>> {
    if let Some(to) = moved(a, b.selected, b.items.len(), cx.page) {
        b.select(to, cx.page);
        return Some(Vec::new());
    }
    Some(match a {
        Action::Close | Action::Backlinks => vec![Cmd::CloseBacklinks],
        Action::Open => vec![Cmd::OpenCitation { side: false }],
        Action::SideBySide => vec![Cmd::OpenCitation { side: true }],
        _ => return None,
    })
}

/// Moves the selection to the next (`forward`) or previous citation,
/// wrapping around; false when there is no other.
pub fn step(b: &mut BacklinksState, forward: bool, page: usize) -> bool {
    let n = b.items.len();
    if n < 2 {
        return false;
    }
    let to = if forward {
        (b.selected + 1) % n
    } else {
        (b.selected + n - 1) % n
    };
    b.select(to, page);
    true
}
