#![allow(clippy::unwrap_used, reason = "tests unwrap values they set up")]
//! The optional LLM skill step against a chat-completions stub served on 127.0.0.1: good
//! answers add skills with source `llm`, invented items are dropped, and every failure keeps
//! the native result and logs only the error kind.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use chrono::NaiveDate;
use layer1::config::LlmSettings;
use layer1::llm::LlmSkills;
use layer1_engine::resume::{ParsedResume, parse_resume};
use layer1_engine::skills::{Gazetteer, ParsedJob, parse_job};
use secrecy::SecretString;
use serde_json::{Value, json};

const KEY: &str = "test-key-7f3a";

const RESUME: &str = "Jordan Vale\n\
    jordan.vale@example.com\n\
    \n\
    Summary\n\
    Backend developer who builds payment services.\n\
    \n\
    Experience\n\
    Senior Developer, Brightwater Ledger, Jan 2020 - Present\n\
    - Built event pipelines on Quillstream with Python.\n\
    \n\
    Skills\n\
    Python, PostgreSQL\n";

const JOB: &str = "Data Engineer\n\
    About us\n\
    Harbourline runs Fernqueue for its partners.\n\
    Requirements\n\
    - 3+ years with Python.\n\
    - Experience with Quillstream.\n\
    Nice to have\n\
    - Exposure to Larkdb.\n";

/// What the stub does with each request.
#[derive(Clone)]
enum Reply {
    /// 200 with this string as the message content.
    Content(String),
    /// This status with an empty body.
    Status(StatusCode),
    /// 200 with this raw body.
    Body(String),
    /// A valid reply, after this delay.
    Slow(Duration),
}

/// Requests the stub received: the `Authorization` header and the JSON body.
type Seen = Arc<Mutex<Vec<(Option<String>, Value)>>>;

#[derive(Clone)]
struct Stub {
    reply: Reply,
    seen: Seen,
}

async fn complete(State(stub): State<Stub>, headers: HeaderMap, body: String) -> Response {
    let authorization = headers
        .get("authorization")
        .map(|value| value.to_str().unwrap().to_string());
    let request: Value = serde_json::from_str(&body).unwrap();
    stub.seen.lock().unwrap().push((authorization, request));
    match stub.reply {
        Reply::Content(content) => answer(&content),
        Reply::Status(status) => status.into_response(),
        Reply::Body(body) => body.into_response(),
        Reply::Slow(delay) => {
            tokio::time::sleep(delay).await;
            answer(r#"{"technologies": ["Quillstream"]}"#)
        }
    }
}

fn answer(content: &str) -> Response {
    axum::Json(json!({
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]
    }))
    .into_response()
}

/// Starts the stub and returns the step aimed at it, with what the stub receives.
async fn start(reply: Reply) -> (LlmSkills, Seen) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let stub = Stub {
        reply,
        seen: seen.clone(),
    };
    let app = Router::new()
        .route("/v1/chat/completions", post(complete))
        .with_state(stub);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let url = format!("http://{address}/v1/chat/completions");
    (step(&url, 400), seen)
}

fn step(url: &str, timeout_ms: u64) -> LlmSkills {
    let settings = LlmSettings {
        llm_api_url: Some(url.to_string()),
        llm_api_key: Some(SecretString::from(KEY.to_string())),
        llm_model: "stub-model".to_string(),
        llm_timeout_ms: timeout_ms,
    };
    LlmSkills::from_settings(&settings).unwrap().unwrap()
}

fn native_resume() -> ParsedResume {
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    parse_resume(RESUME, Gazetteer::builtin(), as_of)
}

fn native_job() -> ParsedJob {
    parse_job(JOB, Gazetteer::builtin())
}

fn good_answer() -> Reply {
    Reply::Content(r#"{"technologies": ["Quillstream", "Python", "Snowflake", "Larkdb"]}"#.into())
}

/// Log lines written while the test runs, in the text format.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    fn capture(&self) -> tracing::subscriber::DefaultGuard {
        let logs = self.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .with_writer(move || logs.clone())
            .finish();
        tracing::subscriber::set_default(subscriber)
    }

    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

