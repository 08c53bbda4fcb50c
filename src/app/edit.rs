//! Editing a one-line input (the search bar, the find line, the list's
//! filter): inserting at a cursor, deleting a character or a word, and
//! making pasted text fit one line.

/// Longest paste taken into a one-line input, in characters.
const PASTE_MAX: usize = 1000;

/// Inserts `c` at the cursor (a position in characters).
pub fn insert(input: &mut String, cursor: &mut usize, c: char) {
    let at = byte_at(input, *cursor);
    input.insert(at, c);
    *cursor += 1;
}

/// Deletes the character before the cursor.
pub fn delete_char(input: &mut String, cursor: &mut usize) {
    if *cursor == 0 {
        return;
    }
    let at = byte_at(input, *cursor - 1);
    input.remove(at);
    *cursor -= 1;
}

/// Deletes the word before the cursor.
pub fn delete_word(input: &mut String, cursor: &mut usize) {
    let chars: Vec<char> = input.chars().collect();
    let end = (*cursor).min(chars.len());
    let mut i = end;
    while i > 0 && chars[i - 1] == ' ' {
        i -= 1;
    }
    while i > 0 && chars[i - 1] != ' ' {
        i -= 1;
    }
    let rest: String = chars[end..].iter().collect();
    *input = chars[..i].iter().collect::<String>() + &rest;
    *cursor = i;
}

/// The byte offset of character `chars` of `s` (its length past the end).
fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// True when `c` may be typed into a one-line input.
pub fn typable(c: char) -> bool {
    !c.is_control() && !crate::sanitize::is_dangerous(c)
}

/// `text` made fit for a one-line input: line breaks and tabs become spaces,
/// other control characters are dropped, runs of spaces are kept single.
pub fn one_line(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        };
        if !typable(c) {
            continue;
        }
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
        if out.chars().count() >= PASTE_MAX {
            break;
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_at_the_cursor() {
        let (mut s, mut c) = (String::from("traité de"), 9);
        delete_word(&mut s, &mut c);
        assert_eq!((s.as_str(), c), ("traité ", 7));
        delete_char(&mut s, &mut c);
        insert(&mut s, &mut c, 's');
        assert_eq!((s.as_str(), c), ("traités", 7));
        assert_eq!(one_line(" a\n\tb\u{1b}  c "), "a b c");
    }
}
