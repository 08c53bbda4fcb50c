//! References: citations found in a document, each with its position and a
//! canonical key (`symbol:…`, `decision:4/4`, `article:convention:32:3`, …).

use serde::Serialize;
use std::fmt;

/// What a reference points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    /// A UN document symbol (`CTOC/COP/2012/1`).
    Symbol,
    /// A decision of a body (`décision 4/4`).
    Decision,
    /// A resolution of a body (`résolution 5/2`).
    Resolution,
    /// An article of the Convention, a Protocol or the rules of procedure.
    Article,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
}

impl RefKind {
    /// Every kind, in display order.
    pub const ALL: [RefKind; 6] = [
        RefKind::Symbol,
        RefKind::Decision,
        RefKind::Resolution,
        RefKind::Article,
        RefKind::Url,
        RefKind::Email,
    ];

    /// The key prefix and CLI name of the kind.
    pub fn name(self) -> &'static str {
        match self {
            RefKind::Symbol => "symbol",
            RefKind::Decision => "decision",
            RefKind::Resolution => "resolution",
            RefKind::Article => "article",
            RefKind::Url => "url",
            RefKind::Email => "email",
        }
    }

    /// The kind named `name` (as printed by [`RefKind::name`]).
    pub fn from_name(name: &str) -> Option<RefKind> {
        RefKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The kind of a canonical key, from its prefix.
    pub fn of_key(key: &str) -> Option<RefKind> {
        RefKind::from_name(key.split_once(':')?.0)
    }
}

impl fmt::Display for RefKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One citation in a document: what it points to and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The kind of thing cited.
    pub kind: RefKind,
    /// Canonical key, e.g. `symbol:CTOC/COP/WG.4/2011/8` or `decision:4/4`.
    pub key: String,
    /// 1-based line where the citation starts.
    pub line: usize,
    /// 1-based column (in characters) where it starts on that line.
    pub column: usize,
    /// 1-based line where it ends (usually `line`).
    pub end_line: usize,
    /// 1-based column just past its last character on `end_line`.
    pub end_column: usize,
    /// Byte offset of its start in the document text.
    #[serde(skip)]
    pub start: usize,
    /// Byte offset just past its end in the document text.
    #[serde(skip)]
    pub end: usize,
}

impl Reference {
    /// The cited text as written in `doc_text`.
    pub fn text<'t>(&self, doc_text: &'t str) -> &'t str {
        doc_text.get(self.start..self.end).unwrap_or("")
    }

    /// The part of the key after its kind prefix (`4/4` for `decision:4/4`).
    pub fn target(&self) -> &str {
        self.key.split_once(':').map_or("", |(_, t)| t)
    }
}

/// Turns what a person types into a canonical key: `4/4`, `décision 4/4`,
/// `resolution 5/2`, `CTOC/COP/2012/1`, `article 32(3)`, a URL or an address.
/// Returns `None` when nothing key-like is recognised.
pub fn normalize_key(input: &str) -> Option<String> {
    let input = input.trim();
    if input.is_empty() {
        return None;
    }
    if let Some((prefix, rest)) = input.split_once(':') {
        if RefKind::from_name(prefix).is_some() && !rest.is_empty() && !rest.starts_with("//") {
            return Some(match prefix {
                "symbol" => format!("symbol:{}", canonical_symbol(rest)),
                _ => format!("{prefix}:{}", rest.trim()),
            });
        }
    }
    if input.contains("://") || input.starts_with("www.") {
        return Some(format!("url:{input}"));
    }
    if let Some(addr) = input.strip_prefix("mailto:") {
        return Some(format!("email:{addr}"));
    }
    if input.contains('@') && !input.contains(' ') {
        return Some(format!("email:{input}"));
    }
    let folded = crate::model::fold::fold(input);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let number = |w: &str| is_session_number(w).then(|| w.to_string());
    match words.as_slice() {
        [n] if is_session_number(n) => Some(format!("decision:{n}")),
        [w, n] if w.starts_with("decision") => number(n).map(|n| format!("decision:{n}")),
        [w, n] if w.starts_with("resolution") => number(n).map(|n| format!("resolution:{n}")),
        _ => {
            if crate::model::extract::symbol::is_symbol(input) {
                Some(format!("symbol:{}", canonical_symbol(input)))
            } else {
                None
            }
        }
    }
}

/// The canonical form of a symbol as written: inner whitespace removed.
pub fn canonical_symbol(written: &str) -> String {
    written.chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_session_number(s: &str) -> bool {
    let Some((a, b)) = s.split_once('/') else {
        return false;
    };
    let a = a
        .strip_prefix("s-")
        .or_else(|| a.strip_prefix("es-"))
        .unwrap_or(a);
    !a.is_empty()
        && !b.is_empty()
        && a.bytes().all(|c| c.is_ascii_digit())
        && b.bytes().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_what_people_type() {
        assert_eq!(normalize_key("4/4").as_deref(), Some("decision:4/4"));
        assert_eq!(
            normalize_key("décision 4/4").as_deref(),
            Some("decision:4/4")
        );
        assert_eq!(
            normalize_key("Résolution 5/2").as_deref(),
            Some("resolution:5/2")
        );
        assert_eq!(
            normalize_key("decision:4/4").as_deref(),
            Some("decision:4/4")
        );
        assert_eq!(
            normalize_key("CTOC/COP/2012/1").as_deref(),
            Some("symbol:CTOC/COP/2012/1")
        );
        assert_eq!(
            normalize_key("symbol:E/CN.15/2008/ CRP.2").as_deref(),
            Some("symbol:E/CN.15/2008/CRP.2")
        );
        assert_eq!(
            normalize_key("article:convention:32:3").as_deref(),
            Some("article:convention:32:3")
        );
        assert_eq!(
            normalize_key("untoc.cop@unodc.org").as_deref(),
            Some("email:untoc.cop@unodc.org")
        );
        assert_eq!(
            normalize_key("http://example.org/a").as_deref(),
            Some("url:http://example.org/a")
        );
        assert_eq!(normalize_key("hello world"), None);
        assert_eq!(normalize_key("  "), None);
    }

    #[test]
    fn kind_of_key() {
        assert_eq!(RefKind::of_key("decision:4/4"), Some(RefKind::Decision));
        assert_eq!(RefKind::of_key("nope:1"), None);
    }
}
