//! Reading the masthead of a UN document: date of issue, language, original
//! language, session, place and meeting dates, the agenda item it was issued
//! under, its own symbol and title. Each reader takes one line (or a few) and
//! returns what it recognised; the document builder decides where to look.

use crate::model::fold::fold;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Month number from its name in English, French, Spanish or Russian (genitive).
pub fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [[&str; 4]; 12] = [
        ["january", "janvier", "enero", "января"],
        ["february", "fevrier", "febrero", "февраля"],
        ["march", "mars", "marzo", "марта"],
        ["april", "avril", "abril", "апреля"],
        ["may", "mai", "mayo", "мая"],
        ["june", "juin", "junio", "июня"],
        ["july", "juillet", "julio", "июля"],
        ["august", "aout", "agosto", "августа"],
        ["september", "septembre", "septiembre", "сентября"],
        ["october", "octobre", "octubre", "октября"],
        ["november", "novembre", "noviembre", "ноября"],
        ["december", "decembre", "diciembre", "декабря"],
    ];
    let w = fold(word);
    MONTHS
        .iter()
        .position(|names| names.contains(&w.as_str()))
        .map(|i| i as u32 + 1)
}

fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    ((1..=days_in_month).contains(&day) && (1900..=2200).contains(&year))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{1,2})(?:er|º|\^\{er\})?\s+(?:de\s+)?(\p{L}+)\s+(?:de\s+)?([0-9]{4})(?:\s+(?:года|г\.))?$")
        .expect("valid regex")
});
static CJK_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$").expect("valid regex")
});

/// The ISO date of a line that is only a date: `21 juin 2012`, `1er juin 2012`,
/// `18 July 2018`, `20 de septiembre de 2012`, `2012年11月26日`.
pub fn parse_date_line(line: &str) -> Option<String> {
    let line = line.trim();
    if !line.as_bytes().first()?.is_ascii_digit() {
        return None; // every form starts with the day or the year
    }
    if let Some(c) = DATE_LINE.captures(line) {
        let day = c[1].parse().ok()?;
        let month = month_number(&c[2])?;
        return iso(c[3].parse().ok()?, month, day);
    }
    let c = CJK_DATE.captures(line)?;
    iso(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

/// ISO code of a language named in English, French, Spanish or Russian.
pub fn language_code(name: &str) -> Option<&'static str> {
    let n = fold(name.trim().trim_end_matches('.'));
    Some(match n.as_str() {
        "english" | "anglais" | "ingles" | "английский" => "en",
        "french" | "francais" | "frances" | "французский" => "fr",
        "spanish" | "espagnol" | "espanol" | "испанский" => "es",
        "russian" | "russe" | "ruso" | "русский" => "ru",
        "chinese" | "chinois" | "chino" | "китайский" => "zh",
        "arabic" | "arabe" | "арабский" => "ar",
        _ => return None,
    })
}

static ORIGINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:original|подлинный текст)[\s\u{a0}\u{202f}]*:[\s\u{a0}\u{202f}]*(\p{L}+)\.?$",
    )
    .expect("valid regex")
});

/// The original language from `Original: anglais`, `Original : anglais`, `Original: English`.
pub fn parse_original_line(line: &str) -> Option<&'static str> {
    if !line.trim_start().starts_with(['O', 'o', 'П', 'п']) {
        return None;
    }
    let c = ORIGINAL.captures(line.trim())?;
    language_code(c.get(1)?.as_str())
}

/// The language of a version from a masthead line that only names it (`Français`).
pub fn parse_language_line(line: &str) -> Option<&'static str> {
    let line = line.trim();
    if line.is_empty() || line.len() > 24 || line.contains(' ') {
        return None;
    }
    language_code(line)
}

