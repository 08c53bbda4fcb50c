//! Application state and its one reducer: a [`Msg`] goes in, the state
//! changes, and [`Effect`]s come out for the event loop. Nothing here touches
//! the terminal.
//!
//! Focus is a stack of layers ([`layers`]); each pane and popup owns its
//! state and handles its own keys ([`list`], [`reader`], [`backlinks`],
//! [`outline`], [`search_bar`], [`find_line`], [`help`]), asking for anything
//! beyond itself with a [`command::Cmd`] that [`update`] applies. No pane
//! module imports another.

pub mod action;
pub mod aligned;
pub mod backlinks;
pub mod command;
pub mod diff;
pub mod edit;
pub mod find;
pub mod find_line;
pub mod global;
pub mod help;
pub mod history;
pub mod jump;
pub mod keys;
pub mod layers;
pub mod layout;
pub mod list;
pub mod mouse;
pub mod msg;
pub mod outline;
pub mod reader;
pub mod search_bar;
pub mod state;
pub mod text;
pub mod update;
pub mod window;

pub use action::Action;
pub use layers::Focus;
pub use msg::{Effect, Found, Msg};
pub use state::State;
pub use update::update;
