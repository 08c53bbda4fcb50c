//! Hostile input: each case is built on the fly in a temporary directory and
//! the real binary is run on it, with a timeout so that a hang fails the test.
//! Every case checks the exit status, the message, and that the good files
//! beside the bad ones are still served.

#![allow(clippy::unwrap_used)] // a test (or bench) that cannot unwrap has failed

mod common;
mod documents;
mod encodings;
mod filesystem;
mod hangs;
mod lost;
mod memory;
mod pdfgen;
mod sizes;
mod terminal;
mod text;
