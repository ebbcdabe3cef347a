//! The PostgreSQL job queue (apalis-postgres) with a real server: every queue end to end
//! through `serve` on PostgreSQL, replayed jobs, queue depths, and a worker that dies while it
//! holds a job.
//!
//! Each test creates a fresh database through `TEST_DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`) and drops it at the end. Without PostgreSQL
//! the tests print `skipped: ...` and pass.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use layer1::analysis::AnalysisBackend;
use layer1::blob::LocalBlobStore;
use layer1::config::ServeSettings;
use layer1::events::EventBus;
use layer1::fallback::PythonWorker;
use layer1::jobs::{JobQueue, QueueKind, WorkerDeps, run_workers};
use layer1::nlp::NlpRuntime;
use layer1::store::postgres::PostgresStore;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use sqlx::PgPool;
use support::{base_url, poll_status, repo_root, settings, start_server};
use tokio::sync::oneshot;
use uuid::Uuid;

fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

/// A database created for one test and dropped at its end.
struct TestDatabase {
    admin: PgPool,
    name: String,
    url: String,
    pool: PgPool,
}

impl TestDatabase {
    /// Creates the database, or prints the skip line and returns `None` without PostgreSQL.
    async fn create() -> Option<Self> {
        let admin_url = admin_url();
        let connect = sqlx::postgres::PgPoolOptions::new()
            .max_connections(2)
            .connect(&admin_url);
        let admin = match tokio::time::timeout(Duration::from_secs(3), connect).await {
            Ok(Ok(pool)) => pool,
            _ => {
                support::report_skip(&format!("no PostgreSQL at {admin_url}"));
                return None;
            }
        };
        let name = format!("layer1_queue_{}", Uuid::new_v4().simple());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .unwrap();
        let base = admin_url.rsplit_once('/').unwrap().0;
        let url = format!("{base}/{name}");
        let pool = PgPool::connect(&url).await.unwrap();
        Some(Self {
            admin,
            name,
            url,
            pool,
        })
    }

