//! SQLite implementation of [`LifecycleStore`]: keyset pages, re-queueing and purging.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{AssertSqlSafe, Row};
use uuid::Uuid;

use super::{SqliteStore, get_uuid, job_from_row, match_from_row, resume_from_row, ts};
use crate::store::lifecycle::{
    ExpiredItem, ItemKind, LifecycleStore, ListPage, PurgedItem, RequeueOutcome,
};
use crate::store::{JobRecord, MatchRecord, ResumeRecord, StoreError};

/// Builds a newest-first keyset query over `table`. `?1` is the user and `?4` the limit (-1
/// for all). `?2` and `?3` are the position of the last row already seen, both NULL for the
/// first page.
fn page_sql(table: &str, visible: &str) -> String {
    format!(
        "SELECT * FROM {table} WHERE user_id = ?1 {visible}
           AND (?2 IS NULL OR created_at < ?2 OR (created_at = ?2 AND id < ?3))
         ORDER BY created_at DESC, id DESC LIMIT ?4"
    )
}

impl SqliteStore {
    async fn page_rows(
        &self,
        sql: String,
        user_id: Uuid,
        page: ListPage,
    ) -> Result<Vec<sqlx::sqlite::SqliteRow>, StoreError> {
        let (created, id) = page
            .before
            .map(|(created, id)| (Some(ts(created)), Some(id.to_string())))
            .unwrap_or_default();
        let limit = page.limit.map_or(-1, i64::from);
        // The SQL comes from `page_sql` over fixed table names; values are bound.
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(user_id.to_string())
            .bind(created)
            .bind(id)
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        Ok(rows)
    }

    /// Deletes the match requests and results that used a resume or a job.
    async fn delete_matches_of(
        tx: &mut sqlx::SqliteConnection,
        column: &str,
        id: &str,
    ) -> Result<(), StoreError> {
        // `column` is `resume_id` or `job_id`, fixed by the callers; values are bound.
        sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM match_jobs WHERE {column} = ?1"
        )))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM matches WHERE {column} = ?1"
        )))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        Ok(())
    }
}

#[async_trait]
impl LifecycleStore for SqliteStore {
    async fn resume_page(
        &self,
        user_id: Uuid,
        page: ListPage,
    ) -> Result<Vec<ResumeRecord>, StoreError> {
        let sql = page_sql("resumes", "AND is_deleted = 0");
        let rows = self.page_rows(sql, user_id, page).await?;
        rows.iter().map(resume_from_row).collect()
    }

    async fn job_page(&self, user_id: Uuid, page: ListPage) -> Result<Vec<JobRecord>, StoreError> {
        let sql = page_sql("job_descriptions", "AND is_deleted = 0");
        let rows = self.page_rows(sql, user_id, page).await?;
        rows.iter().map(job_from_row).collect()
    }

    async fn match_page(
        &self,
        user_id: Uuid,
        page: ListPage,
    ) -> Result<Vec<MatchRecord>, StoreError> {
        let sql = page_sql("match_jobs", "");
        let rows = self.page_rows(sql, user_id, page).await?;
        rows.iter().map(match_from_row).collect()
    }

    async fn requeue_failed(
        &self,
        kind: ItemKind,
        user_id: Uuid,
        id: Uuid,
    ) -> Result<RequeueOutcome, StoreError> {
        let (table, failed, visible) = match kind {
            ItemKind::Resume => ("resumes", "error", "AND is_deleted = 0"),
            ItemKind::Job => ("job_descriptions", "error", "AND is_deleted = 0"),
            ItemKind::Match => ("match_jobs", "failed", ""),
        };
        // Table, status and filter come from the match above; values are bound.
        let updated = sqlx::query(AssertSqlSafe(format!(
            "UPDATE {table} SET status = 'queued', error_message = NULL, updated_at = ?3
             WHERE id = ?1 AND user_id = ?2 AND status = '{failed}' {visible}"
        )))
        .bind(id.to_string())
        .bind(user_id.to_string())
        .bind(ts(Utc::now()))
        .execute(self.pool())
        .await?;
        if updated.rows_affected() == 1 {
            return Ok(RequeueOutcome::Requeued);
        }
        let exists = sqlx::query(AssertSqlSafe(format!(
            "SELECT 1 FROM {table} WHERE id = ?1 AND user_id = ?2 {visible}"
        )))
        .bind(id.to_string())
        .bind(user_id.to_string())
        .fetch_optional(self.pool())
        .await?;
        Ok(if exists.is_some() {
            RequeueOutcome::NotFailed
        } else {
            RequeueOutcome::NotFound
        })
    }

    async fn purge_resume(
        &self,
        user_id: Uuid,
        id: Uuid,
    ) -> Result<Option<PurgedItem>, StoreError> {
        let id = id.to_string();
        // A purge reads before it deletes: see `begin_write` for why it locks up front.
        let mut tx = self.begin_write().await?;
        let row = sqlx::query("SELECT storage_path FROM resumes WHERE id = ?1 AND user_id = ?2")
            .bind(&id)
            .bind(user_id.to_string())
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let storage_path: Option<String> = row.try_get("storage_path")?;
        Self::delete_matches_of(&mut tx, "resume_id", &id).await?;
        sqlx::query("DELETE FROM candidate_skills WHERE resume_id = ?1")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM resumes WHERE id = ?1")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(PurgedItem { storage_path }))
    }

    async fn purge_job(&self, user_id: Uuid, id: Uuid) -> Result<Option<PurgedItem>, StoreError> {
        let id = id.to_string();
        // A purge reads before it deletes: see `begin_write` for why it locks up front.
        let mut tx = self.begin_write().await?;
        let row =
            sqlx::query("SELECT storage_path FROM job_descriptions WHERE id = ?1 AND user_id = ?2")
                .bind(&id)
                .bind(user_id.to_string())
                .fetch_optional(&mut *tx)
                .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let storage_path: Option<String> = row.try_get("storage_path")?;
        Self::delete_matches_of(&mut tx, "job_id", &id).await?;
        for statement in [
            "DELETE FROM requirements WHERE job_id = ?1",
            "DELETE FROM job_soft_skills WHERE job_id = ?1",
            "DELETE FROM job_descriptions WHERE id = ?1",
        ] {
            sqlx::query(statement).bind(&id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(Some(PurgedItem { storage_path }))
    }

    async fn expired_items(
        &self,
        cutoff: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<ExpiredItem>, StoreError> {
        let rows = sqlx::query(
            "SELECT 'resume' AS kind, id, user_id FROM resumes WHERE created_at < ?1
             UNION ALL
             SELECT 'job' AS kind, id, user_id FROM job_descriptions WHERE created_at < ?1
             LIMIT ?2",
        )
        .bind(ts(cutoff))
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get("kind")?;
                Ok(ExpiredItem {
                    kind: if kind == "resume" {
                        ItemKind::Resume
                    } else {
                        ItemKind::Job
                    },
                    user_id: get_uuid(row, "user_id")?,
                    id: get_uuid(row, "id")?,
                })
            })
            .collect()
    }
}
