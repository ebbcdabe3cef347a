//! SQL Server / Azure SQL implementation of the repository traits, on the schema of existing
//! deployments plus the additive migrations in `sql/mssql`.
//!
//! Every request runs on a pooled connection under `SQL_REQUEST_TIMEOUT_MS` and is retried with
//! backoff on transient errors ([`error::MssqlError::is_transient`]). Operations that write
//! several statements run in one transaction on one connection. A failure closes that
//! connection, so the server rolls the transaction back, and a retry runs the whole operation
//! again from the start.
//!
//! NOTE: this backend is compiled and unit-tested without a server; `tests/store_mssql.rs`
//! exercises it only where `AZURE_SQL_SERVER` points at one.

pub mod admin;
pub mod error;
mod jobs;
mod lifecycle;
mod matches;
pub mod migrate;
pub mod pool;
pub mod retry;
pub mod settings;
pub mod sql;
mod users;
pub mod values;
mod vectors;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::Utc;
use futures::future::BoxFuture;
use tiberius::{Row, ToSql};
use tracing::{info, warn};
use uuid::Uuid;

use self::error::MssqlError;
use self::pool::{Connection, Pool};
use self::retry::RetryPolicy;
use self::settings::MssqlSettings;
use self::values::{Param, RowReader, legacy_decimal, legacy_years};
use super::{
    DocumentStatus, JobRecord, MatchRecord, ResumeRecord, ResumeStore, SkillRow, Store, StoreError,
};

/// Repository on a SQL Server or Azure SQL database. Clones share one pool.
#[derive(Debug, Clone)]
pub struct MssqlStore {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    pool: Pool,
    request_timeout: Duration,
    retry: RetryPolicy,
}

impl MssqlStore {
    /// Creates a store for the configured server and opens one connection to check the
    /// settings and credentials.
    ///
    /// # Errors
    ///
    /// Returns [`MssqlError::Settings`] listing every invalid setting, or the connection error.
    pub async fn connect(settings: &MssqlSettings) -> Result<Self, StoreError> {
        let store = Self::new(settings)?;
        let connection = store.inner.pool.get().await?;
        connection.release();
        info!(
            address = store.inner.pool.address(),
            "connected to SQL Server"
        );
        Ok(store)
    }

    /// Creates a store without connecting; the first request opens the first connection.
    ///
    /// # Errors
    ///
    /// Returns [`MssqlError::Settings`] listing every invalid setting.
    pub fn new(settings: &MssqlSettings) -> Result<Self, StoreError> {
        let config = settings
            .tiberius_config()
            .map_err(|problems| MssqlError::Settings { problems })?;
        let pool = Pool::new(config, settings.sql_pool_max, settings.connect_timeout());
        Ok(Self {
            inner: Arc::new(Inner {
                pool,
                request_timeout: settings.request_timeout(),
                retry: RetryPolicy {
                    retries: settings.sql_retry_attempts,
                    backoff: Duration::from_millis(settings.sql_retry_backoff_ms),
                },
            }),
        })
    }

