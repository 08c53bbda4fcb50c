//! Measures the clean reading text on real documents: for each text file
//! given (text taken from PDFs, e.g. by `pdftotext`), what furniture is left,
//! how many footnotes were lifted against the footnote bodies printed, and
//! how many numbered paragraphs start a paragraph.
//!
//! `cargo run --release --example clean_report -- FILES…`

use dossier::model::clean;

fn main() {
    let mut totals = [0usize; 6];
    for path in std::env::args().skip(1) {
        let Ok(raw) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let Some(c) = clean::clean(&raw) else {
            println!("{path}: not paged, left as it is");
            continue;
        };
        // Furniture left: job numbers, bar codes, form feeds.
        let left = c
            .text
            .lines()
            .filter(|l| {
                let t = l.trim();
                t.contains('\u{c}')
                    || (t.starts_with('*') && t.ends_with('*') && t.len() > 8)
                    || t.split_whitespace().next().is_some_and(|w| {
                        w.len() == 8
                            && w.as_bytes()[2] == b'-'
                            && w.bytes().filter(u8::is_ascii_digit).count() == 7
                    })
            })
            .count();
        // Footnotes printed: footnotes are numbered 1, 2, 3… through a
        // document; the printed count is the longest such run found among
        // the numbers that begin a line below a rule.
        let below: std::collections::HashSet<u32> = raw
            .split('\u{c}')
            .filter_map(|page| page.rsplit_once("_____"))
            .flat_map(|(_, below)| below.lines())
            .filter_map(|l| {
                let t = l.trim();
                let d = t.bytes().take_while(u8::is_ascii_digit).count();
                ((1..=3).contains(&d) && (t.len() == d || t[d..].starts_with([' ', '/'])))
                    .then(|| t[..d].parse().ok())
                    .flatten()
            })
            .collect();
        let printed = (1..).take_while(|n| below.contains(n)).count();
        let body_end = c
            .text
            .rfind("\n__________________\n")
            .unwrap_or(c.text.len());
        // Lifted footnotes whose mark was found in the text.
        let body_marks: std::collections::HashSet<String> = c.text[..body_end]
            .split(|ch: char| !"⁰¹²³⁴⁵⁶⁷⁸⁹".contains(ch))
            .filter_map(clean::from_superscript)
            .collect();
        let marks = c
            .footnotes
            .iter()
            .filter(|(m, _)| body_marks.contains(m))
            .count();
        let lifted = c
            .footnotes
            .iter()
            .filter(|(m, t)| m.parse::<u32>().is_ok() && !t.is_empty())
            .count();
        // Numbered paragraphs: `N.` at a line start, raw against clean.
        let numbered = |t: &str| {
            t.lines()
                .filter(|l| {
                    let l = l.trim_start();
                    let d = l.bytes().take_while(u8::is_ascii_digit).count();
                    (1..=3).contains(&d) && (l[d..].starts_with(". ") || &l[d..] == ".")
                })
                .count()
        };
        let row = [
            left,
            printed,
            lifted,
            marks,
            numbered(&raw),
            numbered(&c.text),
        ];
        for (t, v) in totals.iter_mut().zip(row) {
            *t += v;
        }
        println!(
            "{path}: furniture left {left}, footnotes printed {printed} lifted {lifted} marks found {marks}, numbered paragraphs {} → {}",
            row[4], row[5]
        );
    }
    println!(
        "TOTAL furniture left {}, footnotes printed {} lifted {} marks found in the text for {}, numbered paragraphs raw {} clean {}",
        totals[0], totals[1], totals[2], totals[3], totals[4], totals[5]
    );
}
