//! The explorer over an archive, end to end: the real binary in a
//! pseudo-terminal against a real PostgreSQL server started here (its own
//! cluster, since this test stops and starts it): the list paged from the
//! archive, a document shown, a search answered, backlinks from the
//! archive's citations, then the server stopped mid-session (the explorer
//! keeps its screen and says so) and started again (it says so and goes
//! on). The password in the URL never reaches the screen.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;

use common::pg::Cluster;
use common::pty::Session;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);
/// Long enough for the worker's backoff (2 s, 4 s, 8 s) to reach the
/// server started again.
const RECONNECT: Duration = Duration::from_secs(40);

/// Types `query` in the search bar and waits for its results' lines.
fn search(s: &mut Session, query: &str) {
    s.send(b"\x10"); // Ctrl-P
    s.send(query.as_bytes());
    s.wait_for_within(&format!("results for {query}"), WAIT, |t| {
        t.contains(&format!("Results for “{query}”")) && t.contains("line ")
    });
}

#[test]
fn the_explorer_reads_the_archive_and_outlives_its_server() {
    let cluster = Cluster::start();
    let url = cluster.database("explorer");
    let push = common::dossier(&["archive", "push", "--to", &url]);
    assert_eq!(push.code, 0, "{}", push.stderr);
    // The test cluster trusts every connection: a password in the URL is
    // sent and ignored, and must never be shown.
    let secret = "Sesame-4242";
    let with_password = url.replace("dossier@", &format!("dossier:{secret}@"));
    let mut s = Session::start(100, 30, &["--archive", &with_password], &[]);

    // The list, paged in; the first row's document fetched and shown.
    s.wait_for_within("the list and the first document", WAIT, |t| {
        t.contains("Documents 1/5") && t.contains("Recommandations adoptées par le Groupe")
    });
    s.send(b"j");
    s.wait_for_within("the second document", WAIT, |t| {
        t.contains("Documents 2/5") && t.contains("001_273d8392d901bf09 —")
    });

    // A search asked of the archive, its documents fetched.
    search(&mut s, "trafic");
    s.send(b"\x1b");
    s.wait_for_within("the search bar closed", WAIT, |t| {
        !t.contains("Results for")
    });

    // The server goes away: the screen stays, the status line says so as
    // soon as the explorer asks something of it. The search above already
    // brought its documents, so only a question never asked (a new
    // search) is sure to need the server.
    cluster.stop();
    s.send(b"j");
    s.send(b"\x10"); // Ctrl-P
    s.send("Protocole".as_bytes());
    s.wait_for_within("the unreachable line", WAIT, |t| {
        t.contains("archive unreachable:") && t.contains("retrying in")
    });
    s.send(b"\x1b");
    s.wait_for_within("the list kept", WAIT, |t| {
        t.contains("Documents 3/5") && t.contains("Rapports sur les travaux")
    });

    // Back: said, and the explorer answers again.
    cluster.restart();
    s.wait_for_within("the archive back", RECONNECT, |t| {
        t.contains("archive reachable again")
    });
    search(&mut s, "Protocole");
    s.send(b"\x1b");
    s.wait_for_within("the third document", WAIT, |t| {
        !t.contains("Results for") && t.contains("002_e599bcc0f404912d —")
    });

    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    let output = String::from_utf8_lossy(&s.output()).into_owned();
    assert!(!output.contains(secret), "the password was shown");
    assert!(
        output.contains("\x1b[?1049l"),
        "the terminal was not restored"
    );
}
