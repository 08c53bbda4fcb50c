//! The grammar: a symbol's text cut into components, each read as a word,
//! a number or a session, then the parts found among them (body, session,
//! type component, country, number, modifiers) and the canonical spelling
//! written. Every extracted citation goes through here, so reading
//! allocates little: the components borrow the text unless a space inside
//! one has to go.

use super::{Kind, Modifier, Session, Symbol, is_known_series};
use std::borrow::Cow;
use std::fmt::Write as _;

/// Longest text read as one symbol (the longest real ones are under 60 bytes).
const MAX_LEN: usize = 160;

/// The symbol written in `written`, or `None`: see [`Symbol::parse`].
pub(super) fn read(written: &str) -> Option<Symbol> {
    let written = written.trim().trim_end_matches('*').trim_end();
    if written.is_empty() || written.len() > MAX_LEN {
        return None;
    }
    let (text, spaced_letter) = compact(written)?;
    let mut tokens = Vec::with_capacity(8);
    for component in text.split('/') {
        tokens.push(Token::read(component)?);
    }
    let root = tokens.first()?.word()?;
    if !root.opens_symbol() {
        return None;
    }
    let reading = read_parts(&tokens)?;
    // A part letter after a space (`A/RES/35/142 B`) stands only in the number.
    if spaced_letter.is_some_and(|i| i != reading.base - 1) {
        return None;
    }
    Some(spell(&tokens, reading, root.first))
}

/// `written` with the whitespace PDFs and catalogues put inside a symbol
/// removed (around a slash or a dot, before a parenthesis: `SER . A`,
/// `1325 (2000)`, `E/CN.15/2008/ CRP.2`; before a part letter: `142 B`),
/// and the index of the component where a part letter followed a space;
/// `None` for other whitespace or for characters no symbol holds.
fn compact(written: &str) -> Option<(Cow<'_, str>, Option<usize>)> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '(' | ')' | '-');
    if written.chars().all(allowed) {
        return Some((Cow::Borrowed(written), None));
    }
    let mut out = String::with_capacity(written.len());
    let mut spaced_letter = None;
    let mut chars = written.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            let prev = out.chars().next_back()?;
            let next = *chars.peek()?;
            let after = chars.clone().nth(1);
            // `/Part A`, `(Part I)`: a part's letter or numeral follows its word.
            let part_word = out.len() >= 4 && out[out.len() - 4..].eq_ignore_ascii_case("part");
            let punctuation = matches!(prev, '/' | '.' | '(')
                || matches!(next, '/' | '.' | '(' | ')')
                || (part_word && next.is_ascii_alphabetic());
            // `A/RES/35/142 B`: a resolution's part letter.
            let part_letter = prev.is_ascii_digit()
                && next.is_ascii_alphabetic()
                && after.is_none_or(|a| a.is_whitespace() || matches!(a, '(' | '/'));
            if punctuation {
                continue;
            }
            if !part_letter || spaced_letter.is_some() {
                return None;
            }
            spaced_letter = Some(out.matches('/').count());
            continue;
        }
        if !allowed(c) {
            return None;
        }
        out.push(c);
    }
    Some((Cow::Owned(out), spaced_letter))
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

/// A component made of letters: dotted parts (`OzL.Pro.27`) and a parenthesis.
struct Word<'a> {
    /// The dotted parts, as written.
    core: &'a str,
    /// The first part (`OzL`).
    first: &'a str,
    /// What follows the first dot (`Pro.27`).
    rest: Option<&'a str>,
    paren: Option<&'a str>,
}

/// A component made of a number.
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
                push_upper(out, n.core);
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
    if digits.len() > 3 || !is_digits(digits) {
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
    let digits = |s: &str| s.len() <= 6 && is_digits(s);
    let numbers = core.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let letters = core.len() - numbers.len();
    let valid = match numbers.split_once('-') {
        Some((from, to)) => digits(from) && digits(to) && letters == 0,
        None => digits(numbers) && letters <= 1,
    };
    let paren_valid = paren.is_none_or(|p| is_year(p) || is_roman_session(p) || is_division(p));
    (valid && paren_valid).then_some(Number { core, paren })
}

