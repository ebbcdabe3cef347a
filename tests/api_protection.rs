//! Protection and observability of the product API against a real server: rate limits,
//! queue backpressure, CORS, `/metrics`, `/ready`, `/openapi.json` and `/docs`.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use serde_json::{Value, json};
use support::{base_url, start_server};

async fn create_job(client: &reqwest::Client, base: &str, title: &str) -> reqwest::Response {
    client
        .post(format!("{base}/api/v1/jobs"))
        .json(&json!({ "title": title, "text": "Rust and PostgreSQL developer" }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn user_rate_limit_returns_429_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let flags = ["--rate-limit-per-minute", "5", "--no-workers"];
    let server = start_server(dir.path(), &flags).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    for _ in 0..5 {
        let response = client
            .get(format!("{base}/api/v1/usage"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    let response = client
        .get(format!("{base}/api/v1/resumes"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=12).contains(&retry_after), "retry-after {retry_after}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "rate_limited");

    let health = client.get(format!("{base}/health")).send().await.unwrap();
    assert_eq!(health.status(), 200, "health is not rate limited");
    server.shutdown().await;
}

#[tokio::test]
async fn address_rate_limit_applies_without_token() {
    let dir = tempfile::tempdir().unwrap();
    let flags = [
        "--rate-limit-per-minute",
        "0",
        "--rate-limit-per-ip-per-minute",
        "3",
        "--no-workers",
    ];
    let server = start_server(dir.path(), &flags).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let response = client
            .get(format!("{base}/api/v1/jobs"))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 429]);
    server.shutdown().await;
}

#[tokio::test]
async fn full_queue_rejects_without_creating_rows() {
    let dir = tempfile::tempdir().unwrap();
    let flags = ["--queue-max-depth", "2", "--no-workers"];
    let server = start_server(dir.path(), &flags).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    for title in ["First", "Second"] {
        assert_eq!(create_job(&client, &base, title).await.status(), 202);
    }
    let response = create_job(&client, &base, "Third").await;
    assert_eq!(response.status(), 503);
    assert!(response.headers().contains_key("retry-after"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "queue_full");

    let jobs: Vec<Value> = client
        .get(format!("{base}/api/v1/jobs"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let titles: Vec<&str> = jobs.iter().map(|j| j["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Second", "First"]);
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(b"Rust developer".to_vec()).file_name("cv.txt"),
        );
        let response = client
            .post(format!("{base}/api/v1/resumes"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [202, 202, 503]);
    let resumes: Vec<Value> = client
        .get(format!("{base}/api/v1/resumes"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(resumes.len(), 2, "a rejected upload left a row");

    let text = client
        .get(format!("{base}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        text.contains("layer1_queue_depth{queue=\"parse_job\"} 2"),
        "{text}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn cors_allows_any_origin_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &["--no-workers"]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let response = client
        .request(reqwest::Method::OPTIONS, format!("{base}/api/v1/resumes"))
        .header("origin", "https://anywhere.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "authorization")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    assert!(
        !response
            .headers()
            .contains_key("access-control-allow-credentials")
    );
    server.shutdown().await;
}

#[tokio::test]
async fn cors_list_allows_credentials_for_listed_origins() {
    let dir = tempfile::tempdir().unwrap();
    let flags = [
        "--cors-allowed-origins",
        "https://app.example.com, http://localhost:5173",
        "--no-workers",
    ];
    let server = start_server(dir.path(), &flags).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let preflight = |origin: &'static str| {
        client
            .request(reqwest::Method::OPTIONS, format!("{base}/api/v1/jobs"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization,content-type",
            )
            .send()
    };
    let allowed = preflight("https://app.example.com").await.unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://app.example.com"
    );
    assert_eq!(
        allowed.headers()["access-control-allow-credentials"],
        "true"
    );
    let other = preflight("https://evil.example").await.unwrap();
    assert!(!other.headers().contains_key("access-control-allow-origin"));
    server.shutdown().await;
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &["--no-workers"]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    client
        .get(format!("{base}/api/v1/usage"))
        .send()
        .await
        .unwrap();
    client
        .get(format!("{base}/api/v1/jobs/not-an-id"))
        .send()
        .await
        .unwrap();
    let response = client.get(format!("{base}/metrics")).send().await.unwrap();
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = response.text().await.unwrap();
    for expected in [
        "layer1_http_requests_total{method=\"GET\",route=\"/api/v1/usage\",status=\"200\"}",
        "layer1_http_requests_total{method=\"GET\",route=\"/api/v1/jobs/{id}\",status=\"404\"}",
        "layer1_http_request_duration_seconds_bucket{",
        "layer1_queue_depth{queue=\"parse_resume\"} 0",
    ] {
        assert!(text.contains(expected), "{expected} missing from\n{text}");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn ready_reports_database_queue_and_model() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &["--no-workers"]).await;
    let base = base_url(&server);
    let body: Value = reqwest::get(format!("{base}/ready"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["ok"], true);
    assert_eq!(body["database"], true);
    assert_eq!(body["queue"], true);
    assert!(body["model"].is_string());
    server.shutdown().await;
}

#[tokio::test]
async fn openapi_document_lists_every_route() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &["--no-workers"]).await;
    let base = base_url(&server);
    let doc: Value = reqwest::get(format!("{base}/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with('3'));
    let expected = [
        ("/health", "get"),
        ("/ready", "get"),
        ("/metrics", "get"),
        ("/api/v1/resumes", "get"),
        ("/api/v1/resumes", "post"),
        ("/api/v1/resumes/{id}", "get"),
        ("/api/v1/resumes/{id}", "delete"),
        ("/api/v1/resumes/{id}/retry", "post"),
        ("/api/v1/jobs", "get"),
        ("/api/v1/jobs", "post"),
        ("/api/v1/jobs/{id}", "get"),
        ("/api/v1/jobs/{id}", "delete"),
        ("/api/v1/jobs/{id}/retry", "post"),
        ("/api/v1/matches", "get"),
        ("/api/v1/matches", "post"),
        ("/api/v1/matches/{id}", "get"),
        ("/api/v1/matches/{id}/retry", "post"),
        ("/api/v1/usage", "get"),
    ];
    for (path, method) in expected {
        let operation = &doc["paths"][path][method];
        assert!(operation.is_object(), "{method} {path} missing");
        if path.starts_with("/api/v1") {
            assert_eq!(operation["security"][0]["bearer_auth"], json!([]), "{path}");
            assert!(operation["responses"]["429"].is_object(), "{path}");
        }
    }
    let scheme = &doc["components"]["securitySchemes"]["bearer_auth"];
    assert_eq!(scheme["scheme"], "bearer");
    let list = &doc["components"]["schemas"]["ResumeListItem"]["properties"];
    assert!(list["mime_type"].is_object(), "list items are snake_case");
    let detail = &doc["components"]["schemas"]["ResumeDetail"]["properties"];
    assert!(detail["mimeType"].is_object(), "details are camelCase");
    let error = &doc["components"]["schemas"]["ErrorBody"]["properties"];
    for field in ["error", "message", "request_id"] {
        assert!(error[field].is_object(), "ErrorBody.{field}");
    }

    let html = reqwest::get(format!("{base}/docs"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("/openapi.json"));
    assert!(
        !html.contains("src=\"http"),
        "docs page loads a remote script"
    );
    assert!(
        !html.contains("href=\"http"),
        "docs page loads a remote resource"
    );
    server.shutdown().await;
}
