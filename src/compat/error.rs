//! Errors of the compatibility routes, with the old worker's `{"detail": ...}` bodies.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tracing::{debug, error};

use super::schema::ValidationIssue;
use crate::nlp::NlpError;

/// An error returned by a compatibility route.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CompatError {
    /// 422: the body does not fit the request model; `detail` lists every problem.
    #[error("request validation failed ({} problems)", .0.len())]
    Validation(Vec<ValidationIssue>),
    /// 400 `invalid_base64`: `content_b64` is not valid base64.
    #[error("invalid_base64")]
    InvalidBase64,
    /// 400 `content_required`: a job request has neither text nor a file.
    #[error("content_required")]
    ContentRequired,
    /// 400 with the engine's code: the decoded file cannot be read (unsupported type,
    /// encrypted or malformed document).
    #[error("{code}")]
    UnreadableDocument {
        /// Stable code such as `unsupported_file_type` or `pdf_encrypted`.
        code: &'static str,
    },
    /// 413: the body is larger than the limit.
    #[error("payload_too_large")]
    PayloadTooLarge,
    /// 400: the body could not be read from the connection.
    #[error("request body could not be read")]
    UnreadableBody,
    /// 404 for an unknown path.
    #[error("Not Found")]
    NotFound,
    /// 405 for a known path with another method.
    #[error("Method Not Allowed")]
    MethodNotAllowed,
    /// 500: the engine failed; the body hides the details, the log keeps them.
    #[error(transparent)]
    Engine(#[from] NlpError),
}

impl IntoResponse for CompatError {
    fn into_response(self) -> Response {
        let (status, detail) = match &self {
            CompatError::Validation(issues) => (StatusCode::UNPROCESSABLE_ENTITY, json!(issues)),
            CompatError::InvalidBase64
            | CompatError::ContentRequired
            | CompatError::UnreadableDocument { .. }
            | CompatError::UnreadableBody => (StatusCode::BAD_REQUEST, json!(self.to_string())),
            CompatError::PayloadTooLarge => {
                (StatusCode::PAYLOAD_TOO_LARGE, json!(self.to_string()))
            }
            CompatError::NotFound => (StatusCode::NOT_FOUND, json!(self.to_string())),
            CompatError::MethodNotAllowed => {
                (StatusCode::METHOD_NOT_ALLOWED, json!(self.to_string()))
            }
            CompatError::Engine(source) => {
                error!(error = ?source, "compatibility request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, json!("internal_error"))
            }
        };
        if status.is_client_error() {
            debug!(%status, reason = %self, "compatibility request rejected");
        }
        (status, Json(json!({ "detail": detail }))).into_response()
    }
}
