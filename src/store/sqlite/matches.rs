//! SQLite implementation of [`MatchStore`]: match requests and results.

use async_trait::async_trait;
use chrono::Utc;
use sqlx::Row;
use uuid::Uuid;

use super::{SqliteStore, get_json, get_ts, get_uuid, match_from_row, ts};
use crate::store::{MatchRecord, MatchResult, MatchStatus, MatchStore, StoreError};

#[async_trait]
impl MatchStore for SqliteStore {
    async fn insert_match(&self, record: &MatchRecord) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO match_jobs (id, user_id, resume_id, job_id, status, created_at,
                updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(record.id.to_string())
        .bind(record.user_id.to_string())
        .bind(record.resume_id.to_string())
        .bind(record.job_id.to_string())
        .bind(&record.status)
        .bind(ts(record.created_at))
        .bind(ts(record.updated_at))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn match_record(
        &self,
        user_id: Uuid,
        id: Uuid,
    ) -> Result<Option<MatchRecord>, StoreError> {
        let row = sqlx::query("SELECT * FROM match_jobs WHERE id = ?1 AND user_id = ?2")
            .bind(id.to_string())
            .bind(user_id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(match_from_row).transpose()
    }

    async fn match_by_id(&self, id: Uuid) -> Result<Option<MatchRecord>, StoreError> {
        let row = sqlx::query("SELECT * FROM match_jobs WHERE id = ?1")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(match_from_row).transpose()
    }

    async fn list_matches(&self, user_id: Uuid) -> Result<Vec<MatchRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM match_jobs WHERE user_id = ?1 ORDER BY created_at DESC, id DESC",
        )
        .bind(user_id.to_string())
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
            "UPDATE match_jobs SET status = ?2, error_message = ?3, updated_at = ?4 WHERE id = ?1",
        )
        .bind(id.to_string())
        .bind(status.as_str())
        .bind(error)
        .bind(ts(Utc::now()))
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
        let mut tx = self.begin_write().await?;
        let request = sqlx::query("SELECT * FROM match_jobs WHERE id = ?1")
            .bind(id.to_string())
            .fetch_one(&mut *tx)
            .await?;

        let request = match_from_row(&request)?;
        let now = ts(Utc::now());
        // A redelivered job overwrites the result it wrote before instead of adding one.
        let result_id = request.result_id.unwrap_or_else(Uuid::new_v4);
        sqlx::query(
            "INSERT INTO matches (id, user_id, resume_id, job_id, status, score, summary,
                created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'completed', ?5, ?6, ?7, ?7)
             ON CONFLICT (id) DO UPDATE SET score = excluded.score,
                summary = excluded.summary, updated_at = excluded.updated_at",
        )
        .bind(result_id.to_string())
        .bind(request.user_id.to_string())
        .bind(request.resume_id.to_string())
        .bind(request.job_id.to_string())
        .bind(score)
        .bind(summary.to_string())
        .bind(&now)
        .execute(&mut *tx)
        .await?;

        sqlx::query(
            "UPDATE match_jobs SET status = 'completed', result_id = ?2, error_message = NULL,
                updated_at = ?3 WHERE id = ?1",
        )
        .bind(id.to_string())
        .bind(result_id.to_string())
        .bind(&now)
        .execute(&mut *tx)
        .await?;

        tx.commit().await?;
        Ok(result_id)
    }

    async fn match_result(&self, result_id: Uuid) -> Result<Option<MatchResult>, StoreError> {
        let row = sqlx::query("SELECT * FROM matches WHERE id = ?1")
            .bind(result_id.to_string())
            .fetch_optional(&self.pool)
            .await?;

        let Some(row) = row else {
            return Ok(None);
        };
        Ok(Some(MatchResult {
            id: get_uuid(&row, "id")?,
            score: row.try_get::<Option<f64>, _>("score")?.unwrap_or_default(),
            summary: get_json(&row, "summary")?.unwrap_or(serde_json::Value::Null),
            completed_at: get_ts(&row, "updated_at")?,
        }))
    }
}
