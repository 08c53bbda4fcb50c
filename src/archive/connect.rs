//! Where the archive is and how to log in: a URL (`postgresql://…` or
//! `host=… dbname=…`) from `--to`/`--archive` or `DOSSIER_ARCHIVE`, the
//! settings it leaves out from the `PG*` environment variables, and a
//! password from `~/.pgpass` (or `PGPASSFILE`) when none is given. A
//! password is never printed: [`redact`] hides it in every message.

use postgres::config::{Host, SslMode};
use std::path::PathBuf;
use std::str::FromStr;
use thiserror::Error;

/// The environment variable naming the archive.
pub const ARCHIVE_VAR: &str = "DOSSIER_ARCHIVE";

/// Why the settings could not be read.
#[derive(Debug, Error)]
pub enum SettingsError {
    /// No URL given and `DOSSIER_ARCHIVE` unset.
    #[error("no archive named: give its URL (postgresql://user@host/db) or set DOSSIER_ARCHIVE")]
    Missing,
    /// The URL does not parse.
    #[error("'{url}' is not a PostgreSQL URL: {reason}")]
    Invalid {
        /// The URL, password hidden.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// Connection settings, and the URL to name them by (password hidden).
#[derive(Debug, Clone)]
pub struct Settings {
    /// What the client connects with.
    pub config: postgres::Config,
    /// The archive as messages name it.
    pub shown: String,
    /// The password, to hide it wherever it could appear.
    pub secret: Option<String>,
}

/// The settings for `url`, or for `DOSSIER_ARCHIVE` when `url` is `None`.
pub fn settings(url: Option<&str>) -> Result<Settings, SettingsError> {
    let from_env = std::env::var(ARCHIVE_VAR).ok().filter(|u| !u.is_empty());
    let url = url
        .map(str::to_string)
        .or(from_env)
        .ok_or(SettingsError::Missing)?;
    let mut config = postgres::Config::from_str(&url).map_err(|e| SettingsError::Invalid {
        url: redact(&url),
        reason: redact(&e.to_string()),
    })?;
    apply_environment(&mut config, &|name| std::env::var(name).ok());
    if config.get_password().is_none() {
        if let Some(password) = pgpass_password(&config) {
            config.password(password);
        }
    }
    if config.get_application_name().is_none() {
        config.application_name("dossier");
    }
    let secret = config
        .get_password()
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .filter(|p| !p.is_empty());
    Ok(Settings {
        shown: describe(&config),
        config,
        secret,
    })
}

/// Fills what `config` leaves out from the `PG*` variables `var` reads.
pub fn apply_environment(config: &mut postgres::Config, var: &dyn Fn(&str) -> Option<String>) {
    if config.get_hosts().is_empty() {
        let hosts = var("PGHOST").unwrap_or_else(|| "localhost".to_string());
        for host in hosts.split(',').filter(|h| !h.is_empty()) {
            config.host(host);
        }
    }
    if config.get_ports().is_empty() {
        if let Some(port) = var("PGPORT").and_then(|p| p.parse().ok()) {
            config.port(port);
        }
    }
    if config.get_user().is_none() {
        if let Some(user) = var("PGUSER").or_else(|| var("USER")) {
            config.user(&user);
        }
    }
    if config.get_dbname().is_none() {
        if let Some(db) = var("PGDATABASE") {
            config.dbname(&db);
        }
    }
    if config.get_password().is_none() {
        if let Some(password) = var("PGPASSWORD") {
            config.password(password);
        }
    }
    if let Some(mode) = var("PGSSLMODE") {
        // The URL's sslmode wins; the library's default is `prefer`.
        if config.get_ssl_mode() == SslMode::Prefer {
            match mode.as_str() {
                "disable" => config.ssl_mode(SslMode::Disable),
                "require" | "verify-ca" | "verify-full" => config.ssl_mode(SslMode::Require),
                _ => config,
            };
        }
    }
}

/// The password `~/.pgpass` (or `PGPASSFILE`) holds for `config`'s first
/// host, port, database and user.
fn pgpass_password(config: &postgres::Config) -> Option<String> {
    let path = std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass")))?;
    let text = std::fs::read_to_string(path).ok()?;
    let host = match config.get_hosts().first()? {
        Host::Tcp(h) => h.clone(),
        Host::Unix(_) => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let db = config
        .get_dbname()
        .unwrap_or(config.get_user()?)
        .to_string();
    let user = config.get_user()?.to_string();
    pgpass_lookup(&text, [&host, &port, &db, &user])
}

/// The password of the first line of a `.pgpass` file matching
/// `host:port:database:user` (`*` matches anything; `\:` and `\\` escape).
pub fn pgpass_lookup(text: &str, wanted: [&str; 4]) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(pgpass_fields)
        .find(|f| {
            f.len() == 5
                && f.iter()
                    .zip(wanted)
                    .all(|(field, want)| field == "*" || field == want)
        })
        .and_then(|mut f| f.pop())
}

fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(last)) = (chars.next(), fields.last_mut()) {
                    last.push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => {
                if let Some(last) = fields.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    fields
}

/// How messages name the archive: `postgresql://user@host:port/db`, no password.
pub fn describe(config: &postgres::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .map_or(String::new(), |p| format!(":{p}"));
    let user = config.get_user().map_or(String::new(), |u| format!("{u}@"));
    let db = config.get_dbname().unwrap_or("");
    format!("postgresql://{user}{host}{port}/{db}")
}

/// `text` with any password a URL or `key=value` settings in it carry
/// replaced by `***`.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // `scheme://user:password@host`
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        let authority_end = tail.find(['/', '?', ' ']).unwrap_or(tail.len());
        let authority = &tail[..authority_end];
        match (authority.rfind('@'), authority.find(':')) {
            (Some(at), Some(colon)) if colon < at => {
                out.push_str(&authority[..colon]);
                out.push_str(":***");
                out.push_str(&authority[at..]);
            }
            _ => out.push_str(authority),
        }
        rest = &tail[authority_end..];
    }
    out.push_str(rest);
    // `password=…` in a query string or key/value settings.
    let mut result = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.to_ascii_lowercase().find("password=") {
        let (head, tail) = rest.split_at(at + "password=".len());
        result.push_str(head);
        result.push_str("***");
        let end = if let Some(quoted) = tail.strip_prefix('\'') {
            quoted.find('\'').map_or(tail.len(), |e| e + 2)
        } else {
            tail.find(['&', ' ']).unwrap_or(tail.len())
        };
        rest = &tail[end..];
    }
    result.push_str(rest);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(
            redact("postgresql://ann:s3cr%40t@db.example:5432/un?sslmode=require"),
            "postgresql://ann:***@db.example:5432/un?sslmode=require"
        );
        assert_eq!(
            redact("host=db password='a b' user=x"),
            "host=db password=*** user=x"
        );
        assert_eq!(
            redact("postgres://db/x?password=zz&user=y"),
            "postgres://db/x?password=***&user=y"
        );
        assert_eq!(redact("postgresql://ann@db/x"), "postgresql://ann@db/x");
    }

    #[test]
    fn pgpass_matches_with_wildcards_and_escapes() {
        let file = "# comment\nother:5432:*:ann:no\ndb:*:un:ann:p\\:w\\\\d\n";
        assert_eq!(
            pgpass_lookup(file, ["db", "5433", "un", "ann"]).as_deref(),
            Some("p:w\\d")
        );
        assert_eq!(pgpass_lookup(file, ["db", "1", "x", "ann"]), None);
    }

    #[test]
    fn the_environment_fills_what_the_url_leaves_out() {
        let mut config = postgres::Config::from_str("postgresql:///un").expect("parses");
        let env = |name: &str| match name {
            "PGHOST" => Some("db.example".to_string()),
            "PGUSER" => Some("ann".to_string()),
            "PGPASSWORD" => Some("hidden".to_string()),
            _ => None,
        };
        apply_environment(&mut config, &env);
        assert_eq!(describe(&config), "postgresql://ann@db.example/un");
        assert_eq!(config.get_password(), Some(&b"hidden"[..]));
    }
}
