//! The list filtered and sorted by the archive's server (schema version 4)
//! against a real PostgreSQL server started by the tests (`common::pg`):
//! every order and many filters give the same rows as the corpus in memory
//! (the bundled corpus, the fixtures, a generated corpus), hostile filters
//! are only data (wildcards and quotes taken literally), and an archive of
//! schema version 3 gets its list keys when the next push migrates it.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;

use common::pg;
use dossier::archive::Archive;
use dossier::corpus::{ListQuery, ListSort, Page, Source, list_all};
use dossier::model::Corpus;

const SORTS: [ListSort; 4] = [
    ListSort::Corpus,
    ListSort::Date,
    ListSort::Symbol,
    ListSort::Title,
];

/// Filters taken literally: SQL, `LIKE` wildcards, escapes, quotes.
const HOSTILE: &[&str] = &[
    "'; DROP TABLE documents; --",
    "%",
    "_",
    "\\",
    "%%",
    "a%",
    "_a",
    "\\%",
    "100%",
    "title_with",
    "c:\\dir",
    "\"",
    "' OR '1'='1",
    "$1",
    "\0",
    "a\0b",
];

/// Pushes `paths` (the bundled corpus when none) to `url`.
fn push(url: &str, paths: &[&str]) -> String {
    let mut args = vec!["archive", "push"];
    args.extend(paths);
    args.extend(["--to", url]);
    let run = common::dossier(&args);
    assert_eq!(run.code, 0, "push failed: {}", run.stderr);
    run.stderr
}

fn sql(url: &str, query: &str) -> String {
    let db = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    pg::shared().psql(db, query)
}

/// Filters made from what the corpus holds: words of titles (in capitals),
/// symbols, parts of them, dates, years, languages, two words at once, and
/// something nothing holds; then the hostile ones.
fn filters(corpus: &Corpus) -> Vec<String> {
    let mut out = vec![String::new(), "   ".into(), "zzzz-nothing".into()];
    for (k, &i) in corpus.listed().iter().enumerate().take(12) {
        let d = &corpus.documents()[i];
        let title = d.display_title();
        let words: Vec<&str> = title.split_whitespace().collect();
        if let Some(w) = words.iter().find(|w| w.chars().count() >= 5) {
            out.push(w.to_uppercase());
        }
        if words.len() >= 2 {
            out.push(format!("{} {}", words[words.len() - 1], words[0]));
        }
        out.push(d.label().to_string());
        if let Some(part) = d.label().split('/').nth(1) {
            out.push(format!("/{part}/"));
        }
        if let Some(date) = &d.meta.date {
            out.push(date.clone());
            out.push(date.chars().take(4).collect());
        }
        if let (Some(lang), 0) = (&d.meta.language, k % 3) {
            out.push(format!(" {lang} "));
        }
    }
    out.extend(HOSTILE.iter().map(|s| s.to_string()));
    out.sort();
    out.dedup();
    out
}

/// The same list from both sources for every order and filter: the same
/// size, the same rows page after page, the same page deep in it.
fn same_lists(memory: &Corpus, archive: &Archive) {
    let (m, a): (&dyn Source, &dyn Source) = (memory, archive);
    let mut kept_some = 0;
    let mut everything: Vec<String> = list_all(m, &ListQuery::default(), 50)
        .unwrap()
        .into_iter()
        .map(|r| r.facts.id)
        .collect();
    // And a version the list does not show, and no document at all.
    let unlisted: Vec<String> = memory
        .documents()
        .iter()
        .filter(|d| !everything.contains(&d.id))
        .map(|d| d.id.clone())
        .take(2)
        .collect();
    everything.extend(unlisted);
    everything.push("no such document".into());
    for filter in filters(memory) {
        for sort in SORTS {
            let q = ListQuery {
                filter: filter.clone(),
                sort,
            };
            let summary = m.list_summary(&q).unwrap();
            assert_eq!(summary, a.list_summary(&q).unwrap(), "{q:?}");
            let rows = list_all(m, &q, 7).unwrap();
            assert_eq!(rows.len(), summary.rows, "{q:?}");
            let ids = |rows: &[dossier::corpus::DocumentRow]| -> Vec<String> {
                rows.iter().map(|r| r.facts.id.clone()).collect()
            };
            let remote = list_all(a, &q, 7).unwrap();
            assert_eq!(ids(&rows), ids(&remote), "{q:?}");
            assert_eq!(rows, remote, "{q:?}");
            // Where a document is in that list, and that it is not.
            let step = (rows.len() / 4).max(1);
            for (k, r) in rows
                .iter()
                .enumerate()
                .step_by(step)
                .chain(rows.iter().enumerate().next_back())
            {
                let id = &r.facts.id;
                assert_eq!(m.list_position(&q, id).unwrap(), Some(k), "{q:?} {id}");
                assert_eq!(a.list_position(&q, id).unwrap(), Some(k), "{q:?} {id}");
            }
            let shown = ids(&rows);
            for id in everything.iter().filter(|id| !shown.contains(id)).take(3) {
                assert_eq!(m.list_position(&q, id).unwrap(), None, "{q:?} {id}");
                assert_eq!(a.list_position(&q, id).unwrap(), None, "{q:?} {id}");
            }
            let deep = Page {
                offset: rows.len() / 2,
                limit: 3,
            };
            assert_eq!(m.list(&q, deep).unwrap(), a.list(&q, deep).unwrap());
            if !rows.is_empty() && !filter.trim().is_empty() {
                kept_some += 1;
            }
        }
    }
    assert!(kept_some > 0, "no filter kept a row");
}

