//! Inline markup (bold, italic, HTML-ish tags, superscripts, footnote
//! markers) rendered into glyphs; control characters made visible.

use super::{Glyph, TAB, flag};
use crate::sanitize;
use unicode_width::UnicodeWidthChar;

/// Glyphs being built, and the column reached (for tab stops).
pub(super) struct Renderer {
    /// The glyphs so far.
    pub(super) glyphs: Vec<Glyph>,
    /// The column after the last glyph.
    pub(super) col: usize,
}

impl Renderer {
    /// Adds `c` (from document byte `byte`), made safe, tabs expanded.
    pub(super) fn push(&mut self, c: char, byte: u32, flags: u16) {
        if c == '\n' {
            // A joined line break: reflowed as a space.
            self.push(' ', byte, flags);
            return;
        }
        if c == '\t' {
            let n = TAB - self.col % TAB;
            for _ in 0..n {
                self.push(' ', byte, flags);
            }
            return;
        }
        let (c, flags) = if sanitize::is_dangerous(c) {
            (sanitize::placeholder(c), flags | flag::CONTROL)
        } else {
            (c, flags)
        };
        let width = c.width().unwrap_or(0) as u8;
        self.col += width as usize;
        self.glyphs.push(Glyph {
            c,
            byte,
            width,
            flags,
        });
    }
}

const TAGS: &[(&str, u16, bool)] = &[
    ("<i>", flag::ITALIC, true),
    ("</i>", flag::ITALIC, false),
    ("<em>", flag::ITALIC, true),
    ("</em>", flag::ITALIC, false),
    ("<b>", flag::BOLD, true),
    ("</b>", flag::BOLD, false),
    ("<strong>", flag::BOLD, true),
    ("</strong>", flag::BOLD, false),
    ("<sup>", flag::SUPER, true),
    ("</sup>", flag::SUPER, false),
];

/// Renders the inline markup of `text[from..]` (bold, italic, tags, superscripts, footnote markers).
pub(super) fn inline(out: &mut Renderer, text: &str, base: usize, from: usize, mut flags: u16) {
    let bytes = text.as_bytes();
    let mut i = from;
    let mut super_brace = false;
    while i < text.len() {
        let rest = &text[i..];
        let b = bytes[i];
        if b == b'*' {
            if let Some(after) = rest.strip_prefix("**") {
                let opening_line = text[from..i].trim().is_empty();
                let closing = flags & flag::BOLD != 0 || after.contains("**") || opening_line;
                let at_end = rest.len() == 2;
                if closing || at_end {
                    flags ^= flag::BOLD;
                    if at_end {
                        flags &= !flag::BOLD;
                    }
                    i += 2;
                    continue;
                }
            } else if flags & flag::ITALIC != 0 {
                if i > from && !bytes[i - 1].is_ascii_whitespace() {
                    flags &= !flag::ITALIC;
                    i += 1;
                    continue;
                }
            } else if rest.len() > 1 && !bytes[i + 1].is_ascii_whitespace() && bytes[i + 1] != b'*'
            {
                if let Some(close) = rest[1..].find('*') {
                    let inner = &rest[1..1 + close];
                    if !inner.is_empty() && !inner.ends_with(' ') && !inner.contains('\t') {
                        flags |= flag::ITALIC;
                        i += 1;
                        continue;
                    }
                }
            }
            out.push('*', (base + i) as u32, flags | flag::FOOTNOTE);
            i += 1;
            continue;
        }
        if b == b'<' {
            if let Some(&(tag, f, on)) = TAGS.iter().find(|(t, _, _)| {
                rest.get(..t.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(t))
            }) {
                if on {
                    flags |= f;
                } else {
                    flags &= !f;
                }
                i += tag.len();
                continue;
            }
        }
        if b == b'^' && rest.starts_with("^{") && rest.contains('}') {
            flags |= flag::SUPER;
            super_brace = true;
            i += 2;
            continue;
        }
        if b == b'}' && super_brace {
            flags &= !flag::SUPER;
            super_brace = false;
            i += 1;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c, (base + i) as u32, flags);
        i += c.len_utf8();
    }
}
