//! Building a [`Document`] from its decoded text: front matter, masthead,
//! title, agenda, paragraphs, footnotes and references.

use crate::model::agenda;
use crate::model::document::{AgendaItemRef, Body, Document, Footnote, Metadata, Paragraph};
use crate::model::extract::{self, symbol};
use crate::model::lines::{LineIndex, PositionCursor};
use crate::model::masthead;
use crate::model::reference::{Reference, canonical_symbol};
use regex::Regex;
use std::path::PathBuf;
use std::sync::LazyLock;

/// How many lines from the top a masthead may reach.
const MASTHEAD_LINES: usize = 60;
/// A "title" longer than this is body text.
const MAX_TITLE_CHARS: usize = 600;

/// Builds the document `id` read from `path`, whose decoded text is `text`.
pub fn parse_document(id: String, path: PathBuf, text: String, encoding: &'static str) -> Document {
    // A front matter block is metadata: read, then kept out of the reading
    // text (and of its citations); the text as decoded keeps it.
    let front = front_matter(&text);
    let layout = is_layout(&path, &text);
    let (text, raw, pages) = reading_text(text, front.body_start);
    let lines = LineIndex::new(&text);
    let mut meta = if layout || has_fused_masthead(&text) {
        read_split_masthead(&text, layout)
    } else {
        read_masthead(&text, &lines, 0)
    };
    front.apply(&mut meta);
    // A file named as ODS names it (`A_RES_80_1-EN.pdf`) gives the symbol
    // and language its text does not state.
    if let Some((symbol, lang)) = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(crate::model::symbol::from_file_name)
    {
        meta.symbol.get_or_insert_with(|| symbol.to_string());
        if let Some(lang) = lang {
            meta.language.get_or_insert_with(|| lang.to_string());
        }
    }
    if meta.language.is_none() {
        meta.language = masthead::detect_language(&text).map(str::to_string);
    }
    let own_key = meta.symbol.as_ref().map(|s| format!("symbol:{s}"));
    // A document without a symbol is known by the body its masthead names
    // (a conference's document, whose decisions are the conference's).
    let own_body = match meta.symbol.as_deref() {
        Some(symbol) => crate::model::resolve::body_of(symbol),
        None => {
            crate::model::conference::of_head(&text).map(crate::model::resolve::Body::Conference)
        }
    };
    let mut cursor = PositionCursor::new(&lines, &text);
    let references = drain_shrinking(extract::extract_all(&text))
        .filter(|f| !is_running_head(&text, &lines, f, own_key.as_deref()))
        .map(|f| {
            let (line, column) = cursor.position(f.start);
            let span = &text[f.start..f.end];
            let (end_line, end_column) = if span.contains('\n') {
                lines.position(&text, f.end)
            } else {
                (line, column + span.chars().count())
            };
            let (key, cited_as) =
                resolved(f.kind, f.key, &text[..f.start], &text[f.end..], own_body);
            Reference {
                kind: f.kind,
                key,
                cited_as,
                line,
                column,
                end_line,
                end_column,
                start: f.start,
                end: f.end,
            }
        })
        .collect();
    let agenda = agenda::parse(&text, &lines);
    meta.doc_type =
        crate::model::doc_type::classify(meta.symbol.as_deref(), agenda.is_some(), &text, &lines);
    let paragraphs = paragraphs(&text, &lines);
    let footnotes = footnotes(&text, &lines);
    let words = count_words(&text);
    Document {
        id,
        path,
        text,
        raw,
        pages,
        lines,
        layout,
        encoding,
        meta,
        agenda,
        paragraphs,
        footnotes,
        references,
        words,
        caveats: Vec::new(),
        body: Body::Loaded,
    }
}

/// The key of a citation of `kind` keyed `key` (with `before` the text
/// before it): a resolution or decision resolved to its document's symbol
/// (then the key as cited comes second), else as it was.
fn resolved(
    kind: crate::model::RefKind,
    key: String,
    before: &str,
    after: &str,
    own: Option<crate::model::resolve::Body>,
) -> (String, Option<String>) {
    use crate::model::RefKind;
    if !matches!(kind, RefKind::Resolution | RefKind::Decision) {
        return (key, None);
    }
    let number = key.split_once(':').map_or("", |(_, n)| n);
    use crate::model::resolve::{Body, Resolved, dated_year, resolve_cited, session_fits_year};
    // "la décision 4/4 de la Conférence des Parties à la Convention …": the
    // conference named right after the number is the one whose it is,
    // whatever body was named before.
    let named_after = crate::model::conference::named_after(after)
        .and_then(|series| resolve_cited(kind, number, "", Some(Body::Conference(series))));
    match named_after.or_else(|| resolve_cited(kind, number, before, own)) {
        // A date that its body's session could not hold (`resolution 6/8 of
        // 1 March 2024`: not the Assembly's sixth session) leaves it unresolved.
        Some(Resolved::Symbol(symbol))
            if dated_year(after).is_some_and(|y| !session_fits_year(&symbol, y)) =>
        {
            (key, None)
        }
        Some(Resolved::Symbol(symbol)) => (format!("symbol:{symbol}"), Some(key)),
        Some(Resolved::Conference(qualified)) => (qualified, Some(key)),
        None => (key, None),
    }
}