#[test]
fn the_archive_filters_and_sorts_as_the_bundled_corpus_does() {
    let url = pg::shared().database("list_bundled");
    push(&url, &[]);
    let archive = Archive::open(Some(&url)).unwrap();
    same_lists(&dossier::model::load_bundled(), &archive);
}

#[test]
fn the_archive_filters_and_sorts_as_the_fixtures_do() {
    let url = pg::shared().database("list_fixtures");
    let paths = [
        "tests/fixtures/pdf",
        "tests/fixtures/versions",
        "tests/fixtures/lang",
    ];
    push(&url, &paths);
    let memory = dossier::model::load_paths(&paths.map(Into::into), &|_| {});
    let archive = Archive::open(Some(&url)).unwrap();
    same_lists(&memory, &archive);
}

/// A markdown document with this front matter.
fn md(symbol: Option<&str>, title: &str, date: Option<&str>, language: &str) -> String {
    let mut head = String::from("---\n");
    if let Some(s) = symbol {
        head.push_str(&format!("symbol: {s}\n"));
    }
    head.push_str(&format!("title: \"{title}\"\nlanguage: {language}\n"));
    if let Some(d) = date {
        head.push_str(&format!("date: {d}\n"));
    }
    format!("{head}---\n\nText of {title}.\n")
}

/// `n` documents with symbols whose numbers sort differently as text,
/// language versions of one symbol, titles with accents, numbers and
/// wildcard characters, dates repeated or missing, some without symbol.
fn generated(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let titles = [
        "Résolution sur l'océan",
        "Growth of 100% in trade",
        "A title_with underscores",
        "Path c:\\dir\\file",
        "Rapport 2 de la Commission",
        "Rapport 10 de la Commission",
        "ÉLECTIONS et nominations",
        "Ocean governance",
    ];
    for i in 0..n {
        let symbol = match i % 5 {
            0 => None,
            1 => Some(format!("A/RES/80/{}", i / 3)),
            2 => Some(format!("A/C.3/80/L.{}", i % 17)),
            _ => Some(format!("E/CN.{}/2025/{}", i % 4 + 1, i)),
        };
        let date = (i % 7 != 0).then(|| format!("2025-{:02}-{:02}", i % 12 + 1, i % 9 + 1));
        let language = ["en", "fr", "es"][i % 3];
        let title = format!("{} {}", titles[i % titles.len()], i % 13);
        let text = md(symbol.as_deref(), &title, date.as_deref(), language);
        std::fs::write(dir.path().join(format!("doc{i:04}.md")), text).unwrap();
    }
    dir
}

#[test]
fn the_archive_filters_and_sorts_as_a_generated_corpus_does() {
    let dir = generated(300);
    let path = dir.path().to_str().unwrap();
    let url = pg::shared().database("list_generated");
    push(&url, &[path]);
    let memory = dossier::model::load_paths(&[path.into()], &|_| {});
    let archive = Archive::open(Some(&url)).unwrap();
    same_lists(&memory, &archive);
}

#[test]
fn hostile_filters_are_taken_literally() {
    let dir = generated(24);
    let path = dir.path().to_str().unwrap();
    let url = pg::shared().database("list_hostile");
    push(&url, &[path]);
    let memory = dossier::model::load_paths(&[path.into()], &|_| {});
    let archive = Archive::open(Some(&url)).unwrap();
    let count = |filter: &str| {
        let q = ListQuery {
            filter: filter.into(),
            sort: ListSort::Title,
        };
        let m = memory.list_summary(&q).unwrap().rows;
        assert_eq!(m, archive.list_summary(&q).unwrap().rows, "{filter:?}");
        m
    };
    // Each wildcard finds only the titles that hold it.
    let with = |needle: &str| {
        memory
            .listed()
            .iter()
            .filter(|&&i| memory.documents()[i].display_title().contains(needle))
            .count()
    };
    assert!(with("%") > 0 && with("_") > 0 && with("\\") > 0);
    assert_eq!(count("%"), with("%"));
    assert_eq!(count("_"), with("_"));
    assert_eq!(count("\\"), with("\\"));
    assert_eq!(count("100%"), with("100%"));
    assert_eq!(count("%%"), 0);
    assert_eq!(count("c:\\dir"), with("c:\\dir"));
    assert_eq!(count("'; DROP TABLE documents; --"), 0);
    assert_eq!(count("\0"), 0);
    assert_eq!(count(&"x".repeat(100_000)), 0);
    let many: Vec<String> = (0..500).map(|i| format!("w{i}")).collect();
    assert_eq!(count(&many.join(" ")), 0);
    assert_eq!(sql(&url, "SELECT count(*) FROM documents"), "24");
    assert_eq!(
        sql(
            &url,
            "SELECT count(*) FROM documents WHERE list_haystack IS NULL"
        ),
        "0"
    );
}

