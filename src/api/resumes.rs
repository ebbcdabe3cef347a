//! `/api/v1/resumes`: upload, list, detail and delete.

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use chrono::Utc;
use serde_json::{Value, json};
use tracing::{info, instrument};
use uuid::Uuid;

use super::extract::path_id;
use super::upload::read_form;
use super::{ApiError, AppState, CurrentUser};
use crate::events::{EventKind, StatusEvent};
use crate::store::{DocumentStatus, ResumeRecord};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/resumes", get(list).post(upload))
        .route("/resumes/{id}", get(detail).delete(remove))
}

#[instrument(skip_all, fields(user_id = %caller.user.id))]
async fn upload(
    State(state): State<AppState>,
    caller: CurrentUser,
    multipart: Multipart,
) -> Result<impl IntoResponse, ApiError> {
    let form = read_form(multipart, state.max_upload_bytes).await?;
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
    let now = Utc::now();
    let record = ResumeRecord {
        id,
        user_id: caller.user.id,
        filename: file.filename,
        mime_type: file.kind.mime_type().to_string(),
        storage_path: key,
        status: DocumentStatus::Queued.as_str().to_string(),
        parsed_summary: None,
        error_message: None,
        created_at: now,
        updated_at: now,
    };
    state.store.insert_resume(&record).await?;
    if let Err(error) = state.queue.parse_resume(id).await {
        state
            .store
            .set_resume_status(id, DocumentStatus::Error, Some("could not be queued"))
            .await?;
        return Err(ApiError::Unavailable {
            message: error.to_string(),
        });
    }
    info!(resume_id = %id, bytes = file.bytes.len(), kind = ?file.kind, "resume queued");
    state.events.publish(StatusEvent {
        kind: EventKind::Resume,
        owner_sub: caller.user.auth0_sub.clone(),
        id,
        status: "queued".to_string(),
        title: None,
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
    let resumes = state.store.list_resumes(caller.user.id).await?;
    let items = resumes
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "filename": r.filename,
                "mime_type": r.mime_type,
                "status": r.status,
                "created_at": r.created_at,
                "updated_at": r.updated_at,
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
    let resume = state
        .store
        .resume(caller.user.id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let skills = state.store.resume_skills(id).await?;
    let skills: Vec<Value> = skills
        .iter()
        .map(|s| {
            json!({
                "id": s.id,
                "skill": s.skill,
                "skill_id": s.skill_id,
                "experience_years": s.experience_years,
                "proficiency": s.proficiency,
                "created_at": s.created_at,
            })
        })
        .collect();
    Ok(Json(json!({
        "id": resume.id,
        "filename": resume.filename,
        "mimeType": resume.mime_type,
        "status": resume.status,
        "error": resume.error_message,
        "parsedData": resume.parsed_summary,
        "skills": skills,
        "createdAt": resume.created_at,
        "updatedAt": resume.updated_at,
    })))
}

async fn remove(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(raw_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = path_id(&raw_id)?;
    if state.store.delete_resume(caller.user.id, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found())
    }
}
