//! The list kept beside the index: a snapshot of what `dossier list`
//! printed for a set of files ([`crate::model::store::snapshot`]), with
//! what each file was (content key, listing digest, row), so that the list
//! of the same files is printed as kept when none changed, mended when a
//! few changed only in their counts, and worked out again otherwise; the
//! explorer shows it while it reads the documents.
//!
//! What is kept is what the command printed: the rows as `list --json`
//! writes them (so the JSON is the same byte for byte), the list's summary,
//! and the lines said on stderr of the files themselves (skipped, read with
//! caveats); the walk's own problems are the walk's of the day.

use crate::corpus::stored_row::from_stored;
use crate::corpus::view::DocumentRow;
use crate::corpus::{ListQuery, ListSummary, Source, SourceError};
use crate::model::load::{Depth, Walked};
use crate::model::store::codec::{DecodeError, Reader, Writer};
use crate::model::store::snapshot::{self, Payload};
use crate::model::store::{FileStat, Store, load_file_indexed};
use crate::model::{Corpus, Document};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// The snapshot's kind.
const KIND: &str = "list";

/// Rows written on one line, and where each lies in it.
type Written = (Vec<u8>, Vec<(usize, usize)>);

/// Rows worked out and written by one task.
const ROWS_PER_TASK: usize = 1024;

/// The list of a set of files, as printed.
#[derive(Debug, Clone)]
pub struct Listed {
    /// Bytes holding the rows as `list --json` prints them (a JSON array on
    /// one line, valid UTF-8): that JSON alone, or the snapshot it was read
    /// from, kept whole rather than copied.
    text: Vec<u8>,
    /// Where the JSON lies in `text`.
    json: std::ops::Range<usize>,
    /// Where each row lies in the JSON.
    bounds: Vec<(usize, usize)>,
    /// How many rows, how many with a symbol.
    summary: ListSummary,
    /// What was said on stderr of the files read (not of the walk).
    said: Vec<String>,
}

impl PartialEq for Listed {
    fn eq(&self, other: &Listed) -> bool {
        self.json() == other.json()
            && self.bounds == other.bounds
            && self.summary == other.summary
            && self.said == other.said
    }
}

impl Eq for Listed {}

/// What the kept list knows of one file it was made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileFacts {
    /// Its content key then.
    key: u128,
    /// Its listing's digest; `None` when it was skipped.
    digest: Option<u64>,
    /// The row that shows it, if one does.
    shown: Option<usize>,
}

/// A list kept in the snapshot, with what it was made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    listed: Listed,
    /// [`snapshot::paths_hash`] of the files, in walk order.
    paths: u128,
    /// Each file's facts, in walk order.
    files: Vec<FileFacts>,
}

/// More files changed than this share of them: read the whole list again.
const MEND_AT_MOST: usize = 8;

impl Listed {
    /// The list of `corpus`, whose reading said `said`: its rows worked
    /// out and written in parallel, in list order.
    pub fn of(corpus: &Corpus, said: Vec<String>) -> Result<Listed, SourceError> {
        let summary = corpus.list_summary(&ListQuery::default())?;
        // Each chunk's rows written on its own, then put end to end.
        let chunks: Vec<Written> = corpus
            .listed()
            .par_chunks(ROWS_PER_TASK)
            .map(|chunk| {
                let mut json = Vec::with_capacity(chunk.len() * 640);
                let mut bounds = Vec::with_capacity(chunk.len());
                for row in chunk.iter().filter_map(|&i| DocumentRow::of(corpus, i)) {
                    if !bounds.is_empty() {
                        json.push(b',');
                    }
                    let start = json.len();
                    write_row(&mut json, &row);
                    bounds.push((start, json.len()));
                }
                (json, bounds)
            })
            .collect();
        let total: usize = chunks.iter().map(|(j, _)| j.len() + 1).sum();
        let mut json = Vec::with_capacity(total + 2);
        let mut bounds = Vec::with_capacity(summary.rows);
        json.push(b'[');
        for (part, part_bounds) in chunks.into_iter().filter(|(_, b)| !b.is_empty()) {
            if !bounds.is_empty() {
                json.push(b',');
            }
            let at = json.len();
            bounds.extend(part_bounds.into_iter().map(|(a, b)| (a + at, b + at)));
            json.extend_from_slice(&part);
        }
        json.push(b']');
        Ok(Listed::new(json, bounds, summary, said))
    }

