//! Per-user isolation and the match quota, with two users holding tokens from a JWKS server
//! started by the test. Workers are off, so rows stay `queued` until the test marks them
//! `ready` in the database.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod auth_support;
mod support;

use std::path::Path;

use auth_support::{JwksServer, SigningKey, auth_settings, client_with_token};
use layer1::server::{RunningServer, start};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use support::base_url;

struct World {
    _dir: tempfile::TempDir,
    server: RunningServer,
    jwks: JwksServer,
    key: SigningKey,
    base: String,
}

impl World {
    async fn start(extra: &[&str]) -> Self {
        let key = SigningKey::generate("key-1");
        let jwks = JwksServer::start(&[&key]).await;
        let dir = tempfile::tempdir().unwrap();
        let mut args = vec!["--no-workers"];
        args.extend_from_slice(extra);
        let server = start(auth_settings(dir.path(), &jwks, &args))
            .await
            .unwrap();
        let base = base_url(&server);
        Self {
            _dir: dir,
            server,
            jwks,
            key,
            base,
        }
    }

    fn client(&self, sub: &str) -> reqwest::Client {
        client_with_token(&self.key.sign(&self.jwks.claims(sub, 600)))
    }

    fn data_dir(&self) -> &Path {
        self._dir.path()
    }
}

