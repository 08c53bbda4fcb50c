//! The configuration file: theme and key bindings, TOML read with serde. The
//! defaults are embedded (`assets/config.toml`); the user's file, found through
//! `$DOSSIER_CONFIG`, then `$XDG_CONFIG_HOME/dossier/config.toml`, then
//! `~/.config/dossier/config.toml`, is merged over them. A file that cannot be
//! read is reported with its line, and the defaults are used.

use crate::app::Action;
use crate::input::keymap::{Key, Keymap, Section};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The default configuration, as printed by `dossier --print-config`.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.toml");

/// The theme names a config may give.
pub const THEMES: &[&str] = &["default", "light", "mono"];

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    theme: Option<Spanned<String>>,
    #[serde(default)]
    reader_width: Option<Spanned<i64>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<String>>>,
}

/// What the explorer runs with.
#[derive(Debug, Clone)]
pub struct Config {
    /// The key bindings.
    pub keymap: Keymap,
    /// The theme name.
    pub theme: String,
    /// Widest a reader's lines run, in columns.
    pub reader_width: u16,
    /// The user's file, when one was read.
    pub path: Option<PathBuf>,
    /// Problems found in the user's file (each with its line).
    pub warnings: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        let mut c = Config {
            keymap: Keymap::default(),
            theme: "default".into(),
            reader_width: 100,
            path: None,
            warnings: Vec::new(),
        };
        let mut warnings = Vec::new();
        apply(
            &mut c,
            DEFAULT_CONFIG,
            "the built-in defaults",
            &mut warnings,
        );
        debug_assert!(warnings.is_empty(), "{warnings:?}");
        c
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Merges the config `text` (from `origin`) into `config`. Returns false (and
/// leaves `config` as it was) when the file is not valid TOML of the right shape.
fn apply(config: &mut Config, text: &str, origin: &str, warnings: &mut Vec<String>) -> bool {
    let file: File = match toml::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let at = e
                .span()
                .map(|s| format!(" line {}", line_of(text, s.start)))
                .unwrap_or_default();
            warnings.push(format!(
                "{origin}:{at}: {}; using the defaults",
                e.message().trim()
            ));
            return false;
        }
    };
    if let Some(theme) = file.theme {
        if THEMES.contains(&theme.get_ref().as_str()) {
            config.theme = theme.get_ref().clone();
        } else {
            warnings.push(format!(
                "{origin}: line {}: unknown theme `{}` (one of {}); using `{}`",
                line_of(text, theme.span().start),
                theme.get_ref(),
                THEMES.join(", "),
                config.theme
            ));
        }
    }
    if let Some(w) = file.reader_width {
        match u16::try_from(*w.get_ref()) {
            Ok(n) if n >= 20 => config.reader_width = n,
            _ => warnings.push(format!(
                "{origin}: line {}: reader_width must be a number of columns from 20 up; using {}",
                line_of(text, w.span().start),
                config.reader_width
            )),
        }
    }
    for (section, bindings) in file.keys {
        let Some(sec) = Section::from_name(section.get_ref()) else {
            warnings.push(format!(
                "{origin}: line {}: unknown key section `{}` (one of global, list, reader, search, find, filter, backlinks, outline, help)",
                line_of(text, section.span().start),
                section.get_ref()
            ));
            continue;
        };
        for (key, action) in bindings {
            let line = line_of(text, key.span().start);
            let k = match Key::parse(key.get_ref()) {
                Ok(k) => k,
                Err(e) => {
                    warnings.push(format!("{origin}: line {line}: {e}"));
                    continue;
                }
            };
            let a = action.get_ref();
            if a == "none" {
                config.keymap.bind(sec, k, None);
                continue;
            }
            match a.parse::<Action>() {
                Ok(a) => config.keymap.bind(sec, k, Some(a)),
                Err(e) => warnings.push(format!(
                    "{origin}: line {}: {e} (dossier --print-config lists them)",
                    line_of(text, action.span().start)
                )),
            }
        }
    }
    true
}

/// Where the user's config file is looked for, first match wins.
pub fn candidates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(p) = std::env::var_os("DOSSIER_CONFIG").filter(|p| !p.is_empty()) {
        out.push(PathBuf::from(p));
        return out;
    }
    if let Some(x) = std::env::var_os("XDG_CONFIG_HOME").filter(|p| !p.is_empty()) {
        out.push(Path::new(&x).join("dossier/config.toml"));
    }
    if let Some(h) = std::env::var_os("HOME").filter(|p| !p.is_empty()) {
        out.push(Path::new(&h).join(".config/dossier/config.toml"));
    }
    out
}

