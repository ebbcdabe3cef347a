//! `ENGINE=python`: the workers send parse and match calls to an external worker, here a fake
//! one on 127.0.0.1 that speaks the contract, and store its results as native results.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use base64::Engine as _;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use support::{base_url, poll_status, start_server};

const RESUME_TEXT: &str = "Jane Roe\n\nSummary\nBackend engineer.\n\nSkills\nPython, Kubernetes\n";

/// How the fake worker behaves.
#[derive(Clone, Copy, Default)]
struct Behavior {
    /// Number of calls that get `fail_status` before the fake starts to succeed.
    fail_first: usize,
    /// Status of the failing calls.
    fail_status: u16,
    /// Delay before every response.
    delay_ms: u64,
}

struct Fake {
    behavior: Behavior,
    calls: AtomicUsize,
    requests: Mutex<Vec<Value>>,
}

async fn answer(fake: &Fake, body: Value, success: Value) -> (StatusCode, Json<Value>) {
    let call = fake.calls.fetch_add(1, Ordering::SeqCst);
    fake.requests.lock().unwrap().push(body);
    tokio::time::sleep(Duration::from_millis(fake.behavior.delay_ms)).await;
    if call < fake.behavior.fail_first {
        let status = StatusCode::from_u16(fake.behavior.fail_status).unwrap();
        let detail = if status.is_client_error() {
            json!([{"type": "missing", "loc": ["body", "content_b64"], "msg": "Field required",
                    "input": {"filename": "resume.txt"}}])
        } else {
            json!("Internal Server Error")
        };
        return (status, Json(json!({ "detail": detail })));
    }
    (StatusCode::OK, Json(success))
}

async fn parse_resume(
    State(fake): State<Arc<Fake>>,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    let success = json!({
        "skills": [
            {"skill": "python", "experience_years": 7, "proficiency": null, "mentions": 4,
             "source": ["matcher"]},
            {"skill": "kubernetes", "experience_years": null, "proficiency": null, "mentions": 1,
             "source": ["matcher"]}
        ],
        "sections": {"SUMMARY": "Summary\nBackend engineer.", "SKILLS": "Python, Kubernetes"},
        "profile": {"summary": "Summary\nBackend engineer.", "total_experience_years": 8},
        "statistics": {"characters": 64, "tokens": 9, "skills_detected": 2, "skills_gemini": 0}
    });
    answer(&fake, body, success).await
}

async fn parse_job(
    State(fake): State<Arc<Fake>>,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    let success = json!({
        "requirements": [
            {"skill": "python", "importance": 1.0, "inferred": false},
            {"skill": "go", "importance": 0.75, "inferred": false}
        ],
        "soft_skills": [{"skill": "communication", "value": 0.5}]
    });
    answer(&fake, body, success).await
}

async fn match_skills(
    State(fake): State<Arc<Fake>>,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    let python = json!({"requirement": "python", "importance": 1.0, "similarity": 1.0,
                        "matched_skill": "python", "inferred": false});
    let go = json!({"requirement": "go", "importance": 0.75, "similarity": 0.0,
                    "matched_skill": "kubernetes", "inferred": false});
    let success = json!({
        "score": 0.571,
        "summary": {"overall_match_score": 0.571, "strengths": [python.clone()],
                    "gaps": [go.clone()], "details": [python, go]}
    });
    answer(&fake, body, success).await
}

/// Starts the fake worker on a free port of 127.0.0.1 and returns its URL and state.
async fn start_fake(behavior: Behavior) -> (String, Arc<Fake>) {
    let fake = Arc::new(Fake {
        behavior,
        calls: AtomicUsize::new(0),
        requests: Mutex::new(Vec::new()),
    });
    let app = axum::Router::new()
        .route("/parse/resume", post(parse_resume))
        .route("/parse/job", post(parse_job))
        .route("/match", post(match_skills))
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}"), fake)
}

