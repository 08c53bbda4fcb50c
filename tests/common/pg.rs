//! A throwaway PostgreSQL cluster for the archive tests: `initdb` and
//! `postgres` from the machine's PostgreSQL (Debian's package, installed
//! when missing and possible), run as an unprivileged user when the tests
//! run as root, in a temporary directory, on a free port of 127.0.0.1 with
//! its socket in that directory.
//!
//! One cluster per test binary ([`shared`]), one database per test
//! ([`Cluster::database`]). The server stops on every exit path: [`Drop`]
//! stops it (fast shutdown) and removes its directory; the server is also
//! started with a parent-death signal, so that a test binary that panics,
//! exits or is killed takes its server down with it; and directories left
//! by dead runs are removed at the next start. Without PostgreSQL, and no
//! way to install it, the tests fail and say why: they never skip.

#![allow(dead_code)]

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The unprivileged user the cluster runs as when the tests run as root.
const TEST_USER: &str = "dossier-test";

/// The superuser of the test clusters.
pub const SUPERUSER: &str = "dossier";

/// A running cluster.
pub struct Cluster {
    /// Its directory (data in `data/`, the socket beside it).
    pub dir: PathBuf,
    /// Its TCP port on 127.0.0.1.
    pub port: u16,
    bin: PathBuf,
    owner: Option<(u32, u32)>,
    server: Mutex<Option<Child>>,
}

/// The cluster shared by the tests of this binary, started at first use.
pub fn shared() -> &'static Cluster {
    static SHARED: OnceLock<Cluster> = OnceLock::new();
    SHARED.get_or_init(|| {
        let cluster = Cluster::start();
        // Process exit does not drop statics: stop the server then.
        let pid = cluster.pid();
        let dir = cluster.dir.clone();
        let _ = AT_EXIT.set((pid, dir));
        // SAFETY: registers a plain extern "C" function.
        unsafe { libc::atexit(stop_at_exit) };
        cluster
    })
}

static AT_EXIT: OnceLock<(u32, PathBuf)> = OnceLock::new();

