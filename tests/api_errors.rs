//! Bad requests to the product API get the documented JSON error, never a 500: malformed
//! bodies, wrong content types, missing fields, bad ids, oversized uploads, unknown routes and
//! wrong methods.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use support::{base_url, start_server};

/// Sends a request and returns its status, `x-request-id` header and JSON body.
async fn send(request: reqwest::RequestBuilder) -> (u16, String, Value) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let request_id = response
        .headers()
        .get("x-request-id")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body: Value = response.json().await.unwrap();
    (status, request_id, body)
}

fn assert_error(status: u16, body: &Value, expected_status: u16, code: &str) {
    assert_eq!(status, expected_status, "{body}");
    assert_eq!(body["error"], code, "{body}");
    assert!(body["message"].is_string(), "{body}");
}

#[tokio::test]
async fn error_bodies_carry_code_and_request_id() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    let (status, header_id, body) = send(client.get(format!("{base}/api/v1/resumes/nope"))).await;
    assert_error(status, &body, 404, "not_found");
    assert!(!header_id.is_empty());
    assert_eq!(body["request_id"], header_id.as_str());

    let (status, _, body) = send(
        client
            .get(format!("{base}/api/v1/jobs/nope"))
            .header("x-request-id", "client-chosen-id"),
    )
    .await;
    assert_error(status, &body, 404, "not_found");
    assert_eq!(body["request_id"], "client-chosen-id");
    server.shutdown().await;
}

