//! Reading uploaded files from multipart bodies, with the size limit enforced while streaming.

use axum::extract::Multipart;
use axum::extract::multipart::{Field, MultipartError};
use axum::http::StatusCode;
use layer1_engine::extract::{ExtractError, FileKind, sniff};

use super::ApiError;

/// An uploaded file that passed the size and type checks.
pub(super) struct Upload {
    /// Client file name, or a generated one when absent.
    pub(super) filename: String,
    /// Type sniffed from the bytes.
    pub(super) kind: FileKind,
    /// File content.
    pub(super) bytes: Vec<u8>,
}

/// Form fields of an upload.
#[derive(Default)]
pub(super) struct UploadForm {
    /// The `file` field, when present.
    pub(super) file: Option<Upload>,
    /// Text fields by name (such as `title`).
    pub(super) fields: Vec<(String, String)>,
}

impl UploadForm {
    /// Returns the first text field with this name.
    pub(super) fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

fn multipart_error(error: MultipartError) -> ApiError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge
    } else {
        ApiError::bad_request("invalid_multipart", error.body_text())
    }
}

async fn read_limited(mut field: Field<'_>, max_bytes: usize) -> Result<Vec<u8>, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
        if bytes.len() + chunk.len() > max_bytes {
            return Err(ApiError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// Reads a multipart form: the `file` field (at most `max_bytes`, type sniffed) and small text
/// fields (at most 64 KiB each).
pub(super) async fn read_form(
    mut multipart: Multipart,
    max_bytes: usize,
) -> Result<UploadForm, ApiError> {
    let mut form = UploadForm::default();
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            let filename = clean_filename(field.file_name().unwrap_or_default());
            let bytes = read_limited(field, max_bytes).await?;
            let kind = sniff(&bytes).map_err(|error| match error {
                ExtractError::Empty => ApiError::bad_request(
                    "empty_file",
                    format!("the uploaded file {filename:?} is empty (0 bytes)"),
                ),
                ExtractError::Unsupported { detected } => ApiError::UnsupportedMediaType {
                    message: format!("unsupported file type: {detected}; upload PDF, DOCX or text"),
                },
                other => ApiError::UnsupportedMediaType {
                    message: other.to_string(),
                },
            })?;
            form.file = Some(Upload {
                filename,
                kind,
                bytes,
            });
        } else {
            let bytes = read_limited(field, 64 * 1024).await.map_err(|_| {
                ApiError::bad_request("field_too_large", format!("field {name:?} is over 64 KiB"))
            })?;
            let value = String::from_utf8(bytes).map_err(|_| {
                ApiError::bad_request("invalid_field", format!("field {name:?} is not UTF-8"))
            })?;
            form.fields.push((name, value));
        }
    }
    Ok(form)
}

/// Longest stored file name, in characters.
const MAX_FILENAME_CHARS: usize = 255;

/// Keeps the last path segment of a client file name, without control characters, cut to
/// [`MAX_FILENAME_CHARS`]; an empty result becomes `upload`.
fn clean_filename(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_FILENAME_CHARS)
        .collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        "upload".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filename_keeps_last_segment_only() {
        assert_eq!(clean_filename("../../../tmp/pwn.txt"), "pwn.txt");
        assert_eq!(clean_filename("C:\\Users\\a\\cv.pdf"), "cv.pdf");
    }

    #[test]
    fn filename_is_capped_and_never_empty() {
        assert_eq!(clean_filename(&"a".repeat(5000)).chars().count(), 255);
        assert_eq!(clean_filename(""), "upload");
        assert_eq!(clean_filename("x/\u{0}\n"), "upload");
    }
}
