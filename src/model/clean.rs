//! The reading text of a document printed on pages (a PDF's text layer, or
//! `pdftotext` output): page furniture removed, paragraphs rebuilt, footnotes
//! lifted to the end with their marks in the text made superscript.
//!
//! One pass over the lines, linear in the text. Text that does not look like
//! printed pages (no form feed, no job number, no footnote rule) comes back
//! unchanged: the bundled `.txt` and markdown documents are already clean.
//!
//! - **Furniture**: job numbers (`24-23070 (E)`, `GE.09-17087`, `V.18-07400`),
//!   bar codes (`*2423070*`), date stamps (`011225`), page footers
//!   (`24-23070 2/2`, `Page 2`), running heads (lines repeated at the top of
//!   pages), private-use glyphs, `Please recycle`, `/...` continuation marks.
//! - **Paragraphs**: lines broken by the page width are joined; a paragraph
//!   starts at a blank line, an indented line, an operative number, a
//!   sub-item, or a preambular participle after a line that ended a clause
//!   (English, French, Spanish, Russian). Hyphenated line ends are rejoined
//!   only when the document spells the word without the hyphen elsewhere.
//! - **Footnotes**: the bodies below a `_____` rule become notes at the end
//!   (`¹ See A/79/552.`); their marks in the text become superscript digits,
//!   detached from the word or number they were glued to.

use std::collections::{HashMap, HashSet};

/// The clean text of a document printed on pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The reading text.
    pub text: String,
    /// Byte offset in `text` where each page starts (page 1 first).
    pub pages: Vec<usize>,
    /// Footnotes lifted from page bottoms: (marker, text).
    pub footnotes: Vec<(String, String)>,
}

/// True when `raw` looks like text taken from printed pages.
pub fn looks_paged(raw: &str) -> bool {
    raw.contains('\u{c}')
        || raw
            .lines()
            .take(400)
            .any(|l| is_job_number(l.trim()) || is_barcode(l.trim()))
}

/// True when `raw` is a layout rendering (`pdftotext -layout`, fixed-width
/// tables): most lines carry the page's margin, or many are cut into
/// columns by runs of spaces. Its lines are kept as printed, never reflowed.
pub fn is_layout(raw: &str) -> bool {
    let (mut lines, mut indented, mut gapped) = (0usize, 0usize, 0usize);
    for l in raw.lines().take(2000) {
        let l = l.trim_end();
        let t = l.trim_start();
        if t.chars().nth(1).is_none() {
            continue;
        }
        lines += 1;
        indented += usize::from(l.len() - t.len() >= 4 && !l.starts_with('\t'));
        gapped += usize::from(
            t.contains("   ") && t.split("   ").filter(|p| !p.trim().is_empty()).count() > 1,
        );
    }
    lines >= 5 && (gapped * 5 >= lines || (indented * 5 >= lines * 3 && gapped * 50 >= lines))
}

/// The clean reading text of `raw`, or `None` when `raw` does not look like
/// printed pages (it is then read as it is).
pub fn clean(raw: &str) -> Option<Cleaned> {
    if !looks_paged(raw) {
        return None;
    }
    if is_layout(raw) {
        return Some(clean_layout(raw));
    }
    let mut pages: Vec<&str> = raw.split('\u{c}').collect();
    let first = pages.first().and_then(|p| masthead_first(p));
    if let (Some(first), Some(page)) = (&first, pages.first_mut()) {
        *page = first;
    }
    let heads = running_heads(&pages);
    let mut body: Vec<Line> = Vec::new();
    let mut notes: Vec<(String, String)> = Vec::new();
    let mut page_starts = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        page_starts.push(body.len());
        let lines: Vec<&str> = page.lines().collect();
        let rule = lines.iter().rposition(|l| is_rule(l.trim()));
        let (text_lines, note_lines) = match rule {
            Some(r) => (&lines[..r], &lines[r + 1..]),
            None => (&lines[..], &[][..]),
        };
        let mut top = true;
        let mut after_head = false;
        for l in text_lines {
            let t = l.trim();
            if t.is_empty() {
                body.push(Line::blank());
                continue;
            }
            // Running heads from the second page on (the first prints the
            // symbol in its masthead); the short title printed under the
            // symbol goes with it (`79/48. Measures…` on the first page,
            // `Measures…` as the head of the second).
            let title_under_head = after_head
                && t.chars().count() <= 120
                && pages[0].lines().any(|f| f.trim() != t && f.contains(t));
            if is_furniture(t) || (top && n > 0 && (heads.contains(t) || title_under_head)) {
                after_head = top && n > 0 && heads.contains(t);
                continue;
            }
            top = false;
            body.push(Line::new(l));
        }
        lift_notes(note_lines, &mut notes);
    }
    // In the order of their markers (`*` first), as their marks come.
    notes.sort_by_key(|(m, _)| m.parse::<u32>().unwrap_or(0));
    // A page that ends mid-sentence continues on the next: no break there.
    // Page starts are kept as form feeds while the text is rebuilt and
    // marked, then taken out with their offsets.
    let mut text = String::with_capacity(raw.len());
    let known = words_of(raw);
    rebuild(&body, &page_starts, &known, &mut text);
    let marked = mark_footnotes(&text, &notes);
    let mut pages = Vec::with_capacity(page_starts.len());
    let mut text = String::with_capacity(marked.len());
    for (k, piece) in marked.split('\u{c}').enumerate() {
        if k > 0 {
            pages.push(text.len());
        }
        text.push_str(piece);
    }
    if pages.first() != Some(&0) {
        pages.insert(0, 0);
    }
    pages.truncate(page_starts.len());
    if !notes.is_empty() {
        text.push_str("\n\n__________________\n\n");
        for (m, t) in &notes {
            text.push_str(&superscript(m));
            text.push(' ');
            text.push_str(t);
            text.push('\n');
        }
    }
    Some(Cleaned {
        text,
        pages,
        footnotes: notes,
    })
}

