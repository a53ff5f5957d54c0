//! Turning a pack file's bytes into text: UTF-8 with or without BOM, else GBK; CRLF as LF;
//! and the size limit, checked before a file is read whole.

use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// Pack files larger than this are refused before parsing.
pub const MAX_PACK_BYTES: u64 = 10 * 1024 * 1024;

/// Why the bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Neither valid UTF-8 nor valid GBK.
    NotText,
    /// Larger than [`MAX_PACK_BYTES`].
    TooLarge(u64),
    /// UTF-16, what Notepad calls "Unicode" and Excel's "Unicode text" saves.
    Utf16,
    /// A spreadsheet workbook (.xlsx, or .xls/.et) rather than its CSV.
    Workbook,
}

/// Decode pack bytes: UTF-8 (a BOM is dropped), else GBK; CRLF becomes LF. UTF-16 and
/// workbooks are told apart from other bytes that are not text, since each has its own
/// remedy (a small workbook may even pass for GBK).
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if bytes.len() as u64 > MAX_PACK_BYTES {
        return Err(DecodeError::TooLarge(bytes.len() as u64));
    }
    if is_utf16(bytes) {
        return Err(DecodeError::Utf16);
    }
    if is_workbook(bytes) {
        return Err(DecodeError::Workbook);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(body) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            let (cow, had_errors) = encoding_rs::GBK.decode_without_bom_handling(body);
            if had_errors {
                return Err(DecodeError::NotText);
            }
            cow.into_owned()
        }
    };
    Ok(normalise_newlines(text))
}

/// A UTF-16 byte-order mark, or (without one) a NUL in every other byte of the start,
/// as ASCII text in UTF-16 has.
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    let half = head.len() / 2;
    half >= 4
        && (head.iter().step_by(2).all(|&b| b == 0)
            || head.iter().skip(1).step_by(2).all(|&b| b == 0))
}

/// The signature of a zip archive (.xlsx) or of an OLE compound file (.xls, WPS .et).
fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

fn normalise_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n")
}

/// Read a file, refusing one over [`MAX_PACK_BYTES`] without reading it all.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    // Only a regular file, opened without waiting: a FIFO named *.toml must not block.
    let file = crate::read_safe::open_regular(path).map_err(|e| ReadError::Io(e.into_io()))?;
    if let Ok(meta) = file.metadata()
        && meta.len() > MAX_PACK_BYTES
    {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_PACK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_PACK_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    TooLarge(u64),
}

/// sha256 of the text, lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("亲，在的".as_bytes()).unwrap(), "亲，在的");
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("亲，在的".as_bytes());
        assert_eq!(decode(&b).unwrap(), "亲，在的");
    }

    #[test]
    fn gbk_is_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("title = \"售前接待\"");
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes).unwrap(), "title = \"售前接待\"");
    }

    #[test]
    fn neither_utf8_nor_gbk() {
        // 0xFF is never valid in GBK nor UTF-8.
        assert_eq!(decode(b"a = \xFF\xFF"), Err(DecodeError::NotText));
    }

    #[test]
    fn utf16_and_workbooks_are_told_apart() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("id = 1".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le), Err(DecodeError::Utf16));
        let be: Vec<u8> = "[pack]\nid = 1"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode(&be), Err(DecodeError::Utf16));
        assert_eq!(decode(b"PK\x03\x04\x14\x00"), Err(DecodeError::Workbook));
        assert_eq!(
            decode(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00"),
            Err(DecodeError::Workbook)
        );
        // Short or ordinary text is neither.
        assert_eq!(decode(b"a\x00").as_deref(), Ok("a\u{0}"));
        assert_eq!(decode(b"PK = 1").as_deref(), Ok("PK = 1"));
    }

    #[test]
    fn crlf_becomes_lf() {
        assert_eq!(decode(b"a = 1\r\nb = 2\r\n").unwrap(), "a = 1\nb = 2\n");
        // A lone CR stays, to be reported as a control character.
        assert_eq!(decode(b"a\rb").unwrap(), "a\rb");
    }

    #[test]
    fn size_limit() {
        let big = vec![b' '; (MAX_PACK_BYTES + 1) as usize];
        assert!(matches!(decode(&big), Err(DecodeError::TooLarge(_))));
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.toml");
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(MAX_PACK_BYTES + 1).unwrap();
        assert!(matches!(read_limited(&p), Err(ReadError::TooLarge(_))));
        let small = dir.path().join("small.toml");
        std::fs::write(&small, b"x").unwrap();
        assert_eq!(read_limited(&small).unwrap(), b"x");
    }

    #[test]
    fn hash_is_of_decoded_text() {
        let a = decode(b"a = 1\r\n").unwrap();
        let b = decode(b"\xEF\xBB\xBFa = 1\n").unwrap();
        assert_eq!(sha256_hex(&a), sha256_hex(&b));
        assert_eq!(sha256_hex("").len(), 64);
    }
}
