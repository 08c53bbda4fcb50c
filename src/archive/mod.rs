//! The archive: a corpus in PostgreSQL, shared by everyone who can reach
//! the server. `push` writes documents parsed here into it; the archive
//! answers the same questions as a corpus in memory ([`crate::corpus::Source`]).

pub mod connect;
mod list_keys;
mod list_query;
mod neighbours;
pub mod push;
mod read;
mod row;
pub mod schema;
mod search;
pub mod status;
mod tls;

use connect::Settings;
use std::cell::{Cell, RefCell};
use thiserror::Error;

/// Why the archive could not be used; every message names the archive
/// without its password, on one line.
#[derive(Debug, Error)]
pub enum ArchiveError {
    /// The settings could not be read.
    #[error(transparent)]
    Settings(#[from] connect::SettingsError),
    /// The server could not be reached or refused us.
    #[error("cannot reach the archive at {archive}: {reason}")]
    Connect {
        /// The archive, password hidden.
        archive: String,
        /// Why.
        reason: String,
    },
    /// The database holds no dossier archive.
    #[error("{0} holds no dossier archive (`dossier archive push PATHS --to URL` creates one)")]
    NoSchema(String),
    /// The archive was made by a newer dossier.
    #[error("the archive at {archive} has schema version {found}; this dossier reads up to {CURRENT}: update dossier", CURRENT = schema::CURRENT)]
    TooNew {
        /// The archive, password hidden.
        archive: String,
        /// Its schema version.
        found: i32,
    },
    /// The archive was made by an older dossier and not migrated yet.
    #[error("the archive at {archive} has schema version {found}; this dossier reads version {CURRENT}: push to it once with this dossier (`dossier archive push PATHS --to URL`) to migrate it", CURRENT = schema::CURRENT)]
    TooOld {
        /// The archive, password hidden.
        archive: String,
        /// Its schema version.
        found: i32,
    },
    /// A statement was cancelled (a newer question made it useless).
    #[error("the archive at {0} was asked to stop a statement")]
    Cancelled(String),
    /// A query failed (the server went away, a permission is missing).
    #[error("the archive at {archive} failed: {reason}")]
    Query {
        /// The archive, password hidden.
        archive: String,
        /// Why, on one line.
        reason: String,
    },
}

/// What stops the statement an archive's connection is running, from
/// another thread (the explorer's, when the question it answers is
/// superseded). The statement fails as [`ArchiveError::Cancelled`].
#[derive(Clone)]
pub struct Canceller {
    token: postgres::CancelToken,
    config: postgres::Config,
}

impl std::fmt::Debug for Canceller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Canceller")
    }
}

impl Canceller {
    /// Asks the server to stop the statement running now, if any (over a
    /// new connection; a failure to reach it is not an error: the
    /// statement then runs to its end).
    pub fn cancel(&self) {
        let _ = tls::cancel(&self.token, &self.config);
    }
}

/// A connection to an archive.
pub struct Archive {
    client: RefCell<postgres::Client>,
    settings: Settings,
    /// Set when a query failed because the connection was lost, which the
    /// client may not know yet (the server's goodbye arrives before the
    /// socket closes).
    lost: Cell<bool>,
}

impl Archive {
    /// Connects to the archive `url` names (or `DOSSIER_ARCHIVE`) to read
    /// it; fails when it holds no dossier schema or a newer one.
    pub fn open(url: Option<&str>) -> Result<Archive, ArchiveError> {
        let archive = Archive::connect(url)?;
        let found = {
            let mut client = archive.client.borrow_mut();
            schema::version(&mut *client).map_err(|e| archive.failed(&e))?
        };
        match found {
            None => Err(ArchiveError::NoSchema(archive.settings.shown.clone())),
            Some(v) if v > schema::CURRENT => Err(ArchiveError::TooNew {
                archive: archive.settings.shown.clone(),
                found: v,
            }),
            Some(v) if v < schema::CURRENT => Err(ArchiveError::TooOld {
                archive: archive.settings.shown.clone(),
                found: v,
            }),
            Some(_) => Ok(archive),
        }
    }

    /// Connects to the archive `url` names (or `DOSSIER_ARCHIVE`) without
    /// looking at its schema.
    pub fn connect(url: Option<&str>) -> Result<Archive, ArchiveError> {
        let settings = connect::settings(url)?;
        let client = tls::connect(&settings.config).map_err(|e| ArchiveError::Connect {
            archive: settings.shown.clone(),
            reason: one_line(&*e, settings.secret.as_deref()),
        })?;
        Ok(Archive {
            client: RefCell::new(client),
            settings,
            lost: Cell::new(false),
        })
    }

    /// What stops this connection's running statement from another thread.
    pub fn canceller(&self) -> Canceller {
        Canceller {
            token: self.client.borrow().cancel_token(),
            config: self.settings.config.clone(),
        }
    }

    /// True when the connection is gone (the server went away): what failed
    /// may work on a new one. A query the server refused leaves it open.
    pub fn is_closed(&self) -> bool {
        self.lost.get() || self.client.borrow().is_closed()
    }

    /// The archive as messages name it (no password).
    pub fn shown(&self) -> &str {
        &self.settings.shown
    }

    /// The error of a failed query, on one line, password hidden.
    fn failed(&self, e: &postgres::Error) -> ArchiveError {
        if e.code() == Some(&postgres::error::SqlState::QUERY_CANCELED) {
            return ArchiveError::Cancelled(self.settings.shown.clone());
        }
        if connection_lost(e) {
            self.lost.set(true);
        }
        let mut reason = one_line(e, self.settings.secret.as_deref());
        if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
            reason.push_str(
                " (this role may not do that: reading needs SELECT on the archive's tables, \
                 `archive push` a role that may create and write them; see docs/archive.md, Roles)",
            );
        }
        ArchiveError::Query {
            archive: self.settings.shown.clone(),
            reason,
        }
    }
}

/// What `e` says, with its source, on one line, `secret` and any password
/// in a URL hidden.
fn one_line(e: &dyn std::error::Error, secret: Option<&str>) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = s.source();
    }
    let mut text = connect::redact(&text.replace(['\n', '\r'], " "));
    if let Some(secret) = secret {
        text = text.replace(secret, "***");
    }
    text
}

/// True when `e` says the connection is gone rather than the query refused:
/// the socket closed, or the server ending the session (SQLSTATE class 08,
/// connection exception, or 57P, the server shutting down or restarting).
fn connection_lost(e: &postgres::Error) -> bool {
    e.is_closed()
        || e.code().is_some_and(|code| {
            let code = code.code();
            code.starts_with("08") || code.starts_with("57P")
        })
}
