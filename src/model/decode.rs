//! Turning a file's bytes into text: UTF-8 (with or without BOM, a few invalid
//! bytes replaced), UTF-16 and UTF-32 (with a BOM, or recognisably without
//! one), and legacy 8-bit encodings guessed by chardetng. Binary files are
//! refused with a reason, like ripgrep does; text followed by binary data keeps
//! its text part, and says so.

use thiserror::Error;

/// Why bytes were not taken as text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NotText {
    /// The bytes are a known binary format or hold NUL bytes.
    #[error("binary file ({0})")]
    Binary(String),
}

/// Something the reader of a document should know about how it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum Caveat {
    /// Bytes that were not valid in the encoding became U+FFFD.
    #[error("{0} invalid byte{s} replaced", s = if *.0 == 1 { "" } else { "s" })]
    InvalidBytesReplaced(usize),
    /// The text ends where binary data (a NUL byte) starts, at this offset.
    #[error("binary data from byte {0} on left out; the text before it is kept")]
    BinaryTail(usize),
    /// The file's size or modification time changed while it was read.
    #[error("changed while read: what was read may be incomplete")]
    ChangedWhileRead,
}

/// Decoded text and the name of the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, line endings made `\n`, without a byte order mark.
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `UTF-32LE`, `windows-1252`, …
    pub encoding: &'static str,
    /// What was replaced or left out on the way.
    pub caveats: Vec<Caveat>,
}

const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
];

/// A NUL byte this early makes the file binary; a later one ends its text part.
const BINARY_HEAD: usize = 64 * 1024;

/// Decodes `bytes` as text, or says why they are not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    decode_owned(bytes.to_vec())
}

/// Like [`decode`], taking the bytes: UTF-8 text (the common case) becomes
/// the `String` without a copy.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, NotText> {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
        return eight_bit(bytes);
    }
    if bytes.starts_with(b"\xff\xfe\0\0") {
        return Ok(utf32(&bytes[4..], false));
    }
    if bytes.starts_with(b"\0\0\xfe\xff") {
        return Ok(utf32(&bytes[4..], true));
    }
    if bytes.starts_with(b"\xff\xfe") {
        return Ok(utf16(&bytes[2..], encoding_rs::UTF_16LE));
    }
    if bytes.starts_with(b"\xfe\xff") {
        return Ok(utf16(&bytes[2..], encoding_rs::UTF_16BE));
    }
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Err(NotText::Binary((*what).to_string()));
    }
    if let Some(big_endian) = bomless_utf32(&bytes) {
        return Ok(utf32(&bytes, big_endian));
    }
    if let Some(enc) = bomless_utf16(&bytes) {
        return Ok(utf16(&bytes, enc));
    }
    eight_bit(bytes)
}

/// UTF-8 or a legacy 8-bit encoding, decided on the whole file: a NUL byte in
/// the first 64 KiB makes it binary, a later one ends its text part.
fn eight_bit(mut bytes: Vec<u8>) -> Result<Decoded, NotText> {
    let mut caveats = Vec::new();
    if let Some(at) = memchr::memchr(0, &bytes) {
        if at < BINARY_HEAD {
            return Err(NotText::Binary(format!("NUL byte at offset {at}")));
        }
        bytes.truncate(at);
        caveats.push(Caveat::BinaryTail(at));
    }
    let mut decoded = utf8_or_legacy(bytes);
    decoded.caveats.extend(caveats);
    Ok(decoded)
}

fn utf8_or_legacy(bytes: Vec<u8>) -> Decoded {
    let bytes = match String::from_utf8(bytes) {
        Ok(s) => {
            let text = if memchr::memchr(b'\r', s.as_bytes()).is_some() {
                normalize_newlines(&s)
            } else {
                s
            };
            return Decoded {
                text,
                encoding: "UTF-8",
                caveats: Vec::new(),
            };
        }
        Err(e) => e.into_bytes(),
    };
    if let Some(decoded) = mostly_utf8(&bytes) {
        return decoded;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, _) = encoding.decode(&bytes);
    Decoded {
        text: normalize_newlines(&text),
        encoding: encoding.name(),
        caveats: Vec::new(),
    }
}

/// UTF-8 with a few invalid bytes (a stray byte, a last character cut in
/// half, a CESU-8 surrogate) is UTF-8 with replacement characters: it is
/// taken as such when its valid non-ASCII characters outnumber its invalid
/// bytes. A legacy 8-bit file has almost no valid multi-byte sequence.
fn mostly_utf8(bytes: &[u8]) -> Option<Decoded> {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().bytes().filter(|&b| b >= 0xc0).count();
        invalid += chunk.invalid().len();
    }
    if multibyte < invalid {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    Some(Decoded {
        text: normalize_newlines(&text),
        encoding: "UTF-8",
        caveats: vec![Caveat::InvalidBytesReplaced(invalid)],
    })
}

