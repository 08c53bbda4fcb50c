//! Searching inside one document (accent-insensitive, smart case: case matters
//! only when the query has a capital letter).
//!
//! Text is folded with the model's own folding ([`crate::model::fold`]), so a
//! search in a document agrees with the search bar (`strasse` finds `Straße`,
//! `oeuvre` finds `œuvre`). A document is folded once into a [`Folded`] text;
//! every keystroke then only scans that text for the query.

use crate::model::fold::fold_char;
use std::sync::Arc;
use unicode_normalization::char::is_combining_mark;

/// A document's text folded for searching, with a way back from folded byte
/// offsets to the document's.
#[derive(Clone)]
pub struct Folded {
    /// Corpus index of the document.
    pub doc: usize,
    /// Length in bytes of the text folded (to notice a changed document).
    pub len: usize,
    /// The folded text (lower case, no accents); line breaks kept.
    text: String,
    /// Every character whose folded form is not itself a single character of
    /// the same byte length: (folded start, source start, folded length,
    /// source length), in order. Between two of them, bytes map one to one.
    anchors: Vec<(u32, u32, u32, u32)>,
}

impl std::fmt::Debug for Folded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Folded")
            .field("doc", &self.doc)
            .field("len", &self.len)
            .field("anchors", &self.anchors.len())
            .finish()
    }
}

impl Folded {
    /// Folds `text` (document `doc` of the corpus).
    pub fn new(doc: usize, text: &str) -> Folded {
        let mut out = String::with_capacity(text.len());
        let mut anchors = Vec::new();
        let mut rest = text;
        let mut src = 0usize;
        while !rest.is_empty() {
            // ASCII runs fold byte for byte.
            let ascii = rest.bytes().take_while(u8::is_ascii).count();
            let at = out.len();
            out.push_str(&rest[..ascii]);
            out[at..].make_ascii_lowercase();
            src += ascii;
            rest = &rest[ascii..];
            let Some(c) = rest.chars().next() else { break };
            let start = out.len();
            fold_char(c, &mut out);
            let folded = &out[start..];
            let same_shape = folded.len() == c.len_utf8() && folded.chars().nth(1).is_none();
            if !same_shape {
                anchors.push((
                    start as u32,
                    src as u32,
                    folded.len() as u32,
                    c.len_utf8() as u32,
                ));
            }
            src += c.len_utf8();
            rest = &rest[c.len_utf8()..];
        }
        Folded {
            doc,
            len: text.len(),
            text: out,
            anchors,
        }
    }

    /// The source byte of folded byte `f` (the start of the source character
    /// when `f` falls inside one character's folded form). `hint` is where
    /// the previous lookup ended: hits come in order, so a forward walk from
    /// it is usually a step or two.
    fn source(&self, f: usize, hint: &mut usize) -> usize {
        let f32 = f as u32;
        let a = &self.anchors;
        if *hint > a.len() || (*hint > 0 && a[*hint - 1].0 > f32) {
            *hint = 0;
        }
        let mut steps = 0;
        while *hint < a.len() && a[*hint].0 <= f32 {
            *hint += 1;
            steps += 1;
            if steps == 64 {
                // Far ahead: search the rest.
                *hint += a[*hint..].partition_point(|x| x.0 <= f32);
                break;
            }
        }
        let Some(&(fs, ss, fl, sl)) = hint.checked_sub(1).and_then(|k| a.get(k)) else {
            return f;
        };
        if f32 < fs + fl {
            ss as usize
        } else {
            (ss + sl + (f32 - fs - fl)) as usize
        }
    }
}

/// `s` folded with case kept (for smart case): the model's folding, with
/// upper-case letters turned back to upper case.
fn fold_keeping_case(s: &str) -> String {
    let mut out = String::new();
    let mut one = String::new();
    for c in s.chars() {
        one.clear();
        fold_char(c, &mut one);
        if c.is_uppercase() {
            out.extend(one.chars().flat_map(char::to_uppercase));
        } else {
            out.push_str(&one);
        }
    }
    out
}

/// Byte ranges in `source` (the text `folded` was made from) where `query`
/// occurs (see the module doc for the rules).
pub fn find_in(folded: &Folded, source: &str, query: &str) -> Vec<(u32, u32)> {
    let mut needle = String::new();
    for c in query.chars() {
        fold_char(c, &mut needle);
    }
    if needle.trim().is_empty() || needle.contains('\n') {
        return Vec::new();
    }
    let keep_case = query.chars().any(char::is_uppercase);
    let cased = keep_case.then(|| fold_keeping_case(query));
    let mut hits = Vec::new();
    let mut hint = 0;
    for (at, m) in folded.text.match_indices(needle.as_str()) {
        let start = folded.source(at, &mut hint).min(source.len());
        let mut end = folded.source(at + m.len(), &mut hint).min(source.len());
        if end <= start {
            // Inside one character's folded form (`e` in `œ`): the whole character.
            end = start + source[start..].chars().next().map_or(0, char::len_utf8);
        }
        // Include combining marks following the last character.
        end += source[end..]
            .chars()
            .take_while(|&c| is_combining_mark(c))
            .map(char::len_utf8)
            .sum::<usize>();
        if let Some(cased) = &cased {
            if !fold_keeping_case(&source[start..end]).contains(cased.as_str()) {
                continue;
            }
        }
        hits.push((start as u32, end as u32));
    }
    hits
}

