//! Status events cross processes: an event published on one relayed bus reaches the
//! subscribers of another bus on the same channel, over Redis pub/sub and over PostgreSQL
//! `NOTIFY`, and the publishing bus delivers it to its own subscribers once. End to end, a
//! Socket.IO client of an API-only server and one of a server with workers each get every
//! status event of an upload once.
//!
//! Needs Redis at `TEST_REDIS_URL` (default `redis://127.0.0.1:6379`) and PostgreSQL at
//! `TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`); the Socket.IO
//! test also needs Node with `tests/js/node_modules`. A test whose server is absent prints
//! `skipped: ...` and passes.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use std::process::Stdio;
use std::time::Duration;

use chrono::Utc;
use layer1::events::{EventBus, EventKind, StatusEvent};
use reqwest::multipart::{Form, Part};
use serde_json::Value;
use support::{base_url, poll_status, repo_root, start_server};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::broadcast;
use uuid::Uuid;

fn redis_url() -> String {
    std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".to_string())
}

fn postgres_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

async fn redis_available(url: &str) -> bool {
    let Ok(client) = redis::Client::open(url) else {
        return false;
    };
    let connect = client.get_multiplexed_async_connection();
    match tokio::time::timeout(Duration::from_secs(2), connect).await {
        Ok(Ok(mut connection)) => redis::cmd("PING")
            .query_async::<String>(&mut connection)
            .await
            .is_ok(),
        _ => false,
    }
}

async fn postgres_pool(url: &str) -> Option<sqlx::PgPool> {
    let connect = sqlx::postgres::PgPoolOptions::new()
        .max_connections(4)
        .connect(url);
    match tokio::time::timeout(Duration::from_secs(3), connect).await {
        Ok(Ok(pool)) => Some(pool),
        _ => None,
    }
}

fn event(owner: &str) -> StatusEvent {
    StatusEvent {
        kind: EventKind::Job,
        owner_sub: owner.to_string(),
        id: Uuid::new_v4(),
        status: "ready".to_string(),
        title: Some("Backend Engineer".to_string()),
        created_at: Utc::now(),
        updated_at: Utc::now(),
    }
}

async fn next_event(receiver: &mut broadcast::Receiver<StatusEvent>) -> StatusEvent {
    tokio::time::timeout(Duration::from_secs(5), receiver.recv())
        .await
        .expect("event arrives within 5 s")
        .unwrap()
}

/// Asserts that no further event arrives within `wait`.
async fn assert_quiet(receiver: &mut broadcast::Receiver<StatusEvent>, wait: Duration) {
    match tokio::time::timeout(wait, receiver.recv()).await {
        Err(_) => {}
        Ok(event) => panic!("unexpected extra event: {event:?}"),
    }
}

/// Publishes on `first` and checks delivery on both buses, then the other way round.
async fn check_both_directions(first: EventBus, second: EventBus) {
    let mut on_first = first.subscribe();
    let mut on_second = second.subscribe();

    let sent = event("auth0|relay-owner");
    first.publish(sent.clone());
    let local = next_event(&mut on_first).await;
    let remote = next_event(&mut on_second).await;
    for received in [&local, &remote] {
        assert_eq!(received.id, sent.id);
        assert_eq!(received.kind, EventKind::Job);
        assert_eq!(received.owner_sub, "auth0|relay-owner");
        assert_eq!(received.status, "ready");
        assert_eq!(received.title.as_deref(), Some("Backend Engineer"));
        assert_eq!(received.updated_at, sent.updated_at);
    }
    // The publisher already delivered its event locally and skips the relayed copy.
    assert_quiet(&mut on_first, Duration::from_millis(500)).await;
    assert_quiet(&mut on_second, Duration::from_millis(100)).await;

    let reply = event("auth0|other-owner");
    second.publish(reply.clone());
    assert_eq!(next_event(&mut on_first).await.id, reply.id);
    assert_eq!(next_event(&mut on_second).await.id, reply.id);
    assert_quiet(&mut on_second, Duration::from_millis(500)).await;
    assert_quiet(&mut on_first, Duration::from_millis(100)).await;
}

#[tokio::test]
async fn redis_relay_reaches_other_bus() {
    let url = redis_url();
    if !redis_available(&url).await {
        support::report_skip(&format!("no Redis at {url}"));
        return;
    }
    let channel = format!("test-{}:events", Uuid::new_v4().simple());
    let first = EventBus::with_redis_relay(&url, &channel).await.unwrap();
    let second = EventBus::with_redis_relay(&url, &channel).await.unwrap();
    check_both_directions(first, second).await;
}

#[tokio::test]
async fn redis_relay_ignores_other_channels() {
    let url = redis_url();
    if !redis_available(&url).await {
        support::report_skip(&format!("no Redis at {url}"));
        return;
    }
    let first = EventBus::with_redis_relay(&url, &format!("test-{}:events", Uuid::new_v4()))
        .await
        .unwrap();
    let second = EventBus::with_redis_relay(&url, &format!("test-{}:events", Uuid::new_v4()))
        .await
        .unwrap();
    let mut on_second = second.subscribe();
    first.publish(event("auth0|someone"));
    assert_quiet(&mut on_second, Duration::from_millis(500)).await;
}

