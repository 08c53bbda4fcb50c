//! Families of documents: a symbol's revisions, addenda and corrigenda
//! (`A/80/L.21/Rev.1` under `A/80/L.21`), and the draft a resolution was
//! adopted from, in both directions. The draft is known from the
//! resolution's masthead (`[without reference to a Main Committee
//! (A/80/L.21)]`) or, for a committee's draft adopted "on the report of"
//! the committee, from one draft of the same session bearing the same
//! title; two drafts of that title and the link is left unmade (nothing is
//! guessed).

use crate::model::document::Document;
use crate::model::fold::fold;
use crate::model::symbol::{Kind, Symbol};
use serde::Serialize;
use std::collections::HashMap;

/// How a document stands in its family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The family's root: the first draft, or the document all others add to.
    pub base: String,
    /// `revision`, `addendum`, `corrigendum`, `amendment`, `summary`,
    /// `adopted_from` (a resolution and its draft) or `draft_of`.
    pub relation: &'static str,
    /// The symbol it stands in that relation to.
    pub of: String,
}

/// One member of a family, in the corpus or only named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// Its symbol.
    pub symbol: String,
    /// The document shown for it, when the corpus has it.
    #[serde(skip)]
    pub doc: Option<usize>,
    /// How it stands (`base` for the root).
    pub relation: &'static str,
    /// What it stands in that relation to.
    pub of: Option<String>,
    /// A draft or revision replaced by a later revision.
    pub superseded: bool,
}

