//! The Redis job queue (apalis-redis) with real servers: every queue end to end through
//! `serve`, replayed jobs, queue depths, a `layer1 worker` killed while it runs a job, a Redis
//! restart under running workers, and a worker stopped with SIGTERM.
//!
//! Uses Redis at `TEST_REDIS_URL` (default `redis://127.0.0.1:6379`) with a key prefix of its
//! own per test; the restart test starts its own `redis-server` on a free port. A test whose
//! Redis is absent prints `skipped: ...` and passes.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use layer1::analysis::AnalysisBackend;
use layer1::blob::LocalBlobStore;
use layer1::config::ServeSettings;
use layer1::events::EventBus;
use layer1::jobs::{JobQueue, QueueKind, WorkerDeps, run_workers};
use layer1::nlp::NlpRuntime;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use support::{base_url, poll_status, repo_root, settings, start_server};
use tokio::sync::oneshot;
use uuid::Uuid;

fn redis_url() -> String {
    std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".to_string())
}

async fn redis_available(url: &str) -> bool {
    let Ok(client) = redis::Client::open(url) else {
        return false;
    };
    let connect = client.get_multiplexed_async_connection();
    match tokio::time::timeout(Duration::from_secs(2), connect).await {
        Ok(Ok(mut connection)) => redis::cmd("PING")
            .query_async::<String>(&mut connection)
            .await
            .is_ok(),
        _ => false,
    }
}

/// Returns the Redis URL, or `None` after printing the skip line.
async fn redis_or_skip() -> Option<String> {
    let url = redis_url();
    if redis_available(&url).await {
        Some(url)
    } else {
        support::report_skip(&format!("no Redis at {url}"));
        None
    }
}

fn new_prefix() -> String {
    format!("layer1-test-{}", Uuid::new_v4().simple())
}

fn redis_args<'a>(url: &'a str, prefix: &'a str) -> [&'a str; 4] {
    ["--redis-url", url, "--redis-key-prefix", prefix]
}

async fn redis_connection(url: &str) -> redis::aio::MultiplexedConnection {
    redis::Client::open(url)
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap()
}

/// Deletes the keys of one test's prefix.
async fn delete_keys(url: &str, prefix: &str) {
    let mut connection = redis_connection(url).await;
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg(format!("{prefix}:*"))
        .query_async(&mut connection)
        .await
        .unwrap();
    if !keys.is_empty() {
        redis::cmd("DEL")
            .arg(keys)
            .query_async::<i64>(&mut connection)
            .await
            .unwrap();
    }
}

/// Returns the size of the sorted set or set `key` (`command` is `ZCARD` or `SCARD`).
async fn cardinality(url: &str, command: &str, key: &str) -> i64 {
    let mut connection = redis_connection(url).await;
    redis::cmd(command)
        .arg(key)
        .query_async(&mut connection)
        .await
        .unwrap()
}

/// Waits until the finished-job set `key` contains `expected` members.
async fn wait_for_done(url: &str, key: &str, expected: i64) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let found = cardinality(url, "SCARD", key).await;
        if found == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{key} contains {found} members after 120 s, expected {expected}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Worker dependencies on the SQLite store of `settings`, with the native engine.
async fn native_deps(settings: &ServeSettings) -> WorkerDeps {
    let store = layer1::server::open_database(&settings.storage)
        .await
        .unwrap();
    let blobs = LocalBlobStore::new(settings.storage.blob_dir()).unwrap();
    WorkerDeps {
        store: Arc::new(store),
        blobs: Arc::new(blobs),
        analysis: AnalysisBackend::Native(NlpRuntime::load(&settings.nlp), None),
        events: EventBus::default(),
        match_options: settings.nlp.match_options(),
    }
}

/// Starts `run_workers` in the background; sending on the returned channel stops it.
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
    assert!(
        response.status().is_success(),
        "resume upload: {}",
        response.status()
    );
    let created: Value = response.json().await.unwrap();
    created["id"].as_str().unwrap().to_string()
}

