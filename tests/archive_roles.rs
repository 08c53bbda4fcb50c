//! Two people, one archive, the roles of the README: a writer pushes, a
//! reader (another process, as on another machine) reads with `SELECT`
//! only, cannot write, and finds what the writer pushes after it started
//! reading: the new document, its citation, and the backlink it makes.
//! Against a real PostgreSQL server started by the tests (`common::pg`).

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;

use common::{dossier, pg};

/// A markdown document with a front matter, and `body` as its text.
fn md(symbol: &str, title: &str, body: &str) -> String {
    format!("---\nsymbol: {symbol}\ntitle: {title}\nlanguage: en\n---\n\n{body}\n")
}

/// `url` with its user replaced by `user`.
fn as_user(url: &str, user: &str) -> String {
    url.replacen(&format!("{}@", pg::SUPERUSER), &format!("{user}@"), 1)
}

#[test]
fn a_reader_finds_what_a_writer_pushes_and_cannot_write() {
    let cluster = pg::shared();
    let admin = cluster.database("roles");
    let db = admin.rsplit('/').next().unwrap().split('?').next().unwrap();
    // The roles as the README and docs/archive.md grant them.
    for role in ["t_roles_reader", "t_roles_writer"] {
        cluster.psql(
            "postgres",
            &format!("DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN"),
        );
    }
    cluster.psql(
        db,
        &format!(
            "GRANT CONNECT ON DATABASE {db} TO t_roles_reader;
             GRANT USAGE ON SCHEMA public TO t_roles_reader;
             GRANT CONNECT, CREATE ON DATABASE {db} TO t_roles_writer;
             GRANT CREATE, USAGE ON SCHEMA public TO t_roles_writer;
             ALTER DEFAULT PRIVILEGES FOR ROLE t_roles_writer
                 GRANT SELECT ON TABLES TO t_roles_reader;"
        ),
    );
    let writer = as_user(&admin, "t_roles_writer");
    let reader = as_user(&admin, "t_roles_reader");

    // The writer publishes a resolution.
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: String| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "res.md",
        md(
            "A/RES/80/12",
            "Crime prevention and criminal justice",
            "The General Assembly adopts this resolution.",
        ),
    );
    let path = dir.path().to_str().unwrap();
    let push = dossier(&["archive", "push", path, "--to", &writer]);
    assert_eq!(push.code, 0, "the writer pushes: {}", push.stderr);

    // The reader lists it, and cannot write.
    let listed = dossier(&["list", "--json", "--archive", &reader]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(listed.stdout.contains("A/RES/80/12"), "{}", listed.stdout);
    let refused = dossier(&["archive", "push", path, "--to", &reader]);
    assert_ne!(refused.code, 0, "a reader's push was accepted");
    assert!(
        refused.stderr.contains("permission denied")
            && refused.stderr.contains("this role may not do that")
            && refused.stderr.lines().count() == 1,
        "a refused push says why, briefly: {}",
        refused.stderr
    );

    // Meanwhile the writer publishes a report citing the resolution.
    write(
        "report.md",
        md(
            "A/80/500",
            "Report of the Third Committee",
            "The Committee recalled resolution A/RES/80/12 on kingfisher cooperation.",
        ),
    );
    let push = dossier(&["archive", "push", path, "--to", &writer]);
    assert_eq!(push.code, 0, "{}", push.stderr);
    assert!(push.stderr.contains("1 new"), "{}", push.stderr);

    // The reader finds it, sees its citation and the backlink it makes.
    let found = dossier(&["find", "kingfisher", "--json", "--archive", &reader]);
    assert_eq!(found.code, 0, "{}", found.stderr);
    assert!(found.stdout.contains("report"), "{}", found.stdout);
    let shown = dossier(&["show", "A/80/500", "--archive", &reader]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(shown.stdout.contains("Report of the Third Committee"));
    let refs = dossier(&["refs", "--json", "--archive", &reader]);
    assert_eq!(refs.code, 0, "{}", refs.stderr);
    assert!(
        refs.stdout.contains("\"key\":\"symbol:A/RES/80/12\""),
        "{}",
        refs.stdout
    );
    let cited = dossier(&["backlinks", "A/RES/80/12", "--json", "--archive", &reader]);
    assert_eq!(cited.code, 0, "{}", cited.stderr);
    assert!(cited.stdout.contains("report"), "{}", cited.stdout);
}