    /// The list of rows written in `json` (by [`write_row`], so valid
    /// UTF-8) at `bounds`.
    fn new(
        json: Vec<u8>,
        bounds: Vec<(usize, usize)>,
        summary: ListSummary,
        said: Vec<String>,
    ) -> Listed {
        Listed {
            json: 0..json.len(),
            text: json,
            bounds,
            summary,
            said,
        }
    }

    /// The rows as `list --json` prints them.
    pub fn json(&self) -> &[u8] {
        self.text.get(self.json.clone()).unwrap_or_default()
    }

    /// Row `r`'s JSON, read back.
    fn row(&self, (a, b): (usize, usize)) -> Option<DocumentRow> {
        let text = std::str::from_utf8(self.json().get(a..b)?).ok()?;
        from_stored(text)
    }

    /// The rows, read back.
    pub fn rows(&self) -> Vec<DocumentRow> {
        self.bounds
            .iter()
            .filter_map(|&bounds| self.row(bounds))
            .collect()
    }

    /// How many rows, how many with a symbol.
    pub fn summary(&self) -> &ListSummary {
        &self.summary
    }

    /// What was said on stderr of the files read (skipped, caveats).
    pub fn said(&self) -> &[String] {
        &self.said
    }

    /// How many rows.
    pub fn row_count(&self) -> usize {
        self.bounds.len()
    }

    /// Rows `offset..offset + limit` (fewer past the end), read back.
    pub fn page(&self, offset: usize, limit: usize) -> Vec<DocumentRow> {
        let from = offset.min(self.bounds.len());
        let to = offset.saturating_add(limit).min(self.bounds.len());
        self.bounds[from..to]
            .iter()
            .filter_map(|&bounds| self.row(bounds))
            .collect()
    }

    /// `self` with rows `mended` (row number → row) written anew.
    fn mended(&self, mended: &BTreeMap<usize, DocumentRow>) -> Listed {
        let was = self.json();
        let mut json = Vec::with_capacity(was.len() + mended.len() * 64);
        let mut bounds = Vec::with_capacity(self.bounds.len());
        let mut copied = 0;
        for (r, &(a, b)) in self.bounds.iter().enumerate() {
            // What lies before the row (the bracket, a comma), then the row.
            json.extend_from_slice(&was[copied..a]);
            let start = json.len();
            match mended.get(&r) {
                Some(row) => write_row(&mut json, row),
                None => json.extend_from_slice(&was[a..b]),
            }
            bounds.push((start, json.len()));
            copied = b;
        }
        json.extend_from_slice(&was[copied..]);
        Listed::new(json, bounds, self.summary, self.said.clone())
    }
}

/// Writes `row` as `list --json` does.
fn write_row(json: &mut Vec<u8>, row: &DocumentRow) {
    let start = json.len();
    // Writing to memory fails only on a value serde cannot write, which a
    // row never holds.
    if crate::json::write(json, row, false).is_err() {
        json.truncate(start);
        json.extend_from_slice(b"null");
    }
}

impl Kept {
    /// The list kept.
    pub fn listed(&self) -> &Listed {
        &self.listed
    }

    /// The bytes kept in the snapshot.
    fn encode(&self) -> Vec<u8> {
        let l = &self.listed;
        let mut w = Writer::default();
        w.raw(l.json());
        w.seq(&l.bounds, |w, &(a, b)| {
            w.usize(a);
            w.usize(b);
        });
        w.usize(l.summary.rows);
        w.usize(l.summary.with_symbol);
        w.seq(&l.said, |w, s| w.str(s));
        w.u128(self.paths);
        w.seq(&self.files, |w, f| {
            w.u128(f.key);
            w.opt(f.digest.as_ref(), |w, &d| w.u64(d));
            w.opt(f.shown.as_ref(), |w, &r| w.usize(r));
        });
        w.bytes
    }

    /// The list kept in `payload`, checked: valid UTF-8, every row within
    /// the JSON, every file's row among the rows. The JSON is kept where it
    /// was read, not copied.
    fn decode(payload: Payload) -> Result<Kept, DecodeError> {
        let (text, range) = payload.into_parts();
        let bytes = text.get(range.clone()).ok_or(DecodeError::Truncated)?;
        let mut r = Reader::new(bytes);
        let json = r.raw()?;
        simdutf8::basic::from_utf8(json).map_err(|_| DecodeError::Invalid("UTF-8"))?;
        let json_at = range.start + (json.as_ptr() as usize - bytes.as_ptr() as usize);
        let json_len = json.len();
        let bounds = r.seq(|r| Ok((r.usize()?, r.usize()?)))?;
        let summary = ListSummary {
            rows: r.usize()?,
            with_symbol: r.usize()?,
        };
        let said = r.seq(Reader::string)?;
        let paths = r.u128()?;
        let files = r.seq(|r| {
            Ok(FileFacts {
                key: r.u128()?,
                digest: r.opt(Reader::u64)?,
                shown: r.opt(Reader::usize)?,
            })
        })?;
        r.finish()?;
        let inside = |&(a, b): &(usize, usize)| a <= b && b <= json_len;
        if !bounds.iter().all(inside) || bounds.len() != summary.rows {
            return Err(DecodeError::Invalid("row bounds"));
        }
        if files
            .iter()
            .any(|f| f.shown.is_some_and(|r| r >= bounds.len()))
        {
            return Err(DecodeError::Invalid("row number"));
        }
        Ok(Kept {
            listed: Listed {
                text,
                json: json_at..json_at + json_len,
                bounds,
                summary,
                said,
            },
            paths,
            files,
        })
    }