/// Ordinal numbers 1–99 written in French and English words, and Spanish and
/// Russian up to twenty, folded.
static ORDINALS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for n in 1..100 {
        map.insert(fold(&french_ordinal(n)), n);
        map.insert(english_ordinal(n), n);
    }
    map.insert("premiere".into(), 1);
    map.insert("second".into(), 2);
    map.insert("seconde".into(), 2);
    let spanish = [
        "primer",
        "segundo",
        "tercer",
        "cuarto",
        "quinto",
        "sexto",
        "septimo",
        "octavo",
        "noveno",
        "decimo",
        "undecimo",
        "duodecimo",
        "decimotercer",
        "decimocuarto",
        "decimoquinto",
        "decimosexto",
        "decimoseptimo",
        "decimoctavo",
        "decimonoveno",
        "vigesimo",
    ];
    let russian = [
        "первая",
        "вторая",
        "третья",
        "четвертая",
        "пятая",
        "шестая",
        "седьмая",
        "восьмая",
        "девятая",
        "десятая",
        "одиннадцатая",
        "двенадцатая",
        "тринадцатая",
        "четырнадцатая",
        "пятнадцатая",
        "шестнадцатая",
        "семнадцатая",
        "восемнадцатая",
        "девятнадцатая",
        "двадцатая",
    ];
    for (i, (es, ru)) in spanish.iter().zip(russian).enumerate() {
        map.insert(es.to_string(), i as u32 + 1);
        map.insert(fold(ru), i as u32 + 1);
    }
    map.insert("primero".into(), 1);
    map.insert("tercero".into(), 3);
    // Twenty-first to ninety-ninth: the tens' ordinal alone, or followed by
    // the unit's (`trigésimo cuarto`; in Russian the tens' cardinal then the
    // unit's ordinal, `тридцать четвертая`).
    let es_tens = [
        "vigesimo",
        "trigesimo",
        "cuadragesimo",
        "quincuagesimo",
        "sexagesimo",
        "septuagesimo",
        "octogesimo",
        "nonagesimo",
    ];
    let ru_tens = [
        ("двадцать", "двадцатая"),
        ("тридцать", "тридцатая"),
        ("сорок", "сороковая"),
        ("пятьдесят", "пятидесятая"),
        ("шестьдесят", "шестидесятая"),
        ("семьдесят", "семидесятая"),
        ("восемьдесят", "восьмидесятая"),
        ("девяносто", "девяностая"),
    ];
    for (t, (es_ten, (ru_cardinal, ru_ordinal))) in es_tens.iter().zip(ru_tens).enumerate() {
        let tens = 20 + 10 * t as u32;
        map.insert(es_ten.to_string(), tens);
        map.insert(fold(ru_ordinal), tens);
        for (u, (es, ru)) in spanish.iter().zip(russian).take(9).enumerate() {
            let n = tens + u as u32 + 1;
            map.insert(format!("{es_ten} {es}"), n);
            map.insert(format!("{es_ten}{es}"), n);
            map.insert(fold(&format!("{ru_cardinal} {ru}")), n);
        }
        map.insert(format!("{es_ten} primero"), tens + 1);
        map.insert(format!("{es_ten} tercero"), tens + 3);
    }
    map
});

fn english_ordinal(n: u32) -> String {
    const UNITS: [&str; 20] = [
        "",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if n < 20 {
        return UNITS[n as usize].to_string();
    }
    let (t, u) = (n / 10, n % 10);
    if u == 0 {
        format!("{}ieth", TENS[t as usize].trim_end_matches('y'))
    } else {
        format!("{}-{}", TENS[t as usize], UNITS[u as usize])
    }
}

fn french_cardinal(n: u32) -> String {
    const UNITS: [&str; 17] = [
        "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
        "douze", "treize", "quatorze", "quinze", "seize",
    ];
    const TENS: [&str; 7] = [
        "",
        "dix",
        "vingt",
        "trente",
        "quarante",
        "cinquante",
        "soixante",
    ];
    match n {
        0..=16 => UNITS[n as usize].to_string(),
        17..=19 => format!("dix-{}", UNITS[(n - 10) as usize]),
        20..=69 => {
            let (t, u) = (n / 10, n % 10);
            match u {
                0 => TENS[t as usize].to_string(),
                1 => format!("{} et un", TENS[t as usize]),
                _ => format!("{}-{}", TENS[t as usize], UNITS[u as usize]),
            }
        }
        70..=79 if n == 71 => "soixante et onze".to_string(),
        70..=79 => format!("soixante-{}", french_cardinal(n - 60)),
        80 => "quatre-vingts".to_string(),
        _ => format!("quatre-vingt-{}", french_cardinal(n - 80)),
    }
}

fn french_ordinal(n: u32) -> String {
    if n == 1 {
        return "premier".to_string();
    }
    let cardinal = french_cardinal(n);
    let stem = if let Some(s) = cardinal.strip_suffix("cinq") {
        format!("{s}cinqu")
    } else if let Some(s) = cardinal.strip_suffix("neuf") {
        format!("{s}neuv")
    } else if let Some(s) = cardinal.strip_suffix("vingts") {
        format!("{s}vingt")
    } else {
        cardinal.trim_end_matches('e').to_string()
    };
    format!("{stem}ième")
}

/// A number from 1 to 99 written in Chinese numerals (四, 十二, 五十五) or digits.
fn chinese_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d).filter(|&n| n > 0),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Arabic ordinals of sessions, first to tenth (feminine, as in "الدورة التاسعة").
fn arabic_ordinal(word: &str) -> Option<u32> {
    const ORDINALS: [&str; 10] = [
        "الأولى",
        "الثانية",
        "الثالثة",
        "الرابعة",
        "الخامسة",
        "السادسة",
        "السابعة",
        "الثامنة",
        "التاسعة",
        "العاشرة",
    ];
    ORDINALS
        .iter()
        .position(|o| *o == word)
        .map(|p| p as u32 + 1)
}

static SESSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?P<num>[0-9]{1,3})(?:st|nd|rd|th|e|ème|eme|º|ª|a|ª)?|(?P<word>[\p{L}-]+(?:(?: et)? [\p{L}]+)?))\s+(?:session|período de sesiones|periodo de sesiones|сессия)$")
        .expect("valid regex")
});

/// The session number of a line like `Sixième session`, `Ninth session`,
/// `19º período de sesiones`, `Шестая сессия`, `6th session`.
pub fn parse_session_line(line: &str) -> Option<u32> {
    let line = line.trim();
    if let Some(n) = line
        .strip_prefix('第')
        .and_then(|l| l.strip_suffix("届会议"))
    {
        return chinese_number(n);
    }
    if let Some(word) = line.strip_prefix("الدورة ") {
        return arabic_ordinal(word.trim());
    }
    let mut tail_start = line.len().saturating_sub(24);
    while !line.is_char_boundary(tail_start) {
        tail_start -= 1;
    }
    let tail = line[tail_start..].to_lowercase();
    if !["session", "sesiones", "сессия"]
        .iter()
        .any(|w| tail.ends_with(w))
    {
        return None;
    }
    if let Some(n) = session_number(line) {
        return Some(n);
    }
    // The body's name before it, on one line (`Совет по правам человека
    // Рабочая группа … Тридцать четвертая сессия`): the ordinal is in the
    // last words.
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    let session_words = if tail.ends_with("sesiones") { 3 } else { 1 };
    (1..=3).rev().find_map(|k| {
        let (at, _) = *words.get(words.len().checked_sub(session_words + k)?)?;
        session_number(&line[at..])
    })
}

/// The number an ordinal names, in words or digits (`fourth`, `quatrième`,
/// `vigésimo cuarto`, `четвертая`, `4th`).
pub fn ordinal(words: &str) -> Option<u32> {
    session_number(&format!("{} session", words.trim()))
}

/// The session number of a line that is exactly `<ordinal> session`.
fn session_number(line: &str) -> Option<u32> {
    let c = SESSION.captures(line)?;
    if let Some(n) = c.name("num") {
        return n.as_str().parse().ok();
    }
    let word = fold(c.name("word")?.as_str());
    ORDINALS.get(&word).copied()
}

/// Place and meeting dates of a line like `Vienne, 15-19 octobre 2012`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceAndDates {
    /// Where.
    pub place: String,
    /// First day, ISO.
    pub start: String,
    /// Last day, ISO.
    pub end: String,
}

static PLACE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<place>[\p{L}][\p{L} ()'’.-]{1,60}),\s+(?P<dates>.*[0-9]{4})(?:\s+(?:года|г\.))?$",
    )
    .expect("valid regex")
});
static CJK_PLACE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日至(?:(?P<m2>[0-9]{1,2})月)?(?P<d2>[0-9]{1,2})日[，,]\s*(?P<place>\S.*)$")
        .expect("valid regex")
});
static DATE_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<day>[0-9]{1,2})(?:er|\^\{er\}|º)?\b|(?P<month>\p{L}+)|(?P<year>[0-9]{4})")
        .expect("valid regex")
});

