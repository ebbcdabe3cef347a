//! `/api/v1/matches`: request a match, list, read results and retry.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use chrono::Utc;
use layer1_engine::score::{CategoryWeights, WeightsError};
use serde_json::Value;
use tracing::{info, instrument};
use uuid::Uuid;

use super::extract::{ApiJson, ApiQuery, PathId};
use super::paging::{ListParams, page_response};
use super::protect::ensure_queue_room;
use super::schema::{CreateMatch, ErrorBody, MatchDetail, MatchListItem, Queued};
use super::{ApiError, ApiOptions, AppState, CurrentUser};
use crate::events::{EventKind, StatusEvent};
use crate::store::{ItemKind, MatchRecord, MatchStatus, QuotaOutcome, RequeueOutcome};

/// Queue of match scoring.
const QUEUE: &str = "compute_match";

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/matches", get(list).post(create))
        .route("/matches/{id}", get(detail))
        .route("/matches/{id}/retry", post(retry))
}

/// Keys of the `weights` object.
const WEIGHT_KEYS: &str = "hard_skills, soft_skills, experience, education";

/// Reads the optional `weights` object over the configured `defaults`: known keys only,
/// numbers >= 0, not all 0; keys left out keep their configured weight. `null` or no object
/// keeps the configured weights.
fn request_weights(
    value: Option<&Value>,
    defaults: CategoryWeights,
) -> Result<Option<CategoryWeights>, ApiError> {
    let invalid = |message: String| ApiError::bad_request("invalid_weights", message);
    let object = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(object)) => object,
        Some(other) => {
            return Err(invalid(format!(
                "weights must be an object with keys among {WEIGHT_KEYS}, got {other}"
            )));
        }
    };

    let mut weights = defaults;
    for (key, raw) in object {
        let slot = match key.as_str() {
            "hard_skills" => &mut weights.hard_skills,
            "soft_skills" => &mut weights.soft_skills,
            "experience" => &mut weights.experience,
            "education" => &mut weights.education,
            other => {
                return Err(invalid(format!(
                    "unknown weight {other:?}; the keys are {WEIGHT_KEYS}"
                )));
            }
        };
        *slot = raw
            .as_f64()
            .filter(|number| *number >= 0.0)
            .ok_or_else(|| invalid(format!("weights.{key} must be a number >= 0, got {raw}")))?;
    }
    weights.validate().map_err(|error| match error {
        WeightsError::Invalid { category, value } => invalid(format!(
            "weights.{category} must be a number >= 0, got {value}"
        )),
        WeightsError::AllZero => invalid(format!(
            "weights must give at least one of {WEIGHT_KEYS} a value above 0"
        )),
    })?;
    Ok(Some(weights))
}

fn body_id(value: Option<&Value>) -> Option<&str> {
    value
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// Request a match of a ready resume against a ready job. Free users spend one request of
/// their annual quota. `weights` sets this match's category weights (hard skills, soft
/// skills, experience, education) in place of the configured ones.
#[utoipa::path(post, path = "/api/v1/matches", tag = "matches", request_body = CreateMatch,
    responses(
        (status = 202, description = "Queued for scoring", body = Queued),
        (status = 400, description = "`resumeId_and_jobId_required`, `invalid_weights` (the \
            message names the bad key or value), `invalid_json` or `invalid_content_type`",
            body = ErrorBody),
        (status = 402, description = "`upgrade_required`: the free quota is used up",
            body = ErrorBody),
        (status = 404, description = "`resume_not_found` or `job_not_found`", body = ErrorBody),
        (status = 409, description = "`resume_not_ready` or `job_not_ready`", body = ErrorBody),
        (status = 503, description = "`queue_full`", body = ErrorBody),
    ))]
