//! The archive's tables, created and migrated by dossier itself: ordered
//! migrations compiled into the binary, each applied once and recorded in
//! `schema_version`. The design (distributable on Citus: every big table
//! keyed by the document id, no foreign keys) is in `docs/archive.md`.

use postgres::GenericClient;

/// Migrations in order: the version each brings the schema to, and its SQL.
pub const MIGRATIONS: &[(i32, &str)] = &[(1, V1), (2, V2), (3, V3), (4, V4)];

/// The schema version this binary reads and writes.
pub const CURRENT: i32 = 4;

/// A number taken by `pg_advisory_xact_lock` while migrating, so that two
/// pushes never migrate at once.
const MIGRATION_LOCK: i64 = 0x646f_7373_6965_7201;

const V1: &str = r#"
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One row per file pushed: a language version or a rendering of a symbol.
CREATE TABLE documents (
    id text PRIMARY KEY,
    ordinal bigint NOT NULL,
    path text NOT NULL,
    symbol text,
    symbol_base text,
    language text,
    title text,
    display_title text NOT NULL,
    date text,
    session integer,
    doc_type text,
    meta jsonb NOT NULL,
    encoding text NOT NULL,
    caveats jsonb NOT NULL,
    source text NOT NULL,
    content_hash text NOT NULL,
    parser_version text NOT NULL,
    words integer NOT NULL,
    lines integer NOT NULL,
    empty boolean NOT NULL,
    has_agenda boolean NOT NULL,
    reference_count integer NOT NULL,
    lang_rank integer NOT NULL,
    format_rank integer NOT NULL,
    listed boolean NOT NULL DEFAULT true,
    reported_conference text,
    reported_session integer,
    draft_key text,
    adopted_key text,
    named_draft_base text,
    pushed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_listed ON documents (ordinal) WHERE listed;
CREATE INDEX documents_ordinal ON documents (ordinal);
CREATE INDEX documents_symbol ON documents (symbol);
CREATE INDEX documents_symbol_base ON documents (symbol_base);
CREATE INDEX documents_path ON documents (path);
CREATE INDEX documents_draft_key ON documents (draft_key);
CREATE INDEX documents_adopted_key ON documents (adopted_key);
CREATE INDEX documents_named_draft_base ON documents (named_draft_base);
CREATE INDEX documents_reported ON documents (reported_conference, reported_session);
CREATE INDEX documents_symbol_trgm ON documents USING gin (symbol gin_trgm_ops);
CREATE INDEX documents_title_trgm ON documents USING gin (display_title gin_trgm_ops);

-- The paragraphs of each document, with full text in its language.
CREATE TABLE paragraphs (
    doc_id text NOT NULL,
    n integer NOT NULL,
    number text,
    start_line integer NOT NULL,
    end_line integer NOT NULL,
    config regconfig NOT NULL,
    text text NOT NULL,
    tsv tsvector NOT NULL,
    PRIMARY KEY (doc_id, n)
);
CREATE INDEX paragraphs_tsv ON paragraphs USING gin (tsv);

-- Every citation ("references" is a reserved word).
CREATE TABLE citations (
    doc_id text NOT NULL,
    n integer NOT NULL,
    kind text NOT NULL,
    key text NOT NULL,
    cited_as text,
    line integer NOT NULL,
    col integer NOT NULL,
    end_line integer NOT NULL,
    end_col integer NOT NULL,
    text text NOT NULL,
    context text NOT NULL,
    focus integer NOT NULL,
    context_truncated boolean NOT NULL,
    conference text,
    session integer,
    key_target text NOT NULL,
    cited_as_target text,
    PRIMARY KEY (doc_id, n)
);
CREATE INDEX citations_key ON citations (key);
CREATE INDEX citations_cited_as ON citations (cited_as) WHERE cited_as IS NOT NULL;
CREATE INDEX citations_session ON citations (conference, session) WHERE conference IS NOT NULL;
CREATE INDEX citations_key_target ON citations (key_target);
CREATE INDEX citations_cited_as_target ON citations (cited_as_target) WHERE cited_as_target IS NOT NULL;
"#;

/// Version 2: each document's list row (`list --json`'s, with its
/// language versions and family link) stored at push time, so that a page
/// of the list is one indexed query. `json`, not `jsonb`: the text is kept
/// as written, keys in order. Rows pushed before it are filled by the next
/// push. And the size of the list, kept by each push's batches, so that
/// opening a list of a million rows does not count them.
const V2: &str = r#"
ALTER TABLE documents ADD COLUMN list_row json;
CREATE TABLE list_summary (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    rows bigint NOT NULL,
    with_symbol bigint NOT NULL
);
INSERT INTO list_summary (rows, with_symbol)
    SELECT count(*), count(symbol) FROM documents WHERE listed;
"#;

/// Version 3: searches that stop at their limit. Symbols and titles get
/// GiST trigram indexes over the listed documents, which return the
/// nearest first (`ORDER BY symbol <-> $1 LIMIT n` reads about n entries);
/// the GIN ones they replace can only return every match, unordered. The
/// Chinese documents get an index in list order, so that the substring
/// scan reads their paragraphs first to last and stops at its limit. And
/// the full-text index is split by configuration: a query's words stemmed
/// for English are looked up among the English paragraphs only (one index
/// for all found every French paragraph whose stems matched too, then
/// dropped them: 0.7 s for a query that matches nothing, at 100 000
/// documents).
const V3: &str = r#"
DROP INDEX documents_symbol_trgm;
DROP INDEX documents_title_trgm;
CREATE INDEX documents_symbol_gist ON documents USING gist (symbol gist_trgm_ops) WHERE listed;
CREATE INDEX documents_title_gist ON documents USING gist (display_title gist_trgm_ops) WHERE listed;
CREATE INDEX documents_chinese ON documents (ordinal) WHERE language = 'zh';
CREATE INDEX paragraphs_tsv_english ON paragraphs USING gin (tsv) WHERE config = 'english'::regconfig;
CREATE INDEX paragraphs_tsv_french ON paragraphs USING gin (tsv) WHERE config = 'french'::regconfig;
CREATE INDEX paragraphs_tsv_spanish ON paragraphs USING gin (tsv) WHERE config = 'spanish'::regconfig;
CREATE INDEX paragraphs_tsv_russian ON paragraphs USING gin (tsv) WHERE config = 'russian'::regconfig;
CREATE INDEX paragraphs_tsv_arabic ON paragraphs USING gin (tsv) WHERE config = 'arabic'::regconfig;
CREATE INDEX paragraphs_tsv_simple ON paragraphs USING gin (tsv) WHERE config = 'simple'::regconfig;
DROP INDEX paragraphs_tsv;
"#;

/// Version 4: the list filtered and sorted by the server. Each document
/// gets the keys the corpus in memory filters and sorts by (see
/// `list_keys`): its folded haystack, with a trigram index for the filter's
/// `LIKE '%word%'`, and the byte keys of the date, symbol and title orders,
/// each with an index over the listed documents in that order (ids
/// included: a page deep in the list is found on the index alone). The
/// keys are computed in Rust (folding is dossier's own), for the documents
/// already there by [`V4_AFTER`]'s step before its indexes are built.
const V4: &str = r#"
ALTER TABLE documents ADD COLUMN list_haystack text;
ALTER TABLE documents ADD COLUMN list_date_key bytea;
ALTER TABLE documents ADD COLUMN list_symbol_key bytea;
ALTER TABLE documents ADD COLUMN list_title_key bytea;
"#;

/// Version 4's indexes, built once the keys are filled.
const V4_AFTER: &str = r#"
CREATE INDEX documents_list_haystack ON documents USING gin (list_haystack gin_trgm_ops) WHERE listed;
CREATE INDEX documents_list_date ON documents (list_date_key DESC NULLS LAST, ordinal) INCLUDE (id) WHERE listed;
CREATE INDEX documents_list_symbol ON documents (list_symbol_key, ordinal) INCLUDE (id) WHERE listed;
CREATE INDEX documents_list_title ON documents (list_title_key, ordinal) INCLUDE (id) WHERE listed;
"#;

/// Brings the archive's schema to [`CURRENT`], applying what is missing in
/// one transaction; returns the version found before.
pub fn migrate(client: &mut postgres::Client) -> Result<i32, postgres::Error> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_version (
            version integer PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now())",
    )?;
    let found = version_in(&mut tx)?.unwrap_or(0);
    for &(version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
        tx.batch_execute(sql)?;
        if version == 4 {
            super::list_keys::fill(&mut tx)?;
            tx.batch_execute(V4_AFTER)?;
        }
        tx.execute(
            "INSERT INTO schema_version (version) VALUES ($1)",
            &[&version],
        )?;
    }
    tx.commit()?;
    Ok(found)
}

/// The schema version of the archive, `None` when it has no dossier schema.
pub fn version(client: &mut impl GenericClient) -> Result<Option<i32>, postgres::Error> {
    version_in(client)
}

fn version_in(client: &mut impl GenericClient) -> Result<Option<i32>, postgres::Error> {
    let exists: bool = client
        .query_one("SELECT to_regclass('schema_version') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(None);
    }
    Ok(client
        .query_one("SELECT max(version) FROM schema_version", &[])?
        .get(0))
}

/// Every configuration [`text_search_config`] gives.
pub const TEXT_SEARCH_CONFIGS: [&str; 6] = [
    "english", "french", "spanish", "russian", "arabic", "simple",
];

/// The text search configuration for a language code: the language's own
/// where PostgreSQL has one, `simple` (words as written) otherwise; Chinese
/// is searched with `simple` and trigrams.
pub fn text_search_config(language: Option<&str>) -> &'static str {
    match language {
        Some("en") => "english",
        Some("fr") => "french",
        Some("es") => "spanish",
        Some("ru") => "russian",
        Some("ar") => "arabic",
        _ => "simple",
    }
}