/// The text the reader shows, and the text as decoded when they differ
/// (the front matter block before byte `body_start` left out, with the blank
/// lines after it; text printed on pages cleaned: see
/// [`crate::model::clean`]), with the byte offsets where its pages start.
fn reading_text(text: String, body_start: usize) -> (String, Option<String>, Vec<usize>) {
    let body = text
        .get(body_start..)
        .unwrap_or("")
        .trim_start_matches(['\n', '\r']);
    let body = if body_start == 0 { text.as_str() } else { body };
    match crate::model::clean::clean(body) {
        Some(c) => (c.text, Some(text), c.pages),
        None if body.len() == text.len() => (text, None, Vec::new()),
        None => (body.to_string(), Some(text), Vec::new()),
    }
}

/// True when the file at `path` holding `text` is a layout rendering
/// (markdown never is: its indentation is syntax).
fn is_layout(path: &std::path::Path, text: &str) -> bool {
    !crate::model::document::is_markdown_path(path) && crate::model::clean::is_layout(text)
}

/// Where a masthead line fused by a conversion is cut: before `Distr.`,
/// `Original:`, an agenda item line, a date; after a date and after
/// `session` (`Ninth session Agenda item 2 …`, `Генеральная Ассамблея
/// Distr.: General 14 August 2019 Russian Original: English`).
static MASTHEAD_CUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<before>\bDistr\.|\bOriginal\s*:|\bОригинал\s*:|\bПодлинный текст\s*:",
        r"|\b(?:Agenda\s+)?[Ii]tems?\s+[0-9]|\bPoints?\s+[0-9]|\bTemas?\s+[0-9]|\bПункты?\s+[0-9])",
        r"|(?P<date>\b[0-9]{1,2}(?:er)?(?:[–-][0-9]{1,2})?\s+\p{L}+\s+[0-9]{4}(?:\s+(?:года|г\.))?)",
        r"|(?P<after>\b(?:session|período de sesiones|periodo de sesiones|сессия)\b)",
    ))
    .expect("valid regex")
});

/// True when one of the first lines holds two masthead pieces or more (a
/// conversion put the masthead on one line).
fn has_fused_masthead(text: &str) -> bool {
    text.lines()
        .take(MASTHEAD_LINES)
        .any(|l| fused_pieces(l).is_some())
}

/// `line` cut into its masthead pieces (see [`MASTHEAD_CUT`]), when it is
/// a fused masthead line: two pieces or more, and not a sentence unless
/// one is `Distr.`, `Original:` or an agenda item (a place and its dates,
/// `Vienne, 14 et 15 avril 2009`, and a sentence naming a session and a
/// date are not).
fn fused_pieces(line: &str) -> Option<Vec<&str>> {
    if line.len() >= 400 {
        return None;
    }
    let found: Vec<_> = MASTHEAD_CUT.captures_iter(line).collect();
    // A sentence naming a session and a date is text, not a masthead.
    let sentence = line.trim_end().ends_with(['.', ';', ',']);
    if found.len() < 2 || (sentence && !found.iter().any(|c| c.name("before").is_some())) {
        return None;
    }
    let mut cuts = vec![0];
    for c in found {
        if let Some(m) = c.name("before").or_else(|| c.name("date")) {
            cuts.push(m.start());
        }
        // After a date or `session`, unless punctuation follows (`session: report`).
        if let Some(m) = c.name("date").or_else(|| c.name("after")) {
            if line[m.end()..].starts_with(char::is_whitespace) {
                cuts.push(m.end());
            }
        }
    }
    // The document's symbol among them (`United Nations A/RES/80/174 General
    // Assembly Distr.: General`): a piece of its own.
    let mut at = 0;
    for word in line.split(' ') {
        let symbol = word.trim_end_matches('*');
        if symbol.contains('/') && symbol::is_symbol(symbol) {
            cuts.push(at);
            cuts.push(at + word.len());
        }
        at += word.len() + 1;
    }
    cuts.push(line.len());
    cuts.sort_unstable();
    cuts.dedup();
    Some(
        cuts.windows(2)
            .map(|w| line[w[0]..w[1]].trim())
            .filter(|p| !p.is_empty())
            .collect(),
    )
}

