//! Bearer-token authentication against a JWKS server started by the test on 127.0.0.1: valid,
//! expired, not-yet-valid, foreign issuer or audience, `alg: none`, HS256 confusion, key
//! rotation, and a JWKS endpoint that is down.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod auth_support;
mod support;

use std::time::{Duration, Instant};

use auth_support::{AUDIENCE, JwksMode, JwksServer, SigningKey, auth_settings, client_with_token};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use layer1::server::{RunningServer, start};
use serde_json::{Value, json};
use support::base_url;

async fn usage_status(server: &RunningServer, token: &str) -> (u16, Value) {
    let response = client_with_token(token)
        .get(format!("{}/api/v1/usage", base_url(server)))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn assert_unauthorized(server: &RunningServer, token: &str, case: &str) {
    let (status, body) = usage_status(server, token).await;
    assert_eq!(status, 401, "{case}: {body}");
    assert_eq!(body["error"], "unauthorized", "{case}");
}

async fn start_with(jwks: &JwksServer, dir: &std::path::Path) -> RunningServer {
    start(auth_settings(dir, jwks, &[])).await.unwrap()
}

#[tokio::test]
async fn valid_token_is_accepted() {
    let key = SigningKey::generate("key-1");
    let jwks = JwksServer::start(&[&key]).await;
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(&jwks, dir.path()).await;

    let token = key.sign(&jwks.claims("auth0|alice", 600));
    let (status, body) = usage_status(&server, &token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["annual_limit"], 100);

    // Auth0 writes `iss` with a trailing slash; the bare issuer URL is accepted too.
    let mut claims = jwks.claims("auth0|alice", 600);
    claims["iss"] = json!(jwks.issuer.trim_end_matches('/'));
    assert_eq!(usage_status(&server, &key.sign(&claims)).await.0, 200);
    server.shutdown().await;
}

#[tokio::test]
async fn invalid_tokens_are_rejected() {
    let key = SigningKey::generate("key-1");
    let jwks = JwksServer::start(&[&key]).await;
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(&jwks, dir.path()).await;
    let base = base_url(&server);
    let now = chrono::Utc::now().timestamp();

    let response = reqwest::get(format!("{base}/api/v1/usage")).await.unwrap();
    assert_eq!(response.status(), 401, "missing token");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "unauthorized");

    assert_unauthorized(&server, "not-a-jwt", "garbage").await;

    let mut expired = jwks.claims("auth0|alice", 0);
    expired["exp"] = json!(now - 120);
    assert_unauthorized(&server, &key.sign(&expired), "expired").await;

    let mut early = jwks.claims("auth0|alice", 600);
    early["nbf"] = json!(now + 300);
    assert_unauthorized(&server, &key.sign(&early), "nbf in the future").await;

    let mut issuer = jwks.claims("auth0|alice", 600);
    issuer["iss"] = json!("https://evil.example/");
    assert_unauthorized(&server, &key.sign(&issuer), "wrong iss").await;

    let mut audience = jwks.claims("auth0|alice", 600);
    audience["aud"] = json!("https://other-api.example");
    assert_unauthorized(&server, &key.sign(&audience), "wrong aud").await;

    let mut no_sub = jwks.claims("auth0|alice", 600);
    no_sub.as_object_mut().unwrap().remove("sub");
    assert_unauthorized(&server, &key.sign(&no_sub), "missing sub").await;

    let valid = jwks.claims("auth0|alice", 600);
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT","kid":"key-1"}"#);
    let payload = URL_SAFE_NO_PAD.encode(valid.to_string());
    assert_unauthorized(&server, &format!("{header}.{payload}."), "alg none").await;

    // The classic confusion attack: HS256 keyed with the RSA public key.
    let mut hs_header = Header::new(Algorithm::HS256);
    hs_header.kid = Some("key-1".to_string());
    let secret = EncodingKey::from_secret(key.public_pem().as_bytes()).unwrap();
    let hs256 = jsonwebtoken::encode(&hs_header, &valid, &secret).unwrap();
    assert_unauthorized(&server, &hs256, "HS256 with public key bytes").await;
    let jwk_secret = EncodingKey::from_secret(key.jwk().to_string().as_bytes()).unwrap();
    let hs256 = jsonwebtoken::encode(&hs_header, &valid, &jwk_secret).unwrap();
    assert_unauthorized(&server, &hs256, "HS256 with the JWK text").await;

    let other = SigningKey::generate("key-1");
    assert_unauthorized(&server, &other.sign(&valid), "signed by another key").await;
    server.shutdown().await;
}

#[tokio::test]
async fn small_clock_skew_is_tolerated() {
    let key = SigningKey::generate("key-1");
    let jwks = JwksServer::start(&[&key]).await;
    let dir = tempfile::tempdir().unwrap();
    let mut settings = auth_settings(dir.path(), &jwks, &[]);
    settings.auth.leeway_secs = 30;
    let server = start(settings).await.unwrap();
    let now = chrono::Utc::now().timestamp();

    let mut just_expired = jwks.claims("auth0|alice", 0);
    just_expired["exp"] = json!(now - 10);
    assert_eq!(usage_status(&server, &key.sign(&just_expired)).await.0, 200);
    let mut almost_valid = jwks.claims("auth0|alice", 600);
    almost_valid["nbf"] = json!(now + 10);
    assert_eq!(usage_status(&server, &key.sign(&almost_valid)).await.0, 200);
    server.shutdown().await;
}

