//! Socket.IO tests with the real `socket.io-client` 4.x package driven by Node
//! (`tests/js/`): handshake authentication, per-user rooms, status events over websocket and
//! long polling, disconnect at token expiry, and the web client check. Each test prints
//! `skipped: ...` and passes when Node or `tests/js/node_modules` is missing.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod auth_support;
mod support;

use std::path::PathBuf;
use std::time::Duration;

use auth_support::{JwksServer, SigningKey, auth_settings};
use layer1::server::{RunningServer, start};
use serde_json::Value;
use support::{base_url, repo_root};

fn js_dir() -> PathBuf {
    repo_root().join("tests/js")
}

/// Returns why the Node checks cannot run here, if they cannot.
fn node_missing() -> Option<&'static str> {
    let node = std::process::Command::new("node").arg("--version").output();
    if !node.is_ok_and(|output| output.status.success()) {
        return Some("node not installed");
    }
    if !js_dir().join("node_modules/socket.io-client").exists() {
        return Some("tests/js/node_modules missing (run `npm ci --prefix tests/js`)");
    }
    None
}

/// Runs a script of `tests/js` and returns the JSON it prints.
async fn run_node(script: &str, args: &[&str]) -> Value {
    let child = tokio::process::Command::new("node")
        .arg(script)
        .args(args)
        .current_dir(js_dir())
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(Duration::from_secs(150), child)
        .await
        .expect("node finished in time")
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{script} failed: {stderr}");
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

struct AuthWorld {
    _dir: tempfile::TempDir,
    server: RunningServer,
    jwks: JwksServer,
    key: SigningKey,
}

impl AuthWorld {
    async fn start() -> Self {
        let key = SigningKey::generate("key-1");
        let jwks = JwksServer::start(&[&key]).await;
        let dir = tempfile::tempdir().unwrap();
        let mut settings = auth_settings(dir.path(), &jwks, &[]);
        settings.auth.leeway_secs = 0;
        let server = start(settings).await.unwrap();
        Self {
            _dir: dir,
            server,
            jwks,
            key,
        }
    }

    fn token(&self, sub: &str, ttl_secs: i64) -> String {
        self.key.sign(&self.jwks.claims(sub, ttl_secs))
    }
}

/// Returns the statuses of one item in arrival order. Repeats of the same status are merged,
/// because a retried or redelivered job announces `processing` / `running` again.
fn statuses(events: &Value, name: &str, id: &str) -> Vec<String> {
    let mut statuses: Vec<String> = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == name && e["id"] == id)
        .map(|e| e["status"].as_str().unwrap().to_string())
        .collect();
    statuses.dedup();
    statuses
}

fn assert_flow_events(result: &Value) {
    let events = &result["events"];
    for event in events.as_array().unwrap() {
        for field in ["id", "status", "createdAt", "updatedAt"] {
            assert!(event[field].is_string(), "{field} missing in {event}");
        }
        let is_job = event["event"] == "job:update";
        assert_eq!(
            event["title"].is_string(),
            is_job,
            "title only on jobs: {event}"
        );
    }
    let resume = result["resumeId"].as_str().unwrap();
    let job = result["jobId"].as_str().unwrap();
    let matched = result["matchId"].as_str().unwrap();
    assert_eq!(
        statuses(events, "resume:update", resume),
        ["queued", "processing", "ready"]
    );
    assert_eq!(
        statuses(events, "job:update", job),
        ["queued", "processing", "ready"]
    );
    assert_eq!(
        statuses(events, "match:update", matched),
        ["queued", "running", "completed"]
    );
}

async fn flow_test(transport: &str, auth: &str) {
    if let Some(reason) = node_missing() {
        support::report_skip(reason);
        return;
    }
    let world = AuthWorld::start().await;
    let base = base_url(&world.server);
    let (alice, bob) = (
        world.token("auth0|alice", 600),
        world.token("auth0|bob", 600),
    );
    let result = run_node(
        "realtime-check.mjs",
        &["flow", &base, &alice, transport, auth, &bob],
    )
    .await;
    assert_eq!(result["transport"], transport);
    assert_flow_events(&result);
    assert_eq!(
        result["otherEvents"],
        serde_json::json!([]),
        "another user's room"
    );
    world.server.shutdown().await;
}

#[tokio::test]
async fn websocket_flow_delivers_status_events() {
    flow_test("websocket", "auth").await;
}

#[tokio::test]
async fn polling_flow_with_header_token() {
    flow_test("polling", "header").await;
}

#[tokio::test]
async fn handshake_without_valid_token_is_rejected() {
    if let Some(reason) = node_missing() {
        support::report_skip(reason);
        return;
    }
    let world = AuthWorld::start().await;
    let base = base_url(&world.server);
    let expired = world.token("auth0|alice", -120);
    let other_key = SigningKey::generate("key-1");
    let forged = other_key.sign(&world.jwks.claims("auth0|alice", 600));
    for (case, token) in [
        ("missing", ""),
        ("garbage", "not-a-jwt"),
        ("expired", expired.as_str()),
        ("forged", forged.as_str()),
    ] {
        let result = run_node("realtime-check.mjs", &["reject", &base, token]).await;
        assert_eq!(result["connected"], false, "{case}: {result}");
        let message = result["message"].as_str().unwrap();
        assert!(message.starts_with("unauthorized"), "{case}: {message}");
    }
    let valid = world.token("auth0|alice", 600);
    let result = run_node("realtime-check.mjs", &["reject", &base, &valid]).await;
    assert_eq!(result["connected"], true);
    world.server.shutdown().await;
}

#[tokio::test]
async fn socket_is_disconnected_when_token_expires() {
    if let Some(reason) = node_missing() {
        support::report_skip(reason);
        return;
    }
    let world = AuthWorld::start().await;
    let base = base_url(&world.server);
    let short = world.token("auth0|alice", 3);
    let result = run_node("realtime-check.mjs", &["expiry", &base, &short]).await;
    assert_eq!(result["reason"], "io server disconnect");
    let after_ms = result["afterMs"].as_u64().unwrap();
    assert!(after_ms < 6_000, "disconnected after {after_ms} ms");
    world.server.shutdown().await;
}

#[tokio::test]
async fn auth_disabled_sockets_join_dev_room() {
    if let Some(reason) = node_missing() {
        support::report_skip(reason);
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let server = support::start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let result = run_node(
        "realtime-check.mjs",
        &["flow", &base, "", "websocket", "none", ""],
    )
    .await;
    assert_flow_events(&result);
    server.shutdown().await;
}

#[tokio::test]
async fn web_client_check_completes_match() {
    if let Some(reason) = node_missing() {
        support::report_skip(reason);
        return;
    }
    let world = AuthWorld::start().await;
    let base = base_url(&world.server);
    let token = world.token("auth0|web", 600);
    let result = run_node("web-client-check.mjs", &[&base, &token]).await;
    assert_eq!(result["ok"], true, "{result}");
    let score = result["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score), "score {score}");
    world.server.shutdown().await;
}
