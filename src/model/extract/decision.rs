//! Decisions and resolutions cited by number: `décision 4/4`, `sa résolution 5/2`,
//! `resolutions 5/2 and 5/3` (one citation each), `résolutions 9/1 à 9/3`,
//! `第8/12号决议`. A decision without a number ("la décision prise par le
//! bureau") cites nothing.

use super::{Found, glued_after};
use crate::model::reference::RefKind;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A number as bodies write them: the Assembly's and councils' `78/225`
/// (`S-27/2`, `ES-10/19`, `35/142 B`), the Security Council's `1325 (2000)`,
/// a conference of parties' `2/CP.17` and `1/CMP.6`, a meeting of parties'
/// Roman-numbered `XII/5 B`.
const NUMBER: &str = r"(?:(?:S-|ES-)?[0-9]{1,4}/[0-9]{1,4}(?: ?[A-Z]\b)?|[0-9]{1,4} ?\([0-9]{4}\)|[0-9]{1,3}/(?:CP|CMP|CMA|COP|MOP|CRIC|CST)\.[0-9]{1,3}|\b[IVXL]{1,6}/[0-9]{1,3}(?: ?[A-Z]\b)?)";

/// The date a number may carry in a list (`46/152 of 18 December 1991`,
/// `du 18 décembre 1991`, `de 18 de diciembre de 1991`, `от 18 декабря 1991
/// года`), so that the list goes on after it; a footnote mark may be glued
/// to the year (`of 16 October 202043 and 11/3`).
const DATED: &str = r"(?:,?\s+(?:of|du|de|del|от)\s+[0-9]{1,2}(?:er)?\s+(?:de\s+)?\p{L}+\s+(?:de\s+)?[0-9]{4}[0-9]{0,3}(?:\s+года)?)?";

static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    let keyword = r"(?i:\b(?:d[ée]cisi[oó]n(?:s|es)?|r[ée]solu(?:tion|ci[oó]n)(?:s|es)?)|решени[еяйюи]\w*|резолюци[яиюей]\w*|مقرر\S*|قرار\S*)";
    let joiner = r"(?:,\s*(?:(?:and|et|y|и)\s+)?|\s+(?:and|et|y|и|à|a|to|al|au|-|–)\s+|\s*[-–]\s*)";
    Regex::new(&format!(
        r"{keyword}\s+({NUMBER}{DATED}(?:{joiner}{NUMBER}{DATED})*)"
    ))
    .expect("valid regex")
});

static CJK_CITATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"第({NUMBER})号(决定|决议)")).expect("valid regex"));

static ONE_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(NUMBER).expect("valid regex"));

/// Finds every decision and resolution cited by number in `text`.
pub fn extract(text: &str, out: &mut Vec<Found>) {
    for (whole, list) in citations(text) {
        let keyword = text[whole.start..list.start].trim_end();
        let kind = kind_of(keyword);
        let mut previous: Option<(String, usize)> = None;
        let list_text = &text[list.clone()];
        for (i, m) in ONE_NUMBER.find_iter(list_text).enumerate() {
            let start = list.start + m.start();
            let end = list.start + m.end();
            if glued_after(text, end, b"/") {
                break; // 4/17/2015: a date, not a decision
            }
            let number = m.as_str().replace(' ', "");
            let between = &list_text[..m.start()];
            if let Some((prev, _)) = &previous {
                if is_range(between) {
                    push_range(kind, prev, &number, start, out);
                }
            }
            let span_start = if i == 0 { whole.start } else { start };
            out.push(Found::new(
                kind,
                format!("{}:{number}", kind.name()),
                span_start,
                end,
            ));
            previous = Some((number, end));
        }
    }
    for caps in CJK_CITATION.captures_iter(text) {
        let (Some(whole), Some(number), Some(word)) = (caps.get(0), caps.get(1), caps.get(2))
        else {
            continue;
        };
        let kind = if word.as_str() == "决定" {
            RefKind::Decision
        } else {
            RefKind::Resolution
        };
        out.push(Found::new(
            kind,
            format!("{}:{}", kind.name(), number.as_str()),
            whole.start(),
            whole.end(),
        ));
    }
}

/// Where a citation can start: the keywords of [`CITATION`] without their
/// `\b` and endings, with the same case rules.
static KEYWORD_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:d[ée]cisi[oó]n|r[ée]solu(?:tion|ci[oó]n)|решени[еяйюи]|резолюци[яиюей]|مقرر|قرار)",
    )
    .expect("valid regex")
});

