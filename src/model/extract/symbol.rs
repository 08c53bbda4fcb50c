//! UN document symbols: `CTOC/COP/2012/1`, `E/CN.15/2019/L.2/Add.1`,
//! `A/RES/55/25`, `S/RES/1540 (2004)`, also inside markdown links, never with
//! the punctuation that follows them, never inside a URL.

use super::{Found, glued_after, glued_before};
use crate::model::reference::{RefKind, canonical_symbol};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Words that, just before an unknown series, say a symbol follows.
const CONTEXT_WORDS: &[&str] = &[
    "document",
    "documents",
    "see",
    "voir",
    "cote",
    "symbol",
    "signatura",
    "documento",
    "документ",
];

static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    let series = r"[A-Z][A-Z0-9]*(?:\.[0-9]+)?";
    let paren = r"(?:\((?:[0-9]{1,4}|[IVXL]+|S-[IVX]+)\))";
    // A report's division after its number: `A/81/6 (Sect. 10)`, `(Vol. I)`, `(Part II)`.
    let division =
        r"(?: ?\((?:Sect\. ?[0-9]{1,3}[A-Z]?|Part [IVX]+|Vol\. ?(?:[IVX]+|[0-9]{1,2}))\))";
    let comp = format!(
        r"(?:(?:S-|ES-)[0-9]+|Part [A-Z]\b|[A-Za-z]+(?:\.(?:[0-9]+|[IVX]+\b))*{paren}?|[0-9]+(?:-[0-9]{{1,2}}\b| [A-Z]\b)?{division}?)"
    );
    // A slash may be followed by one space or line break (text pulled from PDFs).
    let pattern =
        format!(r"{series}(?:/(?:[ \n])?{comp})+(?: ?\((?:[0-9]{{4}}|[IVXL]+|S-[IVX]+)\))?");
    Regex::new(&pattern).expect("valid regex")
});

/// One word character, as the regex engine's Unicode `\b` counts them.
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w$").expect("valid regex"));

static SUFFIX_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:,? (?:and|et|y|и) |[和及])((?:(?:Add|Corr|Rev|Amend|CRP|L|PV|SR|WP|INF)\.)?[0-9]+)\b",
    )
    .expect("valid regex")
});

/// True when the symbol grammar reads `written` as a document, or it is a
/// treaty body's older form the grammar does not spell, ending in a country
/// code after its session (`CCPR/CO/84/SVN`). A series alone (`E/CN.15`,
/// `A/C.1`) or a symbol cut at a line's end (`A/80/L`) is not one.
fn grammar_agrees(written: &str) -> bool {
    if crate::model::symbol::Symbol::parse(written).is_some() {
        return true;
    }
    let mut parts = written.rsplit('/');
    let (Some(last), Some(before)) = (parts.next(), parts.next()) else {
        return false;
    };
    last.len() == 3
        && last.bytes().all(|b| b.is_ascii_uppercase())
        && !before.is_empty()
        && before.bytes().all(|b| b.is_ascii_digit())
}

/// True when `s` is, as a whole, a document symbol.
pub fn is_symbol(s: &str) -> bool {
    let s = s.trim();
    SYMBOL.find(s).is_some_and(|m| {
        m.start() == 0 && m.end() == s.len() && plausible(m.as_str()) && grammar_agrees(s)
    })
}

/// Finds every document symbol in `text`, skipping the ranges in `covered`
/// (URLs), and pushes one citation per symbol.
pub fn extract(text: &str, covered: &[Range<usize>], out: &mut Vec<Found>) {
    for (base, segment) in segments(text) {
        extract_segment(text, base, segment, covered, out);
    }
}

/// The pieces of `text` (with their byte offsets) that a symbol cannot run
/// across: it is cut at every line end not preceded by a slash (the only line
/// end a symbol may hold). A pure speed-up, same matches: over the whole
/// text, each search fell back from the regex engine's DFA (which gives up on
/// non-ASCII text because of the Unicode `\b`) to a backtracker whose cost
/// grows with the rest of the text, for every symbol found.
fn segments(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let cuts = memchr::memchr_iter(b'\n', bytes)
        .filter(move |&i| i == 0 || bytes[i - 1] != b'/')
        .chain([text.len()]);
    let mut start = 0;
    cuts.map(move |cut| {
        let piece = (start, &text[start..cut]);
        start = (cut + 1).min(text.len());
        piece
    })
}

