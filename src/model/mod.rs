//! The in-memory model of a corpus: documents with their metadata, agenda and
//! references, and the indexes that link them. Nothing here knows about terminals.

pub mod agenda;
pub mod align;
pub mod clean;
pub mod conference;
pub mod contain;
pub mod corpus;
pub mod decode;
pub mod diff;
pub mod doc_type;
pub mod document;
pub mod extract;
pub mod family;
pub mod fold;
pub mod import;
pub mod lines;
pub mod load;
pub mod masthead;
pub mod ordered;
pub mod parse;
pub mod reference;
pub mod resolve;
pub mod stem;
pub mod store;
pub mod symbol;
pub mod title;
pub mod versions;
pub mod walk;

pub use agenda::{Agenda, AgendaItem, AgendaSubItem, DocumentationEntry};
pub use corpus::{Citation, Corpus, LookupError};
pub use document::{AgendaItemRef, Body, BodyFacts, Document, Footnote, Metadata, Paragraph};
pub use load::{LoadEvent, LoadProblem, load_bundled, load_paths};
pub use reference::{RefKind, Reference};
