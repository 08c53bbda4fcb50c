//! The archive against a real PostgreSQL server started by the tests
//! (`common::pg`): the same answers as the corpus in memory, pushes that
//! change nothing when nothing changed, a push cut short that leaves the
//! archive consistent, hostile names and queries, and a server that goes
//! away.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;

use common::pg;
use dossier::archive::Archive;
use dossier::corpus::view::DocumentFacts;
use dossier::corpus::{ListQuery, Page, ReferenceRow, Source, SourceError};
use std::path::Path;
use std::process::Command;

/// What a run of the binary gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `dossier ARGS…` with `env` set (and no DOSSIER_ARCHIVE otherwise).
fn dossier_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("DOSSIER_ARCHIVE");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn dossier(args: &[&str]) -> Run {
    dossier_env(args, &[])
}

/// Pushes `paths` (the bundled corpus when none) to `url`; its stderr.
fn push(url: &str, paths: &[&str]) -> String {
    let mut args = vec!["archive", "push"];
    args.extend(paths);
    args.extend(["--to", url]);
    let run = dossier(&args);
    assert_eq!(run.code, 0, "push failed: {}", run.stderr);
    run.stderr
}

/// Asserts that `args` print the same, and exit the same, read from
/// `paths` and from the archive at `url`.
fn same(args: &[&str], paths: &[&str], url: &str) {
    let mut local: Vec<&str> = args.to_vec();
    local.extend(paths);
    let mut remote: Vec<&str> = args.to_vec();
    remote.extend(["--archive", url]);
    let (a, b) = (dossier(&local), dossier(&remote));
    assert_eq!(
        a.code, b.code,
        "{args:?}: exit codes\n{}\n{}",
        a.stderr, b.stderr
    );
    assert_eq!(a.stdout, b.stdout, "{args:?}: output differs");
    assert_eq!(a.stderr, b.stderr, "{args:?}: messages differ");
}

/// The ids and languages of every row `list --json` prints.
fn rows(paths: &[&str]) -> Vec<(String, Vec<String>)> {
    let mut args = vec!["list", "--json"];
    args.extend(paths);
    let run = dossier(&args);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let langs = r["languages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap().to_string())
                .collect();
            (r["id"].as_str().unwrap().to_string(), langs)
        })
        .collect()
}

/// Every read command on every document: the same from files and archive.
fn same_everywhere(paths: &[&str], url: &str) {
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["refs", "--json"],
        &["refs"],
        &["refs", "--kind", "symbol", "--kind", "decision", "--json"],
    ] {
        same(args, paths, url);
    }
    let listed = rows(paths);
    assert!(!listed.is_empty());
    for (id, languages) in &listed {
        same(&["show", id, "--json"], paths, url);
        same(&["show", id], paths, url);
        same(&["show", id, "--raw", "--json"], paths, url);
        same(&["family", id, "--json"], paths, url);
        for lang in languages {
            same(&["show", id, "--lang", lang, "--json"], paths, url);
        }
        same(&["show", id, "--lang", "xx"], paths, url);
    }
    // Backlinks of every key cited, and of every symbol carried.
    let mut args = vec!["refs", "--json"];
    args.extend(paths);
    let refs: serde_json::Value = serde_json::from_str(&dossier(&args).stdout).unwrap();
    let mut keys: Vec<String> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap().to_string())
        .collect();
    keys.sort();
    keys.dedup();
    for key in keys.iter().take(60) {
        same(&["backlinks", key, "--json"], paths, url);
        same(&["backlinks", key], paths, url);
    }
    same(&["backlinks", "ctoc/cop/2012/1"], paths, url);
    same(&["backlinks", "nothing at all"], paths, url);
    same(&["show", "0"], paths, url);
    same(&["show", "no-such-document"], paths, url);
}

#[test]
fn the_archive_answers_as_the_bundled_corpus_does() {
    let url = pg::shared().database("bundled");
    let said = push(&url, &[]);
    assert!(said.contains("5 new, 0 changed, 0 unchanged"), "{said}");
    same_everywhere(&[], &url);
    same(&["backlinks", "décision 4/4"], &[], &url);
    same(&["grep", "décision [0-9]+/[0-9]+"], &[], &url);
    same(&["grep", "-i", "CONVENTION", "--json"], &[], &url);
    same(&["grep", "no such text anywhere"], &[], &url);
    same(
        &["grep", "--words", "conférences parties", "--json"],
        &[],
        &url,
    );
    same(&["show", "002", "--json"], &[], &url);
}

