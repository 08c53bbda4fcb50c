//! The key bound to each action, for messages that name a key ("`]` and `[`
//! select one"): taken from the keymap, so they stay right when a user
//! rebinds keys.

use crate::app::Action;
use std::collections::HashMap;

/// The key shown for each action.
#[derive(Debug, Clone, Default)]
pub struct KeyNames {
    names: HashMap<Action, String>,
}

impl KeyNames {
    /// Names from (action, key) pairs.
    pub fn new(names: impl IntoIterator<Item = (Action, String)>) -> Self {
        KeyNames {
            names: names.into_iter().collect(),
        }
    }

    /// The key bound to `action` (its name, in angle brackets, when unbound).
    pub fn key(&self, action: Action) -> String {
        self.names
            .get(&action)
            .cloned()
            .unwrap_or_else(|| format!("<{}>", action.name()))
    }
}