#[tokio::test]
async fn postgres_relay_reaches_other_bus() {
    let url = postgres_url();
    let Some(pool) = postgres_pool(&url).await else {
        support::report_skip(&format!("no PostgreSQL at {url}"));
        return;
    };
    // Each bus gets a pool of its own, as two processes would.
    let other_pool = postgres_pool(&url).await.unwrap();
    let channel = format!("layer1_test_{}", Uuid::new_v4().simple());
    let first = EventBus::with_postgres_relay(&pool, &channel)
        .await
        .unwrap();
    let second = EventBus::with_postgres_relay(&other_pool, &channel)
        .await
        .unwrap();
    check_both_directions(first, second).await;
}

#[tokio::test]
async fn local_bus_stays_in_process() {
    let bus = EventBus::default();
    let mut receiver = bus.subscribe();
    let sent = event("auth0|local");
    bus.publish(sent.clone());
    assert_eq!(next_event(&mut receiver).await.id, sent.id);
    assert_quiet(&mut receiver, Duration::from_millis(100)).await;
}

/// A Node Socket.IO client (`tests/js/collect-events.mjs`) that records the status events of
/// one connection.
struct EventCollector {
    child: tokio::process::Child,
    lines: tokio::io::Lines<BufReader<tokio::process::ChildStdout>>,
}

impl EventCollector {
    /// Connects to `base` and returns once the socket is connected.
    async fn connect(base: &str) -> Self {
        let script = repo_root().join("tests/js/collect-events.mjs");
        let mut child = tokio::process::Command::new("node")
            .arg(script)
            .arg(base)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let first = tokio::time::timeout(Duration::from_secs(15), lines.next_line())
            .await
            .expect("socket connects within 15 s")
            .unwrap()
            .expect("collector prints a line");
        let connected: Value = serde_json::from_str(&first).unwrap();
        assert_eq!(connected["connected"], true, "{first}");
        Self { child, lines }
    }

    /// Disconnects and returns the statuses received for item `id`, in order.
    async fn stop(mut self, id: &str) -> Vec<String> {
        let mut stdin = self.child.stdin.take().unwrap();
        stdin.write_all(b"stop\n").await.unwrap();
        let mut statuses = Vec::new();
        while let Some(line) = self.lines.next_line().await.unwrap() {
            let value: Value = serde_json::from_str(&line).unwrap();
            if value["event"] == "resume:update" && value["id"] == id {
                statuses.push(value["status"].as_str().unwrap().to_string());
            }
        }
        assert!(self.child.wait().await.unwrap().success());
        statuses
    }
}

fn node_missing() -> Option<&'static str> {
    let node = std::process::Command::new("node").arg("--version").output();
    if !node.is_ok_and(|output| output.status.success()) {
        return Some("node not installed");
    }
    if !repo_root()
        .join("tests/js/node_modules/socket.io-client")
        .exists()
    {
        return Some("tests/js/node_modules missing (run `npm ci --prefix tests/js`)");
    }
    if !repo_root().join("tests/js/collect-events.mjs").exists() {
        return Some("tests/js/collect-events.mjs missing");
    }
    None
}

#[tokio::test]
async fn socket_clients_of_each_api_process_get_events_once() {
    let url = redis_url();
    if !redis_available(&url).await {
        support::report_skip(&format!("no Redis at {url}"));
        return;
    }
    if let Some(reason) = node_missing() {
        support::report_skip(reason);
        return;
    }
    let prefix = format!("layer1-test-{}", Uuid::new_v4().simple());
    let redis_args = ["--redis-url", url.as_str(), "--redis-key-prefix", &prefix];
    let dir = tempfile::tempdir().unwrap();
    let mut api_args = vec!["--no-workers"];
    api_args.extend(redis_args);
    let api_only = start_server(dir.path(), &api_args).await;
    let with_workers = start_server(dir.path(), &redis_args).await;
    let api_base = base_url(&api_only);
    let worker_base = base_url(&with_workers);
    let on_api = EventCollector::connect(&api_base).await;
    let on_worker = EventCollector::connect(&worker_base).await;

    // The upload is published by the API-only server, the parsing events by the other one.
    let client = reqwest::Client::new();
    let pdf = std::fs::read(repo_root().join("examples/resume.pdf")).unwrap();
    let form = Form::new().part("file", Part::bytes(pdf).file_name("resume.pdf"));
    let created: Value = client
        .post(format!("{api_base}/api/v1/resumes"))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    let resume = poll_status(
        &client,
        &format!("{api_base}/api/v1/resumes/{id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(resume["status"], "ready", "{resume}");
    tokio::time::sleep(Duration::from_secs(1)).await;

    let api_statuses = on_api.stop(&id).await;
    let worker_statuses = on_worker.stop(&id).await;
    for statuses in [&api_statuses, &worker_statuses] {
        for status in ["processing", "ready"] {
            let seen = statuses.iter().filter(|seen| *seen == status).count();
            assert_eq!(seen, 1, "{status} in {statuses:?}");
        }
        assert_eq!(statuses.last().map(String::as_str), Some("ready"));
    }
    assert_eq!(api_statuses, worker_statuses);
    api_only.shutdown().await;
    with_workers.shutdown().await;

    let mut connection = redis::Client::open(url.as_str())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg(format!("{prefix}:*"))
        .query_async(&mut connection)
        .await
        .unwrap();
    if !keys.is_empty() {
        redis::cmd("DEL")
            .arg(keys)
            .query_async::<i64>(&mut connection)
            .await
            .unwrap();
    }
}