/// Reads `Vienne, 15-19 octobre 2012`, `Vienna, 2 and 3 May 2018`,
/// `Vienne, 1er-5 juin 2015`, `Vienne, 30 mai-1er juin 2012`.
pub fn parse_place_line(line: &str) -> Option<PlaceAndDates> {
    if !line.contains([',', '，']) {
        return None;
    }
    if let Some(c) = CJK_PLACE_LINE.captures(line.trim()) {
        let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
        let (year, month, day) = (num("y")?, num("m")?, num("d")?);
        let end_month = num("m2").unwrap_or(month);
        return Some(PlaceAndDates {
            place: c.name("place")?.as_str().trim().to_string(),
            start: iso(year, month, day)?,
            end: iso(year, end_month, num("d2")?)?,
        });
    }
    let c = PLACE_LINE.captures(line.trim())?;
    let place = c.name("place")?.as_str().trim().to_string();
    let dates = c.name("dates")?.as_str();
    let mut days = Vec::new();
    let mut months = Vec::new();
    let mut year = None;
    for t in DATE_TOKEN.captures_iter(dates) {
        if let Some(y) = t.name("year") {
            year = y.as_str().parse::<u32>().ok();
        } else if let Some(d) = t.name("day") {
            let d: u32 = d.as_str().parse().ok()?;
            if d <= 31 {
                days.push((d, months.len()));
            }
        } else if let Some(m) = t.name("month") {
            if let Some(m) = month_number(m.as_str()) {
                months.push(m);
            }
        }
    }
    let year = year?;
    let (&(first_day, _), &(last_day, _)) = (days.first()?, days.last()?);
    let first_month = *months.first()?;
    let last_month = *months.last()?;
    // A day written before any month belongs to the first month named.
    let start = iso(year, first_month, first_day)?;
    let end = iso(year, last_month, last_day)?;
    Some(PlaceAndDates { place, start, end })
}

static AGENDA_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    // One item (`2`, `2 b)`, `2 (b)`), or a list of them (`13 and 117`,
    // `138, 139 et 140`).
    let one = r"[0-9]{1,3}(?:\s*(?:[a-z]\)|\([a-z]\)))?";
    let list = |name: &str| format!(r"(?P<{name}>{one}(?:(?:\s*,\s*|\s+(?:and|et|y|и)\s+){one})*)");
    Regex::new(&format!(
        r"^(?:(?:Points?\s+{item}\s+de\s+l['’]ordre\s+du\s+jour)|(?:(?:Agenda\s+)?[Ii]tems?\s+{item2}\s+of\s+the\s+(?:provisional\s+|preliminary\s+)?(?:agenda|list))|(?:Temas?\s+{item3}\s+del\s+programa)|(?:Пункты?\s+{item4}\s+(?:предварительной\s+)?повестки\s+дня)|(?:البند\s+{item5}\s+من\s+جدول\s+الأعمال)|(?:Agenda\s+items?\s+{item6})|(?:(?:临时)?议程项目\s*{item7}))[^*]*(?P<star>\*+)?\s*$",
        item = list("item"),
        item2 = list("item2"),
        item3 = list("item3"),
        item4 = list("item4"),
        item6 = list("item6"),
        item7 = r"(?P<item7>[0-9]{1,3}(?:\([a-z]\))?)",
        item5 = r"(?P<item5>[0-9]{1,3}(?:\s*\([\p{Arabic}]\))?)",
    ))
    .expect("valid regex")
});

/// The item of a line like `Point 2 b) de l'ordre du jour provisoire*` or
/// `Item 2 (b) of the provisional agenda*`, and whether it carries a footnote star.
pub fn parse_agenda_item_line(line: &str) -> Option<(String, bool)> {
    if !line
        .trim_start()
        .starts_with(['P', 'I', 'i', 'A', 'T', 'П', 'ا', '临', '议'])
    {
        return None;
    }
    let c = AGENDA_ITEM.captures(line.trim())?;
    let item = ["item", "item2", "item3", "item4", "item5", "item6", "item7"]
        .iter()
        .find_map(|n| c.name(n))?;
    let item = item
        .as_str()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some((item, c.name("star").is_some()))
}

/// The title printed after the item on the same line, when a conversion
/// put them together (`Agenda item 13 Integrated and coordinated …`).
pub fn agenda_item_title_on_line(line: &str) -> Option<String> {
    let c = AGENDA_ITEM.captures(line.trim())?;
    let item = c.name("item6")?;
    let rest = line.trim()[item.end()..]
        .trim()
        .trim_end_matches('*')
        .trim();
    (rest.split_whitespace().count() >= 2 && rest.starts_with(char::is_alphabetic))
        .then(|| rest.to_string())
}