/// [`extract`] within one segment starting at byte `base` of `text`.
fn extract_segment(
    text: &str,
    base: usize,
    segment: &str,
    covered: &[Range<usize>],
    out: &mut Vec<Found>,
) {
    for m in symbol_matches(segment) {
        let (start, mut end) = (base + m.start, base + m.end);
        let mut written = &segment[m];
        // A trailing line break or space taken by the optional gap is not part of it.
        while written.ends_with([' ', '\n', '/']) {
            written = &written[..written.len() - 1];
            end -= 1;
        }
        // A joint symbol (`A/42/521-S/19085`) is two documents, joined by a hyphen.
        let joint_next = text[end..]
            .strip_prefix('-')
            .is_some_and(starts_with_known_series);
        let joint_prev = text[..start].ends_with('-')
            && text[..start - 1].ends_with(|c: char| c.is_ascii_alphanumeric())
            && starts_with_known_series(&text[start..]);
        if super::covers(covered, start)
            || (glued_before(text, start, b"/.-_@") && !joint_prev)
            || (glued_after(text, end, b"-_@/") && !joint_next)
            || !plausible(written)
            || !(known_series(written) || in_citation_context(text, start))
            || !grammar_agrees(written)
        {
            continue;
        }
        let key = canonical_symbol(written);
        out.push(Found::new(
            RefKind::Symbol,
            format!("symbol:{key}"),
            start,
            end,
        ));
        expand_shared_prefix(text, &key, end, out);
    }
}

/// The matches of [`SYMBOL`] in `segment`, exactly as `SYMBOL.find_iter`
/// gives them, found by searching only a short window around each slash: from
/// the run of series characters before it to the first byte no symbol can
/// hold, plus one character for the regex's look-ahead. A pure speed-up (the
/// regex engine backtracks over all of a long non-ASCII line otherwise).
fn symbol_matches(segment: &str) -> Vec<Range<usize>> {
    let b = segment.as_bytes();
    let mut out = Vec::new();
    let mut window = String::new();
    let mut pos = 0;
    while let Some(offset) = memchr::memchr(b'/', &b[pos..]) {
        let slash = pos + offset;
        let mut start = slash;
        while start > pos && matches!(b[start - 1], b'A'..=b'Z' | b'0'..=b'9' | b'.') {
            start -= 1;
        }
        // Bounded: no symbol is longer, and a window running to the end of a
        // long line of symbols would make the search quadratic.
        let limit = b.len().min(slash + MAX_SYMBOL_TAIL);
        let mut end = slash + 1;
        while end < limit && may_be_in_symbol(b, end) {
            end += 1;
        }
        // The window is ASCII but for the character after it, which only a
        // `\b` looks at: an ASCII stand-in of the same word-ness, which no
        // symbol can hold, keeps the regex engine on its fast DFA.
        let window = match segment[end..].chars().next() {
            Some(c) if !c.is_ascii() => {
                window.clear();
                window.push_str(&segment[start..end]);
                window.push(if WORD.is_match(c.encode_utf8(&mut [0; 4])) {
                    '_'
                } else {
                    '#'
                });
                window.as_str()
            }
            Some(c) => &segment[start..end + c.len_utf8()],
            None => &segment[start..end],
        };
        match SYMBOL.find(window) {
            Some(m) => {
                out.push(start + m.start()..start + m.end());
                pos = start + m.end();
            }
            None => pos = end,
        }
    }
    out
}

/// Bytes after a symbol's first slash searched for the rest of it (the
/// longest real symbols are under 60 bytes).
const MAX_SYMBOL_TAIL: usize = 256;

/// True when byte `i` of `b` (after a slash) may be part of a symbol: the
/// characters [`SYMBOL`] allows, a space only after a slash or before a
/// capital or an opening parenthesis, never before a capital and a slash
/// (`A/RES/55/25 A/RES/55/26`: there a new symbol starts).
fn may_be_in_symbol(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'/' | b'(' | b')' | b'-' | b'\n' => true,
        b' ' => {
            // `(Sect. 10)`: a space between a division's word and its number.
            (b[i - 1] == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit))
                || b[i - 1] == b'/'
                || match b.get(i + 1) {
                    Some(b'(') => true,
                    Some(b'A'..=b'Z') => b.get(i + 2) != Some(&b'/'),
                    _ => false,
                }
        }
        _ => false,
    }
}

