//! Background jobs: `parse_resume`, `parse_job` and `compute_match` on an apalis queue.
//!
//! The queue is Redis (apalis-redis) when `REDIS_URL` is set, otherwise the database's own:
//! apalis-postgres on PostgreSQL, apalis-sqlite on SQLite. The API inserts a row and then queues
//! its id. Workers load the row, do the work and write the result. Handlers are idempotent: a
//! job delivered twice replaces what the first delivery wrote, so it leaves the same rows as
//! one delivery.

mod depth;
mod handlers;
mod poll;
pub mod split;
mod workers;

use std::sync::Arc;
use std::time::Duration;

use apalis::prelude::*;
use apalis_postgres::PostgresStorage;
use apalis_redis::RedisStorage;
use apalis_sqlite::SqliteStorage;
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqlitePoolOptions;
use sqlx::{PgPool, SqlitePool};
use uuid::Uuid;

use crate::analysis::AnalysisBackend;
use crate::blob::BlobStore;
use crate::config::WorkerSettings;
use crate::events::EventBus;
use crate::store::Store;

pub use depth::{JobCount, QUEUE_NAMES, StatsError};
pub use handlers::JobContext;
pub use workers::run_workers;

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

/// The three queues of one backend.
#[derive(Clone)]
struct Queues<R, J, M> {
    resumes: R,
    jobs: J,
    matches: M,
}

/// Queue storage of each backend, with the connection the depth queries use.
#[derive(Clone)]
enum Backend {
    Sqlite {
        pool: SqlitePool,
        queues: Queues<
            SqliteStorage<ParseResume>,
            SqliteStorage<ParseJob>,
            SqliteStorage<ComputeMatch>,
        >,
    },
    Postgres {
        pool: PgPool,
        queues: Queues<
            PostgresStorage<ParseResume>,
            PostgresStorage<ParseJob>,
            PostgresStorage<ComputeMatch>,
        >,
    },
    Redis {
        connection: apalis_redis::ConnectionManager,
        prefix: String,
        queues:
            Queues<RedisStorage<ParseResume>, RedisStorage<ParseJob>, RedisStorage<ComputeMatch>>,
    },
}

/// Producer side of the job queues, and the queue depths.
#[derive(Clone)]
pub struct JobQueue {
    backend: Backend,
}

/// Backend of a [`JobQueue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueKind {
    /// apalis-sqlite, in the service's SQLite database.
    Sqlite,
    /// apalis-postgres, in the service's PostgreSQL database (schema `apalis`).
    Postgres,
    /// apalis-redis.
    Redis,
}

/// Returns the heartbeat interval of every queue. Each backend is configured with two missed
/// heartbeats, after which a worker counts as dead and its jobs are queued again.
fn heartbeat(settings: &WorkerSettings) -> Duration {
    Duration::from_secs(settings.heartbeat_secs.max(1))
}

/// Returns the Redis name of queue `name` under `prefix`.
fn redis_queue_name(prefix: &str, name: &str) -> String {
    format!("{prefix}:{name}")
}

/// Pushes `$job` onto `$storage`, mapping the error to a [`QueueError`] for `$name`.
macro_rules! push_job {
    ($storage:expr, $name:expr, $job:expr) => {{
        let mut storage = $storage.clone();
        storage.push($job).await.map_err(|e| QueueError {
            job: $name,
            reason: e.to_string(),
        })
    }};
}

impl JobQueue {
    /// Creates the queue tables in the SQLite file of `pool` when missing and opens the three
    /// queues on connections of their own.
    ///
    /// The queue's setup switches its connection to `synchronous = OFF`, which would let a
    /// power loss drop commits made on it. So the setup runs on a throwaway connection rather
    /// than on one the repository keeps, and the queues get connections of their own.
    pub async fn setup(store_pool: &SqlitePool, settings: &WorkerSettings) -> anyhow::Result<Self> {
        let options = (*store_pool.connect_options()).clone();
        let setup_pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        SqliteStorage::setup(&setup_pool).await?;
        setup_pool.close().await;
        let pool = &SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        let [resumes, jobs, matches] = settings.queue_concurrency();
        let config = |name: &str, batch: usize| {
            apalis_sqlite::Config::default()
                .queue(name)
                .heartbeat_interval(heartbeat(settings))
                .missed_heartbeats(2)
                .batch_size(batch.max(1))
        };
        let queues = Queues {
            resumes: SqliteStorage::new(pool).with_config(config("parse_resume", resumes)),
            jobs: SqliteStorage::new(pool).with_config(config("parse_job", jobs)),
            matches: SqliteStorage::new(pool).with_config(config("compute_match", matches)),
        };
        Ok(Self {
            backend: Backend::Sqlite {
                pool: pool.clone(),
                queues,
            },
        })
    }

