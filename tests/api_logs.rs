//! Log capture over a full upload → parse → match flow: no resume text, name, e-mail, phone
//! number, file name or token may reach the logs, request logs carry the request id, and a
//! server started with authentication disabled logs a warning about it.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use support::{base_url, poll_status, start_server};
use tracing_subscriber::EnvFilter;

const NAME: &str = "Morgan Privateperson";
const EMAIL: &str = "morgan.privateperson@example.net";
const PHONE: &str = "+44 20 7946 0958";
const LINK: &str = "https://gitlab.example.net/morgan-pp";
const TEXT: &str = "Designed low-latency bidding pipelines for the Zephyrine exchange";
const FILENAME: &str = "morgan-privateperson-cv.txt";
const TOKEN: &str = "eyJsecret.capture-test-token.value";

/// Writer that appends every log line to a shared buffer.
#[derive(Clone)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn resume_text() -> String {
    format!(
        "{NAME}\n{EMAIL} | {PHONE} | {LINK}\n\nSUMMARY\n{TEXT}.\n\n\
         EXPERIENCE\nStaff Engineer, Example Markets, Mar 2016 - Present\n\
         Rust, Kafka, PostgreSQL and Kubernetes in production.\n\n\
         SKILLS\nRust, Kafka, PostgreSQL, Kubernetes\n"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_flow_logs_no_personal_data() {
    let buffer = Arc::new(Mutex::new(Vec::new()));
    let writer = Capture(buffer.clone());
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new("debug"))
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let auth = format!("Bearer {TOKEN}");

    let form = Form::new().part(
        "file",
        Part::bytes(resume_text().into_bytes()).file_name(FILENAME),
    );
    let response = client
        .post(format!("{base}/api/v1/resumes"))
        .header("authorization", &auth)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_string();
    let resume_id = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let resume = poll_status(
        &client,
        &format!("{base}/api/v1/resumes/{resume_id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(resume["status"], "ready", "{resume}");

    let job_text = format!("We need Rust and Kafka. Contact {EMAIL} or {PHONE}.");
    let response = client
        .post(format!("{base}/api/v1/jobs"))
        .header("authorization", &auth)
        .json(&json!({ "title": "Staff Engineer", "text": job_text }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let job_id = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    poll_status(
        &client,
        &format!("{base}/api/v1/jobs/{job_id}"),
        &["ready", "error"],
    )
    .await;
    let response = client
        .post(format!("{base}/api/v1/matches"))
        .header("authorization", &auth)
        .json(&json!({ "resumeId": resume_id, "jobId": job_id }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let match_id = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let detail = poll_status(
        &client,
        &format!("{base}/api/v1/matches/{match_id}"),
        &["completed", "failed"],
    )
    .await;
    assert_eq!(detail["status"], "completed", "{detail}");

    // Rejected requests log their reasons at debug level; those must stay clean too.
    let response = client
        .post(format!("{base}/api/v1/jobs"))
        .header("authorization", &auth)
        .json(&json!({ "title": EMAIL.repeat(20), "text": TEXT }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    server.shutdown().await;

    let logs = String::from_utf8(buffer.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("resume queued"), "capture is empty:\n{logs}");
    let warning = logs
        .lines()
        .find(|line| line.contains("AUTH_DISABLED=true"))
        .unwrap_or_else(|| panic!("no start-up warning about AUTH_DISABLED:\n{logs}"));
    assert!(warning.contains("WARN"), "{warning}");
    assert!(warning.contains("dev|user"), "{warning}");
    for secret in [NAME, EMAIL, PHONE, LINK, TEXT, FILENAME, TOKEN, "Zephyrine"] {
        assert!(
            !logs.contains(secret),
            "{secret:?} appears in the logs:\n{logs}"
        );
    }
    let queued_line = logs
        .lines()
        .find(|line| line.contains("resume queued"))
        .unwrap();
    assert!(
        queued_line.contains(&format!("request_id={request_id}")),
        "request id missing from: {queued_line}"
    );
}