    /// The list of `files` (with their `stats` as walked) mended from this one: the files whose key is
    /// not `known` (changed, or to be confirmed) read from `store`, each
    /// required to be listed as before but for its counts; `None` when a
    /// file was added, removed, renamed or placed otherwise, or too many
    /// changed.
    fn mend(
        &self,
        store: &Store,
        (files, stats): (&[PathBuf], &[FileStat]),
        known: &[Option<u128>],
    ) -> Option<Listed> {
        if files.len() != self.files.len() || known.len() != self.files.len() {
            return None;
        }
        let suspects: Vec<usize> = (0..self.files.len())
            .filter(|&i| known[i] != Some(self.files[i].key))
            .collect();
        if suspects.len() > self.files.len() / MEND_AT_MOST + 16 {
            return None;
        }
        if snapshot::paths_hash(files) != self.paths {
            return None;
        }
        let read: Option<Vec<(usize, Document)>> = suspects
            .par_iter()
            .map(|&i| {
                let (path, stat) = (&files[i], *stats.get(i)?);
                let doc = load_file_indexed(store, path, Depth::Listing, Some(stat)).ok()?;
                (Some(doc.listing_digest()) == self.files[i].digest).then_some((i, doc))
            })
            .collect();
        let mut mended = BTreeMap::new();
        for (i, doc) in read? {
            let Some(r) = self.files[i].shown else {
                continue;
            };
            let mut row = self.listed.row(*self.listed.bounds.get(r)?)?;
            row.facts.words = doc.words;
            row.facts.lines = doc.line_count();
            row.references = doc.reference_count();
            mended.insert(r, row);
        }
        Some(self.listed.mended(&mended))
    }
}

/// The list of the `files` found under `paths` (with their `stats` as
/// walked) as the snapshot keeps it, when every one is unchanged since or
/// it can be mended (what was read to mend it is stored with the rest of
/// what the caller reads; the snapshot is kept again by the next `list`):
/// what the explorer shows while it reads the documents.
pub fn kept_list(
    store: &Store,
    paths: &[PathBuf],
    files: &[PathBuf],
    stats: &[FileStat],
) -> Option<Listed> {
    let slot = snapshot::slot(paths);
    from_snapshot(store, &slot, (files, stats)).map(|(kept, _)| kept.listed)
}

/// The list of `files` (with their `stats` as walked) from the snapshot in
/// `slot`: as kept when every file is known unchanged, else mended when it
/// can be (then `true`; the mended files' keys are still those kept).
pub fn from_snapshot(
    store: &Store,
    slot: &str,
    (files, stats): (&[PathBuf], &[FileStat]),
) -> Option<(Kept, bool)> {
    let payload = store.snapshot(KIND, slot)?;
    let kept = Kept::decode(payload).ok()?;
    let known = store.known_keys(files, stats);
    let unchanged = kept.files.len() == files.len()
        && kept
            .files
            .iter()
            .zip(&known)
            .all(|(f, k)| *k == Some(f.key))
        && snapshot::paths_hash(files) == kept.paths;
    if unchanged {
        return Some((kept, false));
    }
    let listed = kept.mend(store, (files, stats), &known)?;
    Some((Kept { listed, ..kept }, true))
}

/// Ends the load that mended `mended`, the list of `walked` from the
/// snapshot in `slot` ([`Store::finish_unchanged`]), and keeps it once the
/// files read are stored and their keys known (not when one is to be
/// confirmed by its content next time).
pub fn keep_mended(store: &Store, slot: &str, walked: &Walked, mended: Kept) {
    store.finish_unchanged();
    if !store.is_writable() {
        return;
    }
    let keys = store.known_keys_now(&walked.files, &walked.stats);
    let Some(keys) = keys.into_iter().collect::<Option<Vec<u128>>>() else {
        return;
    };
    let files = mended
        .files
        .iter()
        .zip(keys)
        .map(|(f, key)| FileFacts { key, ..*f })
        .collect();
    store.keep_snapshot(KIND, slot, &Kept { files, ..mended }.encode());
}

