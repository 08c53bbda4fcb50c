//! Language versions and renderings of one document. The UN issues a
//! symbol in up to six languages; a user may hold a version twice (a PDF
//! and its markdown conversion). All are one document: the list shows one
//! row per symbol, and the reader moves between its languages.

use crate::model::document::Document;
use serde::Serialize;

/// The official languages in the order the UN lists them.
pub const UN_ORDER: &[&str] = &["ar", "zh", "en", "fr", "ru", "es"];

/// Which language a symbol's row shows first when it has several.
const PREFERRED: &[&str] = &["en", "fr", "es", "ru", "ar", "zh"];

/// One language version of a document: the rendering shown, and every
/// rendering of that language (the shown one first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Version {
    /// Language code (`en`), when known.
    pub language: Option<String>,
    /// Corpus index of the rendering shown.
    pub doc: usize,
    /// Corpus indexes of every rendering of this language, the shown one first.
    pub renderings: Vec<usize>,
}

/// The format of a document's file, as `list --json` names it (`pdf`,
/// `docx`, `odt`, `md`, `txt`).
pub fn format_of(doc: &Document) -> &'static str {
    match doc.encoding {
        "PDF" => "pdf",
        "DOCX" => "docx",
        "ODT" => "odt",
        _ if doc.is_markdown() => "md",
        _ => "txt",
    }
}

/// How good a rendering is to read, best first: curated markdown, the
/// word processor's own text, then text taken from printed pages, then
/// plain and fixed-width text.
fn format_rank(doc: &Document) -> u8 {
    match format_of(doc) {
        "md" => 0,
        "docx" => 1,
        "odt" => 2,
        "pdf" => 3,
        _ if doc.layout => 5,
        _ => 4,
    }
}

/// The order in which a symbol's copies are preferred for its row: by
/// language, then by rendering, then by path (so that it never depends on
/// the order files were read in).
pub fn rank(doc: &Document) -> (usize, u8, &std::path::Path) {
    let lang = doc
        .meta
        .language
        .as_deref()
        .and_then(|l| PREFERRED.iter().position(|p| *p == l))
        .unwrap_or(PREFERRED.len());
    (lang, format_rank(doc), &doc.path)
}

/// The language versions among `copies` (corpus indexes into `docs`), in
/// the UN's order of languages, each with its renderings best first.
pub fn of(docs: &[Document], copies: &[usize]) -> Vec<Version> {
    let mut versions: Vec<Version> = Vec::new();
    let mut sorted: Vec<usize> = copies.iter().copied().filter(|&i| i < docs.len()).collect();
    sorted.sort_by(|&a, &b| {
        let (da, db) = (&docs[a], &docs[b]);
        (format_rank(da), &da.path).cmp(&(format_rank(db), &db.path))
    });
    for i in sorted {
        let language = docs[i].meta.language.clone();
        match versions.iter_mut().find(|v| v.language == language) {
            Some(v) => v.renderings.push(i),
            None => versions.push(Version {
                language,
                doc: i,
                renderings: vec![i],
            }),
        }
    }
    versions.sort_by_key(|v| {
        v.language
            .as_deref()
            .and_then(|l| UN_ORDER.iter().position(|u| *u == l))
            .unwrap_or(UN_ORDER.len())
    });
    versions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse_document;

    fn doc(path: &str, lang: &str) -> Document {
        let text = format!("---\nsymbol: A/RES/48/161\nlanguage: {lang}\n---\n\nText.\n");
        parse_document("x".into(), path.into(), text, "UTF-8")
    }

    #[test]
    fn versions_group_by_language_in_the_un_order_best_rendering_first() {
        let docs = vec![
            doc("a/A_RES_48_161-FR.txt", "fr"),
            doc("a/A_RES_48_161-EN.txt", "en"),
            doc("a/A_RES_48_161-FR.md", "fr"),
            doc("a/A_RES_48_161-AR.txt", "ar"),
        ];
        let v = of(&docs, &[0, 1, 2, 3]);
        let langs: Vec<_> = v
            .iter()
            .map(|v| v.language.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(langs, ["ar", "en", "fr"]);
        assert_eq!(
            v[2].doc, 2,
            "the markdown rendering of the French version is shown"
        );
        assert_eq!(v[2].renderings, [2, 0]);
        assert!(rank(&docs[1]) < rank(&docs[2]), "English first in the list");
        assert_eq!(format_of(&docs[2]), "md");
    }
}
