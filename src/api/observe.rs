//! Request observation: the request id of the request being served (for error bodies), and
//! Prometheus metrics (requests by route and status, latency, queue depth) at `/metrics`.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tracing::warn;

use super::AppState;

/// Upper bounds of the request latency histogram, in seconds.
const LATENCY_BUCKETS_SECS: &[f64] = &[
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

tokio::task_local! {
    static REQUEST_ID: String;
}

/// Returns the `x-request-id` of the request being served, when called inside one.
pub(super) fn current_request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// Returns the process-wide Prometheus handle, installing the recorder on first use.
///
/// Several servers in one process (as in tests) share the recorder, so their request counts add
/// up.
fn prometheus() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new().set_buckets_for_metric(
                Matcher::Full("layer1_http_request_duration_seconds".to_string()),
                LATENCY_BUCKETS_SECS,
            );
            let recorder = match builder {
                Ok(builder) => builder.build_recorder(),
                Err(error) => {
                    warn!(%error, "failed to configure the metrics recorder");
                    return None;
                }
            };
            let handle = recorder.handle();
            match metrics::set_global_recorder(recorder) {
                Ok(()) => Some(handle),
                Err(error) => {
                    warn!(%error, "another metrics recorder is installed; /metrics stays empty");
                    None
                }
            }
        })
        .as_ref()
}

/// Copies the matched route pattern into the response, so [`track`] can label by route.
pub(super) async fn copy_matched_path(request: Request, next: Next) -> Response {
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    if let Some(matched) = matched {
        response.extensions_mut().insert(matched);
    }
    response
}

/// Serves the request with its id in scope and records its count and latency.
pub(super) async fn track(request: Request, next: Next) -> Response {
    let _ = prometheus();
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let method = request.method().to_string();
    let started = Instant::now();
    let response = REQUEST_ID.scope(id, next.run(request)).await;
    let route = response
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string());
    let status = response.status().as_u16().to_string();
    metrics::counter!(
        "layer1_http_requests_total",
        "method" => method.clone(),
        "route" => route.clone(),
        "status" => status,
    )
    .increment(1);
    metrics::histogram!(
        "layer1_http_request_duration_seconds",
        "method" => method,
        "route" => route,
    )
    .record(started.elapsed().as_secs_f64());
    response
}

/// Task statuses of the job table.
const JOB_STATUSES: [&str; 6] = ["Pending", "Queued", "Running", "Done", "Failed", "Killed"];

/// `GET /metrics`: Prometheus text format, with queue gauges read from the job table.
#[utoipa::path(get, path = "/metrics", tag = "service", responses(
    (status = 200, description = "Prometheus text exposition format", body = String,
     content_type = "text/plain")))]
pub(super) async fn metrics_text(State(state): State<AppState>) -> Response {
    match state.queue.job_counts().await {
        Ok(counts) => {
            // A status whose jobs have all moved on has no row any more; report it as 0
            // instead of keeping its last value.
            for queue in crate::jobs::QUEUE_NAMES {
                for status in JOB_STATUSES {
                    metrics::gauge!("layer1_queue_jobs", "queue" => queue, "status" => status)
                        .set(0.0);
                }
            }
            for count in counts {
                metrics::gauge!(
                    "layer1_queue_jobs",
                    "queue" => count.queue.clone(),
                    "status" => count.status.clone(),
                )
                .set(count.jobs as f64);
            }
        }
        Err(error) => warn!(%error, "failed to read job counts for /metrics"),
    }
    match state.queue.waiting_by_queue().await {
        Ok(depths) => {
            for (queue, depth) in depths {
                metrics::gauge!("layer1_queue_depth", "queue" => queue).set(depth as f64);
            }
        }
        Err(error) => warn!(%error, "failed to read queue depth for /metrics"),
    }
    let text = prometheus()
        .map(|handle| {
            handle.run_upkeep();
            handle.render()
        })
        .unwrap_or_default();
    (
        [(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        text,
    )
        .into_response()
}
