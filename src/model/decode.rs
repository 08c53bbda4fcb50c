//! Turning a file's bytes into text: UTF-8 (with or without BOM), UTF-16 (with
//! a BOM, or recognisably without one), and legacy 8-bit encodings guessed by
//! chardetng. Binary files are refused with a reason, like ripgrep does.

use thiserror::Error;

/// Why bytes were not taken as text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NotText {
    /// The bytes are a known binary format or hold NUL bytes.
    #[error("binary file ({0})")]
    Binary(String),
}

/// Decoded text and the name of the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, line endings made `\n`, without a byte order mark.
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1252`, …
    pub encoding: &'static str,
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

/// Decodes `bytes` as text, or says why they are not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    decode_owned(bytes.to_vec())
}

/// Like [`decode`], taking the bytes: UTF-8 text (the common case) becomes
/// the `String` without a copy.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, NotText> {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
        return utf8_or_legacy(bytes);
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
    if let Some(enc) = bomless_utf16(&bytes) {
        return Ok(utf16(&bytes, enc));
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if let Some(at) = memchr::memchr(0, head) {
        return Err(NotText::Binary(format!("NUL byte at offset {at}")));
    }
    utf8_or_legacy(bytes)
}

fn utf8_or_legacy(bytes: Vec<u8>) -> Result<Decoded, NotText> {
    let bytes = match String::from_utf8(bytes) {
        Ok(s) => {
            let text = if memchr::memchr(b'\r', s.as_bytes()).is_some() {
                normalize_newlines(&s)
            } else {
                s
            };
            return Ok(Decoded {
                text,
                encoding: "UTF-8",
            });
        }
        Err(e) => e.into_bytes(),
    };
    let bytes = bytes.as_slice();
    if memchr::memchr(0, &bytes[..bytes.len().min(64 * 1024)]).is_some() {
        return Err(NotText::Binary("NUL bytes".into()));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, _) = encoding.decode(bytes);
    Ok(Decoded {
        text: normalize_newlines(&text),
        encoding: encoding.name(),
    })
}

fn utf16(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: normalize_newlines(&text),
        encoding: encoding.name(),
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
    fn binary_is_refused() {
        assert!(matches!(decode(b"%PDF-1.7\n..."), Err(NotText::Binary(_))));
        assert!(matches!(decode(b"abc\0def"), Err(NotText::Binary(_))));
        assert_eq!(decode(b"").map(|d| d.text), Ok(String::new()));
    }
}
