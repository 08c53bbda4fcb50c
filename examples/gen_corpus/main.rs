//! Writes a deterministic synthetic corpus built from the bundled documents, for
//! benchmarks: `cargo run --release --example gen_corpus -- --docs N --seed S --out DIR`.
//! See `generator.rs` for what varies.

mod generator;

use generator::{Generator, path_of};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

struct Args {
    docs: u64,
    seed: u64,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut docs = None;
    let mut seed = 1;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--docs" => docs = Some(value()?.parse().map_err(|e| format!("--docs: {e}"))?),
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => out = Some(PathBuf::from(value()?)),
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    Ok(Args {
        docs: docs.ok_or("--docs N is required")?,
        seed,
        out: out.ok_or("--out DIR is required")?,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_corpus: {e}\nusage: gen_corpus --docs N [--seed S] --out DIR");
            return ExitCode::from(2);
        }
    };
    let generator = Generator::new();
    let written: Result<Vec<u64>, String> = (0..args.docs)
        .into_par_iter()
        .map(|i| {
            let (id, text) = generator.document(args.seed, i);
            let path = path_of(&args.out, i, &id);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(text.len() as u64)
        })
        .collect();
    match written {
        Ok(sizes) => {
            let bytes: u64 = sizes.iter().sum();
            eprintln!(
                "gen_corpus: {} documents, {} bytes in {}",
                args.docs,
                bytes,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
