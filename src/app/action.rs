//! Every command a person can give the explorer, as one enum. The `///` line
//! of each variant is its help text; its snake_case name is what the keymap
//! (`assets/keymap.toml`, the user's config) binds keys to.

use serde::{Deserialize, Deserializer};
use std::fmt;
use std::str::FromStr;

macro_rules! actions {
    ($( $(#[doc = $doc:literal])+ $name:ident = $snake:literal, $hint:literal; )*) => {
        /// A command: what a key or a click asks the explorer to do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $( $(#[doc = $doc])+ $name, )*
        }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[$(Action::$name),*];

            /// The name used in keymaps (`next_reference`).
            pub fn name(self) -> &'static str {
                match self { $(Action::$name => $snake,)* }
            }

            /// The help text (the variant's doc comment).
            pub fn description(self) -> &'static str {
                match self { $(Action::$name => concat!($($doc),+).trim_ascii(),)* }
            }

            /// A one- or two-word label for the status-line hints.
            pub fn hint(self) -> &'static str {
                match self { $(Action::$name => $hint,)* }
            }
        }
    };
}

actions! {
    /// Quit dossier
    Quit = "quit", "quit";
    /// Show or hide this help
    Help = "help", "help";
    /// List the files that were skipped, with the reason for each
    Problems = "problems", "skipped files";
    /// Move up one line or entry
    Up = "up", "up";
    /// Move down one line or entry
    Down = "down", "down";
    /// Scroll up one page
    PageUp = "page_up", "page up";
    /// Scroll down one page
    PageDown = "page_down", "page down";
    /// Scroll up half a page
    HalfPageUp = "half_page_up", "½ up";
    /// Scroll down half a page
    HalfPageDown = "half_page_down", "½ down";
    /// Go to the top
    Top = "top", "top";
    /// Go to the bottom
    Bottom = "bottom", "bottom";
    /// Open the selection; in the reader, follow the current reference
    Open = "open", "open";
    /// Close the pane or popup, cancel the search
    Close = "close", "close";
    /// Leave the reader: back to the list (or close this reader when two are open)
    Leave = "leave", "back to list";
    /// Narrow the document list by typing (symbol, title, date, language)
    Filter = "filter", "filter";
    /// Move focus to the next pane
    FocusNext = "focus_next", "next pane";
    /// Move focus to the previous pane
    FocusPrev = "focus_prev", "prev pane";
    /// Open the search bar (documents, symbols, references, lines)
    SearchBar = "search_bar", "search";
    /// Search inside the open document
    Find = "find", "find";
    /// Go to the next hit of the search in the document
    FindNext = "find_next", "next hit";
    /// Go to the previous hit of the search in the document
    FindPrev = "find_prev", "prev hit";
    /// Select the next reference in the document
    NextReference = "next_reference", "next ref";
    /// Select the previous reference in the document
    PrevReference = "prev_reference", "prev ref";
    /// Show what cites the current reference (or this document)
    Backlinks = "backlinks", "backlinks";
    /// Show the footnote whose mark is on screen (again: the next one)
    Footnote = "footnote", "footnote";
    /// Open the next place that cites the same thing (the backlinks pane stays open)
    NextCitation = "next_citation", "next citing";
    /// Open the previous place that cites the same thing
    PrevCitation = "prev_citation", "prev citing";
    /// Go to the agenda item this document was issued under
    AgendaItem = "agenda_item", "agenda";
    /// Show the outline: agenda items, numbered paragraphs, headings
    Outline = "outline", "outline";
    /// The document's family: its draft and revisions, the text adopted from it, addenda, corrigenda
    Family = "family", "family";
    /// Compare two versions: the draft and the text adopted from it, a revision and its original, or the two documents side by side
    Diff = "diff", "diff";
    /// Go to the next changed paragraph
    NextChange = "next_change", "next change";
    /// Go to the previous changed paragraph
    PrevChange = "prev_change", "prev change";
    /// Go back to where you were before the last jump
    Back = "back", "back";
    /// Go forward again after going back
    Forward = "forward", "forward";
    /// Open the selection (or the current reference) in a second reader, side by side
    SideBySide = "side_by_side", "side by side";
    /// Swap the two readers
    Swap = "swap", "swap";
    /// Close the focused reader when two are open
    CloseReader = "close_reader", "close reader";
    /// Toggle synchronised scrolling of the two readers
    SyncScroll = "sync_scroll", "sync";
    /// Show the text as decoded (page furniture and line breaks as printed) or the clean reading text
    ToggleRaw = "toggle_raw", "raw text";
    /// Switch the reader to the document's next language version, at the same paragraph
    Language = "language", "language";
    /// Open the document's next language version beside it, the two aligned paragraph by paragraph
    LanguageBeside = "language_beside", "language beside";
    /// Go to the next paragraph (two language versions side by side: the next aligned pair)
    NextParagraph = "next_paragraph", "next ¶";
    /// Go to the previous paragraph (side by side: the previous aligned pair)
    PrevParagraph = "prev_paragraph", "prev ¶";
    /// Scroll right, in a document shown as printed (a layout rendering, unwrapped)
    ScrollRight = "scroll_right", "right";
    /// Scroll left, in a document shown as printed
    ScrollLeft = "scroll_left", "left";
    /// Sort the list by date, symbol, title or corpus order
    Sort = "sort", "sort";
    /// Show or hide the document list
    ToggleList = "toggle_list", "list";
    /// Open the URL under the cursor in the browser
    OpenUrl = "open_url", "open url";
    /// Copy the selected reference (a URL, a symbol, the text cited) to the clipboard
    Copy = "copy", "copy";
    /// Delete the character before the cursor
    DeleteChar = "delete_char", "delete";
    /// Delete the word before the cursor
    DeleteWord = "delete_word", "delete word";
    /// Clear what was typed
    ClearQuery = "clear_query", "clear";
    /// Move the cursor left
    CursorLeft = "cursor_left", "left";
    /// Move the cursor right
    CursorRight = "cursor_right", "right";
}

impl FromStr for Action {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Action::ALL
            .iter()
            .copied()
            .find(|a| a.name() == s)
            .ok_or_else(|| format!("unknown action `{s}`"))
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_help_comes_from_doc_comments() {
        for &a in Action::ALL {
            assert_eq!(a.name().parse::<Action>(), Ok(a));
            assert!(!a.description().is_empty());
        }
        assert_eq!(Action::Quit.description(), "Quit dossier");
        assert!("frobnicate".parse::<Action>().is_err());
    }
}
