//! PostgreSQL implementation of [`LifecycleStore`]: keyset pages, re-queueing and purging.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::PgRow;
use sqlx::{AssertSqlSafe, PgConnection, Row};
use uuid::Uuid;

use super::{PostgresStore, job_from_row, match_from_row, resume_from_row};
use crate::store::lifecycle::{
    ExpiredItem, ItemKind, LifecycleStore, ListPage, PurgedItem, RequeueOutcome,
};
use crate::store::{JobRecord, MatchRecord, ResumeRecord, StoreError};

/// Builds a newest-first keyset query over `table`. `$1` is the user and `$4` the limit (NULL
/// for all). `$2` and `$3` are the position of the last row already seen, both NULL for the
/// first page.
fn page_sql(table: &str, visible: &str) -> String {
    format!(
        "SELECT * FROM {table} WHERE user_id = $1 {visible}
           AND ($2::timestamptz IS NULL OR created_at < $2 OR (created_at = $2 AND id < $3))
         ORDER BY created_at DESC, id DESC LIMIT $4"
    )
}

impl PostgresStore {
    async fn page_rows(
        &self,
        sql: String,
        user_id: Uuid,
        page: ListPage,
    ) -> Result<Vec<PgRow>, StoreError> {
        let (created, id) = page
            .before
            .map(|(created, id)| (Some(created), Some(id)))
            .unwrap_or_default();
        // The SQL comes from `page_sql` over fixed table names, and values are bound.
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(user_id)
            .bind(created)
            .bind(id)
            .bind(page.limit.map(i64::from))
            .fetch_all(self.pool())
            .await?;
        Ok(rows)
    }

    /// Deletes the match requests and results that used a resume or a job.
    ///
    /// The requests are locked in id order first, so two purges that share requests (a
    /// resume and a job purged at once) wait for each other instead of deadlocking.
    async fn delete_matches_of(
        tx: &mut PgConnection,
        column: &str,
        id: Uuid,
    ) -> Result<(), StoreError> {
        // The callers pass `resume_id` or `job_id` as `column`, and values are bound.
        sqlx::query(AssertSqlSafe(format!(
            "SELECT id FROM match_jobs WHERE {column} = $1 ORDER BY id FOR UPDATE"
        )))
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        for table in ["match_jobs", "matches"] {
            sqlx::query(AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE {column} = $1"
            )))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        Ok(())
    }

    /// Locks a document of a user for deletion and returns its object key, or `None` when
    /// the user has no such document. Waits for a worker that is completing it.
    async fn lock_for_purge(
        tx: &mut PgConnection,
        table: &str,
        user_id: Uuid,
        id: Uuid,
    ) -> Result<Option<PurgedItem>, StoreError> {
        // The callers pass `resumes` or `job_descriptions` as `table`, and values are bound.
        let row = sqlx::query(AssertSqlSafe(format!(
            "SELECT storage_path FROM {table} WHERE id = $1 AND user_id = $2 FOR UPDATE"
        )))
        .bind(id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        row.map(|row| {
            Ok(PurgedItem {
                storage_path: row.try_get("storage_path")?,
            })
        })
        .transpose()
    }
}

#[async_trait]
impl LifecycleStore for PostgresStore {
    async fn resume_page(
        &self,
        user_id: Uuid,
        page: ListPage,
    ) -> Result<Vec<ResumeRecord>, StoreError> {
        let sql = page_sql("resumes", "AND NOT is_deleted");
        let rows = self.page_rows(sql, user_id, page).await?;
        rows.iter().map(resume_from_row).collect()
    }

    async fn job_page(&self, user_id: Uuid, page: ListPage) -> Result<Vec<JobRecord>, StoreError> {
        let sql = page_sql("job_descriptions", "AND NOT is_deleted");
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
            ItemKind::Resume => ("resumes", "error", "AND NOT is_deleted"),
            ItemKind::Job => ("job_descriptions", "error", "AND NOT is_deleted"),
            ItemKind::Match => ("match_jobs", "failed", ""),
        };

        // Table, status and filter come from the match above, and values are bound.
        let updated = sqlx::query(AssertSqlSafe(format!(
            "UPDATE {table} SET status = 'queued', error_message = NULL, updated_at = $3
             WHERE id = $1 AND user_id = $2 AND status = '{failed}' {visible}"
        )))
        .bind(id)
        .bind(user_id)
        .bind(Utc::now())
        .execute(self.pool())
        .await?;
        if updated.rows_affected() == 1 {
            return Ok(RequeueOutcome::Requeued);
        }
        let exists = sqlx::query(AssertSqlSafe(format!(
            "SELECT 1 FROM {table} WHERE id = $1 AND user_id = $2 {visible}"
        )))
        .bind(id)
        .bind(user_id)
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
        let mut tx = self.pool().begin().await?;
        let Some(purged) = Self::lock_for_purge(&mut tx, "resumes", user_id, id).await? else {
            return Ok(None);
        };
        Self::delete_matches_of(&mut tx, "resume_id", id).await?;
        // Deleting the resume also deletes its vectors (ON DELETE CASCADE).
        for statement in [
            "DELETE FROM candidate_skills WHERE resume_id = $1",
            "DELETE FROM resumes WHERE id = $1",
        ] {
            sqlx::query(statement).bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(Some(purged))
    }

    async fn purge_job(&self, user_id: Uuid, id: Uuid) -> Result<Option<PurgedItem>, StoreError> {
        let mut tx = self.pool().begin().await?;
        let Some(purged) = Self::lock_for_purge(&mut tx, "job_descriptions", user_id, id).await?
        else {
            return Ok(None);
        };
        Self::delete_matches_of(&mut tx, "job_id", id).await?;
        // Deleting the job also deletes its vectors (ON DELETE CASCADE).
        for statement in [
            "DELETE FROM requirements WHERE job_id = $1",
            "DELETE FROM job_soft_skills WHERE job_id = $1",
            "DELETE FROM job_descriptions WHERE id = $1",
        ] {
            sqlx::query(statement).bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(Some(purged))
    }

    async fn expired_items(
        &self,
        cutoff: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<ExpiredItem>, StoreError> {
        let rows = sqlx::query(
            "SELECT 'resume' AS kind, id, user_id FROM resumes WHERE created_at < $1
             UNION ALL
             SELECT 'job' AS kind, id, user_id FROM job_descriptions WHERE created_at < $1
             LIMIT $2",
        )
        .bind(cutoff)
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
                    user_id: row.try_get("user_id")?,
                    id: row.try_get("id")?,
                })
            })
            .collect()
    }
}