/// How the organisation's name opens a masthead, in the six languages.
const ORGANISATION: &[&str] = &[
    "United Nations",
    "Nations Unies",
    "Naciones Unidas",
    "Организация Объединенных Наций",
    "الأمم المتحدة",
    "联合国",
];

/// The first page with its masthead block (`United Nations`, the symbol,
/// `Distr.`, the date, `Original:`) moved to the top, when the PDF's text
/// layer put it after the page's body (documents issued in Geneva often
/// do), where neither a reader nor the masthead parser looks for it.
fn masthead_first(page: &str) -> Option<String> {
    let lines: Vec<&str> = page.lines().collect();
    let distr = lines
        .iter()
        .take(200)
        .position(|l| l.trim_start().starts_with("Distr"))?;
    let start = (distr.saturating_sub(6)..distr)
        .rev()
        .find(|&i| ORGANISATION.contains(&lines[i].trim()))?;
    let before = lines[..start]
        .iter()
        .filter(|l| !l.trim().is_empty() && !is_furniture(l.trim()))
        .count();
    if before < 3 {
        return None; // the masthead is already where it is printed
    }
    let original = (distr..lines.len().min(distr + 8)).find(|&i| {
        let t = lines[i].trim_start();
        ["Original", "Оригинал", "الأصل", "原文"]
            .iter()
            .any(|o| t.starts_with(o))
    });
    let end = original.unwrap_or((distr + 2).min(lines.len() - 1));
    let mut out = String::with_capacity(page.len() + 2);
    for l in lines[start..=end]
        .iter()
        .chain(&[""])
        .chain(&lines[..start])
        .chain(&lines[end + 1..])
    {
        out.push_str(l);
        out.push('\n');
    }
    Some(out)
}

/// A layout rendering with its page furniture removed: the other lines as
/// printed (the margin every line shares taken off), footnotes where they
/// stand, pages kept.
fn clean_layout(raw: &str) -> Cleaned {
    let pages: Vec<&str> = raw.split('\u{c}').collect();
    let heads = running_heads(&pages);
    let mut kept: Vec<(usize, &str)> = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let mut top = true;
        for l in page.lines() {
            let t = l.trim();
            if !t.is_empty() && (is_furniture(t) || (top && n > 0 && heads.contains(t))) {
                continue;
            }
            top &= t.is_empty();
            kept.push((n, l.trim_end()));
        }
    }
    let margin = kept
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(_, l)| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut text = String::with_capacity(raw.len());
    let mut pages = vec![0];
    let mut page = 0;
    let mut blanks = 0;
    for (n, l) in kept {
        if n != page {
            page = n;
            pages.push(text.len());
            blanks = 0;
        }
        if l.trim().is_empty() {
            blanks += 1;
            // Runs of blank lines (a page's empty bottom) are cut to two.
            if blanks > 2 || text.is_empty() {
                continue;
            }
        } else {
            blanks = 0;
        }
        text.push_str(l.get(margin..).unwrap_or_else(|| l.trim_start()));
        text.push('\n');
    }
    pages.dedup();
    Cleaned {
        text,
        pages,
        footnotes: Vec::new(),
    }
}