    /// Applies the scripts of `sql/mssql` that this database has not recorded yet (the
    /// original schema where it is missing, then Layer1's additions). They never drop data.
    /// Returns the names of the scripts applied.
    pub async fn migrate(&self) -> Result<Vec<&'static str>, StoreError> {
        let mut connection = self.inner.pool.get().await?;
        let applied = migrate::run(connection.client()?).await?;
        connection.release();
        Ok(applied)
    }

    /// Closes the idle connections. Connections in use return to the pool when their request
    /// ends, and the store opens new connections on demand.
    pub async fn close(&self) {
        self.inner.pool.close_idle().await;
    }

    /// Runs `work` on a pooled connection under the request timeout, retrying it from the
    /// start on transient errors. `work` must own what it sends, so it can be called again.
    async fn run<T, F>(&self, operation: &'static str, mut work: F) -> Result<T, StoreError>
    where
        T: Send,
        F: FnMut(&mut Connection) -> BoxFuture<'_, Result<T, MssqlError>> + Send,
    {
        let timeout = self.inner.request_timeout;
        let mut retries = 0;
        loop {
            let error = match tokio::time::timeout(timeout, self.attempt(&mut work)).await {
                Ok(Ok(value)) => return Ok(value),
                Ok(Err(error)) => error,
                Err(_) => MssqlError::RequestTimeout {
                    operation,
                    timeout_ms: u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX),
                },
            };
            let Some(delay) = self.inner.retry.next_delay(retries, &error) else {
                return Err(error.into());
            };
            retries += 1;
            warn!(
                operation,
                retry = retries,
                delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                code = error.server_code(),
                %error,
                "transient SQL Server error; retrying"
            );
            tokio::time::sleep(delay).await;
        }
    }

    async fn attempt<T, F>(&self, work: &mut F) -> Result<T, MssqlError>
    where
        F: FnMut(&mut Connection) -> BoxFuture<'_, Result<T, MssqlError>>,
    {
        let mut connection = self.inner.pool.get().await?;
        let value = work(connection.client()?).await?;
        // Only a connection whose request succeeded is reused.
        connection.release();
        Ok(value)
    }

    /// Runs one statement and returns the rows it changed.
    async fn execute(
        &self,
        operation: &'static str,
        sql: String,
        params: Vec<Param>,
    ) -> Result<u64, StoreError> {
        self.run(operation, move |connection| {
            let (sql, params) = (sql.clone(), params.clone());
            Box::pin(async move { execute(connection, &sql, &params).await })
        })
        .await
    }

    /// Runs one query and returns its first result set.
    async fn fetch_all(
        &self,
        operation: &'static str,
        sql: String,
        params: Vec<Param>,
    ) -> Result<Vec<Row>, StoreError> {
        self.run(operation, move |connection| {
            let (sql, params) = (sql.clone(), params.clone());
            Box::pin(async move { query_rows(connection, &sql, &params).await })
        })
        .await
    }

    /// Runs one query and returns its first row.
    async fn fetch_optional(
        &self,
        operation: &'static str,
        sql: String,
        params: Vec<Param>,
    ) -> Result<Option<Row>, StoreError> {
        let rows = self.fetch_all(operation, sql, params).await?;
        Ok(rows.into_iter().next())
    }
}

/// Runs one request and returns the rows it changed.
async fn execute(
    connection: &mut Connection,
    sql: &str,
    params: &[Param],
) -> Result<u64, MssqlError> {
    let params: Vec<&dyn ToSql> = params.iter().map(|param| param as &dyn ToSql).collect();
    Ok(connection.execute(sql, &params).await?.total())
}

/// Runs one query and returns its first result set.
async fn query_rows(
    connection: &mut Connection,
    sql: &str,
    params: &[Param],
) -> Result<Vec<Row>, MssqlError> {
    let params: Vec<&dyn ToSql> = params.iter().map(|param| param as &dyn ToSql).collect();
    let stream = connection.query(sql, &params).await?;
    Ok(stream.into_first_result().await?)
}

/// Starts a transaction that rolls back as a whole on any error (`XACT_ABORT`).
async fn begin(connection: &mut Connection) -> Result<(), MssqlError> {
    connection
        .simple_query("SET XACT_ABORT ON; BEGIN TRANSACTION;")
        .await?
        .into_results()
        .await?;
    Ok(())
}

async fn commit(connection: &mut Connection) -> Result<(), MssqlError> {
    connection
        .simple_query("COMMIT TRANSACTION;")
        .await?
        .into_results()
        .await?;
    Ok(())
}

/// Inserts `rows` into `table` with as few requests as the parameter limit allows.
async fn insert_chunked(
    connection: &mut Connection,
    table: &str,
    columns: &[&str],
    rows: &[Vec<Param>],
) -> Result<(), MssqlError> {
    for chunk in rows.chunks(sql::rows_per_insert(columns.len())) {
        let statement = sql::insert_rows(table, columns, chunk.len(), 1);
        let params: Vec<Param> = chunk.iter().flatten().cloned().collect();
        execute(connection, &statement, &params).await?;
    }
    Ok(())
}

/// Wraps a decoding problem found inside a request, so it travels as a final driver error.
fn decode_error(error: StoreError) -> MssqlError {
    MssqlError::Driver(tiberius::error::Error::Conversion(error.to_string().into()))
}

