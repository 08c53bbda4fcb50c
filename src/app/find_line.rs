//! The find line: where a search in a reader's document is typed. The hits
//! live in the reader; this layer holds what is typed and where the reader
//! was, to go back there on Esc.

use crate::app::Action;
use crate::app::command::Cmd;
use crate::app::edit;

/// The line where a search in the document is typed.
#[derive(Debug, Clone, Default)]
pub struct FindInput {
    /// The reader searched.
    pub reader: usize,
    /// What is typed.
    pub text: String,
    /// The reader's position before, restored on Esc.
    pub saved: (usize, usize),
}

/// What the find line asks of the reducer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindCmd {
    /// The text changed: search again.
    Refind,
    /// Keep the hits and go back to reading.
    Accept,
    /// Drop the search and go back where the reader was.
    Cancel,
    /// Go to the next (`true`) or previous hit.
    Step(bool),
}

/// What a key does on the find line; `None` passes it down.
pub fn handle(fi: &mut FindInput, a: Action) -> Option<FindCmd> {
    Some(match a {
        Action::Open => FindCmd::Accept,
        Action::Close => FindCmd::Cancel,
        Action::DeleteChar => {
            fi.text.pop();
            FindCmd::Refind
        }
        Action::DeleteWord => {
            let mut cur = fi.text.chars().count();
            edit::delete_word(&mut fi.text, &mut cur);
            FindCmd::Refind
        }
        Action::ClearQuery => {
            fi.text.clear();
            FindCmd::Refind
        }
        Action::FindNext | Action::Down => FindCmd::Step(true),
        Action::FindPrev | Action::Up => FindCmd::Step(false),
        _ => return None,
    })
}

/// True when `a` passes down from the find line (or the filter line) to the
/// global keys: only the help and quitting; a line being typed in is modal.
pub fn passes_down(a: Action) -> bool {
    matches!(a, Action::Help | Action::Problems | Action::Quit)
}

/// Types `text` at the end of the line.
pub fn type_text(fi: &mut FindInput, text: &str) -> Cmd {
    fi.text.push_str(text);
    Cmd::Find(FindCmd::Refind)
}
