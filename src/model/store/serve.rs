//! Loading one file through the index: from its record when its stat is
//! unchanged (the file is not even opened), else read and hashed and served
//! from any record of the same content, else parsed and its entry added.

use super::entry::{self, Entry, SkipKind};
use super::write::Record;
use super::{FileStat, Store, absolute, content_key};
use crate::model::document::Document;
use crate::model::load::{Depth, LoadProblem, SkipReason, build, read_regular_file};
use std::path::Path;
use std::sync::atomic::Ordering;

/// The document of the file at `path` (as the walk found it), served from
/// `store` when it knows the file or its content, else read to `depth` and,
/// when fully parsed, added to the store. A file changed while it was read
/// is served but not remembered. At [`Depth::Head`], what is served from
/// the store has its head only (its body not read); a file parsed has its
/// body. `walked` is the file's stat when the caller has just taken it (the
/// walk), else it is asked of the system.
pub fn load_file_indexed(
    store: &Store,
    path: &Path,
    depth: Depth,
    walked: Option<FileStat>,
) -> Result<Document, LoadProblem> {
    let abs = absolute(path);
    let known = store.known(&abs).copied();
    let c = &store.counters;
    // An unchanged stat is trusted, unless the file was modified too close
    // to when it was read for its time to tell.
    if let Some(k) = known.filter(|k| !k.verify) {
        let same = match walked {
            Some(stat) => stat == k.stat,
            None => std::fs::metadata(path).is_ok_and(|m| FileStat::of(&m) == k.stat),
        };
        if same {
            if let Some(entry) = read(store, k.at, path, depth) {
                c.unchanged.fetch_add(1, Ordering::Relaxed);
                return served(entry, path);
            }
        }
    }
    let problem = |reason| LoadProblem {
        path: path.to_path_buf(),
        reason,
    };
    let (bytes, changed, stat) = read_regular_file(path).map_err(problem)?;
    let key = content_key(path, &bytes);
    let same_content = known.is_some_and(|k| k.key == key);
    let count_known = |c: &super::Counters| {
        let counter = match known {
            None => &c.new,
            Some(_) if same_content => &c.unchanged,
            Some(_) => &c.changed,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    };
    if !changed {
        let at = known
            .filter(|_| same_content)
            .map(|k| k.at)
            .or_else(|| store.by_content(key));
        if let Some(at) = at {
            if let Some(entry) = read(store, at, path, depth) {
                count_known(c);
                if !same_content {
                    c.reused.fetch_add(1, Ordering::Relaxed);
                }
                let stale = known.is_none_or(|k| {
                    k.stat != stat || k.key != key || k.at != at || k.verify != stat_is_racy(&stat)
                });
                if stale {
                    store.put(abs, stat, key, Record::At(at));
                }
                return served(entry, path);
            }
        }
    }
    count_known(c);
    c.parsed.fetch_add(1, Ordering::Relaxed);
    // Only a full parse is worth remembering.
    let depth = if store.is_writable() {
        Depth::Full
    } else {
        depth
    };
    let built = build(path, bytes, changed, depth);
    if let Ok(doc) = &built {
        c.pages.fetch_add(doc.pages.len(), Ordering::Relaxed);
    }
    if !changed && depth.parses_fully() {
        let payload = match &built {
            Ok(doc) => Some(entry::encode_document(doc)),
            Err((reason, Some(kind))) => {
                Some(entry::encode(&Entry::Skipped(*kind, skip_detail(reason))))
            }
            Err((_, None)) => None,
        };
        if let Some(bytes) = payload {
            store.put(abs, stat, key, Record::New(bytes));
        }
    }
    built.map_err(|(reason, _)| problem(reason))
}

/// Brings the entry of the file at `path` (of stat `walked`, as the walk
/// took it) up to date without serving it: a file whose stat is unchanged
/// is neither read nor its record decoded; any other is loaded as by
/// [`load_file_indexed`].
pub fn refresh_file_indexed(
    store: &Store,
    path: &Path,
    walked: FileStat,
) -> Result<(), LoadProblem> {
    let abs = absolute(path);
    if store
        .known(&abs)
        .is_some_and(|k| !k.verify && k.stat == walked)
    {
        store.counters.unchanged.fetch_add(1, Ordering::Relaxed);
        return Ok(());
    }
    load_file_indexed(store, path, Depth::Full, Some(walked)).map(drop)
}

/// The entry at `at`, with a document's head only at [`Depth::Head`]
/// (and its references counted only at [`Depth::Listing`]).
fn read(store: &Store, at: super::pack::Location, path: &Path, depth: Depth) -> Option<Entry> {
    match depth {
        Depth::Head => store.read_head(at, path, true),
        Depth::Listing => store.read_head(at, path, false),
        Depth::Full | Depth::TextOnly => store.read(at, path),
    }
}

fn stat_is_racy(stat: &FileStat) -> bool {
    stat.is_racy(std::time::SystemTime::now())
}

/// The text a skip reason carries.
fn skip_detail(reason: &SkipReason) -> String {
    match reason {
        SkipReason::Binary(s) | SkipReason::Import(s) | SkipReason::Internal(s) => s.clone(),
        other => other.to_string(),
    }
}

/// What `entry` serves for the file at `path`.
fn served(entry: Entry, path: &Path) -> Result<Document, LoadProblem> {
    match entry {
        Entry::Document(mut doc) => {
            doc.path = path.to_path_buf();
            Ok(*doc)
        }
        Entry::Skipped(kind, detail) => Err(LoadProblem {
            path: path.to_path_buf(),
            reason: match kind {
                SkipKind::Binary => SkipReason::Binary(detail),
                SkipKind::Import => SkipReason::Import(detail),
                SkipKind::Internal => SkipReason::Internal(detail),
            },
        }),
    }
}