/// The masthead read with each of its pieces on a line of its own: the
/// columns of a layout rendering (`United Nations      A/RES/80/174`), the
/// pieces of a line a conversion fused; the agenda item's line mapped back.
fn read_split_masthead(text: &str, layout: bool) -> Metadata {
    let mut split = String::new();
    let mut origin = Vec::new();
    for (n, l) in text.lines().take(4 * MASTHEAD_LINES).enumerate() {
        let columns: Vec<&str> = if layout {
            l.split("   ").collect()
        } else {
            vec![l]
        };
        let top = n < MASTHEAD_LINES;
        let mut pieces = columns
            .into_iter()
            .flat_map(|c| {
                top.then(|| fused_pieces(c))
                    .flatten()
                    .unwrap_or_else(|| vec![c])
            })
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .peekable();
        while let Some(piece) = pieces.next() {
            split.push_str(piece);
            // A number and its text stay one line (`80/174.      Title`).
            let numbering = piece.len() <= 10
                && piece.ends_with('.')
                && piece.starts_with(|c: char| c.is_ascii_digit());
            if numbering && pieces.peek().is_some() {
                split.push(' ');
                continue;
            }
            split.push('\n');
            origin.push(n + 1);
        }
        if l.trim().is_empty() {
            split.push('\n');
            origin.push(n + 1);
        }
    }
    let lines = LineIndex::new(&split);
    let mut meta = read_masthead(&split, &lines, 0);
    if let Some(item) = &mut meta.agenda_item {
        item.line = origin.get(item.line.wrapping_sub(1)).copied().unwrap_or(1);
    }
    meta
}

/// The items of `items` in order, its buffer shrunk as they are taken, so
/// that turning millions of them into something else (citations into
/// references) never holds both in full.
fn drain_shrinking<T>(mut items: Vec<T>) -> impl Iterator<Item = T> {
    const STEP: usize = 1 << 16;
    items.reverse();
    let mut taken = 0usize;
    std::iter::from_fn(move || {
        let item = items.pop()?;
        taken += 1;
        if taken % STEP == 0 && items.capacity() > 2 * items.len() + STEP {
            items.shrink_to_fit();
        }
        Some(item)
    })
}

/// The document's own symbol standing alone on a line (masthead or running
/// head) names the document itself; it cites nothing.
fn is_running_head(
    text: &str,
    lines: &LineIndex,
    found: &extract::Found,
    own: Option<&str>,
) -> bool {
    if own != Some(found.key.as_str()) {
        return false;
    }
    let line = lines.line(text, lines.line_of(found.start));
    line.trim().trim_end_matches('*').trim() == &text[found.start..found.end]
}

/// A document with its text and lines only: no metadata, agenda, paragraphs,
/// footnotes or references. For line-oriented work (`grep`) that must not pay
/// for extraction.
pub fn text_only_document(
    id: String,
    path: PathBuf,
    text: String,
    encoding: &'static str,
) -> Document {
    // The same reading text as a full parse, so that line numbers agree.
    let body_start = front_matter(&text).body_start;
    let (text, raw, pages) = reading_text(text, body_start);
    Document {
        raw,
        pages,
        ..plain_document(id, path, text, encoding)
    }
}

/// A document of `text` exactly as given (no cleaning, no extraction): the
/// raw view of a cleaned document.
pub fn plain_document(id: String, path: PathBuf, text: String, encoding: &'static str) -> Document {
    let layout = is_layout(&path, &text);
    Document {
        id,
        path,
        lines: LineIndex::new(&text),
        text,
        raw: None,
        pages: Vec::new(),
        layout,
        encoding,
        meta: Metadata::default(),
        agenda: None,
        paragraphs: Vec::new(),
        footnotes: Vec::new(),
        references: Vec::new(),
        words: 0,
        caveats: Vec::new(),
        body: Body::Loaded,
    }
}

/// Fields given by a front matter block (`---` … `---`) at the top of a file.
#[derive(Default)]
struct FrontMatter {
    /// Byte offset just past the closing `---` line (0: no front matter).
    body_start: usize,
    fields: Vec<(String, String)>,
}

