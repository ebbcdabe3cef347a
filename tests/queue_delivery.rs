//! Queue behaviour on the embedded SQLite queue: work queued before a restart is finished
//! after it, a job delivered twice leaves the same rows as one delivery and publishes the
//! final status again, and an idle worker starts a new job without waiting for a heartbeat.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use layer1::analysis::AnalysisBackend;
use layer1::blob::LocalBlobStore;
use layer1::events::{EventBus, EventKind};
use layer1::jobs::{JobQueue, WorkerDeps, run_workers};
use layer1::nlp::NlpRuntime;
use layer1::store::sqlite;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use sqlx::Row;
use support::{base_url, poll_status, repo_root, settings, start_server};

async fn wait_for_idle_queue(pool: &sqlx::SqlitePool) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let row = sqlx::query(
            "SELECT COUNT(*) AS open FROM Jobs WHERE status IN ('Pending', 'Queued', 'Running')",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        let open: i64 = row.get("open");
        if open == 0 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{open} jobs still open after 120 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn count(pool: &sqlx::SqlitePool, sql: &'static str, id: &str) -> i64 {
    sqlx::query(sql)
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
        .get(0)
}

#[tokio::test]
async fn work_queued_before_restart_finishes_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let client = reqwest::Client::new();

    // An API process without workers accepts the upload and stops.
    let api_only = start_server(dir.path(), &["--no-workers"]).await;
    let base = base_url(&api_only);
    let pdf = std::fs::read(repo_root().join("examples/resume.pdf")).unwrap();
    let form = Form::new().part("file", Part::bytes(pdf).file_name("resume.pdf"));
    let created: Value = client
        .post(format!("{base}/api/v1/resumes"))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    api_only.shutdown().await;

    // A new process with workers picks the queued job up.
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let resume = poll_status(
        &client,
        &format!("{base}/api/v1/resumes/{id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(resume["status"], "ready", "{resume}");
    server.shutdown().await;
}

/// Uploads the example resume and job, matches them, and returns the resume, job and match
/// ids with the completed match detail.
async fn completed_match(client: &reqwest::Client, base: &str) -> (String, String, String, Value) {
    let pdf = std::fs::read(repo_root().join("examples/resume.pdf")).unwrap();
    let form = Form::new().part("file", Part::bytes(pdf).file_name("resume.pdf"));
    let resume: Value = client
        .post(format!("{base}/api/v1/resumes"))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let resume_id = resume["id"].as_str().unwrap().to_string();
    let job_text = std::fs::read_to_string(repo_root().join("examples/job.txt")).unwrap();
    let job: Value = client
        .post(format!("{base}/api/v1/jobs"))
        .json(&json!({ "title": "Backend Engineer", "text": job_text }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let job_id = job["id"].as_str().unwrap().to_string();
    poll_status(
        client,
        &format!("{base}/api/v1/resumes/{resume_id}"),
        &["ready"],
    )
    .await;
    poll_status(client, &format!("{base}/api/v1/jobs/{job_id}"), &["ready"]).await;
    let created: Value = client
        .post(format!("{base}/api/v1/matches"))
        .json(&json!({ "resumeId": resume_id, "jobId": job_id }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let match_id = created["id"].as_str().unwrap().to_string();
    let first = poll_status(
        client,
        &format!("{base}/api/v1/matches/{match_id}"),
        &["completed"],
    )
    .await;

    (resume_id, job_id, match_id, first)
}

#[tokio::test]
async fn job_delivered_twice_leaves_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    let (resume_id, job_id, match_id, first) = completed_match(&client, &base).await;

    let url = format!("sqlite://{}/layer1.db", dir.path().display());
    let pool = sqlite::connect(&url).await.unwrap();
    let skills_sql = "SELECT COUNT(*) FROM candidate_skills WHERE resume_id = ?1";
    let requirements_sql = "SELECT COUNT(*) FROM requirements WHERE job_id = ?1";
    let results_sql = "SELECT COUNT(*) FROM matches WHERE resume_id = ?1";
    let skills_once = count(&pool, skills_sql, &resume_id).await;
    let requirements_once = count(&pool, requirements_sql, &job_id).await;
    assert!(skills_once > 0);
    assert!(requirements_once > 0);
    assert_eq!(count(&pool, results_sql, &resume_id).await, 1);

    // Deliver every job a second time: once on finished items, then on items left in
    // progress, as a worker that died after writing its rows leaves them.
    let worker_settings = settings(dir.path(), &[]).worker;
    let queue = JobQueue::setup(&pool, &worker_settings).await.unwrap();
    for in_progress in [false, true] {
        if in_progress {
            for (sql, id) in [
                (
                    "UPDATE resumes SET status = 'processing' WHERE id = ?1",
                    &resume_id,
                ),
                (
                    "UPDATE job_descriptions SET status = 'processing' WHERE id = ?1",
                    &job_id,
                ),
                (
                    "UPDATE match_jobs SET status = 'running' WHERE id = ?1",
                    &match_id,
                ),
            ] {
                sqlx::query(sql).bind(id).execute(&pool).await.unwrap();
            }
        }
        queue
            .parse_resume(resume_id.parse().unwrap())
            .await
            .unwrap();
        queue.parse_job(job_id.parse().unwrap()).await.unwrap();
        wait_for_idle_queue(&pool).await;
        queue
            .compute_match(match_id.parse().unwrap())
            .await
            .unwrap();
        wait_for_idle_queue(&pool).await;
    }

    assert_eq!(count(&pool, skills_sql, &resume_id).await, skills_once);
    assert_eq!(
        count(&pool, requirements_sql, &job_id).await,
        requirements_once
    );
    assert_eq!(count(&pool, results_sql, &resume_id).await, 1);
    let second = poll_status(
        &client,
        &format!("{base}/api/v1/matches/{match_id}"),
        &["completed"],
    )
    .await;
    assert_eq!(second["match"]["id"], first["match"]["id"]);
    assert_eq!(second["match"]["score"], first["match"]["score"]);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_worker_starts_new_job_before_its_next_heartbeat() {
    // With a heartbeat far longer than the wait below, only the idle poll can start the job.
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &["--heartbeat-secs", "60", "--poll-ms", "100"]).await;
    let client = reqwest::Client::new();
    let base = base_url(&server);
    tokio::time::sleep(Duration::from_millis(500)).await;

    for round in 0..3 {
        let posted = Instant::now();
        let created: Value = client
            .post(format!("{base}/api/v1/jobs"))
            .json(&json!({"title": "Data engineer", "text": "We need Python and SQL."}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let url = format!("{base}/api/v1/jobs/{}", created["id"].as_str().unwrap());
        let deadline = posted + Duration::from_secs(20);
        loop {
            let body: Value = client.get(&url).send().await.unwrap().json().await.unwrap();
            if body["status"] == "ready" {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "round {round}: job still {} 20 s after it was posted, with 60 s heartbeats",
                body["status"]
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    server.shutdown().await;
}

#[tokio::test]
async fn redelivered_finished_match_publishes_status_again() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    let (_, _, match_id, _) = completed_match(&client, &base_url(&server)).await;
    server.shutdown().await;

    // A worker that stored `completed` and died before publishing leaves the job queued: its
    // second delivery is the only chance for the clients to hear of the result.
    let settings = settings(dir.path(), &[]);
    let store = layer1::server::open_database(&settings.storage)
        .await
        .unwrap();
    let queue = JobQueue::setup(store.pool(), &settings.worker)
        .await
        .unwrap();
    let events = EventBus::default();
    let mut received = events.subscribe();
    let deps = WorkerDeps {
        store: Arc::new(store),
        blobs: Arc::new(LocalBlobStore::new(settings.storage.blob_dir()).unwrap()),
        analysis: AnalysisBackend::Native(NlpRuntime::load(&settings.nlp), None),
        events,
        match_options: settings.nlp.match_options(),
    };
    queue
        .compute_match(match_id.parse().unwrap())
        .await
        .unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let workers = tokio::spawn(run_workers(queue, deps, settings.worker.clone(), async {
        let _ = stopped.await;
    }));

    let event = tokio::time::timeout(Duration::from_secs(30), received.recv())
        .await
        .expect("no status event within 30 s of the redelivery")
        .unwrap();
    assert_eq!(event.kind, EventKind::Match);
    assert_eq!(event.id.to_string(), match_id);
    assert_eq!(event.status, "completed");
    assert_eq!(event.owner_sub, "dev|user");

    let _ = stop.send(());
    workers.await.unwrap().unwrap();
}
