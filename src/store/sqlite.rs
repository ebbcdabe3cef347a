//! SQLite implementation of the repository traits (the embedded default).

mod jobs;
mod lifecycle;
mod matches;
mod vectors;

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow};
use sqlx::{Row, SqlitePool};
use uuid::Uuid;

use super::{
    DocumentStatus, JobRecord, MatchRecord, QuotaOutcome, ResumeRecord, ResumeStore, SkillRow,
    Store, StoreError, User, UserStore,
};

/// Length of the quota window.
const QUOTA_WINDOW_DAYS: i64 = 365;

/// Repository on one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

/// Opens (creating when missing) the SQLite database at `url`.
pub async fn connect(url: &str) -> Result<SqlitePool, StoreError> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    Ok(pool)
}

/// Applies the service migrations in `sql/sqlite`. They never drop data.
pub async fn migrate(pool: &SqlitePool) -> Result<(), StoreError> {
    let mut migrator = sqlx::migrate!("./sql/sqlite");
    // The job queue keeps its own migrations in the default table of the same file.
    migrator.dangerous_set_table_name("layer1_migrations");
    migrator.run(pool).await?;
    Ok(())
}

/// Formats a time the way every timestamp column stores it (sortable as text).
fn ts(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

fn parse_ts(column: &'static str, value: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt {
            column,
            reason: e.to_string(),
        })
}

fn get_ts(row: &SqliteRow, column: &'static str) -> Result<DateTime<Utc>, StoreError> {
    let value: String = row.try_get(column)?;
    parse_ts(column, &value)
}

fn get_opt_ts(row: &SqliteRow, column: &'static str) -> Result<Option<DateTime<Utc>>, StoreError> {
    let value: Option<String> = row.try_get(column)?;
    value.map(|v| parse_ts(column, &v)).transpose()
}

fn get_uuid(row: &SqliteRow, column: &'static str) -> Result<Uuid, StoreError> {
    let value: String = row.try_get(column)?;
    Uuid::parse_str(&value).map_err(|e| StoreError::Corrupt {
        column,
        reason: e.to_string(),
    })
}

fn get_opt_uuid(row: &SqliteRow, column: &'static str) -> Result<Option<Uuid>, StoreError> {
    let value: Option<String> = row.try_get(column)?;
    value
        .map(|v| {
            Uuid::parse_str(&v).map_err(|e| StoreError::Corrupt {
                column,
                reason: e.to_string(),
            })
        })
        .transpose()
}

fn get_json(
    row: &SqliteRow,
    column: &'static str,
) -> Result<Option<serde_json::Value>, StoreError> {
    let value: Option<String> = row.try_get(column)?;
    value
        .map(|v| {
            serde_json::from_str(&v).map_err(|e| StoreError::Corrupt {
                column,
                reason: e.to_string(),
            })
        })
        .transpose()
}

fn user_from_row(row: &SqliteRow) -> Result<User, StoreError> {
    Ok(User {
        id: get_uuid(row, "id")?,
        auth0_sub: row.try_get("auth0_sub")?,
        annual_limit: row.try_get("annual_limit")?,
        annual_usage_count: row.try_get("annual_usage_count")?,
        annual_period_start: get_opt_ts(row, "annual_period_start")?,
    })
}

fn resume_from_row(row: &SqliteRow) -> Result<ResumeRecord, StoreError> {
    Ok(ResumeRecord {
        id: get_uuid(row, "id")?,
        user_id: get_uuid(row, "user_id")?,
        filename: row.try_get("filename")?,
        mime_type: row.try_get("mime_type")?,
        storage_path: row.try_get("storage_path")?,
        status: row.try_get("status")?,
        parsed_summary: get_json(row, "parsed_summary")?,
        error_message: row.try_get("error_message")?,
        created_at: get_ts(row, "created_at")?,
        updated_at: get_ts(row, "updated_at")?,
    })
}

fn job_from_row(row: &SqliteRow) -> Result<JobRecord, StoreError> {
    Ok(JobRecord {
        id: get_uuid(row, "id")?,
        user_id: get_uuid(row, "user_id")?,
        title: row.try_get("title")?,
        source: row.try_get("source")?,
        filename: row.try_get("filename")?,
        mime_type: row.try_get("mime_type")?,
        storage_path: row.try_get("storage_path")?,
        raw_text: row.try_get("raw_text")?,
        status: row.try_get("status")?,
        parsed_summary: get_json(row, "parsed_summary")?,
        error_message: row.try_get("error_message")?,
        created_at: get_ts(row, "created_at")?,
        updated_at: get_ts(row, "updated_at")?,
    })
}

