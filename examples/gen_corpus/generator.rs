//! The corpus generator: deterministic synthetic documents built from the
//! bundled ones, shared by the `gen_corpus` example and the benchmarks.
//!
//! Each document starts from one of the five bundled documents, gets new dates,
//! sessions, symbols, decision and resolution numbers and agenda items, and has
//! paragraphs of the other documents mixed into its body. Files go to nested
//! folders of 1 000 files (`DIR/g00/b000/000000_<hex>.txt`). The same N and seed
//! give the same bytes; document `i` does not depend on N.

use regex::{Captures, Regex};
use std::path::{Path, PathBuf};

/// splitmix64: small, fast, good enough to vary a corpus.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }
}

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const ORDINALS: [&str; 12] = [
    "Première",
    "Deuxième",
    "Troisième",
    "Quatrième",
    "Cinquième",
    "Sixième",
    "Septième",
    "Huitième",
    "Neuvième",
    "Dixième",
    "Onzième",
    "Douzième",
];

/// Everything the generator varies, found in the bundled text.
struct Variation {
    pattern: Regex,
}

impl Variation {
    fn new() -> Self {
        let months = MONTHS.join("|");
        let ordinals = ORDINALS
            .iter()
            .flat_map(|o| [o.to_string(), o.to_lowercase()])
            .collect::<Vec<_>>()
            .join("|");
        let pattern = Regex::new(&format!(
            r"(?x)
            (?P<date>\b(?:1er|\d{{1,2}})\s(?:{months})\s\d{{4}})
            | (?P<wg>CTOC/COP/WG\.\d+/\d{{4}}/\d+)
            | (?P<sym>CTOC/COP/\d{{4}}/\d+)
            | (?P<dec>(?:décision|résolution|decision|resolution)s?\s)\d+/\d+
            | (?P<sess>\b(?:{ordinals})\ssession)
            | (?P<point>Point\s\d+\s[a-h]\))
            "
        ))
        .expect("the variation pattern is valid");
        Variation { pattern }
    }

    /// `text` with its dates, symbols, numbers, sessions and agenda items varied.
    fn apply(&self, text: &str, rng: &mut Rng) -> String {
        self.pattern
            .replace_all(text, |c: &Captures| {
                if c.name("date").is_some() {
                    let day = rng.range(1, 28);
                    let day = if day == 1 {
                        "1er".to_string()
                    } else {
                        day.to_string()
                    };
                    format!("{day} {} {}", rng.pick(&MONTHS), rng.range(2000, 2024))
                } else if c.name("wg").is_some() {
                    format!(
                        "CTOC/COP/WG.{}/{}/{}",
                        rng.range(1, 7),
                        rng.range(2005, 2024),
                        rng.range(1, 12)
                    )
                } else if c.name("sym").is_some() {
                    format!("CTOC/COP/{}/{}", rng.range(2000, 2024), rng.range(1, 30))
                } else if let Some(word) = c.name("dec") {
                    format!("{}{}/{}", word.as_str(), rng.range(1, 12), rng.range(1, 9))
                } else if let Some(s) = c.name("sess") {
                    let o = rng.pick(&ORDINALS);
                    if s.as_str().starts_with(char::is_uppercase) {
                        format!("{o} session")
                    } else {
                        format!("{} session", o.to_lowercase())
                    }
                } else {
                    let letter = (b'a' + rng.range(0, 4) as u8) as char;
                    format!("Point {} {letter})", rng.range(1, 9))
                }
            })
            .into_owned()
    }
}

/// Builds documents from the bundled corpus.
pub struct Generator {
    templates: Vec<String>,
    paragraphs: Vec<String>,
    variation: Variation,
}

impl Generator {
    /// A generator over the bundled documents.
    pub fn new() -> Self {
        let corpus = dossier::model::load_bundled();
        let templates: Vec<String> = corpus.documents().iter().map(|d| d.text.clone()).collect();
        let paragraphs = templates
            .iter()
            .flat_map(|t| t.lines())
            .filter(|l| l.chars().count() > 120 && !l.starts_with('*'))
            .map(str::to_string)
            .collect();
        Generator {
            templates,
            paragraphs,
            variation: Variation::new(),
        }
    }

    /// The id and text of document `i` of the corpus of `seed`.
    pub fn document(&self, seed: u64, i: u64) -> (String, String) {
        let mut rng = Rng::new(seed, i);
        let id = format!("{i:06}_{:016x}", rng.next());
        let template = rng.pick(&self.templates);
        // Mix in paragraphs of other documents after the first long paragraph.
        let mut lines: Vec<&str> = template.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.chars().count() > 120)
            .map_or(lines.len(), |p| p + 1);
        let extra = rng.range(5, 19);
        let mut mixed: Vec<&str> = Vec::with_capacity(extra as usize * 2);
        for _ in 0..extra {
            mixed.push("");
            mixed.push(rng.pick(&self.paragraphs).as_str());
        }
        lines.splice(at..at, mixed);
        let mut text = String::with_capacity(template.len() * 3);
        // A third of the documents state their own symbol in a front matter.
        if rng.range(0, 2) == 0 {
            text.push_str(&format!(
                "---\nsymbol: CTOC/COP/{}/{}\n---\n",
                rng.range(2000, 2024),
                rng.range(1, 30)
            ));
        }
        for l in lines {
            text.push_str(l);
            text.push('\n');
        }
        (id, self.variation.apply(&text, &mut rng))
    }
}

impl Default for Generator {
    fn default() -> Self {
        Self::new()
    }
}

/// Where document `i` goes under `out`: folders of 1 000 files, ten to a group.
pub fn path_of(out: &Path, i: u64, id: &str) -> PathBuf {
    out.join(format!("g{:02}", i / 10_000))
        .join(format!("b{:03}", i / 1_000))
        .join(format!("{id}.txt"))
}
