//! placeholder module, filled by its issue.
