//! dossier: a terminal explorer for sets of formal documents.
//!
//! The crate is layered so that data flows one way:
//! [`model`] (documents, references, agenda, corpus) knows nothing of the terminal;
//! [`search`] matches and ranks off the UI thread; [`app`] holds state and the pure
//! `update`; [`input`] turns terminal events into actions; [`ui`] draws state.

pub mod app;
pub mod archive;
pub mod cli;
pub mod corpus;
pub mod input;
pub mod json;
pub mod model;
pub mod sanitize;
pub mod search;
pub mod text_width;
pub mod tui;
pub mod ui;