/// The language of a text guessed from its script and common words, when the
/// masthead does not say.
pub fn detect_language(text: &str) -> Option<&'static str> {
    // One pass over the first 20 000 characters: scripts, and common words.
    let (mut cyr, mut cjk, mut arabic, mut latin) = (0usize, 0usize, 0usize, 0usize);
    let mut common = CommonWords::default();
    let mut word: Option<(usize, bool)> = None; // start, all ASCII so far
    let mut end = text.len();
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n == 20_000 {
            end = i;
            break;
        }
        // Latin-1 and Latin Extended letters (é, à, ñ, œ) answered without
        // the Unicode tables: all alphabetic but × and ÷.
        let alphabetic = match c {
            '\u{C0}'..='\u{24F}' => c != '\u{D7}' && c != '\u{F7}',
            _ => c.is_alphabetic(),
        };
        match c {
            '\u{0400}'..='\u{04FF}' => cyr += 1,
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => cjk += 1,
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => arabic += 1,
            _ if alphabetic => latin += 1,
            _ => {}
        }
        if alphabetic {
            let (start, ascii) = word.unwrap_or((i, true));
            word = Some((start, ascii && c.is_ascii()));
        } else if let Some((start, ascii)) = word.take() {
            common.count(&text[start..i], ascii);
        }
    }
    if let Some((start, ascii)) = word {
        common.count(&text[start..end], ascii);
    }
    let max = cyr.max(cjk).max(arabic).max(latin);
    if max < 20 {
        return None;
    }
    if max == cyr {
        return Some("ru");
    }
    if max == cjk {
        return Some("zh");
    }
    if max == arabic {
        return Some("ar");
    }
    let CommonWords { fr, en, es } = common;
    let best = fr.max(en).max(es);
    if best < 3 {
        None
    } else if best == fr {
        Some("fr")
    } else if best == en {
        Some("en")
    } else {
        Some("es")
    }
}

/// Counts of the commonest short words of French, English and Spanish.
#[derive(Default)]
struct CommonWords {
    fr: usize,
    en: usize,
    es: usize,
}

