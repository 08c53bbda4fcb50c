//! Terminal setup.