/// What a source says of one document, comparable.
fn opened(source: &dyn Source, query: &str, lang: Option<&str>) -> Result<String, String> {
    let o = source.open(query, lang).map_err(|e| e.to_string())?;
    let refs: Vec<ReferenceRow> = o
        .doc
        .references
        .iter()
        .map(|r| ReferenceRow::of(&o.doc, r))
        .collect();
    Ok(format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        DocumentFacts::of(&o.doc),
        o.doc.text,
        o.doc.raw,
        o.doc.pages,
        o.doc.paragraphs,
        o.doc.footnotes,
        refs,
        o.agenda_document
    ))
}

/// Every question of the interface, asked of the files read in memory and
/// of the archive they were pushed to, in this process: the same answers.
fn same_answers(paths: &[&str], url: &str) {
    let paths: Vec<std::path::PathBuf> = paths.iter().map(Into::into).collect();
    let memory = dossier::model::load_paths(&paths, &|_| {});
    let archive = Archive::open(Some(url)).unwrap();
    let (m, a): (&dyn Source, &dyn Source) = (&memory, &archive);
    let all = ListQuery::default();
    assert_eq!(m.list_summary(&all).unwrap(), a.list_summary(&all).unwrap());
    let rows = dossier::corpus::list_all(m, &all, 3).unwrap();
    assert_eq!(rows, dossier::corpus::list_all(a, &all, 3).unwrap());
    assert_eq!(m.references(&[]).unwrap(), a.references(&[]).unwrap());
    for row in &rows {
        let id = row.facts.id.as_str();
        let prefix: String = id.chars().take(3).collect();
        for query in [id, row.label(), &prefix, &row.facts.path] {
            assert_eq!(opened(m, query, None), opened(a, query, None), "{query}");
            let family = |s: &dyn Source| s.family(query).map_err(|e| e.to_string());
            assert_eq!(family(m), family(a), "{query}");
            let versions = |s: &dyn Source| s.versions(query).map_err(|e| e.to_string());
            assert_eq!(versions(m), versions(a), "{query}");
        }
        for lang in row.languages.iter().map(String::as_str).chain(["xx"]) {
            assert_eq!(
                opened(m, id, Some(lang)),
                opened(a, id, Some(lang)),
                "{id} {lang}"
            );
        }
    }
    let mut keys: Vec<String> = m
        .references(&[])
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect();
    keys.sort();
    keys.dedup();
    for key in &keys {
        assert_eq!(m.cited_by(key).unwrap(), a.cited_by(key).unwrap(), "{key}");
        let all = |s: &dyn Source| s.citations(key).unwrap().collect::<Vec<_>>();
        assert_eq!(all(m), all(a), "{key}");
    }
}

#[test]
fn the_archive_answers_as_the_fixture_files_do() {
    let url = pg::shared().database("fixtures");
    let paths = ["tests/fixtures/pdf", "tests/fixtures/versions"];
    push(&url, &paths);
    same_answers(&paths, &url);
    // And the command line prints the same (a PDF's family and versions).
    same(&["list", "--json"], &paths, &url);
    same(&["family", "A/RES/80/174", "--json"], &paths, &url);
    same(&["grep", "(?i)general assembly", "--json"], &paths, &url);
}

#[test]
fn the_archive_answers_as_the_language_samples_do() {
    let url = pg::shared().database("languages");
    let paths = ["tests/fixtures/lang"];
    push(&url, &paths);
    same_answers(&paths, &url);
    same(&["list"], &paths, &url);
}

#[test]
fn the_archive_answers_as_a_generated_corpus_does() {
    let dir = generated(120);
    let path = dir.path().to_str().unwrap();
    let url = pg::shared().database("generated");
    push(&url, &[path]);
    same_answers(&[path], &url);
}

/// Every document parses back to itself from what the archive stores.
#[test]
fn stored_sources_parse_back_to_the_same_documents() {
    let corpus = dossier::model::load_paths(
        &[
            "tests/fixtures/pdf".into(),
            "tests/fixtures/versions".into(),
            "tests/fixtures/lang".into(),
        ],
        &|_| {},
    );
    let bundled = dossier::model::load_bundled();
    for doc in corpus.documents().iter().chain(bundled.documents()) {
        let source = doc.raw.clone().unwrap_or_else(|| doc.text.clone());
        let again = dossier::model::parse::parse_document(
            doc.id.clone(),
            doc.path.clone(),
            source,
            doc.encoding,
        );
        assert_eq!(again.text, doc.text, "{}", doc.id);
        assert_eq!(again.meta, doc.meta, "{}", doc.id);
        assert_eq!(again.references, doc.references, "{}", doc.id);
        assert_eq!(again.paragraphs, doc.paragraphs, "{}", doc.id);
    }
}

