//! HTTP API: the product routes under `/api/v1`, health and readiness, and the Python-worker
//! routes (`crate::compat`) behind the same authentication.

mod auth;
mod error;
mod extract;
mod jobs;
mod matches;
mod observe;
mod openapi;
mod paging;
mod privacy;
mod protect;
mod rank;
mod resumes;
pub mod schema;
mod upload;
mod usage;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use tower_http::cors::{AllowHeaders, AllowOrigin, Any, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub use auth::{CurrentUser, DEV_SUBJECT};
pub use error::ApiError;
pub use openapi::ApiDoc;
pub use paging::{MAX_PAGE_LIMIT, NEXT_CURSOR_HEADER};
pub use privacy::{REDACTED, purge_item, redact_parsed, run_retention};
pub use protect::RateLimiter;

use crate::blob::BlobStore;
use crate::compat::{CompatState, authenticated_routes};
use crate::config::{ApiSettings, AuthSettings, MatchStrategy};
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
    /// Bearer-token verifier built from `auth`.
    pub authenticator: crate::auth::Authenticator,
    /// Largest accepted upload, in bytes.
    pub max_upload_bytes: usize,
    /// Scoring strategy of the compatibility `/match` route.
    pub compat_match_strategy: MatchStrategy,
}

/// Product API settings that live outside [`AppState`], with the rate limiters built from them.
#[derive(Debug)]
pub struct ApiOptions {
    /// CORS, rate limit, backpressure and retention settings.
    pub settings: ApiSettings,
    user_limiter: RateLimiter,
    ip_limiter: RateLimiter,
    /// Scoring options of the ranking routes (the workers' match options).
    pub match_options: layer1_engine::score::MatchOptions,
}

impl ApiOptions {
    /// Builds the options and their rate limiters.
    pub fn new(settings: ApiSettings) -> Self {
        Self {
            user_limiter: RateLimiter::new(settings.rate_limit_per_minute),
            ip_limiter: RateLimiter::new(settings.rate_limit_per_ip_per_minute),
            settings,
            match_options: layer1_engine::score::MatchOptions::default(),
        }
    }

    /// Sets the scoring options of the ranking routes.
    pub fn with_match_options(mut self, options: layer1_engine::score::MatchOptions) -> Self {
        self.match_options = options;
        self
    }

    /// Options with every limit off and CORS open to any origin.
    pub fn unlimited() -> Self {
        Self::new(ApiSettings {
            cors_allowed_origins: "*".to_string(),
            rate_limit_per_minute: 0,
            rate_limit_per_ip_per_minute: 0,
            queue_max_depth: 0,
            retention_days: None,
            retention_sweep_secs: 3600,
        })
    }
}

/// Builds the whole HTTP application with every limit off (see [`app_with_options`]).
pub fn app(state: AppState) -> Router {
    app_with_options(state, ApiOptions::unlimited())
}

/// Builds the whole HTTP application.
pub fn app_with_options(state: AppState, options: ApiOptions) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let body_limit = state.max_upload_bytes + MULTIPART_OVERHEAD_BYTES;
    let cors = cors_layer(&options.settings);
    let options = Arc::new(options);
    let api = Router::new()
        .merge(resumes::routes())
        .merge(jobs::routes())
        .merge(matches::routes())
        .merge(usage::routes())
        .merge(rank::routes())
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(Extension(options.clone()))
        .layer(from_fn_with_state(
            body_limit,
            protect::check_content_length,
        ))
        .layer(from_fn_with_state(
            (state.clone(), options),
            protect::rate_limit,
        ));
    let compat = CompatState::new(state.nlp.clone(), state.compat_match_strategy);
    Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready))
        .route("/metrics", get(observe::metrics_text))
        .route("/openapi.json", get(openapi::document))
        .route("/docs", get(openapi::docs_page))
        .nest("/api/v1", api)
        .merge(authenticated_routes(compat, state.clone()))
        .fallback(unknown_route)
        .method_not_allowed_fallback(method_not_allowed)
        .route_layer(from_fn(observe::copy_matched_path))
        .with_state(state)
        .layer(cors)
        .layer(from_fn(observe::track))
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

/// Builds the CORS layer: any origin without credentials for `*`, else the listed origins with
/// credentials.
fn cors_layer(settings: &ApiSettings) -> CorsLayer {
    let base = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST, Method::DELETE, Method::OPTIONS])
        .expose_headers([
            HeaderName::from_static("x-request-id"),
            HeaderName::from_static(NEXT_CURSOR_HEADER),
            axum::http::header::RETRY_AFTER,
        ])
        .max_age(Duration::from_secs(600));
    match settings.cors_origins() {
        None => base.allow_origin(Any).allow_headers(Any),
        Some(origins) => {
            let origins: Vec<HeaderValue> = origins
                .iter()
                .filter_map(|origin| HeaderValue::from_str(origin).ok())
                .collect();
            base.allow_origin(AllowOrigin::list(origins))
                .allow_credentials(true)
                .allow_headers(AllowHeaders::mirror_request())
        }
    }
}

/// Liveness check, which succeeds while the process is running.
#[utoipa::path(get, path = "/health", tag = "service",
    responses((status = 200, description = "The process is running", body = schema::Health)))]
pub(super) async fn health() -> Json<schema::Health> {
    Json(schema::Health { ok: true })
}

/// Readiness: database, queue and model.
#[utoipa::path(get, path = "/ready", tag = "service", responses(
    (status = 200, description = "Database and queue usable", body = schema::Ready),
    (status = 503, description = "Database or queue unusable", body = schema::Ready)))]
pub(super) async fn ready(State(state): State<AppState>) -> Response {
    let database = state.store.ping().await.is_ok();
    let queue = state
        .queue
        .waiting(crate::jobs::QUEUE_NAMES[0])
        .await
        .is_ok();
    let model = state.nlp.model_loaded();
    let body = schema::Ready {
        ok: database && queue,
        database,
        queue,
        model: if model { "onnx" } else { "hashed-fallback" }.to_string(),
    };
    let status = if body.ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body)).into_response()
}

async fn unknown_route() -> ApiError {
    ApiError::not_found()
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
