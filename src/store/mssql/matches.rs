//! SQL Server implementation of [`MatchStore`]: match requests and results.

use async_trait::async_trait;
use chrono::Utc;
use uuid::Uuid;

use super::error::MssqlError;
use super::values::{Param, RowReader, legacy_decimal};
use super::{MssqlStore, begin, commit, decode_error, execute, match_from_row, query_rows, sql};
use crate::store::{MatchRecord, MatchResult, MatchStatus, MatchStore, StoreError};

/// Writes a result row: updates it when a redelivered job already wrote it, inserts it
/// otherwise. The range lock keeps two writers of the same id apart. `@P1` result id, `@P2`
/// user, `@P3` resume, `@P4` job, `@P5` rounded score, `@P6` exact score, `@P7` summary,
/// `@P8` now.
const UPSERT_RESULT_SQL: &str = "
UPDATE matches WITH (UPDLOCK, SERIALIZABLE)
   SET score = @P5, score_exact = @P6, summary = @P7, status = N'completed', updated_at = @P8
 WHERE id = @P1;
IF @@ROWCOUNT = 0
    INSERT INTO matches (id, user_id, resume_id, job_id, status, score, score_exact, summary,
        created_at, updated_at)
    VALUES (@P1, @P2, @P3, @P4, N'completed', @P5, @P6, @P7, @P8, @P8);";

#[async_trait]
impl MatchStore for MssqlStore {
    async fn insert_match(&self, record: &MatchRecord) -> Result<(), StoreError> {
        self.execute(
            "insert_match",
            "INSERT INTO match_jobs (id, user_id, resume_id, job_id, status, created_at,
                updated_at) VALUES (@P1, @P2, @P3, @P4, @P5, @P6, @P7)"
                .to_string(),
            vec![
                Param::from(record.id),
                Param::from(record.user_id),
                Param::from(record.resume_id),
                Param::from(record.job_id),
                Param::from(&record.status),
                Param::from(record.created_at),
                Param::from(record.updated_at),
            ],
        )
        .await?;
        Ok(())
    }

    async fn match_record(
        &self,
        user_id: Uuid,
        id: Uuid,
    ) -> Result<Option<MatchRecord>, StoreError> {
        let row = self
            .fetch_optional(
                "match_record",
                "SELECT * FROM match_jobs WHERE id = @P1 AND user_id = @P2".to_string(),
                vec![Param::from(id), Param::from(user_id)],
            )
            .await?;
        row.as_ref().map(match_from_row).transpose()
    }

    async fn match_by_id(&self, id: Uuid) -> Result<Option<MatchRecord>, StoreError> {
        let row = self
            .fetch_optional(
                "match_by_id",
                "SELECT * FROM match_jobs WHERE id = @P1".to_string(),
                vec![Param::from(id)],
            )
            .await?;
        row.as_ref().map(match_from_row).transpose()
    }

    async fn list_matches(&self, user_id: Uuid) -> Result<Vec<MatchRecord>, StoreError> {
        let rows = self
            .fetch_all(
                "list_matches",
                format!(
                    "SELECT * FROM match_jobs WHERE user_id = @P1 {}",
                    sql::NEWEST_FIRST
                ),
                vec![Param::from(user_id)],
            )
            .await?;
        rows.iter().map(match_from_row).collect()
    }

    async fn set_match_status(
        &self,
        id: Uuid,
        status: MatchStatus,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        self.execute(
            "set_match_status",
            "UPDATE match_jobs SET status = @P2, error_message = @P3, updated_at = @P4
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

    async fn complete_match(
        &self,
        id: Uuid,
        score: f64,
        summary: &serde_json::Value,
    ) -> Result<Uuid, StoreError> {
        let summary = summary.to_string();
        self.run("complete_match", move |connection| {
            let summary = summary.clone();
            Box::pin(async move {
                begin(connection).await?;
                let rows = query_rows(
                    connection,
                    "SELECT * FROM match_jobs WITH (UPDLOCK, HOLDLOCK) WHERE id = @P1",
                    &[Param::from(id)],
                )
                .await?;
                let Some(row) = rows.first() else {
                    return Err(MssqlError::RowNotFound {
                        table: "match_jobs",
                        id,
                    });
                };
                let request = match_from_row(row).map_err(decode_error)?;
                let now = Utc::now();
                // A redelivered job overwrites the result it wrote before instead of adding one.
                let result_id = request.result_id.unwrap_or_else(Uuid::new_v4);
                execute(
                    connection,
                    UPSERT_RESULT_SQL,
                    &[
                        Param::from(result_id),
                        Param::from(request.user_id),
                        Param::from(request.resume_id),
                        Param::from(request.job_id),
                        Param::from(legacy_decimal(score)),
                        Param::from(score),
                        Param::from(summary),
                        Param::from(now),
                    ],
                )
                .await?;
                execute(
                    connection,
                    "UPDATE match_jobs SET status = N'completed', result_id = @P2,
                        error_message = NULL, updated_at = @P3 WHERE id = @P1",
                    &[Param::from(id), Param::from(result_id), Param::from(now)],
                )
                .await?;
                commit(connection).await?;
                Ok(result_id)
            })
        })
        .await
    }

    async fn match_result(&self, result_id: Uuid) -> Result<Option<MatchResult>, StoreError> {
        let row = self
            .fetch_optional(
                "match_result",
                "SELECT id, summary, updated_at,
                    COALESCE(score_exact, CAST(score AS FLOAT)) AS score
                 FROM matches WHERE id = @P1"
                    .to_string(),
                vec![Param::from(result_id)],
            )
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let row = RowReader::new(&row);
        Ok(Some(MatchResult {
            id: row.uuid("id")?,
            score: row.opt_f64("score")?.unwrap_or_default(),
            summary: row.opt_json("summary")?.unwrap_or(serde_json::Value::Null),
            completed_at: row.time("updated_at")?,
        }))
    }
}