fn resume_from_row(row: &Row) -> Result<ResumeRecord, StoreError> {
    let row = RowReader::new(row);
    Ok(ResumeRecord {
        id: row.uuid("id")?,
        user_id: row.uuid("user_id")?,
        filename: row.text("filename")?,
        mime_type: row.text("mime_type")?,
        storage_path: row.text("storage_path")?,
        status: row.text("status")?,
        parsed_summary: row.opt_json("parsed_summary")?,
        error_message: row.opt_text("error_message")?,
        created_at: row.time("created_at")?,
        updated_at: row.time("updated_at")?,
    })
}

fn job_from_row(row: &Row) -> Result<JobRecord, StoreError> {
    let row = RowReader::new(row);
    Ok(JobRecord {
        id: row.uuid("id")?,
        user_id: row.uuid("user_id")?,
        title: row.text("title")?,
        source: row.text("source")?,
        filename: row.opt_text("filename")?,
        mime_type: row.opt_text("mime_type")?,
        storage_path: row.opt_text("storage_path")?,
        raw_text: row.opt_text("raw_text")?,
        status: row.text("status")?,
        parsed_summary: row.opt_json("parsed_summary")?,
        error_message: row.opt_text("error_message")?,
        created_at: row.time("created_at")?,
        updated_at: row.time("updated_at")?,
    })
}

fn match_from_row(row: &Row) -> Result<MatchRecord, StoreError> {
    let row = RowReader::new(row);
    Ok(MatchRecord {
        id: row.uuid("id")?,
        user_id: row.uuid("user_id")?,
        resume_id: row.uuid("resume_id")?,
        job_id: row.uuid("job_id")?,
        status: row.text("status")?,
        result_id: row.opt_uuid("result_id")?,
        error_message: row.opt_text("error_message")?,
        created_at: row.time("created_at")?,
        updated_at: row.time("updated_at")?,
    })
}

/// Columns of a `candidate_skills` insert, in [`skill_params`] order.
const SKILL_COLUMNS: [&str; 10] = [
    "id",
    "resume_id",
    "skill",
    "skill_id",
    "experience_years",
    "experience_years_exact",
    "proficiency",
    "proficiency_exact",
    "position",
    "created_at",
];

fn skill_params(resume_id: Uuid, position: usize, skill: &SkillRow) -> Vec<Param> {
    vec![
        Param::from(skill.id),
        Param::from(resume_id),
        Param::from(&skill.skill),
        Param::from(&skill.skill_id),
        Param::Int(legacy_years(skill.experience_years)),
        Param::from(skill.experience_years),
        Param::from(skill.proficiency.map(legacy_decimal)),
        Param::from(skill.proficiency),
        Param::from(i64::try_from(position).unwrap_or(i64::MAX)),
        Param::from(skill.created_at),
    ]
}