#[tokio::test]
async fn unknown_kid_triggers_refresh_for_rotation() {
    let old = SigningKey::generate("key-old");
    let jwks = JwksServer::start(&[&old]).await;
    let dir = tempfile::tempdir().unwrap();
    let mut settings = auth_settings(dir.path(), &jwks, &[]);
    settings.auth.jwks_min_refresh_secs = 1;
    let server = start(settings).await.unwrap();
    let old_token = old.sign(&jwks.claims("auth0|alice", 600));
    assert_eq!(usage_status(&server, &old_token).await.0, 200);

    let new = SigningKey::generate("key-new");
    jwks.publish(&[&new]);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let new_token = new.sign(&jwks.claims("auth0|alice", 600));
    assert_eq!(
        usage_status(&server, &new_token).await.0,
        200,
        "rotated key"
    );
    assert_unauthorized(&server, &old_token, "key removed from the JWKS").await;
    server.shutdown().await;
}

#[tokio::test]
async fn unknown_kid_refresh_is_rate_limited() {
    let key = SigningKey::generate("key-1");
    let jwks = JwksServer::start(&[&key]).await;
    let dir = tempfile::tempdir().unwrap();
    let mut settings = auth_settings(dir.path(), &jwks, &[]);
    settings.auth.jwks_min_refresh_secs = 60;
    let server = start(settings).await.unwrap();
    let token = key.sign(&jwks.claims("auth0|alice", 600));
    assert_eq!(usage_status(&server, &token).await.0, 200);
    let hits_before = jwks.hits();

    for attempt in 0..5 {
        let stranger = SigningKey::generate(&format!("made-up-{attempt}"));
        let forged = stranger.sign(&jwks.claims("auth0|alice", 600));
        assert_unauthorized(&server, &forged, "unknown kid").await;
    }
    assert_eq!(
        jwks.hits(),
        hits_before,
        "no JWKS download within the interval"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn jwks_down_keeps_cached_keys_and_fails_fast() {
    let key = SigningKey::generate("key-1");
    let jwks = JwksServer::start(&[&key]).await;
    let dir = tempfile::tempdir().unwrap();
    let mut settings = auth_settings(dir.path(), &jwks, &[]);
    settings.auth.jwks_min_refresh_secs = 0;
    settings.auth.jwks_cache_secs = 0;
    let server = start(settings).await.unwrap();
    let token = key.sign(&jwks.claims("auth0|alice", 600));
    assert_eq!(usage_status(&server, &token).await.0, 200);

    for mode in [JwksMode::Hang, JwksMode::Fail] {
        jwks.set_mode(mode);
        let started = Instant::now();
        assert_eq!(usage_status(&server, &token).await.0, 200, "cached key");
        assert!(started.elapsed() < Duration::from_millis(400));

        let unknown = SigningKey::generate("key-2").sign(&jwks.claims("auth0|alice", 600));
        let started = Instant::now();
        assert_unauthorized(&server, &unknown, "unknown kid while the JWKS is down").await;
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "took {:?}",
            started.elapsed()
        );
    }
    server.shutdown().await;
}

#[tokio::test]
async fn jwks_unreachable_at_start_rejects_without_hanging() {
    let key = SigningKey::generate("key-1");
    let jwks = JwksServer::start(&[&key]).await;
    jwks.set_mode(JwksMode::Hang);
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(&jwks, dir.path()).await;
    let token = key.sign(&jwks.claims("auth0|alice", 600));

    let started = Instant::now();
    assert_unauthorized(&server, &token, "JWKS never answered").await;
    assert!(started.elapsed() < Duration::from_secs(2));
    server.shutdown().await;
}

#[tokio::test]
async fn enabled_auth_requires_issuer_and_audience() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = support::settings(dir.path(), &[]);
    settings.auth.auth_disabled = false;
    let problems = settings.validate().unwrap_err().join("\n");
    assert!(problems.contains("AUTH0_ISSUER_BASE_URL"), "{problems}");
    assert!(problems.contains("AUTH0_AUDIENCE"), "{problems}");

    settings.auth.issuer_base_url = Some("ftp://issuer.example".to_string());
    settings.auth.audience = Some(AUDIENCE.to_string());
    let problems = settings.validate().unwrap_err().join("\n");
    assert!(problems.contains("http or https"), "{problems}");

    settings.auth.issuer_base_url = Some("https://issuer.example".to_string());
    assert!(settings.validate().is_ok());
    assert_eq!(
        settings.auth.jwks_url().as_deref(),
        Some("https://issuer.example/.well-known/jwks.json")
    );
}
