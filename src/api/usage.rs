//! `/api/v1/usage`: the caller's match quota.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::Utc;

use super::schema::Usage;
use super::{ApiError, AppState, CurrentUser};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/usage", get(usage))
}

/// Read the caller's match quota in the current 365-day window.
#[utoipa::path(get, path = "/api/v1/usage", tag = "usage", responses(
    (status = 200, description = "Quota", body = Usage)))]
pub(super) async fn usage(
    State(_state): State<AppState>,
    caller: CurrentUser,
) -> Result<Json<Usage>, ApiError> {
    let user = caller.user;
    // A window older than 365 days counts as reset, as the next match request will reset it.
    let stale = user
        .annual_period_start
        .is_none_or(|start| Utc::now() - start > chrono::Duration::days(365));
    let used = if stale { 0 } else { user.annual_usage_count };
    Ok(Json(Usage {
        annual_limit: user.annual_limit,
        annual_usage_count: used,
        annual_period_start: if stale {
            None
        } else {
            user.annual_period_start
        },
        remaining: (user.annual_limit - used).max(0),
    }))
}
