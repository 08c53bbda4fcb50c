//! Where the time of reopening a corpus through the index goes, phase by
//! phase, and what its entries are made of.
//!
//! ```sh
//! cargo run --release --example index_probe -- DIR INDEX_DIR
//! ```
//!
//! Build the index first (`dossier index DIR --index INDEX_DIR`). Prints the
//! wall time of each phase of a reopen (walk, opening the index, serving
//! every file from it with its head only and whole, building the corpus
//! of heads), then, on one thread, the encode and decode throughput of the
//! entries and their make-up (text, raw text, the rest).

#![allow(clippy::unwrap_used)] // a measuring tool: failing loudly is right

use dossier::model::Corpus;
use dossier::model::load::{Depth, discover, load_one};
use dossier::model::store::Store;
use dossier::model::store::entry::{decode, encode_document};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [dir, index] = args.as_slice() else {
        eprintln!("usage: index_probe DIR INDEX_DIR");
        std::process::exit(2);
    };
    let t = Instant::now();
    let (files, _) = discover(std::slice::from_ref(dir));
    let walk = t.elapsed();
    let t = Instant::now();
    let store = Store::open(index).unwrap();
    let open = t.elapsed();
    let t = Instant::now();
    let heads: Vec<_> = files
        .par_iter()
        .filter_map(|f| load_one(f, Depth::Head, Some(&store), None).ok())
        .collect();
    let serve_heads = t.elapsed();
    let t = Instant::now();
    let docs: Vec<_> = files
        .par_iter()
        .filter_map(|f| load_one(f, Depth::Full, Some(&store), None).ok())
        .collect();
    let serve = t.elapsed();
    let s = store.summary();
    let n = docs.len();
    let t = Instant::now();
    let corpus = Corpus::new(heads, Vec::new());
    let build = t.elapsed();
    println!(
        "{} files: walk {:.0} ms, open index {:.0} ms, serve heads {:.0} ms, serve whole {:.0} ms ({} unchanged, {} parsed), corpus of heads {:.0} ms",
        files.len(),
        walk.as_secs_f64() * 1e3,
        open.as_secs_f64() * 1e3,
        serve_heads.as_secs_f64() * 1e3,
        serve.as_secs_f64() * 1e3,
        s.unchanged,
        s.parsed,
        build.as_secs_f64() * 1e3,
    );
    drop(corpus);
    // One thread: the codec alone.
    let t = Instant::now();
    let encoded: Vec<Vec<u8>> = docs.iter().map(encode_document).collect();
    let enc = t.elapsed();
    let bytes: usize = encoded.iter().map(Vec::len).sum();
    let t = Instant::now();
    for e in &encoded {
        decode(e).unwrap();
    }
    let dec = t.elapsed();
    let text: usize = docs.iter().map(|d| d.text.len()).sum();
    let raw: usize = docs
        .iter()
        .filter_map(|d| d.raw.as_ref())
        .map(String::len)
        .sum();
    let refs: usize = docs.iter().map(|d| d.references.len()).sum();
    let key_bytes: usize = docs
        .iter()
        .flat_map(|d| &d.references)
        .map(|r| r.key.len() + r.cited_as.as_ref().map_or(0, String::len))
        .sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "{n} entries, {mb:.1} MB: text {:.1} MB, raw text {:.1} MB ({} documents), {refs} references ({:.1} MB of keys), the rest {:.1} MB",
        text as f64 / 1e6,
        raw as f64 / 1e6,
        docs.iter().filter(|d| d.raw.is_some()).count(),
        key_bytes as f64 / 1e6,
        (bytes - text - raw - key_bytes) as f64 / 1e6,
    );
    println!(
        "one thread: encode {:.0} ms ({:.0} MB/s), decode {:.0} ms ({:.0} MB/s)",
        enc.as_secs_f64() * 1e3,
        mb / enc.as_secs_f64(),
        dec.as_secs_f64() * 1e3,
        mb / dec.as_secs_f64(),
    );
}
