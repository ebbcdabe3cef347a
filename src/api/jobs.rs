//! `/api/v1/jobs`: create from text or a file, list, detail, delete and retry.

use std::sync::Arc;

use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use chrono::Utc;
use layer1_engine::extract::FileKind;
use tracing::{info, instrument};
use uuid::Uuid;

use super::extract::{ApiJson, ApiQuery, PathId};
use super::paging::{ListParams, page_response};
use super::privacy::purge_item;
use super::protect::ensure_queue_room;
use super::resumes::DeleteParams;
use super::schema::{CreateJob, ErrorBody, JobDetail, JobFileUpload, JobListItem, Queued};
use super::upload::{Upload, read_form};
use super::{ApiError, ApiOptions, AppState, CurrentUser};
use crate::events::{EventKind, StatusEvent};
use crate::store::{DocumentStatus, ItemKind, JobRecord, RequeueOutcome};

/// Queue of job description parsing.
const QUEUE: &str = "parse_job";

/// Longest accepted job title, in characters.
const MAX_TITLE_CHARS: usize = 300;
/// Longest accepted job text, in bytes.
const MAX_TEXT_BYTES: usize = 1024 * 1024;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/jobs", get(list).post(create))
        .route("/jobs/{id}", get(detail).delete(remove))
        .route("/jobs/{id}/retry", post(retry))
}

enum JobInput {
    Text(String),
    File(Upload),
}

async fn read_input(
    state: &AppState,
    request: Request,
) -> Result<(Option<String>, Option<JobInput>), ApiError> {
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if is_multipart {
        let multipart = Multipart::from_request(request, state)
            .await
            .map_err(|e| ApiError::bad_request("invalid_multipart", e.body_text()))?;
        let form = read_form(multipart, state.max_upload_bytes).await?;
        let title = form.field("title").map(str::to_string);
        let text = form
            .field("text")
            .or(form.field("description_text"))
            .map(str::to_string);
        let input = match (form.file, text) {
            (Some(file), _) => Some(JobInput::File(file)),
            (None, Some(text)) => Some(JobInput::Text(text)),
            (None, None) => None,
        };
        return Ok((title, input));
    }
    let ApiJson(body) = ApiJson::<CreateJob>::from_request(request, state).await?;
    let text = body.text.or(body.description_text);
    Ok((body.title, text.map(JobInput::Text)))
}

/// Create a job description from JSON text or a multipart file and queue it for parsing.
#[utoipa::path(post, path = "/api/v1/jobs", tag = "jobs",
    request_body(content(
        (CreateJob = "application/json"),
        (JobFileUpload = "multipart/form-data"),
    )),
    responses(
        (status = 202, description = "Queued for parsing", body = Queued),
        (status = 400, description = "`title_required`, `title_too_long`, \
            `file_or_text_required`, `empty_file`, `text_too_long`, `invalid_json` or \
            `invalid_content_type`",
            body = ErrorBody),
        (status = 413, description = "`file too large (max 10MB)`", body = ErrorBody),
        (status = 415, description = "`unsupported file type`", body = ErrorBody),
        (status = 503, description = "`queue_full`", body = ErrorBody),
    ))]
