//! HTTP API: the product routes under `/api/v1`, health and readiness, and the Python-worker
//! routes (`crate::compat`) behind the same authentication.

mod auth;
mod error;
mod extract;
mod jobs;
mod matches;
mod resumes;
mod upload;
mod usage;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use tower_http::cors::CorsLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub use auth::{CurrentUser, DEV_SUBJECT};
pub use error::ApiError;

use crate::blob::BlobStore;
use crate::compat::{CompatState, authenticated_routes};
use crate::config::{AuthSettings, MatchStrategy};
use crate::events::EventBus;
use crate::jobs::JobQueue;
use crate::nlp::NlpRuntime;
use crate::store::Store;

/// Multipart framing allowed on top of the file limit (boundaries, headers, the title field).
const MULTIPART_OVERHEAD_BYTES: usize = 64 * 1024;

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    /// Repository.
    pub store: Arc<dyn Store>,
    /// Uploaded files.
    pub blobs: Arc<dyn BlobStore>,
    /// Job queue.
    pub queue: JobQueue,
    /// NLP engine (readiness and file sniffing).
    pub nlp: NlpRuntime,
    /// Status events.
    pub events: EventBus,
    /// Authentication and quota settings.
    pub auth: AuthSettings,
    /// Largest accepted upload, in bytes.
    pub max_upload_bytes: usize,
    /// Scoring strategy of the compatibility `/match` route.
    pub compat_match_strategy: MatchStrategy,
}

/// Builds the whole HTTP application.
pub fn app(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let body_limit = state.max_upload_bytes + MULTIPART_OVERHEAD_BYTES;
    let api = Router::new()
        .merge(resumes::routes())
        .merge(jobs::routes())
        .merge(matches::routes())
        .merge(usage::routes())
        .layer(DefaultBodyLimit::max(body_limit));
    let compat = CompatState::new(state.nlp.clone(), state.compat_match_strategy);
    Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready))
        .nest("/api/v1", api)
        .merge(authenticated_routes(compat, state.clone()))
        .fallback(unknown_route)
        .with_state(state)
        .layer(CorsLayer::permissive().max_age(Duration::from_secs(600)))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request| {
                let id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                tracing::info_span!(
                    "request",
                    method = %request.method(),
                    path = %request.uri().path(),
                    request_id = %id,
                )
            }),
        )
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

async fn health() -> Json<serde_json::Value> {
    Json(json!({ "ok": true }))
}

async fn ready(State(state): State<AppState>) -> Response {
    let database = state.store.ping().await.is_ok();
    let model = state.nlp.model_loaded();
    let body = json!({
        "ok": database,
        "database": database,
        "queue": database,
        "model": if model { "onnx" } else { "hashed-fallback" },
    });
    let status = if database {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body)).into_response()
}

async fn unknown_route() -> ApiError {
    ApiError::not_found()
}