fn read_word(piece: &str) -> Option<Word<'_>> {
    let (core, paren) = split_paren(piece)?;
    let (first, rest) = match core.split_once('.') {
        Some((first, rest)) => (first, Some(rest)),
        None => (core, None),
    };
    let short = |p: &str| (1..=16).contains(&p.len());
    let first_ok = short(first) && first.bytes().all(|b| b.is_ascii_alphabetic());
    let rest_ok = rest.is_none_or(|r| {
        r.split('.')
            .all(|p| short(p) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
    });
    let paren_ok = paren.is_none_or(|p| is_short_number(p) || is_roman_session(p));
    (first_ok && rest_ok && paren_ok).then_some(Word {
        core,
        first,
        rest,
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

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A division of a report in brackets after its number, as the budget and
/// the big reports write them: `Sect.10`, `Sect.29A`, `PartI`, `Vol.II`
/// (spaces taken out): `A/81/6 (Sect. 10)`, `A/80/5 (Vol. I)`.
fn is_division(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if let Some(n) = lower.strip_prefix("sect.") {
        let digits = n.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        return (1..=3).contains(&digits.len()) && is_digits(digits) && n.len() - digits.len() <= 1;
    }
    if let Some(n) = lower.strip_prefix("vol.") {
        return is_roman(n) || (n.len() <= 2 && is_digits(n));
    }
    lower.strip_prefix("part").is_some_and(is_roman)
}

/// The canonical spelling of a division: `Sect.10`, `Vol.II`, `PartI`.
fn write_division(out: &mut String, p: &str) {
    let lower = p.to_ascii_lowercase();
    for (word, written) in [("sect.", "Sect."), ("vol.", "Vol."), ("part", "Part")] {
        if let Some(rest) = lower.strip_prefix(word) {
            out.push_str(written);
            out.push_str(&rest.to_ascii_uppercase());
            return;
        }
    }
    out.push_str(p);
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && is_digits(s)
}

fn is_short_number(s: &str) -> bool {
    s.len() <= 4 && is_digits(s)
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

fn push_upper(out: &mut String, s: &str) {
    let start = out.len();
    out.push_str(s);
    if let Some(pushed) = out.get_mut(start..) {
        pushed.make_ascii_uppercase();
    }
}

fn write_paren(out: &mut String, paren: Option<&str>) {
    if let Some(p) = paren {
        out.push('(');
        if is_division(p) {
            write_division(out, p);
        } else {
            push_upper(out, p);
        }
        out.push(')');
    }
}

/// The mixed-case spelling of `word` (any case) in a symbol of `series`,
/// `numbered` when a number follows it after a dot: the words the UN
/// writes in mixed case, some only before a number, some only in one series.
fn house_case(word: &str, numbered: bool, series: &str) -> Option<&'static str> {
    let mut buffer = [0u8; 8];
    let upper = buffer.get_mut(..word.len())?;
    upper.copy_from_slice(word.as_bytes());
    upper.make_ascii_uppercase();
    let (written, only_in, needs_number) = match &*upper {
        b"ADD" => ("Add", "", true),
        b"REV" => ("Rev", "", true),
        b"CORR" => ("Corr", "", true),
        b"AMEND" => ("Amend", "", true),
        b"SUMMARY" => ("Summary", "", false),
        b"SUB" => ("Sub", "", true),
        b"RES" => ("Res", "", true),
        b"DEC" => ("Dec", "", true),
        b"INF" => ("Inf", "TD", true),
        b"OZL" => ("OzL", "UNEP", false),
        b"PRO" => ("Pro", "UNEP", false),
        b"CONV" => ("Conv", "UNEP", false),
        _ => return None,
    };
    let in_series = only_in.is_empty() || only_in.eq_ignore_ascii_case(series);
    (in_series && (numbered || !needs_number)).then_some(written)
}

/// A modifier of a given number (`Modifier::Revision`).
type NumberedModifier = fn(u32) -> Modifier;

/// Modifiers by their word.
const MODIFIERS: &[(&str, NumberedModifier)] = &[
    ("REV", Modifier::Revision),
    ("ADD", Modifier::Addendum),
    ("CORR", Modifier::Corrigendum),
    ("AMEND", Modifier::Amendment),
];

/// Type components written with their number (`L.21`).
const NUMBERED_KINDS: &[(&str, Kind)] = &[
    ("L", Kind::Limited),
    ("CRP", Kind::ConferenceRoomPaper),
    ("INF", Kind::Information),
    ("PV", Kind::VerbatimRecord),
    ("SR", Kind::SummaryRecord),
    ("WP", Kind::WorkingPaper),
    ("R", Kind::Restricted),
    ("RES", Kind::Resolution),
    ("DEC", Kind::Decision),
    ("MISC", Kind::Miscellaneous),
];

/// Type components standing alone (`RES/`).
const BARE_KINDS: &[(&str, Kind)] = &[
    ("RES", Kind::Resolution),
    ("DEC", Kind::Decision),
    ("PRST", Kind::PresidentialStatement),
    ("INF", Kind::Information),
    ("NGO", Kind::NgoStatement),
    ("PET", Kind::Petition),
];

/// Type components standing alone in a treaty body's symbol (`CCPR/C/GC/37`).
const TREATY_BODY_KINDS: &[(&str, Kind)] = &[
    ("GC", Kind::GeneralComment),
    ("CO", Kind::ConcludingObservations),
];

/// The value `table` gives `word` (any case).
fn look_up<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(word))
        .map(|&(_, value)| value)
}

impl Word<'_> {
    fn write_canonical(&self, out: &mut String, series: &str) {
        if self.rest.is_none() && self.first.bytes().all(|b| b.is_ascii_uppercase()) {
            // Capitals and a single part: as written (`RES`, `CTOC`), unless
            // a house-case word (`SUMMARY`).
            match house_case(self.first, false, series) {
                Some(written) => out.push_str(written),
                None => out.push_str(self.first),
            }
            write_paren(out, self.paren);
            return;
        }
        let mut parts = self.core.split('.').peekable();
        while let Some(part) = parts.next() {
            let numbered = parts.peek().is_some_and(|p| is_digits(p));
            match house_case(part, numbered, series) {
                Some(written) => out.push_str(written),
                None => push_upper(out, part),
            }
            if parts.peek().is_some() {
                out.push('.');
            }
        }
        write_paren(out, self.paren);
    }

    /// The word when it is a single part without a parenthesis (`RES`, `GBR`).
    fn single(&self) -> Option<&str> {
        (self.paren.is_none() && self.rest.is_none()).then_some(self.first)
    }

    /// `(WORD, n)` for a word `WORD.n` with a number `n`.
    fn numbered(&self) -> Option<(&str, &str)> {
        let n = self.rest?;
        (self.paren.is_none() && is_digits(n)).then_some((self.first, n))
    }

    fn modifier(&self) -> Option<Modifier> {
        if self
            .single()
            .is_some_and(|w| w.eq_ignore_ascii_case("SUMMARY"))
        {
            return Some(Modifier::Summary);
        }
        // `Part A` (spaces taken out): a part of a report issued in parts.
        if let Some(letter) = self.single().and_then(|w| {
            let (word, letter) = w.split_at_checked(4)?;
            let mut chars = letter.chars();
            let c = chars.next()?;
            (word.eq_ignore_ascii_case("part") && chars.next().is_none() && c.is_ascii_alphabetic())
                .then(|| c.to_ascii_uppercase())
        }) {
            return Some(Modifier::Part(letter));
        }
        let (word, n) = self.numbered()?;
        look_up(MODIFIERS, word).and_then(|m| Some(m(n.parse().ok()?)))
    }

    /// The type of a numbered type component (`L.21`, `PV.85`, `Res.3`).
    fn numbered_kind(&self) -> Option<Kind> {
        look_up(NUMBERED_KINDS, self.numbered()?.0)
    }

    /// The type of a type component standing alone (`RES`, `PRST`, and in a
    /// treaty body's symbol `GC`, `CO`).
    fn bare_kind(&self, treaty_body: bool) -> Option<Kind> {
        let word = self.single()?;
        look_up(BARE_KINDS, word).or_else(|| {
            treaty_body
                .then(|| look_up(TREATY_BODY_KINDS, word))
                .flatten()
        })
    }

    /// A committee: `C` or `C.n` (`CRC/C`, `E/C.12`, `A/C.3`).
    fn is_committee(&self) -> bool {
        self.paren.is_none()
            && self.first.eq_ignore_ascii_case("C")
            && self.rest.is_none_or(is_digits)
    }

    /// Three letters standing alone: a country code where one is expected.
    fn is_country(&self) -> bool {
        self.single().is_some_and(|w| w.len() == 3)
    }

    fn is_roman(&self) -> bool {
        self.single().is_some_and(is_roman)
    }

    /// True when the word may open a symbol: its letters in capitals or a
    /// known series, a dotted series (`IDB.49`) of two letters or more
    /// (never `P.12`, `E.98`), and no type component or modifier.
    fn opens_symbol(&self) -> bool {
        let capitals = !self.core.bytes().any(|b| b.is_ascii_lowercase());
        (capitals || is_known_series(self.first))
            && (self.rest.is_none() || self.first.len() >= 2)
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
                    Some(Session::Roman(w.core.to_ascii_uppercase()))
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

/// The symbol of `tokens` read as `reading`, in its canonical spelling
/// (`series` its first part, for the house case).
fn spell(tokens: &[Token], reading: Reading, series: &str) -> Symbol {
    let mut text = String::with_capacity(48);
    let (mut body_end, mut country, mut last_start) = (0, None, 0);
    for (i, token) in tokens[..reading.base].iter().enumerate() {
        if i == reading.body {
            body_end = text.len();
        }
        if i > 0 {
            text.push('/');
        }
        let start = text.len();
        token.write_canonical(&mut text, series);
        if reading.country == Some(i) {
            country = Some(start..start + 3);
        }
        last_start = start;
    }
    let base_end = text.len();
    for m in &reading.modifiers {
        // Writing to a String cannot fail.
        _ = write!(text, "/{m}");
    }
    let last = &text[last_start..base_end];
    let number = match last.find(['.', '(']) {
        Some(i) if last.as_bytes()[i] == b'.' => last_start + i + 1..base_end,
        Some(i) => last_start..last_start + i,
        None => last_start..base_end,
    };
    Symbol {
        text,
        body_end,
        number,
        base_end,
        country,
        session: reading.session,
        kind: reading.kind,
        modifiers: reading.modifiers,
    }
}
