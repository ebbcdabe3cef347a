//! API errors: one enum, one status per variant, JSON bodies with a stable `error` code.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tracing::{debug, error};

/// An error returned by a product API handler.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 401: missing or invalid credentials.
    #[error("unauthorized")]
    Unauthorized,
    /// 404 with a code such as `not_found` or `resume_not_found`.
    #[error("{code}")]
    NotFound {
        /// Stable error code.
        code: &'static str,
    },
    /// 400 with a code and a message.
    #[error("{message}")]
    BadRequest {
        /// Stable error code.
        code: &'static str,
        /// Human-readable explanation naming the offending value.
        message: String,
    },
    /// 413: the upload is over the limit.
    #[error("file too large (max 10MB)")]
    PayloadTooLarge,
    /// 415: the upload is not PDF, DOCX or text.
    #[error("{message}")]
    UnsupportedMediaType {
        /// What the file really is.
        message: String,
    },
    /// 409 with a code such as `resume_not_ready`.
    #[error("{code}")]
    Conflict {
        /// Stable error code.
        code: &'static str,
    },
    /// 402: the free quota is used up.
    #[error("annual match limit reached")]
    UpgradeRequired,
    /// 503: a dependency is unavailable.
    #[error("{message}")]
    Unavailable {
        /// What is unavailable.
        message: String,
    },
    /// 500: an internal failure; the body hides the details, the log keeps them.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    /// Builds a 400 error.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            code,
            message: message.into(),
        }
    }

    /// Builds a `404 not_found`.
    pub fn not_found() -> Self {
        ApiError::NotFound { code: "not_found" }
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(error: crate::store::StoreError) -> Self {
        ApiError::Internal(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message) = match &self {
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized", self.to_string()),
            ApiError::NotFound { code } => (StatusCode::NOT_FOUND, *code, self.to_string()),
            ApiError::BadRequest { code, message } => {
                (StatusCode::BAD_REQUEST, *code, message.clone())
            }
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "file too large (max 10MB)",
                self.to_string(),
            ),
            ApiError::UnsupportedMediaType { message } => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported file type",
                message.clone(),
            ),
            ApiError::Conflict { code } => (StatusCode::CONFLICT, *code, self.to_string()),
            ApiError::UpgradeRequired => (
                StatusCode::PAYMENT_REQUIRED,
                "upgrade_required",
                "You have used all free match requests of this year; upgrade to continue."
                    .to_string(),
            ),
            ApiError::Unavailable { message } => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                message.clone(),
            ),
            ApiError::Internal(source) => {
                error!(error = ?source, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal_error",
                    "internal error".to_string(),
                )
            }
        };
        if status.is_client_error() {
            debug!(%status, code, "request rejected");
        }
        let body = json!({ "error": code, "message": message });
        (status, Json(body)).into_response()
    }
}