fn match_from_row(row: &SqliteRow) -> Result<MatchRecord, StoreError> {
    Ok(MatchRecord {
        id: get_uuid(row, "id")?,
        user_id: get_uuid(row, "user_id")?,
        resume_id: get_uuid(row, "resume_id")?,
        job_id: get_uuid(row, "job_id")?,
        status: row.try_get("status")?,
        result_id: get_opt_uuid(row, "result_id")?,
        error_message: row.try_get("error_message")?,
        created_at: get_ts(row, "created_at")?,
        updated_at: get_ts(row, "updated_at")?,
    })
}

impl SqliteStore {
    /// Wraps a migrated pool.
    pub fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }

    /// Returns the pool (shared with the job queue).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Starts a transaction that holds the write lock from its first statement.
    ///
    /// A deferred transaction that reads first fails with `SQLITE_BUSY` at its first write,
    /// without waiting for the busy timeout, when another connection committed in between.
    /// `BEGIN IMMEDIATE` waits for the lock instead.
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, StoreError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}

#[async_trait]
impl UserStore for SqliteStore {
    async fn ensure_user(&self, sub: &str, annual_limit: i64) -> Result<User, StoreError> {
        let now = ts(Utc::now());
        sqlx::query(
            "INSERT INTO users (id, auth0_sub, annual_limit, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (auth0_sub) DO NOTHING",
        )
        .bind(Uuid::new_v4().to_string())
        .bind(sub)
        .bind(annual_limit)
        .bind(&now)
        .execute(&self.pool)
        .await?;

        let row = sqlx::query("SELECT * FROM users WHERE auth0_sub = ?1")
            .bind(sub)
            .fetch_one(&self.pool)
            .await?;
        user_from_row(&row)
    }

