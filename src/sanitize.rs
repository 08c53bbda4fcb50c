//! Terminal safety: text from documents must never reach the terminal as
//! control sequences. Control characters become visible placeholders (the
//! Unicode "control pictures": ESC shows as `␛`), so an OSC 52 clipboard write
//! or a screen clear inside a document is shown, never obeyed.

use std::borrow::Cow;

/// True for characters a terminal may act on: C0 controls (tab and newline
/// excepted), DEL and C1 controls.
pub fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || is_bidi_control(c)
}

/// Bidirectional embedding, override and isolate controls, which can make text
/// display in an order other than the one it is stored in.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Stand-in for C1 and bidirectional controls, which have no control picture:
/// `␦`, one column wide everywhere (unlike U+FFFD, which some terminals and
/// emulators measure differently).
pub const OTHER_CONTROL: char = '\u{2426}';

/// The visible stand-in for a dangerous character.
pub fn placeholder(c: char) -> char {
    match c {
        '\0'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or(OTHER_CONTROL),
        '\u{7F}' => '\u{2421}',
        _ => OTHER_CONTROL,
    }
}

/// `s` with every dangerous character replaced by its placeholder; borrowed
/// when there is nothing to replace.
pub fn inert(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_dangerous) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_dangerous(c) { placeholder(c) } else { c })
            .collect(),
    )
}

/// Like [`inert`], for one line of display: newlines and tabs are made inert
/// too (tabs as spaces, newlines as `␤`).
pub fn inert_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_dangerous(c) || c == '\n' || c == '\t') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' => ' ',
                '\n' => '\u{2424}',
                c if is_dangerous(c) => placeholder(c),
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_visible() {
        let osc52 = "copie \u{1b}]52;c;ZXZpbA==\u{7} et \u{1b}[2J fin";
        let safe = inert(osc52);
        assert!(!safe.contains('\u{1b}') && !safe.contains('\u{7}'));
        assert_eq!(safe, "copie ␛]52;c;ZXZpbA==␇ et ␛[2J fin");
        assert_eq!(inert("\u{9b}31m\u{7f}"), "\u{2426}31m\u{2421}");
        assert_eq!(inert("a\u{202E}b"), "a\u{2426}b");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(inert("Décision 4/4\tok\n"), Cow::Borrowed(_)));
        assert_eq!(inert_line("a\tb\nc"), "a b␤c");
    }
}