/// `SELECT …` of the archive at `url` through psql, as text.
fn sql(url: &str, query: &str) -> String {
    let db = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    pg::shared().psql(db, query)
}

#[test]
fn pushing_the_same_files_twice_changes_nothing() {
    let url = pg::shared().database("idempotent");
    push(&url, &["tests/fixtures/lang"]);
    let snapshot = "SELECT string_agg(id || ordinal || content_hash || pushed_at, ',' ORDER BY id)
                    FROM documents";
    let before = sql(&url, snapshot);
    let counts = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM paragraphs),
                         (SELECT count(*) FROM citations)";
    let counted = sql(&url, counts);
    let said = push(&url, &["tests/fixtures/lang"]);
    assert!(said.contains("0 new, 0 changed, 6 unchanged"), "{said}");
    assert_eq!(sql(&url, snapshot), before);
    assert_eq!(sql(&url, counts), counted);
    assert_eq!(sql(&url, "SELECT count(*) FROM schema_version"), "4");
}

#[test]
fn a_changed_file_replaces_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("note.txt");
    std::fs::write(
        &file,
        "Note\n\nDans sa décision 4/4, la Conférence a décidé.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("other.txt"),
        "Autre\n\nVoir CTOC/COP/2012/1.\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let url = pg::shared().database("changed");
    push(&url, &[path]);
    std::fs::write(
        &file,
        "Note\n\nDans sa décision 5/2 et sa résolution 3/1.\n",
    )
    .unwrap();
    let said = push(&url, &[path]);
    assert!(said.contains("0 new, 1 changed, 1 unchanged"), "{said}");
    same(&["refs", "--json"], &[path], &url);
    same(&["backlinks", "decision:4/4"], &[path], &url);
    same(&["backlinks", "decision:5/2", "--json"], &[path], &url);
    assert_eq!(
        sql(
            &url,
            "SELECT count(*) FROM citations WHERE key = 'decision:4/4'"
        ),
        "0"
    );
}

/// A corpus of `n` small documents citing each other, in a new directory.
fn generated(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let text = format!(
            "Document {i}\n\nDans sa décision {}/{}, la Conférence a rappelé CTOC/COP/2012/{}.\n\n\
             1. Le paragraphe 3 de l'article 32 de la Convention.\n",
            i % 7 + 1,
            i % 5 + 1,
            i % 11 + 1
        );
        std::fs::write(dir.path().join(format!("doc{i:04}.txt")), text).unwrap();
    }
    dir
}

/// Every document holds all its citations, and no row is orphaned.
fn assert_consistent(url: &str) {
    let bad = sql(
        url,
        "SELECT count(*) FROM documents d
         WHERE d.reference_count <> (SELECT count(*) FROM citations c WHERE c.doc_id = d.id)
            OR NOT d.empty AND NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.doc_id = d.id)",
    );
    assert_eq!(bad, "0", "documents with missing rows");
    let orphans = sql(
        url,
        "SELECT (SELECT count(*) FROM citations c WHERE NOT EXISTS
                   (SELECT 1 FROM documents d WHERE d.id = c.doc_id))
              + (SELECT count(*) FROM paragraphs p WHERE NOT EXISTS
                   (SELECT 1 FROM documents d WHERE d.id = p.doc_id))",
    );
    assert_eq!(orphans, "0", "rows of documents that are not there");
    assert_list_summary(url);
}

/// The size of the list the pushes keep is the list's.
fn assert_list_summary(url: &str) {
    let kept = sql(url, "SELECT rows || ' ' || with_symbol FROM list_summary");
    let counted = sql(
        url,
        "SELECT count(*) || ' ' || count(symbol) FROM documents WHERE listed",
    );
    assert_eq!(kept, counted, "the list's size kept by the pushes");
}