/// The draft symbol a resolution's masthead names (`[without reference to
/// a Main Committee (A/80/L.21)]`, `(A/C.3/80/L.7/Rev.1)`): the first limited
/// (`L.`) symbol in a bracketed line near the top.
pub fn draft_named_in(text: &str) -> Option<String> {
    text.lines()
        .take(80)
        .map(str::trim)
        .filter(|l| l.starts_with('['))
        .map(|l| {
            l.replace(" and ", ";")
                .replace(" et ", ";")
                .replace(" y ", ";")
        })
        .collect::<Vec<_>>()
        .iter()
        .flat_map(|l| {
            l.split(['(', ')', ',', ';', '[', ']'])
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter_map(|piece| Symbol::parse(piece.trim()))
        .find(|s| s.kind() == Kind::Limited)
        .map(|s| s.to_string())
}

/// A title folded for comparison: case, accents and punctuation dropped.
pub fn title_key(title: &str) -> String {
    fold(title)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key under which a draft waits for the resolution adopted from it:
/// its series, session and folded title.
pub fn draft_key(doc: &Document) -> Option<(String, String, String)> {
    let symbol = Symbol::parse(doc.meta.symbol.as_deref()?)?;
    if symbol.kind() != Kind::Limited {
        return None;
    }
    let session = symbol.session()?.to_string();
    let title = title_key(doc.meta.title.as_deref()?);
    (!title.is_empty()).then(|| (symbol.series().to_string(), session, title))
}

/// The same key for a resolution or decision, to find its draft.
pub fn adopted_key(doc: &Document) -> Option<(String, String, String)> {
    let symbol = Symbol::parse(doc.meta.symbol.as_deref()?)?;
    if !matches!(symbol.kind(), Kind::Resolution | Kind::Decision) {
        return None;
    }
    let session = symbol.session()?.to_string();
    let title = title_key(doc.meta.title.as_deref()?);
    (!title.is_empty()).then(|| (symbol.series().to_string(), session, title))
}

/// The revision number a symbol's modifiers carry (0 for the original).
pub fn revision_of(symbol: &Symbol) -> u32 {
    symbol
        .modifiers()
        .iter()
        .filter_map(|m| match m {
            crate::model::symbol::Modifier::Revision(n) => Some(*n),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// Series, session and folded title: how a draft and its resolution meet.
type TitleKey = (String, String, String);

/// The corpus's family indexes, filled as documents are added.
#[derive(Debug, Default)]
pub struct Index {
    /// Base symbol → documents whose symbol has that base (itself included).
    by_base: HashMap<String, Vec<usize>>,
    /// Drafts by series, session and title.
    drafts: HashMap<TitleKey, Vec<usize>>,
    /// Resolutions and decisions by series, session and title.
    adopted: HashMap<TitleKey, Vec<usize>>,
    /// A resolution → the draft its masthead names.
    named: HashMap<usize, String>,
    /// A draft's base → the resolutions whose masthead names it (or a revision of it).
    named_by: HashMap<String, Vec<usize>>,
}

impl Index {
    /// Indexes document `i`.
    pub fn add(&mut self, i: usize, doc: &Document) {
        let Some(symbol) = doc.meta.symbol.as_deref().and_then(Symbol::parse) else {
            return;
        };
        self.by_base
            .entry(symbol.base().to_string())
            .or_default()
            .push(i);
        if let Some(key) = draft_key(doc) {
            self.drafts.entry(key).or_default().push(i);
        }
        if let Some(key) = adopted_key(doc) {
            self.adopted.entry(key).or_default().push(i);
            if let Some(draft) = doc.named_draft() {
                if let Some(base) = Symbol::parse(&draft).map(|d| d.base().to_string()) {
                    self.named_by.entry(base).or_default().push(i);
                }
                self.named.insert(i, draft);
            }
        }
    }

    /// The draft resolution or decision `i` was adopted from: the one its
    /// masthead names, else the one draft of its session with its title.
    pub fn draft_of(&self, docs: &[Document], i: usize) -> Option<String> {
        if let Some(named) = self.named.get(&i) {
            return Some(named.clone());
        }
        let key = adopted_key(docs.get(i)?)?;
        let drafts = self.drafts.get(&key)?;
        let parsed: Vec<Symbol> = drafts
            .iter()
            .filter_map(|&d| docs.get(d)?.meta.symbol.as_deref().and_then(Symbol::parse))
            .collect();
        let base = parsed.first()?.base();
        if parsed.iter().any(|s| s.base() != base) {
            return None; // two drafts of that title: not guessed
        }
        parsed
            .into_iter()
            .filter(|s| {
                s.relation()
                    .is_none_or(|r| r == crate::model::symbol::Relation::Revision)
            })
            .max_by_key(revision_of)
            .map(|s| s.to_string())
    }

    /// The resolutions and decisions adopted from the draft family `base`.
    pub fn adopted_from(&self, docs: &[Document], base: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self.named_by.get(base).cloned().unwrap_or_default();
        for &d in self.by_base.get(base).into_iter().flatten() {
            let Some(key) = docs.get(d).and_then(draft_key) else {
                continue;
            };
            for &r in self.adopted.get(&key).into_iter().flatten() {
                let from = self.draft_of(docs, r);
                let same = from
                    .as_deref()
                    .and_then(Symbol::parse)
                    .is_some_and(|s| s.base().as_str() == base);
                if same && !out.contains(&r) {
                    out.push(r);
                }
            }
        }
        out
    }

    /// The root of document `i`'s family: its draft's base for an adopted
    /// text, else its own symbol's base.
    pub fn root(&self, docs: &[Document], i: usize) -> Option<String> {
        if let Some(draft) = self.draft_of(docs, i) {
            return Symbol::parse(&draft).map(|s| s.base().to_string());
        }
        let symbol = Symbol::parse(docs.get(i)?.meta.symbol.as_deref()?)?;
        Some(symbol.base().to_string())
    }

    /// How document `i` stands in its family, when it has one.
    pub fn link(&self, docs: &[Document], i: usize) -> Option<Link> {
        let symbol = Symbol::parse(docs.get(i)?.meta.symbol.as_deref()?)?;
        let base = self.root(docs, i)?;
        if let (Some(relation), Some(parent)) = (symbol.relation(), symbol.parent()) {
            return Some(Link {
                base,
                relation: relation.name(),
                of: parent.to_string(),
            });
        }
        if let Some(draft) = self.draft_of(docs, i) {
            return Some(Link {
                base,
                relation: "adopted_from",
                of: draft,
            });
        }
        let adopted = self.adopted_from(docs, &base);
        let first = adopted
            .first()
            .and_then(|&r| docs.get(r)?.meta.symbol.clone())?;
        Some(Link {
            base,
            relation: "draft_of",
            of: first,
        })
    }

    /// Every member of document `i`'s family: the root and what adds to it
    /// or revises it, the texts adopted from it and their own addenda and
    /// corrigenda; earlier revisions marked superseded. Empty when it has none.
    pub fn members(&self, docs: &[Document], i: usize) -> Vec<Member> {
        let Some(root) = self.root(docs, i) else {
            return Vec::new();
        };
        let mut members: Vec<Member> = Vec::new();
        let mut add =
            |symbol: String, doc: Option<usize>, relation: &'static str, of: Option<String>| {
                if !members.iter().any(|m| m.symbol == symbol) {
                    members.push(Member {
                        symbol,
                        doc,
                        relation,
                        of,
                        superseded: false,
                    });
                }
            };
        let of_symbol = |d: usize| docs.get(d).and_then(|x| x.meta.symbol.clone());
        let family_of =
            |base: &str,
             add: &mut dyn FnMut(String, Option<usize>, &'static str, Option<String>)| {
                let mut docs_of: Vec<usize> = self.by_base.get(base).cloned().unwrap_or_default();
                docs_of.sort_by_key(|&d| of_symbol(d).as_deref().and_then(Symbol::parse));
                if !docs_of
                    .iter()
                    .any(|&d| of_symbol(d).as_deref() == Some(base))
                {
                    add(base.to_string(), None, "base", None);
                }
                for d in docs_of {
                    let Some(s) = of_symbol(d).as_deref().and_then(Symbol::parse) else {
                        continue;
                    };
                    match (s.relation(), s.parent()) {
                        (Some(r), Some(p)) => {
                            add(s.to_string(), Some(d), r.name(), Some(p.to_string()))
                        }
                        _ => add(s.to_string(), Some(d), "base", None),
                    }
                }
            };
        family_of(&root, &mut add);
        for r in self.adopted_from(docs, &root) {
            let Some(symbol) = of_symbol(r) else { continue };
            add(
                symbol.clone(),
                Some(r),
                "adopted_from",
                self.draft_of(docs, r),
            );
            family_of(&symbol, &mut add);
        }
        // The latest revision of the draft stands; the earlier ones are superseded.
        let latest = members
            .iter()
            .filter_map(|m| Symbol::parse(&m.symbol))
            .filter(|s| {
                s.base().as_str() == root
                    && s.modifiers()
                        .iter()
                        .all(|m| matches!(m, crate::model::symbol::Modifier::Revision(_)))
            })
            .map(|s| revision_of(&s))
            .max()
            .unwrap_or(0);
        for m in &mut members {
            if let Some(s) = Symbol::parse(&m.symbol) {
                let draft_line = s.base().as_str() == root
                    && s.modifiers()
                        .iter()
                        .all(|x| matches!(x, crate::model::symbol::Modifier::Revision(_)));
                m.superseded = draft_line && revision_of(&s) < latest;
            }
        }
        if members.len() < 2 {
            return Vec::new();
        }
        members
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draft_is_read_from_the_resolution_masthead() {
        let t = "Resolution adopted by the General Assembly\non 18 December 2025\n\n[without reference to a Main Committee (A/80/L.21)]\n\n80/174. Title\n";
        assert_eq!(draft_named_in(t).as_deref(), Some("A/80/L.21"));
        let t = "[on the report of the Third Committee (A/80/476)]\n";
        assert_eq!(
            draft_named_in(t),
            None,
            "a committee report is not the draft"
        );
        let t = "[without reference to a Main Committee (A/78/L.73 and A/78/L.73/Add.1)]\n";
        assert_eq!(draft_named_in(t).as_deref(), Some("A/78/L.73"));
    }

    #[test]
    fn titles_compare_without_case_accents_or_punctuation() {
        assert_eq!(
            title_key("Strengthening the United Nations crime-prevention programme,"),
            title_key("strengthening the United Nations crime prevention programme")
        );
    }
}
