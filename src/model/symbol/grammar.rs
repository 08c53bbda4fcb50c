//! The grammar: a symbol's text cut into components, each read as a word,
//! a number or a session, then the parts found among them (body, session,
//! type component, country, number, modifiers) and the canonical spelling
//! written.

use super::{Kind, Modifier, Session, Symbol, is_known_series};
use std::fmt::Write as _;

/// Longest text read as one symbol (the longest real ones are under 60 bytes).
const MAX_LEN: usize = 160;

/// The symbol written in `written`, or `None`: see [`Symbol::parse`].
pub(super) fn read(written: &str) -> Option<Symbol> {
    let written = written.trim().trim_end_matches('*').trim_end();
    if written.is_empty() || written.len() > MAX_LEN {
        return None;
    }
    let components: Vec<&str> = written.split('/').collect();
    // A part letter after a space (`A/RES/35/142 B`) ends the number, which
    // only modifiers follow.
    let number_at = components
        .iter()
        .rposition(|c| !is_modifier(c))
        .unwrap_or(0);
    let pieces = components
        .iter()
        .enumerate()
        .map(|(i, c)| compact(c, i == number_at))
        .collect::<Option<Vec<String>>>()?;
    let tokens = pieces
        .iter()
        .map(|p| Token::read(p))
        .collect::<Option<Vec<Token>>>()?;
    build(&tokens)
}

/// True when `component` is a modifier (`Rev.1`, `add. 2`, `Summary`).
fn is_modifier(component: &str) -> bool {
    compact(component, false).is_some_and(|c| read_word(&c).is_some_and(|w| w.modifier().is_some()))
}

/// One component with the whitespace PDFs and catalogues put inside it
/// removed (`SER . A`, `1325 (2000)`, and in the number's component,
/// `number`, `142 B`);
/// `None` when empty, for other inner whitespace, or for characters no
/// symbol holds.
fn compact(component: &str, number: bool) -> Option<String> {
    let component = component.trim();
    let mut out = String::with_capacity(component.len());
    let mut chars = component.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            let prev = out.chars().next_back()?;
            let next = *chars.peek()?;
            let after = chars.clone().nth(1);
            let punctuation = matches!(prev, '.' | '(') || matches!(next, '.' | '(' | ')');
            // `A/RES/35/142 B`: a resolution's part letter.
            let part_letter = number
                && prev.is_ascii_digit()
                && next.is_ascii_alphabetic()
                && after.is_none_or(|a| a.is_whitespace() || a == '(');
            if !(punctuation || part_letter) {
                return None;
            }
            continue;
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '.' | '(' | ')' | '-')) {
            return None;
        }
        out.push(c);
    }
    (!out.is_empty()).then_some(out)
}

/// One component of a symbol, read.
enum Token<'a> {
    /// Letters, with dotted parts and a parenthesis: `CN.15`, `WG.II(8)`,
    /// `OzL.Pro.27`, `L.21`, `Add.1`, `COP(16)`.
    Word(Word<'a>),
    /// A number: `476`, `142B`, `6-7`, `1325(2000)`.
    Number(Number<'a>),
    /// A special or emergency special session: `S-27`, `ES-10`.
    Session(Session),
}

struct Word<'a> {
    /// As written (compacted).
    written: &'a str,
    /// The dotted parts: `["OzL", "Pro", "27"]`.
    parts: Vec<&'a str>,
    paren: Option<&'a str>,
}

struct Number<'a> {
    /// Digits, a range (`6-7`) and a part letter (`142B`).
    core: &'a str,
    paren: Option<&'a str>,
}

impl<'a> Token<'a> {
    fn read(piece: &'a str) -> Option<Token<'a>> {
        if piece.starts_with(|c: char| c.is_ascii_digit()) {
            return read_number(piece).map(Token::Number);
        }
        if let Some(session) = read_session(piece) {
            return Some(Token::Session(session));
        }
        read_word(piece).map(Token::Word)
    }

    fn word(&self) -> Option<&Word<'a>> {
        match self {
            Token::Word(w) => Some(w),
            _ => None,
        }
    }