impl FrontMatter {
    fn apply(self, meta: &mut Metadata) {
        for (key, value) in self.fields {
            let value = value.trim().trim_matches(['"', '\'']).to_string();
            if value.is_empty() {
                continue;
            }
            match key.as_str() {
                "symbol" => meta.symbol = Some(canonical_symbol(&value)),
                "title" => meta.title = Some(value),
                "date" => meta.date = Some(value),
                "language" | "lang" => meta.language = Some(language_code(&value)),
                "original_language" | "original" => {
                    meta.original_language = Some(language_code(&value));
                }
                "session" => meta.session = value.parse().ok().or(meta.session),
                "place" => meta.place = Some(value),
                _ => {}
            }
        }
    }
}

/// A language as a front matter writes it (`EN`, `fr`, `French`,
/// `français`) as its ISO code when it is one of the six, else as written.
fn language_code(value: &str) -> String {
    let v = value.trim().to_lowercase();
    let code = match v.as_str() {
        "en" | "english" | "anglais" | "inglés" | "ingles" => "en",
        "fr" | "french" | "français" | "francais" | "francés" => "fr",
        "es" | "spanish" | "espagnol" | "español" | "espanol" => "es",
        "ru" | "russian" | "russe" | "ruso" | "русский" => "ru",
        "zh" | "chinese" | "chinois" | "chino" | "中文" => "zh",
        "ar" | "arabic" | "arabe" | "árabe" | "العربية" => "ar",
        _ => return value.trim().to_string(),
    };
    code.to_string()
}

/// The front matter block at the very top of `text` (`---` … `---`, within
/// its first 100 lines), read from those lines only.
fn front_matter(text: &str) -> FrontMatter {
    let mut lines = text.split_inclusive('\n');
    let mut at = 0;
    match lines.next() {
        Some(first) if first.trim_end() == "---" => at += first.len(),
        _ => return FrontMatter::default(),
    }
    let mut fields = Vec::new();
    for l in lines.take(99) {
        at += l.len();
        if l.trim_end() == "---" {
            return FrontMatter {
                body_start: at,
                fields,
            };
        }
        if let Some((k, v)) = l.trim_end_matches(['\n', '\r']).split_once(':') {
            fields.push((k.trim().to_lowercase(), v.to_string()));
        }
    }
    FrontMatter::default()
}

static SYMBOL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:symbol|symbole|cote|signatura|document)\s*:\s*(\S.*)$")
        .expect("valid regex")
});
static AGENDA_FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\*\s+(\S+?)\.?$").expect("valid regex"));

