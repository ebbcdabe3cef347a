//! The child side of isolated extraction, and the messages both sides exchange.
//!
//! The parent starts the `layer1` binary with a hidden subcommand that calls [`run_child`].
//! The child lowers its own resource limits with `setrlimit` (address space and CPU time)
//! before it reads anything, reads the document from stdin, extracts its text and writes
//! one JSON [`ChildReply`] to stdout. A child that runs out of memory or CPU time dies; the
//! parent reads that from the exit status and stderr (see [`super::isolation`]).

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use super::{ExtractError, ExtractLimits, ExtractedText, FileKind, extract_text};

/// Resource limits the child applies to itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChildLimits {
    /// Largest address space of the child, in MiB (`RLIMIT_AS`).
    pub memory_mb: u64,
    /// CPU time the child may use, in seconds (`RLIMIT_CPU`, enforced with SIGXCPU).
    pub cpu_secs: u64,
}

/// The one message the child writes to stdout.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildReply {
    /// The extracted text.
    Ok(ExtractedText),
    /// A typed extraction failure.
    Err(WireError),
}

/// An [`ExtractError`] as it crosses the process boundary, tagged with its code.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum WireError {
    /// See [`ExtractError::Empty`].
    EmptyFile,
    /// See [`ExtractError::Unsupported`].
    UnsupportedFileType {
        /// Description of the bytes.
        detected: String,
    },
    /// See [`ExtractError::TooLarge`].
    FileTooLarge {
        /// Input size in bytes.
        size: usize,
        /// Limit in bytes.
        max: usize,
    },
    /// See [`ExtractError::PdfEncrypted`].
    PdfEncrypted,
    /// See [`ExtractError::NoText`].
    NoText,
    /// See [`ExtractError::Malformed`].
    MalformedDocument {
        /// The document type.
        kind: String,
        /// Reason the document is invalid.
        reason: String,
    },
}

impl From<ExtractError> for WireError {
    fn from(error: ExtractError) -> Self {
        match error {
            ExtractError::Empty => WireError::EmptyFile,
            ExtractError::Unsupported { detected } => WireError::UnsupportedFileType { detected },
            ExtractError::TooLarge { size, max } => WireError::FileTooLarge { size, max },
            ExtractError::PdfEncrypted => WireError::PdfEncrypted,
            ExtractError::NoText => WireError::NoText,
            ExtractError::Malformed { kind, reason } => WireError::MalformedDocument {
                kind: kind.to_string(),
                reason,
            },
            // The child never runs a nested child, so these outcomes cannot occur in it.
            other @ (ExtractError::Timeout { .. }
            | ExtractError::MemoryLimit { .. }
            | ExtractError::Crashed { .. }) => WireError::MalformedDocument {
                kind: "document".to_string(),
                reason: other.to_string(),
            },
        }
    }
}

impl From<WireError> for ExtractError {
    fn from(error: WireError) -> Self {
        match error {
            WireError::EmptyFile => ExtractError::Empty,
            WireError::UnsupportedFileType { detected } => ExtractError::Unsupported { detected },
            WireError::FileTooLarge { size, max } => ExtractError::TooLarge { size, max },
            WireError::PdfEncrypted => ExtractError::PdfEncrypted,
            WireError::NoText => ExtractError::NoText,
            WireError::MalformedDocument { kind, reason } => ExtractError::Malformed {
                kind: static_kind(&kind),
                reason,
            },
        }
    }
}

fn static_kind(kind: &str) -> &'static str {
    [FileKind::Pdf, FileKind::Docx, FileKind::Text]
        .iter()
        .map(|k| k.extension())
        .chain(["zip"])
        .find(|known| *known == kind)
        .unwrap_or("document")
}

/// Failure of the child process as a whole.
#[derive(Debug, thiserror::Error)]
pub enum ChildError {
    /// Lowering a resource limit failed.
    #[error("failed to set the {resource} limit: {source}")]
    Limit {
        /// `RLIMIT_AS` or `RLIMIT_CPU`.
        resource: &'static str,
        /// The system error.
        #[source]
        source: std::io::Error,
    },
    /// Reading the document or writing the reply failed.
    #[error("failed to exchange data with the parent process: {0}")]
    Io(#[from] std::io::Error),
    /// The reply could not be encoded.
    #[error("failed to encode the reply: {0}")]
    Encode(#[from] serde_json::Error),
}

/// Lowers the address-space and CPU-time limits of the current process.
///
/// Limits only go down: a value above the current hard limit is capped at it.
pub fn apply_limits(limits: ChildLimits) -> Result<(), ChildError> {
    use rlimit::Resource;
    let set = |resource: Resource, name: &'static str, soft: u64, hard: u64| {
        let (_, current_hard) = resource.get().map_err(|source| ChildError::Limit {
            resource: name,
            source,
        })?;
        let hard = hard.min(current_hard);
        resource
            .set(soft.min(hard), hard)
            .map_err(|source| ChildError::Limit {
                resource: name,
                source,
            })
    };
    let bytes = limits.memory_mb.saturating_mul(1024 * 1024);
    set(Resource::AS, "RLIMIT_AS", bytes, bytes)?;
    // The soft limit sends SIGXCPU; one more second later the kernel sends SIGKILL.
    let cpu = limits.cpu_secs.max(1);
    set(Resource::CPU, "RLIMIT_CPU", cpu, cpu.saturating_add(1))
}

/// Runs the child: applies `child_limits`, reads the document from `input` (at most
/// `limits.max_bytes` plus one byte) and writes one [`ChildReply`] as JSON to `output`.
pub fn run_child(
    input: &mut impl Read,
    output: &mut impl Write,
    limits: &ExtractLimits,
    child_limits: ChildLimits,
) -> Result<(), ChildError> {
    apply_limits(child_limits)?;
    let mut bytes = Vec::new();
    input
        .take(limits.max_bytes as u64 + 1)
        .read_to_end(&mut bytes)?;
    let reply = match extract_text(&bytes, limits) {
        Ok(text) => ChildReply::Ok(text),
        Err(error) => ChildReply::Err(error.into()),
    };
    serde_json::to_writer(&mut *output, &reply)?;
    output.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(error: ExtractError) -> ExtractError {
        let json = serde_json::to_string(&ChildReply::Err(error.into())).expect("encodes");
        match serde_json::from_str::<ChildReply>(&json).expect("decodes") {
            ChildReply::Err(wire) => wire.into(),
            ChildReply::Ok(_) => panic!("expected an error reply"),
        }
    }

    #[test]
    fn errors_keep_their_code_across_the_boundary() {
        let errors = [
            ExtractError::Empty,
            ExtractError::Unsupported {
                detected: "PNG image".to_string(),
            },
            ExtractError::TooLarge { size: 11, max: 10 },
            ExtractError::PdfEncrypted,
            ExtractError::NoText,
            ExtractError::Malformed {
                kind: "docx",
                reason: "bad zip".to_string(),
            },
        ];
        for error in errors {
            let code = error.code();
            let message = error.to_string();
            let back = round_trip(error);
            assert_eq!(back.code(), code);
            assert_eq!(back.to_string(), message);
        }
    }

    #[test]
    fn text_reply_carries_kind_and_pages() {
        let reply = ChildReply::Ok(ExtractedText {
            kind: FileKind::Pdf,
            text: "Go".to_string(),
            pages: 2,
            total_pages: 3,
        });
        let json = serde_json::to_string(&reply).expect("encodes");
        assert_eq!(
            json,
            r#"{"ok":{"kind":"pdf","text":"Go","pages":2,"total_pages":3}}"#
        );
    }
}
