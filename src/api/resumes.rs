//! `/api/v1/resumes`: upload, list, detail, delete and retry.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use serde_json::json;
use tracing::{info, instrument};
use utoipa::IntoParams;
use uuid::Uuid;

use super::extract::{ApiMultipart, ApiQuery, PathId};
use super::paging::{ListParams, page_response};
use super::privacy::{purge_item, redact_parsed};
use super::protect::ensure_queue_room;
use super::schema::{ErrorBody, FileUpload, Queued, ResumeDetail, ResumeListItem};
use super::upload::{UploadForm, read_form};
use super::{ApiError, ApiOptions, AppState, CurrentUser};
use crate::events::{EventKind, StatusEvent};
use crate::store::{DocumentStatus, ItemKind, RequeueOutcome, ResumeRecord};

/// Queue of resume parsing.
const QUEUE: &str = "parse_resume";

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/resumes", get(list).post(upload))
        .route("/resumes/{id}", get(detail).delete(remove))
        .route("/resumes/{id}/retry", post(retry))
}

/// Query parameters of `GET /resumes/{id}`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct DetailParams {
    /// Mask name, e-mail, phone and links in `parsedData`.
    redact: Option<bool>,
}

/// Query parameters of `DELETE /resumes/{id}` and `DELETE /jobs/{id}`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct DeleteParams {
    /// Remove the item for good: stored file, parse result, skills or requirements, and
    /// matches. Without it the item is only hidden (soft delete).
    pub(super) purge: Option<bool>,
}

/// Upload a resume (PDF, DOCX or text, at most 10 MB) and queue it for parsing.
#[utoipa::path(post, path = "/api/v1/resumes", tag = "resumes",
    request_body(content = FileUpload, content_type = "multipart/form-data"),
    responses(
        (status = 202, description = "Queued for parsing", body = Queued),
        (status = 400, description = "`file is required`, `empty_file`, `invalid_as_of` or invalid \
            multipart",
         body = ErrorBody),
        (status = 413, description = "`file too large (max 10MB)`", body = ErrorBody),
        (status = 415, description = "`unsupported file type`", body = ErrorBody),
        (status = 503, description = "`queue_full`: the parse queue is full", body = ErrorBody),
    ))]
#[instrument(skip_all, fields(user_id = %caller.user.id))]
pub(super) async fn upload(
    State(state): State<AppState>,
    Extension(options): Extension<Arc<ApiOptions>>,
    caller: CurrentUser,
    ApiMultipart(multipart): ApiMultipart,
) -> Result<impl IntoResponse, ApiError> {
    // Checked before the body is read, so a full queue costs no upload bandwidth.
    ensure_queue_room(&state, &options, QUEUE).await?;
    let form = read_form(multipart, state.max_upload_bytes).await?;
    let now = Utc::now();
    let as_of = as_of_date(&form, now.date_naive())?;
    let Some(file) = form.file else {
        return Err(ApiError::bad_request(
            "file is required",
            "file is required",
        ));
    };

    let id = Uuid::new_v4();
    let key = format!("resumes/{id}.{}", file.kind.extension());
    state
        .blobs
        .put(&key, &file.bytes)
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    let record = ResumeRecord {
        id,
        user_id: caller.user.id,
        filename: file.filename,
        mime_type: file.kind.mime_type().to_string(),
        storage_path: key,
        status: DocumentStatus::Queued.as_str().to_string(),
        // Kept until the parse result replaces it, so a retry reads the same date.
        parsed_summary: as_of.map(|date| json!({ "as_of": date })),
        error_message: None,
        created_at: now,
        updated_at: now,
    };
    state.store.insert_resume(&record).await?;
    // Published before queuing, so clients never see `queued` after a worker's `processing`.
    let queued = StatusEvent {
        kind: EventKind::Resume,
        owner_sub: caller.user.auth0_sub.clone(),
        id,
        status: "queued".to_string(),
        title: None,
        created_at: now,
        updated_at: now,
    };
    state.events.publish(queued.clone());
    if let Err(error) = state.queue.parse_resume(id).await {
        state
            .store
            .set_resume_status(id, DocumentStatus::Error, Some("could not be queued"))
            .await?;
        state.events.publish(StatusEvent {
            status: DocumentStatus::Error.as_str().to_string(),
            updated_at: Utc::now(),
            ..queued
        });
        return Err(ApiError::Unavailable {
            message: error.to_string(),
        });
    }
    info!(resume_id = %id, bytes = file.bytes.len(), kind = ?file.kind, "resume queued");
    Ok((StatusCode::ACCEPTED, Json(Queued::new(id))))
}

