//! PostgreSQL implementation of [`MatchStore`]: match requests and results.

use async_trait::async_trait;
use chrono::Utc;
use sqlx::Row;
use uuid::Uuid;

use super::text::{clean_json, clean_text};
use super::{PostgresStore, match_from_row};
use crate::store::{MatchRecord, MatchResult, MatchStatus, MatchStore, StoreError};

impl PostgresStore {
    /// Locks a match request for completion, or fails with `RowNotFound` when it is gone.
    ///
    /// The resume and job rows are share-locked first, so a purge under way finishes (removing
    /// the request) before the request is read. A purge that starts later waits until the
    /// result is written, and then removes it too.
    async fn lock_request(
        tx: &mut sqlx::PgConnection,
        id: Uuid,
    ) -> Result<MatchRecord, StoreError> {
        let request = sqlx::query("SELECT * FROM match_jobs WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let request = match_from_row(&request)?;

        sqlx::query("SELECT 1 FROM resumes WHERE id = $1 FOR KEY SHARE")
            .bind(request.resume_id)
            .fetch_optional(&mut *tx)
            .await?;
        sqlx::query("SELECT 1 FROM job_descriptions WHERE id = $1 FOR KEY SHARE")
            .bind(request.job_id)
            .fetch_optional(&mut *tx)
            .await?;

        // Read again under the lock, because a concurrent delivery may have written a result.
        let request = sqlx::query("SELECT * FROM match_jobs WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        match_from_row(&request)
    }
}

#[async_trait]
impl MatchStore for PostgresStore {
    async fn insert_match(&self, record: &MatchRecord) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO match_jobs (id, user_id, resume_id, job_id, status, created_at,
                updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(record.id)
        .bind(record.user_id)
        .bind(record.resume_id)
        .bind(record.job_id)
        .bind(&record.status)
        .bind(record.created_at)
        .bind(record.updated_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn match_record(
        &self,
        user_id: Uuid,
        id: Uuid,
    ) -> Result<Option<MatchRecord>, StoreError> {
        let row = sqlx::query("SELECT * FROM match_jobs WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(match_from_row).transpose()
    }

    async fn match_by_id(&self, id: Uuid) -> Result<Option<MatchRecord>, StoreError> {
        let row = sqlx::query("SELECT * FROM match_jobs WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(match_from_row).transpose()
    }

    async fn list_matches(&self, user_id: Uuid) -> Result<Vec<MatchRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM match_jobs WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(match_from_row).collect()
    }

    async fn set_match_status(
        &self,
        id: Uuid,
        status: MatchStatus,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE match_jobs SET status = $2, error_message = $3, updated_at = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(status.as_str())
        .bind(error.map(clean_text))
        .bind(Utc::now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn complete_match(
        &self,
        id: Uuid,
        score: f64,
        summary: &serde_json::Value,
    ) -> Result<Uuid, StoreError> {
        let mut tx = self.pool.begin().await?;
        let request = Self::lock_request(&mut tx, id).await?;

        let now = Utc::now();
        // A redelivered job overwrites the result it wrote before instead of adding one.
        let result_id = request.result_id.unwrap_or_else(Uuid::new_v4);
        sqlx::query(
            "INSERT INTO matches (id, user_id, resume_id, job_id, status, score, summary,
                created_at, updated_at) VALUES ($1, $2, $3, $4, 'completed', $5, $6, $7, $7)
             ON CONFLICT (id) DO UPDATE SET score = excluded.score,
                summary = excluded.summary, updated_at = excluded.updated_at",
        )
        .bind(result_id)
        .bind(request.user_id)
        .bind(request.resume_id)
        .bind(request.job_id)
        .bind(score)
        .bind(clean_json(summary))
        .bind(now)
        .execute(&mut *tx)
        .await?;

        sqlx::query(
            "UPDATE match_jobs SET status = 'completed', result_id = $2, error_message = NULL,
                updated_at = $3 WHERE id = $1",
        )
        .bind(id)
        .bind(result_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;

        tx.commit().await?;
        Ok(result_id)
    }

    async fn match_result(&self, result_id: Uuid) -> Result<Option<MatchResult>, StoreError> {
        let row = sqlx::query("SELECT * FROM matches WHERE id = $1")
            .bind(result_id)
            .fetch_optional(&self.pool)
            .await?;

        let Some(row) = row else {
            return Ok(None);
        };
        Ok(Some(MatchResult {
            id: row.try_get("id")?,
            score: row.try_get::<Option<f64>, _>("score")?.unwrap_or_default(),
            summary: row
                .try_get::<Option<serde_json::Value>, _>("summary")?
                .unwrap_or(serde_json::Value::Null),
            completed_at: row.try_get("updated_at")?,
        }))
    }
}