/// Byte ranges in `text` where `query` occurs (folding `text` first; the
/// explorer keeps folded documents in [`FoldCache`] instead).
pub fn find_all(text: &str, query: &str) -> Vec<(u32, u32)> {
    find_in(&Folded::new(0, text), text, query)
}

/// The last documents folded for searching (one per reader at most).
#[derive(Debug, Clone, Default)]
pub struct FoldCache {
    entries: Vec<Arc<Folded>>,
}

/// Documents kept folded at once.
const CACHED: usize = 2;

impl FoldCache {
    /// Document `doc` (whose text is `text`) folded, from the cache or made now.
    pub fn get(&mut self, doc: usize, text: &str) -> Arc<Folded> {
        if let Some(k) = self
            .entries
            .iter()
            .position(|f| f.doc == doc && f.len == text.len())
        {
            let f = self.entries.remove(k);
            self.entries.push(Arc::clone(&f));
            return f;
        }
        let f = Arc::new(Folded::new(doc, text));
        if self.entries.len() >= CACHED {
            self.entries.remove(0);
        }
        self.entries.push(Arc::clone(&f));
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_accent_insensitively_with_smart_case() {
        let text = "Décision 4/4\nla decision et la DÉCISION\n";
        let hits = find_all(text, "decision");
        assert_eq!(hits.len(), 3);
        assert_eq!(&text[hits[0].0 as usize..hits[0].1 as usize], "Décision");
        assert_eq!(find_all(text, "Decision").len(), 1);
        assert_eq!(find_all(text, "DÉCISION").len(), 1);
        assert_eq!(find_all("Re\u{301}sume\u{301}", "resume").len(), 1);
        assert_eq!(
            find_all("Re\u{301}sume\u{301}", "resume")[0],
            (0, "Re\u{301}sume\u{301}".len() as u32)
        );
        assert!(find_all(text, "  ").is_empty());
    }

    #[test]
    fn folds_like_the_search_bar() {
        let text = "Die Straße, l’œuvre, Æther, 联合国 и Конференция";
        for (q, want) in [
            ("strasse", "Straße"),
            ("oeuvre", "œuvre"),
            ("l'oeuvre", "l’œuvre"),
            ("aether", "Æther"),
            ("联合", "联合"),
            ("конференция", "Конференция"),
        ] {
            let hits = find_all(text, q);
            assert_eq!(hits.len(), 1, "{q}");
            let (s, e) = (hits[0].0 as usize, hits[0].1 as usize);
            assert_eq!(&text[s..e], want, "{q}");
        }
        // Part of a ligature: the whole character, never half of it.
        let hits = find_all("œ", "e");
        assert_eq!(hits, vec![(0, "œ".len() as u32)]);
    }

    #[test]
    fn hits_stay_on_character_boundaries_and_within_lines() {
        let text = "a\u{1b}[2J é ß\nss 联合国 ٱلأمم\u{301}\nﬁn";
        for q in ["s", "ss", "e", "联", "أمم", "a", "[2j", "fi", "n"] {
            for (s, e) in find_all(text, q) {
                let (s, e) = (s as usize, e as usize);
                assert!(s < e && e <= text.len(), "{q}");
                assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "{q}");
                assert!(!text[s..e].contains('\n'), "{q}");
            }
        }
        assert!(find_all(text, "ss\nss").is_empty());
    }

    #[test]
    fn offsets_map_back_in_any_order() {
        let text = "é".repeat(200) + "x" + &"œ".repeat(100) + "y";
        let f = Folded::new(0, &text);
        let x = f.text.find('x').unwrap();
        let y = f.text.find('y').unwrap();
        let mut hint = 0;
        for _ in 0..2 {
            assert_eq!(f.source(y, &mut hint), text.find('y').unwrap());
            assert_eq!(f.source(x, &mut hint), text.find('x').unwrap());
            assert_eq!(f.source(0, &mut hint), 0);
            assert_eq!(
                f.source(x + 2, &mut hint),
                text.find('x').unwrap() + 1,
                "inside œ"
            );
        }
        let hits = find_all(&text, "xoe");
        assert_eq!(hits, vec![(400, 403)]);
    }

    #[test]
    fn the_cache_folds_each_document_once() {
        let mut cache = FoldCache::default();
        let a = cache.get(0, "Straße");
        let b = cache.get(0, "Straße");
        assert!(Arc::ptr_eq(&a, &b));
        cache.get(1, "x");
        cache.get(2, "y");
        let c = cache.get(0, "Straße");
        assert!(!Arc::ptr_eq(&a, &c), "only the last two are kept");
    }
}