/// One body line: its text (trimmed at the end) and whether it was indented.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    indented: bool,
}

impl Line {
    fn new(raw: &str) -> Line {
        Line {
            text: raw.trim().to_string(),
            indented: raw.starts_with([' ', '\t']) && !raw.trim().is_empty(),
        }
    }

    fn blank() -> Line {
        Line {
            text: String::new(),
            indented: false,
        }
    }
}

/// Lines printed at the top of two pages or more: running heads (the
/// document's symbol, its short title).
fn running_heads(pages: &[&str]) -> HashSet<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter().skip(1) {
        let mut tops = HashSet::new();
        for l in page
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !is_furniture(l))
            .take(3)
        {
            tops.insert(l.to_string());
        }
        for t in tops {
            *seen.entry(t).or_default() += 1;
        }
    }
    // Two pages: a line at the top of the second that the first prints too.
    let first_lines: HashSet<&str> = pages
        .first()
        .map(|p| p.lines().map(str::trim).collect())
        .unwrap_or_default();
    let printed = pages.iter().filter(|p| !p.trim().is_empty()).count();
    seen.into_iter()
        .filter(|(l, n)| *n >= 2 || (printed == 2 && first_lines.contains(l.as_str())))
        .filter(|(l, _)| l.chars().count() <= 120)
        .map(|(l, _)| l)
        .collect()
}

/// `yy-nnnnn (L)`, `GE.yy-nnnnn`, `V.yy-nnnnn`, with what follows on the line.
fn is_job_number(t: &str) -> bool {
    let t = t
        .strip_prefix("GE.")
        .or_else(|| t.strip_prefix("V."))
        .unwrap_or(t);
    let b = t.as_bytes();
    b.len() >= 8
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b'-'
        && b[3..8].iter().all(u8::is_ascii_digit)
        && b.get(8).is_none_or(|c| !c.is_ascii_digit())
}

/// `*2423070*`.
fn is_barcode(t: &str) -> bool {
    t.len() >= 9
        && t.starts_with('*')
        && t.ends_with('*')
        && t[1..t.len() - 1].bytes().all(|b| b.is_ascii_digit())
}

/// A line that is page furniture, never text.
fn is_furniture(t: &str) -> bool {
    // Private-use glyphs (bar-code fonts) are not text: looked past, copying
    // the line only when it holds one.
    let pua = |c: char| ('\u{e000}'..='\u{f8ff}').contains(&c);
    let no_pua: String;
    let t = if t.contains(pua) {
        no_pua = t.chars().filter(|&c| !pua(c)).collect();
        no_pua.trim()
    } else {
        t
    };
    if t.is_empty() {
        return true;
    }
    is_job_number(t)
        || is_barcode(t)
        || t.eq_ignore_ascii_case("please recycle")
        || t == "/..."
        || t == "..."
        // Date stamps (`011225`, `201118 211118`).
        || t.split_whitespace().all(|w| w.len() == 6 && w.bytes().all(|b| b.is_ascii_digit()))
        // Lone page numbers: `2`, `2/48`, `- 2 -`, `Page 2`.
        || is_page_number(t)
        // A footer of such pieces in any order: `3/3 25-20876`, `25-20876 2/9`.
        || (t.contains(' ')
            && t.split_whitespace().all(|w| {
                is_job_number(w)
                    || is_page_number(w)
                    || is_barcode(w)
                    || (w.len() == 6 && w.bytes().all(|b| b.is_ascii_digit()))
                    || (w.len() == 3 && w.starts_with('(') && w.ends_with(')'))
            }))
}

fn is_page_number(t: &str) -> bool {
    let t = t.trim_matches(|c: char| c == '-' || c.is_whitespace());
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("Página "))
        .or_else(|| t.strip_prefix("Стр. "))
        .unwrap_or(t);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    match t.split_once('/') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(t),
    }
}

/// The rule above footnotes (`__________________`).
fn is_rule(t: &str) -> bool {
    t.len() >= 5 && t.chars().all(|c| c == '_')
}

