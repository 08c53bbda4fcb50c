//! The focus stack: which layer receives keys. The bottom is always one of
//! the panes (the list, a reader, the backlinks pane); popups (search bar,
//! find line, filter line, outline, help) stack above it and own their state,
//! so a popup that has focus exists by construction. Closing a layer returns
//! to the one below it.
//!
//! Only [`crate::app::update`] changes the stack (through the reducer's
//! commands); panes and popups only ask for it.

use crate::app::diff::DiffState;
use crate::app::find_line::FindInput;
use crate::app::help::HelpState;
use crate::app::outline::OutlineState;
use crate::app::reader::Reader;
use crate::app::search_bar::SearchState;

/// Which layer receives keys: what the keymap's sections and the status line
/// are chosen by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Focus {
    /// The document list.
    #[default]
    List,
    /// Reader 0 or 1.
    Reader(usize),
    /// The search bar and its results.
    Search,
    /// The line where a search in the document is typed.
    Find,
    /// The line where the list's filter is typed.
    Filter,
    /// The backlinks pane.
    Backlinks,
    /// The outline popup.
    Outline,
    /// The help screen.
    Help,
    /// The diff view of two versions.
    Diff,
}

/// A pane at the bottom of the stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// The document list.
    #[default]
    List,
    /// Reader 0 or 1.
    Reader(usize),
    /// The backlinks pane.
    Backlinks,
}

impl Pane {
    /// The focus of this pane.
    pub fn focus(self) -> Focus {
        match self {
            Pane::List => Focus::List,
            Pane::Reader(i) => Focus::Reader(i),
            Pane::Backlinks => Focus::Backlinks,
        }
    }
}

/// A layer above the panes, with its own state.
#[derive(Debug, Clone)]
pub enum Popup {
    /// The search bar and its results, with the readers to restore on Esc
    /// (previews change them).
    Search(Box<SearchState>, Vec<Reader>),
    /// The find line of a reader.
    Find(FindInput),
    /// The list's filter line.
    Filter,
    /// The outline of a reader's document.
    Outline(OutlineState),
    /// The help screen (keys or skipped files).
    Help(HelpState),
    /// The diff view of two versions.
    Diff(Box<DiffState>),
}

impl Popup {
    /// The focus this popup gives.
    pub fn focus(&self) -> Focus {
        match self {
            Popup::Search(..) => Focus::Search,
            Popup::Find(_) => Focus::Find,
            Popup::Filter => Focus::Filter,
            Popup::Outline(_) => Focus::Outline,
            Popup::Help(_) => Focus::Help,
            Popup::Diff(_) => Focus::Diff,
        }
    }
}

/// The stack: one pane at the bottom, popups above it.
#[derive(Debug, Clone, Default)]
pub struct Layers {
    pane: Pane,
    popups: Vec<Popup>,
}

macro_rules! popup_access {
    ($get:ident, $get_mut:ident, $variant:ident, $ty:ty) => {
        /// This popup's state, when it is open.
        pub fn $get(&self) -> Option<&$ty> {
            self.popups.iter().rev().find_map(|p| match p {
                Popup::$variant(s) => Some(s),
                _ => None,
            })
        }

        /// This popup's state to change, when it is open.
        pub fn $get_mut(&mut self) -> Option<&mut $ty> {
            self.popups.iter_mut().rev().find_map(|p| match p {
                Popup::$variant(s) => Some(s),
                _ => None,
            })
        }
    };
}

impl Layers {
    /// A stack holding only `pane`.
    pub fn new(pane: Pane) -> Self {
        Layers {
            pane,
            popups: Vec::new(),
        }
    }

    /// Who receives keys: the top layer.
    pub fn focus(&self) -> Focus {
        self.popups.last().map_or(self.pane.focus(), Popup::focus)
    }

    /// The pane at the bottom.
    pub fn pane(&self) -> Pane {
        self.pane
    }

    /// The top popup, if any.
    pub fn top(&self) -> Option<&Popup> {
        self.popups.last()
    }

    /// The top popup to change, if any.
    pub fn top_mut(&mut self) -> Option<&mut Popup> {
        self.popups.last_mut()
    }

    /// The popups, bottom to top.
    pub fn popups(&self) -> &[Popup] {
        &self.popups
    }

    /// True when a popup giving `focus` is open anywhere in the stack.
    pub fn has(&self, focus: Focus) -> bool {
        self.popups.iter().any(|p| p.focus() == focus)
    }

    /// The search bar, when it is open.
    pub fn search(&self) -> Option<&SearchState> {
        self.popups.iter().rev().find_map(|p| match p {
            Popup::Search(s, _) => Some(&**s),
            _ => None,
        })
    }

    /// The search bar to change, when it is open.
    pub fn search_mut(&mut self) -> Option<&mut SearchState> {
        self.popups.iter_mut().rev().find_map(|p| match p {
            Popup::Search(s, _) => Some(&mut **s),
            _ => None,
        })
    }

    /// The readers the search bar was opened over.
    pub fn search_saved(&self) -> Option<&[Reader]> {
        self.popups.iter().rev().find_map(|p| match p {
            Popup::Search(_, saved) => Some(saved.as_slice()),
            _ => None,
        })
    }
    /// The readers the search bar was opened over, to change.
    pub fn search_saved_mut(&mut self) -> Option<&mut Vec<Reader>> {
        self.popups.iter_mut().rev().find_map(|p| match p {
            Popup::Search(_, saved) => Some(saved),
            _ => None,
        })
    }
    popup_access!(find, find_mut, Find, FindInput);
    popup_access!(outline, outline_mut, Outline, OutlineState);
    popup_access!(help, help_mut, Help, HelpState);

    /// The diff view, when it is open.
    pub fn diff(&self) -> Option<&DiffState> {
        self.popups.iter().rev().find_map(|p| match p {
            Popup::Diff(d) => Some(&**d),
            _ => None,
        })
    }

    /// The diff view to change, when it is open.
    pub fn diff_mut(&mut self) -> Option<&mut DiffState> {
        self.popups.iter_mut().rev().find_map(|p| match p {
            Popup::Diff(d) => Some(&mut **d),
            _ => None,
        })
    }

    /// Puts `pane` at the bottom (the reducer checks that it exists).
    pub(crate) fn set_pane(&mut self, pane: Pane) {
        self.pane = pane;
    }

    /// Pushes `popup` on top.
    pub(crate) fn push(&mut self, popup: Popup) {
        self.popups.push(popup);
    }

    /// Removes the top popup (never the pane), returning it.
    pub(crate) fn pop(&mut self) -> Option<Popup> {
        self.popups.pop()
    }

    /// Removes every popup giving `focus`, returning the last removed.
    pub(crate) fn remove(&mut self, focus: Focus) -> Option<Popup> {
        let at = self.popups.iter().rposition(|p| p.focus() == focus)?;
        Some(self.popups.remove(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_a_layer_returns_to_the_one_below() {
        let mut l = Layers::new(Pane::Reader(0));
        assert_eq!(l.focus(), Focus::Reader(0));
        l.push(Popup::Help(HelpState::default()));
        l.push(Popup::Filter);
        assert_eq!(l.focus(), Focus::Filter);
        assert!(l.help().is_some());
        l.pop();
        assert_eq!(l.focus(), Focus::Help);
        l.pop();
        assert_eq!(l.focus(), Focus::Reader(0));
        assert!(l.pop().is_none(), "the pane is never popped");
        assert_eq!(l.focus(), Focus::Reader(0));
    }
}
