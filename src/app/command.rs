//! What panes and popups ask of the reducer. A pane changes only its own
//! state; anything that reaches across panes (opening a document in a reader,
//! recording history, moving focus, pushing or popping a layer) comes back as
//! a [`Cmd`] that [`crate::app::update`] applies in one place.

use crate::app::keys::KeyNames;
use crate::app::layers::{Pane, Popup};
use crate::app::msg::Effect;
use crate::model::Corpus;

/// Where to put a document when it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Its beginning.
    Top,
    /// A 1-based line.
    Line(usize),
    /// One of its references (selected).
    Reference(usize),
}

/// A request from a pane to the reducer.
#[derive(Debug, Clone)]
pub enum Cmd {
    /// Show a message in the status line (`warn` for a warning or error).
    Say(String, bool),
    /// Something for the event loop to do.
    Effect(Effect),
    /// Close the top layer.
    Pop,
    /// Open a popup on top.
    Push(Popup),
    /// Give focus to a pane.
    Focus(Pane),
    /// Show `doc` in the first reader without moving focus (the list's
    /// selection follows into the reader).
    Preview(usize),
    /// Open `doc` at `target` in reader `reader`, recording where it was.
    Jump {
        /// Which reader.
        reader: usize,
        /// Corpus index of the document.
        doc: usize,
        /// Where in it.
        target: Target,
    },
    /// Open `doc` at `target` beside reader `from`, in the other reader.
    SideBySide {
        /// The reader it goes beside.
        from: usize,
        /// Corpus index of the document.
        doc: usize,
        /// Where in it.
        target: Target,
    },
    /// Open `doc` beside the document read before the list was browsed.
    SideBySideFromList(usize),
    /// Reader `reader` scrolled: the other follows when scrolling is synchronised.
    Scrolled(usize),
    /// Open the next language version of reader `i`'s document beside it, aligned.
    LanguageBeside(usize),
    /// Step reader `reader` to the next (`forward`) or previous paragraph
    /// (aligned language versions: pair).
    StepParagraph {
        /// Which reader.
        reader: usize,
        /// Down rather than up.
        forward: bool,
    },
    /// Open the backlinks pane on this key.
    Backlinks(String),
    /// Open the backlinks pane's selected citation (`side`: in the other
    /// reader, keeping the pane focused).
    OpenCitation {
        /// In the other reader.
        side: bool,
    },
    /// Close the backlinks pane.
    CloseBacklinks,
    /// Leave the reader `reader`: back to the list, or close it when two are open.
    Leave(usize),
    /// The search bar's selection changed: show it in the reader.
    PreviewResult,
    /// Open the search bar's selected result (`side`: in a second reader).
    AcceptResult {
        /// In a second reader.
        side: bool,
    },
    /// Close the search bar, restoring the readers it was opened over.
    CancelSearch,
    /// Open the find line of reader `i`.
    OpenFind(usize),
    /// The find line asks for a search, its end, or a step.
    Find(crate::app::find_line::FindCmd),
    /// The list's filter changed: the list was narrowed (select and preview).
    Filtered,
    /// Open the search bar (closing other popups).
    OpenSearch,
    /// Show a footnote, (marker, text), in the footnote popup.
    Note(String, String),
    /// Show the help on this page, or close it when it shows it.
    Help(crate::app::help::HelpPage),
    /// Go back (`forward == false`) or forward in history.
    History {
        /// Forward rather than back.
        forward: bool,
    },
    /// Open the next (`true`) or previous citation of the backlinks pane in
    /// the reader, keeping the pane as it is.
    StepCitation(bool),
    /// Swap the two readers.
    Swap,
    /// Close reader `i` (when two are open).
    CloseReader(usize),
    /// Show or hide the list.
    ToggleList,
    /// Quit.
    Quit,
}

/// What a pane's key handler may read besides its own state.
#[derive(Clone, Copy)]
pub struct Cx<'a> {
    /// The corpus.
    pub corpus: &'a Corpus,
    /// The keys bound to each action, for messages.
    pub keys: &'a KeyNames,
    /// Rows in the pane (for page movements).
    pub page: usize,
    /// Text width and height of the pane (readers).
    pub view: (usize, usize),
}

/// Movement within a list of `len` entries: the new selection, or `None`
/// when `a` is not a movement.
pub fn moved(a: crate::app::Action, selected: usize, len: usize, page: usize) -> Option<usize> {
    use crate::app::Action;
    let last = len.saturating_sub(1);
    Some(match a {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => (selected + page).min(last),
        Action::HalfPageUp => selected.saturating_sub(page / 2),
        Action::HalfPageDown => (selected + page / 2).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    })
}

/// Moves `offset` so that `selected` is within a window of `height` rows.
pub fn keep_visible(offset: &mut usize, selected: usize, height: usize) {
    let height = height.max(1);
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + height {
        *offset = selected + 1 - height;
    }
}

/// `n` followed by `one` or `many` as its count asks ("1 place", "2 places").
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!(count(1, "place", "places"), "1 place");
        assert_eq!(count(0, "place", "places"), "0 places");
        assert_eq!(count(2, "file", "files"), "2 files");
    }

    #[test]
    fn the_selection_stays_in_the_window() {
        let mut offset = 0;
        keep_visible(&mut offset, 12, 10);
        assert_eq!(offset, 3);
        keep_visible(&mut offset, 1, 10);
        assert_eq!(offset, 1);
        keep_visible(&mut offset, 5, 0);
        assert_eq!(offset, 5);
    }
}