/// True when `s` starts with a known series and its slash (`S/19085…`).
fn starts_with_known_series(s: &str) -> bool {
    s.split_once('/')
        .is_some_and(|(series, _)| crate::model::symbol::is_known_series(series))
}

/// `A/61/L.45 and Add.1` cites `A/61/L.45/Add.1` too; `…/CRP.5 and CRP.6` cites `…/CRP.6`.
fn expand_shared_prefix(text: &str, key: &str, end: usize, out: &mut Vec<Found>) {
    // Pure speed-ups, same matches: a list starts with one of these and never
    // crosses a line end. Searching the whole rest of the text instead cost
    // time in proportion to it for every symbol (the regex engine's
    // backtracker clears a table the size of its haystack): a third of the
    // time of loading a corpus.
    let rest = &text[end..];
    if !rest.starts_with([',', ' ', '和', '及']) {
        return;
    }
    // A list item is short: looking further would cost the rest of a long
    // line for every symbol on it.
    let mut cap = rest.len().min(MAX_SYMBOL_TAIL);
    while !rest.is_char_boundary(cap) {
        cap -= 1;
    }
    let rest = &rest[..cap];
    let rest = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
    let Some(caps) = SUFFIX_LIST.captures(rest) else {
        return;
    };
    let Some(suffix) = caps.get(1) else { return };
    let mut suffix_str = suffix.as_str().to_string();
    let last = key.rsplit('/').next().unwrap_or("");
    if suffix_str.bytes().all(|b| b.is_ascii_digit()) {
        // `SR.415和416`: a bare number replaces the number of the last component.
        let Some((token, _)) = last.split_once('.') else {
            return;
        };
        suffix_str = format!("{token}.{suffix_str}");
    }
    let suffix_str = suffix_str.as_str();
    let kind = suffix_str.split('.').next().unwrap_or("");
    let modifier = matches!(kind, "Add" | "Corr" | "Rev" | "Amend");
    let new_key = if modifier && !last.starts_with(kind) {
        format!("{key}/{suffix_str}")
    } else if last.split('.').next() == Some(kind) {
        let base = &key[..key.len() - last.len()];
        format!("{base}{suffix_str}")
    } else {
        return;
    };
    out.push(Found::new(
        RefKind::Symbol,
        format!("symbol:{new_key}"),
        end + suffix.start(),
        end + suffix.end(),
    ));
}

/// A symbol has a slash, a digit, and does not look like a job number or date.
fn plausible(written: &str) -> bool {
    written.contains('/')
        && written.bytes().any(|b| b.is_ascii_digit())
        && written.split('/').skip(1).any(|c| {
            c.chars()
                .next()
                .is_some_and(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit())
        })
}

/// True when `written` opens with a series the grammar knows (one list for
/// the extractor and the grammar: [`crate::model::symbol::is_known_series`]).
fn known_series(written: &str) -> bool {
    let series = written.split('/').next().unwrap_or("");
    crate::model::symbol::is_known_series(series)
}