/// Keeps `listed`, the list of `corpus` read from `walked` (each document's
/// listing digest in `digests`), as the snapshot in `slot` — when every
/// file is now known unchanged as the walk saw it (none changed while it
/// was read, none to be confirmed).
pub fn keep(
    store: &Store,
    slot: &str,
    walked: &Walked,
    listed: Listed,
    corpus: &Corpus,
    digests: &[u64],
) {
    let keys = store.known_keys_now(&walked.files, &walked.stats);
    let Some(keys) = keys.into_iter().collect::<Option<Vec<u128>>>() else {
        return;
    };
    let file_of: HashMap<&std::path::Path, usize> = walked
        .files
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_path(), i))
        .collect();
    let mut files: Vec<FileFacts> = keys
        .into_iter()
        .map(|key| FileFacts {
            key,
            digest: None,
            shown: None,
        })
        .collect();
    for (d, digest) in digests.iter().enumerate() {
        let Some(&i) = corpus
            .get(d)
            .and_then(|doc| file_of.get(doc.path.as_path()))
        else {
            return;
        };
        files[i].digest = Some(*digest);
    }
    for (r, &d) in corpus.listed().iter().enumerate() {
        let Some(&i) = corpus
            .get(d)
            .and_then(|doc| file_of.get(doc.path.as_path()))
        else {
            return;
        };
        files[i].shown = Some(r);
    }
    let kept = Kept {
        listed,
        paths: snapshot::paths_hash(&walked.files),
        files,
    };
    store.keep_snapshot(KIND, slot, &kept.encode());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Listed {
        Listed::of(&crate::model::load_bundled(), vec!["a said line".into()]).expect("listed")
    }

    fn kept() -> Kept {
        let listed = bundled();
        let files = (0..listed.bounds.len() + 2)
            .map(|i| FileFacts {
                key: i as u128 * 0x1_0000_0001,
                digest: (i % 3 != 0).then_some(i as u64),
                shown: (i < listed.bounds.len()).then_some(i),
            })
            .collect();
        Kept {
            listed,
            paths: 42,
            files,
        }
    }

    #[test]
    fn the_kept_rows_are_the_rows_and_their_json_the_printed_json() {
        let corpus = crate::model::load_bundled();
        let listed = bundled();
        let rows = crate::corpus::list_all(&corpus, &ListQuery::default(), 2).expect("rows");
        assert_eq!(listed.rows(), rows);
        let mut printed = Vec::new();
        crate::json::write(&mut printed, &rows, false).expect("json");
        assert_eq!(listed.json(), printed.as_slice());
    }

    #[test]
    fn a_kept_list_reads_back_as_kept() {
        let kept = kept();
        assert_eq!(Kept::decode(Payload::new(kept.encode())), Ok(kept));
    }

    #[test]
    fn damaged_bytes_are_refused_never_a_panic() {
        let bytes = kept().encode();
        for cut in 0..bytes.len() {
            assert!(
                Kept::decode(Payload::new(bytes[..cut].to_vec())).is_err(),
                "cut at {cut}"
            );
        }
        let mut bad = kept();
        bad.listed.bounds[0] = (0, bad.listed.json.len() + 1);
        assert!(
            Kept::decode(Payload::new(bad.encode())).is_err(),
            "a row outside the JSON"
        );
        let mut bad = kept();
        bad.files[0].shown = Some(bad.listed.bounds.len());
        assert!(
            Kept::decode(Payload::new(bad.encode())).is_err(),
            "a file shown by no row"
        );
    }

    #[test]
    fn mended_rows_are_written_as_a_whole_list_would_be() {
        let listed = bundled();
        let mut rows = listed.rows();
        let mut mended = BTreeMap::new();
        for r in [0, rows.len() - 1] {
            rows[r].facts.words += 1234;
            rows[r].facts.lines = 1;
            rows[r].references += 7;
            mended.insert(r, rows[r].clone());
        }
        let again = listed.mended(&mended);
        assert_eq!(again.rows(), rows);
        let mut printed = Vec::new();
        crate::json::write(&mut printed, &rows, false).expect("json");
        assert_eq!(again.json(), printed.as_slice());
        assert_eq!(listed.mended(&BTreeMap::new()), listed, "nothing to mend");
    }
}
