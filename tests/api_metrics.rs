//! Queue gauges of `/metrics` follow the job table: a status whose jobs have all moved on
//! drops back to 0, and processed jobs are counted by outcome.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use serde_json::{Value, json};
use support::{base_url, poll_status, start_server};

const PENDING_JOBS: &str = "layer1_queue_jobs{queue=\"parse_job\",status=\"Pending\"}";
const DONE_JOBS: &str = "layer1_queue_jobs{queue=\"parse_job\",status=\"Done\"}";

async fn metrics(client: &reqwest::Client, base: &str) -> String {
    let response = client.get(format!("{base}/metrics")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

#[tokio::test]
async fn pending_gauge_drops_to_zero_after_processing() {
    let dir = tempfile::tempdir().unwrap();
    let client = reqwest::Client::new();

    // Without workers the job stays pending, and the gauge reports it.
    let api_only = start_server(dir.path(), &["--no-workers"]).await;
    let base = base_url(&api_only);
    let created: Value = client
        .post(format!("{base}/api/v1/jobs"))
        .json(&json!({ "title": "Backend Engineer", "text": "Python and PostgreSQL required." }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    let before = metrics(&client, &base).await;
    assert!(before.contains(&format!("{PENDING_JOBS} 1")), "{before}");
    api_only.shutdown().await;

    // Once a worker has processed it, no pending row is left and the gauge reads 0.
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    poll_status(&client, &format!("{base}/api/v1/jobs/{id}"), &["ready"]).await;
    let after = metrics(&client, &base).await;
    assert!(after.contains(&format!("{PENDING_JOBS} 0")), "{after}");

    // The job row is marked done just after the handler stores the result.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let text = metrics(&client, &base).await;
        if text.contains(&format!("{DONE_JOBS} 1")) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no done job after 10 s:\n{text}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    server.shutdown().await;
}