fn utf16(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Decoded {
    let (text, malformed) = encoding.decode_without_bom_handling(bytes);
    let caveats = if malformed {
        let invalid = text
            .chars()
            .filter(|&c| c == char::REPLACEMENT_CHARACTER)
            .count();
        vec![Caveat::InvalidBytesReplaced(invalid * 2)]
    } else {
        Vec::new()
    };
    Decoded {
        text: normalize_newlines(&text),
        encoding: encoding.name(),
        caveats,
    }
}

/// UTF-32 (which encoding_rs leaves out): each four bytes one character,
/// anything that is not a character (and a last unit cut short) replaced.
fn utf32(bytes: &[u8], big_endian: bool) -> Decoded {
    let mut text = String::with_capacity(bytes.len() / 4);
    let mut invalid = bytes.len() % 4;
    for unit in bytes.chunks_exact(4) {
        let unit = [unit[0], unit[1], unit[2], unit[3]];
        let n = if big_endian {
            u32::from_be_bytes(unit)
        } else {
            u32::from_le_bytes(unit)
        };
        text.push(char::from_u32(n).unwrap_or_else(|| {
            invalid += 4;
            char::REPLACEMENT_CHARACTER
        }));
    }
    if bytes.len() % 4 != 0 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    let caveats = if invalid > 0 {
        vec![Caveat::InvalidBytesReplaced(invalid)]
    } else {
        Vec::new()
    };
    Decoded {
        text: normalize_newlines(&text),
        encoding: if big_endian { "UTF-32BE" } else { "UTF-32LE" },
        caveats,
    }
}

/// UTF-32 without a BOM: in text of the Basic Multilingual Plane, two bytes of
/// every four are NUL (the high ones), the first or the last two. `Some(true)`
/// for big-endian.
fn bomless_utf32(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(4096) & !3];
    if head.len() < 8 {
        return None;
    }
    let units = head.chunks_exact(4);
    let le = units.clone().all(|u| u[2] == 0 && u[3] == 0 && u[0] != 0);
    let be = units.clone().all(|u| u[0] == 0 && u[1] == 0 && u[3] != 0);
    match (le, be) {
        (true, false) => Some(false),
        (false, true) => Some(true),
        _ => None,
    }
}

/// UTF-16 without a BOM: most odd (LE) or even (BE) bytes are NUL in Latin text.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// `\r\n` and lone `\r` become `\n`; a BOM left inside is dropped.
pub fn normalize_newlines(s: &str) -> String {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    if !s.contains('\r') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("décision\r\n4/4\rfin".as_bytes()).expect("text");
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("décision\n4/4\nfin", "UTF-8")
        );
        let d = decode(b"\xef\xbb\xbfabc").expect("text");
        assert_eq!(d.text, "abc");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut le = vec![0xff, 0xfe];
        le.extend("Décision 4/4".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le).expect("text");
        assert_eq!((d.text.as_str(), d.encoding), ("Décision 4/4", "UTF-16LE"));
        let be: Vec<u8> = "Résolution 5/2 de la Conférence"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let d = decode(&be).expect("text");
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Résolution 5/2 de la Conférence", "UTF-16BE")
        );
    }

    #[test]
    fn legacy_8bit() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("La Conférence a décidé, conformément à la décision 4/4, de créer un groupe de travail à composition non limitée.");
        let d = decode(&bytes).expect("text");
        assert!(d.text.contains("Conférence a décidé"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn a_few_invalid_bytes_leave_utf8_utf8() {
        let mut bytes = "La Conférence, décision 4/4. ".repeat(10).into_bytes();
        bytes.push(0xff);
        bytes.extend_from_slice(b"\xed\xa0\x80 fin ");
        bytes.extend_from_slice(&"é".as_bytes()[..1]);
        let d = decode(&bytes).expect("text");
        assert_eq!(d.encoding, "UTF-8");
        assert!(
            d.text.starts_with("La Conférence, décision 4/4."),
            "{}",
            d.text
        );
        assert_eq!(d.caveats, [Caveat::InvalidBytesReplaced(5)]);
    }

    #[test]
    fn caveats_read_as_sentences() {
        assert_eq!(
            Caveat::InvalidBytesReplaced(1).to_string(),
            "1 invalid byte replaced"
        );
        assert_eq!(
            Caveat::InvalidBytesReplaced(3).to_string(),
            "3 invalid bytes replaced"
        );
    }

    #[test]
    fn utf32_with_and_without_bom() {
        let text = "Conférence, décision 4/4";
        let le: Vec<u8> = text
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        let be: Vec<u8> = text
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect();
        for (bytes, name) in [
            ([b"\xff\xfe\0\0".as_slice(), &le].concat(), "UTF-32LE"),
            ([b"\0\0\xfe\xff".as_slice(), &be].concat(), "UTF-32BE"),
            (le.clone(), "UTF-32LE"),
            (be.clone(), "UTF-32BE"),
        ] {
            let d = decode(&bytes).expect("text");
            assert_eq!((d.text.as_str(), d.encoding), (text, name));
            assert!(d.caveats.is_empty());
        }
    }

    #[test]
    fn text_followed_by_binary_keeps_its_text() {
        let mut bytes = "décision 4/4\n".repeat(10_000).into_bytes();
        let at = bytes.len();
        bytes.extend_from_slice(b"\0\x01\x02\xff\xfe binary");
        let d = decode(&bytes).expect("text");
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text.len(), at);
        assert_eq!(d.caveats, [Caveat::BinaryTail(at)]);
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(decode(b"%PDF-1.7\n..."), Err(NotText::Binary(_))));
        assert!(matches!(decode(b"abc\0def"), Err(NotText::Binary(_))));
        assert_eq!(decode(b"").map(|d| d.text), Ok(String::new()));
    }
}