/// Footnote bodies below a rule: a marker (`1`, `*`, `1/`) at the start of
/// a line, or alone on its line with the text on the next; continuation
/// lines joined to the note before. Converters sometimes print the lone
/// markers after all the texts: markers and texts left unpaired are then
/// paired in order.
fn lift_notes(lines: &[&str], notes: &mut Vec<(String, String)>) {
    let mut page: Vec<(String, String)> = Vec::new();
    // Lone markers waiting for their text, first come first served.
    let mut waiting: std::collections::VecDeque<String> = std::collections::VecDeque::new();
    for l in lines {
        let t = l.trim();
        let lone_marker = matches!(split_marker(t), Some((_, "")));
        if t.is_empty() || (is_furniture(t) && !lone_marker) {
            continue;
        }
        if lone_marker {
            waiting.push_back(t.to_string());
            continue;
        }
        if let Some(m) = waiting.pop_front() {
            page.push((m, t.to_string()));
            continue;
        }
        match split_marker(t) {
            Some((m, rest)) => page.push((m.to_string(), rest.to_string())),
            None => match page.last_mut() {
                // A sentence that ended, then a capital: another note.
                Some((_, text)) if !(text.ends_with('.') && t.starts_with(char::is_uppercase)) => {
                    text.push(' ');
                    text.push_str(t);
                }
                _ => page.push((String::new(), t.to_string())),
            },
        }
    }
    for (m, _) in page.iter_mut().filter(|(m, _)| m.is_empty()) {
        match waiting.pop_front() {
            Some(l) => *m = l,
            None => break,
        }
    }
    notes.extend(page);
}

/// A footnote marker at the start of `t`, and the rest of the line.
fn split_marker(t: &str) -> Option<(&str, &str)> {
    let stars = t.bytes().take_while(|&b| b == b'*').count();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let (m, rest) = if stars > 0 && stars <= 3 {
        (&t[..stars], &t[stars..])
    } else if digits > 0 && digits <= 3 {
        let rest = &t[digits..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        (&t[..digits], rest)
    } else {
        return None;
    };
    if rest.is_empty() {
        return Some((m, ""));
    }
    rest.starts_with([' ', '\t', '\u{a0}'])
        .then(|| (m, rest.trim()))
}

/// Words of the document written whole (to rejoin a hyphenated line end
/// only when the word exists without its hyphen).
fn words_of(raw: &str) -> HashSet<String> {
    raw.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// Words that begin a preambular paragraph (after a line ending a clause).
const STARTERS: &[&str] = &[
    // English
    "Recalling",
    "Reaffirming",
    "Recognizing",
    "Recognising",
    "Noting",
    "Taking note",
    "Welcoming",
    "Bearing in mind",
    "Having considered",
    "Having examined",
    "Emphasizing",
    "Emphasising",
    "Expressing",
    "Acknowledging",
    "Concerned",
    "Deeply concerned",
    "Gravely concerned",
    "Convinced",
    "Determined",
    "Mindful",
    "Stressing",
    "Underlining",
    "Underscoring",
    "Considering",
    "Aware",
    "Alarmed",
    "Guided",
    "Reiterating",
    "Affirming",
    "Highlighting",
    "Encouraged",
    "Commending",
    "Appreciating",
    "Desiring",
    "Believing",
    "Conscious",
    "Regretting",
    "Deploring",
    "Condemning",
    "Trusting",
    "Acting",
    "Further",
    "Also",
    "The General Assembly",
    "The Human Rights Council",
    "The Security Council",
    "The Economic and Social Council",
    "The Conference",
    // French
    "Rappelant",
    "Réaffirmant",
    "Reconnaissant",
    "Notant",
    "Prenant note",
    "Se félicitant",
    "Ayant à l'esprit",
    "Ayant examiné",
    "Soulignant",
    "Exprimant",
    "Considérant",
    "Consciente",
    "Convaincue",
    "Profondément préoccupée",
    "Préoccupée",
    "Constatant",
    "Insistant",
    "Réitérant",
    "Affirmant",
    "Sachant",
    "Estimant",
    "Déterminée",
    "Résolue",
    "Guidée",
    "L'Assemblée générale",
    "Le Conseil",
    // Spanish
    "Recordando",
    "Reafirmando",
    "Reconociendo",
    "Observando",
    "Tomando nota",
    "Acogiendo con beneplácito",
    "Teniendo presente",
    "Habiendo examinado",
    "Destacando",
    "Expresando",
    "Considerando",
    "Consciente",
    "Convencida",
    "Profundamente preocupada",
    "Preocupada",
    "Subrayando",
    "Reiterando",
    "Afirmando",
    "Decidida",
    "Guiada",
    "La Asamblea General",
    "El Consejo",
    // Russian
    "Ссылаясь",
    "Вновь подтверждая",
    "Признавая",
    "Отмечая",
    "Принимая к сведению",
    "Приветствуя",
    "Учитывая",
    "Рассмотрев",
    "Подчеркивая",
    "Выражая",
    "Будучи",
    "Памятуя",
    "Считая",
    "Сознавая",
    "Подтверждая",
    "Напоминая",
    "Генеральная Ассамблея",
];

/// True when `t` starts a paragraph whatever came before: an operative
/// number (`1.`, `12.`), a sub-item (`(a)`, `a)`, `(iv)`, `i)`).
fn starts_item(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        return rest == "." || rest.starts_with(". ") || rest.starts_with(".\t");
    }
    let inner = t.strip_prefix('(').unwrap_or(t);
    let letters = inner.bytes().take_while(u8::is_ascii_lowercase).count();
    (1..=4).contains(&letters)
        && inner[letters..].starts_with(')')
        && (letters == 1 || inner[..letters].bytes().all(|b| b"ivxl".contains(&b)))
        && inner[letters + 1..].starts_with([' ', '\t'])
}

/// The line that opens the body of a resolution or decision.
fn opens_body(t: &str) -> bool {
    // `43rd plenary meeting` closes a resolution on a line of its own.
    if t.ends_with("plenary meeting") && t.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    [
        "The General Assembly",
        "The Human Rights Council",
        "The Security Council",
        "The Economic and Social Council",
        "L'Assemblée générale",
        "La Asamblea General",
        "Генеральная Ассамблея",
    ]
    .iter()
    .any(|o| t.starts_with(o) && t.len() <= o.len() + 2)
}

fn starts_clause(t: &str) -> bool {
    STARTERS.iter().any(|s| {
        t.strip_prefix(s)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',', '\u{a0}']))
    })
}