    async fn consume_quota(
        &self,
        user_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<QuotaOutcome, StoreError> {
        let window_start = ts(now - chrono::Duration::days(QUOTA_WINDOW_DAYS));
        let now = ts(now);
        // One statement: a stale or empty window restarts at 1, otherwise the count grows
        // only while it is below the limit.
        let result = sqlx::query(
            "UPDATE users SET
                annual_usage_count = CASE
                    WHEN annual_period_start IS NULL OR annual_period_start < ?2 THEN 1
                    ELSE annual_usage_count + 1 END,
                annual_period_start = CASE
                    WHEN annual_period_start IS NULL OR annual_period_start < ?2 THEN ?3
                    ELSE annual_period_start END,
                updated_at = ?3
             WHERE id = ?1 AND (
                annual_period_start IS NULL OR annual_period_start < ?2
                OR annual_usage_count < annual_limit)
                AND annual_limit > 0",
        )
        .bind(user_id.to_string())
        .bind(&window_start)
        .bind(&now)
        .execute(&self.pool)
        .await?;
        Ok(if result.rows_affected() == 1 {
            QuotaOutcome::Counted
        } else {
            QuotaOutcome::Exhausted
        })
    }

    async fn refund_quota(&self, user_id: Uuid) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE users SET annual_usage_count = MAX(annual_usage_count - 1, 0) WHERE id = ?1",
        )
        .bind(user_id.to_string())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn reset_quota(
        &self,
        sub_or_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<User>, StoreError> {
        let row = sqlx::query(
            "UPDATE users SET annual_usage_count = 0, annual_period_start = ?2, updated_at = ?2
             WHERE auth0_sub = ?1 OR id = ?1 RETURNING *",
        )
        .bind(sub_or_id)
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn user(&self, user_id: Uuid) -> Result<Option<User>, StoreError> {
        let row = sqlx::query("SELECT * FROM users WHERE id = ?1")
            .bind(user_id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }
}

#[async_trait]
impl ResumeStore for SqliteStore {
    async fn insert_resume(&self, resume: &ResumeRecord) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO resumes (id, user_id, filename, mime_type, storage_path, status,
                created_at, updated_at, parsed_summary)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .bind(resume.id.to_string())
        .bind(resume.user_id.to_string())
        .bind(&resume.filename)
        .bind(&resume.mime_type)
        .bind(&resume.storage_path)
        .bind(&resume.status)
        .bind(ts(resume.created_at))
        .bind(ts(resume.updated_at))
        .bind(resume.parsed_summary.as_ref().map(|v| v.to_string()))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn resume(&self, user_id: Uuid, id: Uuid) -> Result<Option<ResumeRecord>, StoreError> {
        let row =
            sqlx::query("SELECT * FROM resumes WHERE id = ?1 AND user_id = ?2 AND is_deleted = 0")
                .bind(id.to_string())
                .bind(user_id.to_string())
                .fetch_optional(&self.pool)
                .await?;
        row.as_ref().map(resume_from_row).transpose()
    }

    async fn resume_by_id(&self, id: Uuid) -> Result<Option<ResumeRecord>, StoreError> {
        let row = sqlx::query("SELECT * FROM resumes WHERE id = ?1 AND is_deleted = 0")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(resume_from_row).transpose()
    }

    async fn list_resumes(&self, user_id: Uuid) -> Result<Vec<ResumeRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM resumes WHERE user_id = ?1 AND is_deleted = 0
             ORDER BY created_at DESC, id DESC",
        )
        .bind(user_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(resume_from_row).collect()
    }

    async fn set_resume_status(
        &self,
        id: Uuid,
        status: DocumentStatus,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE resumes SET status = ?2, error_message = ?3, updated_at = ?4 WHERE id = ?1",
        )
        .bind(id.to_string())
        .bind(status.as_str())
        .bind(error)
        .bind(ts(Utc::now()))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn complete_resume(
        &self,
        id: Uuid,
        parsed: &serde_json::Value,
        skills: &[SkillRow],
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let exists = sqlx::query("SELECT 1 FROM resumes WHERE id = ?1")
            .bind(id.to_string())
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Ok(());
        }

        sqlx::query("DELETE FROM candidate_skills WHERE resume_id = ?1")
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        for (position, skill) in skills.iter().enumerate() {
            sqlx::query(
                "INSERT INTO candidate_skills (id, resume_id, skill, skill_id, experience_years,
                    proficiency, position, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .bind(skill.id.to_string())
            .bind(id.to_string())
            .bind(&skill.skill)
            .bind(&skill.skill_id)
            .bind(skill.experience_years)
            .bind(skill.proficiency)
            .bind(position as i64)
            .bind(ts(skill.created_at))
            .execute(&mut *tx)
            .await?;
        }

        sqlx::query(
            "UPDATE resumes SET status = 'ready', parsed_summary = ?2, error_message = NULL,
                updated_at = ?3 WHERE id = ?1",
        )
        .bind(id.to_string())
        .bind(parsed.to_string())
        .bind(ts(Utc::now()))
        .execute(&mut *tx)
        .await?;

        tx.commit().await?;
        Ok(())
    }

    async fn resume_skills(&self, id: Uuid) -> Result<Vec<SkillRow>, StoreError> {
        let rows =
            sqlx::query("SELECT * FROM candidate_skills WHERE resume_id = ?1 ORDER BY position")
                .bind(id.to_string())
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|row| {
                Ok(SkillRow {
                    id: get_uuid(row, "id")?,
                    skill: row.try_get("skill")?,
                    skill_id: row.try_get("skill_id")?,
                    experience_years: row.try_get("experience_years")?,
                    proficiency: row.try_get("proficiency")?,
                    created_at: get_ts(row, "created_at")?,
                })
            })
            .collect()
    }

    async fn delete_resume(&self, user_id: Uuid, id: Uuid) -> Result<bool, StoreError> {
        let now = ts(Utc::now());
        let result = sqlx::query(
            "UPDATE resumes SET is_deleted = 1, deleted_at = ?3, updated_at = ?3
             WHERE id = ?1 AND user_id = ?2 AND is_deleted = 0",
        )
        .bind(id.to_string())
        .bind(user_id.to_string())
        .bind(&now)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }
}

impl Store for SqliteStore {
    fn ping(&self) -> futures::future::BoxFuture<'_, Result<(), StoreError>> {
        Box::pin(async move {
            sqlx::query("SELECT 1").execute(&self.pool).await?;
            Ok(())
        })
    }
}
