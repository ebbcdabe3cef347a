//! API errors: one enum, one status per variant, JSON bodies with a stable `error` code.

use axum::Json;
use axum::http::StatusCode;
use axum::http::header::{HeaderValue, RETRY_AFTER};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tracing::{debug, error};

use super::observe::current_request_id;

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
        /// Description of the file's real type.
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
        /// Description of the unavailable dependency.
        message: String,
    },
    /// 405: the path exists but not with this method.
    #[error("method not allowed on this path")]
    MethodNotAllowed,
    /// 429: the caller or its address sent too many requests.
    #[error("too many requests; retry after {retry_after_secs} s")]
    TooManyRequests {
        /// Seconds until a request is accepted again (`Retry-After`).
        retry_after_secs: u64,
    },
    /// 503: a job queue is deeper than `QUEUE_MAX_DEPTH`, so nothing was created.
    #[error("the {queue} queue holds {depth} waiting jobs (max {max}); retry later")]
    QueueFull {
        /// Queue name.
        queue: &'static str,
        /// Waiting jobs.
        depth: u64,
        /// Configured maximum.
        max: u64,
        /// Seconds suggested before retrying (`Retry-After`).
        retry_after_secs: u64,
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
        let mut retry_after = None;
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
            ApiError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                self.to_string(),
            ),
            ApiError::TooManyRequests { retry_after_secs } => {
                retry_after = Some(*retry_after_secs);
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    "rate_limited",
                    self.to_string(),
                )
            }
            ApiError::QueueFull {
                retry_after_secs, ..
            } => {
                retry_after = Some(*retry_after_secs);
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "queue_full",
                    self.to_string(),
                )
            }
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
        let body = match current_request_id() {
            Some(id) => json!({ "error": code, "message": message, "request_id": id }),
            None => json!({ "error": code, "message": message }),
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_variants() {
        let cases = [
            (ApiError::Unauthorized, 401),
            (ApiError::not_found(), 404),
            (ApiError::bad_request("invalid_json", "x"), 400),
            (ApiError::PayloadTooLarge, 413),
            (ApiError::MethodNotAllowed, 405),
            (ApiError::Conflict { code: "not_failed" }, 409),
            (ApiError::UpgradeRequired, 402),
            (ApiError::Internal(anyhow::anyhow!("secret detail")), 500),
        ];
        for (error, status) in cases {
            assert_eq!(error.into_response().status().as_u16(), status);
        }
    }

    #[test]
    fn throttling_errors_set_retry_after() {
        let limited = ApiError::TooManyRequests {
            retry_after_secs: 7,
        }
        .into_response();
        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(limited.headers()[RETRY_AFTER], "7");
        let full = ApiError::QueueFull {
            queue: "parse_job",
            depth: 5,
            max: 5,
            retry_after_secs: 30,
        }
        .into_response();
        assert_eq!(full.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(full.headers()[RETRY_AFTER], "30");
    }
}
