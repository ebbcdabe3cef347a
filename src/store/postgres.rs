//! PostgreSQL implementation of the repository traits.
//!
//! Semantics match the SQLite store. SQLite serialises writers with one database-wide write
//! lock (`BEGIN IMMEDIATE`), and this store locks the rows involved instead. Completing a
//! document locks its row with `FOR NO KEY UPDATE` and purging locks it with `FOR UPDATE`, so
//! a purge and a late worker never interleave and a purged document stays purged.

mod jobs;
mod lifecycle;
mod matches;
mod text;
mod vectors;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::{PgPoolOptions, PgRow};
use sqlx::{PgPool, Row};
use uuid::Uuid;

use super::{
    DocumentStatus, JobRecord, MatchRecord, QuotaOutcome, ResumeRecord, ResumeStore, SkillRow,
    Store, StoreError, User, UserStore,
};
use text::{clean_json, clean_text};

/// Length of the quota window.
const QUOTA_WINDOW_DAYS: i64 = 365;

/// Name of the table that records applied migrations. The job queue (apalis-postgres) keeps
/// its own migrations in sqlx's default table of the same database.
const MIGRATIONS_TABLE: &str = "layer1_migrations";

/// Repository on one PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to the database at `url` (`postgres://user:password@host:port/database`)
    /// with a pool of at most `max_connections`, and applies the migrations in
    /// `sql/postgres`.
    ///
    /// # Errors
    ///
    /// Returns [`StoreError::Database`] when the URL is invalid or the server rejects the
    /// connection, and [`StoreError::Migrate`] when a migration fails.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .connect(url)
            .await?;
        migrate(&pool).await?;
        Ok(Self::new(pool))
    }

    /// Wraps a migrated pool.
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Returns the pool (shared with the job queue).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// Applies the service migrations in `sql/postgres`. They never drop data.
///
/// # Errors
///
/// Returns [`StoreError::Migrate`] when a migration fails or an applied one was changed.
pub async fn migrate(pool: &PgPool) -> Result<(), StoreError> {
    let mut migrator = sqlx::migrate!("./sql/postgres");
    migrator.dangerous_set_table_name(MIGRATIONS_TABLE);
    migrator.run(pool).await?;
    Ok(())
}

/// Converts a count or position to the `INTEGER` columns that store it.
fn to_i32(column: &'static str, value: usize) -> Result<i32, StoreError> {
    i32::try_from(value).map_err(|_| StoreError::Corrupt {
        column,
        reason: format!("{value} does not fit in an INTEGER column"),
    })
}

fn user_from_row(row: &PgRow) -> Result<User, StoreError> {
    Ok(User {
        id: row.try_get("id")?,
        auth0_sub: row.try_get("auth0_sub")?,
        annual_limit: row.try_get("annual_limit")?,
        annual_usage_count: row.try_get("annual_usage_count")?,
        annual_period_start: row.try_get("annual_period_start")?,
    })
}