    async fn drop_database(self) {
        self.pool.close().await;
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        let _ = sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&self.admin)
            .await;
    }

    fn args(&self) -> [&str; 2] {
        ["--database-url", &self.url]
    }

    /// Jobs per queue in `status`, read from the queue table.
    async fn jobs_in(&self, queue: &str, status: &str) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM apalis.jobs WHERE job_type = $1 AND status = $2")
            .bind(queue)
            .bind(status)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    async fn wait_for_done(&self, queue: &str, expected: i64) {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let done = self.jobs_in(queue, "Done").await;
            if done == expected {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{queue}: {done} jobs done after 120 s, expected {expected}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn count(&self, sql: &'static str, id: &str) -> i64 {
        sqlx::query_scalar(sql)
            .bind(id.parse::<Uuid>().unwrap())
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }
}

/// Worker dependencies on the PostgreSQL store of `database` with `analysis`.
async fn deps_with(
    database: &TestDatabase,
    settings: &ServeSettings,
    analysis: AnalysisBackend,
) -> WorkerDeps {
    let store = PostgresStore::connect(&database.url, 4).await.unwrap();
    let blobs = LocalBlobStore::new(settings.storage.blob_dir()).unwrap();
    WorkerDeps {
        store: Arc::new(store),
        blobs: Arc::new(blobs),
        analysis,
        events: EventBus::default(),
        match_options: settings.nlp.match_options(),
    }
}

fn spawn_workers(
    queue: JobQueue,
    deps: WorkerDeps,
    settings: &ServeSettings,
) -> (
    oneshot::Sender<()>,
    tokio::task::JoinHandle<anyhow::Result<()>>,
) {
    let (stop, stopped) = oneshot::channel::<()>();
    let signal = async move {
        let _ = stopped.await;
    };
    let handle = tokio::spawn(run_workers(queue, deps, settings.worker.clone(), signal));
    (stop, handle)
}

async fn upload_resume(client: &reqwest::Client, base: &str) -> String {
    let pdf = std::fs::read(repo_root().join("examples/resume.pdf")).unwrap();
    let form = Form::new().part("file", Part::bytes(pdf).file_name("resume.pdf"));
    let response = client
        .post(format!("{base}/api/v1/resumes"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert!(status.is_success(), "resume upload: {status} {body}");
    body["id"].as_str().unwrap().to_string()
}

async fn create_job(client: &reqwest::Client, base: &str) -> String {
    let text = std::fs::read_to_string(repo_root().join("examples/job.txt")).unwrap();
    let response = client
        .post(format!("{base}/api/v1/jobs"))
        .json(&json!({ "title": "Backend Engineer", "text": text }))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert!(status.is_success(), "job creation: {status} {body}");
    body["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn serve_runs_and_replays_every_queue_on_postgres() {
    let Some(database) = TestDatabase::create().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &database.args()).await;
    let client = reqwest::Client::new();
    let base = base_url(&server);

    let resume_id = upload_resume(&client, &base).await;
    let job_id = create_job(&client, &base).await;
    for url in [
        format!("{base}/api/v1/resumes/{resume_id}"),
        format!("{base}/api/v1/jobs/{job_id}"),
    ] {
        let item = poll_status(&client, &url, &["ready", "error"]).await;
        assert_eq!(item["status"], "ready", "{item}");
    }
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
        &client,
        &format!("{base}/api/v1/matches/{match_id}"),
        &["completed", "failed"],
    )
    .await;
    assert_eq!(first["status"], "completed", "{first}");
    for queue in ["parse_resume", "parse_job", "compute_match"] {
        database.wait_for_done(queue, 1).await;
    }

    let skills_sql = "SELECT COUNT(*) FROM candidate_skills WHERE resume_id = $1";
    let requirements_sql = "SELECT COUNT(*) FROM requirements WHERE job_id = $1";
    let results_sql = "SELECT COUNT(*) FROM matches WHERE resume_id = $1";
    let skills = database.count(skills_sql, &resume_id).await;
    let requirements = database.count(requirements_sql, &job_id).await;
    assert!(skills > 0);
    assert!(requirements > 0);

    // Deliver every job again on items left in progress, as a worker that died after writing
    // its rows leaves them.
    for (sql, id) in [
        (
            "UPDATE resumes SET status = 'processing' WHERE id = $1",
            &resume_id,
        ),
        (
            "UPDATE job_descriptions SET status = 'processing' WHERE id = $1",
            &job_id,
        ),
        (
            "UPDATE match_jobs SET status = 'running' WHERE id = $1",
            &match_id,
        ),
    ] {
        sqlx::query(sql)
            .bind(id.parse::<Uuid>().unwrap())
            .execute(&database.pool)
            .await
            .unwrap();
    }
    let settings = settings(dir.path(), &database.args());
    let queue = JobQueue::setup_postgres(&database.pool, &settings.worker)
        .await
        .unwrap();
    assert_eq!(queue.kind(), QueueKind::Postgres);
    queue
        .parse_resume(resume_id.parse().unwrap())
        .await
        .unwrap();
    queue.parse_job(job_id.parse().unwrap()).await.unwrap();
    database.wait_for_done("parse_resume", 2).await;
    database.wait_for_done("parse_job", 2).await;
    queue
        .compute_match(match_id.parse().unwrap())
        .await
        .unwrap();
    database.wait_for_done("compute_match", 2).await;

    assert_eq!(database.count(skills_sql, &resume_id).await, skills);
    assert_eq!(
        database.count(requirements_sql, &job_id).await,
        requirements
    );
    assert_eq!(database.count(results_sql, &resume_id).await, 1);
    let second = poll_status(
        &client,
        &format!("{base}/api/v1/matches/{match_id}"),
        &["completed"],
    )
    .await;
    assert_eq!(second["match"]["score"], first["match"]["score"]);
    server.shutdown().await;
    database.drop_database().await;
}

#[tokio::test]
async fn postgres_depths_follow_pushes_and_work() {
    let Some(database) = TestDatabase::create().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path(), &database.args());
    let queue = JobQueue::setup_postgres(&database.pool, &settings.worker)
        .await
        .unwrap();
    let zero: Vec<u64> = queue
        .waiting_by_queue()
        .await
        .unwrap()
        .into_iter()
        .map(|(_, depth)| depth)
        .collect();
    assert_eq!(zero, vec![0, 0, 0]);

    // Ids without rows: the workers find nothing to do and finish each job.
    for _ in 0..3 {
        queue.parse_resume(Uuid::new_v4()).await.unwrap();
    }
    for _ in 0..2 {
        queue.parse_job(Uuid::new_v4()).await.unwrap();
    }
    queue.compute_match(Uuid::new_v4()).await.unwrap();
    assert_eq!(
        queue.waiting_by_queue().await.unwrap(),
        vec![
            ("parse_resume".to_string(), 3),
            ("parse_job".to_string(), 2),
            ("compute_match".to_string(), 1),
        ]
    );
    let mut counts: Vec<(String, String, i64)> = queue
        .job_counts()
        .await
        .unwrap()
        .into_iter()
        .map(|count| (count.queue, count.status, count.jobs))
        .collect();
    counts.sort();
    assert_eq!(
        counts,
        vec![
            ("compute_match".to_string(), "Pending".to_string(), 1),
            ("parse_job".to_string(), "Pending".to_string(), 2),
            ("parse_resume".to_string(), "Pending".to_string(), 3),
        ]
    );

    let nlp = NlpRuntime::load(&settings.nlp);
    let deps = deps_with(&database, &settings, AnalysisBackend::Native(nlp, None)).await;
    let (stop, workers) = spawn_workers(queue.clone(), deps, &settings);
    database.wait_for_done("parse_resume", 3).await;
    database.wait_for_done("parse_job", 2).await;
    database.wait_for_done("compute_match", 1).await;
    assert_eq!(queue.waiting("parse_resume").await.unwrap(), 0);
    assert_eq!(queue.waiting("compute_match").await.unwrap(), 0);
    stop.send(()).unwrap();
    workers.await.unwrap().unwrap();
    database.drop_database().await;
}

/// A TCP server that accepts connections and never responds, so a worker calling it holds its
/// job. Sends once on the returned channel when the first connection arrives.
async fn silent_server() -> (String, oneshot::Receiver<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (connected, on_connect) = oneshot::channel();
    tokio::spawn(async move {
        let mut connected = Some(connected);
        let mut open = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            open.push(stream);
            if let Some(connected) = connected.take() {
                let _ = connected.send(());
            }
        }
    });
    (url, on_connect)
}