#[instrument(skip_all, fields(user_id = %caller.user.id))]
pub(super) async fn create(
    State(state): State<AppState>,
    Extension(options): Extension<Arc<ApiOptions>>,
    caller: CurrentUser,
    ApiJson(body): ApiJson<CreateMatch>,
) -> Result<impl IntoResponse, ApiError> {
    let (Some(resume_raw), Some(job_raw)) = (
        body_id(body.resume_id.as_ref()),
        body_id(body.job_id.as_ref()),
    ) else {
        return Err(ApiError::bad_request(
            "resumeId_and_jobId_required",
            "resumeId and jobId are required",
        ));
    };
    let weights = request_weights(body.weights.as_ref(), options.match_options.weights)?;
    let user_id = caller.user.id;
    let resume_not_found = ApiError::NotFound {
        code: "resume_not_found",
    };
    let resume_id = Uuid::parse_str(resume_raw).map_err(|_| resume_not_found)?;
    let job_id = Uuid::parse_str(job_raw).map_err(|_| ApiError::NotFound {
        code: "job_not_found",
    })?;
    let resume = state
        .store
        .resume(user_id, resume_id)
        .await?
        .ok_or(ApiError::NotFound {
            code: "resume_not_found",
        })?;
    let job = state
        .store
        .job(user_id, job_id)
        .await?
        .ok_or(ApiError::NotFound {
            code: "job_not_found",
        })?;
    if resume.status != "ready" {
        return Err(ApiError::Conflict {
            code: "resume_not_ready",
        });
    }
    if job.status != "ready" {
        return Err(ApiError::Conflict {
            code: "job_not_ready",
        });
    }
    ensure_queue_room(&state, &options, QUEUE).await?;
    // Quota is counted last, so requests rejected above never consume it.
    let counted = !caller.is_pro;
    if counted && state.store.consume_quota(user_id, Utc::now()).await? == QuotaOutcome::Exhausted {
        return Err(ApiError::UpgradeRequired);
    }

    let now = Utc::now();
    let record = MatchRecord {
        id: Uuid::new_v4(),
        user_id,
        resume_id,
        job_id,
        status: MatchStatus::Queued.as_str().to_string(),
        result_id: None,
        error_message: None,
        created_at: now,
        updated_at: now,
    };
    state.store.insert_match(&record).await?;
    // Published before queuing, so clients never see `queued` after a worker's `running`.
    let queued = StatusEvent {
        kind: EventKind::Match,
        owner_sub: caller.user.auth0_sub.clone(),
        id: record.id,
        status: "queued".to_string(),
        title: None,
        created_at: now,
        updated_at: now,
    };
    state.events.publish(queued.clone());
    if let Err(error) = state.queue.compute_match_weighted(record.id, weights).await {
        state
            .store
            .set_match_status(record.id, MatchStatus::Failed, Some("could not be queued"))
            .await?;
        state.events.publish(StatusEvent {
            status: MatchStatus::Failed.as_str().to_string(),
            updated_at: Utc::now(),
            ..queued
        });
        if counted {
            state.store.refund_quota(user_id).await?;
        }
        return Err(ApiError::Unavailable {
            message: error.to_string(),
        });
    }
    info!(match_id = %record.id, %resume_id, %job_id, "match queued");
    Ok((StatusCode::ACCEPTED, Json(Queued::new(record.id))))
}

/// List the caller's match requests, newest first.
#[utoipa::path(get, path = "/api/v1/matches", tag = "matches", params(ListParams),
    responses(
        (status = 200, description = "Match requests, newest first; `x-next-cursor` names the \
            next page", body = Vec<MatchListItem>,
         headers(("x-next-cursor" = String, description = "Cursor of the next page"))),
        (status = 400, description = "`invalid_query`", body = ErrorBody),
    ))]
pub(super) async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Response, ApiError> {
    let page = params.page()?;
    let rows = state.store.match_page(caller.user.id, page).await?;
    Ok(page_response(
        &params,
        rows,
        |m: &MatchRecord| (m.created_at, m.id),
        |m: &MatchRecord| MatchListItem::from(m),
    ))
}

/// Read a match request and, once completed, its result.
#[utoipa::path(get, path = "/api/v1/matches/{id}", tag = "matches",
    params(("id" = String, Path, description = "Match request id")),
    responses(
        (status = 200, description = "Match detail", body = MatchDetail),
        (status = 404, description = "`not_found`", body = ErrorBody),
    ))]
pub(super) async fn detail(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
) -> Result<Json<MatchDetail>, ApiError> {
    let record = state
        .store
        .match_record(caller.user.id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let result = match record.result_id {
        Some(result_id) => state.store.match_result(result_id).await?,
        None => None,
    };
    Ok(Json(MatchDetail::new(record, result)))
}

/// Queue a failed match request again. The retry does not count against the quota again.
#[utoipa::path(post, path = "/api/v1/matches/{id}/retry", tag = "matches",
    params(("id" = String, Path, description = "Match request id")),
    responses(
        (status = 202, description = "Queued again", body = Queued),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`not_failed`: the match is not `failed`", body = ErrorBody),
        (status = 503, description = "`queue_full`", body = ErrorBody),
    ))]
#[instrument(skip_all, fields(user_id = %caller.user.id))]
pub(super) async fn retry(
    State(state): State<AppState>,
    Extension(options): Extension<Arc<ApiOptions>>,
    caller: CurrentUser,
    PathId(id): PathId,
) -> Result<impl IntoResponse, ApiError> {
    ensure_queue_room(&state, &options, QUEUE).await?;
    let outcome = state
        .store
        .requeue_failed(ItemKind::Match, caller.user.id, id)
        .await?;
    match outcome {
        RequeueOutcome::Requeued => {}
        RequeueOutcome::NotFailed => return Err(ApiError::Conflict { code: "not_failed" }),
        RequeueOutcome::NotFound => return Err(ApiError::not_found()),
    }
    if let Err(error) = state.queue.compute_match(id).await {
        state
            .store
            .set_match_status(id, MatchStatus::Failed, Some("could not be queued"))
            .await?;
        return Err(ApiError::Unavailable {
            message: error.to_string(),
        });
    }
    info!(match_id = %id, "match queued again");
    if let Some(record) = state.store.match_record(caller.user.id, id).await? {
        state.events.publish(StatusEvent {
            kind: EventKind::Match,
            owner_sub: caller.user.auth0_sub.clone(),
            id,
            status: "queued".to_string(),
            title: None,
            created_at: record.created_at,
            updated_at: record.updated_at,
        });
    }
    Ok((StatusCode::ACCEPTED, Json(Queued::new(id))))
}
