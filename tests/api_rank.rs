//! Ranking from stored vectors against a real server on 127.0.0.1 with the installed model:
//! both directions, validation, quota, ownership, the vectors stored at parse time, and the
//! embedding cache shared through the database by a second `layer1` process.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod auth_support;
mod support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use auth_support::{JwksServer, SigningKey, auth_settings, client_with_token};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use support::{base_url, model_dir, poll_status, repo_root, start_server};

const STRONG: &str = "Ada Strong\nSUMMARY\nBackend engineer, 9 years.\nSKILLS\nPython, FastAPI, \
    Django, PostgreSQL, SQL, Docker, Kubernetes, AWS, Terraform, Kafka, Redis, REST APIs, CI/CD\n";
const WEAK: &str = "Will Weak\nSUMMARY\nGraphic designer.\nSKILLS\nPhotoshop, Illustrator, \
    Figma, InDesign\n";

async fn upload_resume(client: &reqwest::Client, base: &str, name: &str, bytes: Vec<u8>) -> String {
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

async fn create_job(client: &reqwest::Client, base: &str, text: &str) -> String {
    let response = client
        .post(format!("{base}/api/v1/jobs"))
        .json(&json!({ "title": "Senior Backend Engineer", "text": text }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let body: Value = response.json().await.unwrap();
    body["id"].as_str().unwrap().to_string()
}

async fn wait_ready(client: &reqwest::Client, base: &str, kind: &str, id: &str) {
    let body = poll_status(
        client,
        &format!("{base}/api/v1/{kind}/{id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(body["status"], "ready", "{kind} {id}: {body}");
}

async fn get(client: &reqwest::Client, url: &str) -> (u16, Value) {
    let response = client.get(url).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn used(client: &reqwest::Client, base: &str) -> i64 {
    let (_, usage) = get(client, &format!("{base}/api/v1/usage")).await;
    usage["annual_usage_count"].as_i64().unwrap()
}

fn job_text() -> String {
    std::fs::read_to_string(repo_root().join("examples/job.txt")).unwrap()
}

async fn database(dir: &Path) -> sqlx::SqlitePool {
    let url = format!("sqlite://{}/layer1.db", dir.display());
    sqlx::SqlitePool::connect(&url).await.unwrap()
}

/// Waits until the background indexer has stored `count` rows in `table`.
async fn wait_rows(pool: &sqlx::SqlitePool, table: &str, count: i64) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let (rows,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .fetch_one(pool)
            .await
            .unwrap();
        if rows >= count {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{table} has {rows} rows, not {count}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn scores(ranking: &Value) -> Vec<f64> {
    ranking["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect()
}

#[tokio::test]
async fn ranking_orders_resumes_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    let strong = upload_resume(&client, &base, "strong.txt", STRONG.into()).await;
    let weak = upload_resume(&client, &base, "weak.txt", WEAK.into()).await;
    let pdf = std::fs::read(repo_root().join("examples/resume.pdf")).unwrap();
    let example = upload_resume(&client, &base, "resume.pdf", pdf).await;
    let job = create_job(&client, &base, &job_text()).await;
    for id in [&strong, &weak, &example] {
        wait_ready(&client, &base, "resumes", id).await;
    }
    wait_ready(&client, &base, "jobs", &job).await;

    // Vectors are stored when a document is parsed, before any ranking request reads them.
    let pool = database(dir.path()).await;
    wait_rows(&pool, "resume_vectors", 3).await;
    wait_rows(&pool, "job_vectors", 1).await;
    let (dimension, profile): (i64, Vec<u8>) =
        sqlx::query_as("SELECT dimension, profile FROM resume_vectors WHERE resume_id = ?1")
            .bind(&strong)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(dimension, 384);
    assert_eq!(profile.len(), 384 * 4);
    let norm: f32 = profile
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]).powi(2))
        .sum::<f32>()
        .sqrt();
    assert!((norm - 1.0).abs() < 1e-4, "profile norm {norm}");
    let (skill_vectors,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM resume_skill_vectors WHERE resume_id = ?1")
            .bind(&strong)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(skill_vectors >= 8, "{skill_vectors} skill vectors");

    let before = used(&client, &base).await;
    let url = format!("{base}/api/v1/jobs/{job}/ranked-resumes");
    let (status, ranking) = get(&client, &format!("{url}?k=3")).await;
    assert_eq!(status, 200, "{ranking}");
    assert_eq!(ranking["anchor_id"], job.as_str());
    assert_eq!(ranking["scanned"], 3);
    assert_eq!(ranking["unindexed"], 0);
    let ids: Vec<&str> = ranking["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3);
    let scores = scores(&ranking);
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let position = |id: &str| ids.iter().position(|x| *x == id).unwrap();
    assert!(position(&strong) < position(&weak), "{ranking}");
    assert_eq!(ids[2], weak.as_str(), "{ranking}");
    let top = &ranking["results"][0];
    assert!(
        top["breakdown"]["hard_skills"]["score"].as_f64().unwrap() > 0.5,
        "{top}"
    );
    assert!(!top["requirements"].as_array().unwrap().is_empty());
    let similarity = top["profile_similarity"].as_f64().unwrap();
    assert!((-1.0..=1.0).contains(&similarity), "{similarity}");

    let (status, default_k) = get(&client, &url).await;
    assert_eq!(status, 200);
    assert_eq!(default_k["k"], 10);
    let (status, one) = get(&client, &format!("{url}?k=1")).await;
    assert_eq!(status, 200);
    assert_eq!(one["results"].as_array().unwrap().len(), 1);
    assert_eq!(one["results"][0]["id"], ids[0]);

    // The other direction scores the same pair with the same number.
    let (status, jobs) = get(
        &client,
        &format!("{base}/api/v1/resumes/{strong}/ranked-jobs?k=5"),
    )
    .await;
    assert_eq!(status, 200, "{jobs}");
    assert_eq!(jobs["results"].as_array().unwrap().len(), 1);
    assert_eq!(jobs["results"][0]["id"], job.as_str());
    let strong_score = ranking["results"][position(&strong)]["score"]
        .as_f64()
        .unwrap();
    assert_eq!(jobs["results"][0]["score"].as_f64().unwrap(), strong_score);

    assert_eq!(used(&client, &base).await, before + 4);

    // A match request on the same pair, scored by the worker, gives the ranking's score.
    let response = client
        .post(format!("{base}/api/v1/matches"))
        .json(&json!({ "resumeId": strong, "jobId": job }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let queued: Value = response.json().await.unwrap();
    let url = format!("{base}/api/v1/matches/{}", queued["id"].as_str().unwrap());
    let matched = poll_status(&client, &url, &["completed", "failed"]).await;
    assert_eq!(matched["status"], "completed", "{matched}");
    assert_eq!(matched["match"]["score"].as_f64().unwrap(), strong_score);

    // Ready documents whose vectors are not stored yet (ranked before the indexer ran) are
    // indexed by the request, the anchor included.
    for table in [
        "requirement_vectors",
        "job_vectors",
        "resume_skill_vectors",
        "resume_vectors",
    ] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
            .execute(&pool)
            .await
            .unwrap();
    }
    let url = format!("{base}/api/v1/jobs/{job}/ranked-resumes?k=3");
    let (status, again) = get(&client, &url).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["scanned"], 3);
    assert_eq!(again["unindexed"], 0);
    let again_ids: Vec<&str> = again["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(again_ids, ids, "{again}");
    server.shutdown().await;
}

#[tokio::test]
async fn ranking_validates_before_quota() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &["--annual-limit", "1"]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let job = create_job(&client, &base, "We need Rust and PostgreSQL.").await;
    let resume = upload_resume(&client, &base, "r.txt", STRONG.into()).await;
    wait_ready(&client, &base, "jobs", &job).await;
    wait_ready(&client, &base, "resumes", &resume).await;
    let url = format!("{base}/api/v1/jobs/{job}/ranked-resumes");

    for k in ["0", "101", "ten"] {
        let (status, body) = get(&client, &format!("{url}?k={k}")).await;
        assert_eq!(status, 400, "k={k}: {body}");
        assert_eq!(body["error"], "invalid_query");
    }
    let missing = uuid_like();
    for path in [
        format!("jobs/{missing}/ranked-resumes"),
        format!("resumes/{missing}/ranked-jobs"),
        "jobs/not-a-uuid/ranked-resumes".to_string(),
    ] {
        let (status, body) = get(&client, &format!("{base}/api/v1/{path}")).await;
        assert_eq!(status, 404, "{path}: {body}");
        assert_eq!(body["error"], "not_found");
    }
    assert_eq!(used(&client, &base).await, 0);

    let (_, document) = get(&client, &format!("{base}/openapi.json")).await;
    for path in [
        "/api/v1/jobs/{id}/ranked-resumes",
        "/api/v1/resumes/{id}/ranked-jobs",
    ] {
        let operation = &document["paths"][path]["get"];
        assert!(
            operation["responses"]["402"].is_object(),
            "{path}: {operation}"
        );
    }

    let (status, _) = get(&client, &url).await;
    assert_eq!(status, 200);
    let (status, body) = get(&client, &url).await;
    assert_eq!(status, 402, "{body}");
    assert_eq!(body["error"], "upgrade_required");
    // Pro users (the header counts only with authentication disabled) are not limited.
    let response = client
        .get(&url)
        .header("x-pro-member", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(used(&client, &base).await, 1);
    server.shutdown().await;
}

fn uuid_like() -> String {
    "0b5c1a52-6f2e-4f7a-9d37-3c1f0e4b2a19".to_string()
}

#[tokio::test]
async fn ranking_hides_other_users_documents() {
    let key = SigningKey::generate("key-1");
    let jwks = JwksServer::start(&[&key]).await;
    let dir = tempfile::tempdir().unwrap();
    let server = layer1::server::start(auth_settings(dir.path(), &jwks, &[]))
        .await
        .unwrap();
    let base = base_url(&server);
    let alice = client_with_token(&key.sign(&jwks.claims("auth0|alice", 600)));
    let bob = client_with_token(&key.sign(&jwks.claims("auth0|bob", 600)));

    let alice_job = create_job(&alice, &base, &job_text()).await;
    let alice_resume = upload_resume(&alice, &base, "a.txt", STRONG.into()).await;
    let bob_job = create_job(&bob, &base, &job_text()).await;
    let bob_resume = upload_resume(&bob, &base, "b.txt", WEAK.into()).await;
    for (client, kind, id) in [
        (&alice, "jobs", &alice_job),
        (&alice, "resumes", &alice_resume),
        (&bob, "jobs", &bob_job),
        (&bob, "resumes", &bob_resume),
    ] {
        wait_ready(client, &base, kind, id).await;
    }

    for path in [
        format!("jobs/{alice_job}/ranked-resumes"),
        format!("resumes/{alice_resume}/ranked-jobs"),
    ] {
        let (status, body) = get(&bob, &format!("{base}/api/v1/{path}")).await;
        assert_eq!(status, 404, "{path}: {body}");
        assert_eq!(body["error"], "not_found");
    }
    let (status, ranking) = get(
        &bob,
        &format!("{base}/api/v1/jobs/{bob_job}/ranked-resumes"),
    )
    .await;
    assert_eq!(status, 200, "{ranking}");
    assert_eq!(ranking["scanned"], 1);
    assert_eq!(ranking["results"][0]["id"], bob_resume.as_str());
    server.shutdown().await;
}

/// Returns a free port of 127.0.0.1 (bound, read and released).
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Kills the child process when dropped, so a failed assertion leaves no server behind.
struct ChildServer(Child);

impl Drop for ChildServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn_layer1(data_dir: &Path, port: u16) -> ChildServer {
    let child = Command::new(env!("CARGO_BIN_EXE_layer1"))
        .current_dir(data_dir)
        .args(["serve", "--bind", "127.0.0.1", "--port", &port.to_string()])
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--model-dir")
        .arg(model_dir())
        .args(["--auth-disabled", "true", "--compat-port", "off"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    ChildServer(child)
}

async fn wait_healthy(client: &reqwest::Client, base: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while client.get(format!("{base}/health")).send().await.is_err() {
        assert!(Instant::now() < deadline, "{base} did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Reads a counter of the Prometheus text, 0 when absent.
fn counter(metrics: &str, name: &str, labels: &str) -> f64 {
    metrics
        .lines()
        .filter(|line| line.starts_with(name) && line.contains(labels))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

#[tokio::test]
async fn embedding_cache_serves_second_process() {
    let dir = tempfile::tempdir().unwrap();
    let body = json!({
        "candidate_skills": [{"skill": "Quantum Basket Weaving"}, {"skill": "Zeppelin Piloting"}],
        "requirements": [{"skill": "Competitive Origami", "importance": 0.9}],
    });

    let first = start_server(dir.path(), &[]).await;
    let response = reqwest::Client::new()
        .post(format!("{}/match", base_url(&first)))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let expected: Value = response.json().await.unwrap();
    first.shutdown().await;

    let pool = database(dir.path()).await;
    let stored: Vec<(String,)> = sqlx::query_as("SELECT text FROM embedding_cache ORDER BY text")
        .fetch_all(&pool)
        .await
        .unwrap();
    let stored: Vec<&str> = stored.iter().map(|(t,)| t.as_str()).collect();
    for text in [
        "competitive origami",
        "quantum basket weaving",
        "zeppelin piloting",
    ] {
        assert!(stored.contains(&text), "{text} not in {stored:?}");
    }

    let port = free_port();
    let _second = spawn_layer1(dir.path(), port);
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    wait_healthy(&client, &base).await;
    let response = client
        .post(format!("{base}/match"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let again: Value = response.json().await.unwrap();
    assert_eq!(again, expected);

    let metrics = client
        .get(format!("{base}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let name = "layer1_embedding_cache_lookups_total";
    let hits = counter(&metrics, name, "outcome=\"hit\"");
    let misses = counter(&metrics, name, "outcome=\"miss\"");
    assert!(hits >= 3.0, "database hits {hits}:\n{metrics}");
    assert_eq!(misses, 0.0, "texts sent to the model:\n{metrics}");
}

#[tokio::test]
async fn models_warm_keeps_current_file() {
    let run = || {
        let output = Command::new(env!("CARGO_BIN_EXE_layer1"))
            .args(["models", "warm", "--model-dir"])
            .arg(model_dir())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let first = run();
    assert!(
        first.starts_with("wrote") || first.contains("is current"),
        "{first}"
    );
    let second = run();
    assert!(second.contains("is current"), "{second}");

    let path = second.split(" is current").next().unwrap();
    let file_name = std::path::Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy();
    assert!(
        file_name.starts_with("taxonomy-vectors-onnx-sha256-"),
        "{path}"
    );
    let header = layer1::vectors::taxonomy::read_header(std::path::Path::new(path)).unwrap();
    let texts =
        layer1::vectors::taxonomy::taxonomy_texts(&layer1_engine::skills::Taxonomy::builtin());
    assert_eq!(header.count, texts.len());
    assert_eq!(
        header.taxonomy_hash,
        layer1::vectors::taxonomy::taxonomy_hash(&texts)
    );
    assert!(header.model_id.starts_with("onnx-"), "{}", header.model_id);
    assert_eq!(header.dimension, 384);
}