#[tokio::test]
async fn resume_gains_skill_with_llm_source() {
    let (llm, _) = start(good_answer()).await;
    let native = native_resume();
    assert!(native.skills.iter().all(|s| s.skill != "quillstream"));

    let resume = llm.augment_resume(native.clone()).await;

    let added = resume.skills.iter().find(|s| s.skill == "quillstream");
    let added = added.expect("the item written in the resume is added");
    assert_eq!(added.source, vec!["llm"]);
    assert_eq!(added.skill_id, "quillstream");
    assert_eq!(added.mentions, 1);
    let python = resume.skills.iter().find(|s| s.skill == "python").unwrap();
    assert_eq!(python.source[0], "matcher");
    assert_eq!(resume.skills.len(), native.skills.len() + 1);
    assert_eq!(resume.statistics.skills_detected, resume.skills.len());
}

#[tokio::test]
async fn invented_items_are_dropped() {
    let (llm, _) = start(good_answer()).await;

    let resume = llm.augment_resume(native_resume()).await;

    assert!(resume.skills.iter().all(|s| s.skill != "snowflake"));
    assert!(resume.skills.iter().all(|s| s.skill != "larkdb"));
}

#[tokio::test]
async fn request_carries_key_and_section_text_only() {
    let (llm, seen) = start(good_answer()).await;

    llm.augment_resume(native_resume()).await;

    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    let (authorization, request) = &seen[0];
    assert_eq!(authorization.as_deref(), Some("Bearer test-key-7f3a"));
    assert_eq!(request["model"], "stub-model");
    let user = request["messages"][1]["content"].as_str().unwrap();
    assert!(user.contains("Quillstream"));
    assert!(!user.contains("jordan.vale@example.com"));
    assert!(!user.contains("Jordan Vale"));
}

#[tokio::test]
async fn job_gains_requirements_with_section_importance() {
    let (llm, _) = start(Reply::Content(
        r#"{"technologies": ["Quillstream", "Larkdb", "Fernqueue", "Snowflake"]}"#.into(),
    ))
    .await;
    let native = native_job();

    let job = llm.augment_job(native.clone(), JOB).await;

    let importance = |skill: &str| {
        let found = job.requirements.iter().find(|r| r.skill == skill);
        found.map(|r| (r.importance, r.inferred))
    };
    assert_eq!(importance("quillstream"), Some((1.0, false)));
    assert_eq!(importance("larkdb"), Some((0.75, false)));
    assert_eq!(
        importance("fernqueue"),
        None,
        "company blurbs hold no requirements"
    );
    assert_eq!(importance("snowflake"), None, "invented items are dropped");
    assert_eq!(
        job.requirement_sources
            .get("quillstream")
            .map(String::as_str),
        Some("llm")
    );
    assert!(!job.requirement_sources.contains_key("python"));
    assert_eq!(job.requirements.len(), native.requirements.len() + 2);
    let value = serde_json::to_value(&job).unwrap();
    assert_eq!(value["requirement_sources"]["larkdb"], "llm");
}

#[tokio::test]
async fn html_job_headings_set_importance() {
    let (llm, _) = start(Reply::Content(
        r#"{"technologies": ["Quillstream", "Larkdb"]}"#.into(),
    ))
    .await;
    let html = "<h1>Data Engineer</h1><h2>Requirements</h2><ul><li>3+ years with Python.</li>\
        <li>Experience with Quillstream.</li></ul><h2>Nice to have</h2>\
        <ul><li>Exposure to Larkdb.</li></ul>";

    let job = llm.augment_job(native_job(), html).await;

    let importance = |skill: &str| {
        let found = job.requirements.iter().find(|r| r.skill == skill);
        found.map(|r| r.importance)
    };
    assert_eq!(importance("quillstream"), Some(1.0));
    assert_eq!(importance("larkdb"), Some(0.75));
}

#[tokio::test]
async fn server_error_keeps_native_result() {
    let (llm, _) = start(Reply::Status(StatusCode::INTERNAL_SERVER_ERROR)).await;
    let logs = Logs::default();
    let _guard = logs.capture();

    assert_eq!(llm.augment_resume(native_resume()).await, native_resume());
    assert_eq!(llm.augment_job(native_job(), JOB).await, native_job());

    let text = logs.text();
    assert!(text.contains("WARN"), "{text}");
    assert!(text.contains("error_kind=\"http_status\""), "{text}");
}

#[tokio::test]
async fn timeout_keeps_native_result() {
    let (llm, _) = start(Reply::Slow(Duration::from_secs(5))).await;
    let logs = Logs::default();
    let _guard = logs.capture();

    let started = std::time::Instant::now();
    let resume = llm.augment_resume(native_resume()).await;

    assert_eq!(resume, native_resume());
    assert!(started.elapsed() < Duration::from_secs(4));
    let text = logs.text();
    assert!(text.contains("error_kind=\"timeout\""), "{text}");
}