/// Reads the masthead lines at the top of the document (after `skip` lines of
/// front matter) into metadata, and finds the title below them.
fn read_masthead(text: &str, lines: &LineIndex, skip: usize) -> Metadata {
    let mut meta = Metadata::default();
    let n = lines.len();
    let line = |i: usize| lines.line(text, i).trim();
    let mut last_masthead = 0;
    let mut agenda_star = false;
    let mut seen = 0;
    let mut i = skip + 1;
    while i <= n && seen < MASTHEAD_LINES {
        let l = line(i);
        i += 1;
        if l.is_empty() {
            continue;
        }
        seen += 1;
        let at = i - 1;
        if l.chars().count() > 300 {
            break; // body text: the masthead is over
        }
        if meta.date.is_none() {
            if let Some(d) = masthead::parse_date_line(l) {
                meta.date = Some(d);
                last_masthead = at;
                continue;
            }
        }
        if meta.original_language.is_none() {
            if let Some(o) = masthead::parse_original_line(l) {
                meta.original_language = Some(o.to_string());
                last_masthead = at;
                continue;
            }
        }
        if meta.language.is_none() {
            if let Some(lang) = masthead::parse_language_line(l) {
                meta.language = Some(lang.to_string());
                last_masthead = at;
                continue;
            }
        }
        if meta.session.is_none() {
            if let Some(s) = masthead::parse_session_line(l) {
                meta.session = Some(s);
                last_masthead = at;
                continue;
            }
        }
        if meta.place.is_none() {
            if let Some(p) = masthead::parse_place_line(l) {
                meta.place = Some(p.place);
                meta.meeting_start = Some(p.start);
                meta.meeting_end = Some(p.end);
                last_masthead = at;
                continue;
            }
        }
        if l.starts_with("Distr") {
            last_masthead = at;
            continue;
        }
        if meta.symbol.is_none() && !l.starts_with('*') {
            let candidate = SYMBOL_LABEL
                .captures(l)
                .and_then(|c| c.get(1))
                .map_or(l, |m| m.as_str())
                .trim_end_matches('*')
                .trim();
            if symbol::is_symbol(candidate) {
                meta.symbol = Some(canonical_symbol(candidate));
                last_masthead = at;
                continue;
            }
        }
        if meta.agenda_item.is_none() {
            if let Some((item, star)) = masthead::parse_agenda_item_line(l) {
                let (mut heading, mut end) = bold_heading(text, lines, at + 1);
                if heading.is_none() {
                    heading = masthead::agenda_item_title_on_line(l);
                    end = heading.as_ref().map(|_| at);
                }
                // Printed plain (a PDF), the item's title is the paragraph
                // after it; with several items, one paragraph each.
                if heading.is_none() {
                    if let Some((title, last)) = plain_item_title(text, lines, at + 1) {
                        heading = Some(title);
                        end = Some(last);
                        for _ in 1..item_count(&item) {
                            match plain_item_title(text, lines, last_of(end) + 1) {
                                Some((_, next)) => end = Some(next),
                                None => break,
                            }
                        }
                    }
                }
                let items = split_items(&item);
                meta.agenda_item = Some(AgendaItemRef {
                    item: items.first().cloned().unwrap_or_default(),
                    items,
                    title: heading,
                    agenda_symbol: None,
                    line: at,
                });
                agenda_star = star;
                last_masthead = end.unwrap_or(at);
                i = last_masthead + 1;
                continue;
            }
        }
    }
    if last_masthead > 0
        && (meta.date.is_some()
            || meta.session.is_some()
            || meta.agenda_item.is_some()
            || meta.place.is_some())
    {
        meta.title = title_after(text, lines, last_masthead);
    }
    // The UN's own title forms win over the paragraph after the masthead
    // (which is often the agenda item's heading).
    if let Some(t) = crate::model::title::un_title(text, lines) {
        meta.title = Some(t);
    }
    if meta.title.is_none() {
        meta.title = markdown_heading(text, lines);
    }
    // A document with no title of its own (a draft whose text follows its
    // sponsors at once) is known by its agenda item's.
    if meta.title.is_none() {
        meta.title = meta.agenda_item.as_ref().and_then(|a| a.title.clone());
    }
    if agenda_star {
        if let Some(item) = meta.agenda_item.as_mut() {
            item.agenda_symbol = (1..=n).rev().find_map(|j| {
                let c = AGENDA_FOOTNOTE.captures(line(j))?;
                let s = c.get(1)?.as_str();
                symbol::is_symbol(s).then(|| canonical_symbol(s))
            });
        }
    }
    meta
}

/// The bold heading (`**…**`, possibly over several lines) starting at or after
/// line `from`, and its last line.
fn bold_heading(text: &str, lines: &LineIndex, from: usize) -> (Option<String>, Option<usize>) {
    let Some(start) = (from..=lines.len()).find(|&j| !lines.line(text, j).trim().is_empty()) else {
        return (None, None);
    };
    let first = lines.line(text, start).trim();
    if !first.starts_with("**") {
        return (None, None);
    }
    let mut parts = Vec::new();
    for j in start..=lines.len().min(start + 12) {
        let l = lines.line(text, j).trim();
        if l.is_empty() {
            break;
        }
        parts.push(l.trim_matches('*').trim());
        if j > start && l.ends_with("**") || j == start && l.len() > 2 && l.ends_with("**") {
            return (Some(parts.join(" ")), Some(j));
        }
    }
    (None, None)
}

/// The title of an agenda item printed plain below its line (from line
/// `from`): the next paragraph, at most four lines, when it reads like a
/// title (no sponsors' line, no "Resolution adopted…", no sentence end),
/// with its last line.
fn plain_item_title(text: &str, lines: &LineIndex, from: usize) -> Option<(String, usize)> {
    // A star note printed there (`* Reissued for technical reasons …`) is passed over.
    let start = (from..=lines.len().min(from + 6)).find(|&j| {
        let l = lines.line(text, j).trim();
        !l.is_empty() && !is_star_note(l)
    })?;
    let mut parts: Vec<&str> = Vec::new();
    for j in start..=lines.len().min(start + 3) {
        let l = lines.line(text, j).trim();
        if l.is_empty() {
            break;
        }
        let lower = l.to_lowercase();
        if lower.starts_with("resolution adopted")
            || lower.starts_with("draft resolution")
            || lower.starts_with("draft decision")
            || lower.ends_with("draft resolution")
            || lower.ends_with("draft decision")
            || l.contains(": draft")
            || l.chars().count() > 120
            || crate::model::masthead::parse_date_line(l).is_some()
        {
            break;
        }
        parts.push(l);
    }
    let last = start + parts.len().saturating_sub(1);
    let title = parts.join(" ");
    (!title.is_empty() && !title.ends_with(['.', ';', ',']) && title.chars().count() >= 4)
        .then_some((title, last))
}

