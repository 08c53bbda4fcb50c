//! JSON output that cannot drive a terminal: serde_json escapes C0 controls
//! (ESC, BEL, …) but writes DEL, C1 controls (such as U+009B, a one-character
//! CSI) and bidirectional overrides raw. This formatter escapes those as
//! `\uXXXX` too, so `dossier … --json` is safe to print, and decodes to the
//! exact text.

use crate::sanitize::is_dangerous;
use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use std::io::{self, Write};

/// Writes `value` as JSON to `w`, indented when `pretty`, every terminal
/// control character escaped.
pub fn write<W: Write, T: Serialize + ?Sized>(
    w: &mut W,
    value: &T,
    pretty: bool,
) -> serde_json::Result<()> {
    if pretty {
        let mut ser =
            serde_json::Serializer::with_formatter(w, Inert(PrettyFormatter::with_indent(b"  ")));
        value.serialize(&mut ser)
    } else {
        let mut ser = serde_json::Serializer::with_formatter(w, Inert(CompactFormatter));
        value.serialize(&mut ser)
    }
}

/// A formatter that escapes what [`is_dangerous`] names inside strings and
/// otherwise lays out like the formatter it wraps.
struct Inert<F>(F);

impl<F: Formatter> Formatter for Inert<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Every dangerous character is a C0 control, DEL or starts with
        // one of these bytes (C1 controls: 0xC2; bidirectional controls:
        // 0xE2): text without them is written as it is.
        if !fragment
            .bytes()
            .any(|b| b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xe2))
        {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_dangerous(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                // Every dangerous character is in the Basic Multilingual Plane.
                write!(w, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn to_string(value: &Value, pretty: bool) -> String {
        let mut out = Vec::new();
        write(&mut out, value, pretty).expect("serialise");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn escapes_every_terminal_control() {
        let text = "a\u{1b}[2J b\u{7} c\u{7f} d\u{9b}31m e\u{202e}f é 日本";
        let value = json!({ "text": text, "list": [text] });
        for pretty in [false, true] {
            let out = to_string(&value, pretty);
            assert!(
                !out.chars().any(|c| is_dangerous(c) && c != '\n'),
                "{out:?}"
            );
            assert!(out.contains("\\u007f") && out.contains("\\u009b") && out.contains("\\u202e"));
            assert!(out.contains("é 日本"), "plain text stays as it is: {out}");
            let back: Value = serde_json::from_str(&out).expect("valid JSON");
            assert_eq!(back, value);
        }
    }

    proptest::proptest! {
        /// Whatever the text, what is written decodes to it and holds no
        /// dangerous character.
        #[test]
        fn any_text_round_trips_inert(text in "\\PC*|[\u{0}-\u{ff}\u{2020}-\u{2070}a-zé]*") {
            let mut out = Vec::new();
            write(&mut out, &text, false).expect("write");
            let written = String::from_utf8(out).expect("utf-8");
            proptest::prop_assert!(!written.chars().any(is_dangerous));
            let back: String = serde_json::from_str(&written).expect("json");
            proptest::prop_assert_eq!(back, text);
        }
    }

    #[test]
    fn lays_out_like_serde_json() {
        let value = json!({ "a": [1, 2, { "b": null }], "c": "d" });
        assert_eq!(
            to_string(&value, false),
            serde_json::to_string(&value).expect("json")
        );
        assert_eq!(
            to_string(&value, true),
            serde_json::to_string_pretty(&value).expect("json")
        );
    }
}