#[tokio::test]
async fn malformed_answers_keep_native_result() {
    let replies = [
        (
            Reply::Content("Quillstream, Larkdb".into()),
            "malformed_json",
        ),
        (Reply::Body("{\"choices\": [".into()), "malformed_json"),
        (
            Reply::Content(r#"{"skills": ["Quillstream"]}"#.into()),
            "wrong_shape",
        ),
        (Reply::Body(r#"{"choices": []}"#.into()), "wrong_shape"),
    ];
    for (reply, kind) in replies {
        let (llm, _) = start(reply).await;
        let logs = Logs::default();
        let _guard = logs.capture();

        assert_eq!(
            llm.augment_job(native_job(), JOB).await,
            native_job(),
            "{kind}"
        );

        let text = logs.text();
        assert!(text.contains(&format!("error_kind=\"{kind}\"")), "{text}");
    }
}

#[tokio::test]
async fn refused_connection_keeps_native_result() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let llm = step(&format!("http://{address}/v1/chat/completions"), 2_000);
    let logs = Logs::default();
    let _guard = logs.capture();

    assert_eq!(llm.augment_resume(native_resume()).await, native_resume());

    let text = logs.text();
    assert!(text.contains("error_kind=\"connect\""), "{text}");
}

#[tokio::test]
async fn logs_hold_no_text_or_key() {
    let (llm, _) = start(Reply::Status(StatusCode::BAD_GATEWAY)).await;
    let logs = Logs::default();
    let _guard = logs.capture();

    llm.augment_resume(native_resume()).await;
    let (llm, _) = start(good_answer()).await;
    llm.augment_resume(native_resume()).await;

    let text = logs.text();
    assert!(text.contains("LLM skill step"), "{text}");
    for secret in [
        KEY,
        "Quillstream",
        "quillstream",
        "Snowflake",
        "Brightwater",
    ] {
        assert!(!text.contains(secret), "{secret} in logs: {text}");
    }
}

#[tokio::test]
async fn unset_url_turns_step_off() {
    let settings = LlmSettings {
        llm_api_url: Some("  ".to_string()),
        llm_api_key: None,
        llm_model: "stub-model".to_string(),
        llm_timeout_ms: 1_000,
    };
    assert!(LlmSkills::from_settings(&settings).unwrap().is_none());
}

/// Builds the native analysis backend with the hashed embedder (no model files) and `llm`.
fn native_backend(llm: LlmSkills) -> layer1::analysis::AnalysisBackend {
    use clap::Parser;

    #[derive(Parser)]
    struct NlpCli {
        #[command(flatten)]
        nlp: layer1::config::NlpSettings,
    }

    let cli = NlpCli::try_parse_from(["nlp", "--model-dir=/nonexistent"]).unwrap();
    let runtime = layer1::nlp::NlpRuntime::load(&cli.nlp);
    layer1::analysis::AnalysisBackend::Native(runtime, Some(llm))
}

#[tokio::test(flavor = "multi_thread")]
async fn native_backend_runs_step_on_job_text() {
    let (llm, seen) = start(good_answer()).await;
    let backend = native_backend(llm);

    let job = backend
        .analyze_job_text(JOB.to_string(), "Data Engineer")
        .await
        .unwrap();

    assert_eq!(seen.lock().unwrap().len(), 1);
    assert!(job.requirements.iter().any(|r| r.skill == "quillstream"));
    assert!(job.requirements.iter().any(|r| r.skill == "python"));
}

#[tokio::test(flavor = "multi_thread")]
async fn native_backend_runs_step_on_job_file() {
    let (llm, seen) = start(good_answer()).await;
    let backend = native_backend(llm);
    let file = layer1::fallback::FileMeta {
        filename: Some("posting.txt".to_string()),
        mime_type: Some("text/plain".to_string()),
    };

    let job = backend
        .analyze_job_file(JOB.as_bytes().to_vec(), &file, "Data Engineer")
        .await
        .unwrap();

    let requests = seen.lock().unwrap();
    assert_eq!(requests.len(), 1);
    let sent = requests[0].1.to_string();
    assert!(sent.contains("Quillstream"), "request: {sent}");
    assert!(job.requirements.iter().any(|r| r.skill == "quillstream"));
    assert_eq!(
        job.requirement_sources
            .get("quillstream")
            .map(String::as_str),
        Some("llm")
    );
}
