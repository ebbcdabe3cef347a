//! Test issuer for the authentication tests: RSA keys generated per test, a JWKS server on
//! 127.0.0.1 whose response the test can change (rotate, fail, hang), and token minting.

#![allow(dead_code, unreachable_pub)]

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use layer1::config::ServeSettings;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::EncodePublicKey;
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::{Value, json};

/// Audience every test token is issued for.
pub const AUDIENCE: &str = "https://api.layer1.test";

/// An RSA signing key with its `kid`.
#[derive(Clone)]
pub struct SigningKey {
    /// Key id published in the JWKS.
    pub kid: String,
    private: RsaPrivateKey,
}

impl SigningKey {
    /// Generates a 2048-bit key.
    pub fn generate(kid: &str) -> Self {
        let mut rng = rsa::rand_core::OsRng;
        let private = RsaPrivateKey::new(&mut rng, 2048).expect("RSA key generation");
        Self {
            kid: kid.to_string(),
            private,
        }
    }

    /// Returns the public key as a JWK.
    pub fn jwk(&self) -> Value {
        let public = RsaPublicKey::from(&self.private);
        json!({
            "kty": "RSA",
            "kid": self.kid,
            "use": "sig",
            "alg": "RS256",
            "n": URL_SAFE_NO_PAD.encode(public.n().to_bytes_be()),
            "e": URL_SAFE_NO_PAD.encode(public.e().to_bytes_be()),
        })
    }

    /// Returns the public key as SPKI PEM text, as an attacker could build it from the JWKS.
    pub fn public_pem(&self) -> String {
        RsaPublicKey::from(&self.private)
            .to_public_key_pem(rsa::pkcs8::LineEnding::LF)
            .expect("PEM encoding")
    }

    /// Signs `claims` with RS256 and this key's `kid`.
    pub fn sign(&self, claims: &Value) -> String {
        let der = self.private.to_pkcs1_der().expect("PKCS#1 encoding");
        let key = EncodingKey::from_rsa_der(der.as_bytes());
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &key).expect("token signing")
    }
}

/// Response of the JWKS server.
#[derive(Clone)]
pub enum JwksMode {
    /// 200 with these keys.
    Keys(Vec<Value>),
    /// 503.
    Fail,
    /// Never answers.
    Hang,
}

/// A JWKS endpoint on 127.0.0.1.
#[derive(Clone)]
pub struct JwksServer {
    /// Base URL, used as the issuer.
    pub issuer: String,
    mode: Arc<Mutex<JwksMode>>,
    hits: Arc<AtomicUsize>,
}

impl JwksServer {
    /// Starts the server publishing `keys`.
    pub async fn start(keys: &[&SigningKey]) -> Self {
        let mode = Arc::new(Mutex::new(JwksMode::Keys(
            keys.iter().map(|k| k.jwk()).collect(),
        )));
        let hits = Arc::new(AtomicUsize::new(0));
        let app = axum::Router::new()
            .route("/.well-known/jwks.json", get(serve_jwks))
            .with_state((mode.clone(), hits.clone()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("JWKS listener binds");
        let address = listener.local_addr().expect("JWKS address");
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self {
            issuer: format!("http://{address}/"),
            mode,
            hits,
        }
    }

    /// Sets the response of every later request.
    pub fn set_mode(&self, mode: JwksMode) {
        *self.mode.lock().expect("mode lock") = mode;
    }

    /// Publishes exactly these keys from now on.
    pub fn publish(&self, keys: &[&SigningKey]) {
        self.set_mode(JwksMode::Keys(keys.iter().map(|k| k.jwk()).collect()));
    }

    /// Number of JWKS requests received.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    /// Claims of a token for `sub`, valid from a minute ago for `ttl_secs`.
    pub fn claims(&self, sub: &str, ttl_secs: i64) -> Value {
        let now = chrono::Utc::now().timestamp();
        json!({
            "sub": sub,
            "iss": self.issuer,
            "aud": AUDIENCE,
            "iat": now - 60,
            "nbf": now - 60,
            "exp": now + ttl_secs,
        })
    }
}

async fn serve_jwks(
    State((mode, hits)): State<(Arc<Mutex<JwksMode>>, Arc<AtomicUsize>)>,
) -> Response {
    hits.fetch_add(1, Ordering::SeqCst);
    let mode = mode.lock().expect("mode lock").clone();
    match mode {
        JwksMode::Keys(keys) => Json(json!({ "keys": keys })).into_response(),
        JwksMode::Fail => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        JwksMode::Hang => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            StatusCode::GATEWAY_TIMEOUT.into_response()
        }
    }
}

/// Serve settings with authentication against `jwks`, on top of the shared test settings.
pub fn auth_settings(data_dir: &Path, jwks: &JwksServer, extra: &[&str]) -> ServeSettings {
    let mut settings = crate::support::settings(data_dir, extra);
    settings.auth.auth_disabled = false;
    settings.auth.issuer_base_url = Some(jwks.issuer.clone());
    settings.auth.audience = Some(AUDIENCE.to_string());
    settings.auth.jwks_timeout_ms = 500;
    settings
}

/// Builds a reqwest client that sends `Authorization: Bearer <token>` on every request.
pub fn client_with_token(token: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    let value = format!("Bearer {token}").parse().expect("header value");
    headers.insert(reqwest::header::AUTHORIZATION, value);
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("client builds")
}
