//! `dossier archive status`: the schema version, what the archive holds and
//! how much room it takes.

use super::{Archive, ArchiveError, schema};
use serde::Serialize;

/// What `dossier archive status` reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// The archive, password hidden.
    pub archive: String,
    /// Its schema version (none when it holds no dossier archive).
    pub schema_version: Option<i32>,
    /// The version this dossier writes.
    pub supported_version: i32,
    /// Documents (files: each language version and rendering).
    pub documents: i64,
    /// Rows of the list (symbols, and documents without one).
    pub listed: i64,
    /// Paragraphs.
    pub paragraphs: i64,
    /// Citations.
    pub citations: i64,
    /// Bytes taken by the tables and their indexes.
    pub table_bytes: i64,
    /// Bytes taken by the whole database.
    pub database_bytes: i64,
}

impl Archive {
    /// The archive's status.
    pub fn status(&self) -> Result<Status, ArchiveError> {
        let mut client = self.client.borrow_mut();
        let version = schema::version(&mut *client).map_err(|e| self.failed(&e))?;
        let mut status = Status {
            archive: self.settings.shown.clone(),
            schema_version: version,
            supported_version: schema::CURRENT,
            documents: 0,
            listed: 0,
            paragraphs: 0,
            citations: 0,
            table_bytes: 0,
            database_bytes: 0,
        };
        let database = client
            .query_one("SELECT pg_database_size(current_database())", &[])
            .map_err(|e| self.failed(&e))?;
        status.database_bytes = database.get(0);
        if version.is_none() {
            return Ok(status);
        }
        let row = client
            .query_one(
                "SELECT (SELECT count(*) FROM documents),
                        (SELECT count(*) FROM documents WHERE listed),
                        (SELECT count(*) FROM paragraphs),
                        (SELECT count(*) FROM citations),
                        (SELECT sum(pg_total_relation_size(t))::bigint
                           FROM unnest(ARRAY['documents', 'paragraphs', 'citations',
                                             'schema_version']::regclass[]) AS t)",
                &[],
            )
            .map_err(|e| self.failed(&e))?;
        status.documents = row.get(0);
        status.listed = row.get(1);
        status.paragraphs = row.get(2);
        status.citations = row.get(3);
        status.table_bytes = row.get(4);
        Ok(status)
    }
}