async fn upload_resume(client: &reqwest::Client, base: &str) -> String {
    let text = b"Jane Roe\nSkills: Rust, Python, PostgreSQL\n".to_vec();
    let form = Form::new().part("file", Part::bytes(text).file_name("resume.txt"));
    let response = client
        .post(format!("{base}/api/v1/resumes"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn create_job(client: &reqwest::Client, base: &str) -> String {
    let response = client
        .post(format!("{base}/api/v1/jobs"))
        .json(&json!({ "title": "Backend Engineer", "text": "We need Rust and PostgreSQL." }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn database(dir: &Path) -> sqlx::SqlitePool {
    let url = format!("sqlite://{}/layer1.db", dir.display());
    sqlx::SqlitePool::connect(&url).await.unwrap()
}

async fn mark_ready(dir: &Path) {
    let pool = database(dir).await;
    for table in ["resumes", "job_descriptions"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE {table} SET status = 'ready'"
        )))
        .execute(&pool)
        .await
        .unwrap();
    }
}

async fn request_match(client: &reqwest::Client, base: &str, body: &Value) -> (u16, Value) {
    let response = client
        .post(format!("{base}/api/v1/matches"))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn usage(client: &reqwest::Client, base: &str) -> Value {
    client
        .get(format!("{base}/api/v1/usage"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn status_of(client: &reqwest::Client, method: reqwest::Method, url: &str) -> (u16, Value) {
    let response = client.request(method, url).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn users_never_see_each_others_rows() {
    let world = World::start(&[]).await;
    let base = &world.base;
    let (alice, bob) = (world.client("auth0|alice"), world.client("auth0|bob"));
    let resume = upload_resume(&alice, base).await;
    let job = create_job(&alice, base).await;
    let bob_resume = upload_resume(&bob, base).await;
    mark_ready(world.data_dir()).await;
    let pair = json!({ "resumeId": resume, "jobId": job });
    let (status, created) = request_match(&alice, base, &pair).await;
    assert_eq!(status, 202, "{created}");
    let match_id = created["id"].as_str().unwrap();

    use reqwest::Method;
    for url in [
        format!("{base}/api/v1/resumes/{resume}"),
        format!("{base}/api/v1/jobs/{job}"),
        format!("{base}/api/v1/matches/{match_id}"),
    ] {
        let (status, body) = status_of(&bob, Method::GET, &url).await;
        assert_eq!(status, 404, "GET {url}");
        assert_eq!(body["error"], "not_found", "GET {url}");
    }
    for url in [
        format!("{base}/api/v1/resumes/{resume}"),
        format!("{base}/api/v1/jobs/{job}"),
    ] {
        let (status, body) = status_of(&bob, Method::DELETE, &url).await;
        assert_eq!(status, 404, "DELETE {url}");
        assert_eq!(body["error"], "not_found", "DELETE {url}");
    }
    for list in ["resumes", "jobs", "matches"] {
        let (status, body) = status_of(&bob, Method::GET, &format!("{base}/api/v1/{list}")).await;
        assert_eq!(status, 200);
        let ids: Vec<&str> = body
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|item| item["id"].as_str())
            .collect();
        for foreign in [resume.as_str(), job.as_str(), match_id] {
            assert!(!ids.contains(&foreign), "{list} of bob lists {foreign}");
        }
    }

    let (status, body) = request_match(&bob, base, &pair).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (404, Some("resume_not_found"))
    );
    let mixed = json!({ "resumeId": bob_resume, "jobId": job });
    let (status, body) = request_match(&bob, base, &mixed).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (404, Some("job_not_found"))
    );
    assert_eq!(usage(&bob, base).await["annual_usage_count"], 0);

    // The owner still sees everything after the other user's attempts.
    let (status, _) = status_of(
        &alice,
        Method::GET,
        &format!("{base}/api/v1/resumes/{resume}"),
    )
    .await;
    assert_eq!(status, 200);
    world.server.shutdown().await;
}

#[tokio::test]
async fn rejected_match_requests_do_not_consume_quota() {
    let world = World::start(&["--annual-limit", "1"]).await;
    let base = &world.base;
    let alice = world.client("auth0|alice");
    let resume = upload_resume(&alice, base).await;
    let job = create_job(&alice, base).await;
    let unknown = uuid::Uuid::new_v4().to_string();

    let cases = [
        (json!({}), 400, "resumeId_and_jobId_required"),
        (
            json!({ "resumeId": unknown, "jobId": job }),
            404,
            "resume_not_found",
        ),
        (
            json!({ "resumeId": resume, "jobId": unknown }),
            404,
            "job_not_found",
        ),
        (
            json!({ "resumeId": "not-a-uuid", "jobId": job }),
            404,
            "resume_not_found",
        ),
        (
            json!({ "resumeId": resume, "jobId": job }),
            409,
            "resume_not_ready",
        ),
    ];
    for (body, expected_status, expected_code) in cases {
        let (status, reply) = request_match(&alice, base, &body).await;
        assert_eq!(status, expected_status, "{body}: {reply}");
        assert_eq!(reply["error"], expected_code, "{body}");
    }
    assert_eq!(usage(&alice, base).await["annual_usage_count"], 0);

    mark_ready(world.data_dir()).await;
    let pair = json!({ "resumeId": resume, "jobId": job });
    assert_eq!(request_match(&alice, base, &pair).await.0, 202);
    let (status, reply) = request_match(&alice, base, &pair).await;
    assert_eq!(status, 402);
    assert_eq!(reply["error"], "upgrade_required");
    assert!(
        reply["message"].as_str().unwrap().contains("upgrade"),
        "{reply}"
    );
    let used = usage(&alice, base).await;
    assert_eq!(used["annual_usage_count"], 1);
    assert_eq!(used["remaining"], 0);
    world.server.shutdown().await;
}

#[tokio::test]
async fn quota_window_resets_after_365_days() {
    let world = World::start(&["--annual-limit", "3"]).await;
    let base = &world.base;
    let alice = world.client("auth0|alice");
    let resume = upload_resume(&alice, base).await;
    let job = create_job(&alice, base).await;
    mark_ready(world.data_dir()).await;
    let old_start = chrono::Utc::now() - chrono::Duration::days(366);
    let pool = database(world.data_dir()).await;
    sqlx::query(
        "UPDATE users SET annual_usage_count = 3, annual_period_start = ?1 WHERE auth0_sub = ?2",
    )
    .bind(old_start.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    .bind("auth0|alice")
    .execute(&pool)
    .await
    .unwrap();
    let before = usage(&alice, base).await;
    assert_eq!(
        before["remaining"], 3,
        "a stale window counts as reset: {before}"
    );

    let pair = json!({ "resumeId": resume, "jobId": job });
    assert_eq!(request_match(&alice, base, &pair).await.0, 202);
    let after = usage(&alice, base).await;
    assert_eq!(after["annual_usage_count"], 1);
    let start: chrono::DateTime<chrono::Utc> = after["annual_period_start"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(chrono::Utc::now() - start < chrono::Duration::minutes(1));
    world.server.shutdown().await;
}

#[tokio::test]
async fn concurrent_requests_never_exceed_quota() {
    let world = World::start(&[]).await;
    let base = &world.base;
    let alice = world.client("auth0|alice");
    let resume = upload_resume(&alice, base).await;
    let job = create_job(&alice, base).await;
    mark_ready(world.data_dir()).await;
    assert_eq!(usage(&alice, base).await["remaining"], 100);

    let pair = json!({ "resumeId": resume, "jobId": job });
    let requests = (0..150).map(|_| {
        let (client, base, pair) = (alice.clone(), base.clone(), pair.clone());
        tokio::spawn(async move { request_match(&client, &base, &pair).await.0 })
    });
    let statuses = futures::future::join_all(requests).await;
    let statuses: Vec<u16> = statuses.into_iter().map(Result::unwrap).collect();
    let accepted = statuses.iter().filter(|s| **s == 202).count();
    let refused = statuses.iter().filter(|s| **s == 402).count();
    assert_eq!(accepted, 100, "{statuses:?}");
    assert_eq!(refused, 50, "{statuses:?}");
    let used = usage(&alice, base).await;
    assert_eq!(used["annual_usage_count"], 100);
    assert_eq!(used["remaining"], 0);
    world.server.shutdown().await;
}

#[tokio::test]
async fn pro_claim_is_unlimited_and_header_is_ignored() {
    let world = World::start(&["--annual-limit", "1"]).await;
    let base = &world.base;
    let mut pro_claims = world.jwks.claims("auth0|pro", 600);
    pro_claims["permissions"] = json!(["read:matches", "matches:unlimited"]);
    let pro = client_with_token(&world.key.sign(&pro_claims));
    let free = world.client("auth0|free");
    let pro_pair = json!({
        "resumeId": upload_resume(&pro, base).await,
        "jobId": create_job(&pro, base).await,
    });
    let free_pair = json!({
        "resumeId": upload_resume(&free, base).await,
        "jobId": create_job(&free, base).await,
    });
    mark_ready(world.data_dir()).await;

    for _ in 0..3 {
        assert_eq!(request_match(&pro, base, &pro_pair).await.0, 202);
    }
    assert_eq!(request_match(&free, base, &free_pair).await.0, 202);
    let response = free
        .post(format!("{base}/api/v1/matches"))
        .header("x-pro-member", "1")
        .json(&free_pair)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        402,
        "x-pro-member must not count with auth on"
    );
    world.server.shutdown().await;
}

#[tokio::test]
async fn usage_reset_command_restarts_window() {
    let world = World::start(&["--annual-limit", "1"]).await;
    let base = &world.base;
    let alice = world.client("auth0|alice");
    let pair = json!({
        "resumeId": upload_resume(&alice, base).await,
        "jobId": create_job(&alice, base).await,
    });
    mark_ready(world.data_dir()).await;
    assert_eq!(request_match(&alice, base, &pair).await.0, 202);
    assert_eq!(request_match(&alice, base, &pair).await.0, 402);

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_layer1"))
        .args(["usage", "reset", "auth0|alice", "--data-dir"])
        .arg(world.data_dir())
        .current_dir(world.data_dir())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("0 of 1"), "{stdout}");
    assert_eq!(usage(&alice, base).await["annual_usage_count"], 0);
    assert_eq!(request_match(&alice, base, &pair).await.0, 202);

    let unknown = std::process::Command::new(env!("CARGO_BIN_EXE_layer1"))
        .args(["usage", "reset", "auth0|nobody", "--data-dir"])
        .arg(world.data_dir())
        .current_dir(world.data_dir())
        .output()
        .unwrap();
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no user"));
    world.server.shutdown().await;
}