#[tokio::test]
async fn malformed_bodies_are_bad_requests() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let json_post = |path: &str, body: &'static str| {
        client
            .post(format!("{base}{path}"))
            .header("content-type", "application/json")
            .body(body)
    };

    for path in ["/api/v1/jobs", "/api/v1/matches"] {
        let (status, _, body) = send(json_post(path, "{not json")).await;
        assert_error(status, &body, 400, "invalid_json");
        // serde reads a struct from an array too, so this reaches field validation.
        let (status, _, body) = send(json_post(path, "[1, 2]")).await;
        assert_eq!(status, 400, "{body}");
        let (status, _, body) = send(json_post(path, "\"text\"")).await;
        assert_error(status, &body, 400, "invalid_json");
        let (status, _, body) = send(json_post(path, "")).await;
        assert_error(status, &body, 400, "invalid_json");
    }
    let (status, _, body) = send(json_post("/api/v1/jobs", r#"{"title": 5, "text": "x"}"#)).await;
    assert_error(status, &body, 400, "invalid_json");

    let (status, _, body) = send(
        client
            .post(format!("{base}/api/v1/jobs"))
            .header("content-type", "text/plain")
            .body("title=x"),
    )
    .await;
    assert_error(status, &body, 400, "invalid_content_type");
    let (status, _, body) = send(
        client
            .post(format!("{base}/api/v1/matches"))
            .body(r#"{"resumeId": "a", "jobId": "b"}"#),
    )
    .await;
    assert_error(status, &body, 400, "invalid_content_type");

    let (status, _, body) = send(
        client
            .post(format!("{base}/api/v1/resumes"))
            .json(&json!({ "file": "not a file" })),
    )
    .await;
    assert_error(status, &body, 400, "file is required");
    let (status, _, body) = send(
        client
            .post(format!("{base}/api/v1/resumes"))
            .header("content-type", "multipart/form-data; boundary=x")
            .body("garbage without the boundary"),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    server.shutdown().await;
}

#[tokio::test]
async fn missing_fields_and_bad_values_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    let (status, _, body) = send(client.post(format!("{base}/api/v1/jobs")).json(&json!({}))).await;
    assert_error(status, &body, 400, "title_required");
    let long_title = "t".repeat(10 * 1024);
    let (status, _, body) = send(
        client
            .post(format!("{base}/api/v1/jobs"))
            .json(&json!({ "title": long_title, "text": "Rust developer" })),
    )
    .await;
    assert_error(status, &body, 400, "title_too_long");
    let (status, _, body) = send(
        client
            .post(format!("{base}/api/v1/matches"))
            .json(&json!({})),
    )
    .await;
    assert_error(status, &body, 400, "resumeId_and_jobId_required");
    let (status, _, body) = send(
        client
            .post(format!("{base}/api/v1/matches"))
            .json(&json!({ "resumeId": 1, "jobId": [] })),
    )
    .await;
    assert_error(status, &body, 400, "resumeId_and_jobId_required");
    let (status, _, body) = send(
        client
            .post(format!("{base}/api/v1/matches"))
            .json(&json!({ "resumeId": "not-a-uuid", "jobId": "also-not" })),
    )
    .await;
    assert_error(status, &body, 404, "resume_not_found");

    let (status, _, body) = send(
        client
            .post(format!("{base}/api/v1/resumes"))
            .multipart(Form::new().text("note", "no file here")),
    )
    .await;
    assert_error(status, &body, 400, "file is required");

    for query in [
        "limit=0",
        "limit=abc",
        "limit=201",
        "cursor=%%%",
        "cursor=bm9wZQ",
    ] {
        let (status, _, body) = send(client.get(format!("{base}/api/v1/resumes?{query}"))).await;
        assert_error(status, &body, 400, "invalid_query");
    }
    let (status, _, body) = send(client.delete(format!(
        "{base}/api/v1/jobs/{}?purge=maybe",
        uuid::Uuid::new_v4()
    )))
    .await;
    assert_error(status, &body, 400, "invalid_query");
    server.shutdown().await;
}

#[tokio::test]
async fn ids_that_are_not_uuids_are_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let ids = [
        "123",
        "not-a-uuid",
        "%FF%FE",
        "00000000-0000-0000-0000-00000000000g",
    ];
    for id in ids {
        for path in ["resumes", "jobs", "matches"] {
            let url = format!("{base}/api/v1/{path}/{id}");
            let (status, _, body) = send(client.get(&url)).await;
            assert_error(status, &body, 404, "not_found");
            let (status, _, body) = send(client.post(format!("{url}/retry"))).await;
            assert_error(status, &body, 404, "not_found");
        }
        for path in ["resumes", "jobs"] {
            let (status, _, body) = send(client.delete(format!("{base}/api/v1/{path}/{id}"))).await;
            assert_error(status, &body, 404, "not_found");
        }
    }
    server.shutdown().await;
}

#[tokio::test]
async fn unknown_routes_and_wrong_methods_are_json() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    for path in [
        "/nowhere",
        "/api/v1/nothing",
        "/api/v2/resumes",
        "/api/v1/resumes/a/b/c",
    ] {
        let (status, _, body) = send(client.get(format!("{base}{path}"))).await;
        assert_error(status, &body, 404, "not_found");
    }
    let wrong = [
        (reqwest::Method::PUT, "/api/v1/resumes"),
        (reqwest::Method::PATCH, "/api/v1/jobs"),
        (reqwest::Method::DELETE, "/api/v1/matches"),
        (reqwest::Method::DELETE, "/api/v1/usage"),
        (
            reqwest::Method::GET,
            "/api/v1/resumes/00000000-0000-0000-0000-000000000000/retry",
        ),
        (reqwest::Method::POST, "/health"),
    ];
    for (method, path) in wrong {
        let (status, _, body) = send(client.request(method.clone(), format!("{base}{path}"))).await;
        assert_error(status, &body, 405, "method_not_allowed");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn oversized_upload_rejected_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    let base = base_url(&server);

    // Declared length over the limit, and no body at all: the response must not wait for it.
    let address = server.address;
    let response = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let request = format!(
            "POST /api/v1/resumes HTTP/1.1\r\nHost: {address}\r\n\
             Content-Type: multipart/form-data; boundary=b\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n",
            50 * 1024 * 1024
        );
        let started = Instant::now();
        stream.write_all(request.as_bytes()).unwrap();
        let mut head = [0u8; 4096];
        let read = stream.read(&mut head).unwrap();
        (
            String::from_utf8_lossy(&head[..read]).to_string(),
            started.elapsed(),
        )
    })
    .await
    .unwrap();
    let (text, elapsed) = response;
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.contains("file too large (max 10MB)"), "{text}");
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");

    let big = vec![b'a'; 10 * 1024 * 1024 + 1];
    let form = Form::new().part("file", Part::bytes(big).file_name("big.txt"));
    let (status, _, body) = send(
        client
            .post(format!("{base}/api/v1/resumes"))
            .multipart(form),
    )
    .await;
    assert_error(status, &body, 413, "file too large (max 10MB)");
    let resumes: Value = client
        .get(format!("{base}/api/v1/resumes"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(resumes, json!([]), "a rejected upload left a row");
    server.shutdown().await;
}

#[tokio::test]
async fn job_text_limit_covers_text_files() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    let jobs = format!("{}/api/v1/jobs", base_url(&server));
    let limit = 1024 * 1024;
    let over = "Rust developer. ".repeat(limit / 16 + 1);

    let (status, _, json_body) = send(
        client
            .post(&jobs)
            .json(&json!({ "title": "Backend", "text": over })),
    )
    .await;
    assert_error(status, &json_body, 400, "text_too_long");
    let form = Form::new().text("title", "Backend").part(
        "file",
        Part::bytes(over.clone().into_bytes()).file_name("job.txt"),
    );
    let (status, _, file_body) = send(client.post(&jobs).multipart(form)).await;
    assert_error(status, &file_body, 400, "text_too_long");

    let at_limit = "x".repeat(limit);
    let form = Form::new().text("title", "Backend").part(
        "file",
        Part::bytes(at_limit.into_bytes()).file_name("job.txt"),
    );
    let (status, _, body) = send(client.post(&jobs).multipart(form)).await;
    assert_eq!(status, 202, "{body}");
    server.shutdown().await;
}