impl CommonWords {
    /// Counts `word` (a run of letters) if it is one of them; they are all
    /// ASCII and at most four letters long.
    fn count(&mut self, word: &str, ascii: bool) {
        if !ascii || word.len() > 4 {
            return;
        }
        let mut lower = [0u8; 4];
        for (l, b) in lower.iter_mut().zip(word.bytes()) {
            *l = b.to_ascii_lowercase();
        }
        match &lower[..word.len()] {
            b"le" | b"les" | b"des" | b"du" | b"et" | b"une" | b"est" | b"dans" | b"sur"
            | b"au" => self.fr += 1,
            b"the" | b"of" | b"and" | b"to" | b"in" | b"is" | b"that" | b"for" | b"on" => {
                self.en += 1
            }
            b"el" | b"los" | b"las" | b"del" | b"y" | b"por" | b"con" | b"una" | b"su" => {
                self.es += 1
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            parse_date_line("21 juin 2012").as_deref(),
            Some("2012-06-21")
        );
        assert_eq!(
            parse_date_line("1er juin 2012").as_deref(),
            Some("2012-06-01")
        );
        assert_eq!(
            parse_date_line("18 July 2018").as_deref(),
            Some("2018-07-18")
        );
        assert_eq!(
            parse_date_line("5 mars 2009").as_deref(),
            Some("2009-03-05")
        );
        assert_eq!(
            parse_date_line("1er novembre 2018").as_deref(),
            Some("2018-11-01")
        );
        assert_eq!(
            parse_date_line("20 de septiembre de 2012").as_deref(),
            Some("2012-09-20")
        );
        assert_eq!(
            parse_date_line("2012年11月26日").as_deref(),
            Some("2012-11-26")
        );
        assert_eq!(
            parse_date_line("20 сентября 2012 года").as_deref(),
            Some("2012-09-20")
        );
        assert_eq!(parse_date_line("31 février 2012"), None);
        assert_eq!(parse_date_line("Vienne, 15-19 octobre 2012"), None);
    }

    #[test]
    fn languages() {
        assert_eq!(parse_original_line("Original: anglais"), Some("en"));
        assert_eq!(parse_original_line("Original : anglais"), Some("en"));
        assert_eq!(parse_original_line("Original\u{a0}: anglais"), Some("en"));
        assert_eq!(parse_original_line("Original: English"), Some("en"));
        assert_eq!(parse_original_line("ORIGINAL: ESPAÑOL"), Some("es"));
        assert_eq!(parse_original_line("Original: inglés"), Some("en"));
        assert_eq!(parse_language_line("Français"), Some("fr"));
        assert_eq!(parse_language_line("Russian"), Some("ru"));
        assert_eq!(parse_language_line("Note du Secrétariat"), None);
    }

    #[test]
    fn sessions() {
        assert_eq!(parse_session_line("Sixième session"), Some(6));
        assert_eq!(parse_session_line("Neuvième session"), Some(9));
        assert_eq!(parse_session_line("Ninth session"), Some(9));
        assert_eq!(parse_session_line("Quarante-neuvième session"), Some(49));
        assert_eq!(parse_session_line("Vingt et unième session"), Some(21));
        assert_eq!(parse_session_line("Eightieth session"), Some(80));
        assert_eq!(parse_session_line("Twenty-first session"), Some(21));
        assert_eq!(parse_session_line("Sexto período de sesiones"), Some(6));
        assert_eq!(parse_session_line("19º período de sesiones"), Some(19));
        assert_eq!(parse_session_line("Шестая сессия"), Some(6));
        assert_eq!(parse_session_line("6th session"), Some(6));
        assert_eq!(parse_session_line("第四届会议"), Some(4));
        assert_eq!(parse_session_line("第五十五届会议"), Some(55));
        assert_eq!(parse_session_line("第十届会议"), Some(10));
        assert_eq!(parse_session_line("第十二届会议"), Some(12));
        assert_eq!(parse_session_line("الدورة التاسعة"), Some(9));
        assert_eq!(
            parse_session_line("Groupe de travail sur la traite des personnes"),
            None
        );
        assert_eq!(parse_session_line("Cette session"), None);
        assert_eq!(parse_session_line("Тридцать четвертая сессия"), Some(34));
        assert_eq!(parse_session_line("Восьмидесятая сессия"), Some(80));
        assert_eq!(
            parse_session_line("Septuagésimo noveno período de sesiones"),
            Some(79)
        );
        assert_eq!(
            parse_session_line("Octogésimo período de sesiones"),
            Some(80)
        );
        // The body's name before it, on one line.
        assert_eq!(
            parse_session_line(
                "Совет по правам человека Рабочая группа по универсальному периодическому обзору Тридцать четвертая сессия"
            ),
            Some(34)
        );
        assert_eq!(
            parse_session_line("Human Rights Council Fifty-ninth session"),
            Some(59)
        );
    }

    #[test]
    fn places() {
        let p = parse_place_line("Vienne, 15-19 octobre 2012").expect("place");
        assert_eq!(
            (p.place.as_str(), p.start.as_str(), p.end.as_str()),
            ("Vienne", "2012-10-15", "2012-10-19")
        );
        let p = parse_place_line("Vienne, 14 et 15 avril 2009").expect("place");
        assert_eq!(
            (p.start.as_str(), p.end.as_str()),
            ("2009-04-14", "2009-04-15")
        );
        let p = parse_place_line("Vienna, 2 and 3 May 2018").expect("place");
        assert_eq!(
            (p.start.as_str(), p.end.as_str()),
            ("2018-05-02", "2018-05-03")
        );
        let p = parse_place_line("Vienne, 1er-5 juin 2015").expect("place");
        assert_eq!(
            (p.start.as_str(), p.end.as_str()),
            ("2015-06-01", "2015-06-05")
        );
        let p = parse_place_line("Vienne, 30 mai-1er juin 2012").expect("place");
        assert_eq!(
            (p.start.as_str(), p.end.as_str()),
            ("2012-05-30", "2012-06-01")
        );
        let p = parse_place_line("Viena, 15 a 19 de octubre de 2012").expect("place");
        assert_eq!((p.place.as_str(), p.end.as_str()), ("Viena", "2012-10-19"));
        assert_eq!(
            parse_place_line("Dans sa décision 4/4, la Conférence a décidé en 2012"),
            None
        );
    }

    #[test]
    fn agenda_item_lines() {
        assert_eq!(
            parse_agenda_item_line("Point 2 b) de l'ordre du jour provisoire*"),
            Some(("2 b)".to_string(), true))
        );
        assert_eq!(
            parse_agenda_item_line("Item 2 (b) of the provisional agenda*"),
            Some(("2 (b)".to_string(), true))
        );
        assert_eq!(
            parse_agenda_item_line("Tema 2 b) del programa provisional*"),
            Some(("2 b)".to_string(), true))
        );
        assert_eq!(
            parse_agenda_item_line("Agenda item 89"),
            Some(("89".to_string(), false))
        );
        assert_eq!(
            parse_agenda_item_line("Пункт 2 предварительной повестки дня*"),
            Some(("2".to_string(), true))
        );
        assert_eq!(
            parse_agenda_item_line("البند 2 (ب) من جدول الأعمال المؤقت*"),
            Some(("2 (ب)".to_string(), true))
        );
        assert_eq!(
            parse_agenda_item_line("临时议程项目2(a)*"),
            Some(("2(a)".to_string(), true))
        );
        assert_eq!(parse_agenda_item_line("Ordre du jour provisoire"), None);
        // Several items, in the languages that print them so.
        for (line, item) in [
            ("Agenda items 13 and 117", "13 and 117"),
            ("Items 138 and 139 of the preliminary list**", "138 and 139"),
            ("Points 13 et 75 de l'ordre du jour", "13 et 75"),
            ("Temas 13 y 75 del programa", "13 y 75"),
            ("Пункты 13 и 75 повестки дня", "13 и 75"),
            ("Agenda items 20, 21 and 22 (a)", "20, 21 and 22 (a)"),
        ] {
            assert_eq!(
                parse_agenda_item_line(line).map(|(i, _)| i).as_deref(),
                Some(item),
                "{line}"
            );
        }
    }

    #[test]
    fn language_detection() {
        assert_eq!(
            detect_language(
                "Dans sa décision, la Conférence a décidé que le groupe de travail et les États"
            ),
            Some("fr")
        );
        assert_eq!(
            detect_language(
                "In its decision, the Conference decided that the working group of the States and"
            ),
            Some("en")
        );
        assert_eq!(
            detect_language("Конференция участников Конвенции Организации Объединенных Наций"),
            Some("ru")
        );
        assert_eq!(detect_language("x"), None);
    }

    /// The plain two-pass guess the one-pass `detect_language` must agree with.
    fn plain_guess(text: &str) -> Option<&'static str> {
        let sample: String = text.chars().take(20_000).collect();
        let (mut cyr, mut cjk, mut arabic, mut latin) = (0, 0, 0, 0);
        for c in sample.chars() {
            match c {
                '\u{0400}'..='\u{04FF}' => cyr += 1,
                '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => cjk += 1,
                '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => arabic += 1,
                c if c.is_alphabetic() => latin += 1,
                _ => {}
            }
        }
        let max = cyr.max(cjk).max(arabic).max(latin);
        if max < 20 {
            return None;
        }
        if max == cyr {
            return Some("ru");
        }
        if max == cjk {
            return Some("zh");
        }
        if max == arabic {
            return Some("ar");
        }
        let (mut fr, mut en, mut es) = (0, 0, 0);
        for w in sample.split(|c: char| !c.is_alphabetic()) {
            match w.to_lowercase().as_str() {
                "le" | "les" | "des" | "du" | "et" | "une" | "est" | "dans" | "sur" | "au" => {
                    fr += 1
                }
                "the" | "of" | "and" | "to" | "in" | "is" | "that" | "for" | "on" => en += 1,
                "el" | "los" | "las" | "del" | "y" | "por" | "con" | "una" | "su" => es += 1,
                _ => {}
            }
        }
        let best = fr.max(en).max(es);
        if best < 3 {
            None
        } else if best == fr {
            Some("fr")
        } else if best == en {
            Some("en")
        } else {
            Some("es")
        }
    }

    proptest::proptest! {
        #[test]
        fn one_pass_guess_agrees_with_the_plain_one(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("Le".to_string()),
                    proptest::strategy::Just("THE".to_string()),
                    proptest::strategy::Just("del".to_string()),
                    proptest::strategy::Just("сессия".to_string()),
                    proptest::strategy::Just("会议".to_string()),
                    proptest::strategy::Just("الدورة".to_string()),
                    "[a-zA-Zéà×÷\u{c0}-\u{24f}]{1,6}",
                    proptest::prelude::any::<String>(),
                ],
                0..80,
            ),
            sep in "[ ,.'\\n-]{1,2}",
        ) {
            let text = words.join(&sep);
            proptest::prop_assert_eq!(detect_language(&text), plain_guess(&text), "{:?}", text);
        }
    }
}