/// The items of a list as written (`13 and 117`, `20, 21 y 22 a)`).
fn split_items(list: &str) -> Vec<String> {
    let mut s = list.to_string();
    for and in [" and ", " et ", " y ", " и "] {
        s = s.replace(and, ",");
    }
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// How many items an agenda item line names (`13 and 117`: two).
fn item_count(item: &str) -> usize {
    split_items(item).len().max(1)
}

fn last_of(end: Option<usize>) -> usize {
    end.unwrap_or(0)
}

/// A note marked by one to three stars and a space (`* Reissued for
/// technical reasons on 16 March 2026.`, `** A/81/50.`), not bold markup
/// (`**Title**`).
fn is_star_note(l: &str) -> bool {
    let rest = l.trim_start_matches('*');
    (1..=3).contains(&(l.len() - rest.len())) && rest.starts_with(char::is_whitespace)
}

/// True when paragraph `p` cannot be a title: a date or a range of dates
/// (`4–15 November 2019`, the session's), a draft's sponsors line, a star note.
fn not_a_title(p: &str) -> bool {
    let lower = p.to_lowercase();
    is_star_note(p.trim())
        || masthead::parse_date_line(p).is_some()
        || (p.chars().count() < 60
            && p.chars().filter(char::is_ascii_digit).count() >= 4
            && p.contains(['–', '-'])
            && p.split_whitespace()
                .any(|w| masthead::month_number(w).is_some()))
        || crate::model::title::is_draft_line(&lower)
}

/// The first paragraph after line `after` that can be a title: the document's own title.
fn title_after(text: &str, lines: &LineIndex, after: usize) -> Option<String> {
    let mut start = (after + 1..=lines.len()).find(|&j| !lines.line(text, j).trim().is_empty())?;
    for _ in 0..3 {
        let end = (start..=lines.len())
            .find(|&j| lines.line(text, j).trim().is_empty())
            .unwrap_or(lines.len() + 1);
        let paragraph: Vec<&str> = (start..end).map(|j| lines.line(text, j).trim()).collect();
        if paragraph
            .first()
            .is_some_and(|f| crate::model::title::is_enacting_formula(f))
        {
            return None; // the text begins: no title was printed
        }
        if !not_a_title(&paragraph.join(" ")) {
            break;
        }
        start = (end..=lines.len()).find(|&j| !lines.line(text, j).trim().is_empty())?;
    }
    let mut parts = Vec::new();
    for j in start..=lines.len() {
        let l = lines.line(text, j).trim();
        if l.is_empty() {
            break;
        }
        parts.push(l);
    }
    let title = parts.join(" ");
    let title = title.trim_matches('*').trim().trim_end_matches('*').trim();
    let title = strip_markup(title);
    (!title.is_empty() && title.chars().count() <= MAX_TITLE_CHARS && !title.starts_with("* "))
        .then_some(title)
}

fn markdown_heading(text: &str, lines: &LineIndex) -> Option<String> {
    (1..=lines.len().min(40)).find_map(|j| {
        let l = lines.line(text, j).trim();
        let h = l.strip_prefix("# ")?;
        Some(strip_markup(h.trim()))
    })
}

/// Text without inline markup (`^{er}` superscripts, `<i>` tags, `**`).
fn strip_markup(s: &str) -> String {
    s.replace("^{", "")
        .replace("<i>", "")
        .replace("</i>", "")
        .replace("**", "")
        .replace('}', "")
}

static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{1,4})\.\s").expect("valid regex"));
static LIST_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*•]\s|\(?[a-z]\)\s|\(?[ivxl]+\)\s|#{1,6}\s|\*\*)").expect("valid regex")
});

/// Words: runs of non-whitespace holding a letter or digit (what
/// `split_whitespace` and `is_alphanumeric` count), in one pass over the bytes
/// that decodes only non-ASCII characters.
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut counted) = (0, false, false);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (space, alnum, len) = if b < 0x80 {
            (
                b.is_ascii_whitespace() || b == 0x0b,
                b.is_ascii_alphanumeric(),
                1,
            )
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.is_alphanumeric(), c.len_utf8())
        };
        if space {
            in_word = false;
        } else {
            if !in_word {
                in_word = true;
                counted = false;
            }
            if alnum && !counted {
                counted = true;
                words += 1;
            }
        }
        i += len;
    }
    words
}