fn in_citation_context(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let before = before.trim_end();
    if before.ends_with(['(', '[']) {
        return true;
    }
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    CONTEXT_WORDS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What one search over the whole text finds, each match cut before a
    /// capital and a slash that follow a space (`A/1 B/2` is two symbols).
    fn whole_text_matches(text: &str) -> Vec<Range<usize>> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(m) = SYMBOL.find_at(text, pos) {
            let new_symbol = (m.start() + 1..m.end()).find(|&k| {
                b[k] == b' '
                    && b[k - 1] != b'/'
                    && b[k + 1].is_ascii_uppercase()
                    && b.get(k + 2) == Some(&b'/')
            });
            let m = match new_symbol {
                Some(k) => match SYMBOL.find_at(&text[..k + 1], m.start()) {
                    Some(m) => m.range(),
                    None => {
                        pos = k;
                        continue;
                    }
                },
                None => m.range(),
            };
            pos = m.end;
            out.push(m);
        }
        out
    }

    proptest::proptest! {
        /// On arbitrary text made of the characters symbols are made of (and
        /// some they are not), searching windows in segments finds exactly
        /// what one search over the whole text finds.
        #[test]
        fn windows_find_what_the_whole_text_finds(
            parts in proptest::collection::vec(proptest::sample::select(&[
                "A", "CTOC", "E", "S", "ST", "Z9", "/", "/", "/", " ", " ", "\n", "1", "2012", ".", "IV",
                "(", ")", "(2004)", "S-", "-", "Add", "a", "é", "É", "x", "和", ",", "Rev.", "L.2", " B",
                "\u{301}", "’", "\u{a0}", "²", "_", "#", "\u{200d}",
            ][..]), 0..40)
        ) {
            let text: String = parts.concat();
            let whole = whole_text_matches(&text);
            let pieces: Vec<_> = segments(&text)
                .flat_map(|(base, s)| {
                    symbol_matches(s)
                        .into_iter()
                        .map(move |m| base + m.start..base + m.end)
                })
                .collect();
            proptest::prop_assert_eq!(whole, pieces, "{:?}", text);
        }
    }

    /// Searching segment by segment finds what one search over the whole text finds.
    #[test]
    fn segments_find_what_the_whole_text_finds() {
        let texts = [
            "voir A/\n55/25 et E/CN.15/\n2019/L.2/Add.1\nS/RES/1540 (2004)",
            "CTOC/COP/\n2012/1é et A/C.IIé/3 ou A/55/25 Bé, ST/SGB/2003/13é\nx",
            "\nA/RES/55/25\n\n/\nCTOC/COP/WG.4/2011/8/\n\nRev.1 \u{4e2d}A/61/L.45和46",
            "",
            "/",
        ];
        for text in texts {
            let whole = whole_text_matches(text);
            let pieces: Vec<_> = segments(text)
                .flat_map(|(base, s)| {
                    symbol_matches(s)
                        .into_iter()
                        .map(move |m| base + m.start..base + m.end)
                })
                .collect();
            assert_eq!(whole, pieces, "{text:?}");
        }
    }

    fn symbols(text: &str) -> Vec<String> {
        let links = super::super::link::extract(text);
        let mut out = Vec::new();
        extract(text, &links.covered, &mut out);
        out.into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn a_report_division_is_part_of_its_symbol() {
        assert_eq!(
            symbols("see A/81/6 (Sect. 10) and A/81/6 (Sect. 29A)/Part A, and A/80/5 (Vol. I)."),
            [
                "symbol:A/81/6(Sect.10)",
                "symbol:A/81/6(Sect.29A)/PartA",
                "symbol:A/80/5(Vol.I)"
            ]
        );
        assert!(is_symbol("A/81/6 (Sect. 2)/Part A"));
    }

    #[test]
    fn the_grammar_has_the_last_word() {
        // A series alone, or a symbol cut short, is no document.
        assert!(symbols("the Commission (E/CN.15) and the First Committee (A/C.1)").is_empty());
        assert!(!is_symbol("E/CN.15"));
        assert!(!is_symbol("A/80/L"));
        // A treaty body's older form, ending in the country after its session.
        assert_eq!(
            symbols("see CCPR/CO/84/SVN, para. 5"),
            ["symbol:CCPR/CO/84/SVN"]
        );
    }

    #[test]
    fn a_joint_symbol_is_two_documents() {
        assert_eq!(
            symbols("the report of the Secretary-General (A/42/521-S/19085, annex)"),
            ["symbol:A/42/521", "symbol:S/19085"]
        );
        // A hyphen inside a symbol, or before something that is no series, joins nothing.
        assert_eq!(
            symbols("CRC/C/GBR/CO/6-7 and A/ES-10/L.30"),
            ["symbol:CRC/C/GBR/CO/6-7", "symbol:A/ES-10/L.30"]
        );
        assert!(symbols("A/42/521-x/3").is_empty());
        // Series of the seas' and the shelf's bodies, known to the grammar.
        assert_eq!(
            symbols("see SPLOS/33 and CLCS/95."),
            ["symbol:SPLOS/33", "symbol:CLCS/95"]
        );
    }

    #[test]
    fn symbols_from_the_seeds() {
        assert_eq!(
            symbols(
                "Le rapport sur les travaux de cette réunion (CTOC/COP/WG.4/2011/8), dans lequel"
            ),
            ["symbol:CTOC/COP/WG.4/2011/8"]
        );
        assert_eq!(symbols("* CTOC/COP/2012/1."), ["symbol:CTOC/COP/2012/1"]);
        assert_eq!(
            symbols("([CTOC/COP/WG.4/2017/4](#) et [CTOC/COP/WG.4/2018/3](#)) seront"),
            ["symbol:CTOC/COP/WG.4/2017/4", "symbol:CTOC/COP/WG.4/2018/3"]
        );
        assert_eq!(
            symbols("premier cycle de collecte d'informations (CTOC/COP/2005/3/Rev.2)"),
            ["symbol:CTOC/COP/2005/3/Rev.2"]
        );
        assert_eq!(
            symbols("pour le second reporting cycle (CTOC/COP/2008/CRP.11)"),
            ["symbol:CTOC/COP/2008/CRP.11"]
        );
    }

    #[test]
    fn symbols_of_other_series() {
        assert_eq!(
            symbols("resolution A/RES/55/25, annex I"),
            ["symbol:A/RES/55/25"]
        );
        assert_eq!(
            symbols("see E/CN.15/2019/L.2/Add.1;"),
            ["symbol:E/CN.15/2019/L.2/Add.1"]
        );
        assert_eq!(
            symbols("soumis sous la cote E/CN.15/2008/ CRP.2."),
            ["symbol:E/CN.15/2008/CRP.2"]
        );
        assert_eq!(
            symbols("S/RES/1540 (2004) and"),
            ["symbol:S/RES/1540(2004)"]
        );
        assert_eq!(
            symbols("本届会议临时议程载于CTOC/COP/2008/1号文件。"),
            ["symbol:CTOC/COP/2008/1"]
        );
        assert_eq!(symbols("(документ S/2012/130)"), ["symbol:S/2012/130"]);
        assert_eq!(symbols("(voir XYZ/2012/3)"), ["symbol:XYZ/2012/3"]);
    }

    #[test]
    fn symbols_separated_by_a_space_stay_apart() {
        assert_eq!(
            symbols("A/RES/55/25 A/RES/55/26"),
            ["symbol:A/RES/55/25", "symbol:A/RES/55/26"]
        );
        assert_eq!(
            symbols("S/RES/1540 S/RES/1541 (2004)"),
            ["symbol:S/RES/1540", "symbol:S/RES/1541(2004)"]
        );
        assert_eq!(symbols("voir A/RES/35/142 B."), ["symbol:A/RES/35/142B"]);
    }

    #[test]
    fn shared_prefix_lists() {
        assert_eq!(
            symbols("(A/61/L.45 and Add.1)"),
            ["symbol:A/61/L.45", "symbol:A/61/L.45/Add.1"]
        );
        assert_eq!(
            symbols("A/AC.241/WG.II/CRP.5 and CRP.6"),
            ["symbol:A/AC.241/WG.II/CRP.5", "symbol:A/AC.241/WG.II/CRP.6"]
        );
        assert_eq!(
            symbols("（见CMW/C/SR.415和416）"),
            ["symbol:CMW/C/SR.415", "symbol:CMW/C/SR.416"]
        );
        assert_eq!(symbols("A/64/440 et 12 autres"), ["symbol:A/64/440"]);
    }

    #[test]
    fn url_paths_job_numbers_and_dates_are_no_symbols() {
        assert!(
            symbols("<http://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-firearms.html>")
                .is_empty()
        );
        assert!(symbols("http://www.unodc.org/CTOC/COP/2012/1.html").is_empty());
        assert!(symbols("V.18-07400 (F) 201118 211118 *1807400*").is_empty());
        assert!(symbols("Corrected on 4/17/2015 12:26:31 PM").is_empty());
        assert!(symbols("Référence: CU 2009/180(A)").is_empty());
        assert!(symbols("(United Nations publication, Sales No. E.98.XI.5)").is_empty());
        assert!(symbols("la décision 4/4 de la Conférence").is_empty());
        assert!(symbols("and/or 2012/3").is_empty());
        assert!(symbols("XYZ/2012/3 sans contexte").is_empty());
    }

    #[test]
    fn whole_symbol_check() {
        assert!(is_symbol("CTOC/COP/2012/1"));
        assert!(!is_symbol("CTOC/COP/2012/1 x"));
        assert!(!is_symbol("CTOC"));
        assert!(!is_symbol("4/4"));
    }
}
