//! The caller's identity.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::{ApiError, AppState};
use crate::store::User;

/// Auth subject used for every request when authentication is disabled.
pub const DEV_SUBJECT: &str = "dev|user";

/// The authenticated caller, with their user row (created on first sight).
pub struct CurrentUser {
    /// User row.
    pub user: User,
    /// True when the caller has unlimited matches.
    pub is_pro: bool,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if !state.auth.auth_disabled {
            // NOTE: only the development identity is available; bearer tokens are not verified
            // yet, so the server refuses to start with authentication enabled.
            return Err(ApiError::Unauthorized);
        }
        let is_pro = parts
            .headers
            .get("x-pro-member")
            .is_some_and(|value| value.as_bytes() == b"1" || value.as_bytes() == b"true");
        let user = state
            .store
            .ensure_user(DEV_SUBJECT, state.auth.annual_limit)
            .await?;
        Ok(Self { user, is_pro })
    }
}