#[instrument(skip_all, fields(user_id = %caller.user.id))]
pub(super) async fn create(
    State(state): State<AppState>,
    Extension(options): Extension<Arc<ApiOptions>>,
    caller: CurrentUser,
    request: Request,
) -> Result<impl IntoResponse, ApiError> {
    // Checked before the body is read, so a full queue costs no upload bandwidth.
    ensure_queue_room(&state, &options, QUEUE).await?;
    let (title, input) = read_input(&state, request).await?;
    let title = title.map(|t| t.trim().to_string()).unwrap_or_default();
    if title.is_empty() {
        return Err(ApiError::bad_request("title_required", "title is required"));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(ApiError::bad_request(
            "title_too_long",
            format!(
                "title has {} characters (max {MAX_TITLE_CHARS})",
                title.chars().count()
            ),
        ));
    }
    let input = match input {
        Some(JobInput::Text(text)) if text.trim().is_empty() => None,
        other => other,
    };
    let Some(input) = input else {
        return Err(ApiError::bad_request(
            "file_or_text_required",
            "send the job description as text or as a file",
        ));
    };

    let id = Uuid::new_v4();
    let now = Utc::now();
    let mut record = JobRecord {
        id,
        user_id: caller.user.id,
        title,
        source: "text".to_string(),
        filename: None,
        mime_type: None,
        storage_path: None,
        raw_text: None,
        status: DocumentStatus::Queued.as_str().to_string(),
        parsed_summary: None,
        error_message: None,
        created_at: now,
        updated_at: now,
    };
    match input {
        JobInput::Text(text) => {
            check_text_size("text", text.len())?;
            record.raw_text = Some(text);
        }
        JobInput::File(file) => {
            if file.kind == FileKind::Text {
                check_text_size("text file", file.bytes.len())?;
            }
            let key = format!("jobs/{id}.{}", file.kind.extension());
            state
                .blobs
                .put(&key, &file.bytes)
                .await
                .map_err(|e| ApiError::Internal(e.into()))?;
            record.source = "file".to_string();
            record.filename = Some(file.filename);
            record.mime_type = Some(file.kind.mime_type().to_string());
            record.storage_path = Some(key);
        }
    }
    state.store.insert_job(&record).await?;
    // Published before queuing, so clients never see `queued` after a worker's `processing`.
    let queued = StatusEvent {
        kind: EventKind::Job,
        owner_sub: caller.user.auth0_sub.clone(),
        id,
        status: "queued".to_string(),
        title: Some(record.title.clone()),
        created_at: now,
        updated_at: now,
    };
    state.events.publish(queued.clone());
    if let Err(error) = state.queue.parse_job(id).await {
        state
            .store
            .set_job_status(id, DocumentStatus::Error, Some("could not be queued"))
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
    info!(job_id = %id, source = %record.source, "job queued");
    Ok((StatusCode::ACCEPTED, Json(Queued::new(id))))
}

/// Rejects job text over [`MAX_TEXT_BYTES`], sent as a field or as a plain-text file, with
/// 400 `text_too_long`.
fn check_text_size(input_name: &str, bytes: usize) -> Result<(), ApiError> {
    if bytes <= MAX_TEXT_BYTES {
        return Ok(());
    }
    Err(ApiError::bad_request(
        "text_too_long",
        format!("{input_name} has {bytes} bytes (max {MAX_TEXT_BYTES})"),
    ))
}

/// List the caller's job descriptions, newest first.
#[utoipa::path(get, path = "/api/v1/jobs", tag = "jobs", params(ListParams),
    responses(
        (status = 200, description = "Jobs, newest first; `x-next-cursor` names the next page",
         body = Vec<JobListItem>,
         headers(("x-next-cursor" = String, description = "Cursor of the next page"))),
        (status = 400, description = "`invalid_query`", body = ErrorBody),
    ))]
pub(super) async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Response, ApiError> {
    let page = params.page()?;
    let rows = state.store.job_page(caller.user.id, page).await?;
    Ok(page_response(
        &params,
        rows,
        |j: &JobRecord| (j.created_at, j.id),
        |j: &JobRecord| JobListItem::from(j),
    ))
}

/// Read a job description with its requirements and soft skills.
#[utoipa::path(get, path = "/api/v1/jobs/{id}", tag = "jobs",
    params(("id" = String, Path, description = "Job id")),
    responses(
        (status = 200, description = "Job detail", body = JobDetail),
        (status = 404, description = "`not_found`", body = ErrorBody),
    ))]
pub(super) async fn detail(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
) -> Result<Json<JobDetail>, ApiError> {
    let job = state
        .store
        .job(caller.user.id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let requirements = state.store.job_requirements(id).await?;
    let soft_skills = state.store.job_soft_skills(id).await?;
    Ok(Json(JobDetail::new(job, &requirements, &soft_skills)))
}

/// Delete a job description: hidden, or removed for good with `purge=true`.
#[utoipa::path(delete, path = "/api/v1/jobs/{id}", tag = "jobs",
    params(("id" = String, Path, description = "Job id"), DeleteParams),
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
        purge_item(&*state.store, &*state.blobs, ItemKind::Job, user_id, id).await?
    } else {
        state.store.delete_job(user_id, id).await?
    };
    if found {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found())
    }
}

/// Queue a job description whose parsing failed (`status: error`) again.
#[utoipa::path(post, path = "/api/v1/jobs/{id}/retry", tag = "jobs",
    params(("id" = String, Path, description = "Job id")),
    responses(
        (status = 202, description = "Queued again", body = Queued),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`not_failed`: the job is not in `error`", body = ErrorBody),
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
        .requeue_failed(ItemKind::Job, caller.user.id, id)
        .await?;
    match outcome {
        RequeueOutcome::Requeued => {}
        RequeueOutcome::NotFailed => return Err(ApiError::Conflict { code: "not_failed" }),
        RequeueOutcome::NotFound => return Err(ApiError::not_found()),
    }
    if let Err(error) = state.queue.parse_job(id).await {
        state
            .store
            .set_job_status(id, DocumentStatus::Error, Some("could not be queued"))
            .await?;
        return Err(ApiError::Unavailable {
            message: error.to_string(),
        });
    }
    info!(job_id = %id, "job queued again");
    if let Some(job) = state.store.job(caller.user.id, id).await? {
        state.events.publish(StatusEvent {
            kind: EventKind::Job,
            owner_sub: caller.user.auth0_sub.clone(),
            id,
            status: "queued".to_string(),
            title: Some(job.title),
            created_at: job.created_at,
            updated_at: job.updated_at,
        });
    }
    Ok((StatusCode::ACCEPTED, Json(Queued::new(id))))
}