fn resume_from_row(row: &PgRow) -> Result<ResumeRecord, StoreError> {
    Ok(ResumeRecord {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        filename: row.try_get("filename")?,
        mime_type: row.try_get("mime_type")?,
        storage_path: row.try_get("storage_path")?,
        status: row.try_get("status")?,
        parsed_summary: row.try_get("parsed_summary")?,
        error_message: row.try_get("error_message")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn job_from_row(row: &PgRow) -> Result<JobRecord, StoreError> {
    Ok(JobRecord {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        title: row.try_get("title")?,
        source: row.try_get("source")?,
        filename: row.try_get("filename")?,
        mime_type: row.try_get("mime_type")?,
        storage_path: row.try_get("storage_path")?,
        raw_text: row.try_get("raw_text")?,
        status: row.try_get("status")?,
        parsed_summary: row.try_get("parsed_summary")?,
        error_message: row.try_get("error_message")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn match_from_row(row: &PgRow) -> Result<MatchRecord, StoreError> {
    Ok(MatchRecord {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        resume_id: row.try_get("resume_id")?,
        job_id: row.try_get("job_id")?,
        status: row.try_get("status")?,
        result_id: row.try_get("result_id")?,
        error_message: row.try_get("error_message")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

#[async_trait]
impl UserStore for PostgresStore {
    async fn ensure_user(&self, sub: &str, annual_limit: i64) -> Result<User, StoreError> {
        let now = Utc::now();
        sqlx::query(
            "INSERT INTO users (id, auth0_sub, annual_limit, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $4) ON CONFLICT (auth0_sub) DO NOTHING",
        )
        .bind(Uuid::new_v4())
        .bind(sub)
        .bind(annual_limit)
        .bind(now)
        .execute(&self.pool)
        .await?;

        let row = sqlx::query("SELECT * FROM users WHERE auth0_sub = $1")
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
        let window_start = now - chrono::Duration::days(QUOTA_WINDOW_DAYS);
        // One statement: a stale or empty window restarts at 1, otherwise the count grows
        // only while it is below the limit. Under READ COMMITTED a concurrent update of the
        // same row makes PostgreSQL re-check the WHERE clause on the committed row, so
        // concurrent requests never count past the limit.
        let result = sqlx::query(
            "UPDATE users SET
                annual_usage_count = CASE
                    WHEN annual_period_start IS NULL OR annual_period_start < $2 THEN 1
                    ELSE annual_usage_count + 1 END,
                annual_period_start = CASE
                    WHEN annual_period_start IS NULL OR annual_period_start < $2 THEN $3
                    ELSE annual_period_start END,
                updated_at = $3
             WHERE id = $1 AND (
                annual_period_start IS NULL OR annual_period_start < $2
                OR annual_usage_count < annual_limit)
                AND annual_limit > 0",
        )
        .bind(user_id)
        .bind(window_start)
        .bind(now)
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
            "UPDATE users SET annual_usage_count = GREATEST(annual_usage_count - 1, 0)
             WHERE id = $1",
        )
        .bind(user_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn reset_quota(
        &self,
        sub_or_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<User>, StoreError> {
        // The id column is a UUID, so a value that is not one can only be an auth subject.
        let id = Uuid::parse_str(sub_or_id).ok();
        let row = sqlx::query(
            "UPDATE users SET annual_usage_count = 0, annual_period_start = $3, updated_at = $3
             WHERE auth0_sub = $1 OR id = $2 RETURNING *",
        )
        .bind(sub_or_id)
        .bind(id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn user(&self, user_id: Uuid) -> Result<Option<User>, StoreError> {
        let row = sqlx::query("SELECT * FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }
}

#[async_trait]
impl ResumeStore for PostgresStore {
    async fn insert_resume(&self, resume: &ResumeRecord) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO resumes (id, user_id, filename, mime_type, storage_path, status,
                created_at, updated_at, parsed_summary)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(resume.id)
        .bind(resume.user_id)
        .bind(clean_text(&resume.filename))
        .bind(&resume.mime_type)
        .bind(&resume.storage_path)
        .bind(&resume.status)
        .bind(resume.created_at)
        .bind(resume.updated_at)
        .bind(resume.parsed_summary.as_ref().map(clean_json))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn resume(&self, user_id: Uuid, id: Uuid) -> Result<Option<ResumeRecord>, StoreError> {
        let row =
            sqlx::query("SELECT * FROM resumes WHERE id = $1 AND user_id = $2 AND NOT is_deleted")
                .bind(id)
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?;
        row.as_ref().map(resume_from_row).transpose()
    }

    async fn resume_by_id(&self, id: Uuid) -> Result<Option<ResumeRecord>, StoreError> {
        let row = sqlx::query("SELECT * FROM resumes WHERE id = $1 AND NOT is_deleted")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(resume_from_row).transpose()
    }

    async fn list_resumes(&self, user_id: Uuid) -> Result<Vec<ResumeRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM resumes WHERE user_id = $1 AND NOT is_deleted
             ORDER BY created_at DESC, id DESC",
        )
        .bind(user_id)
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
            "UPDATE resumes SET status = $2, error_message = $3, updated_at = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(status.as_str())
        .bind(error.map(clean_text))
        .bind(Utc::now())
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
        let mut tx = self.pool.begin().await?;
        // The row lock waits for a purge under way, and a purged resume has no row left to lock.
        let exists = sqlx::query("SELECT 1 FROM resumes WHERE id = $1 FOR NO KEY UPDATE")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Ok(());
        }

        sqlx::query("DELETE FROM candidate_skills WHERE resume_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for (position, skill) in skills.iter().enumerate() {
            sqlx::query(
                "INSERT INTO candidate_skills (id, resume_id, skill, skill_id, experience_years,
                    proficiency, position, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(skill.id)
            .bind(id)
            .bind(clean_text(&skill.skill))
            .bind(&skill.skill_id)
            .bind(skill.experience_years)
            .bind(skill.proficiency)
            .bind(to_i32("candidate_skills.position", position)?)
            .bind(skill.created_at)
            .execute(&mut *tx)
            .await?;
        }

        sqlx::query(
            "UPDATE resumes SET status = 'ready', parsed_summary = $2, error_message = NULL,
                updated_at = $3 WHERE id = $1",
        )
        .bind(id)
        .bind(clean_json(parsed))
        .bind(Utc::now())
        .execute(&mut *tx)
        .await?;

        tx.commit().await?;
        Ok(())
    }

    async fn resume_skills(&self, id: Uuid) -> Result<Vec<SkillRow>, StoreError> {
        let rows =
            sqlx::query("SELECT * FROM candidate_skills WHERE resume_id = $1 ORDER BY position")
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|row| {
                Ok(SkillRow {
                    id: row.try_get("id")?,
                    skill: row.try_get("skill")?,
                    skill_id: row.try_get("skill_id")?,
                    experience_years: row.try_get("experience_years")?,
                    proficiency: row.try_get("proficiency")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }

    async fn delete_resume(&self, user_id: Uuid, id: Uuid) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "UPDATE resumes SET is_deleted = TRUE, deleted_at = $3, updated_at = $3
             WHERE id = $1 AND user_id = $2 AND NOT is_deleted",
        )
        .bind(id)
        .bind(user_id)
        .bind(Utc::now())
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }
}

impl Store for PostgresStore {
    fn ping(&self) -> futures::future::BoxFuture<'_, Result<(), StoreError>> {
        Box::pin(async move {
            sqlx::query("SELECT 1").execute(&self.pool).await?;
            Ok(())
        })
    }
}
