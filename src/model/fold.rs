//! Folding text for comparison: lower case, accents and other combining marks
//! removed, a few ligatures spelled out. `Résolution`, `resolution` and the NFD
//! form `Re\u{301}solution` all fold to `resolution`.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The folded form of `s`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded form of `s` to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    for c in s.chars() {
        fold_char(c, out);
    }
}

/// Appends the folded form of one character to `out`.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        '’' | '‘' | 'ʼ' => out.push('\''),
        '\u{a0}' | '\u{202f}' => out.push(' '),
        _ => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_forms() {
        assert_eq!(fold("Résolution"), "resolution");
        assert_eq!(fold("Re\u{301}solution"), "resolution");
        assert_eq!(fold("ŒUVRER à l’État"), "oeuvrer a l'etat");
        assert_eq!(fold("CTOC/COP/2012/1"), "ctoc/cop/2012/1");
        assert_eq!(fold("Шестая сессия"), "шестая сессия");
        assert_eq!(fold("Décision\u{a0}4/4"), "decision 4/4");
    }
}