fn python_flags(url: &str, timeout_ms: &str) -> Vec<String> {
    [
        "--engine",
        "python",
        "--python-service-url",
        url,
        "--python-service-timeout-ms",
        timeout_ms,
        "--python-service-retries",
        "2",
        "--python-service-backoff-ms",
        "10",
    ]
    .map(String::from)
    .to_vec()
}

async fn upload_resume(client: &reqwest::Client, base: &str) -> Value {
    let form = Form::new().part(
        "file",
        Part::bytes(RESUME_TEXT.as_bytes().to_vec()).file_name("resume.txt"),
    );
    let response = client
        .post(format!("{base}/api/v1/resumes"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let id = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    poll_status(
        client,
        &format!("{base}/api/v1/resumes/{id}"),
        &["ready", "error"],
    )
    .await
}

async fn create_job(client: &reqwest::Client, base: &str) -> Value {
    let response = client
        .post(format!("{base}/api/v1/jobs"))
        .json(&json!({"title": "Backend Engineer", "text": "Python and Go required."}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let id = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    poll_status(
        client,
        &format!("{base}/api/v1/jobs/{id}"),
        &["ready", "error"],
    )
    .await
}

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

#[tokio::test]
async fn results_stored_as_native() {
    let (url, fake) = start_fake(Behavior::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let flags = python_flags(&url, "5000");
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = start_server(dir.path(), &flags).await;
    let client = reqwest::Client::new();
    let base = base_url(&server);

    let resume = upload_resume(&client, &base).await;
    assert_eq!(resume["status"], "ready", "{resume}");
    let skills: Vec<&str> = resume["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["skill"].as_str().unwrap())
        .collect();
    assert_eq!(skills, ["python", "kubernetes"]);
    assert_eq!(resume["skills"][0]["experience_years"].as_f64(), Some(7.0));
    assert_eq!(
        resume["parsedData"]["profile"]["total_experience_years"].as_f64(),
        Some(8.0)
    );
    assert!(
        resume["parsedData"]["statistics"]
            .get("skills_gemini")
            .is_none()
    );

    let sent = fake.requests.lock().unwrap()[0].clone();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(sent["content_b64"].as_str().unwrap())
        .unwrap();
    assert_eq!(decoded, RESUME_TEXT.as_bytes());
    assert_eq!(sent["filename"], "resume.txt");

    let job = create_job(&client, &base).await;
    assert_eq!(job["status"], "ready", "{job}");
    let requirements: Vec<&str> = job["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["skill"].as_str().unwrap())
        .collect();
    assert_eq!(requirements, ["python", "go"]);
    assert_eq!(job["soft_skills"][0]["skill"], "communication");

    let response = client
        .post(format!("{base}/api/v1/matches"))
        .json(&json!({"resumeId": resume["id"], "jobId": job["id"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let id = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let matched = poll_status(
        &client,
        &format!("{base}/api/v1/matches/{id}"),
        &["completed", "failed"],
    )
    .await;
    assert_eq!(matched["status"], "completed", "{matched}");
    // The worker's score is the hard-skill category (weight 0.6). The job's soft skill
    // `communication` is not in the resume (0, weight 0.1), and the job states no years or
    // education, so the product score is 0.6 × 0.571 / 0.7 = 0.489.
    let summary = &matched["match"]["summary"];
    assert_eq!(
        summary["breakdown"]["hard_skills"]["score"].as_f64(),
        Some(0.571)
    );
    assert_eq!(
        summary["breakdown"]["soft_skills"]["score"].as_f64(),
        Some(0.0)
    );
    assert_eq!(matched["match"]["score"].as_f64(), Some(0.489));
    let sent_match = fake.requests.lock().unwrap().last().unwrap().clone();
    assert_eq!(sent_match["candidate_skills"][0]["skill"], "python");
    assert_eq!(sent_match["requirements"][1]["skill"], "go");
    server.shutdown().await;

    // The same resume through the native engine gives the same stored shapes.
    let native_dir = tempfile::tempdir().unwrap();
    let native = start_server(native_dir.path(), &[]).await;
    let native_resume = upload_resume(&client, &base_url(&native)).await;
    assert_eq!(native_resume["status"], "ready", "{native_resume}");
    assert_eq!(
        keys(&native_resume["parsedData"]),
        keys(&resume["parsedData"])
    );
    assert_eq!(
        keys(&native_resume["parsedData"]["statistics"]),
        keys(&resume["parsedData"]["statistics"])
    );
    assert_eq!(
        keys(&native_resume["skills"][0]),
        keys(&resume["skills"][0])
    );
    native.shutdown().await;
}

#[tokio::test]
async fn server_errors_are_retried() {
    let (url, fake) = start_fake(Behavior {
        fail_first: 2,
        fail_status: 503,
        delay_ms: 0,
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let flags = python_flags(&url, "5000");
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = start_server(dir.path(), &flags).await;
    let resume = upload_resume(&reqwest::Client::new(), &base_url(&server)).await;
    assert_eq!(resume["status"], "ready", "{resume}");
    assert_eq!(fake.calls.load(Ordering::SeqCst), 3);
    server.shutdown().await;
}

#[tokio::test]
async fn server_errors_exhaust_retries() {
    let (url, fake) = start_fake(Behavior {
        fail_first: usize::MAX,
        fail_status: 500,
        delay_ms: 0,
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let flags = python_flags(&url, "5000");
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = start_server(dir.path(), &flags).await;
    let job = create_job(&reqwest::Client::new(), &base_url(&server)).await;
    assert_eq!(job["status"], "error");
    let message = job["error"].as_str().unwrap();
    assert!(
        message.contains("failed with status 500 after 3 attempts"),
        "{message}"
    );
    assert_eq!(fake.calls.load(Ordering::SeqCst), 3);
    server.shutdown().await;
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let (url, fake) = start_fake(Behavior {
        fail_first: usize::MAX,
        fail_status: 422,
        delay_ms: 0,
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let flags = python_flags(&url, "5000");
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = start_server(dir.path(), &flags).await;
    let resume = upload_resume(&reqwest::Client::new(), &base_url(&server)).await;
    assert_eq!(resume["status"], "error");
    let message = resume["error"].as_str().unwrap();
    assert!(
        message.contains("rejected the request with status 422"),
        "{message}"
    );
    assert!(message.contains("missing at body.content_b64"), "{message}");
    assert!(
        !message.contains("resume.txt"),
        "the message echoes request input: {message}"
    );
    assert_eq!(fake.calls.load(Ordering::SeqCst), 1);
    server.shutdown().await;
}

#[tokio::test]
async fn refused_connection_marks_item_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let dir = tempfile::tempdir().unwrap();
    let flags = python_flags(&url, "5000");
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = start_server(dir.path(), &flags).await;
    let resume = upload_resume(&reqwest::Client::new(), &base_url(&server)).await;
    assert_eq!(resume["status"], "error");
    let message = resume["error"].as_str().unwrap();
    assert!(
        message.contains("could not be reached after 3 attempts"),
        "{message}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn slow_worker_times_out() {
    let (url, fake) = start_fake(Behavior {
        delay_ms: 3_000,
        ..Behavior::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let flags = python_flags(&url, "300");
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = start_server(dir.path(), &flags).await;
    let resume = upload_resume(&reqwest::Client::new(), &base_url(&server)).await;
    assert_eq!(resume["status"], "error");
    let message = resume["error"].as_str().unwrap();
    assert!(
        message.contains("did not respond within 300 ms"),
        "{message}"
    );
    assert_eq!(fake.calls.load(Ordering::SeqCst), 1);
    server.shutdown().await;
}

#[tokio::test]
async fn unreachable_worker_fails_match() {
    // Parse with a working worker, then score after restarting against one that is gone.
    let (url, _fake) = start_fake(Behavior::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let flags = python_flags(&url, "5000");
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = start_server(dir.path(), &flags).await;
    let client = reqwest::Client::new();
    let base = base_url(&server);
    let resume = upload_resume(&client, &base).await;
    let job = create_job(&client, &base).await;
    assert_eq!(resume["status"], "ready", "{resume}");
    assert_eq!(job["status"], "ready", "{job}");
    server.shutdown().await;

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let flags = python_flags(&dead, "5000");
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = start_server(dir.path(), &flags).await;
    let base = base_url(&server);
    let response = client
        .post(format!("{base}/api/v1/matches"))
        .json(&json!({"resumeId": resume["id"], "jobId": job["id"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let id = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let matched = poll_status(
        &client,
        &format!("{base}/api/v1/matches/{id}"),
        &["completed", "failed"],
    )
    .await;
    assert_eq!(matched["status"], "failed");
    let message = matched["error"].as_str().unwrap();
    assert!(message.contains("could not be reached"), "{message}");
    server.shutdown().await;
}

/// Posts to a retry route and checks the documented 202 body.
async fn retry(client: &reqwest::Client, url: &str, id: &str) {
    let response = client.post(format!("{url}/retry")).send().await.unwrap();
    assert_eq!(response.status(), 202, "{url}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body, json!({"id": id, "status": "queued"}));
}

#[tokio::test]
async fn failed_job_and_match_are_retried() {
    // The first three calls (one call and its two retries) fail, later ones succeed.
    let (url, fake) = start_fake(Behavior {
        fail_first: 3,
        fail_status: 500,
        delay_ms: 0,
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let flags = python_flags(&url, "5000");
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = start_server(dir.path(), &flags).await;
    let client = reqwest::Client::new();
    let base = base_url(&server);

    let job = create_job(&client, &base).await;
    assert_eq!(job["status"], "error", "{job}");
    let job_id = job["id"].as_str().unwrap().to_string();
    let job_url = format!("{base}/api/v1/jobs/{job_id}");
    retry(&client, &job_url, &job_id).await;
    let job = poll_status(&client, &job_url, &["ready", "error"]).await;
    assert_eq!(job["status"], "ready", "{job}");
    assert_eq!(fake.calls.load(Ordering::SeqCst), 4);
    let resume = upload_resume(&client, &base).await;
    assert_eq!(resume["status"], "ready", "{resume}");
    server.shutdown().await;

    // Score while the worker is gone, so the match fails.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let dead_flags = python_flags(&dead, "5000");
    let dead_flags: Vec<&str> = dead_flags.iter().map(String::as_str).collect();
    let server = start_server(dir.path(), &dead_flags).await;
    let base = base_url(&server);
    let response = client
        .post(format!("{base}/api/v1/matches"))
        .json(&json!({"resumeId": resume["id"], "jobId": job_id}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let match_id = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let match_url = format!("{base}/api/v1/matches/{match_id}");
    let matched = poll_status(&client, &match_url, &["completed", "failed"]).await;
    assert_eq!(matched["status"], "failed", "{matched}");
    server.shutdown().await;

    // With the worker back, the retried match completes and costs no second request.
    let server = start_server(dir.path(), &flags).await;
    let base = base_url(&server);
    let match_url = format!("{base}/api/v1/matches/{match_id}");
    retry(&client, &match_url, &match_id).await;
    let matched = poll_status(&client, &match_url, &["completed", "failed"]).await;
    assert_eq!(matched["status"], "completed", "{matched}");
    assert!(matched["match"]["score"].is_number(), "{matched}");
    let usage: Value = client
        .get(format!("{base}/api/v1/usage"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(usage["annual_usage_count"], 1, "{usage}");
    server.shutdown().await;
}

#[tokio::test]
async fn python_engine_needs_url() {
    let dir = tempfile::tempdir().unwrap();
    let settings = support::settings(dir.path(), &["--engine", "python"]);
    let error = layer1::server::start(settings).await.err().unwrap();
    let message = format!("{error:#}");
    assert!(
        message.contains("ENGINE=python needs PYTHON_SERVICE_URL"),
        "{message}"
    );
}
