//! Protection under load: per-user and per-address rate limits (token buckets), a
//! `Content-Length` check before any body is read, and queue backpressure.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_LENGTH};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::debug;

use super::{ApiError, ApiOptions, AppState, DEV_SUBJECT};

/// Number of tracked keys at which refilled, idle buckets are dropped.
const MAX_TRACKED_KEYS: usize = 10_000;

/// A token bucket per key: `per_minute` tokens, refilled evenly over a minute.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<u64, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl RateLimiter {
    /// Creates a limiter of `per_minute` requests per key; 0 disables it.
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `key`, or returns how long to wait for the next one.
    pub fn check(&self, key: &str, now: Instant) -> Result<(), Duration> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let mut hasher = DefaultHasher::new();
        key.hash(&mut hasher);
        let hashed = hasher.finish();

        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() >= MAX_TRACKED_KEYS {
            // A bucket that has refilled completely carries no state worth keeping.
            buckets.retain(|_, bucket| {
                let idle_secs = now.duration_since(bucket.updated).as_secs_f64();
                bucket.tokens + idle_secs * per_second < capacity
            });
        }
        let bucket = buckets.entry(hashed).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });

        let elapsed = now.duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }
}

/// Returns the key of the caller's user: the bearer token, or the development identity when
/// authentication is disabled and no token is sent.
///
/// NOTE: with authentication on, two tokens of the same subject count separately, because the
/// subject is only known after the token is verified in the handler.
fn user_key(request: &Request, auth_disabled: bool) -> Option<String> {
    let token = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(|token| format!("token:{token}"));
    token.or_else(|| auth_disabled.then(|| format!("user:{DEV_SUBJECT}")))
}

/// Rejects a request over the per-address or per-user rate with 429 and `Retry-After`.
pub(super) async fn rate_limit(
    State((state, options)): State<(AppState, Arc<ApiOptions>)>,
    request: Request,
    next: Next,
) -> Response {
    let now = Instant::now();
    // NOTE: the address is the TCP peer, so behind a reverse proxy every client shares the
    // proxy's address and budget; `X-Forwarded-For` is not trusted.
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip().to_string());
    let by_address = address.map_or(Ok(()), |ip| options.ip_limiter.check(&ip, now));
    let by_user = user_key(&request, state.auth.auth_disabled)
        .map_or(Ok(()), |key| options.user_limiter.check(&key, now));
    if let Err(wait) = by_address.and(by_user) {
        debug!(wait_ms = wait.as_millis() as u64, "rate limit reached");
        let retry_after_secs = wait.as_secs_f64().ceil() as u64;
        return ApiError::TooManyRequests { retry_after_secs }.into_response();
    }
    next.run(request).await
}

/// Rejects a body whose declared `Content-Length` is over the upload limit with 413 before
/// any of it is read.
pub(super) async fn check_content_length(
    State(max_body_bytes): State<usize>,
    request: Request,
    next: Next,
) -> Response {
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > max_body_bytes as u64) {
        return ApiError::PayloadTooLarge.into_response();
    }
    next.run(request).await
}

/// Returns `503 queue_full` when the queue `name` contains `QUEUE_MAX_DEPTH` or more waiting
/// jobs. Handlers call it before inserting anything, so a rejected request leaves no row.
pub(super) async fn ensure_queue_room(
    state: &AppState,
    options: &ApiOptions,
    name: &'static str,
) -> Result<(), ApiError> {
    let max = options.settings.queue_max_depth;
    if max == 0 {
        return Ok(());
    }
    let depth = state
        .queue
        .waiting(name)
        .await
        .map_err(|error| ApiError::Internal(error.into()))?;
    if depth >= max {
        return Err(ApiError::QueueFull {
            queue: name,
            depth,
            max,
            retry_after_secs: 30,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_allows_capacity_then_waits() {
        let limiter = RateLimiter::new(3);
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check("a", start).is_ok());
        }
        let wait = limiter.check("a", start).unwrap_err();
        assert!(wait > Duration::from_secs(19), "{wait:?}");
        assert!(wait <= Duration::from_secs(20), "{wait:?}");
        assert!(limiter.check("b", start).is_ok(), "keys are independent");
        assert!(limiter.check("a", start + Duration::from_secs(20)).is_ok());
    }

    #[test]
    fn zero_rate_disables_limit() {
        let limiter = RateLimiter::new(0);
        let now = Instant::now();
        for _ in 0..1000 {
            assert!(limiter.check("a", now).is_ok());
        }
    }
}