/// Reads the optional `as_of` field: a date written `YYYY-MM-DD`, from 1950 up to the day
/// after `today` (the client's today may be the server's tomorrow). The field may appear once.
fn as_of_date(form: &UploadForm, today: NaiveDate) -> Result<Option<NaiveDate>, ApiError> {
    let mut values = form.fields.iter().filter(|(name, _)| name == "as_of");
    let first = values.next().map(|(_, value)| value.trim());
    if values.next().is_some() {
        return Err(ApiError::bad_request(
            "invalid_as_of",
            "as_of is given more than once; send one date",
        ));
    }
    let Some(value) = first.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };

    let mut quoted: String = value.chars().take(40).collect();
    if quoted.len() < value.len() {
        quoted.push('…');
    }
    let date = crate::dates::parse_full_date(value).ok_or_else(|| {
        ApiError::bad_request(
            "invalid_as_of",
            format!("as_of must be a date written YYYY-MM-DD, got {quoted:?}"),
        )
    })?;
    let range = crate::dates::as_of_range(today);
    if !range.contains(&date) {
        let (earliest, latest) = (range.start(), range.end());
        return Err(ApiError::bad_request(
            "invalid_as_of",
            format!("as_of {quoted:?} is outside {earliest} to {latest}"),
        ));
    }
    Ok(Some(date))
}

/// List the caller's resumes, newest first.
#[utoipa::path(get, path = "/api/v1/resumes", tag = "resumes", params(ListParams),
    responses(
        (status = 200, description = "Resumes, newest first; `x-next-cursor` names the next page",
         body = Vec<ResumeListItem>,
         headers(("x-next-cursor" = String, description = "Cursor of the next page"))),
        (status = 400, description = "`invalid_query`", body = ErrorBody),
    ))]
pub(super) async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Response, ApiError> {
    let page = params.page()?;
    let rows = state.store.resume_page(caller.user.id, page).await?;
    Ok(page_response(
        &params,
        rows,
        |r: &ResumeRecord| (r.created_at, r.id),
        |r: &ResumeRecord| ResumeListItem::from(r),
    ))
}

/// Read a resume with its parse result and skills.
#[utoipa::path(get, path = "/api/v1/resumes/{id}", tag = "resumes",
    params(("id" = String, Path, description = "Resume id"), DetailParams),
    responses(
        (status = 200, description = "Resume detail", body = ResumeDetail),
        (status = 400, description = "`invalid_query`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    ))]
pub(super) async fn detail(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
    ApiQuery(params): ApiQuery<DetailParams>,
) -> Result<Json<ResumeDetail>, ApiError> {
    let resume = state
        .store
        .resume(caller.user.id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let skills = state.store.resume_skills(id).await?;
    let mut detail = ResumeDetail::new(resume, &skills);
    if params.redact == Some(true)
        && let Some(parsed) = detail.parsed_data.as_mut()
    {
        redact_parsed(parsed);
    }
    Ok(Json(detail))
}

/// Delete a resume: hidden from lists and details, or removed for good with `purge=true`.
#[utoipa::path(delete, path = "/api/v1/resumes/{id}", tag = "resumes",
    params(("id" = String, Path, description = "Resume id"), DeleteParams),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "`invalid_query`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    ))]
#[instrument(skip_all, fields(user_id = %caller.user.id))]
pub(super) async fn remove(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
    ApiQuery(params): ApiQuery<DeleteParams>,
) -> Result<StatusCode, ApiError> {
    let user_id = caller.user.id;
    let found = if params.purge == Some(true) {
        purge_item(&*state.store, &*state.blobs, ItemKind::Resume, user_id, id).await?
    } else {
        state.store.delete_resume(user_id, id).await?
    };
    if found {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found())
    }
}

/// Queue a resume whose parsing failed (`status: error`) again.
#[utoipa::path(post, path = "/api/v1/resumes/{id}/retry", tag = "resumes",
    params(("id" = String, Path, description = "Resume id")),
    responses(
        (status = 202, description = "Queued again", body = Queued),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`not_failed`: the resume is not in `error`", body = ErrorBody),
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
        .requeue_failed(ItemKind::Resume, caller.user.id, id)
        .await?;
    match outcome {
        RequeueOutcome::Requeued => {}
        RequeueOutcome::NotFailed => return Err(ApiError::Conflict { code: "not_failed" }),
        RequeueOutcome::NotFound => return Err(ApiError::not_found()),
    }
    if let Err(error) = state.queue.parse_resume(id).await {
        state
            .store
            .set_resume_status(id, DocumentStatus::Error, Some("could not be queued"))
            .await?;
        return Err(ApiError::Unavailable {
            message: error.to_string(),
        });
    }
    info!(resume_id = %id, "resume queued again");
    if let Some(resume) = state.store.resume(caller.user.id, id).await? {
        state.events.publish(StatusEvent {
            kind: EventKind::Resume,
            owner_sub: caller.user.auth0_sub.clone(),
            id,
            status: "queued".to_string(),
            title: None,
            created_at: resume.created_at,
            updated_at: resume.updated_at,
        });
    }
    Ok((StatusCode::ACCEPTED, Json(Queued::new(id))))
}
