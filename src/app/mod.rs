//! Application state and its one reducer: an [`Action`] (or another [`Msg`])
//! goes in, the state changes, and [`Effect`]s come out for the event loop.
//! Nothing here touches the terminal.

pub mod action;
pub mod find;
pub mod help;
pub mod history;
pub mod jump;
pub mod layout;
pub mod mouse;
pub mod outline;
pub mod panes;
pub mod reader;
pub mod search_bar;
pub mod state;
pub mod text;
pub mod update;

pub use action::Action;
pub use state::{Focus, State};
pub use update::{Effect, Found, Msg, update};