async fn create_job(client: &reqwest::Client, base: &str) -> String {
    let text = std::fs::read_to_string(repo_root().join("examples/job.txt")).unwrap();
    let response = client
        .post(format!("{base}/api/v1/jobs"))
        .json(&json!({ "title": "Backend Engineer", "text": text }))
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "job creation: {}",
        response.status()
    );
    let created: Value = response.json().await.unwrap();
    created["id"].as_str().unwrap().to_string()
}

/// Ids of a parsed resume, a parsed job and a completed match.
struct Finished {
    resume_id: String,
    job_id: String,
    match_id: String,
    score: Value,
}

/// Uploads a resume and a job, waits for both to be parsed, and runs a match to completion.
async fn run_every_queue(client: &reqwest::Client, base: &str) -> Finished {
    let resume_id = upload_resume(client, base).await;
    let job_id = create_job(client, base).await;
    let resume = poll_status(
        client,
        &format!("{base}/api/v1/resumes/{resume_id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(resume["status"], "ready", "{resume}");
    let job = poll_status(
        client,
        &format!("{base}/api/v1/jobs/{job_id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(job["status"], "ready", "{job}");
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
    let finished = poll_status(
        client,
        &format!("{base}/api/v1/matches/{match_id}"),
        &["completed", "failed"],
    )
    .await;
    assert_eq!(finished["status"], "completed", "{finished}");
    Finished {
        resume_id,
        job_id,
        match_id,
        score: finished["match"]["score"].clone(),
    }
}

#[tokio::test]
async fn serve_runs_every_queue_on_redis() {
    let Some(url) = redis_or_skip().await else {
        return;
    };
    let prefix = new_prefix();
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &redis_args(&url, &prefix)).await;
    let client = reqwest::Client::new();
    let base = base_url(&server);

    let finished = run_every_queue(&client, &base).await;
    assert!(finished.score.is_number(), "{}", finished.score);

    // Each job went through Redis: one finished task per queue under this test's prefix.
    for queue in ["parse_resume", "parse_job", "compute_match"] {
        wait_for_done(&url, &format!("{prefix}:{queue}:done"), 1).await;
    }
    let metrics = client
        .get(format!("{base}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains(r#"layer1_queue_jobs{queue="parse_resume",status="Done"} 1"#),
        "{metrics}"
    );
    assert!(
        metrics.contains(r#"layer1_queue_depth{queue="compute_match"} 0"#),
        "{metrics}"
    );
    server.shutdown().await;
    delete_keys(&url, &prefix).await;
}

#[tokio::test]
async fn replayed_jobs_leave_same_rows_on_redis() {
    let Some(url) = redis_or_skip().await else {
        return;
    };
    let prefix = new_prefix();
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &redis_args(&url, &prefix)).await;
    let client = reqwest::Client::new();
    let base = base_url(&server);
    let first = run_every_queue(&client, &base).await;

    let settings = settings(dir.path(), &redis_args(&url, &prefix));
    let pool = layer1::server::open_database(&settings.storage)
        .await
        .unwrap()
        .pool()
        .clone();
    let count = |sql: &'static str, id: String| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let skills_sql = "SELECT COUNT(*) FROM candidate_skills WHERE resume_id = ?1";
    let requirements_sql = "SELECT COUNT(*) FROM requirements WHERE job_id = ?1";
    let results_sql = "SELECT COUNT(*) FROM matches WHERE resume_id = ?1";
    let skills = count(skills_sql, first.resume_id.clone()).await;
    let requirements = count(requirements_sql, first.job_id.clone()).await;
    assert!(skills > 0);
    assert!(requirements > 0);

    // Deliver every job again, on items left in progress as a worker that died after writing
    // its rows leaves them.
    for (sql, id) in [
        (
            "UPDATE resumes SET status = 'processing' WHERE id = ?1",
            &first.resume_id,
        ),
        (
            "UPDATE job_descriptions SET status = 'processing' WHERE id = ?1",
            &first.job_id,
        ),
        (
            "UPDATE match_jobs SET status = 'running' WHERE id = ?1",
            &first.match_id,
        ),
    ] {
        sqlx::query(sql).bind(id).execute(&pool).await.unwrap();
    }
    let queue = JobQueue::connect_redis(&url, &prefix, &settings.worker)
        .await
        .unwrap();
    assert_eq!(queue.kind(), QueueKind::Redis);
    queue
        .parse_resume(first.resume_id.parse().unwrap())
        .await
        .unwrap();
    queue
        .parse_job(first.job_id.parse().unwrap())
        .await
        .unwrap();
    wait_for_done(&url, &format!("{prefix}:parse_resume:done"), 2).await;
    wait_for_done(&url, &format!("{prefix}:parse_job:done"), 2).await;
    queue
        .compute_match(first.match_id.parse().unwrap())
        .await
        .unwrap();
    wait_for_done(&url, &format!("{prefix}:compute_match:done"), 2).await;

    assert_eq!(count(skills_sql, first.resume_id.clone()).await, skills);
    assert_eq!(
        count(requirements_sql, first.job_id.clone()).await,
        requirements
    );
    assert_eq!(count(results_sql, first.resume_id.clone()).await, 1);
    let second = poll_status(
        &client,
        &format!("{base}/api/v1/matches/{}", first.match_id),
        &["completed"],
    )
    .await;
    assert_eq!(second["match"]["score"], first.score);
    server.shutdown().await;
    delete_keys(&url, &prefix).await;
}

#[tokio::test]
async fn redis_depths_follow_pushes_and_work() {
    let Some(url) = redis_or_skip().await else {
        return;
    };
    let prefix = new_prefix();
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path(), &redis_args(&url, &prefix));
    let queue = JobQueue::connect_redis(&url, &prefix, &settings.worker)
        .await
        .unwrap();

    let empty = queue.waiting_by_queue().await.unwrap();
    assert_eq!(
        empty,
        vec![
            ("parse_resume".to_string(), 0),
            ("parse_job".to_string(), 0),
            ("compute_match".to_string(), 0),
        ]
    );
    assert!(queue.job_counts().await.unwrap().is_empty());

    // Ids without rows: the workers find nothing to do and finish each job.
    for _ in 0..3 {
        queue.parse_resume(Uuid::new_v4()).await.unwrap();
    }
    for _ in 0..2 {
        queue.parse_job(Uuid::new_v4()).await.unwrap();
    }
    queue.compute_match(Uuid::new_v4()).await.unwrap();
    let waiting = queue.waiting_by_queue().await.unwrap();
    assert_eq!(
        waiting,
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

    let deps = native_deps(&settings).await;
    let (stop, workers) = spawn_workers(queue.clone(), deps, &settings);
    wait_for_done(&url, &format!("{prefix}:parse_resume:done"), 3).await;
    wait_for_done(&url, &format!("{prefix}:parse_job:done"), 2).await;
    wait_for_done(&url, &format!("{prefix}:compute_match:done"), 1).await;
    assert_eq!(queue.waiting("parse_resume").await.unwrap(), 0);
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
            ("compute_match".to_string(), "Done".to_string(), 1),
            ("parse_job".to_string(), "Done".to_string(), 2),
            ("parse_resume".to_string(), "Done".to_string(), 3),
        ]
    );
    stop.send(()).unwrap();
    workers.await.unwrap().unwrap();
    delete_keys(&url, &prefix).await;
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

/// A child process that is killed when dropped, so a failing test leaves no worker behind.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `layer1 worker` on the data directory `dir`, logging to `dir/worker.log`.
fn spawn_worker_process(dir: &Path, extra: &[&str]) -> KillOnDrop {
    let log = std::fs::File::create(dir.join("worker.log")).unwrap();
    let model_dir = support::model_dir();
    let mut command = Command::new(env!("CARGO_BIN_EXE_layer1"));
    command
        .arg("worker")
        .args(["--data-dir", &dir.display().to_string()])
        .args(["--model-dir", &model_dir.display().to_string()])
        .args(["--heartbeat-secs", "1"])
        .args(extra)
        .env_remove("REDIS_URL")
        .env_remove("DATABASE_URL")
        .env_remove("AZURE_SQL_SERVER")
        .stdout(Stdio::null())
        .stderr(log);
    KillOnDrop(command.spawn().unwrap())
}

fn worker_log(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("worker.log")).unwrap_or_default()
}

async fn resume_status(settings: &ServeSettings, id: &str) -> String {
    use layer1::store::ResumeStore;
    let store = layer1::server::open_database(&settings.storage)
        .await
        .unwrap();
    store
        .resume_by_id(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .status
}

#[tokio::test]
async fn killed_worker_process_job_goes_to_another_worker() {
    let Some(url) = redis_or_skip().await else {
        return;
    };
    let prefix = new_prefix();
    let dir = tempfile::tempdir().unwrap();
    let mut api_args = vec!["--no-workers"];
    api_args.extend(redis_args(&url, &prefix));
    let api = start_server(dir.path(), &api_args).await;
    let client = reqwest::Client::new();
    let base = base_url(&api);

    // The first worker sends the resume to an engine that never responds, so it keeps the job running.
    let (silent_url, connected) = silent_server().await;
    let mut worker_args = vec!["--engine", "python", "--python-service-url", &silent_url];
    worker_args.extend(redis_args(&url, &prefix));
    let mut worker = spawn_worker_process(dir.path(), &worker_args);
    let resume_id = upload_resume(&client, &base).await;
    let held = tokio::time::timeout(Duration::from_secs(60), connected).await;
    assert!(
        matches!(held, Ok(Ok(()))),
        "the worker never called the engine: {}",
        worker_log(dir.path())
    );

    let settings = settings(dir.path(), &redis_args(&url, &prefix));
    let queue = JobQueue::connect_redis(&url, &prefix, &settings.worker)
        .await
        .unwrap();
    let running: Vec<_> = queue
        .job_counts()
        .await
        .unwrap()
        .into_iter()
        .filter(|count| count.status == "Running")
        .map(|count| (count.queue, count.jobs))
        .collect();
    assert_eq!(running, vec![("parse_resume".to_string(), 1)]);
    assert_eq!(queue.waiting("parse_resume").await.unwrap(), 0);
    assert_eq!(resume_status(&settings, &resume_id).await, "processing");

    worker.0.kill().unwrap();
    worker.0.wait().unwrap();

    // A new worker queues the dead worker's job again once two heartbeats are missed.
    let deps = native_deps(&settings).await;
    let (stop, workers) = spawn_workers(queue, deps, &settings);
    let resume = poll_status(
        &client,
        &format!("{base}/api/v1/resumes/{resume_id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(resume["status"], "ready", "{resume}");
    stop.send(()).unwrap();
    workers.await.unwrap().unwrap();
    api.shutdown().await;
    delete_keys(&url, &prefix).await;
}

#[tokio::test]
async fn worker_process_hands_back_job_on_sigterm() {
    let Some(url) = redis_or_skip().await else {
        return;
    };
    let prefix = new_prefix();
    let dir = tempfile::tempdir().unwrap();
    let mut api_args = vec!["--no-workers"];
    api_args.extend(redis_args(&url, &prefix));
    let api = start_server(dir.path(), &api_args).await;
    let client = reqwest::Client::new();
    let base = base_url(&api);

    // The worker holds its job on an engine that never responds when SIGTERM arrives.
    let (silent_url, connected) = silent_server().await;
    let mut worker_args = vec!["--engine", "python", "--python-service-url", &silent_url];
    worker_args.extend(["--shutdown-timeout-secs", "2"]);
    worker_args.extend(redis_args(&url, &prefix));
    let mut worker = spawn_worker_process(dir.path(), &worker_args);
    let resume_id = upload_resume(&client, &base).await;
    let held = tokio::time::timeout(Duration::from_secs(60), connected).await;
    assert!(
        matches!(held, Ok(Ok(()))),
        "the worker never called the engine: {}",
        worker_log(dir.path())
    );

    let signalled = Instant::now();
    let status = Command::new("kill")
        .args(["-TERM", &worker.0.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = loop {
        if let Some(exit) = worker.0.try_wait().unwrap() {
            break exit;
        }
        assert!(
            signalled.elapsed() < Duration::from_secs(20),
            "worker still running 20 s after SIGTERM: {}",
            worker_log(dir.path())
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let log = worker_log(dir.path());
    assert!(exit.success(), "{exit}: {log}");
    assert!(log.contains("shutdown signal received"), "{log}");
    assert!(log.contains("workers stopped"), "{log}");
    // It waited for the job for the shutdown timeout, then gave up.
    assert!(signalled.elapsed() >= Duration::from_secs(2), "{log}");

    // The job it held goes to the next worker.
    let settings = settings(dir.path(), &redis_args(&url, &prefix));
    let queue = JobQueue::connect_redis(&url, &prefix, &settings.worker)
        .await
        .unwrap();
    let deps = native_deps(&settings).await;
    let (stop, workers) = spawn_workers(queue, deps, &settings);
    let resume = poll_status(
        &client,
        &format!("{base}/api/v1/resumes/{resume_id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(resume["status"], "ready", "{resume}");
    stop.send(()).unwrap();
    workers.await.unwrap().unwrap();
    api.shutdown().await;
    delete_keys(&url, &prefix).await;
}

/// A `redis-server` child on a fixed port, killed on drop.
struct OwnRedis {
    port: u16,
    child: Option<Child>,
}

impl OwnRedis {
    fn start(port: u16) -> Option<Self> {
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string()])
            .args(["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        Some(Self {
            port,
            child: Some(child),
        })
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    async fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !redis_available(&self.url()).await {
            assert!(Instant::now() < deadline, "redis-server did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        self.stop();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn wait_until_ready(client: &reqwest::Client, base: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let ready = client.get(format!("{base}/ready")).send().await;
        if ready.is_ok_and(|response| response.status() == 200) {
            return;
        }
        assert!(Instant::now() < deadline, "/ready not 200 after 30 s");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn workers_resume_after_redis_restart() {
    let port = free_port();
    let Some(mut redis) = OwnRedis::start(port) else {
        support::report_skip("redis-server could not be started");
        return;
    };
    redis.wait_ready().await;
    let url = redis.url();
    let prefix = new_prefix();
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &redis_args(&url, &prefix)).await;
    let client = reqwest::Client::new();
    let base = base_url(&server);

    let before = upload_resume(&client, &base).await;
    let resume = poll_status(
        &client,
        &format!("{base}/api/v1/resumes/{before}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(resume["status"], "ready", "{resume}");

    // Redis goes away with every key (no persistence) and comes back on the same port.
    redis.stop();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let ready = client.get(format!("{base}/ready")).send().await.unwrap();
    assert_eq!(ready.status(), 503, "/ready while Redis is down");
    let mut redis = OwnRedis::start(port).unwrap();
    redis.wait_ready().await;
    wait_until_ready(&client, &base).await;

    let after = upload_resume(&client, &base).await;
    let resume = poll_status(
        &client,
        &format!("{base}/api/v1/resumes/{after}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(resume["status"], "ready", "{resume}");
    server.shutdown().await;
    redis.stop();
}