/// What a dossier of schema version 3 left: no list keys, no indexes of
/// them.
const BACK_TO_VERSION_3: &str = "
    DROP INDEX documents_list_haystack; DROP INDEX documents_list_date;
    DROP INDEX documents_list_symbol; DROP INDEX documents_list_title;
    ALTER TABLE documents DROP COLUMN list_haystack, DROP COLUMN list_date_key,
        DROP COLUMN list_symbol_key, DROP COLUMN list_title_key;
    DELETE FROM schema_version WHERE version = 4";

#[test]
fn an_archive_of_schema_version_3_gets_its_list_keys_from_the_next_push() {
    let cluster = pg::shared();
    let url = cluster.database("list_v3");
    let paths = ["tests/fixtures/lang", "tests/fixtures/versions"];
    push(&url, &paths);
    cluster.psql("t_list_v3", BACK_TO_VERSION_3);
    let run = common::dossier(&["list", "--archive", &url]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("schema version 3") && run.stderr.contains("to migrate it"),
        "{}",
        run.stderr
    );
    // Pushing the same files rewrites no document: their keys come from
    // the migration alone.
    let said = push(&url, &paths);
    assert!(said.contains("0 new, 0 changed"), "{said}");
    assert_eq!(sql(&url, "SELECT max(version) FROM schema_version"), "4");
    assert_eq!(
        sql(
            &url,
            "SELECT count(*) FROM documents
             WHERE list_haystack IS NULL OR list_symbol_key IS NULL OR list_title_key IS NULL
                OR (list_date_key IS NULL) <> (date IS NULL)"
        ),
        "0"
    );
    assert_eq!(
        sql(
            &url,
            "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM pg_indexes
             WHERE indexname LIKE 'documents\\_list\\_%'"
        ),
        "documents_list_date documents_list_haystack documents_list_symbol documents_list_title"
    );
    let memory = dossier::model::load_paths(&paths.map(Into::into), &|_| {});
    let archive = Archive::open(Some(&url)).unwrap();
    same_lists(&memory, &archive);
}

/// The first row of the bundled list under `query`: its label.
fn first_label(corpus: &Corpus, query: &ListQuery) -> String {
    let rows = dossier::corpus::listing::listed(corpus, query);
    corpus.documents()[rows[0] as usize].label().to_string()
}

#[test]
fn the_explorer_filters_and_sorts_the_archive_list() {
    use common::pty::Session;
    use std::time::Duration;
    const WAIT: Duration = Duration::from_secs(20);
    let url = pg::shared().database("list_explorer");
    push(&url, &[]);
    let bundled = dossier::model::load_bundled();
    let total = bundled.listed().len();
    let mut s = Session::start(140, 30, &["--archive", &url], &[]);
    s.wait_for_within("the list", WAIT, |t| {
        t.contains(&format!("Documents 1/{total}"))
    });
    // A filter typed on the filter line: the archive's count, and the
    // first row kept shown in the reader.
    let mut query = ListQuery {
        filter: "rapport".into(),
        sort: ListSort::Corpus,
    };
    let kept = bundled.list_summary(&query).unwrap().rows;
    assert!(kept > 0 && kept < total, "{kept}");
    s.send(b"/");
    s.send(b"rapport");
    let first = first_label(&bundled, &query);
    s.wait_for_within("the filtered list", WAIT, |t| {
        t.contains(&format!("Documents {kept}/{total} “rapport”"))
            && t.contains(&format!("{first} —"))
    });
    // Kept; then each order in turn, answered by the archive: its first
    // row on top, the document selected before still selected and shown.
    s.send(b"\r");
    let shown = format!("{first} —");
    for (sort, name) in [
        (ListSort::Date, "by date"),
        (ListSort::Symbol, "by symbol"),
        (ListSort::Title, "by title"),
    ] {
        query.sort = sort;
        let top: String = first_label(&bundled, &query).chars().take(8).collect();
        s.send(b"s");
        s.wait_for_within(name, WAIT, |t| {
            let first_row = t.lines().nth(1).unwrap_or("");
            t.contains(&format!("“rapport” · {name}"))
                && first_row.trim_start_matches(['│', '┃']).starts_with(&top)
                && t.contains(&shown)
        });
    }
    // Esc clears the filter: the whole list again.
    s.send(b"\x1b");
    s.wait_for_within("the whole list", WAIT, |t| {
        t.contains(&format!("Documents 1/{total} · by title"))
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
}