/// True when a line ending so closes a clause or a sentence.
fn ends_clause(t: &str) -> bool {
    t.trim_end()
        .ends_with([',', ';', '.', ':', '!', '?', '»', '”', '"', ')'])
}

/// Joins the body lines into paragraphs separated by blank lines. The lines
/// before the body (the masthead: short lines) keep their own lines.
fn rebuild(body: &[Line], page_starts: &[usize], known: &HashSet<String>, out: &mut String) {
    let mut in_masthead = true;
    let mut prev: Option<&Line> = None;
    let mut next_page = page_starts.iter().skip(1).peekable();
    for (k, line) in body.iter().enumerate() {
        // The first line of text at or after a page start carries its mark.
        let page_mark = next_page.peek().is_some_and(|&&p| p <= k) && !line.text.is_empty();
        if page_mark {
            next_page.next();
        }
        let t_marked = if page_mark {
            format!("\u{c}{}", line.text)
        } else {
            line.text.clone()
        };
        if line.text.is_empty() {
            // `1.` alone, a blank, then its text: one paragraph.
            let lone_number = prev.is_some_and(|p| {
                starts_item(&p.text) && p.text.ends_with('.') && p.text.len() <= 4
            });
            if prev.is_some() && !lone_number && !out.ends_with("\n\n") {
                out.push('\n');
            }
            if !lone_number {
                prev = None;
            }
            continue;
        }
        let t = line.text.as_str();
        if in_masthead && (t.chars().count() > 75 || starts_clause(t) || starts_item(t)) {
            in_masthead = false;
        }
        let Some(p) = prev else {
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
            }
            out.push_str(&t_marked);
            prev = Some(line);
            continue;
        };
        let pt = p.text.as_str();
        let lone_number = starts_item(pt) && pt.ends_with('.') && pt.len() <= 4;
        let new_paragraph = !lone_number
            && (in_masthead
                || starts_item(t)
                || opens_body(t)
                || (ends_clause(pt) && (starts_clause(t) || line.indented)));
        if new_paragraph {
            out.push_str(if in_masthead { "\n" } else { "\n\n" });
            out.push_str(&t_marked);
        } else if let Some(stem) = pt
            .strip_suffix('-')
            .filter(|s| s.chars().last().is_some_and(char::is_alphabetic))
        {
            // `inter-` + `national`: one word when the document writes it so.
            let last = stem
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            let first = t.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            let joined = format!("{last}{first}").to_lowercase();
            if !first.is_empty() && known.contains(&joined) && !page_mark {
                out.pop();
            }
            out.push_str(&t_marked);
        } else {
            out.push(' ');
            out.push_str(&t_marked);
        }
        prev = Some(line);
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
}

const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// `12` as `¹²` (other markers, `*`, as they are).
pub fn superscript(marker: &str) -> String {
    if marker.bytes().all(|b| b.is_ascii_digit()) {
        marker
            .bytes()
            .map(|b| SUPERSCRIPT[(b - b'0') as usize])
            .collect()
    } else {
        marker.to_string()
    }
}

