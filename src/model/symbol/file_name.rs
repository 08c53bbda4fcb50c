//! Symbols in file names, written the way the Official Document System and
//! the mirrors of UN documents write them: slashes as underscores, the
//! language after a hyphen, an underscore or a dot (`A_RES_80_1-EN.pdf`,
//! `A_RES_48_161.fr.txt`, `S_RES_1325(2000)_EN.pdf`,
//! `E_CN.15_2019_L.2_Add.1-E.pdf`). A job number (`N2412345.pdf`) is no
//! symbol, and no symbol is guessed from any other name.

use super::Symbol;

/// Extensions (and rendering marks, `.layout.txt`) of document files.
const EXTENSIONS: &[&str] = &[
    "pdf", "txt", "md", "markdown", "doc", "docx", "rtf", "odt", "htm", "html", "xml", "json",
    "layout",
];

/// Language codes in file names and the codes dossier uses; single letters
/// (ODS's) only after a hyphen.
const LANGUAGES: &[(&str, &str)] = &[
    ("EN", "en"),
    ("FR", "fr"),
    ("ES", "es"),
    ("RU", "ru"),
    ("AR", "ar"),
    ("ZH", "zh"),
    ("E", "en"),
    ("F", "fr"),
    ("S", "es"),
    ("R", "ru"),
    ("A", "ar"),
    ("C", "zh"),
];

/// The symbol a file name (or path) spells, with the language it names
/// (`en`, `fr`, `es`, `ru`, `ar`, `zh`), when the name is a symbol written
/// with underscores for slashes, in capitals, of a known series
/// (`A_C.3_80_L.7_Rev.1-FR.docx` is `A/C.3/80/L.7/Rev.1` in French).
/// `None` for any other name (`report.pdf`, `notes_2024.txt`, a job number).
pub fn from_file_name(name: &str) -> Option<(Symbol, Option<&'static str>)> {
    let mut stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    while let Some(shorter) = without_extension(stem) {
        stem = shorter;
    }
    let (stem, language) = match without_language(stem) {
        Some((shorter, code)) => (shorter, Some(code)),
        None => (stem, None),
    };
    let (series, _) = stem.split_once('_')?;
    if series.bytes().any(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let symbol = Symbol::parse(&stem.replace('_', "/"))?;
    symbol.has_known_series().then_some((symbol, language))
}

/// `stem` without a known extension at its end.
fn without_extension(stem: &str) -> Option<&str> {
    let (shorter, extension) = stem.rsplit_once('.')?;
    let known = EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(extension));
    (known && !shorter.is_empty()).then_some(shorter)
}

/// `stem` without a language code at its end, and the code.
fn without_language(stem: &str) -> Option<(&str, &'static str)> {
    let at = stem.rfind(['-', '_', '.'])?;
    let (shorter, code) = (&stem[..at], &stem[at + 1..]);
    let after_hyphen = stem[at..].starts_with('-');
    if shorter.is_empty() || (code.len() == 1 && !after_hyphen) {
        return None;
    }
    LANGUAGES
        .iter()
        .find(|(written, _)| written.eq_ignore_ascii_case(code))
        .map(|&(_, code)| (shorter, code))
}
