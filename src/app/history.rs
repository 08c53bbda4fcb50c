//! The jump list: where back and forward go. Every jump (following a
//! reference, opening a search result, a backlink, an outline entry) records
//! where the reader was; back restores document, scroll position and focus.

use crate::app::layers::Pane;

/// Most locations kept.
const LIMIT: usize = 500;

/// A place in a reader, with the pane that had focus and the backlinks
/// pane as it was (its key and selection).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Which reader.
    pub reader: usize,
    /// Corpus index of the document.
    pub doc: usize,
    /// First visible segment.
    pub top: usize,
    /// First visible row in it.
    pub row: usize,
    /// The selected reference.
    pub current_ref: Option<usize>,
    /// The pane that had focus.
    pub pane: Pane,
    /// The backlinks pane's key and selected citation, when it was open.
    pub backlinks: Option<(String, usize)>,
}

/// Back and forward stacks.
#[derive(Debug, Clone, Default)]
pub struct History {
    back: Vec<Location>,
    forward: Vec<Location>,
}

impl History {
    /// Records `here` before a jump; forget the forward stack.
    pub fn push(&mut self, here: Location) {
        if self.back.last() != Some(&here) {
            self.back.push(here);
            if self.back.len() > LIMIT {
                self.back.remove(0);
            }
        }
        self.forward.clear();
    }

    /// Where back goes, given where we are now (which forward will return to).
    pub fn back(&mut self, here: Location) -> Option<Location> {
        let to = self.back.pop()?;
        self.forward.push(here);
        Some(to)
    }

    /// Where forward goes, given where we are now.
    pub fn forward(&mut self, here: Location) -> Option<Location> {
        let to = self.forward.pop()?;
        self.back.push(here);
        Some(to)
    }

    /// How many steps back are possible.
    pub fn back_len(&self) -> usize {
        self.back.len()
    }

    /// How many steps forward are possible.
    pub fn forward_len(&self) -> usize {
        self.forward.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(doc: usize) -> Location {
        Location {
            reader: 0,
            doc,
            top: doc * 10,
            row: 0,
            current_ref: None,
            pane: Pane::Reader(0),
            backlinks: None,
        }
    }

    #[test]
    fn back_and_forward_walk_the_jumps() {
        let mut h = History::default();
        h.push(at(1));
        h.push(at(2));
        assert_eq!(h.back(at(3)), Some(at(2)));
        assert_eq!(h.back(at(2)), Some(at(1)));
        assert_eq!(h.back(at(1)), None);
        assert_eq!(h.forward(at(1)), Some(at(2)));
        assert_eq!(h.forward(at(2)), Some(at(3)));
        assert_eq!(h.forward(at(3)), None);
        let _ = h.back(at(3));
        h.push(at(7));
        assert_eq!(h.forward_len(), 0);
    }
}
