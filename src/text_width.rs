//! Display width of text and cutting it to a number of terminal columns
//! (double-width characters count two, combining marks none). Shared by the
//! CLI's tables and the explorer's panes.

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `s` in columns.
pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` cut to at most `width` columns, ending with `…` when cut; borrowed
/// when it fits. It does not make text inert: callers that print document
/// text pass it through [`crate::sanitize`] first.
pub fn truncate(s: &str, width: usize) -> Cow<'_, str> {
    if s.width() <= width {
        return Cow::Borrowed(s);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_display_width() {
        assert_eq!(truncate("abcdef", 6), "abcdef");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(truncate("联合国毒品", 4), "联…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(width("联合a"), 5);
    }
}