#[tokio::test]
async fn aborted_worker_job_goes_to_another_worker() {
    let Some(database) = TestDatabase::create().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut api_args = vec!["--no-workers"];
    api_args.extend(database.args());
    let api = start_server(dir.path(), &api_args).await;
    let client = reqwest::Client::new();
    let base = base_url(&api);

    // The first worker sends the resume to an engine that never responds, so it keeps the job running.
    let (silent_url, connected) = silent_server().await;
    let python_args = ["--engine", "python", "--python-service-url", &silent_url];
    let python_settings = settings(dir.path(), &python_args);
    let python = PythonWorker::new(&python_settings.fallback).unwrap();
    let settings = settings(dir.path(), &database.args());
    let queue = JobQueue::setup_postgres(&database.pool, &settings.worker)
        .await
        .unwrap();
    let deps = deps_with(&database, &settings, AnalysisBackend::Python(python)).await;
    let (_stop_first, first) = spawn_workers(queue.clone(), deps, &settings);
    let resume_id = upload_resume(&client, &base).await;
    let held = tokio::time::timeout(Duration::from_secs(60), connected).await;
    assert!(
        matches!(held, Ok(Ok(()))),
        "the worker never called the engine"
    );
    assert_eq!(database.jobs_in("parse_resume", "Running").await, 1);
    let running: Vec<_> = queue
        .job_counts()
        .await
        .unwrap()
        .into_iter()
        .filter(|count| count.status == "Running")
        .map(|count| (count.queue, count.jobs))
        .collect();
    assert_eq!(running, vec![("parse_resume".to_string(), 1)]);

    // The worker dies without handing the job back: its heartbeats stop.
    first.abort();
    assert!(first.await.unwrap_err().is_cancelled());

    let nlp = NlpRuntime::load(&settings.nlp);
    let deps = deps_with(&database, &settings, AnalysisBackend::Native(nlp, None)).await;
    let (stop, second) = spawn_workers(queue, deps, &settings);
    let resume = poll_status(
        &client,
        &format!("{base}/api/v1/resumes/{resume_id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(resume["status"], "ready", "{resume}");
    stop.send(()).unwrap();
    second.await.unwrap().unwrap();
    api.shutdown().await;
    database.drop_database().await;
}