#[test]
fn a_push_that_fails_half_way_leaves_the_archive_consistent() {
    let dir = generated(150);
    let path = dir.path().to_str().unwrap();
    let url = pg::shared().database("interrupted");
    let run = dossier_env(
        &["archive", "push", path, "--to", &url],
        &[("DOSSIER_ARCHIVE_FAIL_BATCH", "2")],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("batch 2 failed"), "{}", run.stderr);
    assert_eq!(sql(&url, "SELECT count(*) FROM documents"), "64");
    assert_consistent(&url);
    let said = push(&url, &[path]);
    assert!(said.contains("86 new, 0 changed, 64 unchanged"), "{said}");
    assert_consistent(&url);
    same(&["list", "--json"], &[path], &url);
    same(&["backlinks", "decision:3/3", "--json"], &[path], &url);
}

#[test]
fn a_push_killed_half_way_leaves_the_archive_consistent() {
    let dir = generated(400);
    let path = dir.path().to_str().unwrap();
    let url = pg::shared().database("killed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["archive", "push", path, "--to", &url])
        .env_remove("DOSSIER_ARCHIVE")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Killed as soon as the first batch is written.
    let stderr = child.stderr.take().unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
    let first = lines.find(|l| l.as_ref().is_ok_and(|l| l.contains("64/")));
    child.kill().unwrap();
    let _ = child.wait();
    assert!(first.is_some(), "the push said nothing of its progress");
    assert_consistent(&url);
    let said = push(&url, &[path]);
    assert!(said.contains("0 changed"), "{said}");
    assert_consistent(&url);
    assert_eq!(sql(&url, "SELECT count(*) FROM documents"), "400");
}

const HOSTILE: &[&str] = &[
    "'; DROP TABLE documents; --",
    "\"; DROP TABLE citations; --",
    "' OR '1'='1",
    "%",
    "_",
    "\\",
    "$1",
    "symbol:A/RES/'; DELETE FROM documents; --",
    "décision 4/4' --",
];

#[test]
fn hostile_names_and_queries_are_only_data() {
    let dir = tempfile::tempdir().unwrap();
    for (i, name) in [
        "it's; DROP TABLE documents; --.txt",
        "a\"b%_\\.txt",
        "$1 OR 1=1.md",
    ]
    .iter()
    .enumerate()
    {
        let text = format!(
            "Titre '; DROP TABLE paragraphs; -- {i}\n\nVoir A/RES/{i}'; DELETE FROM citations; -- \
             et la décision 4/4.\n"
        );
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let path = dir.path().to_str().unwrap();
    let url = pg::shared().database("hostile");
    push(&url, &[path]);
    same_everywhere(&[path], &url);
    same_answers(&[path], &url);
    let long = "x".repeat(100_000);
    for query in HOSTILE.iter().copied().chain([long.as_str()]) {
        same(&["show", query], &[path], &url);
        same(&["family", query], &[path], &url);
        same(&["backlinks", query], &[path], &url);
    }
    assert_eq!(sql(&url, "SELECT count(*) FROM documents"), "3");
    assert_consistent(&url);
}

#[test]
fn nul_bytes_and_huge_strings_reach_the_archive_only_as_data() {
    let url = pg::shared().database("nul");
    push(&url, &[]);
    let archive = Archive::open(Some(&url)).unwrap();
    let huge = "décision 4/4 ".repeat(400_000);
    for query in [
        "a\0b",
        "\0",
        huge.as_str(),
        "symbol:\0'; DROP TABLE documents; --",
    ] {
        match archive.open(query, None) {
            Err(SourceError::Lookup(_)) => {}
            other => panic!("{:?}", other.map(|o| o.doc.id)),
        }
        assert!(archive.family(query).is_err());
        let cited = archive.cited_by(query).unwrap();
        assert_eq!(cited.count, 0);
        assert_eq!(archive.citations(query).unwrap().count(), 0);
        assert!(archive.keys_for_target(query, 5).unwrap().is_empty());
    }
    let page = archive
        .list(
            &ListQuery::default(),
            Page {
                offset: 0,
                limit: 2,
            },
        )
        .unwrap();
    assert_eq!(page.len(), 2);
    assert_eq!(sql(&url, "SELECT count(*) FROM documents"), "5");
}

#[test]
fn a_session_the_server_ends_mid_query_is_known_lost_at_once() {
    // The server's goodbye (SQLSTATE 57P01) can arrive as the answer to a
    // query in flight, before the client sees its socket close: it must
    // still count as a lost connection (which the explorer retries), not
    // as a query refused (said once). The query is held on a lock while
    // its session is ended.
    let url = pg::shared().database("ended");
    push(&url, &[]);
    let db = url
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let archive = Archive::open(Some(&url)).unwrap();
    assert_eq!(archive.list_summary(&ListQuery::default()).unwrap().rows, 5);
    let locker_db = db.clone();
    let locker = std::thread::spawn(move || {
        pg::shared().psql(
            &locker_db,
            "BEGIN; LOCK TABLE list_summary IN ACCESS EXCLUSIVE MODE; \
             SELECT pg_sleep(2); COMMIT;",
        )
    });
    // The lock taken before the archive asks.
    let held = "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation \
                WHERE c.relname = 'list_summary' AND l.mode = 'AccessExclusiveLock' AND l.granted";
    for _ in 0..300 {
        if sql(&url, held) == "1" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let ender_db = db.clone();
    let ender = std::thread::spawn(move || {
        // Once the archive's query waits on the lock, end its session.
        for _ in 0..300 {
            let ended = pg::shared().psql(
                &ender_db,
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
                 WHERE datname = current_database() AND wait_event_type = 'Lock' \
                 AND query LIKE '%FROM list_summary%'",
            );
            if ended != "0" {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        false
    });
    let answer = archive.list_summary(&ListQuery::default());
    assert!(ender.join().unwrap(), "the query never waited on the lock");
    locker.join().unwrap();
    // Whichever the client saw first, the goodbye or the closed socket.
    let e = answer.unwrap_err().to_string();
    assert!(archive.is_closed(), "{e}");
}

#[test]
fn the_server_going_away_is_one_clear_line() {
    let cluster = pg::Cluster::start();
    let url = cluster.database("gone");
    push(&url, &[]);
    let archive = Archive::open(Some(&url)).unwrap();
    assert_eq!(archive.list_summary(&ListQuery::default()).unwrap().rows, 5);
    cluster.stop();
    // In the middle of a session: the next question fails, on one line.
    let e = archive
        .list_summary(&ListQuery::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with(&format!(
            "the archive at postgresql://dossier@127.0.0.1:{}/t_gone failed",
            cluster.port
        )),
        "{e}"
    );
    assert!(!e.contains('\n'), "{e}");
    // A command started after: the same, with dossier's prefix and status 2.
    let run = dossier(&["list", "--archive", &url]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("dossier: cannot reach the archive at postgresql://dossier@"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_password_is_never_printed() {
    let cluster = pg::shared();
    let url = cluster.database("secret");
    push(&url, &[]);
    let with_password = url.replace("dossier@", "dossier:Sup3r'S3cret@");
    let no_db = with_password.replace("t_secret", "no_such_db");
    let closed =
        "postgresql://dossier:Sup3r'S3cret@127.0.0.1:1/x?sslmode=disable&password=Sup3r'S3cret";
    for (args, code) in [
        (vec!["archive", "status", &with_password], 0),
        (vec!["list", "--archive", &with_password], 0),
        (vec!["list", "--archive", &no_db], 2),
        (vec!["archive", "push", "--to", &no_db], 2),
        (vec!["list", "--archive", closed], 2),
        (
            vec!["list", "--archive", "postgresql://u:Sup3r'S3cret@[::1"],
            2,
        ),
    ] {
        let run = dossier(&args);
        assert_eq!(run.code, code, "{args:?}: {}", run.stderr);
        assert!(
            !run.stdout.contains("Sup3r") && !run.stderr.contains("Sup3r"),
            "{args:?} printed the password: {}{}",
            run.stdout,
            run.stderr
        );
    }
    // From the environment.
    let run = dossier_env(
        &["list"],
        &[("DOSSIER_ARCHIVE", &url), ("PGPASSWORD", "Sup3r'S3cret")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("Sup3r"));
}

#[test]
fn status_says_what_the_archive_holds() {
    let url = pg::shared().database("status");
    let run = dossier(&["archive", "status", &url, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let empty: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(empty["schema_version"].is_null());
    push(&url, &[]);
    let run = dossier(&["archive", "status", &url, "--json"]);
    let status: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(status["schema_version"], 4);
    assert_eq!(status["documents"], 5);
    assert_eq!(status["citations"], 39);
    assert!(status["table_bytes"].as_i64().unwrap() > 0);
    let run = dossier(&["archive", "status", &url]);
    assert!(run.stdout.contains("schema version"), "{}", run.stdout);
}

#[test]
fn a_database_without_an_archive_or_with_a_newer_one_is_said_so() {
    let cluster = pg::shared();
    let url = cluster.database("schemas");
    let run = dossier(&["list", "--archive", &url]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("holds no dossier archive"),
        "{}",
        run.stderr
    );
    push(&url, &[]);
    cluster.psql(
        "t_schemas",
        "INSERT INTO schema_version (version) VALUES (99)",
    );
    for args in [
        &["list", "--archive", &url][..],
        &["archive", "push", "--to", &url],
    ] {
        let run = dossier(args);
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains("update dossier"), "{}", run.stderr);
    }
}

#[test]
fn an_archive_of_schema_version_1_is_said_so_then_migrated_by_the_next_push() {
    let cluster = pg::shared();
    let url = cluster.database("v1");
    push(&url, &["tests/fixtures/versions"]);
    // What a dossier of schema version 1 left: no stored list rows.
    cluster.psql("t_v1", BACK_TO_VERSION_2);
    cluster.psql(
        "t_v1",
        "ALTER TABLE documents DROP COLUMN list_row; DROP TABLE list_summary;
         DELETE FROM schema_version WHERE version = 2",
    );
    let run = dossier(&["list", "--archive", &url]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("schema version 1") && run.stderr.contains("to migrate it"),
        "{}",
        run.stderr
    );
    let said = push(&url, &["tests/fixtures/lang"]);
    assert!(said.contains("new"), "{said}");
    assert_eq!(
        sql(
            &url,
            "SELECT count(*) FROM documents WHERE listed AND list_row IS NULL"
        ),
        "0"
    );
    assert_list_summary(&url);
    let run = dossier(&["list", "--json", "--archive", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let both = dossier(&[
        "list",
        "--json",
        "tests/fixtures/versions",
        "tests/fixtures/lang",
    ]);
    assert_eq!(run.stdout, both.stdout);
}

/// What a dossier of schema version 2 left: GIN trigram indexes on
/// symbols and titles, no GiST ones, no index of the Chinese documents, one
/// full-text index for every configuration (and none of version 4's list
/// keys).
const BACK_TO_VERSION_2: &str = "
    DROP INDEX documents_list_haystack; DROP INDEX documents_list_date;
    DROP INDEX documents_list_symbol; DROP INDEX documents_list_title;
    ALTER TABLE documents DROP COLUMN list_haystack, DROP COLUMN list_date_key,
        DROP COLUMN list_symbol_key, DROP COLUMN list_title_key;
    DELETE FROM schema_version WHERE version = 4;
    DROP INDEX documents_symbol_gist; DROP INDEX documents_title_gist;
    DROP INDEX documents_chinese;
    DROP INDEX paragraphs_tsv_english; DROP INDEX paragraphs_tsv_french;
    DROP INDEX paragraphs_tsv_spanish; DROP INDEX paragraphs_tsv_russian;
    DROP INDEX paragraphs_tsv_arabic; DROP INDEX paragraphs_tsv_simple;
    CREATE INDEX paragraphs_tsv ON paragraphs USING gin (tsv);
    CREATE INDEX documents_symbol_trgm ON documents USING gin (symbol gin_trgm_ops);
    CREATE INDEX documents_title_trgm ON documents USING gin (display_title gin_trgm_ops);
    DELETE FROM schema_version WHERE version = 3";

#[test]
fn an_archive_of_schema_version_2_is_said_so_then_migrated_by_the_next_push() {
    let cluster = pg::shared();
    let url = cluster.database("v2");
    push(&url, &["tests/fixtures/lang"]);
    cluster.psql("t_v2", BACK_TO_VERSION_2);
    let run = dossier(&["find", "ctoc/cop/2008/19", "--archive", &url]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("schema version 2") && run.stderr.contains("to migrate it"),
        "{}",
        run.stderr
    );
    push(&url, &["tests/fixtures/lang"]);
    assert_eq!(sql(&url, "SELECT max(version) FROM schema_version"), "4");
    assert_eq!(
        sql(
            &url,
            "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM pg_indexes
             WHERE indexname LIKE '%trgm' OR indexname LIKE '%gist' OR indexname LIKE 'paragraphs_tsv%'
                OR indexname = 'documents_chinese'"
        ),
        "documents_chinese documents_symbol_gist documents_title_gist paragraphs_tsv_arabic \
         paragraphs_tsv_english paragraphs_tsv_french paragraphs_tsv_russian \
         paragraphs_tsv_simple paragraphs_tsv_spanish"
    );
    // By symbol, nearest first (its two language versions list as one row).
    let (code, hits) = found(&url, "ctoc/cop/2008/19");
    assert_eq!(code, 0);
    assert_eq!(hits[0], ("document".to_string(), "zh".to_string(), None));
    // By title, a word of it.
    let (_, hits) = found(&url, "Trafficking");
    assert!(
        hits.iter().any(|h| h.0 == "document" && h.1 == "en"),
        "{hits:?}"
    );
}

/// A markdown document with this symbol, title and language.
fn md(symbol: &str, title: &str, language: &str) -> String {
    format!("---\nsymbol: {symbol}\ntitle: {title}\nlanguage: {language}\n---\n\nText.\n")
}

#[test]
fn stored_list_rows_follow_the_documents_pushed_after_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    let write = |name: &str, text: String| std::fs::write(dir.path().join(name), text).unwrap();
    let title = "Strengthening the crime programme";
    let url = pg::shared().database("rows");
    write("l7.md", md("A/C.3/80/L.7", title, "en"));
    push(&url, &[path]);
    // A revision and a French version arrive later: the first row's
    // languages, versions and family change.
    write("l7_fr.md", md("A/C.3/80/L.7", title, "fr"));
    write("l7r1.md", md("A/C.3/80/L.7/Rev.1", title, "en"));
    push(&url, &[path]);
    same(&["list", "--json"], &[path], &url);
    // The revision becomes another document: it leaves the family.
    write("l7r1.md", md("A/C.3/80/L.9", "Another programme", "en"));
    let said = push(&url, &[path]);
    assert!(said.contains("1 changed"), "{said}");
    same(&["list", "--json"], &[path], &url);
    assert_list_summary(&url);
    let run = dossier(&["list", "--json", "--archive", &url]);
    assert!(
        run.stdout.contains("\"languages\":[\"en\",\"fr\"]"),
        "{}",
        run.stdout
    );
}

#[test]
fn every_language_has_its_text_search_configuration() {
    let cluster = pg::shared();
    let url = cluster.database("configs");
    push(&url, &["tests/fixtures/lang"]);
    let configs = sql(
        &url,
        "SELECT string_agg(DISTINCT d.language || '=' || p.config::text, ' ' ORDER BY d.language || '=' || p.config::text)
         FROM paragraphs p JOIN documents d ON d.id = p.doc_id",
    );
    assert_eq!(
        configs,
        "ar=arabic en=english es=spanish fr=french ru=russian zh=simple"
    );
    // Stemmed search in the document's language: "decisions" finds "decision".
    let hits = sql(
        &url,
        "SELECT count(*) FROM paragraphs WHERE tsv @@ to_tsquery('english', 'decisions')",
    );
    assert_ne!(hits, "0");
    assert!(Path::new(&cluster.dir).exists());
}

#[test]
fn sslmode_decides_whether_tls_is_asked_for() {
    let url = pg::shared().database("tls");
    push(&url, &[]);
    // `prefer` (the default): TLS is offered by rustls, the test server
    // declines it, and the session goes on in the clear.
    let prefer = url.replace("?sslmode=disable", "");
    let run = dossier(&["list", "--archive", &prefer]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // `require`: a server without TLS is refused, on one line.
    let require = url.replace("sslmode=disable", "sslmode=require");
    let run = dossier(&["list", "--archive", &require]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("dossier: cannot reach the archive at postgresql://dossier@"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.to_lowercase().contains("tls"), "{}", run.stderr);
}

/// The `find` hits over the archive at `url`: (kind, doc, line).
fn found(url: &str, query: &str) -> (i32, Vec<(String, String, Option<u64>)>) {
    let run = dossier(&["find", query, "--json", "--archive", url]);
    if run.code != 0 {
        return (run.code, Vec::new());
    }
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let hits = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_string(),
                r["doc"].as_str().unwrap().to_string(),
                r["line"].as_u64(),
            )
        })
        .collect();
    (run.code, hits)
}

#[test]
fn find_over_the_archive_uses_each_language_and_trigrams() {
    let url = pg::shared().database("find");
    push(&url, &["tests/fixtures/lang", "tests/fixtures/pdf"]);
    // Stemmed in the document's language: the plural finds the singular.
    let (code, hits) = found(&url, "décisions");
    assert_eq!(code, 0);
    assert!(
        hits.iter().any(|h| h.0 == "line" && h.1 == "fr"),
        "{hits:?}"
    );
    let (_, hits) = found(&url, "decisions");
    assert!(hits.iter().any(|h| h.1 == "en"), "{hits:?}");
    // A symbol by trigrams, its document first.
    let (_, hits) = found(&url, "A/RES/80/174");
    assert_eq!(
        hits[0],
        ("document".to_string(), "A_RES_80_174".to_string(), None)
    );
    // Chinese by substring.
    let (_, hits) = found(&url, "缔约方");
    assert!(hits.iter().any(|h| h.1 == "zh"), "{hits:?}");
    // Hostile queries are text: nothing found, nothing changed.
    for query in HOSTILE {
        let (code, _) = found(&url, query);
        assert!(code == 0 || code == 1, "{query}");
    }
    assert_eq!(found(&url, "zzzqqqxxx").0, 1);
    assert_eq!(sql(&url, "SELECT count(*) FROM documents"), "9");
    // A long query is refused before any search, as over files.
    let long = "x".repeat(300);
    assert_eq!(found(&url, &long).0, 2);
}

/// The count `find` says after its table: "N of [at least ]M matches shown".
fn said_matches(stderr: &str) -> Option<(bool, usize)> {
    let line = stderr.lines().find(|l| l.contains("matches shown"))?;
    let at_least = line.contains("of at least ");
    let count = line
        .split(" of ")
        .nth(1)?
        .trim_start_matches("at least ")
        .split(' ')
        .next()?
        .parse()
        .ok()?;
    Some((at_least, count))
}

#[test]
fn find_over_the_archive_stops_at_its_limit_and_says_at_least() {
    let dir = generated(600);
    let rare = "Note\n\nA meeting in Zanzibar.\n";
    std::fs::write(dir.path().join("rare.txt"), rare).unwrap();
    let path = dir.path().to_str().unwrap();
    let url = pg::shared().database("more");
    push(&url, &[path]);
    // A word of every document: the archive stops looking after the
    // paragraphs it ranks and says so; over the files, the exact count.
    let run = dossier(&["find", "Conférence", "--archive", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (at_least, count) = said_matches(&run.stderr).expect(&run.stderr);
    assert!(at_least && count > 20, "{}", run.stderr);
    let run = dossier(&["find", "Conférence", path]);
    let (at_least, count) = said_matches(&run.stderr).expect(&run.stderr);
    assert!(!at_least && count >= 600, "{}", run.stderr);
    // Fewer than the limit: every match shown, nothing said.
    let run = dossier(&["find", "Zanzibar", "--archive", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(said_matches(&run.stderr), None, "{}", run.stderr);
    assert!(run.stdout.contains("Zanzibar"), "{}", run.stdout);
}

/// A statement superseded is stopped on the server: a search held by a lock
/// is cancelled from another thread, said as withdrawn (not as a failure of
/// the archive), and the connection answers the next question.
#[test]
fn a_search_is_stopped_on_the_server_when_cancelled() {
    let url = pg::shared().database("cancel");
    push(&url, &[]);
    let archive = Archive::open(Some(&url)).unwrap();
    assert!(archive.search("décision", 10).is_ok());
    // Another session holds the documents: the next search waits for it.
    let mut holder = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    holder
        .batch_execute("BEGIN; LOCK TABLE documents IN ACCESS EXCLUSIVE MODE")
        .unwrap();
    let canceller = archive.canceller();
    let (done, searched) = std::sync::mpsc::channel::<()>();
    let stop = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        canceller.cancel();
        // The lock is let go once the search has answered; should the stop
        // not arrive, after a while anyway (the test then fails, not hangs).
        let _ = searched.recv_timeout(std::time::Duration::from_secs(20));
        holder.batch_execute("ROLLBACK").unwrap();
    });
    let held = archive.search("décision", 10);
    let _ = done.send(());
    stop.join().unwrap();
    assert!(
        matches!(held, Err(SourceError::Cancelled)),
        "{:?}",
        held.map(|f| f.hits.len())
    );
    assert!(
        !archive.is_closed(),
        "a stopped statement leaves the connection"
    );
    assert!(
        archive.search("décision", 10).is_ok(),
        "and it answers again"
    );
}
