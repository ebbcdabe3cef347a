//! Item lifecycle through the product API against a real server: pagination, retry of failed
//! items, redacted details, purge and the retention sweep.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use support::{base_url, poll_status, start_server};

/// A plain-text resume of a fictional person with contact details.
const RESUME: &str = "Jordan Example\n\
jordan.example@example.com | +1 555 010 2030 | https://github.com/jordan-example\n\n\
SUMMARY\nBackend engineer building data services in Rust and Python.\n\n\
EXPERIENCE\nSenior Engineer, Acme Corp, Jan 2018 - Present\n\
Built services with Rust, Python, PostgreSQL, Docker and Kubernetes.\n\n\
EDUCATION\nBSc Computer Science, Example University, 2014\n\n\
SKILLS\nRust, Python, PostgreSQL, Docker, Kubernetes\n";

async fn upload(client: &reqwest::Client, base: &str, name: &str, bytes: Vec<u8>) -> String {
    let form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_string()));
    let response = client
        .post(format!("{base}/api/v1/resumes"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let body: Value = response.json().await.unwrap();
    body["id"].as_str().unwrap().to_string()
}

async fn create_job(client: &reqwest::Client, base: &str, title: &str) -> String {
    let response = client
        .post(format!("{base}/api/v1/jobs"))
        .json(&json!({ "title": title, "text": "We need Rust, PostgreSQL and Docker." }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let body: Value = response.json().await.unwrap();
    body["id"].as_str().unwrap().to_string()
}

async fn count_rows(data_dir: &Path, sql: &str, id: &str) -> i64 {
    let url = format!("sqlite://{}/layer1.db", data_dir.display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let count: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    count
}

#[tokio::test]
async fn lists_page_newest_first_with_cursor_header() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &["--no-workers"]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let mut created = Vec::new();
    for n in 0..5 {
        created.push(create_job(&client, &base, &format!("Job {n}")).await);
    }
    created.reverse();

    let all = client
        .get(format!("{base}/api/v1/jobs"))
        .send()
        .await
        .unwrap();
    assert!(!all.headers().contains_key("x-next-cursor"));
    let all: Vec<Value> = all.json().await.unwrap();
    let ids: Vec<&str> = all.iter().map(|j| j["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids, created,
        "default list returns everything, newest first"
    );

    let mut seen = Vec::new();
    let mut url = format!("{base}/api/v1/jobs?limit=2");
    let mut pages = 0;
    loop {
        let response = client.get(&url).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let next = response
            .headers()
            .get("x-next-cursor")
            .map(|v| v.to_str().unwrap().to_string());
        let page: Vec<Value> = response.json().await.unwrap();
        assert!(page.len() <= 2);
        seen.extend(page.iter().map(|j| j["id"].as_str().unwrap().to_string()));
        pages += 1;
        match next {
            Some(cursor) => url = format!("{base}/api/v1/jobs?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, created);
    server.shutdown().await;
}

#[tokio::test]
async fn retry_requeues_only_failed_items() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    let broken = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n".to_vec();
    let id = upload(&client, &base, "broken.pdf", broken).await;
    let url = format!("{base}/api/v1/resumes/{id}");
    let failed = poll_status(&client, &url, &["ready", "error"]).await;
    assert_eq!(failed["status"], "error");

    let response = client.post(format!("{url}/retry")).send().await.unwrap();
    assert_eq!(response.status(), 202);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body, json!({ "id": id, "status": "queued" }));
    let again = poll_status(&client, &url, &["ready", "error"]).await;
    assert_eq!(again["status"], "error");

    let good = upload(&client, &base, "resume.txt", RESUME.as_bytes().to_vec()).await;
    let good_url = format!("{base}/api/v1/resumes/{good}");
    poll_status(&client, &good_url, &["ready", "error"]).await;
    let response = client
        .post(format!("{good_url}/retry"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 409);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "not_failed");

    let job = create_job(&client, &base, "Engineer").await;
    let job_url = format!("{base}/api/v1/jobs/{job}");
    poll_status(&client, &job_url, &["ready", "error"]).await;
    let response = client
        .post(format!("{job_url}/retry"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 409);
    let missing = uuid::Uuid::new_v4();
    let response = client
        .post(format!("{base}/api/v1/matches/{missing}/retry"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    server.shutdown().await;
}

#[tokio::test]
async fn redact_and_purge_remove_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    let resume = upload(&client, &base, "resume.txt", RESUME.as_bytes().to_vec()).await;
    let resume_url = format!("{base}/api/v1/resumes/{resume}");
    let detail = poll_status(&client, &resume_url, &["ready", "error"]).await;
    assert_eq!(detail["status"], "ready", "{detail}");
    assert!(detail.to_string().contains("jordan.example@example.com"));

    let redacted: Value = client
        .get(format!("{resume_url}?redact=true"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let text = redacted.to_string();
    for secret in [
        "Jordan Example",
        "jordan.example@example.com",
        "555 010 2030",
        "github.com",
    ] {
        assert!(!text.contains(secret), "{secret} left in {text}");
    }
    assert_eq!(redacted["parsedData"]["profile"]["email"], "[redacted]");
    assert_eq!(redacted["skills"], detail["skills"], "skills are kept");

    let job = create_job(&client, &base, "Backend Engineer").await;
    poll_status(
        &client,
        &format!("{base}/api/v1/jobs/{job}"),
        &["ready", "error"],
    )
    .await;
    let response = client
        .post(format!("{base}/api/v1/matches"))
        .json(&json!({ "resumeId": resume, "jobId": job }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let match_id = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let match_url = format!("{base}/api/v1/matches/{match_id}");
    poll_status(&client, &match_url, &["completed", "failed"]).await;

    // Vectors are stored in the background after parsing, so wait for them to give the purge
    // something to remove.
    let vectors = "SELECT COUNT(*) FROM resume_vectors WHERE resume_id = ?1";
    let deadline = Instant::now() + Duration::from_secs(30);
    while count_rows(dir.path(), vectors, &resume).await == 0 {
        assert!(
            Instant::now() < deadline,
            "resume vectors not stored within 30 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let blob = dir.path().join(format!("blobs/resumes/{resume}.txt"));
    assert!(blob.exists());
    let response = client
        .delete(format!("{resume_url}?purge=true"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert!(!blob.exists(), "stored file survived the purge");
    assert_eq!(client.get(&resume_url).send().await.unwrap().status(), 404);
    assert_eq!(client.get(&match_url).send().await.unwrap().status(), 404);
    let checks = [
        "SELECT COUNT(*) FROM resumes WHERE id = ?1",
        "SELECT COUNT(*) FROM candidate_skills WHERE resume_id = ?1",
        "SELECT COUNT(*) FROM match_jobs WHERE resume_id = ?1",
        "SELECT COUNT(*) FROM matches WHERE resume_id = ?1",
        "SELECT COUNT(*) FROM resume_vectors WHERE resume_id = ?1",
        "SELECT COUNT(*) FROM resume_skill_vectors WHERE resume_id = ?1",
    ];
    for sql in checks {
        assert_eq!(count_rows(dir.path(), sql, &resume).await, 0, "{sql}");
    }

    let response = client
        .delete(format!("{base}/api/v1/jobs/{job}?purge=true"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    for sql in [
        "SELECT COUNT(*) FROM job_descriptions WHERE id = ?1",
        "SELECT COUNT(*) FROM requirements WHERE job_id = ?1",
        "SELECT COUNT(*) FROM job_soft_skills WHERE job_id = ?1",
        "SELECT COUNT(*) FROM job_vectors WHERE job_id = ?1",
        "SELECT COUNT(*) FROM requirement_vectors WHERE job_id = ?1",
    ] {
        assert_eq!(count_rows(dir.path(), sql, &job).await, 0, "{sql}");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn soft_delete_then_purge_removes_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &["--no-workers"]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let job = create_job(&client, &base, "Hidden").await;
    let url = format!("{base}/api/v1/jobs/{job}");
    assert_eq!(client.delete(&url).send().await.unwrap().status(), 204);
    let sql = "SELECT COUNT(*) FROM job_descriptions WHERE id = ?1";
    assert_eq!(
        count_rows(dir.path(), sql, &job).await,
        1,
        "soft delete keeps the row"
    );
    let purge = client
        .delete(format!("{url}?purge=true"))
        .send()
        .await
        .unwrap();
    assert_eq!(purge.status(), 204);
    assert_eq!(count_rows(dir.path(), sql, &job).await, 0);
    let again = client
        .delete(format!("{url}?purge=true"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 404);
    server.shutdown().await;
}

#[tokio::test]
async fn retention_sweep_purges_old_items() {
    let dir = tempfile::tempdir().unwrap();
    let flags = [
        "--no-workers",
        "--retention-days",
        "1",
        "--retention-sweep-secs",
        "1",
    ];
    let server = start_server(dir.path(), &flags).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let old = create_job(&client, &base, "Old").await;
    let fresh = create_job(&client, &base, "Fresh").await;

    let url = format!("sqlite://{}/layer1.db", dir.path().display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let three_days_ago = (chrono::Utc::now() - chrono::Duration::days(3))
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    sqlx::query("UPDATE job_descriptions SET created_at = ?1 WHERE id = ?2")
        .bind(three_days_ago)
        .bind(&old)
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;

    let deadline = Instant::now() + Duration::from_secs(15);
    let sql = "SELECT COUNT(*) FROM job_descriptions WHERE id = ?1";
    while count_rows(dir.path(), sql, &old).await > 0 {
        assert!(Instant::now() < deadline, "old job not purged within 15 s");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        count_rows(dir.path(), sql, &fresh).await,
        1,
        "fresh job kept"
    );
    server.shutdown().await;
}