    /// Creates the `apalis` schema in the PostgreSQL `pool` when missing and opens the three
    /// queues.
    pub async fn setup_postgres(pool: &PgPool, settings: &WorkerSettings) -> anyhow::Result<Self> {
        PostgresStorage::setup(pool).await?;
        let [resumes, jobs, matches] = settings.queue_concurrency();
        let config = |name: &str, batch: usize| {
            apalis_postgres::Config::default()
                .queue(name)
                .heartbeat_interval(heartbeat(settings))
                .missed_heartbeats(2)
                .batch_size(batch.max(1))
        };
        let queues = Queues {
            resumes: PostgresStorage::new(pool).with_config(config("parse_resume", resumes)),
            jobs: PostgresStorage::new(pool).with_config(config("parse_job", jobs)),
            matches: PostgresStorage::new(pool).with_config(config("compute_match", matches)),
        };
        Ok(Self {
            backend: Backend::Postgres {
                pool: pool.clone(),
                queues,
            },
        })
    }

    /// Connects to Redis at `url` and opens the three queues under the key prefix `prefix`.
    pub async fn connect_redis(
        url: &str,
        prefix: &str,
        settings: &WorkerSettings,
    ) -> anyhow::Result<Self> {
        let connection = apalis_redis::connect(url).await?;
        let [resumes, jobs, matches] = settings.queue_concurrency();
        let config = |name: &str, batch: usize| {
            apalis_redis::Config::default()
                .queue(redis_queue_name(prefix, name))
                .heartbeat_interval(heartbeat(settings))
                .missed_heartbeats(2)
                .batch_size(batch.max(1))
        };
        let storage = || connection.clone();
        let queues = Queues {
            resumes: RedisStorage::new(storage()).with_config(config("parse_resume", resumes)),
            jobs: RedisStorage::new(storage()).with_config(config("parse_job", jobs)),
            matches: RedisStorage::new(storage()).with_config(config("compute_match", matches)),
        };
        Ok(Self {
            backend: Backend::Redis {
                connection,
                prefix: prefix.to_string(),
                queues,
            },
        })
    }

    /// Returns the backend of this queue.
    pub fn kind(&self) -> QueueKind {
        match self.backend {
            Backend::Sqlite { .. } => QueueKind::Sqlite,
            Backend::Postgres { .. } => QueueKind::Postgres,
            Backend::Redis { .. } => QueueKind::Redis,
        }
    }

    /// Queues a resume for parsing.
    pub async fn parse_resume(&self, resume_id: Uuid) -> Result<(), QueueError> {
        let job = ParseResume { resume_id };
        match &self.backend {
            Backend::Sqlite { queues, .. } => push_job!(queues.resumes, "parse_resume", job),
            Backend::Postgres { queues, .. } => push_job!(queues.resumes, "parse_resume", job),
            Backend::Redis { queues, .. } => push_job!(queues.resumes, "parse_resume", job),
        }
    }

    /// Queues a job description for parsing.
    pub async fn parse_job(&self, job_id: Uuid) -> Result<(), QueueError> {
        let job = ParseJob { job_id };
        match &self.backend {
            Backend::Sqlite { queues, .. } => push_job!(queues.jobs, "parse_job", job),
            Backend::Postgres { queues, .. } => push_job!(queues.jobs, "parse_job", job),
            Backend::Redis { queues, .. } => push_job!(queues.jobs, "parse_job", job),
        }
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
        let job = ComputeMatch { match_id, weights };
        match &self.backend {
            Backend::Sqlite { queues, .. } => push_job!(queues.matches, "compute_match", job),
            Backend::Postgres { queues, .. } => push_job!(queues.matches, "compute_match", job),
            Backend::Redis { queues, .. } => push_job!(queues.matches, "compute_match", job),
        }
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
