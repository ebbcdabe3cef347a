//! Split deployment under load: two API processes (`layer1 serve --no-workers`) and two worker
//! processes (`layer1 worker`) of the real binary share one Redis queue (a redis-server the test
//! starts), one fresh PostgreSQL database and one S3 bucket (s3s in the test process). Resumes,
//! jobs and matches go to both API processes in turn, and one worker gets SIGKILL while matches
//! run. The test then checks every row in PostgreSQL, every object in the bucket and the
//! Socket.IO events received by a client of each API process.
//!
//! `MULTI_PROCESS_ITEMS` sets how many resumes, jobs and matches are submitted (200 each by
//! default). The test prints `skipped: ...` and passes when PostgreSQL at 127.0.0.1:5432,
//! redis-server, Node with `tests/js/node_modules` or the sentence model is missing.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

#[path = "support/s3.rs"]
mod s3;
mod support;

#[path = "multi_process/documents.rs"]
mod documents;
#[path = "multi_process/processes.rs"]
mod processes;

use std::collections::{BTreeSet, HashMap};
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use futures::{FutureExt, StreamExt};
use serde_json::{Value, json};
use sqlx::postgres::PgPoolOptions;
use sqlx::{AssertSqlSafe, PgPool};
use uuid::Uuid;

use documents::{docx, job_text, resume_lines};
use processes::{
    ADMIN_URL, Cluster, EventCollector, RedisServer, ServiceProcess, TestDatabase, is_final, js_dir,
};
use s3::S3Server;
use support::{model_dir, model_installed};

/// Bucket the API processes store uploads in.
const BUCKET: &str = "layer1-uploads";

/// Requests in flight at once while submitting.
const SUBMIT_CONCURRENCY: usize = 8;

/// Maximum wait for every resume and job to be parsed, and again for every match.
const PHASE_TIMEOUT: Duration = Duration::from_secs(150);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn split_processes_survive_killed_worker() {
    if let Some(reason) = missing_prerequisite().await {
        support::report_skip(&reason);
        return;
    }
    let items = item_count();
    let dir = tempfile::tempdir().unwrap();
    let redis = RedisServer::start(dir.path()).await;
    let database = TestDatabase::create().await;

    let outcome = AssertUnwindSafe(run_scenario(dir.path(), &redis, &database, items))
        .catch_unwind()
        .await;

    database.drop_best_effort().await;
    drop(redis);
    if let Err(panic) = outcome {
        // The process logs stay for the post-mortem.
        println!("logs kept in {}", dir.keep().display());
        std::panic::resume_unwind(panic);
    }
}

/// Returns why the test cannot run on this machine, if it cannot.
async fn missing_prerequisite() -> Option<String> {
    if !model_installed() {
        return Some(format!(
            "sentence model not installed in {} (run scripts/setup.sh)",
            model_dir().display()
        ));
    }
    if !command_succeeds("redis-server", &["--version"]) {
        return Some("redis-server not installed".to_string());
    }
    if !command_succeeds("node", &["--version"]) {
        return Some("node not installed".to_string());
    }
    if !js_dir().join("node_modules/socket.io-client").exists() {
        return Some("tests/js/node_modules missing (run `npm ci --prefix tests/js`)".to_string());
    }
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(3))
        .connect(ADMIN_URL)
        .await;
    match admin {
        Ok(pool) => {
            pool.close().await;
            None
        }
        Err(error) => Some(format!("PostgreSQL not reachable at {ADMIN_URL}: {error}")),
    }
}

fn command_succeeds(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|output| output.status.success())
}

/// Number of resumes, jobs and matches: `MULTI_PROCESS_ITEMS`, 200 by default.
fn item_count() -> usize {
    match std::env::var("MULTI_PROCESS_ITEMS") {
        Ok(value) => value
            .trim()
            .parse()
            .ok()
            .filter(|count| *count > 0)
            .unwrap_or_else(|| panic!("MULTI_PROCESS_ITEMS must be a positive integer: {value}")),
        Err(_) => 200,
    }
}