    /// The canonical spelling of the component, in a symbol of `series`.
    fn write_canonical(&self, out: &mut String, series: &str) {
        match self {
            Token::Word(w) => w.write_canonical(out, series),
            Token::Number(n) => {
                out.push_str(&n.core.to_ascii_uppercase());
                write_paren(out, n.paren);
            }
            // Writing to a String cannot fail.
            Token::Session(s) => _ = write!(out, "{s}"),
        }
    }
}

/// `S-27` or `ES-10`, any case.
fn read_session(piece: &str) -> Option<Session> {
    let (special, digits) = piece.split_once('-')?;
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = digits.parse().ok()?;
    if special.eq_ignore_ascii_case("S") {
        Some(Session::Special(n))
    } else if special.eq_ignore_ascii_case("ES") {
        Some(Session::EmergencySpecial(n))
    } else {
        None
    }
}

fn read_number(piece: &str) -> Option<Number<'_>> {
    let (core, paren) = split_paren(piece)?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit());
    let numbers = core.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let letters = core.len() - numbers.len();
    let valid = match numbers.split_once('-') {
        Some((from, to)) => digits(from) && digits(to) && letters == 0,
        None => digits(numbers) && letters <= 1,
    };
    let paren_valid = paren.is_none_or(|p| is_year(p) || is_roman_session(p));
    (valid && paren_valid).then_some(Number { core, paren })
}

fn read_word(piece: &str) -> Option<Word<'_>> {
    let (core, paren) = split_paren(piece)?;
    let parts: Vec<&str> = core.split('.').collect();
    let (first, rest) = parts.split_first()?;
    let first_ok =
        (1..=16).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic());
    let rest_ok = rest
        .iter()
        .all(|p| (1..=16).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    let paren_ok = paren.is_none_or(|p| is_short_number(p) || is_roman_session(p));
    (first_ok && rest_ok && paren_ok).then_some(Word {
        written: piece,
        parts,
        paren,
    })
}

