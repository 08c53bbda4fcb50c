//! Build script: a hash of the model's sources (`src/model`), part of the
//! index's version key, so that what one build of the parser stored is never
//! served by another; and a hash of what makes the corpus-level snapshots
//! above the model (the list's rows), part of theirs.

use std::hash::Hasher;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src/model");
    let mut files = Vec::new();
    collect(Path::new("src/model"), &mut files);
    println!("cargo:rustc-env=DOSSIER_MODEL_HASH={:016x}", hash(files));
    // What makes a corpus-level snapshot above the model: the rows and how
    // they are written (src/model/store/snapshot.rs).
    let rows = ["src/corpus", "src/json.rs"];
    let mut files = Vec::new();
    for r in rows {
        println!("cargo:rerun-if-changed={r}");
        let p = Path::new(r);
        if p.is_dir() {
            collect(p, &mut files);
        } else {
            files.push(p.to_path_buf());
        }
    }
    println!("cargo:rustc-env=DOSSIER_ROWS_HASH={:016x}", hash(files));
}

/// The hash of `files`' names and contents, in name order: FNV-1a, 64 bits
/// (no dependency, stable across Rust versions).
fn hash(mut files: Vec<std::path::PathBuf>) -> u64 {
    files.sort();
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    for f in &files {
        h.write(f.to_string_lossy().as_bytes());
        if let Ok(bytes) = std::fs::read(f) {
            h.write(&bytes);
        }
    }
    h.finish()
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(list) = std::fs::read_dir(dir) else {
        return;
    };
    for e in list.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
