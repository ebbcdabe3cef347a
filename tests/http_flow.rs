//! End-to-end HTTP tests against a real server on 127.0.0.1: SQLite, local blobs, the SQLite
//! queue with in-process workers, and the installed model.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use support::{base_url, poll_status, repo_root, start_server};

fn resume_form(name: &str, bytes: Vec<u8>) -> Form {
    Form::new().part("file", Part::bytes(bytes).file_name(name.to_string()))
}

async fn upload_resume(client: &reqwest::Client, base: &str, name: &str, bytes: Vec<u8>) -> Value {
    let response = client
        .post(format!("{base}/api/v1/resumes"))
        .multipart(resume_form(name, bytes))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    response.json().await.unwrap()
}

async fn create_job(client: &reqwest::Client, base: &str) -> Value {
    let text = std::fs::read_to_string(repo_root().join("examples/job.txt")).unwrap();
    let response = client
        .post(format!("{base}/api/v1/jobs"))
        .json(&json!({ "title": "Senior Backend Engineer", "text": text }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    response.json().await.unwrap()
}

#[tokio::test]
async fn upload_parse_and_match_complete() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    let health: Value = client
        .get(format!("{base}/health"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health, json!({ "ok": true }));

    let pdf = std::fs::read(repo_root().join("examples/resume.pdf")).unwrap();
    let created = upload_resume(&client, &base, "resume.pdf", pdf).await;
    assert_eq!(created["status"], "queued");
    let resume_id = created["id"].as_str().unwrap().to_string();
    let job_id = create_job(&client, &base).await["id"]
        .as_str()
        .unwrap()
        .to_string();

    let resume = poll_status(
        &client,
        &format!("{base}/api/v1/resumes/{resume_id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(resume["status"], "ready", "resume: {resume}");
    assert_eq!(resume["mimeType"], "application/pdf");
    let skills: Vec<&str> = resume["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["skill"].as_str().unwrap())
        .collect();
    for expected in ["python", "postgresql", "kubernetes", "docker"] {
        assert!(
            skills.contains(&expected),
            "{expected} missing from {skills:?}"
        );
    }
    assert!(resume["parsedData"]["sections"]["EXPERIENCE"].is_string());

    let job = poll_status(
        &client,
        &format!("{base}/api/v1/jobs/{job_id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(job["status"], "ready", "job: {job}");
    assert!(!job["requirements"].as_array().unwrap().is_empty());

    let response = client
        .post(format!("{base}/api/v1/matches"))
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
    assert_eq!(detail["status"], "completed", "match: {detail}");
    let score = detail["match"]["score"].as_f64().unwrap();
    assert!(score > 0.3, "score {score}");
    assert!(score <= 1.0, "score {score}");
    let summary = &detail["match"]["summary"];
    assert_eq!(summary["overall_match_score"].as_f64().unwrap(), score);
    assert!(!summary["requirements"].as_array().unwrap().is_empty());
    assert!(summary["strengths"].as_array().is_some());

    let usage: Value = client
        .get(format!("{base}/api/v1/usage"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(usage["annual_usage_count"], 1);
    assert_eq!(usage["remaining"], 99);

    let list: Value = client
        .get(format!("{base}/api/v1/matches"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list[0]["id"], match_id.as_str());
    assert_eq!(list[0]["status"], "completed");
    server.shutdown().await;
}

#[tokio::test]
async fn unreadable_pdf_ends_in_error_with_message() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    let broken = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n".to_vec();
    let created = upload_resume(&client, &base, "broken.pdf", broken).await;
    let id = created["id"].as_str().unwrap();
    let resume = poll_status(
        &client,
        &format!("{base}/api/v1/resumes/{id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(resume["status"], "error");
    assert!(
        !resume["error"].as_str().unwrap_or_default().is_empty(),
        "error message missing: {resume}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn bad_requests_get_documented_errors() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let response = client
        .post(format!("{base}/api/v1/resumes"))
        .multipart(resume_form("photo.docx", png))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "unsupported file type");
    assert!(body["message"].as_str().unwrap().contains("PNG"), "{body}");

    let response = client
        .post(format!("{base}/api/v1/resumes"))
        .multipart(resume_form("blank.pdf", Vec::new()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "empty_file");
    assert!(
        body["message"].as_str().unwrap().contains("blank.pdf"),
        "{body}"
    );

    let response = client
        .post(format!("{base}/api/v1/resumes"))
        .multipart(Form::new().text("title", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "file is required"
    );

    let big = vec![b'a'; 10 * 1024 * 1024 + 1];
    let response = client
        .post(format!("{base}/api/v1/resumes"))
        .multipart(resume_form("big.txt", big))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "file too large (max 10MB)"
    );

    let response = client
        .post(format!("{base}/api/v1/jobs"))
        .json(&json!({ "text": "Python developer" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "title_required"
    );

    let response = client
        .post(format!("{base}/api/v1/jobs"))
        .json(&json!({ "title": "Engineer" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "file_or_text_required"
    );

    let response = client
        .post(format!("{base}/api/v1/jobs"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "invalid_json"
    );

    let response = client
        .post(format!("{base}/api/v1/matches"))
        .json(&json!({ "resumeId": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "resumeId_and_jobId_required"
    );

    let missing = uuid::Uuid::new_v4();
    let response = client
        .post(format!("{base}/api/v1/matches"))
        .json(&json!({ "resumeId": missing, "jobId": missing }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "resume_not_found"
    );

    for path in ["/api/v1/resumes/not-a-uuid", "/api/v1/jobs/123", "/nowhere"] {
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            response.json::<Value>().await.unwrap()["error"],
            "not_found"
        );
    }
    let usage: Value = client
        .get(format!("{base}/api/v1/usage"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        usage["annual_usage_count"], 0,
        "rejected requests consumed quota"
    );
    server.shutdown().await;
}
