//! Text extraction from uploaded bytes: type sniffing, PDF, DOCX and plain text.
//!
//! [`sniff`] decides the type from magic bytes, never from a file name. [`extract_text`]
//! dispatches to the [`pdf`], [`docx`] or [`text`] reader, runs it under
//! `catch_unwind` so a parser panic becomes [`ExtractError::Malformed`], and then
//! normalises the result (NFC, `\n` line ends, ligatures expanded, control characters
//! dropped).
//!
//! [`isolation`] runs the same extraction in a child process with memory, CPU and
//! wall-clock limits, and [`child`] is the code that child runs.

use serde::{Deserialize, Serialize};

pub mod child;
pub mod docx;
pub mod isolation;
pub(crate) mod markup;
pub(crate) mod normalize;
pub mod pdf;
mod sniff;
pub mod text;

pub use isolation::{
    ChildProcessExtractor, ChildProcessSettings, InProcessExtractor, TextExtractor,
};
pub use markup::markup_as_lines;
pub use normalize::page_breaks_as_lines;
pub use sniff::sniff;

/// A document type the engine can read, decided from the bytes, never from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// Portable Document Format.
    Pdf,
    /// Office Open XML word-processing document.
    Docx,
    /// Plain text in UTF-8, UTF-16 (with BOM) or Windows-1252.
    Text,
}

impl FileKind {
    /// Returns the MIME type of this kind.
    pub fn mime_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileKind::Text => "text/plain",
        }
    }

    /// Returns the usual file extension of this kind, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Docx => "docx",
            FileKind::Text => "txt",
        }
    }
}

/// Limits applied while extracting one document.
#[derive(Debug, Clone)]
pub struct ExtractLimits {
    /// Largest accepted input, in bytes.
    pub max_bytes: usize,
    /// Largest number of pages read from a PDF.
    pub max_pages: usize,
    /// Largest decompressed size of one DOCX entry or PDF stream, in bytes.
    pub max_decompressed_bytes: usize,
}

impl Default for ExtractLimits {
    fn default() -> Self {
        Self {
            max_bytes: 10 * 1024 * 1024,
            max_pages: 50,
            max_decompressed_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Text taken from a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedText {
    /// The detected document type.
    pub kind: FileKind,
    /// The text, NFC-normalised, with `\n` line ends and `\x0c` between PDF pages.
    pub text: String,
    /// Number of pages read (1 for DOCX and text).
    pub pages: usize,
    /// Number of pages in the document. It exceeds `pages` when the page limit cut the
    /// document short. A reply without it, from an older extraction child, reads as 0.
    #[serde(default)]
    pub total_pages: usize,
}

impl ExtractedText {
    /// Returns the warning for a document whose last pages were not read, after logging the
    /// page counts.
    pub fn page_cut_warning(&self, document: &'static str) -> Option<String> {
        if self.total_pages <= self.pages {
            return None;
        }
        tracing::warn!(
            document,
            pages_read = self.pages,
            total_pages = self.total_pages,
            "document pages cut at the page limit"
        );
        Some(format!(
            "only the first {} of {} pages were read; the page limit is set by MAX_PAGES",
            self.pages, self.total_pages
        ))
    }
}

/// Error of reading a document.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The input has no bytes at all.
    #[error("the file is empty (0 bytes)")]
    Empty,
    /// The bytes are not a supported type; `detected` names what they are.
    #[error("unsupported file type: {detected}")]
    Unsupported {
        /// A human description of what the bytes are, such as "legacy Word document (.doc)".
        detected: String,
    },
    /// The input is larger than the configured limit.
    #[error("file too large: {size} bytes (max {max})")]
    TooLarge {
        /// Input size in bytes.
        size: usize,
        /// Limit in bytes.
        max: usize,
    },
    /// The PDF needs a password to open.
    #[error("the PDF is encrypted and needs a password")]
    PdfEncrypted,
    /// The document has no extractable text (a scan, or no pages).
    #[error("the document contains no extractable text")]
    NoText,
    /// The document is damaged or malformed.
    #[error("malformed {kind} document: {reason}")]
    Malformed {
        /// The document type.
        kind: &'static str,
        /// Description of the problem.
        reason: String,
    },
    /// Extraction in the child process ran past its time limit and was stopped.
    #[error("text extraction timed out after {limit_ms} ms")]
    Timeout {
        /// The wall-clock limit, in milliseconds.
        limit_ms: u64,
    },
    /// Extraction in the child process ran out of its memory limit.
    #[error("text extraction exceeded its memory limit of {limit_mb} MiB")]
    MemoryLimit {
        /// The address-space limit, in MiB.
        limit_mb: u64,
    },
    /// The child process failed to start, died or sent an invalid reply.
    #[error("text extraction failed: {detail}")]
    Crashed {
        /// Exit status or signal of the child, never document text.
        detail: String,
    },
}

impl ExtractError {
    /// Returns a stable machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            ExtractError::Empty => "empty_file",
            ExtractError::Unsupported { .. } => "unsupported_file_type",
            ExtractError::TooLarge { .. } => "file_too_large",
            ExtractError::PdfEncrypted => "pdf_encrypted",
            ExtractError::NoText => "no_text",
            ExtractError::Malformed { .. } => "malformed_document",
            ExtractError::Timeout { .. } => "extract_timeout",
            ExtractError::MemoryLimit { .. } => "extract_memory",
            ExtractError::Crashed { .. } => "extract_crashed",
        }
    }
}

/// Extracts the text of a document after sniffing its type.
///
/// A panic inside a parser is caught and reported as [`ExtractError::Malformed`]. A stack
/// overflow or an allocation failure still aborts the process, so untrusted files are best
/// read in a child process. Returns [`ExtractError::NoText`] when the document contains no
/// visible characters.
pub fn extract_text(bytes: &[u8], limits: &ExtractLimits) -> Result<ExtractedText, ExtractError> {
    if bytes.len() > limits.max_bytes {
        return Err(ExtractError::TooLarge {
            size: bytes.len(),
            max: limits.max_bytes,
        });
    }
    let kind = sniff(bytes)?;
    let (raw, pages, total_pages) = run_guarded(kind, || match kind {
        FileKind::Pdf => pdf::extract(bytes, limits),
        FileKind::Docx => docx::extract(bytes, limits).map(|text| (text, 1, 1)),
        FileKind::Text => text::decode(bytes).map(|text| (text, 1, 1)),
    })?;
    let text = normalize::clean(&raw);
    if text.trim().is_empty() {
        return Err(ExtractError::NoText);
    }
    Ok(ExtractedText {
        kind,
        text,
        pages,
        total_pages,
    })
}

/// Runs a reader and turns a panic inside it into [`ExtractError::Malformed`].
fn run_guarded<T>(
    kind: FileKind,
    reader: impl FnOnce() -> Result<T, ExtractError>,
) -> Result<T, ExtractError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(reader)) {
        Ok(result) => result,
        Err(_) => {
            tracing::warn!(kind = kind.extension(), "document parser panicked");
            Err(ExtractError::Malformed {
                kind: kind.extension(),
                reason: "the parser failed on this file".to_string(),
            })
        }
    }
}