/// Paragraphs: blocks of non-empty lines; a numbered line or a list item
/// starts a new one.
fn paragraphs(text: &str, lines: &LineIndex) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open = false;
    for j in 1..=lines.len() {
        let l = lines.line(text, j).trim();
        if l.is_empty() {
            open = false;
            continue;
        }
        // Cheap first-character checks spare the regexes most lines.
        let first = l.as_bytes()[0];
        let numbered = first
            .is_ascii_digit()
            .then(|| NUMBERED.captures(l).map(|c| c[1].to_string()))
            .flatten();
        let may_be_list =
            matches!(first, b'-' | b'*' | b'(' | b'#' | b'a'..=b'z') || l.starts_with('•');
        if !open || numbered.is_some() || (may_be_list && LIST_START.is_match(l)) {
            out.push(Paragraph {
                number: numbered,
                start_line: j,
                end_line: j,
            });
            open = true;
        } else if let Some(p) = out.last_mut() {
            p.end_line = j;
        }
    }
    out
}

static FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\*{1,3}|[⁰¹²³⁴-⁹]+)\s+(\S.*)|\[\^([^\]]+)\]:\s*(\S.*))$")
        .expect("valid regex")
});

fn footnotes(text: &str, lines: &LineIndex) -> Vec<Footnote> {
    (1..=lines.len())
        .filter_map(|j| {
            let line = lines.line(text, j).trim();
            if !line.starts_with(['*', '[', '⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'])
            {
                return None;
            }
            let c = FOOTNOTE.captures(line)?;
            let (marker, body) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
                (Some(m), Some(b), _, _) => (m, b),
                (_, _, Some(m), Some(b)) => (m, b),
                _ => return None,
            };
            let marker = marker.as_str();
            let marker =
                crate::model::clean::from_superscript(marker).unwrap_or(marker.to_string());
            Some(Footnote {
                marker,
                text: body.as_str().to_string(),
                line: j,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        parse_document(
            "t".into(),
            PathBuf::from("t.txt"),
            text.to_string(),
            "UTF-8",
        )
    }

    #[test]
    fn a_one_line_masthead_gives_session_item_and_its_title() {
        let d = doc(
            "United Nations A/RES/80/174 General Assembly Distr.: General 19 December 2025\n\nEightieth session Agenda item 13 Integrated and coordinated implementation of the outcomes\n\nResolution adopted by the General Assembly on 18 December 2025\n\n80/174. International Day of the Mediterranean Diet\n\nThe General Assembly,\n",
        );
        assert_eq!(d.meta.session, Some(80));
        assert_eq!(d.meta.symbol.as_deref(), Some("A/RES/80/174"));
        assert_eq!(d.meta.date.as_deref(), Some("2025-12-19"));
        let item = d.meta.agenda_item.as_ref().unwrap();
        assert_eq!(item.item, "13");
        assert_eq!(
            item.title.as_deref(),
            Some("Integrated and coordinated implementation of the outcomes")
        );
        assert_eq!(
            d.meta.title.as_deref(),
            Some("International Day of the Mediterranean Diet")
        );
    }

    #[test]
    fn a_file_named_as_ods_names_it_gives_symbol_and_language() {
        let d = parse_document(
            "A_RES_48_161-FR".into(),
            PathBuf::from("dl/A_RES_48_161-FR.txt"),
            "Texte sans en-tête.\n".to_string(),
            "UTF-8",
        );
        assert_eq!(d.meta.symbol.as_deref(), Some("A/RES/48/161"));
        assert_eq!(d.meta.language.as_deref(), Some("fr"));
        assert_eq!(d.meta.doc_type, Some("resolution"));
        let d = parse_document(
            "notes_2024".into(),
            PathBuf::from("notes_2024.txt"),
            "Some notes.\n".to_string(),
            "UTF-8",
        );
        assert_eq!(d.meta.symbol, None);
    }

    #[test]
    fn a_star_note_under_the_agenda_item_is_neither_its_title_nor_the_documents() {
        let d = doc(
            "United Nations\n\nA/80/605*\n\nGeneral Assembly\n\nDistr.: General\n\n27 January 2026\n\nOriginal: English\nEightieth session\n\nAgenda item 148\n\n*\tReissued for technical reasons on 16 March 2026.\n\nAdministrative and budgetary aspects of the financing of the United Nations peacekeeping operations\n\nBudget performance for the period from 1 July 2024 to 30 June 2025\n\nReport of the Secretary-General\n",
        );
        assert_eq!(
            d.meta.agenda_item.as_ref().and_then(|a| a.title.as_deref()),
            Some(
                "Administrative and budgetary aspects of the financing of the United Nations peacekeeping operations"
            )
        );
        assert_eq!(
            d.meta.title.as_deref(),
            Some("Budget performance for the period from 1 July 2024 to 30 June 2025")
        );
        assert_eq!(d.meta.doc_type, Some("report"));
        assert!(is_star_note("** A/81/50."));
        assert!(!is_star_note("**Review of the Protocol**"));
    }

    #[test]
    fn fused_masthead_lines_are_cut_and_others_left_whole() {
        assert_eq!(
            fused_pieces(
                "Генеральная Ассамблея Distr.: General 14 August 2019 Russian Original: English"
            ),
            Some(vec![
                "Генеральная Ассамблея",
                "Distr.: General",
                "14 August 2019",
                "Russian",
                "Original: English"
            ])
        );
        assert_eq!(
            fused_pieces(
                "Eightieth session Agenda item 13 Integrated and coordinated implementation"
            ),
            Some(vec![
                "Eightieth session",
                "Agenda item 13 Integrated and coordinated implementation"
            ])
        );
        assert_eq!(fused_pieces("Vienne, 14 et 15 avril 2009"), None);
        assert_eq!(
            fused_pieces(
                "que la Conférence a adoptée à sa quatrième session, tenue à Vienne du 8 au 17 octobre 2008."
            ),
            None
        );
    }

    #[test]
    fn english_masthead() {
        let d = doc(
            "Conference of the Parties\n\nCTOC/COP/2018/2\nDistr.: General\n18 July 2018\nOriginal: English\n\nNinth session\nVienna, 15–19 October 2018\nItem 2 (b) of the provisional agenda*\n**Review of the Protocol**\n\nReport of the Working Group\n\nNote by the Secretariat\n\n1. In its decision 4/4, the Conference decided.\n\n* CTOC/COP/2018/1.\n",
        );
        assert_eq!(d.meta.symbol.as_deref(), Some("CTOC/COP/2018/2"));
        assert_eq!(d.meta.date.as_deref(), Some("2018-07-18"));
        assert_eq!(d.meta.language.as_deref(), Some("en"));
        assert_eq!(d.meta.original_language.as_deref(), Some("en"));
        assert_eq!(d.meta.session, Some(9));
        assert_eq!(d.meta.place.as_deref(), Some("Vienna"));
        assert_eq!(d.meta.meeting_start.as_deref(), Some("2018-10-15"));
        assert_eq!(d.meta.title.as_deref(), Some("Report of the Working Group"));
        let item = d.meta.agenda_item.clone().expect("agenda item");
        assert_eq!(item.item, "2 (b)");
        assert_eq!(item.title.as_deref(), Some("Review of the Protocol"));
        assert_eq!(item.agenda_symbol.as_deref(), Some("CTOC/COP/2018/1"));
        assert_eq!(d.paragraph("1").map(|p| p.start_line), Some(17));
        assert_eq!(d.footnotes[0].text, "CTOC/COP/2018/1.");
    }

    #[test]
    fn front_matter_and_markdown_title() {
        let d =
            doc("---\nsymbol: A/RES/55/25\ntitle: \"Convention\"\n---\n# Ignored heading\n\ntext");
        assert_eq!(d.meta.symbol.as_deref(), Some("A/RES/55/25"));
        assert_eq!(d.meta.title.as_deref(), Some("Convention"));
        assert!(
            d.text.starts_with("# Ignored heading"),
            "the block is not text: {}",
            d.text
        );
        assert!(
            d.raw
                .as_deref()
                .is_some_and(|r| r.starts_with("---\nsymbol:"))
        );
        let d = doc("---\nlanguage: EN\noriginal: French\n---\ntext");
        assert_eq!(d.meta.language.as_deref(), Some("en"));
        assert_eq!(d.meta.original_language.as_deref(), Some("fr"));
        let d = doc("# A heading\n\nSome words of the text and of the rest.");
        assert_eq!(d.meta.title.as_deref(), Some("A heading"));
        assert_eq!(d.meta.symbol, None);
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "a b",
            "  l'article 32 — de la\u{a0}Convention\t* ** 4/4 ",
            "中文 текст\u{3000}x\u{b}y\u{c}z",
            "é\u{301}  ...",
        ] {
            let expected = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            assert_eq!(count_words(text), expected, "{text:?}");
        }
    }

    #[test]
    fn empty_text() {
        let d = doc("");
        assert!(d.is_empty());
        assert_eq!(d.words, 0);
        assert_eq!(d.meta, Metadata::default());
    }
}
