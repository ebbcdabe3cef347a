//! `/api/v1/matches`: request a match, list and read results.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;
use serde_json::{Value, json};
use tracing::{info, instrument};
use uuid::Uuid;

use super::extract::{ApiJson, path_id};
use super::{ApiError, AppState, CurrentUser};
use crate::events::{EventKind, StatusEvent};
use crate::store::{MatchRecord, MatchStatus, QuotaOutcome};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/matches", get(list).post(create))
        .route("/matches/{id}", get(detail))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateMatch {
    resume_id: Option<serde_json::Value>,
    job_id: Option<serde_json::Value>,
}

fn body_id(value: Option<&Value>) -> Option<&str> {
    value
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

#[instrument(skip_all, fields(user_id = %caller.user.id))]
async fn create(
    State(state): State<AppState>,
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
    if let Err(error) = state.queue.compute_match(record.id).await {
        state
            .store
            .set_match_status(record.id, MatchStatus::Failed, Some("could not be queued"))
            .await?;
        if counted {
            state.store.refund_quota(user_id).await?;
        }
        return Err(ApiError::Unavailable {
            message: error.to_string(),
        });
    }
    info!(match_id = %record.id, %resume_id, %job_id, "match queued");
    state.events.publish(StatusEvent {
        kind: EventKind::Match,
        owner_sub: caller.user.auth0_sub.clone(),
        id: record.id,
        status: "queued".to_string(),
        title: None,
        created_at: now,
        updated_at: now,
    });
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({ "id": record.id, "status": "queued" })),
    ))
}

async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
) -> Result<Json<Vec<Value>>, ApiError> {
    let matches = state.store.list_matches(caller.user.id).await?;
    let items = matches
        .iter()
        .map(|m| {
            json!({
                "id": m.id,
                "resume_id": m.resume_id,
                "job_id": m.job_id,
                "status": m.status,
                "result_id": m.result_id,
                "created_at": m.created_at,
                "updated_at": m.updated_at,
                "error_message": m.error_message,
            })
        })
        .collect();
    Ok(Json(items))
}

async fn detail(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(raw_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = path_id(&raw_id)?;
    let record = state
        .store
        .match_record(caller.user.id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let result = match record.result_id {
        Some(result_id) => state.store.match_result(result_id).await?,
        None => None,
    };
    let result = result.map(|r| {
        json!({
            "id": r.id,
            "score": r.score,
            "completedAt": r.completed_at,
            "summary": r.summary,
        })
    });
    Ok(Json(json!({
        "id": record.id,
        "status": record.status,
        "resumeId": record.resume_id,
        "jobId": record.job_id,
        "error": record.error_message,
        "match": result,
    })))
}