/// The digits of a superscript marker (`¹²` → `12`), when it is one.
pub fn from_superscript(s: &str) -> Option<String> {
    let digits: Option<String> = s
        .chars()
        .map(|c| {
            SUPERSCRIPT
                .iter()
                .position(|&x| x == c)
                .and_then(|d| char::from_digit(d as u32, 10))
        })
        .collect();
    digits.filter(|d| !d.is_empty())
}

/// The text with each numbered footnote's mark made superscript, found in
/// order after the previous mark: a number standing alone after a word or
/// punctuation (`1925, 1 as`), or glued to punctuation or a word
/// (`Secretary-General;2`).
fn mark_footnotes(text: &str, notes: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len() + notes.len() * 4);
    let mut at = 0;
    for (m, _) in notes {
        if m.is_empty() || !m.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some((start, end)) = find_mark(text, at, m) else {
            continue;
        };
        out.push_str(&text[at..start]);
        out.push_str(&superscript(m));
        // `1925, 1  as`: one space after the mark.
        at = end;
    }
    out.push_str(&text[at..]);
    // Two spaces left where a detached mark stood alone.
    out.replace("  ", " ")
}

/// Where marker `m` stands in `text` from byte `from`: (start, end) of the
/// digits, with the space before a detached mark. Marks glued to a word or
/// standing after punctuation are looked for first; then a number standing
/// alone after a word that does not take a number (`Nations 4 to`, never
/// `article 4 to`).
fn find_mark(text: &str, from: usize, m: &str) -> Option<(usize, usize)> {
    /// A mark is looked for this far ahead of the one before, at most (a
    /// note whose mark is not found costs a window, not the whole text).
    const WINDOW: usize = 64 * 1024;
    let mut limit = (from + WINDOW).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let text = &text[..limit];
    mark_in(text, from, m, false).or_else(|| mark_in(text, from, m, true))
}

/// Abbreviations after which a number is part of a symbol or a reference,
/// never a mark: `A/80/604/Add.1`, `Rev.2`, `No. 1`, `para. 3`.
const NUMBERED_ABBREVIATIONS: &[&str] = &[
    "add",
    "rev",
    "corr",
    "amend",
    "sect",
    "l",
    "crp",
    "pv",
    "sr",
    "inf",
    "wp",
    "misc",
    "no",
    "nos",
    "n",
    "para",
    "paras",
    "art",
    "arts",
    "vol",
    "p",
    "pp",
    "ch",
    "chap",
    "sess",
    "res",
    "dec",
    "fig",
    "tab",
    "op",
    "sub",
    "suppl",
    "supp",
    "núm",
    "párr",
    "стр",
    "п",
    "пункт",
];

