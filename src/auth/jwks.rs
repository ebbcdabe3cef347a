//! Cached JSON Web Key Set of the token issuer.
//!
//! Keys are fetched once at start and then kept. A token whose `kid` is not cached triggers one
//! download, at most once per `min_refresh_interval`, so key rotation needs no restart and a
//! flood of made-up `kid`s cannot hammer the issuer. A cache older than `max_age` is refreshed
//! in the background while requests keep using the cached keys. Every download has a timeout,
//! and a failed download keeps the keys already cached.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use jsonwebtoken::DecodingKey;
use jsonwebtoken::jwk::{AlgorithmParameters, Jwk, KeyAlgorithm, PublicKeyUse};
use serde::Deserialize;
use tracing::{debug, info, instrument, warn};

use super::AuthError;

/// JWKS download failure.
#[derive(Debug, thiserror::Error)]
pub enum JwksError {
    /// The request failed or timed out.
    #[error("JWKS request failed: {0}")]
    Request(#[source] reqwest::Error),
    /// The issuer returned an error status.
    #[error("JWKS request returned HTTP {0}")]
    Status(u16),
    /// The body is not a JWKS document.
    #[error("JWKS body is not a key set: {0}")]
    Body(#[source] reqwest::Error),
    /// The last download failed less than the minimum interval ago, so it is not retried yet.
    #[error("the last JWKS download failed and is not retried yet")]
    RecentlyFailed,
}

/// Download and caching settings of the key set.
pub(super) struct JwksOptions {
    /// JWKS URL.
    pub(super) url: String,
    /// Time limit of one download.
    pub(super) timeout: Duration,
    /// Age after which the cache is refreshed in the background.
    pub(super) max_age: Duration,
    /// Shortest time between two downloads caused by unknown `kid`s.
    pub(super) min_refresh_interval: Duration,
}

/// RS256 verification keys by `kid`; cheap to clone.
#[derive(Clone)]
pub(super) struct JwksCache {
    shared: Arc<Shared>,
}

struct Shared {
    client: reqwest::Client,
    options: JwksOptions,
    state: RwLock<KeyState>,
    /// Serialises downloads, so concurrent misses cause one request.
    refresh: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct KeyState {
    keys: HashMap<String, DecodingKey>,
    fetched_at: Option<Instant>,
    attempted_at: Option<Instant>,
    last_failed: bool,
}

#[derive(Deserialize)]
struct KeySetDocument {
    keys: Vec<serde_json::Value>,
}

impl JwksCache {
    pub(super) fn new(options: JwksOptions) -> Result<Self, AuthError> {
        let client = reqwest::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            .build()
            .map_err(AuthError::Client)?;
        Ok(Self {
            shared: Arc::new(Shared {
                client,
                options,
                state: RwLock::new(KeyState::default()),
                refresh: tokio::sync::Mutex::new(()),
            }),
        })
    }

    /// Downloads the key set now unless another download is running; failures are logged.
    pub(super) async fn prefetch(&self) {
        let Ok(_guard) = self.shared.refresh.try_lock() else {
            return;
        };
        if let Err(error) = self.shared.download().await {
            warn!(%error, "failed to fetch the JWKS; tokens are rejected until it is reachable");
        }
    }

    /// Returns the key of `kid`, downloading the key set when the `kid` is unknown and the
    /// rate limit allows.
    pub(super) async fn key(&self, kid: &str) -> Result<DecodingKey, AuthError> {
        if let Some(key) = self.shared.cached(kid) {
            if self.shared.is_stale() {
                self.refresh_in_background();
            }
            return Ok(key);
        }
        let _guard = self.shared.refresh.lock().await;
        // Another request may have downloaded the key while this one waited.
        if let Some(key) = self.shared.cached(kid) {
            return Ok(key);
        }
        if !self.shared.may_download() {
            return Err(if self.shared.recently_failed() {
                AuthError::KeysUnavailable(JwksError::RecentlyFailed)
            } else {
                AuthError::UnknownKey
            });
        }
        self.shared
            .download()
            .await
            .map_err(AuthError::KeysUnavailable)?;
        self.shared.cached(kid).ok_or(AuthError::UnknownKey)
    }

    fn refresh_in_background(&self) {
        let cache = self.clone();
        tokio::spawn(async move { cache.prefetch().await });
    }
}

impl Shared {
    fn cached(&self, kid: &str) -> Option<DecodingKey> {
        let state = self
            .state
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state.keys.get(kid).cloned()
    }

    fn is_stale(&self) -> bool {
        let state = self
            .state
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let recently_tried = state
            .attempted_at
            .is_some_and(|at| at.elapsed() < self.options.min_refresh_interval);
        let old = state
            .fetched_at
            .is_none_or(|at| at.elapsed() >= self.options.max_age);
        old && !recently_tried
    }

    fn may_download(&self) -> bool {
        let state = self
            .state
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state
            .attempted_at
            .is_none_or(|at| at.elapsed() >= self.options.min_refresh_interval)
    }

    fn recently_failed(&self) -> bool {
        let state = self
            .state
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state.last_failed
    }

    /// Downloads the key set and replaces the cached keys; on failure the cached keys stay.
    #[instrument(skip_all)]
    async fn download(&self) -> Result<(), JwksError> {
        let started = Instant::now();
        let result = self.fetch().await;
        let mut state = self
            .state
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state.attempted_at = Some(Instant::now());
        state.last_failed = result.is_err();
        let keys = result?;
        info!(
            keys = keys.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "JWKS fetched"
        );
        state.keys = keys;
        state.fetched_at = Some(Instant::now());
        Ok(())
    }

    async fn fetch(&self) -> Result<HashMap<String, DecodingKey>, JwksError> {
        let response = self
            .client
            .get(&self.options.url)
            .send()
            .await
            .map_err(JwksError::Request)?;
        if !response.status().is_success() {
            return Err(JwksError::Status(response.status().as_u16()));
        }
        let document: KeySetDocument = response.json().await.map_err(JwksError::Body)?;
        Ok(document.keys.into_iter().filter_map(rsa_key).collect())
    }
}

/// Returns `(kid, key)` for an RSA signing key that may be used with RS256; other keys are
/// skipped.
fn rsa_key(value: serde_json::Value) -> Option<(String, DecodingKey)> {
    let jwk: Jwk = match serde_json::from_value(value) {
        Ok(jwk) => jwk,
        Err(error) => {
            debug!(%error, "JWKS entry skipped: not a supported key");
            return None;
        }
    };
    let kid = jwk.common.key_id.clone()?;
    if !matches!(jwk.algorithm, AlgorithmParameters::RSA(_)) {
        return None;
    }
    if matches!(jwk.common.public_key_use, Some(ref usage) if *usage != PublicKeyUse::Signature) {
        return None;
    }
    if jwk
        .common
        .key_algorithm
        .is_some_and(|alg| alg != KeyAlgorithm::RS256)
    {
        return None;
    }
    match DecodingKey::from_jwk(&jwk) {
        Ok(key) => Some((kid, key)),
        Err(error) => {
            debug!(%error, "JWKS entry skipped: invalid RSA key");
            None
        }
    }
}