/// The defaults with the user's file (if any) merged over them.
pub fn load() -> Config {
    let explicit = std::env::var_os("DOSSIER_CONFIG").is_some_and(|p| !p.is_empty());
    for path in candidates() {
        if path.is_file() || explicit {
            return load_from(&path);
        }
    }
    Config::default()
}

/// The defaults with the file at `path` merged over them.
pub fn load_from(path: &Path) -> Config {
    let mut config = Config::default();
    match read_bounded(path) {
        Ok(text) => {
            let mut warnings = Vec::new();
            apply(
                &mut config,
                &text,
                &path.display().to_string(),
                &mut warnings,
            );
            config.warnings = warnings;
            config.path = Some(path.to_path_buf());
        }
        Err(e) => config.warnings.push(
            crate::sanitize::inert_line(&format!("{}: {e}; using the defaults", path.display()))
                .into_owned(),
        ),
    }
    config
}

/// A config file larger than this is not read.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The text of the config file at `path`: only a regular file (a FIFO,
/// `/dev/stdin` or `/dev/zero` could block or never end), at most
/// [`MAX_CONFIG_BYTES`], in UTF-8. Otherwise, why not.
fn read_bounded(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO for reading would wait for a writer.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file (a FIFO, device or folder is never read)".into());
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(format!(
            "too large ({} bytes; the limit is {MAX_CONFIG_BYTES})",
            meta.len()
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(format!("too large (the limit is {MAX_CONFIG_BYTES} bytes)"));
    }
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
}

/// The defaults with the config `text` merged over them (for tests and `--print-config`).
pub fn from_text(text: &str) -> Config {
    let mut config = Config::default();
    let mut warnings = Vec::new();
    apply(&mut config, text, "config", &mut warnings);
    config.warnings = warnings;
    config
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Focus;

    #[test]
    fn defaults_parse_cleanly() {
        let c = from_text("");
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        let k = |s: &str| Key::parse(s).unwrap();
        assert_eq!(c.keymap.lookup(Focus::List, k("q")), Some(Action::Quit));
        assert_eq!(c.keymap.lookup(Focus::Help, k("q")), Some(Action::Close));
        assert_eq!(c.reader_width, 100);
        assert_eq!(from_text("reader_width = 72").reader_width, 72);
        assert!(!from_text("reader_width = 3").warnings.is_empty());
        assert_eq!(c.keymap.lookup(Focus::Help, k("esc")), Some(Action::Close));
        assert_eq!(
            c.keymap.lookup(Focus::Reader(0), k("]")),
            Some(Action::NextReference)
        );
        assert_eq!(c.keymap.lookup(Focus::Search, k("q")), None);
        assert_eq!(
            c.keymap.lookup(Focus::Search, k("esc")),
            Some(Action::Close)
        );
    }

    #[test]
    fn user_bindings_merge_over_defaults() {
        let c = from_text("theme = \"mono\"\n[keys.reader]\nx = \"swap\"\n\"]\" = \"none\"\n");
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert_eq!(c.theme, "mono");
        let k = |s: &str| Key::parse(s).unwrap();
        assert_eq!(
            c.keymap.lookup(Focus::Reader(0), k("x")),
            Some(Action::Swap)
        );
        assert_eq!(c.keymap.lookup(Focus::Reader(0), k("]")), None);
        assert_eq!(
            c.keymap.lookup(Focus::Reader(0), k("q")),
            Some(Action::Quit)
        );
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_of_a_bounded_size_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("fifo");
        let c_path = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).expect("path");
        // SAFETY: a valid C string and mode.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let big = dir.path().join("big.toml");
        std::fs::write(&big, "#".repeat(2 * 1024 * 1024)).expect("write");
        for (path, why) in [
            (fifo.as_path(), "not a regular file"),
            (Path::new("/dev/zero"), "not a regular file"),
            (dir.path(), "not a regular file"),
            (big.as_path(), "too large"),
        ] {
            let c = load_from(path);
            assert_eq!(c.warnings.len(), 1, "{path:?}");
            assert!(c.warnings[0].contains(why), "{:?}", c.warnings);
            assert!(c.path.is_none());
        }
    }

    #[test]
    fn mistakes_are_reported_with_their_line() {
        let c = from_text("theme = \"mono\"\n[keys.reader]\nx = \"frobnicate\"\n");
        assert_eq!(c.warnings.len(), 1);
        assert!(c.warnings[0].contains("line 3"), "{:?}", c.warnings);
        let c = from_text("theme = \"mono\"\n\n[keys.reader\n");
        assert!(c.warnings[0].contains("line 3"), "{:?}", c.warnings);
        assert_eq!(c.theme, "default");
        let c = from_text("colour = 1\n");
        assert!(c.warnings[0].contains("line 1"), "{:?}", c.warnings);
    }
}
