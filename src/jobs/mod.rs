//! Background jobs: `parse_resume`, `parse_job` and `compute_match` on the apalis SQLite queue.
//!
//! The API inserts a row and then queues its id; workers load the row, do the work and write the
//! result. Handlers are idempotent: a job delivered twice replaces what the first delivery
//! wrote, so it leaves the same rows as one delivery.

mod handlers;

use std::sync::Arc;
use std::time::Duration;

use apalis::prelude::*;
use apalis_sqlite::{Config as QueueConfig, SqliteStorage};
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use uuid::Uuid;

use crate::analysis::AnalysisBackend;
use crate::blob::BlobStore;
use crate::config::WorkerSettings;
use crate::events::EventBus;
use crate::store::Store;

pub use handlers::JobContext;

/// Parse an uploaded resume.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParseResume {
    /// Resume row id.
    pub resume_id: Uuid,
}

/// Parse a job description.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParseJob {
    /// Job row id.
    pub job_id: Uuid,
}

/// Score a resume against a job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ComputeMatch {
    /// Match request row id.
    pub match_id: Uuid,
    /// Category weights sent with the request; `None` uses the configured defaults.
    #[serde(default)]
    pub weights: Option<layer1_engine::score::CategoryWeights>,
}

/// Error of queuing a job.
#[derive(Debug, thiserror::Error)]
#[error("failed to queue {job} job: {reason}")]
pub struct QueueError {
    /// Job name.
    pub job: &'static str,
    /// Description of the failure.
    pub reason: String,
}

/// Producer side of the job queues.
#[derive(Clone)]
pub struct JobQueue {
    resumes: SqliteStorage<ParseResume>,
    jobs: SqliteStorage<ParseJob>,
    matches: SqliteStorage<ComputeMatch>,
}

fn queue_config(name: &str, settings: &WorkerSettings) -> QueueConfig {
    QueueConfig::default()
        .queue(name)
        .heartbeat_interval(Duration::from_secs(settings.heartbeat_secs))
        .missed_heartbeats(2)
        .batch_size(settings.concurrency.max(1))
}

impl JobQueue {
    /// Creates the queue tables in `pool` when missing and opens the three queues.
    pub async fn setup(pool: &SqlitePool, settings: &WorkerSettings) -> anyhow::Result<Self> {
        SqliteStorage::setup(pool).await?;
        Ok(Self {
            resumes: SqliteStorage::new(pool).with_config(queue_config("parse_resume", settings)),
            jobs: SqliteStorage::new(pool).with_config(queue_config("parse_job", settings)),
            matches: SqliteStorage::new(pool).with_config(queue_config("compute_match", settings)),
        })
    }

    /// Queues a resume for parsing.
    pub async fn parse_resume(&self, resume_id: Uuid) -> Result<(), QueueError> {
        let mut storage = self.resumes.clone();
        storage
            .push(ParseResume { resume_id })
            .await
            .map_err(|e| QueueError {
                job: "parse_resume",
                reason: e.to_string(),
            })
    }

    /// Queues a job description for parsing.
    pub async fn parse_job(&self, job_id: Uuid) -> Result<(), QueueError> {
        let mut storage = self.jobs.clone();
        storage
            .push(ParseJob { job_id })
            .await
            .map_err(|e| QueueError {
                job: "parse_job",
                reason: e.to_string(),
            })
    }

    /// Queues a match request for scoring with the configured category weights.
    pub async fn compute_match(&self, match_id: Uuid) -> Result<(), QueueError> {
        self.compute_match_weighted(match_id, None).await
    }

    /// Queues a match request for scoring with category weights of its own, when given.
    pub async fn compute_match_weighted(
        &self,
        match_id: Uuid,
        weights: Option<layer1_engine::score::CategoryWeights>,
    ) -> Result<(), QueueError> {
        let mut storage = self.matches.clone();
        storage
            .push(ComputeMatch { match_id, weights })
            .await
            .map_err(|e| QueueError {
                job: "compute_match",
                reason: e.to_string(),
            })
    }
}

/// Names of the three queues, as stored in the queue table's `job_type` column.
pub const QUEUE_NAMES: [&str; 3] = ["parse_resume", "parse_job", "compute_match"];

