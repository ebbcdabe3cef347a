//! Queue depths and job counts for backpressure, `/ready` and `/metrics`.
//!
//! The SQL backends read the queue table (`Jobs` on SQLite, `apalis.jobs` on PostgreSQL). On
//! Redis the numbers come from the keys apalis-redis 1.0 keeps per queue. The `scheduled`
//! sorted set (every pushed job with its run time, and failed jobs waiting for a retry) and the
//! `active` list (jobs due now) are reported as `Pending`. The `inflight:<worker>` set of each
//! registered worker is reported as `Running`, and the `done` and `dead` sets as `Done` and
//! `Killed`.
//!
//! NOTE: apalis-redis keeps the ids and results of finished jobs (`done`, `meta:<id>`) until
//! they are vacuumed, and nothing here vacuums them yet.

use redis::aio::ConnectionManager;

use super::{Backend, JobQueue, redis_queue_name};

/// Names of the three queues, as stored in the queue table's `job_type` column.
pub const QUEUE_NAMES: [&str; 3] = ["parse_resume", "parse_job", "compute_match"];

/// Jobs of one queue in one status.
#[derive(Debug, Clone)]
pub struct JobCount {
    /// Queue name.
    pub queue: String,
    /// Queue status (`Pending`, `Queued`, `Running`, `Done`, `Failed`, `Killed`).
    pub status: String,
    /// Number of jobs.
    pub jobs: i64,
}

/// Error of reading queue depths or job counts.
#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    /// The queue table could not be read.
    #[error("failed to read the queue table: {0}")]
    Database(#[from] sqlx::Error),
    /// A Redis command failed.
    #[error("failed to read the Redis queue keys: {0}")]
    Redis(#[from] redis::RedisError),
}

/// Condition of a job that waits for a worker: new, fetched but not started, or failed with
/// attempts left.
const WAITING: &str =
    "(status IN ('Pending', 'Queued') OR (status = 'Failed' AND attempts < max_attempts))";

impl JobQueue {
    /// Returns the number of jobs waiting in the queue `name` (one of [`QUEUE_NAMES`]).
    pub async fn waiting(&self, name: &str) -> Result<u64, StatsError> {
        let count: i64 = match &self.backend {
            Backend::Sqlite { pool, .. } => {
                // Only the fixed `WAITING` condition is spliced in; the queue name is bound.
                let sql = format!("SELECT COUNT(*) FROM Jobs WHERE job_type = ?1 AND {WAITING}");
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .bind(name)
                    .fetch_one(pool)
                    .await?
            }
            Backend::Postgres { pool, .. } => {
                let sql =
                    format!("SELECT COUNT(*) FROM apalis.jobs WHERE job_type = $1 AND {WAITING}");
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .bind(name)
                    .fetch_one(pool)
                    .await?
            }
            Backend::Redis {
                connection, prefix, ..
            } => {
                let keys = RedisKeys::new(prefix, name);
                keys.waiting(&mut connection.clone()).await?
            }
        };
        Ok(count.max(0) as u64)
    }

    /// Returns the waiting jobs of every queue, zero included.
    pub async fn waiting_by_queue(&self) -> Result<Vec<(String, u64)>, StatsError> {
        let mut depths = Vec::with_capacity(QUEUE_NAMES.len());
        for name in QUEUE_NAMES {
            depths.push((name.to_string(), self.waiting(name).await?));
        }
        Ok(depths)
    }

    /// Returns the number of jobs per queue and status.
    pub async fn job_counts(&self) -> Result<Vec<JobCount>, StatsError> {
        let rows: Vec<(String, String, i64)> = match &self.backend {
            Backend::Sqlite { pool, .. } => {
                sqlx::query_as(
                    "SELECT job_type, status, COUNT(*) FROM Jobs GROUP BY job_type, status",
                )
                .fetch_all(pool)
                .await?
            }
            Backend::Postgres { pool, .. } => {
                sqlx::query_as(
                    "SELECT job_type, status, COUNT(*) FROM apalis.jobs \
                     GROUP BY job_type, status",
                )
                .fetch_all(pool)
                .await?
            }
            Backend::Redis {
                connection, prefix, ..
            } => redis_counts(&mut connection.clone(), prefix).await?,
        };
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

/// Keys apalis-redis keeps for one queue.
struct RedisKeys {
    queue: String,
}

impl RedisKeys {
    fn new(prefix: &str, name: &str) -> Self {
        Self {
            queue: redis_queue_name(prefix, name),
        }
    }

    fn key(&self, suffix: &str) -> String {
        format!("{}:{suffix}", self.queue)
    }

    async fn waiting(&self, connection: &mut ConnectionManager) -> redis::RedisResult<i64> {
        let (active, scheduled): (i64, i64) = redis::pipe()
            .cmd("LLEN")
            .arg(self.key("active"))
            .cmd("ZCARD")
            .arg(self.key("scheduled"))
            .query_async(connection)
            .await?;
        Ok(active + scheduled)
    }

    async fn running(&self, connection: &mut ConnectionManager) -> redis::RedisResult<i64> {
        let workers: Vec<String> = redis::cmd("ZRANGE")
            .arg(self.key("workers"))
            .arg(0)
            .arg(-1)
            .query_async(connection)
            .await?;
        if workers.is_empty() {
            return Ok(0);
        }
        let mut pipe = redis::pipe();
        for worker in &workers {
            pipe.cmd("SCARD")
                .arg(self.key(&format!("inflight:{worker}")));
        }
        let counts: Vec<i64> = pipe.query_async(connection).await?;
        Ok(counts.into_iter().sum())
    }

    /// Returns the done and the dead jobs.
    async fn finished(&self, connection: &mut ConnectionManager) -> redis::RedisResult<(i64, i64)> {
        redis::pipe()
            .cmd("SCARD")
            .arg(self.key("done"))
            .cmd("SCARD")
            .arg(self.key("dead"))
            .query_async(connection)
            .await
    }
}

/// Counts the jobs of every queue on Redis under the status names of the SQL queue tables.
/// Statuses without jobs are left out, as the SQL `GROUP BY` leaves them out.
async fn redis_counts(
    connection: &mut ConnectionManager,
    prefix: &str,
) -> redis::RedisResult<Vec<(String, String, i64)>> {
    let mut rows = Vec::new();
    for name in QUEUE_NAMES {
        let keys = RedisKeys::new(prefix, name);
        let pending = keys.waiting(connection).await?;
        let running = keys.running(connection).await?;
        let (done, killed) = keys.finished(connection).await?;
        let statuses = [
            ("Pending", pending),
            ("Running", running),
            ("Done", done),
            ("Killed", killed),
        ];
        for (status, jobs) in statuses {
            if jobs > 0 {
                rows.push((name.to_string(), status.to_string(), jobs));
            }
        }
    }
    Ok(rows)
}