/// `piece` cut before a closing parenthesis at its end, with what the
/// parenthesis holds; `None` for parentheses anywhere else.
fn split_paren(piece: &str) -> Option<(&str, Option<&str>)> {
    match piece.strip_suffix(')') {
        None => (!piece.contains(['(', ')'])).then_some((piece, None)),
        Some(inner) => {
            let (core, held) = inner.split_once('(')?;
            let clean = !core.is_empty() && !held.is_empty() && !held.contains(['(', ')']);
            (clean && !core.contains(')')).then_some((core, Some(held)))
        }
    }
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_short_number(s: &str) -> bool {
    (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// `XVI`, `S-VII`: a session in Roman numerals (never `C`, which in a
/// parenthesis is a job number's language letter).
fn is_roman_session(s: &str) -> bool {
    let roman = s
        .strip_prefix("S-")
        .or_else(|| s.strip_prefix("s-"))
        .unwrap_or(s);
    is_roman(roman)
}

fn is_roman(s: &str) -> bool {
    (1..=8).contains(&s.len()) && s.bytes().all(|b| b"IVXLivxl".contains(&b))
}

fn write_paren(out: &mut String, paren: Option<&str>) {
    if let Some(p) = paren {
        out.push('(');
        out.push_str(&p.to_ascii_uppercase());
        out.push(')');
    }
}

/// Words the UN writes in mixed case: in capitals, as written, the series
/// they are limited to (empty: any), and whether only before a number.
const HOUSE_CASE: &[(&str, &str, &str, bool)] = &[
    ("ADD", "Add", "", true),
    ("REV", "Rev", "", true),
    ("CORR", "Corr", "", true),
    ("AMEND", "Amend", "", true),
    ("SUMMARY", "Summary", "", false),
    ("SUB", "Sub", "", true),
    ("RES", "Res", "", true),
    ("DEC", "Dec", "", true),
    ("INF", "Inf", "TD", true),
    ("OZL", "OzL", "UNEP", false),
    ("PRO", "Pro", "UNEP", false),
    ("CONV", "Conv", "UNEP", false),
];

/// The mixed-case spelling of `word` (any case) in a symbol of `series`,
/// `numbered` when a number follows it after a dot.
fn house_case(word: &str, numbered: bool, series: &str) -> Option<&'static str> {
    HOUSE_CASE
        .iter()
        .find(|(upper, _, only_in, needs_number)| {
            upper.eq_ignore_ascii_case(word)
                && (only_in.is_empty() || *only_in == series)
                && (numbered || !needs_number)
        })
        .map(|(_, written, _, _)| *written)
}

impl Word<'_> {
    fn write_canonical(&self, out: &mut String, series: &str) {
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                out.push('.');
            }
            let numbered = self.parts.get(i + 1).is_some_and(|p| is_digits(p));
            match house_case(part, numbered, series) {
                Some(written) => out.push_str(written),
                None => out.push_str(&part.to_ascii_uppercase()),
            }
        }
        write_paren(out, self.paren);
    }

    /// True for a word with a single part and no parenthesis equal to `name`.
    fn is(&self, name: &str) -> bool {
        self.parts.len() == 1 && self.paren.is_none() && self.parts[0].eq_ignore_ascii_case(name)
    }

    /// `(WORD, n)` for a word `WORD.n` with a number `n`.
    fn numbered(&self) -> Option<(String, &str)> {
        match self.parts.as_slice() {
            [word, n] if self.paren.is_none() && is_digits(n) => {
                Some((word.to_ascii_uppercase(), n))
            }
            _ => None,
        }
    }

    fn modifier(&self) -> Option<Modifier> {
        if self.is("SUMMARY") {
            return Some(Modifier::Summary);
        }
        let (word, n) = self.numbered()?;
        let n = n.parse().ok()?;
        match word.as_str() {
            "REV" => Some(Modifier::Revision(n)),
            "ADD" => Some(Modifier::Addendum(n)),
            "CORR" => Some(Modifier::Corrigendum(n)),
            "AMEND" => Some(Modifier::Amendment(n)),
            _ => None,
        }
    }

    /// The type of a numbered type component (`L.21`, `PV.85`, `Res.3`).
    fn numbered_kind(&self) -> Option<Kind> {
        let (word, _) = self.numbered()?;
        Some(match word.as_str() {
            "L" => Kind::Limited,
            "CRP" => Kind::ConferenceRoomPaper,
            "INF" => Kind::Information,
            "PV" => Kind::VerbatimRecord,
            "SR" => Kind::SummaryRecord,
            "WP" => Kind::WorkingPaper,
            "R" => Kind::Restricted,
            "RES" => Kind::Resolution,
            "DEC" => Kind::Decision,
            "MISC" => Kind::Miscellaneous,
            _ => return None,
        })
    }

    /// The type of a type component standing alone (`RES`, `PRST`, and in a
    /// treaty body's symbol `GC`, `CO`).
    fn bare_kind(&self, treaty_body: bool) -> Option<Kind> {
        let kinds = [
            ("RES", Kind::Resolution),
            ("DEC", Kind::Decision),
            ("PRST", Kind::PresidentialStatement),
            ("INF", Kind::Information),
            ("NGO", Kind::NgoStatement),
            ("PET", Kind::Petition),
        ];
        let treaty_kinds = [
            ("GC", Kind::GeneralComment),
            ("CO", Kind::ConcludingObservations),
        ];
        let found = kinds.iter().find(|(name, _)| self.is(name));
        let found = found.or_else(|| {
            treaty_kinds
                .iter()
                .find(|(name, _)| treaty_body && self.is(name))
        });
        found.map(|(_, kind)| *kind)
    }

    /// A committee: `C` or `C.n` (`CRC/C`, `E/C.12`, `A/C.3`).
    fn is_committee(&self) -> bool {
        self.paren.is_none()
            && match self.parts.as_slice() {
                [c] => c.eq_ignore_ascii_case("C"),
                [c, n] => c.eq_ignore_ascii_case("C") && is_digits(n),
                _ => false,
            }
    }

    /// Three letters standing alone: a country code where one is expected.
    fn is_country(&self) -> bool {
        self.parts.len() == 1 && self.paren.is_none() && self.parts[0].len() == 3
    }

    fn is_roman(&self) -> bool {
        self.parts.len() == 1 && self.paren.is_none() && is_roman(self.parts[0])
    }

    /// True when the word may open a symbol: its letters in capitals or a
    /// known series, a dotted series (`IDB.49`) of two letters or more
    /// (never `P.12`, `E.98`), and no type component or modifier.
    fn opens_symbol(&self) -> bool {
        let letters = self.parts[0];
        let capitals = self
            .written
            .bytes()
            .all(|b| !b.is_ascii_alphabetic() || b.is_ascii_uppercase());
        (capitals || is_known_series(letters))
            && (self.parts.len() == 1 || letters.len() >= 2)
            && self.bare_kind(true).is_none()
            && self.numbered_kind().is_none()
            && self.modifier().is_none()
    }

    /// True when the word may stand before the last component: never a
    /// modifier, nor a numbered type component but a working party's or a
    /// restricted series' (`ECE/TRANS/WP.29/2024/1`).
    fn may_stand_inside(&self) -> bool {
        let numbered = self.numbered_kind();
        self.modifier().is_none()
            && numbered.is_none_or(|k| matches!(k, Kind::WorkingPaper | Kind::Restricted))
    }

    /// The session a parenthesis in the body gives (`16` in `COP(16)`).
    fn paren_session(&self) -> Option<Session> {
        self.paren.and_then(session_in_paren)
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The session in a parenthesis: `(2000)`, `(16)`, `(XVI)`, `(S-VII)`.
fn session_in_paren(held: &str) -> Option<Session> {
    if is_digits(held) {
        return Some(number_session(held.parse().ok()?, held.len()));
    }
    is_roman_session(held).then(|| Session::Roman(held.to_ascii_uppercase()))
}

/// A session numbered `n`, written with `digits` digits: a year when four
/// and from the UN's time.
fn number_session(n: u32, digits: usize) -> Session {
    if digits == 4 && n >= 1945 {
        Session::Year(n)
    } else {
        Session::Number(n)
    }
}

/// The parts of a symbol found among its tokens, before spelling.
struct Reading {
    /// Tokens in the body (the first one included).
    body: usize,
    /// Tokens in the base (without the modifiers).
    base: usize,
    session: Option<Session>,
    kind: Kind,
    /// Index of the country code's token.
    country: Option<usize>,
    modifiers: Vec<Modifier>,
}

/// Reads the parts of the symbol made of `tokens`, then spells it.
fn build(tokens: &[Token]) -> Option<Symbol> {
    let root = tokens.first()?.word()?;
    if !root.opens_symbol() {
        return None;
    }
    let reading = read_parts(tokens)?;
    Some(spell(tokens, &reading, &root.parts[0].to_ascii_uppercase()))
}

fn read_parts(tokens: &[Token]) -> Option<Reading> {
    let (base, modifiers) = split_modifiers(tokens);
    let (last, middle) = tokens[..base].split_last()?;
    let inside_ok = middle
        .iter()
        .filter_map(Token::word)
        .all(Word::may_stand_inside);
    if middle.is_empty() || !inside_ok {
        return None;
    }
    let (last_kind, number_session) = read_number_component(last)?;
    let treaty_body = middle
        .get(1)
        .and_then(Token::word)
        .is_some_and(Word::is_committee);
    let body = body_length(middle, treaty_body);
    let tail = read_tail(middle, body, treaty_body)?;
    let body_session = || {
        middle[..body]
            .iter()
            .rev()
            .find_map(|t| t.word().and_then(Word::paren_session))
    };
    Some(Reading {
        body,
        base,
        session: tail.session.or(number_session).or_else(body_session),
        kind: last_kind.or(tail.kind).unwrap_or(Kind::Plain),
        country: tail.country,
        modifiers,
    })
}

/// How many tokens the base holds, and the modifiers after it (read from
/// the end, leaving at least a series and a number).
fn split_modifiers(tokens: &[Token]) -> (usize, Vec<Modifier>) {
    let mut base = tokens.len();
    let mut modifiers = Vec::new();
    while base > 2 {
        match tokens[base - 1].word().and_then(Word::modifier) {
            Some(m) => modifiers.push(m),
            None => break,
        }
        base -= 1;
    }
    modifiers.reverse();
    (base, modifiers)
}

/// The type and session the last component of the base gives: a number
/// (`476`, `1325(2000)`: a session) or a numbered type component (`L.21`).
fn read_number_component(last: &Token) -> Option<(Option<Kind>, Option<Session>)> {
    match last {
        Token::Number(n) => Some((None, n.paren.and_then(session_in_paren))),
        Token::Word(w) => Some((Some(w.numbered_kind()?), None)),
        Token::Session(_) => None,
    }
}

/// What stands between the body and the number.
struct Tail {
    session: Option<Session>,
    kind: Option<Kind>,
    /// Index of the country code's token.
    country: Option<usize>,
}

/// Reads the tokens of `middle` after the `body` ones: a type component
/// standing alone (one at most), a session (the first number, special
/// session or Roman numeral), a country code (three letters).
fn read_tail(middle: &[Token], body: usize, treaty_body: bool) -> Option<Tail> {
    let mut tail = Tail {
        session: None,
        kind: None,
        country: None,
    };
    for (i, token) in middle.iter().enumerate().skip(body) {
        let session = match token {
            Token::Word(w) => {
                if let Some(k) = w.bare_kind(treaty_body) {
                    if tail.kind.replace(k).is_some() {
                        return None;
                    }
                    None
                } else if w.is_roman() {
                    Some(Session::Roman(w.parts[0].to_ascii_uppercase()))
                } else {
                    if w.is_country() {
                        tail.country = tail.country.or(Some(i));
                    }
                    None
                }
            }
            Token::Number(n) => {
                let value = n.core.parse().ok();
                value.map(|v| number_session(v, n.core.len()))
            }
            Token::Session(s) => Some(s.clone()),
        };
        tail.session = tail.session.or(session);
    }
    Some(tail)
}

/// How many of the `middle` tokens (all but the number) name the body: the
/// leading words, up to a type component, a country code after a treaty
/// body's committee, a session or a number.
fn body_length(middle: &[Token], treaty_body: bool) -> usize {
    let mut body = 1.min(middle.len());
    while let Some(Token::Word(w)) = middle.get(body) {
        let country = treaty_body && body >= 2 && w.is_country();
        if w.bare_kind(treaty_body).is_some() || country {
            break;
        }
        body += 1;
    }
    body
}

/// The symbol of `tokens` read as `reading`, in its canonical spelling.
fn spell(tokens: &[Token], reading: &Reading, series: &str) -> Symbol {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(reading.base);
    for (i, token) in tokens[..reading.base].iter().enumerate() {
        if i > 0 {
            text.push('/');
        }
        starts.push(text.len());
        token.write_canonical(&mut text, series);
    }
    let base_end = text.len();
    for m in &reading.modifiers {
        // Writing to a String cannot fail.
        _ = write!(text, "/{m}");
    }
    let last_start = starts.last().copied().unwrap_or(0);
    let last = &text[last_start..base_end];
    let number = match last.find(['.', '(']) {
        Some(i) if last.as_bytes()[i] == b'.' => last_start + i + 1..base_end,
        Some(i) => last_start..last_start + i,
        None => last_start..base_end,
    };
    let body_end = starts.get(reading.body).map_or(base_end, |s| s - 1);
    let country = reading
        .country
        .and_then(|i| starts.get(i))
        .map(|&s| s..s + 3);
    Symbol {
        text,
        body_end,
        number,
        base_end,
        country,
        session: reading.session.clone(),
        kind: reading.kind,
        modifiers: reading.modifiers.clone(),
    }
}