/// Jobs of one queue in one status, as stored in the queue table.
#[derive(Debug, Clone)]
pub struct JobCount {
    /// Queue name.
    pub queue: String,
    /// Queue status (`Pending`, `Queued`, `Running`, `Done`, `Failed`, `Killed`).
    pub status: String,
    /// Number of jobs.
    pub jobs: i64,
}

/// Condition of a job that waits for a worker: new, fetched but not started, or failed with
/// attempts left.
const WAITING: &str =
    "(status IN ('Pending', 'Queued') OR (status = 'Failed' AND attempts < max_attempts))";

impl JobQueue {
    /// Returns the number of jobs waiting in the queue `name` (one of [`QUEUE_NAMES`]).
    pub async fn waiting(&self, name: &str) -> Result<u64, sqlx::Error> {
        // Only the fixed `WAITING` condition is spliced in; the queue name is bound.
        let sql = format!("SELECT COUNT(*) FROM Jobs WHERE job_type = ?1 AND {WAITING}");
        let count: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(name)
            .fetch_one(self.resumes.pool())
            .await?;
        Ok(count.max(0) as u64)
    }

    /// Returns the waiting jobs of every queue, zero included.
    pub async fn waiting_by_queue(&self) -> Result<Vec<(String, u64)>, sqlx::Error> {
        let mut depths = Vec::with_capacity(QUEUE_NAMES.len());
        for name in QUEUE_NAMES {
            depths.push((name.to_string(), self.waiting(name).await?));
        }
        Ok(depths)
    }

    /// Returns the number of jobs per queue and status.
    pub async fn job_counts(&self) -> Result<Vec<JobCount>, sqlx::Error> {
        let rows: Vec<(String, String, i64)> =
            sqlx::query_as("SELECT job_type, status, COUNT(*) FROM Jobs GROUP BY job_type, status")
                .fetch_all(self.resumes.pool())
                .await?;
        Ok(rows
            .into_iter()
            .map(|(queue, status, jobs)| JobCount {
                queue,
                status,
                jobs,
            })
            .collect())
    }
}

/// Everything a worker needs.
pub struct WorkerDeps {
    /// Repository.
    pub store: Arc<dyn Store>,
    /// Uploaded files.
    pub blobs: Arc<dyn BlobStore>,
    /// Engine of parse and match calls: native, or the external Python worker.
    pub analysis: AnalysisBackend,
    /// Status events.
    pub events: EventBus,
    /// Strategy, reference switches and default category weights of the product score.
    pub match_options: layer1_engine::score::MatchOptions,
}

/// Runs the three workers until `shutdown` resolves, then lets running jobs finish.
pub async fn run_workers(
    queue: JobQueue,
    deps: WorkerDeps,
    settings: WorkerSettings,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let context = Arc::new(JobContext::new(deps, settings.max_attempts));
    // Each process registers fresh worker names, because the queue refuses a name that was
    // seen alive within the last heartbeat interval.
    let instance = Uuid::new_v4().simple().to_string();
    let concurrency = settings.concurrency;

    let (resume_queue, job_queue, match_queue) = (queue.resumes, queue.jobs, queue.matches);
    let (c1, c2, c3) = (context.clone(), context.clone(), context);
    let (i1, i2, i3) = (instance.clone(), instance.clone(), instance);
    Monitor::new()
        .register(move |_| {
            WorkerBuilder::new(format!("parse_resume-{i1}"))
                .backend(resume_queue.clone())
                .data(c1.clone())
                .concurrency(concurrency)
                .enable_tracing()
                .build(handlers::parse_resume)
        })
        .register(move |_| {
            WorkerBuilder::new(format!("parse_job-{i2}"))
                .backend(job_queue.clone())
                .data(c2.clone())
                .concurrency(concurrency)
                .enable_tracing()
                .build(handlers::parse_job)
        })
        .register(move |_| {
            WorkerBuilder::new(format!("compute_match-{i3}"))
                .backend(match_queue.clone())
                .data(c3.clone())
                .concurrency(concurrency)
                .enable_tracing()
                .build(handlers::compute_match)
        })
        .shutdown_timeout(Duration::from_secs(30))
        .run_with_signal(async move {
            shutdown.await;
            Ok(())
        })
        .await?;
    Ok(())
}
