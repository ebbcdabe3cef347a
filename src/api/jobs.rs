//! `/api/v1/jobs`: create from text or a file, list, detail and delete.

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;
use serde_json::{Value, json};
use tracing::{info, instrument};
use uuid::Uuid;

use super::extract::{ApiJson, path_id};
use super::upload::{Upload, read_form};
use super::{ApiError, AppState, CurrentUser};
use crate::events::{EventKind, StatusEvent};
use crate::store::{DocumentStatus, JobRecord};

/// Longest accepted job title, in characters.
const MAX_TITLE_CHARS: usize = 300;
/// Longest accepted job text, in bytes.
const MAX_TEXT_BYTES: usize = 1024 * 1024;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/jobs", get(list).post(create))
        .route("/jobs/{id}", get(detail).delete(remove))
}

#[derive(Deserialize)]
struct CreateJob {
    title: Option<String>,
    text: Option<String>,
    description_text: Option<String>,
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

#[instrument(skip_all, fields(user_id = %caller.user.id))]
async fn create(
    State(state): State<AppState>,
    caller: CurrentUser,
    request: Request,
) -> Result<impl IntoResponse, ApiError> {
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
            if text.len() > MAX_TEXT_BYTES {
                return Err(ApiError::bad_request(
                    "text_too_long",
                    format!("text has {} bytes (max {MAX_TEXT_BYTES})", text.len()),
                ));
            }
            record.raw_text = Some(text);
        }
        JobInput::File(file) => {
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
    if let Err(error) = state.queue.parse_job(id).await {
        state
            .store
            .set_job_status(id, DocumentStatus::Error, Some("could not be queued"))
            .await?;
        return Err(ApiError::Unavailable {
            message: error.to_string(),
        });
    }
    info!(job_id = %id, source = %record.source, "job queued");
    state.events.publish(StatusEvent {
        kind: EventKind::Job,
        owner_sub: caller.user.auth0_sub.clone(),
        id,
        status: "queued".to_string(),
        title: Some(record.title.clone()),
        created_at: now,
        updated_at: now,
    });
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({ "id": id, "status": "queued" })),
    ))
}

async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
) -> Result<Json<Vec<Value>>, ApiError> {
    let jobs = state.store.list_jobs(caller.user.id).await?;
    let items = jobs
        .iter()
        .map(|j| {
            json!({
                "id": j.id,
                "title": j.title,
                "source": j.source,
                "status": j.status,
                "created_at": j.created_at,
                "updated_at": j.updated_at,
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
    let job = state
        .store
        .job(caller.user.id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let requirements: Vec<Value> = state
        .store
        .job_requirements(id)
        .await?
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "skill": r.skill,
                "skill_id": r.skill_id,
                "importance": r.importance,
                "inferred": r.inferred,
                "created_at": r.created_at,
            })
        })
        .collect();
    let soft_skills: Vec<Value> = state
        .store
        .job_soft_skills(id)
        .await?
        .iter()
        .map(|s| {
            json!({
                "id": s.id,
                "skill": s.skill,
                "importance": s.value,
                "created_at": s.created_at,
            })
        })
        .collect();
    Ok(Json(json!({
        "id": job.id,
        "title": job.title,
        "source": job.source,
        "status": job.status,
        "error": job.error_message,
        "parsedData": job.parsed_summary,
        "requirements": requirements,
        "soft_skills": soft_skills,
        "createdAt": job.created_at,
        "updatedAt": job.updated_at,
    })))
}

async fn remove(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(raw_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = path_id(&raw_id)?;
    if state.store.delete_job(caller.user.id, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found())
    }
}
