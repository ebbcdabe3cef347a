//! The Python worker's HTTP contract, so clients of the old worker can call this service.
//!
//! Routes: `GET /health`, `POST /parse/resume`, `POST /parse/job` and `POST /match`, with the
//! old worker's request models, 422 bodies (see [`schema`]), `{"detail": ...}` errors and its
//! base64 rules. [`public_app`] serves them without authentication on the compatibility
//! listener (`COMPAT_PORT`); [`authenticated_routes`] adds the three POST routes to the main
//! application behind the product API's authentication. JSON bodies may be up to
//! [`MAX_BODY_BYTES`]; larger ones are rejected with 413.

mod base64;
mod error;
mod handlers;
mod request;
mod schema;

use axum::extract::{DefaultBodyLimit, Request};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::api::{AppState, CurrentUser};
use crate::config::MatchStrategy;
use crate::nlp::NlpRuntime;
use error::CompatError;

/// Largest accepted JSON body: 15 MiB, enough for a 10 MiB file in base64 plus the other fields.
pub const MAX_BODY_BYTES: usize = 15 * 1024 * 1024;

/// Shared state of the compatibility handlers.
#[derive(Clone)]
pub struct CompatState {
    nlp: NlpRuntime,
    strategy: MatchStrategy,
}

impl CompatState {
    /// Builds the state: the native engine and the `/match` strategy (`COMPAT_MATCH_STRATEGY`).
    ///
    /// The routes always use the native engine, even when the workers use the external Python
    /// worker, and score with the engine's `USE_INFERRED_REQUIREMENTS` option.
    pub fn new(nlp: NlpRuntime, strategy: MatchStrategy) -> Self {
        Self { nlp, strategy }
    }
}

/// Returns the three POST routes with the body limit, ready to merge into a router over `S`.
fn contract_routes<S>(state: CompatState) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    Router::new()
        .route("/parse/resume", post(handlers::parse_resume))
        .route("/parse/job", post(handlers::parse_job))
        .route("/match", post(handlers::match_skills))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// Builds the unauthenticated application of the compatibility listener.
///
/// Unknown paths are 404 and wrong methods 405, with FastAPI's `{"detail": ...}` bodies.
pub fn public_app(state: CompatState) -> Router {
    let request_id = axum::http::HeaderName::from_static("x-request-id");
    contract_routes(state)
        .route("/health", get(health))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request| {
                let id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                tracing::info_span!(
                    "compat_request",
                    method = %request.method(),
                    path = %request.uri().path(),
                    request_id = %id,
                )
            }),
        )
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// Returns the three POST routes behind the product API's authentication, for the main
/// application. A request without valid credentials gets the product API's 401.
pub fn authenticated_routes(state: CompatState, app_state: AppState) -> Router<AppState> {
    contract_routes(state).route_layer(axum::middleware::from_extractor_with_state::<
        CurrentUser,
        AppState,
    >(app_state))
}

async fn health() -> Json<Value> {
    Json(json!({ "ok": true }))
}

async fn not_found() -> CompatError {
    CompatError::NotFound
}

async fn method_not_allowed() -> CompatError {
    CompatError::MethodNotAllowed
}