/// What the scenario submitted, by id.
struct Submitted {
    /// Resume id and the uploaded bytes.
    resumes: Vec<(Uuid, Vec<u8>)>,
    /// Job id and the uploaded bytes of jobs sent as a file.
    jobs: Vec<(Uuid, Option<Vec<u8>>)>,
    /// Match request ids.
    matches: Vec<Uuid>,
}

async fn run_scenario(dir: &Path, redis: &RedisServer, database: &TestDatabase, items: usize) {
    let nlp = support::settings(dir, &[]).nlp;
    tokio::task::spawn_blocking(move || support::warm_taxonomy_vectors(&nlp))
        .await
        .unwrap();
    let s3 = S3Server::start(&dir.join("s3"), BUCKET).await;
    let mut env = vec![
        ("DATABASE_URL", database.url.clone()),
        ("REDIS_URL", redis.url.clone()),
        ("MODEL_DIR", model_dir().display().to_string()),
        ("BIND_ADDR", "127.0.0.1".to_string()),
        ("AUTH_DISABLED", "true".to_string()),
        ("COMPAT_PORT", "off".to_string()),
        ("RATE_LIMIT_PER_MINUTE", "0".to_string()),
        ("RATE_LIMIT_PER_IP_PER_MINUTE", "0".to_string()),
        // A killed worker's jobs go back to the queue after two missed heartbeats.
        ("WORKER_HEARTBEAT_SECS", "2".to_string()),
    ];
    env.extend(s3.env(BUCKET));
    let started = Instant::now();
    let mut cluster = Cluster::start(dir, &env).await;
    println!(
        "4 processes ready after {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let bases = cluster.bases();
    let mut collectors = Vec::new();
    for base in &bases {
        collectors.push(EventCollector::connect(base).await);
    }
    let client = reqwest::Client::builder()
        .default_headers(pro_member_header())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();

    let phase = Instant::now();
    let resumes = submit_resumes(&client, &bases, items).await;
    let jobs = submit_jobs(&client, &bases, items).await;
    println!(
        "{items} resumes and {items} jobs submitted in {:.1} s",
        phase.elapsed().as_secs_f64()
    );
    wait_until_parsed(&database.pool, &mut cluster, items).await;
    println!("all parsed after {:.1} s", phase.elapsed().as_secs_f64());

    let phase = Instant::now();
    let pairs: Vec<(Uuid, Uuid)> = (0..items)
        .map(|i| (resumes[i].0, jobs[(i * 7 + 3) % items].0))
        .collect();
    let submitting = tokio::spawn(submit_matches(client.clone(), bases.clone(), pairs));
    let running = wait_until_matches_run(&database.pool, &cluster.workers[0], items).await;
    cluster.workers[0].child.kill().unwrap();
    cluster.workers[0].child.wait().unwrap();
    println!(
        "worker0 killed with SIGKILL after completing {} matches, while {running} were running, \
         {:.1} s into the match phase",
        cluster.workers[0].log_count("match completed"),
        phase.elapsed().as_secs_f64()
    );
    let matches = submitting.await.unwrap();
    let killed = cluster.workers.remove(0);
    wait_until_matched(&database.pool, &mut cluster, items).await;
    println!(
        "all matches ended after {:.1} s",
        phase.elapsed().as_secs_f64()
    );

    let submitted = Submitted {
        resumes,
        jobs,
        matches,
    };
    check_rows(&database.pool, &submitted).await;
    check_single_completion(&[&killed, &cluster.workers[0]], &submitted);
    check_objects(&database.pool, &s3, &submitted).await;
    wait_for_events(&collectors, 3 * items).await;
    for collector in collectors {
        let base = collector.base.clone();
        let events = collector.stop().await;
        check_events(&database.pool, &base, &events, &submitted).await;
    }
    println!("total {:.1} s", started.elapsed().as_secs_f64());
}

/// `x-pro-member: 1`, honoured with auth disabled, so the match quota does not stop the run.
fn pro_member_header() -> reqwest::header::HeaderMap {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-pro-member", "1".parse().unwrap());
    headers
}

/// Reads the `id` of a 202 reply.
async fn accepted_id(reply: reqwest::Response, request: &str) -> Uuid {
    let status = reply.status();
    let body: Value = reply.json().await.unwrap();
    assert_eq!(status, 202, "{request}: {body}");
    assert_eq!(body["status"], "queued", "{request}: {body}");
    body["id"].as_str().unwrap().parse().unwrap()
}

/// Uploads `items` resumes, every fourth as DOCX and the others as plain text, alternating
/// between the API processes.
async fn submit_resumes(
    client: &reqwest::Client,
    bases: &[String],
    items: usize,
) -> Vec<(Uuid, Vec<u8>)> {
    let uploads = (0..items).map(|index| {
        let url = format!("{}/api/v1/resumes", bases[index % bases.len()]);
        let lines = resume_lines(index);
        let (bytes, name) = if index % 4 == 0 {
            (docx(&lines), format!("resume-{index}.docx"))
        } else {
            (lines.join("\n").into_bytes(), format!("resume-{index}.txt"))
        };
        async move {
            let part = reqwest::multipart::Part::bytes(bytes.clone()).file_name(name);
            let form = reqwest::multipart::Form::new().part("file", part);
            let reply = client.post(url).multipart(form).send().await.unwrap();
            (accepted_id(reply, "resume upload").await, bytes)
        }
    });
    futures::stream::iter(uploads)
        .buffered(SUBMIT_CONCURRENCY)
        .collect()
        .await
}

/// Creates `items` jobs, every fifth as a text file upload and the others as JSON text,
/// alternating between the API processes.
async fn submit_jobs(
    client: &reqwest::Client,
    bases: &[String],
    items: usize,
) -> Vec<(Uuid, Option<Vec<u8>>)> {
    let creations = (0..items).map(|index| {
        let url = format!("{}/api/v1/jobs", bases[index % bases.len()]);
        let (title, text) = job_text(index);
        async move {
            if index % 5 == 0 {
                let bytes = text.into_bytes();
                let part = reqwest::multipart::Part::bytes(bytes.clone())
                    .file_name(format!("job-{index}.txt"));
                let form = reqwest::multipart::Form::new()
                    .text("title", title)
                    .part("file", part);
                let reply = client.post(url).multipart(form).send().await.unwrap();
                (accepted_id(reply, "job upload").await, Some(bytes))
            } else {
                let body = json!({ "title": title, "text": text });
                let reply = client.post(url).json(&body).send().await.unwrap();
                (accepted_id(reply, "job creation").await, None)
            }
        }
    });
    futures::stream::iter(creations)
        .buffered(SUBMIT_CONCURRENCY)
        .collect()
        .await
}

/// Requests one match per pair, alternating between the API processes.
async fn submit_matches(
    client: reqwest::Client,
    bases: Vec<String>,
    pairs: Vec<(Uuid, Uuid)>,
) -> Vec<Uuid> {
    let requests = pairs.into_iter().enumerate().map(|(index, (resume, job))| {
        let url = format!("{}/api/v1/matches", bases[index % bases.len()]);
        let client = client.clone();
        async move {
            let body = json!({ "resumeId": resume, "jobId": job });
            let reply = client.post(url).json(&body).send().await.unwrap();
            accepted_id(reply, "match request").await
        }
    });
    futures::stream::iter(requests)
        .buffered(SUBMIT_CONCURRENCY)
        .collect()
        .await
}

/// Returns the row count per status of `table`.
async fn status_counts(pool: &PgPool, table: &str) -> HashMap<String, i64> {
    let sql = format!("SELECT status, COUNT(*) FROM {table} GROUP BY status");
    sqlx::query_as::<_, (String, i64)>(AssertSqlSafe(sql))
        .fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .collect()
}

fn count_of(counts: &HashMap<String, i64>, statuses: &[&str]) -> usize {
    statuses
        .iter()
        .map(|status| counts.get(*status).copied().unwrap_or(0))
        .sum::<i64>() as usize
}

/// Waits until every resume and job is `ready` or `error`.
async fn wait_until_parsed(pool: &PgPool, cluster: &mut Cluster, items: usize) {
    let deadline = Instant::now() + PHASE_TIMEOUT;
    loop {
        let resumes = status_counts(pool, "resumes").await;
        let jobs = status_counts(pool, "job_descriptions").await;
        let done = count_of(&resumes, &["ready", "error"]) + count_of(&jobs, &["ready", "error"]);
        if done >= 2 * items {
            return;
        }
        cluster.assert_running();
        assert!(
            Instant::now() < deadline,
            "resumes {resumes:?} and jobs {jobs:?} not all parsed after {} s\n{}",
            PHASE_TIMEOUT.as_secs(),
            cluster.logs()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Waits until `worker` has completed a match and another match is `running`, so the worker is
/// in the middle of the match queue, and returns the number of running matches. With only a few
/// matches, all may end first: then it returns 0 and the worker is killed idle.
async fn wait_until_matches_run(pool: &PgPool, worker: &ServiceProcess, items: usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let counts = status_counts(pool, "match_jobs").await;
        let running = count_of(&counts, &["running"]);
        if running >= 1 && worker.log_count("match completed") >= 1 {
            return running;
        }
        if count_of(&counts, &["completed", "failed"]) >= items {
            return 0;
        }
        assert!(
            Instant::now() < deadline,
            "{} completed no match within 60 s: {counts:?}\n{}",
            worker.name,
            worker.log_tail()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until every match is `completed` or `failed`.
async fn wait_until_matched(pool: &PgPool, cluster: &mut Cluster, items: usize) {
    let deadline = Instant::now() + PHASE_TIMEOUT;
    loop {
        let counts = status_counts(pool, "match_jobs").await;
        if count_of(&counts, &["completed", "failed"]) >= items {
            return;
        }
        cluster.assert_running();
        if Instant::now() >= deadline {
            let stuck: Vec<(Uuid, String)> = sqlx::query_as(
                "SELECT id, status FROM match_jobs WHERE status NOT IN ('completed', 'failed')",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            panic!(
                "matches stuck after {} s: {counts:?}; first stuck {:?}\n{}",
                PHASE_TIMEOUT.as_secs(),
                &stuck[..stuck.len().min(10)],
                cluster.logs()
            );
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn ids(pool: &PgPool, sql: &str) -> BTreeSet<Uuid> {
    sqlx::query_scalar::<_, Uuid>(AssertSqlSafe(sql.to_owned()))
        .fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .collect()
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(AssertSqlSafe(sql.to_owned()))
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Checks the rows in PostgreSQL: one per submitted item, all parsed, every match ended once,
/// and no child row written twice.
async fn check_rows(pool: &PgPool, submitted: &Submitted) {
    let items = submitted.resumes.len() as i64;
    let resume_ids: BTreeSet<Uuid> = submitted.resumes.iter().map(|(id, _)| *id).collect();
    let job_ids: BTreeSet<Uuid> = submitted.jobs.iter().map(|(id, _)| *id).collect();
    let match_ids: BTreeSet<Uuid> = submitted.matches.iter().copied().collect();

    assert_eq!(count(pool, "SELECT COUNT(*) FROM users").await, 1);
    assert_eq!(count(pool, "SELECT COUNT(*) FROM resumes").await, items);
    assert_eq!(ids(pool, "SELECT id FROM resumes").await, resume_ids);
    assert_eq!(
        count(pool, "SELECT COUNT(*) FROM job_descriptions").await,
        items
    );
    assert_eq!(ids(pool, "SELECT id FROM job_descriptions").await, job_ids);
    assert_eq!(count(pool, "SELECT COUNT(*) FROM match_jobs").await, items);
    assert_eq!(ids(pool, "SELECT id FROM match_jobs").await, match_ids);

    let not_ready: Vec<(Uuid, String, Option<String>)> = sqlx::query_as(
        "SELECT id, status, error_message FROM resumes WHERE status <> 'ready' \
         UNION ALL SELECT id, status, error_message FROM job_descriptions WHERE status <> 'ready'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(not_ready.is_empty(), "documents not ready: {not_ready:?}");

    let failed: Vec<(Uuid, Option<String>)> =
        sqlx::query_as("SELECT id, error_message FROM match_jobs WHERE status = 'failed'")
            .fetch_all(pool)
            .await
            .unwrap();
    println!("{} of {items} matches failed: {failed:?}", failed.len());
    for (id, message) in &failed {
        assert!(
            message.as_deref().is_some_and(|text| !text.is_empty()),
            "failed match {id} has no error_message"
        );
    }
    let completed = count(
        pool,
        "SELECT COUNT(*) FROM match_jobs WHERE status = 'completed'",
    )
    .await;
    assert_eq!(completed + failed.len() as i64, items, "every match ended");
    assert_eq!(
        count(pool, "SELECT COUNT(*) FROM matches").await,
        completed,
        "one result row per completed match"
    );
    assert_eq!(
        count(
            pool,
            "SELECT COUNT(DISTINCT m.id) FROM match_jobs j JOIN matches m ON m.id = j.result_id \
             AND m.resume_id = j.resume_id AND m.job_id = j.job_id WHERE j.status = 'completed'"
        )
        .await,
        completed,
        "each completed match points at its own result"
    );

    for (table, parent) in [
        ("candidate_skills", "resume_id"),
        ("requirements", "job_id"),
        ("job_soft_skills", "job_id"),
    ] {
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT {parent}, position FROM {table} \
             GROUP BY {parent}, position HAVING COUNT(*) > 1) AS repeated"
        );
        assert_eq!(count(pool, &sql).await, 0, "{table} rows written twice");
    }
    let without_skills = count(
        pool,
        "SELECT COUNT(*) FROM resumes r WHERE NOT EXISTS \
         (SELECT 1 FROM candidate_skills s WHERE s.resume_id = r.id)",
    )
    .await;
    assert_eq!(without_skills, 0, "resumes without skills");
    let without_requirements = count(
        pool,
        "SELECT COUNT(*) FROM job_descriptions j WHERE NOT EXISTS \
         (SELECT 1 FROM requirements r WHERE r.job_id = j.id)",
    )
    .await;
    assert_eq!(without_requirements, 0, "jobs without requirements");
}

/// Checks that the bucket contains exactly the uploaded files, each once, with the bytes sent.
async fn check_objects(pool: &PgPool, s3: &S3Server, submitted: &Submitted) {
    let paths: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT id, storage_path FROM resumes \
         UNION ALL SELECT id, storage_path FROM job_descriptions WHERE storage_path IS NOT NULL",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let uploads: HashMap<Uuid, &Vec<u8>> = submitted
        .resumes
        .iter()
        .map(|(id, bytes)| (*id, bytes))
        .chain(
            submitted
                .jobs
                .iter()
                .filter_map(|(id, bytes)| bytes.as_ref().map(|bytes| (*id, bytes))),
        )
        .collect();
    assert_eq!(
        paths.len(),
        uploads.len(),
        "one storage path per uploaded file"
    );

    let mut expected: Vec<String> = paths.iter().map(|(_, path)| path.clone()).collect();
    expected.sort();
    let stored = s3.object_keys(BUCKET);
    assert_eq!(stored.len(), uploads.len(), "objects in the bucket");
    assert_eq!(stored, expected, "bucket keys match the storage paths");
    for (id, path) in &paths {
        let bytes = std::fs::read(s3.root.join(BUCKET).join(path)).unwrap();
        assert!(
            &bytes == uploads[id],
            "object {path} holds other bytes than uploaded"
        );
    }
}

/// Waits until every collector has seen `expected` final events, or 20 s have passed (the
/// checks that follow then name what is missing).
async fn wait_for_events(collectors: &[EventCollector], expected: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline
        && collectors
            .iter()
            .any(|collector| collector.final_event_count() < expected)
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Checks that one client received a final event for each resume, job and match, with the
/// final status stored in the database. A job that a worker finished just before it died runs
/// again on another worker, which may publish the final status a second time: repeats of the
/// same status are printed, not failed.
async fn check_events(pool: &PgPool, base: &str, events: &[Value], submitted: &Submitted) {
    let mut finals: HashMap<(String, Uuid), Vec<String>> = HashMap::new();
    for event in events.iter().filter(|event| is_final(event)) {
        let name = event["event"].as_str().unwrap().to_string();
        let id: Uuid = event["id"].as_str().unwrap().parse().unwrap();
        let status = event["status"].as_str().unwrap().to_string();
        finals.entry((name, id)).or_default().push(status);
    }
    let match_status: HashMap<Uuid, String> =
        sqlx::query_as::<_, (Uuid, String)>("SELECT id, status FROM match_jobs")
            .fetch_all(pool)
            .await
            .unwrap()
            .into_iter()
            .collect();

    let mut problems = Vec::new();
    let mut repeated = Vec::new();
    let mut expect = |name: &str, id: Uuid, status: &str| {
        let seen = finals.remove(&(name.to_string(), id)).unwrap_or_default();
        if seen.is_empty() || seen.iter().any(|seen_status| seen_status != status) {
            problems.push(format!("{name} {id}: expected [{status}], got {seen:?}"));
        } else if seen.len() > 1 {
            repeated.push(format!("{name} {id}: {seen:?}"));
        }
    };
    for (id, _) in &submitted.resumes {
        expect("resume:update", *id, "ready");
    }
    for (id, _) in &submitted.jobs {
        expect("job:update", *id, "ready");
    }
    for id in &submitted.matches {
        expect("match:update", *id, &match_status[id]);
    }
    for ((name, id), seen) in &finals {
        problems.push(format!("{name} {id} was not submitted but got {seen:?}"));
    }
    if !repeated.is_empty() {
        println!("client of {base}: final events received more than once: {repeated:?}");
    }
    let first_problems: Vec<&String> = problems.iter().take(10).collect();
    assert!(
        problems.is_empty(),
        "client of {base}: {} final events wrong of {} expected, first: {first_problems:#?}",
        problems.len(),
        3 * submitted.matches.len()
    );
}

/// Checks in the worker logs that no resume, job or match was processed to the end twice. The
/// killed worker may have finished an item without writing its log line, so an item may have
/// no line at all.
fn check_single_completion(workers: &[&ServiceProcess], submitted: &Submitted) {
    let logs: Vec<String> = workers
        .iter()
        .map(|worker| std::fs::read_to_string(&worker.log).unwrap())
        .collect();
    for (message, field, expected) in [
        ("resume parsed", "resume_id", submitted.resumes.len()),
        ("job parsed", "job_id", submitted.jobs.len()),
        ("match completed", "match_id", submitted.matches.len()),
    ] {
        let mut completions: HashMap<&str, usize> = HashMap::new();
        for line in logs.iter().flat_map(|log| log.lines()) {
            if line.contains(message)
                && let Some(id) = logged_id(line, field)
            {
                *completions.entry(id).or_default() += 1;
            }
        }
        let twice: Vec<_> = completions
            .iter()
            .filter(|(_, count)| **count > 1)
            .collect();
        assert!(twice.is_empty(), "{message} more than once: {twice:?}");
        // A change of the log format would otherwise make this check pass without looking.
        assert!(
            completions.len() + 10 >= expected,
            "only {} of {expected} `{message}` lines with {field} in the worker logs",
            completions.len()
        );
    }
}

/// Returns the UUID logged as `field=<uuid>` in `line`.
fn logged_id<'a>(line: &'a str, field: &str) -> Option<&'a str> {
    let start = line.find(&format!("{field}="))? + field.len() + 1;
    line.get(start..start + 36)
}
