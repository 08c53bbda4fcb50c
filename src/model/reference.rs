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
    /// Canonical key, e.g. `symbol:CTOC/COP/WG.4/2011/8` or `decision:4/4`:
    /// for a resolution or decision resolved to the document carrying it,
    /// that document's symbol (`symbol:A/RES/78/225`).
    pub key: String,
    /// The key as cited, before resolution (`resolution:78/225`), when it
    /// differs from `key`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cited_as: Option<String>,
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
/// `resolution 5/2`, `CTOC/COP/2012/1` (any case, trailing punctuation
/// ignored), `article 32(3)`, `rule 2`, a citation as written in a document,
/// a URL or an address. Returns `None` when nothing key-like is recognised.
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
    let bare = input.trim_end_matches(['.', ',', ';', ':']);
    let folded = crate::model::fold::fold(bare);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let number = |w: &str| is_session_number(w).then(|| w.to_string());
    match words.as_slice() {
        [n] if is_session_number(n) => return Some(format!("decision:{n}")),
        [w, n] if w.starts_with("decision") => return number(n).map(|n| format!("decision:{n}")),
        [w, n] if w.starts_with("resolution") => {
            return number(n).map(|n| format!("resolution:{n}"));
        }
        _ => {}
    }
    if let Some(key) = short_article(&folded) {
        return Some(key);
    }
    // A citation as it is written in a document ("paragraphe 3 de l'article 32 de la Convention").
    let found = crate::model::extract::extract_all(bare);
    if let [one] = found.as_slice() {
        return Some(one.key.clone());
    }
    let symbol = symbol_in_house_case(bare);
    crate::model::extract::symbol::is_symbol(&symbol)
        .then(|| format!("symbol:{}", canonical_symbol(&symbol)))
}

/// `article 32(3)`, `article 32.3`, `article 32 paragraph 3`, `rule 2`, with no
/// instrument named: articles are the Convention's, rules the rules of procedure.
fn short_article(folded: &str) -> Option<String> {
    use regex::Regex;
    use std::sync::LazyLock;
    static SHORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(article|art\.|rule|regle)\s*([0-9]+)(?:\s*\(([0-9]+)\)|\.([0-9]+)|,?\s*(?:paragraph|paragraphe|para\.|par\.|para)\s*([0-9]+))?$")
            .expect("valid regex")
    });
    let c = SHORT.captures(folded.trim())?;
    let instrument = if matches!(&c[1], "rule" | "regle") {
        "rules"
    } else {
        "convention"
    };
    let article = &c[2];
    Some(match c.get(3).or(c.get(4)).or(c.get(5)) {
        Some(p) => format!("article:{instrument}:{article}:{}", p.as_str()),
        None => format!("article:{instrument}:{article}"),
    })
}

/// A symbol typed in any case, in the case the UN writes it: components upper
/// case, modifiers (`Rev.2`, `Add.1`, `Corr.1`, `Amend.1`, `Summary`) capitalised.
fn symbol_in_house_case(typed: &str) -> String {
    typed
        .split('/')
        .map(|component| {
            let lower = component.to_ascii_lowercase();
            let modifier = ["rev.", "add.", "corr.", "amend."]
                .iter()
                .any(|m| lower.starts_with(m))
                || lower == "summary";
            if modifier {
                let mut chars = lower.chars();
                chars
                    .next()
                    .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                    .unwrap_or_default()
            } else {
                component.to_ascii_uppercase()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The canonical form of a symbol as written: inner whitespace removed.
pub fn canonical_symbol(written: &str) -> String {
    match crate::model::symbol::Symbol::parse(written) {
        Some(symbol) => symbol.to_string(),
        None => written.chars().filter(|c| !c.is_whitespace()).collect(),
    }
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
        assert_eq!(
            normalize_key("ctoc/cop/2005/3/rev.2").as_deref(),
            Some("symbol:CTOC/COP/2005/3/Rev.2")
        );
        assert_eq!(
            normalize_key("CTOC/COP/2012/1.").as_deref(),
            Some("symbol:CTOC/COP/2012/1")
        );
        assert_eq!(
            normalize_key("article 32(3)").as_deref(),
            Some("article:convention:32:3")
        );
        assert_eq!(
            normalize_key("Article 32, paragraph 3").as_deref(),
            Some("article:convention:32:3")
        );
        assert_eq!(normalize_key("rule 2").as_deref(), Some("article:rules:2"));
        assert_eq!(
            normalize_key("paragraphe 2 de l'article 2 de son règlement intérieur").as_deref(),
            Some("article:rules:2:2")
        );
        assert_eq!(
            normalize_key("par. 2 de l'article 14 du Protocole").as_deref(),
            Some("article:protocol:14:2")
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
