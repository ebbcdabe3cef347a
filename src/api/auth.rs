//! The caller's identity: the `CurrentUser` extractor over [`crate::auth::Authenticator`].

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::{ApiError, AppState};
pub use crate::auth::DEV_SUBJECT;
use crate::auth::bearer_token;
use crate::store::User;

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
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(bearer_token);
        let identity = state
            .authenticator
            .verify(token)
            .await
            .map_err(|_| ApiError::Unauthorized)?;
        // The header replaces the pro claim in development only. With authentication on, a
        // client could otherwise grant itself unlimited matches.
        let is_pro = if state.authenticator.is_disabled() {
            parts
                .headers
                .get("x-pro-member")
                .is_some_and(|value| value.as_bytes() == b"1" || value.as_bytes() == b"true")
        } else {
            identity.is_pro
        };
        let user = state
            .store
            .ensure_user(&identity.sub, state.auth.annual_limit)
            .await?;
        Ok(Self { user, is_pro })
    }
}