extern "C" fn stop_at_exit() {
    if let Some((pid, dir)) = AT_EXIT.get() {
        stop_pid(*pid);
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Sends a fast shutdown to the postmaster `pid` and waits for it to go.
fn stop_pid(pid: u32) {
    let pid = pid as libc::pid_t;
    // SAFETY: kill with a valid signal number.
    unsafe { libc::kill(pid, libc::SIGINT) };
    let deadline = Instant::now() + Duration::from_secs(10);
    // SAFETY: kill with signal 0 only checks the process exists.
    while Instant::now() < deadline && unsafe { libc::kill(pid, 0) } == 0 {
        std::thread::sleep(Duration::from_millis(20));
        let mut status = 0;
        // Reap it if it is our child (it is, unless started by another thread).
        // SAFETY: waitpid on a pid, non-blocking.
        unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
    }
}

impl Cluster {
    /// Creates and starts a new cluster; panics with what to do when
    /// PostgreSQL is not there and cannot be installed.
    pub fn start() -> Cluster {
        let bin = postgres_bin();
        remove_stale_dirs();
        let owner = unprivileged_owner();
        let dir = std::env::temp_dir().join(format!(
            "dossier-pg-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the cluster directory");
        if let Some((uid, gid)) = owner {
            chown(&dir, uid, gid);
        }
        let data = dir.join("data");
        let out = as_owner(Command::new(bin.join("initdb")), owner)
            .args(["-D"])
            .arg(&data)
            .args([
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ])
            .output()
            .expect("run initdb");
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut cluster = Cluster {
            dir,
            port: 0,
            bin,
            owner,
            server: Mutex::new(None),
        };
        for attempt in 0..5 {
            cluster.port = free_port();
            match cluster.spawn_server() {
                Ok(child) => {
                    *cluster.server.lock().expect("lock") = Some(child);
                    return cluster;
                }
                Err(e) if attempt < 4 => eprintln!("postgres did not start ({e}); again"),
                Err(e) => panic!("postgres did not start: {e}"),
            }
        }
        unreachable!("the loop returns or panics")
    }

    /// Starts `postgres` and waits until it accepts connections.
    fn spawn_server(&self) -> Result<Child, String> {
        let log = std::fs::File::create(self.dir.join("server.log")).map_err(|e| e.to_string())?;
        if let Some((uid, gid)) = self.owner {
            chown(&self.dir.join("server.log"), uid, gid);
        }
        let mut command = as_owner(Command::new(self.bin.join("postgres")), self.owner);
        command
            .arg("-D")
            .arg(self.dir.join("data"))
            .arg("-k")
            .arg(&self.dir)
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string()])
            .args(["-c", "fsync=off", "-c", "synchronous_commit=off"])
            .args(["-c", "full_page_writes=off", "-c", "max_connections=60"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log);
        // SAFETY: prctl is async-signal-safe. Runs after the uid change, so
        // the parent-death signal survives it: if the thread that started
        // the server ends (it never does, see below) or the test process
        // dies, the server gets a fast shutdown.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGINT);
                Ok(())
            });
        }
        // The parent-death signal follows the thread that forked: fork from
        // a thread that lives as long as the process.
        let child = spawn_from_keeper(command)?;
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() && self.ready() {
                return Ok(child);
            }
            if Instant::now() > deadline {
                return Err(format!("not ready after 30 s; see {}", self.log_path()));
            }
            if let Ok(text) = std::fs::read_to_string(self.dir.join("server.log")) {
                if text.contains("could not bind") || text.contains("FATAL") {
                    stop_pid(child.id());
                    return Err(text);
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn ready(&self) -> bool {
        Command::new(self.bin.join("pg_isready"))
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-q"])
            .status()
            .is_ok_and(|s| s.success())
    }

    fn log_path(&self) -> String {
        self.dir.join("server.log").display().to_string()
    }

    /// The postmaster's process id.
    pub fn pid(&self) -> u32 {
        self.server
            .lock()
            .expect("lock")
            .as_ref()
            .map_or(0, Child::id)
    }

    /// The URL of database `name` of this cluster.
    pub fn url(&self, name: &str) -> String {
        format!(
            "postgresql://{SUPERUSER}@127.0.0.1:{}/{name}?sslmode=disable",
            self.port
        )
    }

    /// A fresh, empty database for one test, named after it; its URL.
    pub fn database(&self, test: &str) -> String {
        let name: String = format!("t_{test}")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect::<String>()
            .to_lowercase();
        self.psql("postgres", &format!("DROP DATABASE IF EXISTS {name}"));
        self.psql("postgres", &format!("CREATE DATABASE {name}"));
        self.url(&name)
    }

    /// Runs `sql` in database `db` with psql; panics on failure. Returns
    /// what it printed (unaligned, tuples only).
    pub fn psql(&self, db: &str, sql: &str) -> String {
        let out = Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string()])
            .args(["-U", SUPERUSER, "-d", db, "-c", sql])
            .output()
            .expect("run psql");
        assert!(
            out.status.success(),
            "psql {sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Starts the server again after [`Cluster::stop`]: same port, same
    /// data.
    pub fn restart(&self) {
        let child = self.spawn_server().expect("postgres starts again");
        *self.server.lock().expect("lock") = Some(child);
    }

    /// Stops the server (fast shutdown); idempotent.
    pub fn stop(&self) {
        if let Some(mut child) = self.server.lock().expect("lock").take() {
            stop_pid(child.id());
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Spawns `command` from a thread that never ends, so that the child's
/// parent-death signal is tied to the process, not to a test's thread.
fn spawn_from_keeper(command: Command) -> Result<Child, String> {
    type Job = (Command, std::sync::mpsc::Sender<std::io::Result<Child>>);
    static KEEPER: OnceLock<Mutex<std::sync::mpsc::Sender<Job>>> = OnceLock::new();
    let keeper = KEEPER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        std::thread::spawn(move || {
            for (mut command, reply) in rx {
                let _ = reply.send(command.spawn());
            }
            loop {
                std::thread::park();
            }
        });
        Mutex::new(tx)
    });
    let (tx, rx) = std::sync::mpsc::channel();
    keeper
        .lock()
        .expect("lock")
        .send((command, tx))
        .map_err(|e| e.to_string())?;
    rx.recv()
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())
}

/// `command` set to run as `owner` when given.
fn as_owner(mut command: Command, owner: Option<(u32, u32)>) -> Command {
    if let Some((uid, gid)) = owner {
        command.uid(uid).gid(gid);
        // SAFETY: setgroups with an empty list, before exec.
        unsafe {
            command.pre_exec(|| {
                libc::setgroups(0, std::ptr::null());
                Ok(())
            });
        }
        command.env("HOME", "/tmp");
    }
    command
}

fn chown(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).expect("chown the cluster directory");
}

/// When running as root: the uid and gid of an unprivileged user
/// (`dossier-test`, created when missing, else `nobody`).
fn unprivileged_owner() -> Option<(u32, u32)> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    let lookup = |name: &str| -> Option<(u32, u32)> {
        let out = Command::new("id").arg("-u").arg(name).output().ok()?;
        let uid = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
        let out = Command::new("id").arg("-g").arg(name).output().ok()?;
        let gid = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
        Some((uid, gid))
    };
    if let Some(ids) = lookup(TEST_USER) {
        return Some(ids);
    }
    let _ = Command::new("useradd")
        .args([
            "--system",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
        ])
        .arg(TEST_USER)
        .output();
    Some(
        lookup(TEST_USER)
            .or_else(|| lookup("nobody"))
            .expect("running as root with no unprivileged user to run PostgreSQL as"),
    )
}

/// The directory of PostgreSQL's server programs, installing Debian's
/// package when none is found and it can; panics saying why otherwise.
fn postgres_bin() -> PathBuf {
    if let Some(bin) = find_bin() {
        return bin;
    }
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if root && Path::new("/usr/bin/apt-get").exists() {
        eprintln!("PostgreSQL not found: installing Debian's postgresql package");
        let _ = Command::new("apt-get")
            .args(["install", "-y", "-q", "postgresql"])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status();
        if let Some(bin) = find_bin() {
            return bin;
        }
    }
    panic!(
        "the archive tests need a PostgreSQL server and none was found \
         (no /usr/lib/postgresql/*/bin/initdb, no initdb on PATH){}; \
         install it (Debian: `apt-get install postgresql`) and run the tests again",
        if root {
            ", and installing it with apt-get failed"
        } else {
            " and these tests are not running as root to install it"
        }
    );
}

fn find_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").exists() && b.join("postgres").exists())
        .collect();
    versions.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok())
    });
    if let Some(bin) = versions.pop() {
        return Some(bin);
    }
    std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .find(|d| d.join("initdb").exists() && d.join("postgres").exists())
    })
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// Removes the directories of clusters whose test process is gone.
fn remove_stale_dirs() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix("dossier-pg-")) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<i32>().ok()) else {
            continue;
        };
        // SAFETY: signal 0 only checks whether the process exists.
        if unsafe { libc::kill(pid, 0) } != 0 {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
