//! Plain-text decoding: UTF-8 (BOM stripped), UTF-16 LE/BE with a BOM, Windows-1252 fallback.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::ExtractError;

/// Decodes plain-text bytes to a string with `\n` line ends.
///
/// Invalid UTF-8 is read as Windows-1252 (a superset of ISO-8859-1 for printable bytes).
/// Always returns `Ok`. The `Result` keeps the signature in line with the other readers.
pub fn decode(bytes: &[u8]) -> Result<String, ExtractError> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        UTF_16LE.decode_without_bom_handling(rest).0.into_owned()
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        UTF_16BE.decode_without_bom_handling(rest).0.into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        }
    };
    Ok(normalize_line_ends(&text))
}

/// Turns CRLF and lone CR into LF.
pub(crate) fn normalize_line_ends(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> String {
        decode(bytes).expect("text decoding never fails")
    }

    #[test]
    fn utf8_bom_is_stripped() {
        assert_eq!(decoded(b"\xEF\xBB\xBFSkills"), "Skills");
    }

    #[test]
    fn utf16_little_endian_with_bom_is_decoded() {
        assert_eq!(decoded(b"\xFF\xFEG\0o\0\r\0\n\0"), "Go\n");
    }

    #[test]
    fn utf16_big_endian_with_bom_is_decoded() {
        assert_eq!(decoded(b"\xFE\xFF\0C\0#"), "C#");
    }

    #[test]
    fn windows_1252_fallback_maps_smart_punctuation() {
        assert_eq!(decoded(b"Caf\xE9 \x96 \x93AWS\x94"), "Café – “AWS”");
    }

    #[test]
    fn crlf_and_cr_become_lf() {
        assert_eq!(decoded(b"a\r\nb\rc\n"), "a\nb\nc\n");
    }
}
