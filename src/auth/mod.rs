//! Bearer-token authentication: RS256 JWTs from an Auth0 tenant or another OIDC issuer, checked
//! against the issuer's cached JSON Web Key Set.
//!
//! The [`Authenticator`] is shared by the REST extractor and the Socket.IO handshake. With
//! `AUTH_DISABLED=true` it accepts every caller as [`DEV_SUBJECT`].

mod jwks;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, Validation, decode, decode_header, errors::ErrorKind};
use serde::Deserialize;
use serde_json::{Map, Value};
use tracing::debug;

pub use jwks::JwksError;
use jwks::{JwksCache, JwksOptions};

use crate::config::AuthSettings;

/// Auth subject of every caller when authentication is disabled.
pub const DEV_SUBJECT: &str = "dev|user";

/// Authentication failure: a rejected token, or settings the authenticator cannot be built from.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// No bearer token was sent.
    #[error("missing bearer token")]
    MissingToken,
    /// The token is not a well-formed JWT.
    #[error("malformed token")]
    Malformed,
    /// The token is signed with an algorithm other than RS256 (including `none` and HS256).
    #[error("token algorithm is not RS256")]
    Algorithm,
    /// The token has no `kid`, or no key of the JWKS has its `kid`.
    #[error("no signing key matches the token's kid")]
    UnknownKey,
    /// The JWKS could not be fetched and no cached key matches.
    #[error("signing keys are unavailable: {0}")]
    KeysUnavailable(#[source] JwksError),
    /// The signature does not verify.
    #[error("invalid token signature")]
    Signature,
    /// `exp` is in the past.
    #[error("token has expired")]
    Expired,
    /// `nbf` is in the future.
    #[error("token is not valid yet")]
    NotYetValid,
    /// `iss` is not the configured issuer.
    #[error("token issuer is not accepted")]
    Issuer,
    /// `aud` does not contain the configured audience.
    #[error("token audience is not accepted")]
    Audience,
    /// A required claim (`sub`, `exp`, `iss`, `aud`) is missing or has the wrong type.
    #[error("token claims are invalid")]
    Claims,
    /// The settings are incomplete (issuer, audience or JWKS URL missing).
    #[error("authentication is not configured: {0}")]
    NotConfigured(&'static str),
    /// The JWKS HTTP client could not be built.
    #[error("failed to build the JWKS client: {0}")]
    Client(#[source] reqwest::Error),
}

/// A verified caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Auth subject (`sub` claim).
    pub sub: String,
    /// True when the pro claim marks the caller as unlimited.
    pub is_pro: bool,
    /// Expiry of the token (`exp`); `None` for the development identity.
    pub expires_at: Option<DateTime<Utc>>,
}

impl Identity {
    /// Returns the development identity used when authentication is disabled.
    pub fn dev() -> Self {
        Self {
            sub: DEV_SUBJECT.to_string(),
            is_pro: false,
            expires_at: None,
        }
    }
}

/// Verifies bearer tokens; cheap to clone.
#[derive(Clone)]
pub struct Authenticator {
    inner: Option<Arc<Verifier>>,
}

struct Verifier {
    keys: JwksCache,
    validation: Validation,
    pro_claim: String,
    pro_value: String,
}

#[derive(Deserialize)]
struct Claims {
    sub: String,
    exp: i64,
    #[serde(flatten)]
    other: Map<String, Value>,
}

impl Authenticator {
    /// Builds the authenticator from the settings; disabled when `AUTH_DISABLED=true`.
    pub fn new(settings: &AuthSettings) -> Result<Self, AuthError> {
        if settings.auth_disabled {
            return Ok(Self { inner: None });
        }
        let issuer = settings
            .issuer_base_url
            .as_deref()
            .map(str::trim)
            .filter(|url| !url.is_empty())
            .ok_or(AuthError::NotConfigured("AUTH0_ISSUER_BASE_URL is not set"))?;
        let audience = settings
            .audience
            .as_deref()
            .map(str::trim)
            .filter(|aud| !aud.is_empty())
            .ok_or(AuthError::NotConfigured("AUTH0_AUDIENCE is not set"))?;
        let jwks_url = settings
            .jwks_url()
            .ok_or(AuthError::NotConfigured("no JWKS URL"))?;
        let keys = JwksCache::new(JwksOptions {
            url: jwks_url,
            timeout: Duration::from_millis(settings.jwks_timeout_ms),
            max_age: Duration::from_secs(settings.jwks_cache_secs),
            min_refresh_interval: Duration::from_secs(settings.jwks_min_refresh_secs),
        })?;
        Ok(Self {
            inner: Some(Arc::new(Verifier {
                keys,
                validation: validation(issuer, audience, settings.leeway_secs),
                pro_claim: settings.pro_claim.clone(),
                pro_value: settings.pro_value.clone(),
            })),
        })
    }

    /// Downloads the issuer's key set, so the first request does not wait for it. Failures are
    /// logged; the next token with an unknown `kid` retries.
    pub async fn prefetch(&self) {
        if let Some(verifier) = &self.inner {
            verifier.keys.prefetch().await;
        }
    }

    /// Returns true when every caller is accepted as [`DEV_SUBJECT`].
    pub fn is_disabled(&self) -> bool {
        self.inner.is_none()
    }

    /// Verifies a bearer token and returns the caller. With authentication disabled the token is
    /// ignored and the development identity is returned.
    pub async fn verify(&self, token: Option<&str>) -> Result<Identity, AuthError> {
        let Some(verifier) = &self.inner else {
            return Ok(Identity::dev());
        };
        let token = token
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(AuthError::MissingToken)?;
        let result = verifier.verify(token).await;
        if let Err(error) = &result {
            debug!(%error, "bearer token rejected");
        }
        result
    }
}

impl Verifier {
    async fn verify(&self, token: &str) -> Result<Identity, AuthError> {
        // The header is read before any key lookup so that `none`, HS256 and other algorithms
        // are rejected without touching the JWKS.
        let header = decode_header(token).map_err(|_| AuthError::Malformed)?;
        if header.alg != Algorithm::RS256 {
            return Err(AuthError::Algorithm);
        }
        let kid = header.kid.ok_or(AuthError::UnknownKey)?;
        let key = self.keys.key(&kid).await?;
        let data = decode::<Claims>(token, &key, &self.validation).map_err(map_jwt_error)?;
        let claims = data.claims;
        if claims.sub.trim().is_empty() {
            return Err(AuthError::Claims);
        }
        let is_pro = claims
            .other
            .get(&self.pro_claim)
            .is_some_and(|value| claim_matches(value, &self.pro_value));
        Ok(Identity {
            sub: claims.sub,
            is_pro,
            expires_at: DateTime::from_timestamp(claims.exp, 0),
        })
    }
}

fn validation(issuer: &str, audience: &str, leeway_secs: u64) -> Validation {
    let mut validation = Validation::new(Algorithm::RS256);
    let bare = issuer.trim_end_matches('/');
    // Auth0 writes `iss` with a trailing slash; other OIDC issuers usually write it without.
    let issuers: HashSet<String> = [bare.to_string(), format!("{bare}/")].into();
    validation.iss = Some(issuers);
    validation.set_audience(&[audience]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation.validate_exp = true;
    validation.validate_nbf = true;
    validation.validate_aud = true;
    validation.leeway = leeway_secs;
    validation
}

fn map_jwt_error(error: jsonwebtoken::errors::Error) -> AuthError {
    match error.kind() {
        ErrorKind::ExpiredSignature => AuthError::Expired,
        ErrorKind::ImmatureSignature => AuthError::NotYetValid,
        ErrorKind::InvalidIssuer => AuthError::Issuer,
        ErrorKind::InvalidAudience => AuthError::Audience,
        ErrorKind::InvalidSignature => AuthError::Signature,
        ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => AuthError::Algorithm,
        ErrorKind::MissingRequiredClaim(_) | ErrorKind::InvalidClaimFormat(_) => AuthError::Claims,
        _ => AuthError::Malformed,
    }
}

/// Returns true when a claim value marks a pro user: it equals `expected`, or is an array with
/// an element equal to it. Booleans compare by their text (`true`).
fn claim_matches(value: &Value, expected: &str) -> bool {
    match value {
        Value::String(text) => text == expected,
        Value::Bool(flag) => flag.to_string() == expected,
        Value::Array(items) => items.iter().any(|item| claim_matches(item, expected)),
        _ => false,
    }
}

/// Returns the token of an `Authorization: Bearer <token>` header value.
pub fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pro_claim_matches_string_array_and_bool() {
        assert!(claim_matches(
            &json!("matches:unlimited"),
            "matches:unlimited"
        ));
        assert!(claim_matches(
            &json!(["read", "matches:unlimited"]),
            "matches:unlimited"
        ));
        assert!(claim_matches(&json!(true), "true"));
        assert!(!claim_matches(&json!(false), "true"));
        assert!(!claim_matches(&json!(["read"]), "matches:unlimited"));
        assert!(!claim_matches(&json!(1), "1"));
    }

    #[test]
    fn bearer_token_reads_scheme_case_insensitively() {
        assert_eq!(bearer_token("Bearer abc"), Some("abc"));
        assert_eq!(bearer_token("bearer  abc "), Some("abc"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("abc"), None);
    }

    #[test]
    fn validation_accepts_issuer_with_and_without_slash() {
        let validation = validation("https://issuer.example/", "api", 5);
        let issuers = validation.iss.expect("issuer set");
        assert!(issuers.contains("https://issuer.example"));
        assert!(issuers.contains("https://issuer.example/"));
        assert_eq!(validation.leeway, 5);
        assert!(validation.validate_nbf);
    }
}