/// The byte ranges of the whole match and of the number list of every
/// [`CITATION`] in `text`, exactly as `CITATION.captures_iter(text)` finds
/// them, but each searched in a short window: from the character before a
/// keyword to the first character no citation can hold (kept for the
/// look-ahead of `\b`). A pure speed-up: over the whole text, the Unicode
/// `\b` keeps the regex engine off its DFA on any non-ASCII text.
fn citations(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(k) = KEYWORD_START.find_at(text, pos) {
        let p = k.start();
        let before = text[..p].chars().next_back().map_or(0, char::len_utf8);
        let base = p - before;
        let window = &text[base..window_end(text, p)];
        let found = CITATION.captures_at(window, before).and_then(|c| {
            let (whole, list) = (c.get(0)?, c.get(1)?);
            (whole.start() == before).then(|| {
                (
                    base + whole.start()..base + whole.end(),
                    base + list.start()..base + list.end(),
                )
            })
        });
        match found {
            Some((whole, list)) => {
                pos = whole.end;
                out.push((whole, list));
            }
            None => pos = p + text[p..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// Where the window of a citation starting at `p` ends: after the keyword (a
/// run without white space), the first character that no number list can
/// hold, included.
fn window_end(text: &str, p: usize) -> usize {
    let mut in_keyword = true;
    for (i, c) in text[p..].char_indices() {
        if in_keyword && !c.is_whitespace() {
            continue;
        }
        in_keyword = false;
        // Letters too: a number's date (`of 18 December 1991`, `décembre`,
        // `декабря`) keeps the list going.
        // Brackets for the Security Council's years (`1325 (2000)`); a dot
        // before a digit for a conference's `2/CP.17`.
        let digit_next = text[p + i + c.len_utf8()..].starts_with(|n: char| n.is_ascii_digit());
        if c.is_whitespace()
            || c.is_alphanumeric()
            || matches!(c, '/' | ',' | '-' | '–' | '(' | ')')
            || (c == '.' && digit_next)
        {
            continue;
        }
        return p + i + c.len_utf8();
    }
    text.len()
}

fn kind_of(keyword: &str) -> RefKind {
    let k = keyword.to_lowercase();
    if k.contains("cisi") || k.starts_with("решени") || k.starts_with("مقرر") {
        RefKind::Decision
    } else {
        RefKind::Resolution
    }
}

/// True when the text between the last number and this one marks a range.
fn is_range(between: &str) -> bool {
    let tail: String = between
        .chars()
        .rev()
        .take(6)
        .collect::<String>()
        .chars()
        .rev()
        .collect();
    let tail = tail.trim();
    tail.ends_with(" à")
        || tail.ends_with(" to")
        || tail.ends_with(" al")
        || tail.ends_with(" au")
        || tail.ends_with(" a")
        || tail.ends_with('-')
        || tail.ends_with('–')
        || tail == "à"
        || tail == "to"
        || tail == "-"
        || tail == "–"
}

/// `9/1 à 9/4` cites 9/2 and 9/3 too (same session, short range).
fn push_range(kind: RefKind, from: &str, to: &str, at: usize, out: &mut Vec<Found>) {
    let split = |s: &str| {
        let (a, b) = s.split_once('/')?;
        Some((a.to_string(), b.parse::<u32>().ok()?))
    };
    let (Some((sa, a)), Some((sb, b))) = (split(from), split(to)) else {
        return;
    };
    if sa != sb || b <= a + 1 || b - a > 30 {
        return;
    }
    for n in a + 1..b {
        out.push(Found::new(
            kind,
            format!("{}:{sa}/{n}", kind.name()),
            at,
            at,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Searching windows finds exactly what one search over the whole text finds.
        #[test]
        fn windows_find_what_the_whole_text_finds(
            parts in proptest::collection::vec(proptest::sample::select(&[
                "décision 4/4", "Décisions 5/2", "DECISION\u{a0}12/3", "résolution S-1/2",
                "resoluciones 9/1", "decisión", "решение 7/1", "резолюции", "قرار 3/2", "مقرر",
                "x", "é", "É", "Ⅳ", " ", "  ", "\n", "\u{a0}", "4/4", "12/3 A", "2015", "/",
                "ES-", ",", ", 6/7", " et 9/2", " and 1/1", " à 9/4", " au ", " и 2/2", "–", "-",
                " - 3/3", " B", "Bé", "a", " to 4/5", "_", "décision", "résolution",
            ][..]), 0..30)
        ) {
            let text: String = parts.concat();
            let whole: Vec<_> = CITATION
                .captures_iter(&text)
                .filter_map(|c| Some((c.get(0)?.range(), c.get(1)?.range())))
                .collect();
            proptest::prop_assert_eq!(whole, citations(&text), "{:?}", text);
        }
    }

    fn keys(text: &str) -> Vec<String> {
        super::super::keys_found_by(extract, text)
    }

    #[test]
    fn every_resolution_of_a_dated_list() {
        assert_eq!(
            keys(
                "Reaffirming its resolutions 46/152 of 18 December 1991, 60/1 of 16 September 2005, 67/1 of 24 September 2012 and 78/229 of 19 December 2023, and recalling"
            ),
            [
                "resolution:46/152",
                "resolution:60/1",
                "resolution:67/1",
                "resolution:78/229"
            ]
        );
        assert_eq!(
            keys(
                "Rappelant ses résolutions 71/59 du 5 décembre 2016, 73/43 du 5 décembre 2018 et 75/46 du 7 décembre 2020,"
            ),
            ["resolution:71/59", "resolution:73/43", "resolution:75/46"]
        );
        assert_eq!(
            keys(
                "Recordando sus resoluciones 71/59, de 5 de diciembre de 2016, y 73/43, de 5 de diciembre de 2018,"
            ),
            ["resolution:71/59", "resolution:73/43"]
        );
        assert_eq!(
            keys(
                "ссылаясь на свои резолюции 71/59 от 5 декабря 2016 года и 73/43 от 5 декабря 2018 года,"
            ),
            ["resolution:71/59", "resolution:73/43"]
        );
        // A footnote mark glued to a year does not end the list.
        assert_eq!(
            keys(
                "as well as resolutions 10/6 of 16 October 202043 and 11/3 of 21 October 202244 of the Conference"
            ),
            ["resolution:10/6", "resolution:11/3"]
        );
        // A date alone is not a list.
        assert_eq!(
            keys("resolution 78/1 of 10 October 2023 on the subject"),
            ["resolution:78/1"]
        );
    }

    #[test]
    fn decisions_and_resolutions_from_the_seeds() {
        assert_eq!(
            keys("Dans sa décision 4/4, intitulée \"Traite des êtres humains\""),
            ["decision:4/4"]
        );
        assert_eq!(
            keys("Dans sa résolution 5/2, intitulée"),
            ["resolution:5/2"]
        );
        assert_eq!(
            keys("Conformément à la résolution 7/1, les rapports"),
            ["resolution:7/1"]
        );
        assert_eq!(
            keys("établi conformément à la décision 4/4 de la Conférence"),
            ["decision:4/4"]
        );
    }

    #[test]
    fn spans_cover_keyword_and_number() {
        let text = "Dans sa décision 4/4, intitulée";
        let mut out = Vec::new();
        extract(text, &mut out);
        assert_eq!(&text[out[0].start..out[0].end], "décision 4/4");
    }

    #[test]
    fn lists_ranges_and_other_languages() {
        assert_eq!(
            keys("resolutions 5/2 and 5/3"),
            ["resolution:5/2", "resolution:5/3"]
        );
        assert_eq!(
            keys("Décisions 16/1 et 16/2 de la Commission"),
            ["decision:16/1", "decision:16/2"]
        );
        assert_eq!(
            keys("résolutions 9/1 à 9/3"),
            ["resolution:9/1", "resolution:9/2", "resolution:9/3"]
        );
        assert_eq!(
            keys("In its decision 4/4, the Conference"),
            ["decision:4/4"]
        );
        assert_eq!(keys("En su resolución 7/1, titulada"), ["resolution:7/1"]);
        assert_eq!(
            keys("Mediante su decisión 4/4, la Conferencia"),
            ["decision:4/4"]
        );
        assert_eq!(keys("В резолюции 5/3 под названием"), ["resolution:5/3"]);
        assert_eq!(keys("第8/12号决议"), ["resolution:8/12"]);
        assert_eq!(keys("第2004/10号决定"), ["decision:2004/10"]);
        assert_eq!(keys("resolution 31/16 A"), ["resolution:31/16A"]);
    }

    #[test]
    fn security_council_and_conferences_of_parties_numbers() {
        assert_eq!(
            keys(
                "Recalling Security Council resolution 1325 (2000) and resolutions 2250 (2015) and 2419(2018),"
            ),
            [
                "resolution:1325(2000)",
                "resolution:2250(2015)",
                "resolution:2419(2018)"
            ]
        );
        assert_eq!(
            keys(
                "Taking note of decision 2/CP.17 and decision 1/CMP.6, and of decision XII/5 B of the Meeting of the Parties,"
            ),
            ["decision:2/CP.17", "decision:1/CMP.6", "decision:XII/5B"]
        );
        // Years and numbers alone are not numbers of a text.
        assert!(keys("the resolution (2000) and resolution of 2015").is_empty());
        assert!(keys("decision IX of the Court").is_empty());
    }

    #[test]
    fn no_number_no_citation() {
        assert!(keys("Conformément à la décision prise par le bureau élargi de la Conférence le 4 juillet 2012").is_empty());
        assert!(keys("about 1/3 of the States parties replied").is_empty());
        assert!(keys("footer 25-15106 2/2").is_empty());
        assert!(keys("decision 4/17/2015").is_empty());
        assert!(keys("une décision, 4/4").is_empty());
    }
}