/// True when `before` ends with `<abbreviation>.` (and a space) that takes a number.
fn abbreviation_before(before: &str) -> bool {
    let Some(head) = before.trim_end_matches(' ').strip_suffix('.') else {
        return false;
    };
    let word: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    !word.is_empty()
        && word.chars().count() <= 6
        && NUMBERED_ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Words after which a number is a number, not a footnote mark.
const TAKES_A_NUMBER: &[&str] = &[
    "paragraph",
    "paragraphs",
    "article",
    "articles",
    "resolution",
    "resolutions",
    "decision",
    "decisions",
    "rule",
    "rules",
    "annex",
    "section",
    "chapter",
    "item",
    "items",
    "page",
    "pages",
    "para",
    "paras",
    "no",
    "nos",
    "vol",
    "volume",
    "goal",
    "goals",
    "target",
    "targets",
    "principle",
    "principles",
    "protocol",
    "part",
    "and",
    "to",
    "or",
    "of",
    "than",
    "under",
    "at",
    "in",
    "on",
    "by",
    "from",
    "with",
];

fn mark_in(text: &str, from: usize, m: &str, loose: bool) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(k) = text.get(i..)?.find(m) {
        let s = i + k;
        let e = s + m.len();
        i = e;
        let before = text[..s].chars().next_back();
        let after = text[e..].chars().next();
        let digit_around =
            before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit());
        let after_ok =
            after.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ')'));
        if digit_around || !after_ok || abbreviation_before(&text[..s]) {
            continue;
        }
        let prev = before.and_then(|b| text[..s - b.len_utf8()].chars().next_back());
        match before {
            // Glued: `Secretary-General;2`, `States,3`, `Agency2`.
            Some(c)
                if !loose
                    && (c.is_alphabetic()
                        || matches!(c, ';' | ',' | '.' | ')' | '”' | '"' | ':')) =>
            {
                return Some((s, e));
            }
            // Alone after punctuation: `1925, 1 as`.
            Some(' ')
                if !loose
                    && prev
                        .is_some_and(|c| matches!(c, ',' | ';' | '.' | ')' | '”' | '"' | ':')) =>
            {
                return Some((s - 1, e));
            }
            // Alone after a word that takes no number: `Nations 4 to`.
            Some(' ') if loose && prev.is_some_and(char::is_alphabetic) => {
                let word = text[..s - 1]
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                if !TAKES_A_NUMBER.contains(&word.as_str())
                    && after.is_some_and(char::is_whitespace)
                {
                    return Some((s - 1, e));
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_mark_after_a_multibyte_character_is_found_without_panic() {
        // `entitled “The future we want”,6` — the quote before is three bytes.
        for text in [
            "want”1 and",
            "want”,1 and",
            "want” 1 and",
            "Nations — 1 to",
            "итоги»1 и",
        ] {
            let _ = super::find_mark(text, 0, "1");
        }
        assert_eq!(super::find_mark("want”1 and", 0, "1"), Some((7, 8)));
    }

    #[test]
    fn a_masthead_printed_after_the_first_page_body_is_moved_to_the_top() {
        let page = "GE.25-02819  (E)    210325\n\nHuman Rights Council\nFifty-ninth session\nAgenda item 6\nUniversal periodic review\n\nReport of the Working Group\n\nSlovenia\n\nUnited Nations\nA/HRC/59/15\n\n General Assembly\nDistr.: General\n24 March 2025\n\nOriginal: English\n";
        let moved = super::masthead_first(page).expect("moved");
        assert!(
            moved.starts_with("United Nations\nA/HRC/59/15\n"),
            "{moved}"
        );
        assert!(
            moved.contains("Original: English\n\nGE.25-02819"),
            "{moved}"
        );
        assert_eq!(moved.lines().count(), page.lines().count() + 1);
        // A masthead already on top stays.
        assert_eq!(
            super::masthead_first("United Nations\nA/80/1\nDistr.: General\n1 May 2025\n\nText.\n"),
            None
        );
    }

    #[test]
    fn a_number_after_a_symbol_abbreviation_is_not_a_mark() {
        for text in [
            "A/80/604/Add.1\n",
            "A/C.3/80/L.7/Rev.1 and",
            "Treaty Series, No. 1 and",
            "see para.1 and",
        ] {
            assert_eq!(super::find_mark(text, 0, "1"), None, "{text}");
        }
        assert!(super::find_mark("the Convention.1 And", 0, "1").is_some());
    }

    use super::*;

    const RES: &str = " United Nations\nA/RES/79/48\n\n\n\nGeneral Assembly  Distr.: General\n9 December 2024\n\n\n\n24-23070 (E)\n*2423070*\n\n\nSeventy-ninth session\n\nAgenda item 98 (k)\n\nGeneral and complete disarmament: measures to uphold\nthe authority of the 1925 Geneva Protocol\n\n\n\n\n  Resolution adopted by the General Assembly\non 2 December 2024\n\n\n\n  [on the report of the First Committee (A/79/408, para. 114)]\n\n\n 79/48. Measures to uphold the authority of the 1925 Geneva Protocol\n\n\n The General Assembly,\n\n Recalling its previous resolutions on the subject, in particular resolutions 71/59\nof 5 December 2016, 73/43 of 5 December 2018, 75/46 of 7 December 2020 and 77/50\nof 7 December 2022,\n\n Recalling the long-standing determination of the international community to\nachieve the effective prohibition of the development, production, stockpiling and use\nof chemical and biological weapons, signed at Geneva on 17 June 1925, 1  as expressed by consensus in many previous\nresolutions,\n\n 1. Takes note of the note by the Secretary-General;2\n\n 2. Renews its previous call to all States to observe strictly the principles and\nobjectives of the Protocol;\n\n__________________\n\n 1  League of Nations, Treaty Series, vol. XCIV, No. 2138.\n 2  A/79/119.\n\u{c}\nA/RES/79/48\nMeasures to uphold the authority of the 1925 Geneva Protocol\n\n\n24-23070 2/2\n\n 3. Calls upon those States that continue to maintain reservations to the 1925\nGeneva Protocol to withdraw them;\n\n 43rd plenary meeting\n2 December 2024\n";

    #[test]
    fn furniture_goes_paragraphs_join_and_footnotes_lift() {
        let c = clean(RES).expect("paged");
        let t = &c.text;
        for gone in ["24-23070", "*2423070*", "\u{c}", "2/2"] {
            assert!(!t.contains(gone), "{gone} left in:\n{t}");
        }
        assert_eq!(
            t.matches("A/RES/79/48").count(),
            1,
            "running head gone:\n{t}"
        );
        assert!(
            t.contains("Recalling its previous resolutions on the subject, in particular resolutions 71/59 of 5 December 2016, 73/43 of 5 December 2018, 75/46 of 7 December 2020 and 77/50 of 7 December 2022,\n"),
            "{t}"
        );
        assert!(t.contains("\n\n3. Calls upon"), "{t}");
        assert!(t.contains("1925,¹ as expressed"), "{t}");
        assert!(t.contains("Secretary-General;²"), "{t}");
        assert!(t.contains("long-standing"), "{t}");
        assert_eq!(
            c.footnotes,
            vec![
                (
                    "1".to_string(),
                    "League of Nations, Treaty Series, vol. XCIV, No. 2138.".to_string()
                ),
                ("2".to_string(), "A/79/119.".to_string())
            ]
        );
        assert!(t.ends_with("² A/79/119.\n"), "{t}");
        assert_eq!(c.pages.len(), 2);
        assert!(
            t[c.pages[1]..].starts_with("\n\n3. Calls") || t[c.pages[1]..].contains("3. Calls")
        );
        // The masthead keeps its lines.
        assert!(
            t.contains("Seventy-ninth session\n\nAgenda item 98 (k)"),
            "{t}"
        );
    }

    #[test]
    fn fused_preambular_paragraphs_split_at_participles() {
        let raw = "A/80/L.21\n\n25-19444 (E)\nThe General Assembly,\nReaffirming its resolution 70/1 of 25 September 2015, entitled “Transforming\nour world”, and its commitment to working tirelessly for the Agenda by 2030,\nReaffirming also its resolutions 53/199 of 15 December 1998,\nRappelant sa résolution 1/2,\nRecordando su resolución,\nСсылаясь на свою резолюцию,\n1.\nDecides to proclaim the day;\n(a) To do this;\n";
        let c = clean(raw).unwrap();
        let paras: Vec<&str> = c.text.split("\n\n").map(str::trim).collect();
        assert!(paras.contains(&"Reaffirming its resolution 70/1 of 25 September 2015, entitled “Transforming our world”, and its commitment to working tirelessly for the Agenda by 2030,"), "{paras:#?}");
        for start in [
            "Reaffirming also",
            "Rappelant",
            "Recordando",
            "Ссылаясь",
            "1. Decides",
            "(a) To do",
        ] {
            assert!(
                paras.iter().any(|p| p.starts_with(start)),
                "{start}: {paras:#?}"
            );
        }
    }

    #[test]
    fn hyphens_are_kept_unless_the_word_exists_whole() {
        let raw = "\u{c}\nThe General Assembly,\n\nThe long-\nstanding inter-\nnational and international\n";
        let c = clean(raw).unwrap();
        assert!(
            c.text.contains("long-standing international and"),
            "{}",
            c.text
        );
    }

    #[test]
    fn text_not_from_pages_is_left_alone() {
        assert!(clean("Conférence des Parties\n\nDistr. générale\n1. Un paragraphe.\n").is_none());
        assert!(clean("").is_none());
    }

    #[test]
    fn markers_and_furniture_shapes() {
        assert!(is_job_number("GE.09-17087"));
        assert!(is_job_number("94-12345 (E)"));
        assert!(is_job_number("V.18-07400 (F) 201118 211118"));
        assert!(!is_job_number("2009-2012"));
        assert!(is_furniture("24-23070 2/2") || is_job_number("24-23070 2/2"));
        assert!(is_furniture("Page 3") && is_furniture("- 4 -") && is_furniture("011225"));
        assert!(is_furniture("3/3 25-20876") && is_furniture("25-20876 2/9"));
        assert!(!is_furniture("2 and 3"));
        assert!(!is_furniture("Recalling"));
        assert_eq!(
            split_marker("1/ A/42/521-S/19085, annex."),
            Some(("1", "A/42/521-S/19085, annex."))
        );
        assert_eq!(split_marker("* Reissued."), Some(("*", "Reissued.")));
        assert_eq!(split_marker("12"), Some(("12", "")));
        assert_eq!(split_marker("1925 was"), None);
        assert_eq!(superscript("12"), "¹²");
        assert_eq!(from_superscript("¹²").as_deref(), Some("12"));
        assert!(starts_item("(iv) To") && starts_item("a) To") && starts_item("12. Decides"));
        assert!(!starts_item("2012. The") && !starts_item("(vi") && !starts_item("in) x"));
    }
}
