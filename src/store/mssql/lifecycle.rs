//! SQL Server implementation of [`LifecycleStore`]: keyset pages, re-queueing and purging.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tiberius::Row;
use uuid::Uuid;

use super::error::MssqlError;
use super::pool::Connection;
use super::values::{Param, RowReader};
use super::{
    MssqlStore, begin, commit, execute, job_from_row, match_from_row, query_rows, resume_from_row,
    sql,
};
use crate::store::lifecycle::{
    ExpiredItem, ItemKind, LifecycleStore, ListPage, PurgedItem, RequeueOutcome,
};
use crate::store::{JobRecord, MatchRecord, ResumeRecord, StoreError};

impl MssqlStore {
    async fn page_rows(
        &self,
        operation: &'static str,
        table: &str,
        visible: &str,
        user_id: Uuid,
        page: ListPage,
    ) -> Result<Vec<Row>, StoreError> {
        let (created, id) = match page.before {
            Some((created, id)) => (Some(created), Some(id)),
            None => (None, None),
        };
        let mut params = vec![Param::from(user_id), Param::from(created), Param::from(id)];
        if let Some(limit) = page.limit {
            params.push(Param::from(i64::from(limit)));
        }
        let statement = sql::page(table, visible, page.limit.is_some());
        self.fetch_all(operation, statement, params).await
    }
}

/// Deletes a document's match requests and results (requests first: they reference results).
/// `column` is `resume_id` or `job_id`, fixed by the callers.
async fn delete_matches_of(
    connection: &mut Connection,
    column: &str,
    id: Uuid,
) -> Result<(), MssqlError> {
    execute(
        connection,
        &format!(
            "DELETE FROM match_jobs WHERE {column} = @P1;
             DELETE FROM matches WHERE {column} = @P1;"
        ),
        &[Param::from(id)],
    )
    .await?;
    Ok(())
}

/// Locks a document of a user for the rest of the transaction and returns its object key, or
/// `None` when the user has no such document.
async fn lock_document(
    connection: &mut Connection,
    table: &str,
    user_id: Uuid,
    id: Uuid,
) -> Result<Option<Option<String>>, MssqlError> {
    let rows = query_rows(
        connection,
        &format!(
            "SELECT storage_path FROM {table} WITH (UPDLOCK, HOLDLOCK)
             WHERE id = @P1 AND user_id = @P2"
        ),
        &[Param::from(id), Param::from(user_id)],
    )
    .await?;
    rows.first()
        .map(|row| RowReader::new(row).opt_text("storage_path"))
        .transpose()
        .map_err(super::decode_error)
}

#[async_trait]
impl LifecycleStore for MssqlStore {
    async fn resume_page(
        &self,
        user_id: Uuid,
        page: ListPage,
    ) -> Result<Vec<ResumeRecord>, StoreError> {
        let rows = self
            .page_rows(
                "resume_page",
                "resumes",
                "AND is_deleted = 0",
                user_id,
                page,
            )
            .await?;
        rows.iter().map(resume_from_row).collect()
    }

    async fn job_page(&self, user_id: Uuid, page: ListPage) -> Result<Vec<JobRecord>, StoreError> {
        let rows = self
            .page_rows(
                "job_page",
                "job_descriptions",
                "AND is_deleted = 0",
                user_id,
                page,
            )
            .await?;
        rows.iter().map(job_from_row).collect()
    }

    async fn match_page(
        &self,
        user_id: Uuid,
        page: ListPage,
    ) -> Result<Vec<MatchRecord>, StoreError> {
        let rows = self
            .page_rows("match_page", "match_jobs", "", user_id, page)
            .await?;
        rows.iter().map(match_from_row).collect()
    }

    async fn requeue_failed(
        &self,
        kind: ItemKind,
        user_id: Uuid,
        id: Uuid,
    ) -> Result<RequeueOutcome, StoreError> {
        let (table, failed, visible) = sql::item_table(kind);
        let params = vec![
            Param::from(id),
            Param::from(user_id),
            Param::from(Utc::now()),
        ];
        let changed = self
            .execute(
                "requeue_failed",
                format!(
                    "UPDATE {table} SET status = N'queued', error_message = NULL, updated_at = @P3
                     WHERE id = @P1 AND user_id = @P2 AND status = N'{failed}' {visible}"
                ),
                params.clone(),
            )
            .await?;
        if changed == 1 {
            return Ok(RequeueOutcome::Requeued);
        }
        let exists = self
            .fetch_optional(
                "requeue_failed",
                format!(
                    "SELECT 1 AS found FROM {table} WHERE id = @P1 AND user_id = @P2 {visible}"
                ),
                params[..2].to_vec(),
            )
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
        self.run("purge_resume", move |connection| {
            Box::pin(async move {
                begin(connection).await?;
                let Some(storage_path) = lock_document(connection, "resumes", user_id, id).await?
                else {
                    commit(connection).await?;
                    return Ok(None);
                };
                delete_matches_of(connection, "resume_id", id).await?;
                execute(
                    connection,
                    "DELETE FROM resume_skill_vectors WHERE resume_id = @P1;
                     DELETE FROM resume_vectors WHERE resume_id = @P1;
                     DELETE FROM candidate_skills WHERE resume_id = @P1;
                     DELETE FROM resumes WHERE id = @P1;",
                    &[Param::from(id)],
                )
                .await?;
                commit(connection).await?;
                Ok(Some(PurgedItem { storage_path }))
            })
        })
        .await
    }

    async fn purge_job(&self, user_id: Uuid, id: Uuid) -> Result<Option<PurgedItem>, StoreError> {
        self.run("purge_job", move |connection| {
            Box::pin(async move {
                begin(connection).await?;
                let Some(storage_path) =
                    lock_document(connection, "job_descriptions", user_id, id).await?
                else {
                    commit(connection).await?;
                    return Ok(None);
                };
                delete_matches_of(connection, "job_id", id).await?;
                execute(
                    connection,
                    "DELETE FROM requirement_vectors WHERE job_id = @P1;
                     DELETE FROM job_vectors WHERE job_id = @P1;
                     DELETE FROM requirements WHERE job_id = @P1;
                     DELETE FROM job_soft_skills WHERE job_id = @P1;
                     DELETE FROM job_descriptions WHERE id = @P1;",
                    &[Param::from(id)],
                )
                .await?;
                commit(connection).await?;
                Ok(Some(PurgedItem { storage_path }))
            })
        })
        .await
    }

    async fn expired_items(
        &self,
        cutoff: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<ExpiredItem>, StoreError> {
        let rows = self
            .fetch_all(
                "expired_items",
                "SELECT TOP (@P2) kind, id, user_id FROM (
                    SELECT N'resume' AS kind, id, user_id FROM resumes WHERE created_at < @P1
                    UNION ALL
                    SELECT N'job' AS kind, id, user_id FROM job_descriptions
                    WHERE created_at < @P1
                 ) AS expired"
                    .to_string(),
                vec![Param::from(cutoff), Param::from(i64::from(limit))],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let row = RowReader::new(row);
                Ok(ExpiredItem {
                    kind: if row.text("kind")? == "resume" {
                        ItemKind::Resume
                    } else {
                        ItemKind::Job
                    },
                    user_id: row.uuid("user_id")?,
                    id: row.uuid("id")?,
                })
            })
            .collect()
    }
}
