//! File type detection from magic bytes and, for zip archives, from the entry names.

use std::io::{Cursor, Read};

use super::{ExtractError, FileKind};

/// How far into the file a `%PDF-` header may start; some producers write junk first.
const PDF_HEADER_WINDOW: usize = 1024;
/// Largest `[Content_Types].xml` read while checking for macro-enabled content, in bytes.
const CONTENT_TYPES_MAX_BYTES: u64 = 1024 * 1024;
/// Share of control bytes above which single-byte data counts as binary.
const MAX_CONTROL_SHARE: f64 = 0.02;

/// Decides the document type from the bytes.
///
/// Returns [`ExtractError::Empty`] for no bytes, and [`ExtractError::Unsupported`] naming
/// what the bytes are when they are not a PDF, a DOCX or plain text (a legacy `.doc`, a
/// `.docm`, another zip archive, an image or binary data).
pub fn sniff(bytes: &[u8]) -> Result<FileKind, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    let window = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    if window.windows(5).any(|w| w == b"%PDF-") {
        return Ok(FileKind::Pdf);
    }
    if let Some(detected) = binary_signature(bytes) {
        return unsupported(detected);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(b"{\\rtf") {
        return unsupported("Rich Text Format document (.rtf)");
    }
    if looks_like_text(bytes) {
        return Ok(FileKind::Text);
    }
    unsupported("binary data")
}

fn unsupported(detected: &str) -> Result<FileKind, ExtractError> {
    Err(ExtractError::Unsupported {
        detected: detected.to_string(),
    })
}

/// Names well-known binary formats by their signature.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "legacy Word document (.doc) or other OLE2 compound file",
        ),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"II*\x00", "TIFF image"),
        (b"MM\x00*", "TIFF image"),
        (b"\x1F\x8B", "gzip archive"),
        (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
        (b"Rar!\x1A\x07", "RAR archive"),
        (b"%!PS", "PostScript document"),
        (b"\x7FELF", "executable program"),
    ];
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some("WebP image");
    }
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, name)| *name)
}

/// Tells a DOCX from a `.docm`, other Office formats and plain zip archives.
fn sniff_zip(bytes: &[u8]) -> Result<FileKind, ExtractError> {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(err) => {
            return Err(ExtractError::Malformed {
                kind: "zip",
                reason: format!("cannot read the zip archive: {err}"),
            });
        }
    };
    let has = |name: &str| archive.file_names().any(|n| n == name);
    if has("word/document.xml") {
        if content_types_declare_macros(&mut archive) {
            return unsupported("macro-enabled Word document (.docm)");
        }
        return Ok(FileKind::Docx);
    }
    let detected = if archive.file_names().any(|n| n.starts_with("xl/")) {
        "Excel workbook (.xlsx)"
    } else if archive.file_names().any(|n| n.starts_with("ppt/")) {
        "PowerPoint presentation (.pptx)"
    } else if has("content.xml") && has("mimetype") {
        "OpenDocument file (.odt or similar)"
    } else {
        "zip archive"
    };
    unsupported(detected)
}

fn content_types_declare_macros(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> bool {
    let Ok(entry) = archive.by_name("[Content_Types].xml") else {
        return false;
    };
    let mut xml = Vec::new();
    if entry
        .take(CONTENT_TYPES_MAX_BYTES)
        .read_to_end(&mut xml)
        .is_err()
    {
        return false;
    }
    let xml = String::from_utf8_lossy(&xml).to_ascii_lowercase();
    xml.contains("macroenabled") || xml.contains("vbaproject")
}

/// Accepts UTF-8, UTF-16 with a BOM, and mostly printable single-byte text without NUL.
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return bytes.len().is_multiple_of(2);
    }
    if bytes.contains(&0) {
        return false;
    }
    let controls = bytes.iter().filter(|&&b| is_binary_control(b)).count();
    let share = controls as f64 / bytes.len() as f64;
    if std::str::from_utf8(bytes).is_ok() {
        return share <= MAX_CONTROL_SHARE;
    }
    // Windows-1252 leaves these five bytes undefined; text in that encoding never uses them.
    let undefined = bytes
        .iter()
        .filter(|&&b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
        .count();
    share <= MAX_CONTROL_SHARE && undefined == 0
}

fn is_binary_control(byte: u8) -> bool {
    byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0C) || byte == 0x7F
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detected(bytes: &[u8]) -> String {
        match sniff(bytes) {
            Err(ExtractError::Unsupported { detected }) => detected,
            other => panic!("expected Unsupported, got {other:?}"),
        }
    }

    fn zip_with(entries: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, body) in entries {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .expect("start zip entry");
            writer.write_all(body.as_bytes()).expect("write zip entry");
        }
        writer.finish().expect("finish zip").into_inner()
    }

    #[test]
    fn pdf_header_is_pdf() {
        assert_eq!(sniff(b"%PDF-1.7\n...").ok(), Some(FileKind::Pdf));
    }

    #[test]
    fn pdf_header_after_junk_is_pdf() {
        assert_eq!(sniff(b"\r\n\r\n%PDF-1.4\n").ok(), Some(FileKind::Pdf));
    }

    #[test]
    fn empty_file_is_named_empty() {
        assert!(matches!(sniff(b""), Err(ExtractError::Empty)));
        assert_eq!(
            ExtractError::Empty.to_string(),
            "the file is empty (0 bytes)"
        );
    }

    #[test]
    fn ole2_file_is_named_legacy_word() {
        let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        bytes.extend_from_slice(&[0u8; 64]);
        assert!(detected(&bytes).contains(".doc"));
    }

    #[test]
    fn images_are_named_by_format() {
        assert_eq!(detected(b"\x89PNG\r\n\x1a\n\0\0"), "PNG image");
        assert_eq!(detected(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), "JPEG image");
        assert_eq!(detected(b"GIF89a\x01\0"), "GIF image");
    }

    #[test]
    fn zip_with_word_document_is_docx() {
        let bytes = zip_with(&[
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", "<w:document/>"),
        ]);
        assert_eq!(sniff(&bytes).ok(), Some(FileKind::Docx));
    }

    #[test]
    fn macro_enabled_word_document_is_rejected() {
        let types = r#"<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>"#;
        let bytes = zip_with(&[
            ("[Content_Types].xml", types),
            ("word/document.xml", "<w:document/>"),
        ]);
        assert!(detected(&bytes).contains(".docm"));
    }

    #[test]
    fn plain_zip_is_named_zip_archive() {
        let bytes = zip_with(&[("notes/readme.md", "hello")]);
        assert_eq!(detected(&bytes), "zip archive");
    }

    #[test]
    fn utf8_and_utf16_and_latin_text_are_text() {
        assert_eq!(
            sniff("Résumé\r\nPython".as_bytes()).ok(),
            Some(FileKind::Text)
        );
        assert_eq!(sniff(b"\xFF\xFEH\0i\0").ok(), Some(FileKind::Text));
        assert_eq!(
            sniff(b"R\xE9sum\xE9 \x96 Python").ok(),
            Some(FileKind::Text)
        );
    }

    #[test]
    fn bytes_with_nul_are_binary() {
        assert_eq!(detected(b"abc\0\x01\x02\x03def"), "binary data");
    }
}