#[async_trait]
impl ResumeStore for MssqlStore {
    async fn insert_resume(&self, resume: &ResumeRecord) -> Result<(), StoreError> {
        self.execute(
            "insert_resume",
            "INSERT INTO resumes (id, user_id, filename, mime_type, storage_path, status,
                created_at, updated_at, is_deleted, parsed_summary)
             VALUES (@P1, @P2, @P3, @P4, @P5, @P6, @P7, @P8, 0, @P9)"
                .to_string(),
            vec![
                Param::from(resume.id),
                Param::from(resume.user_id),
                Param::from(&resume.filename),
                Param::from(&resume.mime_type),
                Param::from(&resume.storage_path),
                Param::from(&resume.status),
                Param::from(resume.created_at),
                Param::from(resume.updated_at),
                Param::from(&resume.parsed_summary.as_ref().map(|v| v.to_string())),
            ],
        )
        .await?;
        Ok(())
    }

    async fn resume(&self, user_id: Uuid, id: Uuid) -> Result<Option<ResumeRecord>, StoreError> {
        let row = self
            .fetch_optional(
                "resume",
                "SELECT * FROM resumes WHERE id = @P1 AND user_id = @P2 AND is_deleted = 0"
                    .to_string(),
                vec![Param::from(id), Param::from(user_id)],
            )
            .await?;
        row.as_ref().map(resume_from_row).transpose()
    }

    async fn resume_by_id(&self, id: Uuid) -> Result<Option<ResumeRecord>, StoreError> {
        let row = self
            .fetch_optional(
                "resume_by_id",
                "SELECT * FROM resumes WHERE id = @P1 AND is_deleted = 0".to_string(),
                vec![Param::from(id)],
            )
            .await?;
        row.as_ref().map(resume_from_row).transpose()
    }

    async fn list_resumes(&self, user_id: Uuid) -> Result<Vec<ResumeRecord>, StoreError> {
        let rows = self
            .fetch_all(
                "list_resumes",
                format!(
                    "SELECT * FROM resumes WHERE user_id = @P1 AND is_deleted = 0 {}",
                    sql::NEWEST_FIRST
                ),
                vec![Param::from(user_id)],
            )
            .await?;
        rows.iter().map(resume_from_row).collect()
    }

    async fn set_resume_status(
        &self,
        id: Uuid,
        status: DocumentStatus,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        self.execute(
            "set_resume_status",
            "UPDATE resumes SET status = @P2, error_message = @P3, updated_at = @P4
             WHERE id = @P1"
                .to_string(),
            vec![
                Param::from(id),
                Param::from(status.as_str()),
                Param::from(error),
                Param::from(Utc::now()),
            ],
        )
        .await?;
        Ok(())
    }

    async fn complete_resume(
        &self,
        id: Uuid,
        parsed: &serde_json::Value,
        skills: &[SkillRow],
    ) -> Result<(), StoreError> {
        let parsed = parsed.to_string();
        let rows: Vec<Vec<Param>> = skills
            .iter()
            .enumerate()
            .map(|(position, skill)| skill_params(id, position, skill))
            .collect();
        self.run("complete_resume", move |connection| {
            let (parsed, rows) = (parsed.clone(), rows.clone());
            Box::pin(async move {
                begin(connection).await?;
                // The lock keeps a concurrent purge out until this commits.
                let exists = query_rows(
                    connection,
                    "SELECT 1 AS found FROM resumes WITH (UPDLOCK, HOLDLOCK) WHERE id = @P1",
                    &[Param::from(id)],
                )
                .await?;
                if exists.is_empty() {
                    return commit(connection).await;
                }
                execute(
                    connection,
                    "DELETE FROM candidate_skills WHERE resume_id = @P1",
                    &[Param::from(id)],
                )
                .await?;
                insert_chunked(connection, "candidate_skills", &SKILL_COLUMNS, &rows).await?;
                execute(
                    connection,
                    "UPDATE resumes SET status = N'ready', parsed_summary = @P2,
                        error_message = NULL, updated_at = @P3 WHERE id = @P1",
                    &[
                        Param::from(id),
                        Param::from(parsed),
                        Param::from(Utc::now()),
                    ],
                )
                .await?;
                commit(connection).await
            })
        })
        .await
    }

    async fn resume_skills(&self, id: Uuid) -> Result<Vec<SkillRow>, StoreError> {
        let rows = self
            .fetch_all(
                "resume_skills",
                "SELECT id, skill, skill_id, created_at,
                    COALESCE(experience_years_exact, CAST(experience_years AS FLOAT))
                        AS experience_years,
                    COALESCE(proficiency_exact, CAST(proficiency AS FLOAT)) AS proficiency
                 FROM candidate_skills WHERE resume_id = @P1
                 ORDER BY position, created_at, CONVERT(CHAR(36), id)"
                    .to_string(),
                vec![Param::from(id)],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let row = RowReader::new(row);
                Ok(SkillRow {
                    id: row.uuid("id")?,
                    skill: row.text("skill")?,
                    skill_id: row.opt_text("skill_id")?,
                    experience_years: row.opt_f64("experience_years")?,
                    proficiency: row.opt_f64("proficiency")?,
                    created_at: row.time("created_at")?,
                })
            })
            .collect()
    }

    async fn delete_resume(&self, user_id: Uuid, id: Uuid) -> Result<bool, StoreError> {
        let now = Utc::now();
        let changed = self
            .execute(
                "delete_resume",
                "UPDATE resumes SET is_deleted = 1, deleted_at = @P3, updated_at = @P3
                 WHERE id = @P1 AND user_id = @P2 AND is_deleted = 0"
                    .to_string(),
                vec![Param::from(id), Param::from(user_id), Param::from(now)],
            )
            .await?;
        Ok(changed == 1)
    }
}

impl Store for MssqlStore {
    fn ping(&self) -> BoxFuture<'_, Result<(), StoreError>> {
        Box::pin(async move {
            self.fetch_all("ping", "SELECT 1 AS ok".to_string(), Vec::new())
                .await?;
            Ok(())
        })
    }
}
